"""Read a PDF's text lines with positions (poppler's ``pdftotext -bbox-layout``)."""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

MM = 72 / 25.4  # points per millimetre
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    text: str
    x_min: float
    x_max: float
    y_min: float
    y_max: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    def body(self, top_mm: float, height_mm: float) -> list[Line]:
        """Lines inside the 版心 (the page number sits below it)."""
        top, bottom = top_mm * MM, (top_mm + height_mm) * MM
        return [line for line in self.lines if top - 2 <= line.y_min and line.y_max <= bottom + 2]


def read_pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{XHTML}word")]
            box = [float(line.get(k)) for k in ("xMin", "xMax", "yMin", "yMax")]
            lines.append(Line("".join(words), *box))
        lines.sort(key=lambda ln: (round(ln.y_min), ln.x_min))
        pages.append(Page(number, float(page.get("width")), float(page.get("height")), tuple(_merge(lines))))
    return pages


def _merge(lines: list[Line]) -> list[Line]:
    """One entry per printed line: poppler may split a line where fonts change."""
    merged: list[Line] = []
    for line in lines:
        last = merged[-1] if merged else None
        if last is not None and abs(last.y_max - line.y_max) < 3:
            merged[-1] = Line(last.text + line.text, min(last.x_min, line.x_min), max(last.x_max, line.x_max),
                              min(last.y_min, line.y_min), max(last.y_max, line.y_max))
        else:
            merged.append(line)
    return merged


def is_wide(text: str) -> bool:
    return all(unicodedata.east_asian_width(c) in "WFA" for c in text)


def horizontal_rules(pdf: Path, page: int, min_length: float, dpi: int = 100) -> list[tuple[float, float, float]]:
    """Horizontal lines at least ``min_length`` points long on ``page``: (y, x_min, x_max) in points.

    The page is rasterised in grey without anti-aliasing (poppler's ``pdftoppm``); a row counts
    when it holds one dark run that long. Adjacent rows of one thick line give one entry.
    """
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-gray", "-r", str(dpi), "-aa", "no", "-aaVector", "no", "-f", str(page), "-l", str(page),
             "-singlefile", str(pdf), str(root)],
            capture_output=True, check=True,
        )
        data = root.with_suffix(".pgm").read_bytes()
    magic, width_text, height_text, _maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    width, height = int(width_text), int(height_text)
    scale = 72 / dpi
    found: list[tuple[float, float, float]] = []
    previous_row = -2
    for row in range(height):
        runs = [m.span() for m in _DARK.finditer(pixels[row * width : (row + 1) * width])]
        start, end = max(runs, key=lambda r: r[1] - r[0], default=(0, 0))
        if (end - start) * scale < min_length:
            continue
        if row != previous_row + 1:  # the next row of the same line is not another line
            found.append((row * scale, start * scale, end * scale))
        previous_row = row
    return found


_DARK = re.compile(rb"[\x00-\x7f]+")
