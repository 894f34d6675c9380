"""Document properties: only what the draft says, and what the importer reads back."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from replygen.docinfo import DocInfo
from replygen.docx.props import core_xml, custom_xml
from replygen.importer.docprops import header_lines

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"

INFO = DocInfo(
    issuer="吉林省科学技术厅",
    date=dt.date(2023, 5, 4),
    custom=(("发文字号", "吉科发人才〔2023〕71号"), ("索引号", "11220000013544429K/2023-01621"), ("分类", "委员提案")),
)


def test_core_properties_hold_title_issuer_and_the_written_date_not_the_render_time() -> None:
    root = etree.fromstring(core_xml("对某提案的答复", INFO))
    assert root.findtext(f"{{{DC}}}title") == "对某提案的答复"
    assert root.findtext(f"{{{DC}}}creator") == "吉林省科学技术厅"
    assert root.findtext(f"{{{CP}}}lastModifiedBy") == "吉林省科学技术厅"
    assert root.findtext(f"{{{DCTERMS}}}created") == root.findtext(f"{{{DCTERMS}}}modified") == "2023-05-04T00:00:00Z"
    assert core_xml("对某提案的答复", INFO) == core_xml("对某提案的答复", INFO)


def test_core_properties_of_an_empty_info_have_no_dates_and_no_creator() -> None:
    root = etree.fromstring(core_xml("", DocInfo()))
    assert [etree.QName(el).localname for el in root] == ["revision"]


def test_custom_properties_are_numbered_from_2_in_the_info_s_order() -> None:
    root = etree.fromstring(custom_xml(INFO))
    props = root.findall(f"{{{CUSTOM}}}property")
    assert [(p.get("pid"), p.get("name"), "".join(p.itertext())) for p in props] == [
        ("2", "发文字号", "吉科发人才〔2023〕71号"),
        ("3", "索引号", "11220000013544429K/2023-01621"),
        ("4", "分类", "委员提案"),
    ]
    assert {p.get("fmtid") for p in props} == {"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"}


def test_the_importer_reads_the_properties_back_as_the_website_header() -> None:
    parts = {"docProps/custom.xml": etree.fromstring(custom_xml(INFO)), "docProps/core.xml": etree.fromstring(core_xml("对某提案的答复", INFO))}

    class Package:
        def read(self, part: str) -> etree._Element | None:
            return parts.get(part)

    assert header_lines(Package()) == (
        "索引号：11220000013544429K/2023-01621\n分类：委员提案\n发文机关：吉林省科学技术厅\n"
        "标题：对某提案的答复\n发文字号：吉科发人才〔2023〕71号\n\n"
    )
