"""replygen benchmark: throughput, latency, docxtpl comparison, peak memory and cold start.

Run from a checkout after ``pip install ".[bench]"``::

    python benchmarks/bench.py              # full run (N=2000, jobs 1 and 2)
    python benchmarks/bench.py --quick      # small N, fewer cold-start runs, smaller batches
    python benchmarks/bench.py --only text,cold -n 500

Figures the installed replygen cannot produce yet (no .docx writer, no ``batch`` command)
are printed as "n/a (reason)". See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # docxtpl_equiv beside this file

PARTS = ("text", "docx", "docxtpl", "rss", "cold")
EXCLUDED = {"new-draft.yaml"}  # a scaffold full of placeholders, not a real letter

TARGETS = {
    ("text", "render", 1): ("≥ 2000 docs/s", lambda v: v >= 2000),
    ("docx", "render", 1): ("≥ 150 docs/s", lambda v: v >= 150),
}


# --- machine ---------------------------------------------------------------------


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"machine: {cpu}, {cores} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()} ({platform.python_implementation()}); load avg {load}"
    )


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("replygen", "jinja2", "pydantic", "pyyaml", "python-docx", "lxml", "docxtpl"):
        try:
            out.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            out.append(f"{name} absent")
    return "versions: " + ", ".join(out)


# --- what can be measured ---------------------------------------------------------


def examples(directory: Path) -> list[Path]:
    return [p for p in sorted(directory.glob("*.yaml")) if p.name not in EXCLUDED]


def has_docx() -> str | None:
    """None when replygen can write .docx, else why not."""
    import replygen

    return None if hasattr(replygen, "docx_bytes") else "replygen.docx_bytes not available in this version"


def has_docxtpl() -> str | None:
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        return 'docxtpl not installed (pip install ".[bench]")'
    return None


def replygen_command() -> list[str]:
    """The console script of this interpreter's environment, else ``python -m replygen``."""
    script = Path(sys.executable).with_name("replygen")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "replygen"]


# --- worker side -------------------------------------------------------------------

_STATE: dict[str, Any] = {}


def _renderer(kind: str) -> Callable[[Any], Any]:
    import replygen

    if kind == "text":
        return lambda doc: replygen.render_text(doc)
    if kind == "docx":
        return lambda doc: replygen.docx_bytes(doc)
    raise ValueError(kind)


def _setup(paths: list[str], kinds: list[str], template: bytes | None) -> None:
    """Load every example once and render each through every renderer once (warm-up)."""
    import replygen

    docs = [replygen.load(p) for p in paths]
    _STATE.update(paths=paths, docs=docs, render={})
    for kind in kinds:
        if kind == "docxtpl":
            import docxtpl
            import jinja2

            import docxtpl_equiv

            # From memory, so no worker leaves a temporary file behind.
            tpl = docxtpl.DocxTemplate(io.BytesIO(template or b""))
            # One environment, autoescaped so “&” or “<” in a letter cannot corrupt the file.
            env = jinja2.Environment(autoescape=True)
            contexts = [docxtpl_equiv.build_context(d, replygen.render_blocks(d)) for d in docs]
            _STATE["contexts"] = contexts
            _STATE["render"]["docxtpl"] = lambda i, _t=tpl, _e=env: docxtpl_equiv.render(_t, contexts[i], _e)
        else:
            fn = _renderer(kind)
            _STATE["render"][kind] = lambda i, _f=fn: _f(docs[i])
        for i in range(len(docs)):
            _STATE["render"][kind](i)


