"""How long `replygen --help` takes from a cold interpreter, next to a bare `python -c pass`.

Run: python benchmarks/cli_startup.py [runs]. The target is under 0.15 s on a laptop.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def median_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    bare = median_seconds([sys.executable, "-c", "pass"], runs)
    help_ = median_seconds([sys.executable, "-m", "replygen", "--help"], runs)
    print(f"python -c pass         {bare:.3f} s")
    print(f"python -m replygen -h  {help_:.3f} s  (+{help_ - bare:.3f} s)")


if __name__ == "__main__":
    main()
