"""Placement in characters, shared by every writer: the 落款 and the title's line breaks.

Widths follow one rule, :func:`replygen.blocks.display_width` (a CJK character or an
ambiguous-width mark such as “ ” — … counts one, a digit or Latin letter one half), so the
text writer lays out in characters what the .docx writer sets on the page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import NamedTuple

from .blocks import display_width

__all__ = [
    "TITLE_LINE_CHARS", "JoinedDocno", "SignaturePlace", "break_title", "docno_with_signer", "place_signature",
    "printed_width",
]  # fmt: skip

# A 2号 title line holds 20 characters of the 156 mm 版心; digits and Latin letters set in a
# CJK font run wider than half a character, so a title line is kept to 18 by the rule above.
TITLE_LINE_CHARS = 18
_SHORTEST_LINE = 3  # §7.3.1 词意完整: a line of three characters or fewer is never made


def printed_width(text: str) -> float:
    """Width on the printed page, in characters: what centring on a page measures by.

    In a CJK body font a digit or Latin letter sets about 0.62 of a character, not the half
    a fixed-width text line gives it, and Word and LibreOffice add about a quarter character
    where Chinese meets Latin letters or digits.
    """
    wide = [unicodedata.east_asian_width(c) in "WFA" for c in text]
    changes = sum(a != b for a, b in zip(wide, wide[1:]))
    return sum(1.0 if w else 0.62 for w in wide) + 0.25 * changes


class SignaturePlace(NamedTuple):
    """Right gaps, in characters, of the 署名 and the date; blank lines above the 署名."""

    signature_right: float
    date_right: float
    blank_lines: int


def place_signature(
    signature: str,
    date: str | None,
    *,
    seal: bool,
    right_chars: float = 2,
    sealed_right_chars: float = 4,
    shift_chars: float = 2,
    blank_lines: int = 1,
    sealed_blank_lines: int = 2,
    width: Callable[[str], float] = display_width,
) -> SignaturePlace:
    """§7.3.5: where the 署名 and the date go, as right gaps in characters.

    Without a seal (§7.3.5.2) the 署名 is set 右空二字 and the date starts ``shift_chars``
    to the right of the 署名's first character; a date too long for that is set 右空二字
    itself and the 署名 moves left to keep the shift. Under a seal (§7.3.5.1) the date is
    右空四字 and the 署名 centred on it, a line lower, leaving the seal room below the body.
    Both are right-aligned with right indents, so neither wraps whatever its width.
    """
    if seal:
        signature_right = sealed_right_chars
        if date:
            signature_right = max(0.0, sealed_right_chars + (width(date) - width(signature)) / 2)
        return SignaturePlace(signature_right, sealed_right_chars, sealed_blank_lines)
    if not date:
        return SignaturePlace(right_chars, right_chars, blank_lines)
    s, d = width(signature), width(date)
    # the date's start is the 署名's start plus the shift: right gap + width is that distance
    date_right = max(right_chars, right_chars + s - shift_chars - d)
    return SignaturePlace(date_right + d + shift_chars - s, date_right, blank_lines)


class JoinedDocno(NamedTuple):
    """The 签发人 line's text, to print on the 发文字号's line, and the side gaps in characters."""

    signer: str
    side_chars: float


def docno_with_signer(
    paragraphs: Iterable[tuple[str, str]],
    line_chars: float,
    width: Callable[[str], float] = display_width,
    *,
    side_chars: float = 1,
    min_gap_chars: float = 1,
) -> JoinedDocno | None:
    """§7.2.4–7.2.5: a 上行文's 发文字号 居左空一字 and its 签发人 居右空一字 on one line.

    ``None`` when the document has no 签发人 or no 发文字号 (the 发文字号 stays centred), or
    when the two with their gaps do not fit on one line (each then keeps its own line).
    """
    docno = signer = None
    for role, text in paragraphs:
        if role == "docno" and docno is None:
            docno = text
        elif role == "signer" and signer is None:
            signer = text
    if docno is None or signer is None:
        return None
    if width(docno) + width(signer) + 2 * side_chars + min_gap_chars > line_chars:
        return None
    return JoinedDocno(signer, side_chars)


# --- titles ---------------------------------------------------------------------------------
# Break points of a 公文 title, by meaning (§7.3.1 词意完整): each pattern matches where a new
# unit starts. The first group costs nothing; the second only where the first cannot fit.
_UNIT_STARTS = re.compile(
    r"关于"  # 关于…
    r"|(?<!关于)对(?=(?:[省市县区州旗盟]|全国|政协|[^，。]{0,8}?(?:人大|政协)))"  # 对…会议
    r"|(?<=会议)第?(?=[0-9A-Za-z一二三四五六七八九十百〇零]+号)"  # 第N号…提案
    r"|的(?=(?:答复|复函|会办意见|实施意见|意见|通知|批复|报告|请示|函)[函]?$)"  # 的答复
)
_MINOR_STARTS = re.compile(
    r"(?:(?<=委员会)|(?<=常委会)|(?<=人大)|(?<=政协))第?(?=[一二三四五六七八九十]+次)"  # 第二次会议
    r"|(?<![第于])(?=(?:推动|推进|加快|促进|加强|打造|做好|实施|建设|提升|完善|支持|进一步|开展|深化|落实)"
    r"(?!的))"  # a verb phrase inside the subject
    r"|(?<=[、，；])"  # after a pause
    r"|(?<=[^的])(?=的)"  # before 的
    r"|(?<=[局厅委办院会府部署])(?=关于|对)"
)
# Inside these a line may never break: a number, a Latin word, a quotation, a book title.
_UNBREAKABLE = re.compile(r"[!-~]+(?: +[!-~]+)*|“[^”]*”|《[^》]*》|〔[^〕]*〕|（[^）]*）")


def break_title(title: str, line_chars: float = TITLE_LINE_CHARS) -> list[str]:
    """The title's lines: one when it fits, else broken between units of meaning.

    Among the arrangements with the fewest lines, none shorter than four characters, the
    most even one is chosen, shaped as a trapezoid or a diamond (never narrower in the
    middle); only when no unit boundary fits is a line broken between other characters.
    """
    if display_width(title) <= line_chars:
        return [title]
    guarded = _guarded(title)
    major = {m.start() for m in _UNIT_STARTS.finditer(title)} & guarded
    minor = ({m.start() for m in _MINOR_STARTS.finditer(title)} & guarded) - major
    lines = _best(title, {**{p: 1 for p in minor}, **{p: 0 for p in major}}, line_chars)
    if lines:
        return lines
    every = {p: 3 for p in guarded}
    return _best(title, {**every, **{p: 1 for p in minor}, **{p: 0 for p in major}}, line_chars) or _greedy(
        title, line_chars
    )


def _guarded(title: str) -> set[int]:
    """Positions a line may start at: not inside a number, a word or a quotation."""
    inside = {i for m in _UNBREAKABLE.finditer(title) for i in range(m.start() + 1, m.end())}
    return {i for i in range(1, len(title)) if i not in inside and title[i] not in "，。、；：”》）〕"}


def _best(title: str, costs: dict[int, int], line_chars: float) -> list[str] | None:
    points = sorted(p for p in costs if 0 < p < len(title))
    total = display_width(title)
    fewest = int(-(-total // line_chars))
    for count in range(max(2, fewest), fewest + 3):
        target = total / count
        best: tuple[float, list[int]] | None = None
        for cut in _cuts(title, points, count, line_chars):
            bounds = [0, *cut, len(title)]
            widths = [display_width(title[a:b]) for a, b in zip(bounds, bounds[1:])]
            score = 10 * sum(costs[p] for p in cut) + sum((w - target) ** 2 for w in widths)
            if not _symmetric(widths):
                score += 50
            if best is None or score < best[0]:
                best = (score, cut)
        if best is not None:
            bounds = [0, *best[1], len(title)]
            return [title[a:b] for a, b in zip(bounds, bounds[1:])]
    return None


def _cuts(title: str, points: list[int], count: int, line_chars: float, start: int = 0) -> list[list[int]]:
    """Every choice of ``count - 1`` break points giving lines that fit and are not too short."""
    if count == 1:
        width = display_width(title[start:])
        return [[]] if _SHORTEST_LINE < width <= line_chars else []
    found: list[list[int]] = []
    for p in points:
        if p <= start:
            continue
        width = display_width(title[start:p])
        if width > line_chars:
            break
        if width > _SHORTEST_LINE:
            found.extend([p, *rest] for rest in _cuts(title, points, count - 1, line_chars, p))
    return found


def _symmetric(widths: list[float]) -> bool:
    """A trapezoid (widening or narrowing) or a diamond: never narrower inside than at an end."""
    peak = widths.index(max(widths))
    rising = all(a <= b + 1 for a, b in zip(widths[:peak], widths[1 : peak + 1]))
    falling = all(a + 1 >= b for a, b in zip(widths[peak:], widths[peak + 1 :]))
    return rising and falling


def _greedy(title: str, line_chars: float) -> list[str]:
    """A last resort for a title too long to arrange: fill each line in turn."""
    lines, current = [], ""
    for char in title:
        if display_width(current + char) > line_chars:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current] if current else lines
