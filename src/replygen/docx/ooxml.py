"""WordprocessingML helpers for what python-docx has no API for.

East Asian fonts (``w:eastAsia`` with the ``eastAsia`` hint), ``w:lang``, indents in
characters, exact line spacing, grid snapping, borders, the PAGE field and the document grid.
Word rejects properties out of schema order, so every property goes in through
:func:`insert_ordered`, which knows the child sequences of ``w:pPr``, ``w:rPr`` and ``w:sectPr``.
"""

from __future__ import annotations

import copy

from lxml import etree

__all__ = [
    "NS",
    "W",
    "doc_grid",
    "element",
    "insert_ordered",
    "page_field",
    "qn",
    "set_border",
    "set_auto_space",
    "set_bold",
    "set_char_spacing",
    "set_fonts",
    "set_indent",
    "set_jc",
    "set_keep_next",
    "set_lang",
    "set_line_exact",
    "set_outline_level",
    "set_size",
    "set_snap_to_grid",
    "set_style",
    "set_overflow_punct",
    "set_tabs",
    "set_widow_control",
    "tab_run",
    "text_run",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}

# Child order from ECMA-376 Part 1 (CT_PPrBase + CT_PPr, CT_RPr, CT_SectPr).
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
SECTPR_ORDER = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
).split()
PBDR_ORDER = "top left bottom right between bar".split()
_ORDERS = {"pPr": PPR_ORDER, "rPr": RPR_ORDER, "sectPr": SECTPR_ORDER, "pBdr": PBDR_ORDER}


def qn(tag: str) -> str:
    """``w:pPr`` → ``{namespace}pPr``."""
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"


# Each order as ranks by full tag. A child of another namespace (w14:ligatures, which Word 2010
# and later write into styles a reference document brings) is no w: property of the same local
# name, and ranks after every listed one, where Word itself writes such extensions.
_RANKS = {qn(f"w:{parent}"): {qn(f"w:{name}"): rank for rank, name in enumerate(order)} for parent, order in _ORDERS.items()}
# Elements that may repeat (one per type): replaced only when their w:type matches.
_REPEATING = {qn("w:headerReference"), qn("w:footerReference")}
_TYPE = qn("w:type")


def element(tag: str, **attrs: str | int) -> etree._Element:
    """A ``w:`` element; attribute names without a prefix get the ``w:`` namespace."""
    el = etree.Element(qn(tag), nsmap={"w": W})
    for name, value in attrs.items():
        el.set(qn(name) if ":" in name else qn(f"w:{name}"), str(value))
    return el


def insert_ordered(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Put ``child`` in ``parent`` at its schema position, replacing one of the same kind."""
    ranks = _RANKS[parent.tag]
    rank = ranks.get(child.tag)
    if rank is None:
        raise ValueError(f"{child.tag} has no place in {parent.tag}")
    for old in parent:
        if old.tag != child.tag:
            continue
        if child.tag in _REPEATING and old.get(_TYPE) != child.get(_TYPE):
            continue
        old.addnext(child)
        parent.remove(old)
        return child
    after_all = len(ranks)
    for index, existing in enumerate(parent):
        if ranks.get(existing.tag, after_all) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _get_or_add(parent: etree._Element, tag: str) -> etree._Element:
    found = parent.find(qn(tag))
    return found if found is not None else insert_ordered(parent, element(tag))


def set_style(ppr_or_rpr: etree._Element, style_id: str) -> None:
    tag = "w:pStyle" if etree.QName(ppr_or_rpr).localname == "pPr" else "w:rStyle"
    insert_ordered(ppr_or_rpr, element(tag, val=style_id))


def set_fonts(rpr: etree._Element, east_asian: str, latin: str | None = None) -> None:
    """East Asian font in its own slot, Latin/digits in ascii/hAnsi, and the eastAsia hint.

    The hint makes Word draw ambiguous-width characters (“ ” — … ‘ ’) with the Chinese font.
    """
    latin = latin or east_asian
    insert_ordered(
        rpr, element("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin, hint="eastAsia")
    )


def set_lang(rpr: etree._Element, east_asian: str = "zh-CN", latin: str = "en-US") -> None:
    insert_ordered(rpr, element("w:lang", val=latin, eastAsia=east_asian, bidi="ar-SA"))


def set_size(rpr: etree._Element, points: float) -> None:
    half_points = str(round(points * 2))
    insert_ordered(rpr, element("w:sz", val=half_points))
    insert_ordered(rpr, element("w:szCs", val=half_points))


def set_bold(rpr: etree._Element, bold: bool) -> None:
    insert_ordered(rpr, element("w:b", val="1" if bold else "0"))
    insert_ordered(rpr, element("w:bCs", val="1" if bold else "0"))


def set_char_spacing(rpr: etree._Element, points: float) -> None:
    """Spacing added after each character, in twentieths of a point (may be negative)."""
    insert_ordered(rpr, element("w:spacing", val=round(points * 20)))


def set_line_exact(ppr: etree._Element, twips: int, before: int = 0, after: int = 0) -> None:
    insert_ordered(ppr, element("w:spacing", before=before, after=after, line=twips, lineRule="exact"))


def set_snap_to_grid(ppr: etree._Element, snap: bool) -> None:
    insert_ordered(ppr, element("w:snapToGrid", val="1" if snap else "0"))


def set_keep_next(ppr: etree._Element, keep: bool = True) -> None:
    insert_ordered(ppr, element("w:keepNext", val="1" if keep else "0"))


def set_auto_space(ppr: etree._Element, on: bool) -> None:
    """Word's and LibreOffice's extra space between Chinese and Latin letters or digits."""
    insert_ordered(ppr, element("w:autoSpaceDE", val="1" if on else "0"))
    insert_ordered(ppr, element("w:autoSpaceDN", val="1" if on else "0"))


def set_outline_level(ppr: etree._Element, level: int) -> None:
    """0 for the top level: Word's navigation pane and a table of contents show the paragraph."""
    insert_ordered(ppr, element("w:outlineLvl", val=level))


def set_overflow_punct(ppr: etree._Element, on: bool) -> None:
    insert_ordered(ppr, element("w:overflowPunct", val="1" if on else "0"))


def set_widow_control(ppr: etree._Element, on: bool) -> None:
    insert_ordered(ppr, element("w:widowControl", val="1" if on else "0"))


_R, _RPR, _T = qn("w:r"), qn("w:rPr"), qn("w:t")
_PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}


