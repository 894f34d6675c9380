"""Render an example to PNG images of its first two pages, to look at the layout.

Usage: python tools/preview.py examples/reply-004-kjt-2023-92.yaml [-o OUTDIR] [--profile NAME]
Needs LibreOffice (soffice) and poppler (pdftoppm).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import replygen


def main() -> int:
    parser = argparse.ArgumentParser(description="把草稿生成 .docx 并转成前两页的 PNG 图片")
    parser.add_argument("file", help="YAML 草稿")
    parser.add_argument("-o", "--outdir", default=".", help="PNG 输出目录")
    parser.add_argument("--profile", default=None, help="版式配置（内置名称或 YAML 文件）")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        print("需要安装 LibreOffice（soffice）和 poppler-utils（pdftoppm）", file=sys.stderr)
        return 2
    stem = Path(args.file).stem
    outdir = Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        docx_path = Path(tmp) / f"{stem}.docx"
        replygen.render_docx(replygen.load(args.file), docx_path, profile=args.profile)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(docx_path)],
            check=True, capture_output=True,
        )
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(args.dpi), "-f", "1", "-l", "2",
             str(Path(tmp) / f"{stem}.pdf"), str(outdir / stem)],
            check=True,
        )
    for png in sorted(outdir.glob(f"{stem}-*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
