"""Clean stage: raw extracted text → the 信息公开 header and a list of whole paragraphs.

Extracted replies carry noise the real document never had: paragraphs broken across lines and
page breaks, stray spaces inside words, Markdown heading marks, tabs or full-width spaces as
indentation, and sometimes half-width punctuation throughout. This stage undoes that noise
and nothing else: wording is kept as it is.
"""

from __future__ import annotations

import re

from ..layout import break_title
from . import patterns as P

__all__ = ["Cleaned", "clean"]

_SPACE = "[ \t\u3000\u00a0\u2002\u2003\u200b]"
_WIDE = r"[^\x00-\x7f]"
# A line ending in one of these closes its paragraph; any other line runs on into the next.
_TERMINAL = tuple("。！？；：!?;:”’）)】》…")
# Every character YAML also reads as a line break, and the page break of extracted text.
_LINE_BREAK = re.compile("\r\n|[\r\f\x85\u2028\u2029]")
_HALF = str.maketrans({",": "，", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})


class Cleaned:
    """The header fields found above the letter and the letter's paragraphs."""

    def __init__(self, meta: dict[str, str], paragraphs: list[str]) -> None:
        self.meta = meta
        self.paragraphs = paragraphs


def _strip_line(line: str) -> str:
    line = re.sub(r"^\s*#{1,6}\s*", "", line)  # Markdown heading marks
    line = line.strip(" \t\u3000\u00a0\ufeff\r")
    # Spaces next to a Chinese character or full-width sign are extraction noise.
    line = re.sub(rf"(?<={_WIDE}){_SPACE}+|{_SPACE}+(?={_WIDE})", "", line)
    # 2013 年, 5 号: a digit and the character after it were split by a space.
    return re.sub(rf"(?<=\d){_SPACE}+(?=[-/])|(?<=[-/]){_SPACE}+(?=\d)", "", line)


def _split_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """Read ``label: value`` pairs (one per line, or several per line split by tabs)."""
    meta: dict[str, str] = {}
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    first = [t for t in lines[index].split("\t") if t.strip()] if index < len(lines) else []
    if not first or not P.META_LINE.match(_strip_line(first[0])):
        return meta, 0
    pending: str | None = None
    end = index
    for number in range(index, len(lines)):
        tokens = [_strip_line(t) for t in lines[number].split("\t")]
        tokens = [t for t in tokens if t]
        if not tokens:
            continue
        used = False
        for token in tokens:
            match = P.META_LINE.match(token)
            if match and (pending is None or match.group("label") != "标题"):
                key = P.META_LABELS[match.group("label")]
                if match.group("value"):
                    meta.setdefault(key, match.group("value"))
                    pending = None
                else:
                    pending = key
                used = True
            elif pending is not None:
                meta.setdefault(pending, token)
                pending = None
                used = True
        if not used:
            break
        end = number + 1
    return meta, end


def _mostly_half_width(lines: list[str]) -> bool:
    text = "".join(lines)
    half = len(re.findall(rf"(?<={_WIDE})[,:;]|[,:;](?={_WIDE})", text))
    return half > text.count("，") + text.count("：")


def _full_width(line: str) -> str:
    line = re.sub(r"(?<!\d),|,(?!\d)", "，", line)
    line = re.sub(r"(?<!\d):|:(?!\d)", "：", line)
    line = line.translate(_HALF)
    out, opening = [], True
    for char in line:
        if char == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(char)
    return "".join(out)


def _starts_block(line: str) -> bool:
    """A line that begins a paragraph of its own, whatever the line before it ends with."""
    return any(
        pattern.match(line)
        for pattern in (
            P.SECTION_NO, P.SUBSECTION_NO, P.ITEM_NO, P.SUBITEM_NO, P.NEXT_STEPS, P.RESTATEMENT,
            P.CLOSING_START, P.DATE, P.DOC_NUMBER, P.SIGNER, P.CC, P.ATTACHMENT, P.DRAFT_MARK,
            P.RESULT_CLASS,
        )
    ) or bool(re.match(r"^[^，。,]{2,30}(?:委员|代表|同志)[：:]$", line)) or line.startswith(("——", "联系人", "承办单位", "（此件", "(此件")) or any(
        p.match(line) for p in P.DISCLOSURE
    ) or any(
        pattern.match(line) for pattern in (P.REPLY_TITLE, P.CONTACT_LABEL, P.CC_OTHER, P.OPENING, P.OPENING_LOOSE, P.OPENING_START)
    )  # fmt: skip


def _is_heading(line: str) -> bool:
    for number in (P.SECTION_NO, P.SUBSECTION_NO):
        match = number.match(line)
        if match and len(line) - match.end() <= 60 and not line.endswith(_TERMINAL):
            return True
    return False


def _closed(paragraph: str) -> bool:
    """A paragraph that takes no continuation: it ends a sentence or is a one-line element."""
    return paragraph.endswith(_TERMINAL) or _is_heading(paragraph) or any(
        pattern.match(paragraph)
        for pattern in (
            P.DOC_NUMBER, P.DOCNO_SIGNER, P.DATE, P.SIGNER, P.REPLY_TITLE, P.OPINION_TITLE, P.RESULT_CLASS,
            P.DRAFT_MARK, P.LETTERHEAD, P.ORGAN,
        )
    )  # fmt: skip


def _is_title(text: str) -> bool:
    return bool(P.REPLY_TITLE.match(text) or P.OPINION_TITLE.match(text) or P.PLAIN_TITLE_END.search(text))


def _join_titles(lines: list[str]) -> list[str]:
    """One line for a title printed over several lines exactly where the page breaks it.

    An issuer's name alone above a title is a line of its own; the same name is the first
    line of a broken title only when the title's own line breaks give these very lines.
    """
    out: list[str] = []
    index = 0
    while index < len(lines):
        for count in (4, 3, 2):
            run = lines[index : index + count]
            joined = "".join(run)
            if len(run) == count and _is_title(joined) and break_title(joined) == run and not any(
                _closed(line) and not P.ORGAN.match(line) for line in run[:-1]
            ):
                out.append(joined)
                index += count
                break
        else:
            out.append(lines[index])
            index += 1
    return out


def _join(lines: list[str]) -> list[str]:
    """Rejoin paragraphs broken across lines and pages."""
    lines = _join_titles(lines)
    paragraphs: list[str] = []
    for index, line in enumerate(lines):
        # The 署名 stands alone on the line above the date.
        signature = index + 1 < len(lines) and bool(P.DATE.match(lines[index + 1]))
        if paragraphs and not signature and not _closed(paragraphs[-1]) and not _starts_block(line):
            glue = " " if paragraphs[-1][-1].isascii() and paragraphs[-1][-1].isalnum() and line[0].isascii() else ""
            paragraphs[-1] += glue + line
        else:
            paragraphs.append(line)
    return paragraphs


def clean(text: str) -> Cleaned:
    """Split ``text`` into its header fields and whole, cleaned paragraphs."""
    raw = _LINE_BREAK.sub("\n", text).split("\n")
    meta, start = _split_header(raw)
    lines = [_strip_line(line) for line in raw[start:]]
    lines = [line for line in lines if line]
    if _mostly_half_width(lines):
        lines = [_full_width(line) for line in lines]
    return Cleaned(meta, _join(lines))
