"""parse_docx on .docx files built here: plain paragraphs, Word numbering, heading styles."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

import replygen
from replygen._pydocx import paragraph_element

HEAD = [
    "对省政协十三届一次会议第71号委员提案的答复",
    "吉科提〔2023〕7号",
    "王芳委员：",
    "您在省政协十三届一次会议上提出的《关于支持青年科技人才的建议》收悉，经认真研究办理，现答复如下：",
]
FOOT = ["感谢您对全省科技工作的关心和支持。", "吉林省科学技术厅", "2023年6月1日"]


def _numbering(document: docx.document.Document, fmt: str, text: str) -> str:
    """Add a one-level numbering definition to the document; return its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = str(len(numbering.findall(qn("w:abstractNum"))) + 10)
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        lvl.append(child)
    abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num_id = str(len(numbering.findall(qn("w:num"))) + 10)
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    numbering.append(num)
    return num_id


def _number(paragraph, num_id: str) -> None:  # type: ignore[no-untyped-def]
    ppr = paragraph_element(paragraph).get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", "0"), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), value)
        numpr.append(child)
    ppr.append(numpr)


def _save(document: docx.document.Document, tmp_path: Path) -> Path:
    path = tmp_path / "reply.docx"
    document.save(str(path))
    return path


def test_plain_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    for text in [*HEAD, "一、关于“引才”的建议", "1.设立专项。每年支持100人。", *FOOT]:
        document.add_paragraph(text)
    doc = replygen.parse_docx(_save(document, tmp_path))
    assert isinstance(doc, replygen.Reply)
    assert doc.sections[0].topic == "引才"
    assert doc.sections[0].items[0].lead == "设立专项。"
    assert doc.issuer == "吉林省科学技术厅"


def test_word_numbering_gives_levels(tmp_path: Path) -> None:
    document = docx.Document()
    # python-docx's default template has a numbering part only once a list style is used.
    document.add_paragraph("", style="List Number")
    sections = _numbering(document, "chineseCounting", "%1、")
    subs = _numbering(document, "chineseCounting", "（%1）")
    items = _numbering(document, "decimal", "%1.")
    for text in HEAD:
        document.add_paragraph(text)
    _number(document.add_paragraph("关于“引才”的建议"), sections)
    _number(document.add_paragraph("完善政策。出台了若干措施。"), subs)
    _number(document.add_paragraph("设立专项。每年支持100人。"), items)
    _number(document.add_paragraph("关于“留才”的建议"), sections)
    document.add_paragraph("建成人才公寓2000套。")
    for text in FOOT:
        document.add_paragraph(text)
    doc = replygen.parse_docx(_save(document, tmp_path))
    assert isinstance(doc, replygen.Reply)
    assert [s.topic for s in doc.sections] == ["引才", "留才"]
    sub = doc.sections[0].subsections[0]
    assert sub.lead == "完善政策。" and sub.items[0].lead == "设立专项。"
    assert doc.sections[1].paragraphs == ["建成人才公寓2000套。"]


def test_heading_styles_give_levels(tmp_path: Path) -> None:
    document = docx.Document()
    for text in HEAD:
        document.add_paragraph(text)
    document.add_heading("关于“引才”的建议", level=1)
    document.add_heading("完善政策。", level=2)
    document.add_paragraph("出台了若干措施。")
    document.add_heading("以平台聚才", level=1)  # a heading already numbered is left alone
    document.add_paragraph("建成平台5个。")
    for text in FOOT:
        document.add_paragraph(text)
    doc = replygen.parse_docx(_save(document, tmp_path))
    assert isinstance(doc, replygen.Reply)
    assert doc.sections[0].topic == "引才"
    assert doc.sections[0].subsections[0].heading == "完善政策。"
    assert doc.sections[0].subsections[0].paragraphs == ["出台了若干措施。"]
    assert doc.sections[1].heading == "以平台聚才"


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"not a zip file")
    with pytest.raises(replygen.DecodeError, match="不是有效的 .docx"):
        replygen.parse_docx(path)


def test_table_text_is_kept(tmp_path: Path) -> None:
    document = docx.Document()
    for text in [*HEAD, "一、关于“引才”的建议", "出台了若干措施。"]:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "引进人才"
    table.cell(0, 1).text = "320人。"
    for text in FOOT:
        document.add_paragraph(text)
    doc = replygen.parse_docx(_save(document, tmp_path))
    assert isinstance(doc, replygen.Reply)
    assert doc.sections[0].paragraphs == ["出台了若干措施。", "引进人才320人。"]
