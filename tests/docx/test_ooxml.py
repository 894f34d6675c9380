"""insert_ordered and the property setters built on it: children in the schema's order.

The expected orders below are written out from ECMA-376 Part 1 (§17.3.1.26 pPr with the
CT_PPrBase sequence, §17.3.2.28 rPr with EG_RPrBase, §17.6.17 sectPr, §17.3.1.24 pBdr), not
read from the module: Word refuses a document whose properties are out of that order.
"""

from __future__ import annotations

import itertools

import pytest
from lxml import etree

from replygen.docx import ooxml as ox

W = ox.W


def names(parent: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in parent]


def filled(parent_tag: str, children: list[str]) -> etree._Element:
    parent = ox.element(parent_tag)
    for name in children:
        ox.insert_ordered(parent, ox.element(f"w:{name}"))
    return parent


# Sub-sequences of the schema's order, each a few children a style or paragraph really carries.
RPR_SCHEMA = ["rStyle", "rFonts", "b", "bCs", "i", "color", "spacing", "kern", "sz", "szCs", "u", "lang"]
PPR_SCHEMA = [
    "pStyle", "keepNext", "keepLines", "widowControl", "numPr", "pBdr", "tabs", "overflowPunct",
    "autoSpaceDE", "autoSpaceDN", "snapToGrid", "spacing", "ind", "jc", "outlineLvl", "rPr",
]  # fmt: skip
SECTPR_SCHEMA = ["footnotePr", "type", "pgSz", "pgMar", "pgNumType", "cols", "titlePg", "docGrid"]
PBDR_SCHEMA = ["top", "left", "bottom", "right", "between", "bar"]


