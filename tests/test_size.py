"""Large drafts render completely and correctly (speed lives in benchmarks/scaling.py)."""

from __future__ import annotations

from typing import Any

import replygen
from replygen.loader import validate


def reply(sections: list[dict[str, Any]]) -> Any:
    return validate(
        {
            "issuer": "吉林省科学技术厅",
            "proposal": {"meeting": "省政协十三届一次会议", "number": "219", "title": "关于促进孵化器发展的建议"},
            "proposer": {"name": "费日晨", "type": "member"},
            "sections": sections,
        }
    )


def test_a_one_megabyte_paragraph_renders_whole() -> None:
    paragraph = "甲" + "孵化器建设持续推进，服务能力不断提升。" * 55_200 + "乙"
    assert len(paragraph.encode("utf-8")) > 1_000_000
    text = replygen.render_text(reply([{"topic": "政府引导", "paragraphs": [paragraph]}]))
    assert "\u3000\u3000" + paragraph + "\n" in text


def test_a_thousand_sections_are_numbered_in_order() -> None:
    sections = [{"topic": f"第{n}号主题", "paragraphs": [f"正文{n}。"]} for n in range(1, 1001)]
    text = replygen.render_text(reply(sections))
    for n, numeral in [(1, "一"), (10, "十"), (11, "十一"), (101, "一百零一"), (999, "九百九十九"), (1000, "一千")]:
        assert f"{numeral}、关于“第{n}号主题”的建议" in text
    assert text.count("的建议\n") >= 1000
    positions = [text.index(f"正文{n}。\n") for n in range(1, 1001)]
    assert positions == sorted(positions)


def test_ten_thousand_items_are_all_there_and_numbered() -> None:
    items = [f"条目内容{n}。" for n in range(1, 10_001)]
    text = replygen.render_text(reply([{"topic": "政府引导", "paragraphs": ["主要工作如下："], "items": items}]))
    lines = [line for line in text.splitlines() if line.startswith("\u3000\u3000") and "条目内容" in line]
    assert lines == [f"\u3000\u3000{n}.条目内容{n}。" for n in range(1, 10_001)]
