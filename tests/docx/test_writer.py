""".docx output: read back, page setup, fonts, footers, snapshots, determinism, atomicity."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import docx
import docx.enum.style
import pytest
from lxml import etree

import replygen
from conftest import EXAMPLES
from replygen import docx_bytes, render_docx
from replygen.docx import write_docx
from replygen.docinfo import doc_info
from replygen.layout import break_title
from replygen.render import render_blocks

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

# Block role → the paragraph style name the default profile gives it.
ROLE_STYLE = {
    "p": "Normal", "title": "标题", "h1": "一级标题", "h2": "二级标题", "h3": "三级标题",
    "h4": "四级标题", "mark": "分类标识", "draft": "稿本", "signer": "签发人", "docno": "发文字号",
    "salutation": "主送", "attachment": "附件说明", "signature": "署名", "date": "成文日期",
    "note": "附注", "contact": "联系人", "cc": "抄送",
    "printer": "印发机关和日期", "printed": "印发机关和日期",
}  # fmt: skip
HEADER_ROLES = ("draft", "mark", "signer", "docno")
LETTERHEAD = {"base": "gbt9704", "letterhead": True}  # the one setting an office writes


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@lru_cache(maxsize=None)
def rendered(path: Path, profile: str | None = None) -> bytes:
    return docx_bytes(replygen.load(path), profile=profile)


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def expected_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style, text) per paragraph: the text output's lines in the page's order.

    The website header (meta) is not part of the letter, and the 版头 items go above the title.
    """
    blocks = [b for b in render_blocks(replygen.load(path)) if b.role != "meta"]
    head_end = next(i for i, b in enumerate(blocks) if b.role not in {"title", *HEADER_ROLES})
    head = sorted((b for b in blocks[:head_end] if b.role in HEADER_ROLES), key=lambda b: HEADER_ROLES.index(b.role))
    ordered = head + [b for b in blocks[:head_end] if b.role == "title"] + blocks[head_end:]
    # the title's lines are broken by meaning (§7.3.1): python-docx reads each break as "\n"
    # the 版记 (抄送, then 印发机关 and 印发日期 on one line) closes the document (§7.4)
    imprint = [b for b in ordered if b.role in {"cc", "printer", "printed"}]
    ordered = [b for b in ordered if b not in imprint]
    got = [(ROLE_STYLE[b.role], "\n".join(break_title(b.text)) if b.role == "title" else b.text) for b in ordered]
    # a 签发人 shares the 发文字号's line (§7.2.5), after a tab
    roles = [b.role for b in ordered]
    if "signer" in roles and "docno" in roles:
        signer = got.pop(roles.index("signer"))
        docno = roles.index("docno") - 1
        got[docno] = (got[docno][0], f"\t{got[docno][1]}\t{signer[1]}")
    printing = "\t".join(b.text for b in imprint if b.role != "cc")
    return got + [(ROLE_STYLE["cc"], b.text) for b in imprint if b.role == "cc"] + (
        [(ROLE_STYLE["printer"], printing)] if printing else []
    )


