"""The built-in 版头 (GB/T 9704-2012 §7.2.4, §7.2.7, §10.1), built alone.

Expected figures come from the standard and the profile's stated sizes: the 标志 red, centred,
its top 35 mm below the top of the 版心 (文件格式) or 30 mm below the top of the page (信函格式),
as large as 42 pt when it fits the 156 mm 版心 on one line; a 1.5 pt red rule 4 mm under the
发文字号; in the 信函格式 170 mm double rules, thick over thin 4 mm below the 标志 and thin over
thick 20 mm above the page's lower edge, centred on the 版心.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from replygen.docx import _base_for
from replygen.docx import ooxml as ox
from replygen.docx.letterhead import docno_rule, letterhead
from replygen.docx.profile import load_profile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
MM = 1440 / 25.4
CENTRE_OF_TEXT_AREA = (28 + 156 / 2) * MM  # A4: 28 mm left margin, 156 mm 版心


def _val(el: Any, attr: str = "val") -> str | None:
    return el.get(f"{{{W}}}{attr}")


def _head(profile_name: str, issuer: str, lines_above: int = 0) -> list[etree._Element]:
    profile = load_profile(profile_name)
    return letterhead(issuer, _base_for(profile, None), profile, lines_above)


def _mark_run(p: etree._Element) -> tuple[str, dict[str, str | None]]:
    rpr = p.find("w:r/w:rPr", NS)
    return "".join(p.itertext()), {
        "color": _val(rpr.find("w:color", NS)),
        "sz": _val(rpr.find("w:sz", NS)),
        "jc": _val(p.find("w:pPr/w:jc", NS)),
    }


def test_file_format_mark_is_red_centred_42_pt_35_mm_below_the_text_area() -> None:
    spacer, mark = _head("gbt9704", "吉林省科学技术厅")
    assert _mark_run(mark) == ("吉林省科学技术厅文件", {"color": "FF0000", "sz": "84", "jc": "center"})
    assert _val(spacer.find("w:pPr/w:spacing", NS), "line") == str(round(35 * MM))


def test_lines_already_above_the_mark_shorten_the_space() -> None:
    spacer, _ = _head("gbt9704", "吉林省科学技术厅", lines_above=2)
    assert _val(spacer.find("w:pPr/w:spacing", NS), "line") == str(round(35 * MM) - 2 * 579)


def test_a_long_name_is_set_smaller_to_fit_the_text_area_on_one_line() -> None:
    _, mark = _head("gbt9704", "吉林省发展和改革委员会办公厅")  # 16 characters with 文件
    text, run = _mark_run(mark)
    size = int(run["sz"] or 0) / 2
    assert text == "吉林省发展和改革委员会办公厅文件"
    assert size * 16 <= 156 / 25.4 * 72 < (size + 0.5) * 16  # the largest half point that fits


def test_the_rule_under_the_doc_number_is_red_one_and_a_half_points_four_mm_below() -> None:
    ppr = ox.element("w:pPr")
    docno_rule(ppr, load_profile("gbt9704"))
    bottom = ppr.find("w:pBdr/w:bottom", NS)
    assert (_val(bottom), _val(bottom, "sz"), _val(bottom, "color")) == ("single", "12", "FF0000")
    assert _val(bottom, "space") == str(round(4 * 72 / 25.4))  # points


def _frame(p: etree._Element) -> dict[str, int]:
    frame = p.find("w:pPr/w:framePr", NS)
    return {k: int(_val(frame, k) or 0) for k in ("w", "x", "y")}


def test_letter_format_mark_and_double_rules_are_framed_on_the_page() -> None:
    mark, upper, lower = _head("letter", "吉林省科学技术厅")
    text, _ = _mark_run(mark)
    assert text == "吉林省科学技术厅"  # no 文件 in the 信函格式
    for p in (mark, upper, lower):
        frame = _frame(p)
        assert abs(frame["w"] - 170 * MM) <= 1
        assert abs(frame["x"] + frame["w"] / 2 - CENTRE_OF_TEXT_AREA) <= 1
    assert abs(_frame(mark)["y"] - 30 * MM) <= 1
    line = int(_val(mark.find("w:pPr/w:spacing", NS), "line") or 0)
    assert abs(_frame(upper)["y"] - (30 * MM + line + 4 * MM)) <= 1
    # thick over thin above, thin over thick below
    sizes = [[_val(upper.find(f"w:pPr/w:pBdr/w:{s}", NS), "sz") for s in ("top", "bottom")],
             [_val(lower.find(f"w:pPr/w:pBdr/w:{s}", NS), "sz") for s in ("top", "bottom")]]  # fmt: skip
    assert sizes == [["12", "4"], ["4", "12"]]
    lower_height = int(_val(lower.find("w:pPr/w:spacing", NS), "line") or 0) + round((12 + 4) / 8 * 20)
    assert abs(_frame(lower)["y"] + lower_height - (297 - 20) * MM) <= 1