def _init_worker(paths: list[str], kinds: list[str], template: bytes | None, barrier: Any) -> None:
    try:
        _setup(paths, kinds, template)
    except Exception as exc:  # noqa: BLE001 - a failing initializer would be respawned forever
        _STATE["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        barrier.wait()  # the clock starts only when every worker is warm


def _run_chunk(task: tuple[str, str, int, int]) -> list[int]:
    """Render documents start..stop-1 (examples cycled); per-document nanoseconds."""
    import replygen

    kind, mode, start, stop = task
    if "error" in _STATE:
        raise RuntimeError(_STATE["error"])
    render = _STATE["render"][kind]
    paths, count = _STATE["paths"], len(_STATE["paths"])
    times = []
    clock = time.perf_counter_ns
    if mode == "render":
        for n in range(start, stop):
            t0 = clock()
            render(n % count)
            times.append(clock() - t0)
    else:  # load+render: parse and validate the YAML file every time, as a batch does
        fn = _renderer(kind)
        for n in range(start, stop):
            t0 = clock()
            fn(replygen.load(paths[n % count]))
            times.append(clock() - t0)
    return times


# --- throughput ----------------------------------------------------------------------


class Result:
    def __init__(self, label: str, jobs: int, docs_s: float, p50: float, p99: float) -> None:
        self.label, self.jobs, self.docs_s, self.p50, self.p99 = label, jobs, docs_s, p50, p99


def percentile(sorted_ns: list[int], q: float) -> float:
    index = min(len(sorted_ns) - 1, max(0, round(q * (len(sorted_ns) - 1))))
    return sorted_ns[index] / 1e6


def throughput(
    kind: str, mode: str, jobs: int, n: int, paths: list[str], template: bytes | None
) -> Result:
    """N documents through a pool of ``jobs`` warmed-up workers; wall clock in this process."""
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    barrier = ctx.Barrier(jobs + 1)
    size = max(1, min(100, n // (jobs * 8)))
    tasks = [(kind, mode, s, min(n, s + size)) for s in range(0, n, size)]
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(paths, [kind], template, barrier)) as pool:
        barrier.wait()
        t0 = time.perf_counter()
        chunks = pool.map(_run_chunk, tasks, chunksize=1)
        wall = time.perf_counter() - t0
    times = sorted(t for chunk in chunks for t in chunk)
    return Result(f"{kind} {mode}", jobs, n / wall, percentile(times, 0.50), percentile(times, 0.99))


# --- peak RSS ----------------------------------------------------------------------------

_LOOP = """
import sys, replygen
from pathlib import Path
from replygen.output import atomic_write
paths, count, out, fmt = sys.argv[1].split(","), int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
for n in range(count):
    doc = replygen.load(paths[n % len(paths)])
    data = replygen.docx_bytes(doc) if fmt == "docx" else replygen.render_text(doc).encode()
    atomic_write(out / f"{n % 100}.{fmt}", data)
"""


def _rss_child(argv: list[str]) -> None:
    """Run ``argv``, then print its peak RSS in KiB (this process only waits, so it is fresh)."""
    code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)


def batch_available() -> str | None:
    probe = subprocess.run([*replygen_command(), "batch", "--help"], capture_output=True)
    return None if probe.returncode == 0 else "no `replygen batch` command in this version"


def peak_rss(count: int, paths: list[Path], fmt: str, use_batch: bool) -> tuple[float, str]:
    """Peak RSS (MB) of one batch of ``count`` drafts, measured in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="bench-rss-") as tmp:
        out = Path(tmp, "out")
        out.mkdir()
        if use_batch:
            source = Path(tmp, "drafts")
            source.mkdir()
            for n in range(count):  # hard links: as many drafts as wanted, no disk cost
                src = paths[n % len(paths)]
                os.link(src, source / f"{n:05d}-{src.name}")
            # Copies share proposal numbers; name outputs after the copies so each is written.
            argv = [*replygen_command(), "batch", str(source), "-o", str(out), "--format", fmt,
                    "--pattern", "{stem}", "--jobs", "1"]  # fmt: skip
        else:
            argv = [sys.executable, "-c", _LOOP, ",".join(map(str, paths)), str(count), str(out), fmt]
        probe = subprocess.run(
            [sys.executable, str(Path(__file__)), "--_rss-child", "--", *argv],
            capture_output=True,
            text=True,
            check=True,
        )
    kib, code = probe.stdout.split()
    note = "" if code == "0" else f" (exit code {code})"
    return int(kib) / 1024, note  # Linux reports ru_maxrss in KiB


# --- cold start ------------------------------------------------------------------------------


def cold(argv: list[str], runs: int) -> tuple[float, int]:
    """Median wall time (s) of a whole process, and its last exit code."""
    times, code = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        times.append(time.perf_counter() - t0)
    return statistics.median(times), code


# --- table ------------------------------------------------------------------------------------


class Table:
    HEAD = ("figure", "jobs", "docs/s", "p50 ms", "p99 ms", "target", "")

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []
        self.notes: list[str] = []

    def note(self, text: str) -> str:
        """A footnote under the table; returns its marker for a cell."""
        if text not in self.notes:
            self.notes.append(text)
        return f"[{self.notes.index(text) + 1}]"

    def na(self, reason: str) -> str:
        return f"n/a {self.note(reason)}"

    def add(self, *cells: object) -> None:
        row = tuple("" if c is None else str(c) for c in cells)
        self.rows.append(row + ("",) * (len(self.HEAD) - len(row)))
        print("  … " + " | ".join(c for c in row if c), file=sys.stderr, flush=True)

    def show(self) -> None:
        rows = [self.HEAD, *self.rows]
        widths = [max(_width(r[i]) for r in rows) for i in range(len(self.HEAD))]
        for k, row in enumerate(rows):
            print("| " + " | ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)) + " |")
            if k == 0:
                print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for i, text in enumerate(self.notes, 1):
            print(f"[{i}] {text}")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def mark(ok: bool) -> str:
    return "pass" if ok else "FAIL"


# --- main ---------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="replygen benchmark (see benchmarks/README.md)")
    parser.add_argument("-n", type=int, default=None, help="documents per throughput figure (default 2000; 200 with --quick)")
    parser.add_argument("--jobs", default="1,2", help="worker counts, comma-separated (default 1,2)")
    parser.add_argument("--only", default=",".join(PARTS), help=f"parts to run, comma-separated ({','.join(PARTS)})")
    parser.add_argument("--quick", action="store_true", help="small N, batches of 100/1000, 3 cold runs")
    parser.add_argument("--examples", type=Path, default=ROOT / "examples", help="directory of example drafts")
    parser.add_argument("--docxtpl-base", choices=("slim", "default"), default="slim",
                        help="docxtpl template on a slimmed base (like replygen's) or python-docx's default one")
    parser.add_argument("--_rss-child", dest="rss_child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.n is None:
        args.n = 200 if args.quick else 2000
    args.jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
    args.only = {p.strip() for p in args.only.split(",") if p.strip()}
    unknown = args.only - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.rss_child:
        _rss_child(args.rest)
        return 0
    paths = examples(args.examples)
    if not paths:
        print(f"no examples in {args.examples}", file=sys.stderr)
        return 2
    print(machine_line())
    print(versions())
    print(
        f"documents: {len(paths)} examples ({', '.join(p.stem for p in paths)}; new-draft excluded), "
        f"cycled to N={args.n}; jobs {','.join(map(str, args.jobs))}"
    )
    print()
    table = Table()
    no_docx = has_docx()
    no_tpl = has_docxtpl()
    str_paths = [str(p) for p in paths]
    results: dict[tuple[str, str, int], Result] = {}

    for kind in ("text", "docx"):
        if kind not in args.only:
            continue
        if kind == "docx" and no_docx:
            table.add("docx render", 1, table.na(no_docx), "", "", TARGETS[("docx", "render", 1)][0])
            continue
        try:
            _setup(str_paths, [kind], None)  # fails here, with a readable reason, if it fails at all
        except Exception as exc:  # noqa: BLE001
            table.add(f"{kind} render", 1, table.na(f"{kind} rendering failed: {type(exc).__name__}: {exc}"))
            continue
        for mode in ("render", "load+render"):
            for jobs in args.jobs:
                r = throughput(kind, mode, jobs, args.n, str_paths, None)
                results[(kind, mode, jobs)] = r
                target = TARGETS.get((kind, mode, jobs))
                table.add(r.label, jobs, f"{r.docs_s:,.0f}", f"{r.p50:.2f}", f"{r.p99:.2f}",
                          target[0] if target else "", mark(target[1](r.docs_s)) if target else "")
        if {1, 2} <= set(args.jobs):
            for mode in ("render", "load+render"):
                ratio = results[(kind, mode, 2)].docs_s / results[(kind, mode, 1)].docs_s
                table.add(f"{kind} {mode} speedup 2 jobs / 1", 2, f"{ratio:.2f}×", "", "", "≥ 1.8×", mark(ratio >= 1.8))

    if "docxtpl" in args.only:
        if no_tpl:
            table.add("docxtpl render", 1, table.na(no_tpl))
        else:
            import docxtpl_equiv
            import replygen

            blocks = [replygen.render_blocks(replygen.load(p)) for p in paths]
            template = docxtpl_equiv.build_template(blocks, slim=args.docxtpl_base == "slim")
            _setup(str_paths, ["docxtpl"], template)  # also proves the template is equivalent
            for i, b in enumerate(blocks):
                problem = docxtpl_equiv.check(_STATE["render"]["docxtpl"](i), b)
                if problem:
                    print(f"warning: docxtpl output of {paths[i].name} differs: {problem}", file=sys.stderr)
            r = throughput("docxtpl", "render", 1, args.n, str_paths, template)
            results[("docxtpl", "render", 1)] = r
            table.add(f"docxtpl render ({args.docxtpl_base} base)", 1, f"{r.docs_s:,.0f}", f"{r.p50:.2f}", f"{r.p99:.2f}")
            mine = results.get(("docx", "render", 1))
            if mine:
                ratio = mine.docs_s / r.docs_s
                table.add("ratio replygen docx / docxtpl", 1, f"{ratio:.2f}×", "", "", "≥ 3×", mark(ratio >= 3))
            else:
                reason = no_docx or "docx part not run"
                table.add("ratio replygen docx / docxtpl", 1, table.na(reason), "", "", "≥ 3×")

    if "rss" in args.only:
        counts = (100, 1000) if args.quick else (1000, 10000)
        no_batch = batch_available()
        fmt = "text" if no_docx else "docx"
        if no_batch:
            how = f"{fmt} " + table.note(
                f"{no_batch}: measured a load+render+write loop in one subprocess instead"
            )
        else:
            how = f"replygen batch --format {fmt}"
        peaks = []
        for count in counts:
            mb, note = peak_rss(count, paths, fmt, use_batch=not no_batch)
            peaks.append(mb)
            target = ("≤ 150 MB", mark(mb <= 150)) if count == 10000 else ("", "")
            table.add(f"peak RSS, {count:,} drafts, {how}{note}", 1, f"{mb:.0f} MB", "", "", *target)
        # What may grow is the sorted list of file names the batch walks and the output names it
        # keeps (a few hundred bytes a draft); a document kept after it is written would cost
        # tens of kilobytes.
        per_draft = (peaks[1] - peaks[0]) * 1024 * 1024 / (counts[1] - counts[0])  # peaks in MiB
        table.add(
            f"RSS growth {counts[0]:,} → {counts[1]:,}", "",
            f"{peaks[1] / peaks[0] - 1:+.0%}, {per_draft:,.0f} B/draft", "", "",
            "≤ 2 000 B/draft", mark(per_draft <= 2000),
        )  # fmt: skip

    if "cold" in args.only:
        runs = 3 if args.quick else 7
        command = replygen_command()
        shown = "replygen" if len(command) == 1 else "python -m replygen"
        t, _ = cold([*command, "--help"], runs)  # argparse's help exits 0, bare command 2
        table.add(f"cold: {shown} --help (median of {runs})", "", f"{t:.3f} s", "", "", "≤ 0.15 s", mark(t <= 0.15))
        fmt = "text" if no_docx else "docx"
        sample = args.examples / "reply-004-kjt-2023-92.yaml"
        if not sample.is_file():
            sample = paths[0]
        with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
            t, code = cold([*command, "render", str(sample), "--format", fmt, "-o", tmp], runs)
        label = f"cold: {shown} render {sample.stem[:9]} --format {fmt}"
        if no_docx:
            label += " " + table.note(f"docx: {no_docx}; rendered text instead")
        if code:
            label += " " + table.note(f"render exited with code {code}: the time is not a valid figure")
        target = ("≤ 0.5 s", mark(t <= 0.5)) if fmt == "docx" and not code else ("≤ 0.5 s (docx)", "")
        table.add(label, "", f"{t:.3f} s", "", "", *target)

    print()
    table.show()
    return 0


if __name__ == "__main__":
    sys.exit(main())
