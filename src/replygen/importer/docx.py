"""Read a .docx reply as the lines the text importer understands.

Word keeps automatic numbering (一、（一）1.) outside the paragraph text, in the numbering
part, and marks headings by style. Both are turned back into the typed numbers a text file
would carry, so the rest of the pipeline sees one kind of input.
"""

from __future__ import annotations

import os
import re
import zipfile
from typing import Any

from ..errors import DecodeError, Problem

__all__ = ["docx_text"]

# What each level's number looks like in the text the classifier reads.
_MARKER = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)
_TYPED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _num_level(paragraph: Any, formats: dict[tuple[str, str], str]) -> int:
    """The level Word numbers this paragraph at, 0 when it has no automatic number."""
    ppr = paragraph._p.pPr
    numpr = ppr.numPr if ppr is not None else None
    if numpr is None or numpr.numId is None:
        return 0
    num_id = str(numpr.numId.val)
    ilvl = str(numpr.ilvl.val) if numpr.ilvl is not None else "0"
    if num_id == "0":
        return 0
    fmt = formats.get((num_id, ilvl), "")
    # Word's own formats tell 一、 from 1. better than the indent level does.
    if "chinese" in fmt or "ideograph" in fmt:
        return 2 if fmt.endswith("paren") else 1
    return 4 if int(ilvl) >= 1 else 3


def _formats(document: Any) -> dict[tuple[str, str], str]:
    """numId and ilvl → Word's number format name (with “paren” added for （一） patterns)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[str, str]] = {}
    for node in numbering.findall(f"{_W}abstractNum"):
        levels = {}
        for lvl in node.findall(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            text = lvl.find(f"{_W}lvlText")
            name = fmt.get(f"{_W}val", "") if fmt is not None else ""
            if text is not None and text.get(f"{_W}val", "").startswith(("（", "(")):
                name += "paren"
            levels[lvl.get(f"{_W}ilvl", "0")] = name.lower()
        abstract[node.get(f"{_W}abstractNumId", "")] = levels
    out: dict[tuple[str, str], str] = {}
    for num in numbering.findall(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        levels = abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {})
        for ilvl, name in levels.items():
            out[(num.get(f"{_W}numId", ""), ilvl)] = name
    return out


def _paragraphs(document: Any) -> Any:
    """Body paragraphs in order, including those inside tables (a 征询意见表, a 版记 table)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell is listed once per grid column
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


def docx_text(path: str | os.PathLike[str]) -> str:
    """The document's paragraphs, one per line, with automatic numbers written out."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = str(path)
    if not os.path.isfile(name):
        raise DecodeError(Problem("文件不存在，请检查路径", name))
    try:
        document = docx.Document(name)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise DecodeError(Problem("不是有效的 .docx 文件（可能是旧版 .doc 或已损坏），请在 Word 中另存为 .docx", name)) from None
    formats = _formats(document)
    lines: list[str] = []
    for paragraph in _paragraphs(document):
        text = paragraph.text.replace("\v", "").strip()
        if not text:
            continue
        level = _num_level(paragraph, formats)
        style = _HEADING_STYLE.match(paragraph.style.name if paragraph.style is not None else "")
        if not level and style and 1 <= int(style.group(1)) <= 4 and not _TYPED.match(text):
            level = int(style.group(1))
        if level and not _TYPED.match(text):
            text = _MARKER[level] + text
        lines.append(text)
    return "\n".join(lines) + "\n"
