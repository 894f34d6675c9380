"""The 信息公开 header a .docx written by replygen keeps in its document properties.

The letter does not print the website's header (索引号, 分类, 发布日期 …); the .docx keeps
it in custom properties and the 发文机关 and title in the core ones. Written back as the
header's lines, they reach the importer like those of a text file copied from the website.
"""

from __future__ import annotations

from typing import Protocol

from lxml import etree

__all__ = ["header_lines"]


class Package(Protocol):
    """What :func:`header_lines` needs of the importer's package: a part's XML root, or None."""

    def read(self, part: str) -> etree._Element | None: ...


_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"
# The header's lines in the order a website (and the text writer) prints them.
_ORDER = ("索引号", "分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期")


def header_lines(package: Package) -> str:
    """The header's lines ending with a blank line, or ``""`` when the file has no 索引号.

    ``package`` is the importer's checked package, so these parts get the same size, bomb and
    entity checks as the body.
    """
    custom = package.read("docProps/custom.xml")
    core = package.read("docProps/core.xml")
    if custom is None:
        return ""
    values = {p.get("name", ""): "".join(p.itertext()).strip() for p in custom.iter(f"{_CUSTOM}property")}
    if not values.get("索引号"):
        return ""
    if core is not None:
        for key, tag in (("发文机关", "creator"), ("标题", "title")):
            found = core.find(f"{_DC}{tag}")
            if found is not None and found.text and found.text.strip():
                values.setdefault(key, found.text.strip())
    lines = [f"{key}：{values[key]}" for key in _ORDER if values.get(key)]
    return "\n".join(lines) + "\n\n"

