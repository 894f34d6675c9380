"""The python-docx seam: each internal replygen relies on is still there and behaves as relied on.

A python-docx release that renames or changes one of them fails here, by name, rather than
in a clerk's render.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from replygen import _pydocx
from replygen._pydocx import default_template_files, drop_package_relationship, paragraph_element
from replygen.docx import frozen
from replygen.docx.profile import load_profile

# --- Paragraph._p --------------------------------------------------------------------------


def test_paragraph_keeps_its_element_as_p() -> None:
    paragraph = docx.Document().add_paragraph("收悉")
    assert "_p" in vars(paragraph), "python-docx no longer stores a paragraph's w:p as Paragraph._p"


def test_paragraph_element_is_the_live_w_p_of_the_document() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("经认真研究")
    p = paragraph_element(paragraph)
    assert p.tag == qn("w:p")
    assert p.getparent() is document.element.body
    # the element is the paragraph itself, not a copy: a run added to it is in the paragraph
    run = etree.SubElement(p, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = "办理"
    assert paragraph.text == "经认真研究办理"


def test_paragraph_element_of_a_footer_is_in_the_footer_part() -> None:
    section = docx.Document().sections[0]
    footer = section.even_page_footer
    footer.is_linked_to_previous = False
    p = paragraph_element(footer.paragraphs[0])
    assert p.getparent().tag == qn("w:ftr")
    etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t")).text = "— 1 —"
    assert footer.paragraphs[0].text == "— 1 —"
    assert section.footer.is_linked_to_previous  # the other footers are untouched


# --- OpcPackage.rels as a dict ---------------------------------------------------------------


def _thumbnail_rid(package: OpcPackage) -> str:
    found = [r_id for r_id, rel in package.rels.items() if rel.reltype == RT.THUMBNAIL]
    assert len(found) == 1, "python-docx's default.docx no longer carries one thumbnail"
    return found[0]


def test_package_relationships_are_a_dict_by_rid() -> None:
    package = docx.Document().part.package
    assert isinstance(package.rels, dict)
    r_id = _thumbnail_rid(package)
    assert package.rels[r_id].rId == r_id


def test_drop_package_relationship_leaves_its_part_out_of_the_saved_file() -> None:
    document = docx.Document()
    package = document.part.package
    r_id = _thumbnail_rid(package)
    drop_package_relationship(package, r_id)
    assert r_id not in package.rels
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        names = saved.namelist()
        rels = saved.read("_rels/.rels").decode()
        content_types = saved.read("[Content_Types].xml").decode()
    assert "docProps/thumbnail.jpeg" not in names
    assert "thumbnail" not in rels and "officeDocument/2006/relationships/officeDocument" in rels
    assert "thumbnail" not in content_types
    assert "word/document.xml" in names and "docProps/core.xml" in names  # only that one went


def test_drop_package_relationship_of_an_unknown_rid_is_an_error() -> None:
    with pytest.raises(KeyError):
        drop_package_relationship(docx.Document().part.package, "rIdNone")


# --- the template files --------------------------------------------------------------------


def test_template_files_exist_where_python_docx_keeps_them() -> None:
    files = default_template_files()
    assert [f.name for f in files] == list(_pydocx.TEMPLATE_FILES)
    assert all(f.is_file() for f in files)
    assert files[0].parent == Path(docx.__file__).parent / "templates"


def test_a_new_document_is_a_copy_of_default_docx() -> None:
    new, opened = io.BytesIO(), io.BytesIO()
    docx.Document().save(new)
    docx.Document(str(default_template_files()[0])).save(opened)
    assert new.getvalue() == opened.getvalue()


def test_a_new_footer_is_default_footer_xml() -> None:
    footer = docx.Document().sections[0].footer
    footer.is_linked_to_previous = False
    parser = etree.XMLParser(remove_blank_text=True)
    shipped = etree.parse(str(default_template_files()[1]), parser).getroot()
    made = etree.fromstring(footer.part.blob, parser)
    assert etree.tostring(made, method="c14n") == etree.tostring(shipped, method="c14n")


def test_default_template_files_without_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_pydocx.importlib.util, "find_spec", lambda name: None)
    assert default_template_files() == []


def test_the_base_cache_key_changes_with_the_template_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stand_in = tmp_path / "default.docx"
    stand_in.write_bytes(b"PK")
    monkeypatch.setattr(frozen, "default_template_files", lambda: [stand_in])
    profile = load_profile(None)
    before = frozen.cache_key(profile, None)
    assert frozen.cache_key(profile, None) == before
    os.utime(stand_in, ns=(0, 10**18))  # reinstalled: a new modification time
    assert frozen.cache_key(profile, None) != before
