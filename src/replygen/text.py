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
_CENTRED = frozenset({"title", "docno", "docline"})


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
        if signature_line >= 0 and role != "date":
            _place_signature(lines, signature_line, None)  # a 署名 the style prints without a date
            signature_line = -1
        if role in _SET_OFF and lines and lines[-1] != "":
            append("")  # a blank line sets off the salutation, the 落款 and the 版记
        if role in _BODY_ROLES:
            append(_INDENT + text)
        elif role in _CENTRED:
            append(_pad((LINE_WIDTH - display_width(text)) / 2) + text)
        elif role == "mark":
            append(_pad(LINE_WIDTH - display_width(text)) + text)
        elif role == "signature":
            signature_line = len(lines)
            append(text)  # placed once its date is known
        elif role == "date" and signature_line >= 0:
            _place_signature(lines, signature_line, text)
            signature_line = -1
        elif role == "date":
            # A date the style prints without a 署名: 右空四字, where it stands under a seal.
            if lines and lines[-1] != "":
                append("")
            append(_pad(LINE_WIDTH - 4 - display_width(text)) + text)
        else:  # meta, draft, signer, salutation, cc
            append(text)
        previous = role
    if signature_line >= 0:
        _place_signature(lines, signature_line, None)
    return "\n".join(lines) + "\n"


def _place_signature(lines: list[str], index: int, date: str | None) -> None:
    """Set the 署名 at ``index`` and append its date, if any.

    §7.3.5.2: 署名 右空二字, the date two characters further right; a date longer than that
    allows is set 右空二字 and the 署名 moves left with it.
    """
    signature = lines[index]
    start = LINE_WIDTH - 2 - display_width(signature)
    if date is not None:
        start = min(start, LINE_WIDTH - 2 - display_width(date) - 2)
    lines[index] = _pad(start) + signature
    if date is not None:
        lines.append(_pad(start + 2) + date)
