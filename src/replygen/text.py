"""Text writer: the block stream as plain text, one paragraph per line.

Body paragraphs are indented two full-width spaces; the title and 发文字号 are centred and
the signature and date set to the right on a 28-character line, as on the printed page.
"""

from __future__ import annotations

from collections.abc import Iterable

from .blocks import Block, display_width

__all__ = ["LINE_WIDTH", "write_paragraphs", "write_text"]

LINE_WIDTH = 28  # characters per line on a GB/T 9704 page (§5.2.3)
_INDENT = "\u3000\u3000"
_BODY_ROLES = frozenset({"p", "h1", "h2", "h3", "h4", "attachment", "note", "contact"})
_SET_OFF = frozenset({"salutation", "signature", "cc"})  # a blank line before each


def _pad(columns: float) -> str:
    return "\u3000" * max(0, int(columns))


def write_text(blocks: Iterable[Block]) -> str:
    """Lay ``blocks`` out as text; the result ends with a newline."""
    return write_paragraphs((block.role, block.text) for block in blocks)


def write_paragraphs(paragraphs: Iterable[tuple[str, str]]) -> str:
    """Lay paragraphs, each a block role and its text, out as text ending with a newline.

    Text needs no runs: :func:`replygen.blocks.block_texts` reads these pairs straight from
    the rendered stream, which is faster than building blocks first.
    """
    lines: list[str] = []
    append = lines.append
    previous = ""
    signature_line = -1
    for role, text in paragraphs:
        if previous == "meta" and role != "meta":
            append("")  # the website's header stands apart from the letter
        if role in _SET_OFF and lines and lines[-1] != "":
            append("")  # a blank line sets off the salutation, the 落款 and the 版记
        if role in _BODY_ROLES:
            append(_INDENT + text)
        elif role in {"title", "docno"}:
            append(_pad((LINE_WIDTH - display_width(text)) / 2) + text)
        elif role == "mark":
            append(_pad(LINE_WIDTH - display_width(text)) + text)
        elif role == "signature":
            signature_line = len(lines)
            append(text)  # placed once its date is known
        elif role == "date" and signature_line >= 0:
            signature = lines[signature_line]
            # §7.3.5.2: 署名 右空二字, the date two characters further right; a date longer
            # than that allows is set 右空二字 and the 署名 moves left with it.
            start = LINE_WIDTH - 2 - display_width(signature)
            start = min(start, LINE_WIDTH - 2 - display_width(text) - 2)
            lines[signature_line] = _pad(start) + signature
            append(_pad(start + 2) + text)
            signature_line = -1
        else:  # meta, draft, signer, salutation, cc
            append(text)
        previous = role
    return "\n".join(lines) + "\n"
