"""What a writer needs to know of a document beyond its printed blocks.

The block stream carries what is printed; the seal, which moves the 落款, and the metadata a
.docx keeps in its document properties (发文机关, 成文日期, 发文字号, the 信息公开 header,
which the letter itself does not print) come from the draft.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

__all__ = ["CUSTOM_PROPERTY_NAMES", "DocInfo", "doc_info"]

# Custom document properties, by the names Word and WPS show under 文件 → 属性 → 自定义.
# Their values are those the 信息公开 header prints, so the importer reads them back as one.
CUSTOM_PROPERTY_NAMES = ("发文字号", "索引号", "分类", "成文日期", "发布日期", "公开属性")


@dataclass(frozen=True)
class DocInfo:
    """Facts about a document its blocks do not carry; every field may be left empty."""

    issuer: str = ""
    date: _dt.date | None = None  # 成文日期, also the properties' created/modified time
    seal: bool = False
    custom: tuple[tuple[str, str], ...] = ()  # (name, value) in CUSTOM_PROPERTY_NAMES order


def doc_info(doc: Any) -> DocInfo:
    """The :class:`DocInfo` of a validated reply or 实施意见."""
    from .render import padded_date as _padded  # the header's own date style

    signature = doc.signature
    publication = doc.publication
    values: dict[str, str] = {}
    if doc.doc_number is not None:
        values["发文字号"] = str(doc.doc_number)
    if publication is not None:
        values["索引号"] = publication.index_no
        if publication.category:
            values["分类"] = publication.category
        if publication.written_date:
            values["成文日期"] = _padded(publication.written_date)
        if publication.published_date:
            values["发布日期"] = _padded(publication.published_date)
    if doc.disclosure:
        values["公开属性"] = doc.disclosure
    return DocInfo(
        issuer=doc.issuer,
        date=signature.date if signature is not None else None,
        seal=bool(signature is not None and signature.seal),
        custom=tuple((name, values[name]) for name in CUSTOM_PROPERTY_NAMES if name in values),
    )
