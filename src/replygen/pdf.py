"""PDF and PNG pages of a .docx, through LibreOffice (``soffice``) and poppler (``pdftoppm``).

Both are outside programs: when one is missing the error names the package that provides it.
Each conversion runs LibreOffice with a private profile in a temporary directory, so it never
touches the user's own LibreOffice settings or collides with a LibreOffice already open.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ReplygenError

__all__ = ["PdfError", "docx_to_pdf", "pdf_to_png"]

_TIMEOUT = 300  # seconds: a first start of LibreOffice builds its profile


class PdfError(ReplygenError):
    """LibreOffice or poppler is missing or failed."""


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise PdfError(f"生成 PDF/图片需要 {name}，但未找到；请先安装 {package}（如 apt-get install {package}）")
    return found


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF LibreOffice prints from ``docx``."""
    soffice = _tool("soffice", "libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="replygen-pdf-") as tmp:
        folder = Path(tmp)
        (folder / "document.docx").write_bytes(docx)
        command = [
            soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
            "--convert-to", "pdf", "--outdir", str(folder), str(folder / "document.docx"),
        ]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT, check=False,
                           env={**os.environ, "HOME": str(folder)})
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice 在 {_TIMEOUT} 秒内未能生成 PDF") from None
        pdf = folder / "document.pdf"
        if not pdf.is_file():
            raise PdfError("LibreOffice 未能生成 PDF（可关闭正在运行的 LibreOffice 后重试）")
        return pdf.read_bytes()


def pdf_to_png(pdf: bytes, directory: Path, stem: str, *, pages: int | None = None, dpi: int = 60) -> list[Path]:
    """Write the first ``pages`` pages (all when ``None``) as ``stem-N.png`` in ``directory``."""
    pdftoppm = _tool("pdftoppm", "poppler-utils")
    with tempfile.TemporaryDirectory(prefix="replygen-png-") as tmp:
        source = Path(tmp) / "document.pdf"
        source.write_bytes(pdf)
        command = [pdftoppm, "-png", "-r", str(dpi), *(["-l", str(pages)] if pages else []), str(source), str(Path(tmp) / "page")]
        result = subprocess.run(command, capture_output=True, timeout=_TIMEOUT, check=False)
        made = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rpartition("-")[2]))
        if result.returncode != 0 or not made:
            raise PdfError("pdftoppm 未能把 PDF 转成图片")
        from .output import atomic_write

        return [atomic_write(directory / f"{stem}-{int(p.stem.rpartition('-')[2])}.png", p.read_bytes()) for p in made]
