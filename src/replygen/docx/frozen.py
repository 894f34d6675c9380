"""The base package every .docx shares, in a form that needs no python-docx to use or store.

:mod:`.base` builds the package with python-docx once per (profile, reference document);
the result, serialised as :class:`Parts`, is kept on disk, so a cold render reuses it without
importing python-docx or rebuilding styles. :func:`assemble` turns the parts into the
:class:`Base` the writer copies elements from.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .._pydocx import default_template_files
from . import ooxml as ox
from .profile import Profile

__all__ = ["Base", "DOCUMENT_PART", "Parts", "ROLE_STYLES", "assemble", "load_parts", "save_parts", "zip_info"]

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DOCUMENT_PART = "word/document.xml"

# Block role → the profile's ``styles`` key of its paragraph style: every role the .docx
# prints (all but ``meta``, the website's header), and ``blank`` for empty spacing lines.
ROLE_STYLES = {
    "p": "body", "title": "title", "h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4",
    "mark": "mark", "draft": "draft", "signer": "signer", "docno": "docno", "docline": "docno",
    "salutation": "salutation", "attachment": "attachment", "signature": "signature",
    "date": "date", "note": "note", "contact": "contact", "cc": "cc", "blank": "blank",
    "printer": "printing", "printed": "printing",
}  # fmt: skip


@dataclass(frozen=True)
class Parts:
    """What python-docx produced, as bytes: enough to assemble a :class:`Base`."""

    skeleton: bytes  # a zip of every part but the document part
    document_xml: bytes  # w:document with an empty body
    prefix_xml: tuple[bytes, ...]  # letterhead paragraphs from a reference .docx
    sectpr_xml: bytes
    style_ids: dict[str, str]  # the profile's style key → the style id in styles.xml


@dataclass
class Base:
    """Everything a document shares; built once, then only read."""

    skeleton: bytes
    document: etree._Element
    prefix: list[etree._Element]
    sectpr: etree._Element
    ppr: dict[str, etree._Element] = field(default_factory=dict)  # role → w:pPr
    run_rpr: etree._Element | None = None  # plain run: only the eastAsia hint
    signer_name_rpr: etree._Element | None = None
    runs: dict[int, etree._Element] = field(default_factory=dict)  # lead level (0: none) → w:r


def assemble(parts: Parts) -> Base:
    """The property and run templates every block role copies."""
    ids = parts.style_ids
    base = Base(
        skeleton=parts.skeleton,
        document=etree.fromstring(parts.document_xml),
        prefix=[etree.fromstring(xml) for xml in parts.prefix_xml],
        sectpr=etree.fromstring(parts.sectpr_xml),
    )
    for role, key in ROLE_STYLES.items():
        ppr = ox.element("w:pPr")
        ox.set_style(ppr, ids[key])
        base.ppr[role] = ppr
    base.run_rpr = ox.element("w:rPr")
    base.run_rpr.append(ox.element("w:rFonts", hint="eastAsia"))
    base.signer_name_rpr = _styled_rpr(ids["signer_name"])
    base.runs = {0: ox.text_run("", base.run_rpr)}
    base.runs.update((n, ox.text_run("", _styled_rpr(ids[f"lead{n}"]))) for n in range(1, 5))
    return base


def _styled_rpr(style_id: str) -> etree._Element:
    rpr = ox.element("w:rPr")
    ox.set_style(rpr, style_id)
    rpr.append(ox.element("w:rFonts", hint="eastAsia"))
    return rpr


def zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 0
    info.external_attr = 0
    return info


# --- the cache on disk ----------------------------------------------------------------------


def cache_key(profile: Profile, reference: tuple[str, float, int] | None) -> str:
    """Changes with the profile, the reference file, replygen's and python-docx's code."""
    from ..cache import cache_key as key_for

    # Every module of the package (and the layout rules it places text by) may shape the base:
    # stamping them all keeps a new writer module from being served a base built without it.
    package = Path(__file__).parent
    sources = [*sorted(package.glob("*.py")), package.parent / "layout.py"]
    sources += default_template_files()  # python-docx's, found without importing it
    return key_for(sources, profile.key, reference)


def load_parts(directory: Path, key: str) -> Parts | None:
    """The parts stored under ``key``, or ``None`` when absent or unreadable."""
    try:
        with zipfile.ZipFile(directory / f"{key}.zip") as stored:
            names = stored.namelist()
            prefix = sorted(n for n in names if n.startswith("prefix/"))
            return Parts(
                skeleton=stored.read("skeleton.zip"),
                document_xml=stored.read("document.xml"),
                prefix_xml=tuple(stored.read(n) for n in prefix),
                sectpr_xml=stored.read("sectPr.xml"),
                style_ids=json.loads(stored.read("style_ids.json")),
            )
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None


def save_parts(directory: Path, key: str, parts: Parts) -> None:
    """Store ``parts``; a cache that cannot be written is skipped, never an error."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        target.writestr("skeleton.zip", parts.skeleton)
        target.writestr("document.xml", parts.document_xml)
        for n, xml in enumerate(parts.prefix_xml):
            target.writestr(f"prefix/{n:05d}.xml", xml)
        target.writestr("sectPr.xml", parts.sectpr_xml)
        target.writestr("style_ids.json", json.dumps(parts.style_ids))
    temp = directory / f".{key}.{os.getpid()}.part"
    try:
        temp.write_bytes(buffer.getvalue())
        os.replace(temp, directory / f"{key}.zip")  # readers see the whole entry or none
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass
