"""Read the file to import, .txt or .docx, into text and 待核 notes; refuse what is not a letter.

A .txt file is read with a bounded read (never more than :data:`MAX_TEXT_BYTES` + 1 bytes,
whatever the file system says its size is), decoded as drafts are (UTF-8, GB18030, UTF-16
with BOM) and refused when it holds control characters: they are what binary files and
broken conversions leave behind, and no letter contains them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import DecodeError, Problem

__all__ = ["MAX_TEXT_BYTES", "Source", "read_source"]

MAX_TEXT_BYTES = 10_000_000  # a long reply is 50 KB of text; 10 MB is a wrong file

# Controls other than tab, newline, CR and form feed (a page break in extracted text); the
# vertical tab is Word's line break when text is copied out, so it reads as a newline.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


class Source:
    """The text to import and notes about what it could not carry into the letter."""

    def __init__(self, text: str, notes: list[str] | None = None) -> None:
        self.text = text
        self.notes = notes or []


def read_txt(path: Path) -> str:
    from ..loader import decode, read_bytes

    name = str(path)
    text = decode(read_bytes(path, MAX_TEXT_BYTES, "一份答复"), name).replace("\v", "\n")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        code = f"U+{ord(bad.group()):04X}"
        raise DecodeError(
            Problem(f"文件含有控制字符 {code}，不是正常的文本（可能是二进制文件或转换出错），请检查后另存为纯文本", name, line, column)
        )
    return text


def read_source(path: str | os.PathLike[str]) -> Source:
    """Text and notes of a .docx, or of any other file read as text."""
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix == ".docx":
        from .docx import docx_text

        return docx_text(source)
    if suffix == ".doc":
        raise DecodeError(Problem("不支持旧版 .doc 文件，请在 Word 中另存为 .docx 后再导入", str(source)))
    return Source(read_txt(source))