@pytest.mark.parametrize(
    ("tag", "schema"),
    [("w:rPr", RPR_SCHEMA), ("w:pPr", PPR_SCHEMA), ("w:sectPr", SECTPR_SCHEMA), ("w:pBdr", PBDR_SCHEMA)],
)
def test_children_land_in_schema_order_whatever_order_they_are_added(tag: str, schema: list[str]) -> None:
    for added in (list(reversed(schema)), schema[1::2] + schema[0::2], schema[len(schema) // 2 :] + schema[: len(schema) // 2]):
        assert names(filled(tag, added)) == schema, added


def test_every_order_of_a_few_run_properties_gives_one_result() -> None:
    few = ["rFonts", "b", "sz", "lang"]
    for added in itertools.permutations(few):
        assert names(filled("w:rPr", list(added))) == few


def test_header_and_footer_references_stand_before_the_page_settings() -> None:
    sectpr = filled("w:sectPr", ["docGrid", "pgMar", "pgSz"])
    ox.insert_ordered(sectpr, ox.element("w:footerReference", type="default"))
    ox.insert_ordered(sectpr, ox.element("w:headerReference", type="default"))
    assert names(sectpr) == ["headerReference", "footerReference", "pgSz", "pgMar", "docGrid"]


def test_a_second_child_of_the_same_kind_replaces_the_first_in_its_place() -> None:
    ppr = filled("w:pPr", ["pStyle", "jc", "outlineLvl"])
    ox.set_jc(ppr, "center")
    ox.set_jc(ppr, "right")
    assert names(ppr) == ["pStyle", "jc", "outlineLvl"]
    assert ppr.find(ox.qn("w:jc")).get(ox.qn("w:val")) == "right"


def test_references_of_different_types_are_kept_and_one_of_the_same_type_replaced() -> None:
    sectpr = ox.element("w:sectPr")
    for kind, rid in (("default", "rId1"), ("even", "rId2"), ("first", "rId3"), ("even", "rId9")):
        ox.insert_ordered(sectpr, ox.element("w:footerReference", type=kind, **{"r:id": rid}))
    footers = [(el.get(ox.qn("w:type")), el.get(ox.qn("r:id"))) for el in sectpr]
    assert footers == [("default", "rId1"), ("even", "rId9"), ("first", "rId3")]


def test_insert_ordered_returns_the_child_it_placed() -> None:
    rpr = ox.element("w:rPr")
    child = ox.element("w:b")
    assert ox.insert_ordered(rpr, child) is child and child.getparent() is rpr


def test_a_child_the_schema_does_not_allow_there_is_refused() -> None:
    # w:jc is a paragraph property: putting it in a run's properties is a programming error.
    with pytest.raises(ValueError):
        ox.insert_ordered(ox.element("w:rPr"), ox.element("w:jc"))
    with pytest.raises(KeyError):  # no order is known for w:tblPr
        ox.insert_ordered(ox.element("w:tblPr"), ox.element("w:jc"))


def test_setters_build_a_body_paragraph_in_order() -> None:
    ppr, rpr = ox.element("w:pPr"), ox.element("w:rPr")
    ox.set_jc(ppr, "both")
    ox.set_indent(ppr, char_twips=320, first_chars=2)
    ox.set_line_exact(ppr, 579)
    ox.set_snap_to_grid(ppr, False)
    ox.set_overflow_punct(ppr, False)
    ox.set_widow_control(ppr, False)
    ox.set_style(ppr, "Body")
    ox.set_keep_next(ppr)
    assert names(ppr) == ["pStyle", "keepNext", "widowControl", "overflowPunct", "snapToGrid", "spacing", "ind", "jc"]
    ox.set_lang(rpr)
    ox.set_char_spacing(rpr, -0.5)
    ox.set_size(rpr, 16)
    ox.set_bold(rpr, True)
    ox.set_fonts(rpr, "仿宋_GB2312", "Times New Roman")
    assert names(rpr) == ["rFonts", "b", "bCs", "spacing", "sz", "szCs", "lang"]


def test_setters_write_the_units_word_reads() -> None:
    rpr, ppr = ox.element("w:rPr"), ox.element("w:pPr")
    ox.set_size(rpr, 15.5)  # half-points: 三号 16 pt is 32
    ox.set_char_spacing(rpr, -0.25)  # twentieths of a point
    ox.set_fonts(rpr, "黑体")
    ox.set_indent(ppr, char_twips=320, first_chars=2, right_chars=1)
    val = ox.qn("w:val")
    assert rpr.find(ox.qn("w:sz")).get(val) == "31" and rpr.find(ox.qn("w:szCs")).get(val) == "31"
    assert rpr.find(ox.qn("w:spacing")).get(val) == "-5"
    fonts = rpr.find(ox.qn("w:rFonts"))
    assert {k.split("}")[1]: v for k, v in fonts.attrib.items()} == {
        "ascii": "黑体", "hAnsi": "黑体", "eastAsia": "黑体", "cs": "黑体", "hint": "eastAsia"
    }  # fmt: skip
    ind = {k.split("}")[1]: v for k, v in ppr.find(ox.qn("w:ind")).attrib.items()}
    assert ind == {"left": "0", "leftChars": "0", "right": "320", "rightChars": "100", "firstLine": "640", "firstLineChars": "200"}


def test_a_hanging_indent_replaces_the_first_line_indent() -> None:
    ppr = ox.element("w:pPr")
    ox.set_indent(ppr, char_twips=320, hanging_chars=1.5)
    ind = ppr.find(ox.qn("w:ind"))
    assert ind.get(ox.qn("w:hanging")) == "480" and ind.get(ox.qn("w:hangingChars")) == "150"
    assert ind.get(ox.qn("w:firstLine")) is None


def test_borders_go_into_one_pbdr_in_order() -> None:
    ppr = filled("w:pPr", ["pStyle", "jc"])
    ox.set_border(ppr, "bottom", 8)
    ox.set_border(ppr, "top", 12, color="FF0000")
    assert names(ppr) == ["pStyle", "pBdr", "jc"]
    pbdr = ppr.find(ox.qn("w:pBdr"))
    assert names(pbdr) == ["top", "bottom"]
    assert pbdr.find(ox.qn("w:top")).get(ox.qn("w:color")) == "FF0000"


def test_page_field_is_a_complete_field() -> None:
    runs = ox.page_field()
    kinds = [r.find(ox.qn("w:fldChar")).get(ox.qn("w:fldCharType")) for r in runs if r.find(ox.qn("w:fldChar")) is not None]
    assert kinds == ["begin", "separate", "end"]
    assert runs[1].find(ox.qn("w:instrText")).text.strip() == "PAGE"


def test_text_run_keeps_spaces_and_copies_its_properties() -> None:
    rpr = filled("w:rPr", ["b"])
    run = ox.text_run("  两个空格", rpr)
    assert run.find(ox.qn("w:rPr")) is not rpr and names(run.find(ox.qn("w:rPr"))) == ["b"]
    t = run.find(ox.qn("w:t"))
    assert t.text == "  两个空格" and t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    hinted = ox.text_run("字", None)
    assert hinted.find(f"{ox.qn('w:rPr')}/{ox.qn('w:rFonts')}").get(ox.qn("w:hint")) == "eastAsia"
    assert ox.text_run("字", None, hint=False).find(ox.qn("w:rPr")) is None


def test_doc_grid_is_a_line_grid_at_the_end_of_the_section() -> None:
    sectpr = filled("w:sectPr", ["pgSz", "pgMar", "titlePg"])
    ox.doc_grid(sectpr, 579)
    grid = sectpr[-1]
    assert etree.QName(grid).localname == "docGrid"
    assert grid.get(ox.qn("w:type")) == "lines" and grid.get(ox.qn("w:linePitch")) == "579"


def test_element_puts_plain_attribute_names_in_the_w_namespace() -> None:
    el = ox.element("w:footerReference", type="even", **{"r:id": "rId4"})
    assert el.tag == f"{{{W}}}footerReference"
    assert el.get(f"{{{W}}}type") == "even" and el.get(f"{{{ox.NS['r']}}}id") == "rId4"


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def test_an_extension_child_already_there_stays_after_the_schema_s_children() -> None:
    # Word 2010 and later write w14:ligatures and the like into a style's run properties; a
    # reference document brings them in. They are kept, and the properties set go before them.
    rpr = ox.element("w:rPr")
    etree.SubElement(rpr, f"{{{W14}}}ligatures", nsmap={"w14": W14}).set(f"{{{W14}}}val", "standardContextual")
    ox.set_fonts(rpr, "仿宋")
    ox.set_lang(rpr)
    ox.set_size(rpr, 16)
    assert [etree.QName(el).text for el in rpr] == [
        f"{{{W}}}rFonts", f"{{{W}}}sz", f"{{{W}}}szCs", f"{{{W}}}lang", f"{{{W14}}}ligatures"
    ]  # fmt: skip


def test_an_extension_of_the_same_local_name_is_not_replaced() -> None:
    # w14:shadow is not w:shadow: setting one must not remove the other.
    rpr = ox.element("w:rPr")
    etree.SubElement(rpr, f"{{{W14}}}shadow", nsmap={"w14": W14})
    ox.insert_ordered(rpr, ox.element("w:shadow"))
    assert [etree.QName(el).text for el in rpr] == [f"{{{W}}}shadow", f"{{{W14}}}shadow"]
