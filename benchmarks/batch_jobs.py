"""Batch throughput with 1 and N worker processes over copies of the examples.

Run: python benchmarks/batch_jobs.py [copies] [jobs]. Prints drafts per second for each.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from replygen.batch import BatchOptions, find_drafts, run_batch

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else (os.cpu_count() or 1)
    with tempfile.TemporaryDirectory() as tmp:
        drafts = Path(tmp, "drafts")
        drafts.mkdir()
        for n in range(copies):
            for example in EXAMPLES.glob("*.yaml"):
                shutil.copy(example, drafts / f"{n:04d}-{example.name}")
        sources = find_drafts(str(drafts))
        for workers in sorted({1, jobs}):
            options = BatchOptions(out_dir=str(Path(tmp, f"out{workers}")), formats=("text",), pattern="{stem}")
            start = time.perf_counter()
            summary = run_batch(sources, options, jobs=workers)
            seconds = time.perf_counter() - start
            print(f"jobs={workers}: {summary.total} drafts in {seconds:.2f} s ({summary.total / seconds:.0f}/s)")


if __name__ == "__main__":
    main()