def text_run(
    text: str, rpr: etree._Element | None, *, hint: bool = True, parent: etree._Element | None = None
) -> etree._Element:
    """A run holding ``text`` in one ``w:t`` (spaces kept), with a copy of ``rpr``.

    Built with SubElement and deepcopy, appended to ``parent`` when given: this runs once per
    run of every document.
    """
    run = etree.Element(_R, nsmap={"w": W}) if parent is None else etree.SubElement(parent, _R)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    elif hint:
        etree.SubElement(run, _RPR).append(element("w:rFonts", hint="eastAsia"))
    etree.SubElement(run, _T, _PRESERVE).text = text
    return run


def tab_run(rpr: etree._Element | None) -> etree._Element:
    """A run holding one tab (``w:tab``), to reach a tab stop."""
    run = etree.Element(_R, nsmap={"w": W})
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    run.append(element("w:tab"))
    return run


def set_jc(ppr: etree._Element, value: str) -> None:
    """``both`` (justified), ``center``, ``left`` or ``right``."""
    insert_ordered(ppr, element("w:jc", val=value))


def set_indent(
    ppr: etree._Element,
    *,
    char_twips: int,
    first_chars: float = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    hanging_chars: float = 0,
) -> None:
    """Indents in 字, written both in characters (hundredths) and in twips.

    Word reads the ``*Chars`` attributes; some renderers read only the twips. Zero values are
    written too, so a paragraph never inherits a first-line indent it should not have.
    """
    attrs: dict[str, str | int] = {
        "left": round(left_chars * char_twips),
        "leftChars": round(left_chars * 100),
        "right": round(right_chars * char_twips),
        "rightChars": round(right_chars * 100),
    }
    if hanging_chars:
        attrs.update(hanging=round(hanging_chars * char_twips), hangingChars=round(hanging_chars * 100))
    else:
        attrs.update(firstLine=round(first_chars * char_twips), firstLineChars=round(first_chars * 100))
    insert_ordered(ppr, element("w:ind", **attrs))


def set_tabs(ppr: etree._Element, stops: list[tuple[str, int]]) -> None:
    """Tab stops, each (``left`` or ``right``, twips from the text's left edge)."""
    tabs = element("w:tabs")
    for kind, pos in stops:
        tabs.append(element("w:tab", val=kind, pos=pos))
    insert_ordered(ppr, tabs)


def set_border(
    ppr: etree._Element, side: str, eighth_points: int, space_points: int = 1, color: str = "000000"
) -> None:
    """A single rule on one side of the paragraph (``top`` or ``bottom``)."""
    pbdr = _get_or_add(ppr, "w:pBdr")
    insert_ordered(pbdr, element(f"w:{side}", val="single", sz=eighth_points, space=space_points, color=color))


def page_field() -> list[etree._Element]:
    """The runs of a real ``PAGE`` field (begin, instruction, separate, result, end)."""
    parts: list[etree._Element] = []
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = element("w:r")
        if kind == "instr":
            text = etree.SubElement(run, qn("w:instrText"))
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            text.text = " PAGE "
        elif kind == "result":
            etree.SubElement(run, qn("w:t")).text = "1"  # shown until the reader updates fields
        else:
            run.append(element("w:fldChar", fldCharType=kind))
        parts.append(run)
    return parts


def doc_grid(sectpr: etree._Element, line_pitch_twips: int) -> None:
    """A line grid: Word's “只指定行网格”, so 22 lines fill the 版心."""
    insert_ordered(sectpr, element("w:docGrid", type="lines", linePitch=line_pitch_twips))
