"""How render time grows with draft size: it should grow linearly.

Run from the repository root:  python benchmarks/scaling.py

For each kind of growth (one long paragraph, many sections, many items) the draft is
written as YAML, then loaded and rendered to text, as the CLI does. The table shows the
best of three runs and the time per unit; a flat last column means linear growth.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import yaml

import replygen

SENTENCE = "孵化器建设持续推进，服务能力不断提升。"  # 19 characters, 57 bytes in UTF-8


def draft(sections: list[dict[str, Any]]) -> str:
    data = {
        "issuer": "吉林省科学技术厅",
        "proposal": {"meeting": "省政协十三届一次会议", "number": "219", "title": "关于促进孵化器发展的建议"},
        "proposer": {"name": "费日晨", "type": "member"},
        "sections": sections,
    }
    return yaml.safe_dump(data, allow_unicode=True, width=1_000_000_000)


def long_paragraph(kilobytes: int) -> str:
    repeats = kilobytes * 1024 // len(SENTENCE.encode("utf-8"))
    return draft([{"topic": "政府引导", "paragraphs": [SENTENCE * repeats]}])


def many_sections(count: int) -> str:
    return draft([{"topic": f"主题{n}", "paragraphs": [SENTENCE]} for n in range(1, count + 1)])


def many_items(count: int) -> str:
    return draft([{"topic": "政府引导", "paragraphs": ["主要工作如下："], "items": [SENTENCE] * count}])


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(label: str, unit: str, make: Callable[[int], str], sizes: list[int]) -> None:
    print(f"\n{label}")
    print(f"{'size':>8} {unit:>6}  {'load s':>8} {'render s':>9} {'total s':>8}  {'µs per ' + unit:>12}")
    for size in sizes:
        source = make(size)
        doc = replygen.loads(source, "scaling.yaml")
        load_s = best_of(3, lambda: replygen.loads(source, "scaling.yaml"))
        render_s = best_of(3, lambda: replygen.render_text(doc))
        total = load_s + render_s
        print(f"{size:>8} {unit:>6}  {load_s:8.3f} {render_s:9.3f} {total:8.3f}  {total / size * 1e6:12.1f}")


def main() -> None:
    measure("One long paragraph", "KB", long_paragraph, [128, 256, 512, 1024])
    measure("Many sections", "节", many_sections, [125, 250, 500, 1000])
    measure("Many items", "条", many_items, [1250, 2500, 5000, 10000])


if __name__ == "__main__":
    main()
