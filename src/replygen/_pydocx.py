"""Every use of a python-docx internal, and only those: the seam an upgrade is checked at.

python-docx's public API builds the base package (styles, page setup, footers); these few
functions reach past it where it has no public way to the same result. Each says what it
replaces and why; ``tests/test_pydocx.py`` checks each internal is still there and behaves as
relied on, so a python-docx release that changes one fails that test, not a clerk's render.

Nothing here imports python-docx at run time: :func:`default_template_files` is called on
every cold start, which must not pay for importing it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.opc.package import OpcPackage
    from docx.oxml.text.paragraph import CT_P
    from docx.text.paragraph import Paragraph

__all__ = ["TEMPLATE_FILES", "default_template_files", "drop_package_relationship", "paragraph_element"]

# The files of python-docx's ``templates`` folder the base package is built from: a new
# document is a copy of default.docx, and a footer python-docx adds is default-footer.xml.
TEMPLATE_FILES = ("default.docx", "default-footer.xml")


def default_template_files() -> list[Path]:
    """The installed python-docx's template files, found without importing python-docx.

    Replaces nothing public: python-docx has no API naming the files a new document is made
    from. The .docx base cache is keyed on them (by size and time), so reinstalling or
    upgrading python-docx builds the base again. Empty when python-docx is not installed.
    """
    spec = importlib.util.find_spec("docx")
    if spec is None or not spec.origin:
        return []
    folder = Path(spec.origin).parent / "templates"
    return [folder / name for name in TEMPLATE_FILES]


def paragraph_element(paragraph: Paragraph) -> CT_P:
    """The ``w:p`` element behind ``paragraph`` (``Paragraph._p``).

    python-docx has no public property for it; a page number needs a PAGE field and the
    indent counted in characters (``w:rightChars``), neither of which its API writes.
    """
    return paragraph._p


def drop_package_relationship(package: OpcPackage, r_id: str) -> None:
    """Remove the package-level relationship ``r_id``, so its part is not saved.

    A part's own relationships have the public ``Part.drop_rel``; the package's (here the
    thumbnail of python-docx's default.docx) have no such method. ``OpcPackage.rels`` is a
    dict by rId, and saving walks it, so deleting the entry drops the part; this is what
    ``Part.drop_rel`` itself does to a part's dict.
    """
    del package.rels[r_id]
