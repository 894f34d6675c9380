"""Text writer: the block stream as plain text, one paragraph per line.

Body paragraphs are indented two full-width spaces; the title (broken into the lines the
.docx prints) and 发文字号 are centred, and the 署名 and date placed as the .docx places them
(:mod:`.layout`), on a 28-character line.
"""

from __future__ import annotations

from collections.abc import Iterable

from .blocks import Block, display_width
from .docinfo import DocInfo
from .layout import break_title, docno_with_signer, place_signature

__all__ = ["LINE_WIDTH", "write_paragraphs", "write_text"]

LINE_WIDTH = 28  # characters per line on a GB/T 9704 page (§5.2.3)
_INDENT = "\u3000\u3000"
_BODY_ROLES = frozenset({"p", "h1", "h2", "h3", "h4", "attachment", "note", "contact"})
_SET_OFF = frozenset({"salutation", "signature", "cc", "printer"})  # a blank line before each
_CENTRED = frozenset({"docno", "docline"})


def _pad(columns: float) -> str:
    """Full-width spaces, and a half-width one for a half column (a digit's width)."""
    halves = max(0, int(columns * 2 + 0.5))  # to the nearest half column
    return "\u3000" * (halves // 2) + " " * (halves % 2)


def _right(text: str, gap: float) -> str:
    return _pad(LINE_WIDTH - gap - display_width(text)) + text


def write_text(blocks: Iterable[Block], info: DocInfo | None = None) -> str:
    """Lay ``blocks`` out as text; the result ends with a newline."""
    return write_paragraphs(((block.role, block.text) for block in blocks), info)


def write_paragraphs(paragraphs: Iterable[tuple[str, str]], info: DocInfo | None = None) -> str:
    """Lay paragraphs, each a block role and its text, out as text ending with a newline.

    Text needs no runs: :func:`replygen.blocks.block_texts` reads these pairs straight from
    the rendered stream, which is faster than building blocks first.
    """
    lines: list[str] = []
    append = lines.append
    previous = ""
    signature_line = -1
    seal = info is not None and info.seal
    paragraphs = list(paragraphs)
    joined = docno_with_signer(paragraphs, LINE_WIDTH, display_width)
    for role, text in paragraphs:
        if role == "signer" and joined:
            continue  # printed on the 发文字号's line (§7.2.5)
        if previous == "meta" and role != "meta":
            append("")  # the website's header stands apart from the letter
        if role != "date":
            signature_line = -1  # a 署名 the style prints without a date keeps its place
        if role == "signature" and lines:
            # one blank line above the 落款, two under a seal (§7.3.5)
            while lines[-1] == "":
                lines.pop()
            lines.extend([""] * place_signature(text, None, seal=seal).blank_lines)
        elif role in _SET_OFF and lines and lines[-1] != "" and (role, previous) != ("printer", "cc"):
            append("")  # a blank line sets off the salutation and the 版记 (whose lines stay together)
        if role in _BODY_ROLES:
            append(_INDENT + text)
        elif role == "title":
            lines.extend(_pad((LINE_WIDTH - display_width(line)) / 2) + line for line in break_title(text))
        elif role == "printer":
            append(_pad(1) + text)  # 印发机关 左空一字 (§7.4.3); the date joins its line
        elif role == "printed" and previous == "printer":
            organ = lines[-1]
            lines[-1] = organ + _pad(LINE_WIDTH - 1 - display_width(organ) - display_width(text)) + text
        elif role == "docno" and joined:
            # 发文字号 居左空一字, 签发人 居右空一字 on one line (§7.2.4–7.2.5)
            gap = LINE_WIDTH - 2 * joined.side_chars - display_width(text) - display_width(joined.signer)
            append(_pad(joined.side_chars) + text + _pad(gap) + joined.signer)
        elif role in _CENTRED:
            append(_pad((LINE_WIDTH - display_width(text)) / 2) + text)
        elif role == "mark":
            append(_right(text, 0))
        elif role == "signature":
            signature_line = len(lines)
            append(_right(text, place_signature(text, None, seal=seal).signature_right))
        elif role == "date" and signature_line >= 0:
            # re-placed now its date is known (§7.3.5)
            signature = lines[signature_line].lstrip("\u3000 ")
            place = place_signature(signature, text, seal=seal)
            lines[signature_line] = _right(signature, place.signature_right)
            append(_right(text, place.date_right))
            signature_line = -1
        elif role == "date":
            # A date the style prints without a 署名: 右空四字, where it stands under a seal.
            if lines and lines[-1] != "":
                append("")
            append(_right(text, 4))
        else:  # meta, draft, signer, salutation, cc
            append(text)
        previous = role
    return "\n".join(lines) + "\n"

