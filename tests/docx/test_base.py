"""The shared base package built from python-docx's template or an office's reference document."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from lxml import etree

import replygen
from conftest import EXAMPLES
from replygen import docx_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def test_a_reference_whose_normal_style_carries_word_2010_properties_renders(tmp_path: Path) -> None:
    # Documents saved by Word 2010 and later carry w14 run properties (ligatures) in their styles.
    reference = docx.Document()
    rpr = reference.styles["Normal"].element.get_or_add_rPr()
    etree.SubElement(rpr, f"{{{W14}}}ligatures", nsmap={"w14": W14}).set(f"{{{W14}}}val", "standardContextual")
    path = tmp_path / "office.docx"
    reference.save(str(path))

    data = docx_bytes(replygen.load(EXAMPLES / "reply-001-kjt-2023-71.yaml"), reference=path)

    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    normal = styles.find(f"{{{W}}}style[@{{{W}}}styleId='Normal']/{{{W}}}rPr")
    assert normal is not None
    names = [etree.QName(el).localname for el in normal]
    assert names[-1] == "ligatures" and "rFonts" in names and names.index("rFonts") < names.index("sz")
