"""The 征询意见表 on one A4 page: a title and a ruled table, in the letter's profile.

The page, styles, fonts and footer are the letter's base (:mod:`.base`); only the body is
built here. Row heights are fixed or have a floor, in twips, chosen so that the whole form,
a 案由 and a list of 会办 units of two lines each included, stays within the 版心 (225 mm,
12 757 twips): about 12 200 twips then.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Union

from lxml import etree

from ..docinfo import DocInfo
from ..feedback import FeedbackForm
from . import ooxml as ox
from .frozen import Base
from .profile import Profile
from .writer import finish_package

__all__ = ["RULED_LINES", "write_form"]

_CELL_PT = 14  # 4号, the 版记's size: the table's text
_LINE = 400  # twips: an exact line for 14 pt text in a cell
_ROW = 560  # the floor of a prefilled row: a 案由 of two lines grows it
_RATING_ROW = 560
_RULED_ROW = 560  # one ruled line of the opinion area
RULED_LINES = 6
_SIGNATURE_ROW = 760
_LABEL_TWIPS = 1680  # a label column: five 14 pt characters (意见和建议) and the cell margins
_BORDER = 4  # eighths of a point: a thin rule
_AFTER_TITLE = 240


def write_form(form: FeedbackForm, base: Base, profile: Profile, info: DocInfo) -> bytes:
    """The form's .docx bytes (the same form gives the same bytes)."""
    root = copy.deepcopy(base.document)
    body = root.find(ox.qn("w:body"))
    title = ox.element("w:p")
    ppr = copy.deepcopy(base.ppr["title"])
    ox.set_line_exact(ppr, profile["grid"]["line_pitch_twips"], after=_AFTER_TITLE)  # less than a blank line
    title.append(ppr)
    title.append(ox.text_run(form.title, base.run_rpr))
    body.append(title)
    body.append(_table(form, profile))
    for line in form.notes:
        body.append(_paragraph(line, profile, jc="left", font="fangsong"))
    return finish_package(root, base, form.title, info)


def _table(form: FeedbackForm, profile: Profile) -> etree._Element:
    width = profile.text_width_twips
    # The first value (案由, 文号) wants more room than the second (class, unit, date).
    value = round((width - 2 * _LABEL_TWIPS) * 0.55)
    columns = (_LABEL_TWIPS, value, _LABEL_TWIPS, width - 2 * _LABEL_TWIPS - value)
    table = ox.element("w:tbl")
    props = ox.element("w:tblPr")
    props.append(ox.element("w:tblW", w=width, type="dxa"))
    props.append(ox.element("w:jc", val="center"))
    borders = ox.element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(ox.element(f"w:{side}", val="single", sz=_BORDER, space=0, color="000000"))
    props.append(borders)
    props.append(ox.element("w:tblLayout", type="fixed"))
    table.append(props)
    grid = ox.element("w:tblGrid")
    for twips in columns:
        grid.append(ox.element("w:gridCol", w=twips))
    table.append(grid)
    for row in form.rows:
        if len(row) == 4:
            cells = [(row[0], 1, True), (row[1], 1, False), (row[2], 1, True), (row[3], 1, False)]
        else:
            cells = [(row[0], 1, True), (row[1], 3, False)]
        table.append(_row(cells, columns, profile, _ROW, exact=False))
    for label, boxes in form.ratings:
        table.append(_row([(label, 1, True), (boxes, 3, False)], columns, profile, _RATING_ROW))
    # The opinion area: the label spans the ruled lines, which are the table's own rules.
    for n in range(RULED_LINES):
        merged: _Cell = (form.opinion, 1, True, "restart" if n == 0 else "continue")
        table.append(_row([merged, ("", 3, False)], columns, profile, _RULED_ROW))
    signature = form.signature + "\u3000" * 8 + form.date
    table.append(_row([(signature, 4, False)], columns, profile, _SIGNATURE_ROW))
    return table


# A table cell: (text, columns spanned, is a label), with "restart" or "continue" last for
# a cell merged with those below it.
_Cell = Union[tuple[str, int, bool], tuple[str, int, bool, str]]


def _row(
    cells: Sequence[_Cell], columns: tuple[int, ...], profile: Profile, height: int, *, exact: bool = True
) -> etree._Element:
    """A row of cells, each (text, columns spanned, is a label[, vertical merge])."""
    row = ox.element("w:tr")
    props = ox.element("w:trPr")
    props.append(ox.element("w:cantSplit"))
    props.append(ox.element("w:trHeight", val=height, hRule="exact" if exact else "atLeast"))
    row.append(props)
    column = 0
    for text, span, label, *merge in cells:
        cell = ox.element("w:tc")
        cell_props = ox.element("w:tcPr")
        cell_props.append(ox.element("w:tcW", w=sum(columns[column : column + span]), type="dxa"))
        if span > 1:
            cell_props.append(ox.element("w:gridSpan", val=span))
        if merge:
            cell_props.append(ox.element("w:vMerge", val=merge[0]))
        cell_props.append(ox.element("w:vAlign", val="center"))
        cell.append(cell_props)
        shown = text if not merge or merge[0] == "restart" else ""
        cell.append(_paragraph(shown, profile, jc="center" if label else "left", font="heiti" if label else "fangsong"))
        row.append(cell)
        column += span
    return row


def _paragraph(text: str, profile: Profile, *, jc: str, font: str) -> etree._Element:
    """A 14 pt paragraph on exact lines, without the body's first-line indent or grid."""
    p = ox.element("w:p")
    ppr = ox.element("w:pPr")
    ox.set_snap_to_grid(ppr, False)
    ox.set_line_exact(ppr, _LINE)
    ox.set_indent(ppr, char_twips=_CELL_PT * 20)
    ox.set_jc(ppr, jc)
    p.append(ppr)
    if text:
        rpr = ox.element("w:rPr")
        ox.set_fonts(rpr, profile.font(font), profile["fonts"]["latin"])
        ox.set_char_spacing(rpr, 0)
        ox.set_size(rpr, _CELL_PT)
        p.append(ox.text_run(text, rpr))
    return p
