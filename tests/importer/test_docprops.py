"""The 信息公开 header kept in a .docx's document properties, read back as header lines."""

from __future__ import annotations

from lxml import etree

from replygen.importer.docprops import header_lines

CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def custom(**values: str) -> etree._Element:
    root = etree.Element(f"{{{CUSTOM}}}Properties", nsmap={None: CUSTOM, "vt": VT})
    for pid, (name, value) in enumerate(values.items(), start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM}}}property", fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT}}}lpwstr").text = value
    return root


def core(creator: str, title: str) -> etree._Element:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc})
    etree.SubElement(root, f"{{{dc}}}creator").text = creator
    etree.SubElement(root, f"{{{dc}}}title").text = title
    return root


class FakePackage:
    def __init__(self, parts: dict[str, etree._Element]) -> None:
        self.parts = parts

    def read(self, part: str) -> etree._Element | None:
        return self.parts.get(part)


def test_the_header_comes_back_in_the_website_s_order_with_issuer_and_title_from_core() -> None:
    package = FakePackage(
        {
            # Stored in another order than the website prints them.
            "docProps/custom.xml": custom(发布日期="2023-06-05", 索引号="001/2023-00125", 分类="科技", 发文字号="吉科提〔2023〕7号"),
            "docProps/core.xml": core("吉林省科学技术厅", "对省政协十三届一次会议第71号委员提案的答复"),
        }
    )
    assert header_lines(package) == (
        "索引号：001/2023-00125\n分类：科技\n发文机关：吉林省科学技术厅\n"
        "标题：对省政协十三届一次会议第71号委员提案的答复\n发文字号：吉科提〔2023〕7号\n发布日期：2023-06-05\n\n"
    )


def test_a_custom_property_wins_over_the_core_one() -> None:
    package = FakePackage(
        {
            "docProps/custom.xml": custom(索引号="001", 发文机关="吉林省科技厅"),
            "docProps/core.xml": core("某人", "某标题"),
        }
    )
    assert header_lines(package) == "索引号：001\n发文机关：吉林省科技厅\n标题：某标题\n\n"


def test_no_header_without_an_index_number() -> None:
    assert header_lines(FakePackage({})) == ""
    assert header_lines(FakePackage({"docProps/custom.xml": custom(分类="科技")})) == ""
    assert header_lines(FakePackage({"docProps/custom.xml": custom(索引号=" ")})) == ""
