"""The 版记 (GB/T 9704 §7.4): 抄送 and 印发机关/印发日期 at the foot of the last page.

A one-column table floats at the bottom of the 版心 (``w:tblpPr`` with ``tblpYSpec="bottom"``),
so its last rule lies on the 版心's lower edge whatever the length of the body above it; Word
and LibreOffice both keep body text clear of it. The table's own borders are the rules: the
first and last thick, those between rows thin (§7.4.1). The 信函格式 (§10.1) prints neither
the 印发 line nor the rules.
"""

from __future__ import annotations

import copy

from lxml import etree

from ..blocks import Block
from . import ooxml as ox
from .frozen import Base
from .profile import Profile

__all__ = ["IMPRINT_ROLES", "imprint"]

IMPRINT_ROLES = frozenset({"cc", "printer", "printed"})


def imprint(blocks: list[Block], base: Base, profile: Profile) -> list[etree._Element]:
    """The floating 版记 table and the paragraph it is anchored in; nothing without a 版记."""
    rows = [_paragraph(b, base) for b in blocks if b.role == "cc"]
    printing = [b for b in blocks if b.role in {"printer", "printed"}]
    if printing and not profile.letter:
        rows.append(_printing_row(printing, base, profile))
    if not rows:
        return []
    width = profile.text_width_twips
    rules = profile["imprint"]
    thick, thin = (0, 0) if profile.letter else (rules["rule_thick_eighth_pt"], rules["rule_thin_eighth_pt"])
    table = ox.element("w:tbl")
    properties = etree.SubElement(table, ox.qn("w:tblPr"))
    # Placed from the page's left edge at the left margin: LibreOffice floats a table as wide
    # as the 版心 only when it is positioned against the page.
    left = round(profile["page"]["left_mm"] / 25.4 * 1440)
    properties.append(
        ox.element("w:tblpPr", leftFromText=0, rightFromText=0, topFromText=0, bottomFromText=0,
                   vertAnchor="margin", horzAnchor="page", tblpX=left, tblpYSpec="bottom")
    )  # fmt: skip
    properties.append(ox.element("w:tblOverlap", val="never"))
    properties.append(ox.element("w:tblW", w=width, type="dxa"))
    borders = etree.SubElement(properties, ox.qn("w:tblBorders"))
    for side, size in (("top", thick), ("left", 0), ("bottom", thick), ("right", 0), ("insideH", thin), ("insideV", 0)):
        borders.append(_border(side, size))
    properties.append(ox.element("w:tblLayout", type="fixed"))
    margins = etree.SubElement(properties, ox.qn("w:tblCellMar"))
    margins.append(ox.element("w:left", w=0, type="dxa"))
    margins.append(ox.element("w:right", w=0, type="dxa"))
    etree.SubElement(table, ox.qn("w:tblGrid")).append(ox.element("w:gridCol", w=width))
    for paragraph in rows:
        row = etree.SubElement(table, ox.qn("w:tr"))
        etree.SubElement(row, ox.qn("w:trPr")).append(ox.element("w:cantSplit"))
        cell = etree.SubElement(row, ox.qn("w:tc"))
        etree.SubElement(cell, ox.qn("w:tcPr")).append(ox.element("w:tcW", w=width, type="dxa"))
        cell.append(paragraph)
    return [table, _anchor(base)]


def _border(side: str, eighth_points: int) -> etree._Element:
    if not eighth_points:
        return ox.element(f"w:{side}", val="nil")
    return ox.element(f"w:{side}", val="single", sz=eighth_points, space=0, color="000000")


def _paragraph(block: Block, base: Base) -> etree._Element:
    p = ox.element("w:p")
    p.append(copy.deepcopy(base.ppr[block.role]))
    ox.text_run(block.text, base.run_rpr, parent=p)
    return p


def _printing_row(blocks: list[Block], base: Base, profile: Profile) -> etree._Element:
    """§7.4.3: 印发机关 左空一字, the 印发日期 and “印发” 右空一字 (a right tab stop)."""
    ppr = copy.deepcopy(base.ppr["printer"])
    side = round(profile["imprint"]["side_chars"] * profile["sizes"]["small_pt"] * 20)
    ox.set_tabs(ppr, [("right", profile.text_width_twips - side)])
    p = ox.element("w:p")
    p.append(ppr)
    organ = next((b.text for b in blocks if b.role == "printer"), "")
    date = next((b.text for b in blocks if b.role == "printed"), "")
    ox.text_run(organ, base.run_rpr, parent=p)
    p.append(ox.tab_run(base.run_rpr))
    ox.text_run(date, base.run_rpr, parent=p)
    return p


def _anchor(base: Base) -> etree._Element:
    """The paragraph the table floats from: a point high, so it never starts a page itself."""
    ppr = copy.deepcopy(base.ppr["blank"])
    ox.set_line_exact(ppr, 20)
    ox.set_snap_to_grid(ppr, False)
    p = ox.element("w:p")
    p.append(ppr)
    return p
