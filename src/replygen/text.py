"""Text writer: the block stream as plain text, one paragraph per line.

Body paragraphs are indented two full-width spaces; the title and 发文字号 are centred and
the signature and date set to the right on a 28-character line, as on the printed page.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from .blocks import Block

__all__ = ["LINE_WIDTH", "write_text"]

LINE_WIDTH = 28  # characters per line on a GB/T 9704 page (§5.2.3)
_INDENT = "\u3000\u3000"
_BODY_ROLES = {"p", "h1", "h2", "h3", "h4", "attachment", "note", "contact"}


def _width(text: str) -> float:
    """Display width in full-width characters (a half-width character counts one half)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _pad(columns: float) -> str:
    return "\u3000" * max(0, int(columns))


def write_text(blocks: Iterable[Block]) -> str:
    """Lay ``blocks`` out as text; the result ends with a newline."""
    lines: list[str] = []
    previous = ""
    signature_line = -1
    for block in blocks:
        role, text = block.role, block.text
        if previous == "meta" and role != "meta":
            lines.append("")
        if role in {"salutation", "signature", "cc"} and lines and lines[-1] != "":
            lines.append("")  # a blank line sets off the salutation, the 落款 and the 版记
        if role in _BODY_ROLES:
            lines.append(_INDENT + text)
        elif role in {"title", "docno"}:
            lines.append(_pad((LINE_WIDTH - _width(text)) / 2) + text)
        elif role == "mark":
            lines.append(_pad(LINE_WIDTH - _width(text)) + text)
        elif role == "signature":
            signature_line = len(lines)
            lines.append(text)  # placed once its date is known
        elif role == "date" and signature_line >= 0:
            signature = lines[signature_line]
            # §7.3.5.2: 署名 右空二字, the date two characters further right; a date longer
            # than that allows is set 右空二字 and the 署名 moves left with it.
            start = LINE_WIDTH - 2 - _width(signature)
            start = min(start, LINE_WIDTH - 2 - _width(text) - 2)
            lines[signature_line] = _pad(start) + signature
            lines.append(_pad(start + 2) + text)
            signature_line = -1
        else:  # meta, draft, signer, salutation, cc
            lines.append(text)
        previous = role
    return "\n".join(lines) + "\n"
