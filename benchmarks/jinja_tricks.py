"""What the speed trick of the built-in templates buys: text render with and without it.

``DirectCalls`` in ``src/replygen/_jinja.py`` replaces Jinja's ``Context.call``, an internal; the
project keeps a trick on an internal only while it earns its keep (see that class). This script
renders the examples with the built-in environment as shipped (``shipped``) and with Jinja's own
``Context`` (``plain``).

On a shared or virtual machine, timings of a few per cent drift from run to run, so the main
figure is a count: the instructions one text render executes, read with valgrind's cachegrind
(``apt install valgrind``), the same on every run. The count of a run rendering 5 documents is
taken from one rendering 205, leaving 200 documents' worth without start-up and imports. With
``--time`` (or without valgrind) it times CPU seconds instead, best of ten samples, alternating
the variants over several rounds.

    python benchmarks/jinja_tricks.py            # instructions per document (valgrind)
    taskset -c 1 python benchmarks/jinja_tricks.py --time 10
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ("shipped", "plain")

# Runs inside each measuring process: argv[1] is the variant, argv[2] "count N" or "time".
_MEASURE = """
import glob, sys, time
import jinja2.runtime
import replygen, replygen.render as render

if sys.argv[1] == "plain":
    render._Builtin.context_class = jinja2.runtime.Context
docs = [replygen.load(f) for f in sorted(glob.glob("examples/*.yaml")) if "new-draft" not in f]
if sys.argv[2] == "count":
    for i in range(int(sys.argv[3])):
        replygen.render_text(docs[i % len(docs)])
else:
    for doc in docs * 4:
        replygen.render_text(doc)
    best = float("inf")
    for _ in range(10):
        start = time.process_time()
        for i in range(300):
            replygen.render_text(docs[i % len(docs)])
        best = min(best, (time.process_time() - start) / 300)
    print(best * 1e6)
"""


def _run(variant: str, cache: Path, *args: str, under: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "REPLYGEN_CACHE_DIR": str(cache / variant)}
    argv = [*under, sys.executable, "-c", _MEASURE, variant, *args]
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=True)


def instructions(variant: str, cache: Path, documents: int) -> int:
    """Instructions a run rendering ``documents`` executes in all, counted by cachegrind."""
    under = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null")
    report = _run(variant, cache, "count", str(documents), under=under).stderr
    found = re.search(r"I\s+refs:\s+([\d,]+)", report)
    if found is None:
        raise SystemExit(f"cachegrind printed no instruction count:\n{report}")
    return int(found[1].replace(",", ""))


def per_document(variant: str, cache: Path) -> float:
    _run(variant, cache, "count", "5")  # compile the templates into the cache first
    return (instructions(variant, cache, 205) - instructions(variant, cache, 5)) / 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", type=int, metavar="ROUNDS", help="time CPU seconds over ROUNDS rounds instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="replygen-tricks-") as folder:
        cache = Path(folder)
        if args.time is None and shutil.which("valgrind"):
            counts = {variant: per_document(variant, cache) for variant in VARIANTS}
            for variant in VARIANTS:
                print(f"{variant:8} {counts[variant]:12,.0f} instructions per text render")
            print(f"plain executes {counts['plain'] / counts['shipped'] - 1:+.1%} more: what DirectCalls saves")
            return
        rounds = args.time or 8
        figures: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
        for round_ in range(rounds):
            print(f"round {round_ + 1}/{rounds}", file=sys.stderr)
            for variant in VARIANTS:
                figures[variant].append(float(_run(variant, cache, "time").stdout))
    for variant in VARIANTS:
        values = figures[variant]
        print(f"{variant:8} best {min(values):.1f} µs, median {statistics.median(values):.1f} µs CPU per text render")
    best = min(figures["plain"]) / min(figures["shipped"]) - 1
    median = statistics.median(figures["plain"]) / statistics.median(figures["shipped"]) - 1
    print(f"DirectCalls buys {best:+.1%} (best), {median:+.1%} (median)")


if __name__ == "__main__":
    main()
