"""The 版记 table (GB/T 9704-2012 §7.4), built from blocks alone.

Expected figures come from the standard: the 版心 is 156 mm wide (A4 less 28 mm and 26 mm
margins), the first and last rules are 0.35 mm (1 pt, 8 eighth-points), the rules between
are 0.25 mm (0.75 pt, 6 eighth-points), and the 印发日期 ends one 4号 character (14 pt)
from the right edge. The 信函格式 (§10.1) prints neither the 印发 line nor the rules.
"""

from __future__ import annotations

from lxml import etree

from replygen.blocks import Block, Run
from replygen.docx import _base_for
from replygen.docx.imprint import imprint
from replygen.docx.profile import load_profile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TEXT_WIDTH = round(156 / 25.4 * 1440)
BLOCKS = [
    Block("p", (Run("正文。"),)),
    Block("cc", (Run("抄送：省政协提案委员会，省政府办公厅。"),)),
    Block("printer", (Run("吉林省科学技术厅办公室"),)),
    Block("printed", (Run("2023年6月1日印发"),)),
]


def _val(el: etree._Element, attr: str = "val") -> str | None:
    return el.get(f"{{{W}}}{attr}")


def _table(profile_name: str, blocks: list[Block]) -> list[etree._Element]:
    profile = load_profile(profile_name)
    return imprint(blocks, _base_for(profile, None), profile)


def test_no_cc_and_no_printing_gives_no_table() -> None:
    assert _table("gbt9704", [Block("p", (Run("正文。"),))]) == []


def test_a_table_floating_at_the_foot_of_the_text_area_then_its_anchor() -> None:
    table, anchor = _table("gbt9704", BLOCKS)
    assert etree.QName(table).localname == "tbl" and etree.QName(anchor).localname == "p"
    position = table.find("w:tblPr/w:tblpPr", NS)
    assert _val(position, "tblpYSpec") == "bottom" and _val(position, "vertAnchor") == "margin"
    assert _val(table.find("w:tblPr/w:tblW", NS), "w") == str(TEXT_WIDTH)
    assert not anchor.xpath("string(.)")  # the anchor prints nothing


def test_rows_are_the_cc_then_the_printing_line() -> None:
    table, _ = _table("gbt9704", BLOCKS)
    rows = table.findall("w:tr", NS)
    texts = [["".join(t.text or "" for t in r.iter(f"{{{W}}}t"))] for r in rows]
    assert texts == [["抄送：省政协提案委员会，省政府办公厅。"], ["吉林省科学技术厅办公室2023年6月1日印发"]]
    printing = rows[1].find(".//w:p", NS)
    assert printing.find(".//w:r/w:tab", NS) is not None  # organ, tab, date
    stop = printing.find("w:pPr/w:tabs/w:tab", NS)
    assert (_val(stop), _val(stop, "pos")) == ("right", str(TEXT_WIDTH - 14 * 20))


def test_thick_outer_rules_and_thin_rules_between() -> None:
    table, _ = _table("gbt9704", BLOCKS)
    borders = {etree.QName(b).localname: (_val(b), _val(b, "sz")) for b in table.find("w:tblPr/w:tblBorders", NS)}
    assert borders == {
        "top": ("single", "8"), "bottom": ("single", "8"), "insideH": ("single", "6"),
        "left": ("nil", None), "right": ("nil", None), "insideV": ("nil", None),
    }  # fmt: skip


def test_the_letter_format_prints_the_cc_without_printing_line_or_rules() -> None:
    table, _ = _table("letter", BLOCKS)
    assert len(table.findall("w:tr", NS)) == 1
    assert {_val(b) for b in table.find("w:tblPr/w:tblBorders", NS)} == {"nil"}