def read_back(data: bytes) -> list[tuple[str, str]]:
    """(style, text) of the body's paragraphs, then of the 版记 table's."""
    document = docx.Document(io.BytesIO(data))
    cells = [p for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return [(p.style.name, p.text) for p in [*document.paragraphs, *cells] if p.text]


def _pieces(line: str) -> list[str]:
    """A line's texts: the parts a tab (in the .docx) or a run of spaces (in text) set apart."""
    return re.split(r"\t|[\u3000 ]{2,}", line.strip("\u3000 "))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_paragraphs_read_back_as_the_text_output(path: Path) -> None:
    got = read_back(rendered(path))
    assert got == expected_paragraphs(path)
    # and the texts are the text writer's lines, without its layout indentation
    text_lines = {piece for line in replygen.render_text(replygen.load(path)).splitlines() for piece in _pieces(line)}
    assert {piece for _, text in got for line in text.split("\n") for piece in _pieces(line)} <= text_lines


def test_page_setup_is_a4_with_gbt_margins_and_line_grid() -> None:
    sectpr = part(rendered(EXAMPLE_FILES[0]), "word/document.xml").find(".//w:body/w:sectPr", NS)
    size, margins = sectpr.find("w:pgSz", NS), sectpr.find("w:pgMar", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    mm = {side: round(int(margins.get(w(side))) / 1440 * 25.4) for side in ("top", "bottom", "left", "right")}
    assert mm == {"top": 37, "bottom": 35, "left": 28, "right": 26}
    grid = sectpr.find("w:docGrid", NS)
    assert (grid.get(w("type")), grid.get(w("linePitch"))) == ("lines", "579")
    # child order matters to Word: footer references first, docGrid after pgMar
    names = [etree.QName(c).localname for c in sectpr]
    assert names.index("footerReference") < names.index("pgSz") < names.index("pgMar") < names.index("docGrid")


def style(styles: etree._Element, name: str) -> etree._Element:
    found = styles.xpath("w:style[w:name/@w:val=$n]", namespaces=NS, n=name)
    assert len(found) == 1, name
    return found[0]


def test_styles_carry_east_asian_fonts_sizes_and_exact_spacing() -> None:
    styles = part(rendered(EXAMPLE_FILES[0]), "word/styles.xml")
    normal = style(styles, "Normal")
    fonts = normal.find("w:rPr/w:rFonts", NS)
    assert fonts.get(w("eastAsia")) == "仿宋_GB2312" and fonts.get(w("hint")) == "eastAsia"
    assert fonts.get(w("ascii")) == "Times New Roman"
    assert normal.find("w:rPr/w:sz", NS).get(w("val")) == "32"
    assert normal.find("w:rPr/w:lang", NS).get(w("eastAsia")) == "zh-CN"
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert (spacing.get(w("line")), spacing.get(w("lineRule"))) == ("579", "exact")
    ind = normal.find("w:pPr/w:ind", NS)
    assert (ind.get(w("firstLineChars")), ind.get(w("firstLine"))) == ("200", "640")
    title = style(styles, "标题")
    assert title.find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "方正小标宋简体"
    assert title.find("w:rPr/w:sz", NS).get(w("val")) == "44"
    assert title.find("w:pPr/w:jc", NS).get(w("val")) == "center"
    assert title.find("w:pPr/w:ind", NS).get(w("firstLine")) == "0"  # no inherited indent
    assert style(styles, "一级标题").find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "黑体"
    assert style(styles, "二级标题").find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "楷体_GB2312"
    assert style(styles, "抄送").find("w:rPr/w:sz", NS).get(w("val")) == "28"
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(w("eastAsia")) == "仿宋_GB2312"
    assert defaults.find("w:lang", NS).get(w("eastAsia")) == "zh-CN"


def test_runs_carry_the_east_asian_hint_and_leads_their_level_style() -> None:
    body = part(rendered(EXAMPLES / "reply-004-kjt-2023-92.yaml"), "word/document.xml")
    runs = body.findall(".//w:body/w:p/w:r", NS)
    assert runs and all(r.find("w:rPr/w:rFonts", NS).get(w("hint")) == "eastAsia" for r in runs)
    leads = {r.find("w:rPr/w:rStyle", NS).get(w("val")) for r in runs if r.find("w:rPr/w:rStyle", NS) is not None}
    assert leads == {"ReplygenLead3"}


def footer_xml(data: bytes, kind: str) -> etree._Element:
    document = part(data, "word/document.xml")
    ref = document.find(f".//w:sectPr/w:footerReference[@w:type='{kind}']", NS)
    rels = part(data, "word/_rels/document.xml.rels")
    r_id = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    target = rels.xpath("*[@Id=$i]/@Target", n=None, i=r_id)[0]
    return part(data, f"word/{target}")


@pytest.mark.parametrize(("kind", "side", "indent"), [("default", "right", "right"), ("even", "left", "left")])
def test_footers_hold_a_page_field_between_dashes(kind: str, side: str, indent: str) -> None:
    data = rendered(EXAMPLE_FILES[0])
    footer = footer_xml(data, kind)
    paragraph = footer.find("w:p", NS)
    assert paragraph.find("w:pPr/w:jc", NS).get(w("val")) == side
    assert paragraph.find("w:pPr/w:ind", NS).get(w(f"{indent}Chars")) == "100"  # 空一字
    texts = "".join(paragraph.xpath(".//w:t/text()", namespaces=NS))
    assert texts == "— 1 —"
    kinds = [f.get(w("fldCharType")) for f in paragraph.iter(w("fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert paragraph.find(".//w:instrText", NS).text.strip() == "PAGE"
    settings = part(data, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None


def test_letter_profile_puts_the_number_right_and_leaves_page_one_unnumbered() -> None:
    data = rendered(EXAMPLE_FILES[0], "letter")
    document = part(data, "word/document.xml")
    assert document.find(".//w:sectPr/w:titlePg", NS) is not None
    assert footer_xml(data, "first").find(".//w:instrText", NS) is None
    styles = part(data, "word/styles.xml")
    assert style(styles, "发文字号").find("w:pPr/w:jc", NS).get(w("val")) == "right"


def normalised(data: bytes, name: str) -> str:
    root = part(data, name)
    for el in root.iter():
        if el.text is not None and not el.text.strip() and len(el):
            el.text = None
        el.tail = None
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@lru_cache(maxsize=None)
def main_parts(path: Path) -> dict[str, str]:
    """document.xml and styles.xml, indented, and the default and even footers of ``path``."""
    data = rendered(path)
    parts = {"document": normalised(data, "word/document.xml"), "styles": normalised(data, "word/styles.xml")}
    parts.update({kind: etree.tostring(footer_xml(data, kind), encoding="unicode") for kind in ("default", "even")})
    return parts


# Regression snapshots of our own output (see tests/README.md): the styles and footers a
# profile gives are stored once, since no draft changes them (checked just below).
def test_styles_xml_of_the_default_profile(snapshot: Any) -> None:
    assert main_parts(EXAMPLE_FILES[0])["styles"] == snapshot


def test_footers_of_the_default_profile(snapshot: Any) -> None:
    parts = main_parts(EXAMPLE_FILES[0])
    assert {kind: parts[kind] for kind in ("default", "even")} == snapshot


@pytest.mark.parametrize("path", EXAMPLE_FILES[1:], ids=lambda p: p.stem)
def test_styles_and_footers_do_not_depend_on_the_draft(path: Path) -> None:
    parts, first = main_parts(path), main_parts(EXAMPLE_FILES[0])
    assert all(parts[key] == first[key] for key in ("styles", "default", "even"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_document_xml_of_each_example(path: Path, snapshot: Any) -> None:
    assert main_parts(path)["document"] == snapshot


def test_same_input_gives_identical_bytes() -> None:
    path = EXAMPLES / "reply-004-kjt-2023-92.yaml"
    first = docx_bytes(replygen.load(path))
    assert first == docx_bytes(replygen.load(path))
    infos = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].filename == "[Content_Types].xml"


def test_render_docx_writes_atomically(tmp_path: Path) -> None:
    doc = replygen.load(EXAMPLE_FILES[0])
    target = render_docx(doc, tmp_path / "out.docx")
    assert target.read_bytes() == rendered(EXAMPLE_FILES[0])
    with pytest.raises(replygen.OutputError):
        render_docx(doc, target, overwrite=False)
    assert target.read_bytes() == rendered(EXAMPLE_FILES[0])


def test_a_failing_render_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    with pytest.raises(replygen.ReplygenError):
        render_docx(replygen.load(EXAMPLE_FILES[0]), target, profile=tmp_path / "missing.yaml")
    assert list(tmp_path.iterdir()) == []


def test_write_docx_takes_blocks_directly() -> None:
    doc = replygen.load(EXAMPLE_FILES[0])
    assert write_docx(render_blocks(doc), info=doc_info(doc)) == rendered(EXAMPLE_FILES[0])


def test_reference_document_keeps_its_letterhead_and_styles(tmp_path: Path) -> None:
    reference = docx.Document()
    reference.add_paragraph("吉林省科学技术厅文件")
    own = reference.styles.add_style("标题", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    own.font.size = docx.shared.Pt(20)  # the office's own title style wins
    reference.sections[0].different_first_page_header_footer = True
    reference.sections[0].first_page_header.paragraphs[0].text = "吉林省科学技术厅"
    reference.save(tmp_path / "letterhead.docx")
    data = docx_bytes(replygen.load(EXAMPLE_FILES[0]), reference=tmp_path / "letterhead.docx")
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "吉林省科学技术厅文件"
    assert document.styles["标题"].font.size == docx.shared.Pt(20)
    assert document.styles["一级标题"].font.size == docx.shared.Pt(16)
    assert document.styles["Normal"].font.size == docx.shared.Pt(16)
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == "吉林省科学技术厅"
    first_footer = section.first_page_footer.part.element
    assert first_footer.xpath("string(.//w:instrText)").strip() == "PAGE"  # page 1 still numbered
    # the built-in 版头 replaces the reference's body letterhead; its styles stay
    data = docx_bytes(replygen.load(EXAMPLE_FILES[0]), reference=tmp_path / "letterhead.docx", profile=LETTERHEAD)
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]
    assert texts[1] == "吉林省农业农村厅文件" and "吉林省科学技术厅文件" not in texts


def test_missing_reference_is_reported(tmp_path: Path) -> None:
    with pytest.raises(replygen.ReplygenError, match="参考文档"):
        docx_bytes(replygen.load(EXAMPLE_FILES[0]), reference=tmp_path / "none.docx")


@pytest.mark.skipif(shutil.which("openxml-audit") is None, reason="openxml-audit is not installed")
def test_every_example_passes_the_open_xml_audit(tmp_path: Path) -> None:
    for path in EXAMPLE_FILES:
        (tmp_path / f"{path.stem}.docx").write_bytes(rendered(path))
    for profile in ("letter",):
        (tmp_path / f"{profile}.docx").write_bytes(rendered(EXAMPLE_FILES[0], profile))
    for base in ("gbt9704", "letter"):  # the built-in 版头: frames, borders, colours
        data = docx_bytes(replygen.load(EXAMPLE_FILES[0]), profile={"base": base, "letterhead": True})
        (tmp_path / f"letterhead-{base}.docx").write_bytes(data)
    result = subprocess.run(
        ["openxml-audit", "-r", "-o", "text", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Errors: 0" in result.stdout and "Errors: 1" not in result.stdout


def test_cli_renders_docx(tmp_path: Path) -> None:
    from replygen.cli import main

    assert main(["render", str(EXAMPLE_FILES[0]), "--format", "docx", "-o", str(tmp_path)]) == 0
    assert (tmp_path / f"{EXAMPLE_FILES[0].stem}.docx").read_bytes() == rendered(EXAMPLE_FILES[0])


def _foot(data: bytes) -> tuple[list[str], etree._Element, etree._Element]:
    """Style ids of the body's paragraphs, and the 署名 and date paragraphs."""
    paragraphs = part(data, "word/document.xml").findall(".//w:body/w:p", NS)
    styles = [p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in paragraphs]
    return styles, paragraphs[styles.index("ReplygenSignature")], paragraphs[styles.index("ReplygenDate")]


def _right_chars(paragraph: etree._Element) -> int:
    ind = paragraph.find("w:pPr/w:ind", NS)
    assert (ind.get(w("left")), ind.get(w("firstLine"))) == ("0", "0")  # placed from the right only
    return int(ind.get(w("rightChars")))


def test_date_starts_two_characters_right_of_the_signature() -> None:
    styles, signature, date = _foot(rendered(EXAMPLES / "new-draft.yaml"))
    # §7.3.5.2: on the page the date 2024年5月20日 is 8.59 characters wide (7 digits at
    # 0.62, 3 characters, 5 changes of script at 0.25), wider than the 署名 吉林省农业农村厅
    # (8): it ends 右空二字 and the 署名, starting two characters before it, ends
    # 2 + 8.59 + 2 − 8 = 4.59 characters from the right
    assert (_right_chars(signature), _right_chars(date)) == (459, 200)
    assert styles[styles.index("ReplygenSignature") - 1] == "ReplygenBlank"
    assert styles[styles.index("ReplygenSignature") - 2] != "ReplygenBlank"  # one blank line (§7.3.5.2)
    sig_style, date_style = (part(rendered(EXAMPLES / "new-draft.yaml"), "word/styles.xml").find(
        f"w:style[@w:styleId='{name}']/w:pPr/w:jc", NS).get(w("val")) for name in ("ReplygenSignature", "ReplygenDate"))
    assert (sig_style, date_style) == ("right", "right")
    # the 落款 keeps with the body above it: last body paragraph, blank line, signature
    paragraphs = part(rendered(EXAMPLES / "new-draft.yaml"), "word/document.xml").findall(".//w:body/w:p", NS)
    before = paragraphs[styles.index("ReplygenSignature") - 2 : styles.index("ReplygenSignature") + 1]
    assert all(p.find("w:pPr/w:keepNext", NS) is not None for p in before)


def test_signer_shares_the_docno_line_set_from_both_sides() -> None:
    data = rendered(EXAMPLES / "new-draft.yaml")
    body = part(data, "word/document.xml").find("w:body", NS)
    [line] = [p for p in body.findall("w:p", NS) if "签发人" in "".join(p.itertext())]
    ppr = line.find("w:pPr", NS)
    # §7.2.4–7.2.5: a tab to the 发文字号 居左空一字 (320 twips), another to the 签发人 居右空一字
    # at a right tab stop one character inside the 版心's right edge: 156 mm = 8844 twips,
    # less 320. No indents: a rule under the line spans the 版心.
    assert ppr.find("w:ind", NS) is None
    stops = [(tab.get(w("val")), tab.get(w("pos"))) for tab in ppr.findall("w:tabs/w:tab", NS)]
    assert stops == [("left", "320"), ("right", "8524")]
    runs = line.findall("w:r", NS)
    assert runs[0].find("w:tab", NS) is not None and "".join(runs[1].itertext()) == "吉农议〔2024〕15号"
    assert runs[2].find("w:tab", NS) is not None
    assert runs[-1].find("w:rPr/w:rStyle", NS).get(w("val")) == "ReplygenSignerName"  # the name in 楷体
    # without a 签发人 the 发文字号 stays centred, on its own
    doc = replygen.load(EXAMPLES / "new-draft.yaml").model_copy(update={"signer": None})
    body = part(docx_bytes(doc), "word/document.xml").find("w:body", NS)
    [docno] = [p for p in body.findall("w:p", NS) if "".join(p.itertext()) == "吉农议〔2024〕15号"]
    assert docno.find("w:pPr/w:jc", NS) is None and docno.find("w:pPr/w:tabs", NS) is None


def _with_printing(profile: str | None = None) -> etree._Element:
    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    doc = doc.model_copy(update={"printing": replygen.model.Printing(organ="吉林省农业农村厅办公室", date="2024-05-21")})
    return part(docx_bytes(doc, profile=profile), "word/document.xml").find("w:body", NS)


def test_imprint_floats_at_the_foot_with_thick_and_thin_rules() -> None:
    body = _with_printing()
    [table] = body.findall("w:tbl", NS)
    assert [etree.QName(el).localname for el in body][-3:] == ["tbl", "p", "sectPr"]  # nothing after it
    # §7.4: floating, its bottom on the bottom margin (the 版心's lower edge), 156 mm wide
    position = table.find("w:tblPr/w:tblpPr", NS)
    assert (position.get(w("vertAnchor")), position.get(w("tblpYSpec"))) == ("margin", "bottom")
    assert (position.get(w("horzAnchor")), position.get(w("tblpX"))) == ("page", "1587")  # 28 mm
    assert table.find("w:tblPr/w:tblW", NS).get(w("w")) == "8844"
    # §7.4.1: first and last rules thick (1 pt ≈ 0.35 mm), the middle one thin (0.75 pt)
    borders = {etree.QName(b).localname: b.get(w("sz")) for b in table.find("w:tblPr/w:tblBorders", NS)}
    assert (borders["top"], borders["insideH"], borders["bottom"]) == ("8", "6", "8")
    rows = ["".join(row.itertext()) for row in table.findall("w:tr", NS)]
    assert rows == ["抄送：省人大常委会代表工作委员会，省政府督查室。", "吉林省农业农村厅办公室2024年5月21日印发"]
    # §7.4.3: the 印发日期 reaches a right tab stop one 4号 character (280 twips) inside the edge
    printing = table.findall("w:tr", NS)[1].find(".//w:p", NS)
    assert printing.find("w:pPr/w:tabs/w:tab", NS).get(w("pos")) == str(8844 - 280)
    assert printing.find("w:r/w:tab", NS) is not None


def test_letter_imprint_has_no_printing_line_and_no_rules() -> None:
    [table] = _with_printing("letter").findall("w:tbl", NS)
    assert ["".join(row.itertext()) for row in table.findall("w:tr", NS)] == ["抄送：省人大常委会代表工作委员会，省政府督查室。"]
    assert {b.get(w("val")) for b in table.find("w:tblPr/w:tblBorders", NS)} == {"nil"}


def test_no_imprint_no_table() -> None:
    doc = replygen.load(EXAMPLES / "new-draft.yaml").model_copy(update={"cc": [], "printing": None})
    assert part(docx_bytes(doc), "word/document.xml").find("w:body/w:tbl", NS) is None


def test_no_letterhead_unless_the_profile_asks() -> None:
    body = part(rendered(EXAMPLES / "new-draft.yaml"), "word/document.xml").find("w:body", NS)
    assert body.find(".//w:framePr", NS) is None and body.find(".//w:color[@w:val='FF0000']", NS) is None
    assert "吉林省农业农村厅文件" not in "".join(body.itertext())


def test_letterhead_prints_the_mark_in_red_and_a_red_rule_under_the_docno() -> None:
    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    body = part(docx_bytes(doc, profile=LETTERHEAD), "word/document.xml").find("w:body", NS)
    paragraphs = body.findall("w:p", NS)
    texts = ["".join(p.itertext()) for p in paragraphs]
    mark = paragraphs[texts.index("吉林省农业农村厅文件")]  # 发文机关全称 + 文件 (§7.2.4)
    rpr = mark.find("w:r/w:rPr", NS)
    assert rpr.find("w:color", NS).get(w("val")) == "FF0000"
    assert rpr.find("w:rFonts", NS).get(w("eastAsia")) == "方正小标宋简体"
    assert mark.find("w:pPr/w:jc", NS).get(w("val")) == "center"
    # 分类标识 above it; the 发文字号 two blank lines below it, carrying the red rule 4 mm
    # (11 pt) below it, as wide as the 版心: no indents, tab stops place the text
    docno = texts.index("吉农议〔2024〕15号签发人：刘志远")
    assert texts.index("A类") < texts.index("吉林省农业农村厅文件") == docno - 3
    rule = paragraphs[docno].find("w:pPr/w:pBdr/w:bottom", NS)
    assert (rule.get(w("color")), rule.get(w("space"))) == ("FF0000", "11")
    assert paragraphs[docno].find("w:pPr/w:ind", NS) is None
    # without a 发文字号 the rule stands alone below the 标志
    body = part(docx_bytes(doc.model_copy(update={"doc_number": None}), profile=LETTERHEAD), "word/document.xml")
    ruled = body.xpath("//w:p[w:pPr/w:pBdr/w:bottom[@w:color='FF0000']]", namespaces=NS)
    assert len(ruled) == 1 and "".join(ruled[0].itertext()) == ""


def test_letter_letterhead_is_framed_on_the_page() -> None:
    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    body = part(docx_bytes(doc, profile={"base": "letter", "letterhead": {"enabled": True}}), "word/document.xml")
    frames = body.findall("w:body/w:p/w:pPr/w:framePr", NS)
    # the 标志 30 mm (1701 twips) from the top of the page, then the two double rules
    assert [f.get(w("y")) for f in frames][0] == "1701" and len(frames) == 3
    assert all(f.get(w("vAnchor")) == f.get(w("hAnchor")) == "page" for f in frames)
    assert {f.get(w("w")) for f in frames} == {"9638"}  # 170 mm
    mark = frames[0].getparent().getparent()
    assert "".join(mark.itertext()) == "吉林省农业农村厅"  # no 文件 in the 信函格式
    upper, lower = (f.getparent().find("w:pBdr", NS) for f in frames[1:])
    sizes = lambda b: [int(b.find(f"w:{side}", NS).get(w("sz"))) for side in ("top", "bottom")]  # noqa: E731
    assert sizes(upper)[0] > sizes(upper)[1] and sizes(lower)[0] < sizes(lower)[1]  # 上粗下细, 上细下粗


def test_letterhead_setting_is_checked() -> None:
    from replygen.errors import InputError

    with pytest.raises(InputError, match="true 或 false"):
        docx_bytes(replygen.load(EXAMPLES / "new-draft.yaml"), profile={"letterhead": {"enabled": "是"}})


def test_document_properties_come_from_the_draft() -> None:
    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    document = docx.Document(io.BytesIO(rendered(EXAMPLES / "new-draft.yaml")))
    core = document.core_properties
    assert (core.title, core.author) == ("对省十四届人大二次会议第0123号代表建议的答复", "吉林省农业农村厅")
    # the 成文日期, not the time of rendering: the same draft gives the same bytes
    assert core.created.date() == core.modified.date() == doc.signature.date
    custom = part(rendered(EXAMPLES / "new-draft.yaml"), "docProps/custom.xml")
    values = {p.get("name"): p[0].text for p in custom}
    assert values["发文字号"] == "吉农议〔2024〕15号" and values["公开属性"] == doc.disclosure
    assert [int(p.get("pid")) for p in custom] == list(range(2, 2 + len(custom)))


def test_title_and_first_two_heading_levels_show_in_the_navigation_pane() -> None:
    styles = part(rendered(EXAMPLE_FILES[0]), "word/styles.xml")
    levels = {
        style.find("w:name", NS).get(w("val")): style.find("w:pPr/w:outlineLvl", NS)
        for style in styles.findall("w:style", NS)
    }
    assert {name: levels[name].get(w("val")) for name in ("标题", "一级标题", "二级标题")} == {
        "标题": "0", "一级标题": "1", "二级标题": "2",
    }  # fmt: skip
    assert levels["三级标题"] is None and levels["Normal"] is None


def test_a_sealed_date_sits_four_from_the_right_a_line_lower() -> None:
    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    doc = doc.model_copy(update={"signature": doc.signature.model_copy(update={"seal": True})})
    styles, signature, date = _foot(docx_bytes(doc))
    assert (_right_chars(signature), _right_chars(date)) == (430, 400)  # 右空四字 (§7.3.5.1)
    index = styles.index("ReplygenSignature")
    assert styles[index - 2 : index] == ["ReplygenBlank"] * 2 and styles[index - 3] != "ReplygenBlank"


def test_every_role_gets_its_style_and_stays_valid(tmp_path: Path) -> None:
    from replygen.blocks import Block, Run

    blocks = [
        Block("draft", (Run("征求意见稿"),)),
        Block("title", (Run("关于某事的答复"),)),
        Block("salutation", (Run("某委员："),)),
        Block("h3", (Run("1.三级标题"),), 3),
        Block("h4", (Run("（1）四级标题"),), 4),
        Block("p", (Run("（1）引语。", lead=4), Run("正文。")), 4),
        Block("attachment", (Run("附件：1.某某表"),)),
        Block("attachment", (Run("2.某某清单"),)),
    ]
    data = write_docx(blocks, profile="letter")
    document = docx.Document(io.BytesIO(data))
    got = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert got == [
        ("稿本", "征求意见稿"), ("标题", "关于某事的答复"), ("主送", "某委员："), ("三级标题", "1.三级标题"),
        ("四级标题", "（1）四级标题"), ("Normal", "（1）引语。正文。"), ("附件说明", "附件：1.某某表"),
        ("附件说明", "2.某某清单"),
    ]  # fmt: skip
    second = document.paragraphs[-1].paragraph_format
    assert (second.left_indent, second.first_line_indent) == (docx.shared.Pt(80), 0)  # under 1.
    lead = next(p for p in document.paragraphs if p.text.startswith("（1）引语"))
    assert [r.style.name for r in lead.runs] == ["四级标题文字", "Default Paragraph Font"]
    if shutil.which("openxml-audit"):
        (tmp_path / "roles.docx").write_bytes(data)
        result = subprocess.run(["openxml-audit", str(tmp_path / "roles.docx")], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout


def test_profile_overrides_reach_the_styles(tmp_path: Path) -> None:
    path = tmp_path / "office.yaml"
    path.write_text("fonts: {fangsong: 仿宋}\nheadings: {h3_bold: true}\n", encoding="utf-8")
    styles = part(docx_bytes(replygen.load(EXAMPLE_FILES[0]), profile=path), "word/styles.xml")
    assert style(styles, "Normal").find("w:rPr/w:rFonts", NS).get(w("eastAsia")) == "仿宋"
    assert style(styles, "三级标题").find("w:rPr/w:b", NS).get(w("val")) == "1"
    assert style(styles, "Normal").find("w:pPr/w:snapToGrid", NS).get(w("val")) == "0"


def test_base_package_from_the_disk_cache_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold render that reuses the stored base package must write exactly what a fresh build writes."""
    import sys

    from replygen import docx as docx_writer

    doc = replygen.load(EXAMPLES / "reply-004-kjt-2023-92.yaml")
    monkeypatch.setenv("REPLYGEN_CACHE_DIR", "off")
    docx_writer._cached_base.cache_clear()
    fresh = replygen.docx_bytes(doc)
    monkeypatch.setenv("REPLYGEN_CACHE_DIR", str(tmp_path))
    docx_writer._cached_base.cache_clear()
    assert replygen.docx_bytes(doc) == fresh  # builds and stores the base
    assert list((tmp_path / "docx-base").glob("*.zip"))
    docx_writer._cached_base.cache_clear()
    monkeypatch.setitem(sys.modules, "replygen.docx.base", None)  # building again would fail
    try:
        assert replygen.docx_bytes(doc) == fresh
    finally:
        docx_writer._cached_base.cache_clear()


def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from replygen import docx as docx_writer

    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    monkeypatch.setenv("REPLYGEN_CACHE_DIR", str(tmp_path))
    docx_writer._cached_base.cache_clear()
    expected = replygen.docx_bytes(doc)
    for entry in (tmp_path / "docx-base").glob("*.zip"):
        entry.write_bytes(b"not a zip")
    docx_writer._cached_base.cache_clear()
    try:
        assert replygen.docx_bytes(doc) == expected
    finally:
        docx_writer._cached_base.cache_clear()


def test_every_role_the_docx_prints_has_its_own_style() -> None:
    # A role added to the block stream must get a style on purpose, not fall back to 正文.
    from replygen.blocks import BLOCK_ROLES
    from replygen.docx.frozen import ROLE_STYLES

    assert set(ROLE_STYLES) == (BLOCK_ROLES - {"meta"}) | {"blank"}
