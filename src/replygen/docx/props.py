"""Document properties: the core part (title, author, dates) and custom properties.

Both parts are written per document. They hold only what the draft says: the dates are the
成文日期, never the time of rendering, so the same input still gives the same bytes. The
custom properties (发文字号 and the 信息公开 metadata) are what ``replygen import`` reads back.
"""

from __future__ import annotations

from lxml import etree

from ..docinfo import DocInfo

__all__ = ["CORE_PART", "CUSTOM_CONTENT_TYPE", "CUSTOM_PART", "CUSTOM_REL", "core_xml", "custom_xml"]

CORE_PART = "docProps/core.xml"
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"

_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id every user-defined property carries (Office's FMTID_UserDefinedProperties).
_USER_DEFINED = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def core_xml(title: str, info: DocInfo) -> bytes:
    """``docProps/core.xml``: title, creator (the 发文机关) and the 成文日期 as both dates."""
    root = etree.Element(f"{{{_CP}}}coreProperties", nsmap={"cp": _CP, "dc": _DC, "dcterms": _DCTERMS, "xsi": _XSI})
    for tag, text in (("dc:title", title), ("dc:creator", info.issuer), ("cp:lastModifiedBy", info.issuer)):
        if text:
            prefix, _, local = tag.partition(":")
            etree.SubElement(root, f"{{{_DC if prefix == 'dc' else _CP}}}{local}").text = text
    etree.SubElement(root, f"{{{_CP}}}revision").text = "1"
    if info.date is not None:
        stamp = f"{info.date.isoformat()}T00:00:00Z"
        for local in ("created", "modified"):
            element = etree.SubElement(root, f"{{{_DCTERMS}}}{local}")
            element.set(f"{{{_XSI}}}type", "dcterms:W3CDTF")
            element.text = stamp
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml


def custom_xml(info: DocInfo) -> bytes:
    """``docProps/custom.xml``: one text property per value the draft gives."""
    root = etree.Element(f"{{{_CUSTOM}}}Properties", nsmap={None: _CUSTOM, "vt": _VT})
    for pid, (name, value) in enumerate(info.custom, start=2):  # ids start at 2 (ECMA-376 Part 1 §22.3.2.2)
        prop = etree.SubElement(root, f"{{{_CUSTOM}}}property", fmtid=_USER_DEFINED, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT}}}lpwstr").text = value
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml
