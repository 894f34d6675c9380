"""How long `replygen intake` takes on a 1,000-row 交办清单, in one process on one core.

Run: python benchmarks/intake.py [rows]. The target is well under two seconds for 1,000 rows,
reading the .xlsx and writing every draft; the .csv figure is printed beside it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from replygen.intake import IntakeOptions, run_intake

UNIT = "吉林省科学技术厅"


def build(folder: Path, rows: int) -> tuple[Path, Path]:
    """The same list as .xlsx (with a title row and merged cells) and as .csv."""
    header = ["序号", "提案号", "案由", "提案人", "界别", "主办单位", "会办单位", "交办日期"]
    body = [
        [i, f"2023W{i:04d}", f"关于加快第{i}项科技型中小企业创新发展工作的提案", "李秀玉、王五", "经济界",
         UNIT if i % 3 else "省财政厅", "省人社厅、" + UNIT if i % 3 == 0 else "省人社厅", dt.date(2023, 3, 1)]
        for i in range(1, rows + 1)
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["省政协十三届一次会议提案交办清单"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in body:
        sheet.append(row)
    xlsx = folder / "清单.xlsx"
    book.save(xlsx)
    csv = folder / "清单.csv"
    csv.write_text(
        "\n".join(",".join(map(str, row)) for row in [header, *body]) + "\n", encoding="utf-8"
    )
    return xlsx, csv


def timed(listing: Path, out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = run_intake(listing, IntakeOptions(out_dir=str(out), unit=UNIT))
    elapsed = time.perf_counter() - start
    assert not result.problems, result.problems[:3]
    return elapsed, len(result.written)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Python {sys.version.split()[0]}, one core, load average {load:.1f} (a busy machine slows every figure)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx, csv = build(folder, rows)
        timed(csv, folder / "warm")  # imports and the template environment, once
        for listing in (xlsx, csv):
            seconds, written = timed(listing, folder / listing.suffix.lstrip("."))
            print(f"{listing.suffix:6} {rows} rows → {written} drafts  {seconds:.2f} s  ({written / seconds:.0f} drafts/s)")


if __name__ == "__main__":
    main()
