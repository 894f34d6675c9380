"""A built-in 版头 (GB/T 9704 §7.2, §10.1), for offices without pre-printed letterhead.

文件格式: the 发文机关标志 in red 小标宋, its top 35 mm below the top of the 版心, the 发文字号
two lines below it and a red rule as wide as the 版心 4 mm below the 发文字号; everything stays
in the flow of the first page. 信函格式: the 标志 30 mm from the top of the page, above the
版心, so it and the double rules (thick over thin 4 mm below the 标志, thin over thick 20 mm
from the bottom of the page, both 170 mm long) are frames placed on the page; the body flows
below the upper one.
"""

from __future__ import annotations

import copy

from lxml import etree

from ..blocks import display_width
from . import ooxml as ox
from .frozen import Base
from .profile import Profile

__all__ = ["docno_rule", "enabled", "letterhead", "rule_paragraph"]

_MM = 1440 / 25.4  # twips per millimetre
_LINE_FACTOR = 1.2  # the 标志's line height, a multiple of its size


def enabled(profile: Profile) -> bool:
    return bool(profile["letterhead"]["enabled"])


def letterhead(issuer: str, base: Base, profile: Profile, lines_above: int) -> list[etree._Element]:
    """The 版头's paragraphs, to open the first page after ``lines_above`` lines (份号, 密级 …).

    文件格式: the space above the 标志 and the 标志; the caller adds the blank lines below it.
    """
    head = profile["letterhead"]
    name = head["name"] or issuer
    if profile.letter:
        return _letter(name, base, profile)
    text = name + head["suffix"]
    size = _fitting_size(text, profile)
    line = round(size * 20 * _LINE_FACTOR)
    pitch = profile["grid"]["line_pitch_twips"]
    space = round(head["top_mm"] * _MM) - lines_above * pitch
    out = [_spacer(base, max(20, space))] if space > 0 else []
    out.append(_mark(text, size, base, profile, line))
    return out


def docno_rule(ppr: etree._Element, profile: Profile) -> None:
    """§7.2.7: the red rule under the 发文字号, as the 发文字号 paragraph's lower border."""
    head = profile["letterhead"]
    ox.set_border(ppr, "bottom", head["rule_eighth_pt"], round(head["rule_gap_mm"] * 72 / 25.4), head["color"])


def rule_paragraph(base: Base, profile: Profile) -> etree._Element:
    """The red rule alone, when there is no 发文字号 to carry it."""
    ppr = copy.deepcopy(base.ppr["blank"])
    docno_rule(ppr, profile)
    p = ox.element("w:p")
    p.append(ppr)
    return p


def _fitting_size(text: str, profile: Profile) -> float:
    """The 标志's size: the profile's, or less, so that it fits the 版心 (half points)."""
    width_pt = profile.text_width_twips / 20
    size = min(float(profile["letterhead"]["size_pt"]), width_pt / max(1.0, display_width(text)))
    return int(size * 2) / 2


def _mark(text: str, size: float, base: Base, profile: Profile, line: int) -> etree._Element:
    ppr = copy.deepcopy(base.ppr["blank"])
    ox.set_line_exact(ppr, line)
    ox.set_snap_to_grid(ppr, False)
    ox.set_jc(ppr, "center")
    p = ox.element("w:p")
    p.append(ppr)
    rpr = ox.element("w:rPr")
    head = profile["letterhead"]
    ox.set_fonts(rpr, profile.font(head["font"]), profile.font(head["font"]))
    ox.insert_ordered(rpr, ox.element("w:color", val=head["color"]))
    ox.set_char_spacing(rpr, 0)
    ox.set_size(rpr, size)
    ox.text_run(text, rpr, parent=p)
    return p


def _spacer(base: Base, twips: int) -> etree._Element:
    ppr = copy.deepcopy(base.ppr["blank"])
    ox.set_line_exact(ppr, twips)
    ox.set_snap_to_grid(ppr, False)
    p = ox.element("w:p")
    p.append(ppr)
    return p


def _letter(name: str, base: Base, profile: Profile) -> list[etree._Element]:
    """§10.1: two frames on the page: the 标志 with the upper double rule, and the lower rule."""
    head, page = profile["letterhead"], profile["page"]
    size = _fitting_size(name, profile)
    line = round(size * 20 * _LINE_FACTOR)
    length = round(head["letter_rule_mm"] * _MM)
    # centred on the 版心, whose margins differ left and right
    x = round((page["left_mm"] + (page["width_mm"] - page["left_mm"] - page["right_mm"]) / 2) * _MM) - length // 2
    thick, thin = head["rule_eighth_pt"], head["letter_thin_eighth_pt"]
    gap = 40  # twips between the two lines of a double rule
    top = round(head["letter_top_mm"] * _MM)
    mark = _mark(name, size, base, profile, line)
    _frame(mark, length, x, top)
    # each rule a frame of its own: LibreOffice loses a second paragraph in the 标志's frame
    upper = _double_rule(base, head["color"], gap, ("top", thick), ("bottom", thin))
    _frame(upper, length, x, top + line + round(head["rule_gap_mm"] * _MM))
    bottom = round((page["height_mm"] - head["letter_bottom_mm"]) * _MM)
    lower = _double_rule(base, head["color"], gap, ("top", thin), ("bottom", thick))
    height = gap + round((thin + thick) / 8 * 20)  # the frame holds the paragraph and its borders
    _frame(lower, length, x, bottom - height)
    return [mark, upper, lower]


def _double_rule(base: Base, color: str, gap: int, upper: tuple[str, int], lower: tuple[str, int]) -> etree._Element:
    """An empty paragraph ``gap`` twips high whose upper and lower borders make a double rule."""
    ppr = copy.deepcopy(base.ppr["blank"])
    ox.set_line_exact(ppr, gap)
    ox.set_snap_to_grid(ppr, False)
    for side, size in (upper, lower):
        ox.set_border(ppr, side, size, 0, color)
    p = ox.element("w:p")
    p.append(ppr)
    return p


def _frame(p: etree._Element, width: int, x: int, y: int) -> None:
    """Place the paragraph in a frame at (``x``, ``y``) from the page's corner, text below it."""
    ppr = p.find(ox.qn("w:pPr"))
    ox.insert_ordered(
        ppr, ox.element("w:framePr", w=width, wrap="notBeside", vAnchor="page", hAnchor="page", x=x, y=y)
    )
