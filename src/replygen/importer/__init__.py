"""Import stage: an existing reply or 实施意见 (.txt or .docx) → model data → YAML.

Pipeline: :mod:`.clean` (noise) → :mod:`.classify` (roles) → :mod:`.build` (model data and
待核 notes, using :mod:`.frame` for the lines around the body and :mod:`.body` for the body)
→ :mod:`.verify` (formulas checked against the templates) → validation by the loader →
:mod:`.emit` (YAML text). The patterns of the genre live in :mod:`.patterns`; .docx input is
read by :mod:`.docx`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Union

from ..errors import InputError, Problem
from ..loader import validate
from ..model import Opinion, Reply
from .build import build
from .data import Built
from .clean import clean

__all__ = ["import_file", "import_text", "parse_docx", "parse_text", "to_yaml"]


def import_text(text: str, notes: Sequence[str] = (), source: str = "<导入>") -> Built:
    """Model data and 待核 notes for ``text`` (not yet validated).

    ``notes`` are about the whole document (what a .docx holds outside the letter's body).
    """
    cleaned = clean(text)
    if not cleaned.paragraphs:
        raise InputError(Problem("文件中没有可导入的文字（是空文件，或是扫描图片？）", source))
    built = build(cleaned)
    for note in notes:
        built.note((), note)
    from .verify import verify

    try:
        verify(built, validate(built.data, filename="<导入>"))
    except InputError:
        pass  # reported with its location when the caller validates
    return built


def parse_text(text: str) -> Union[Reply, Opinion]:
    """Read an existing reply or 实施意见 given as text into a validated model."""
    return validate(import_text(text).data, filename="<导入>")


def parse_docx(path: str | os.PathLike[str]) -> Union[Reply, Opinion]:
    """Read an existing .docx reply or 实施意见 into a validated model."""
    from .docx import docx_text

    return parse_text(docx_text(path).text)


def to_yaml(built: Built, source: str | None = None) -> str:
    """The YAML a clerk edits: validated first, so it always loads back; keys in schema order."""
    from .emit import emit

    document = validate(built.data, filename=source or "<导入>")
    data = document.model_dump(exclude_defaults=True)
    if document.doc_number is not None:
        data["doc_number"] = str(document.doc_number)
    if isinstance(document, Reply) and len(document.proposer.name) == 1:
        data["proposer"]["name"] = document.proposer.name[0]
    if "kind" in data:
        data = {"kind": data.pop("kind"), **data}
    return emit(data, built.notes, source)


def import_file(
    path: str | os.PathLike[str], output: str | os.PathLike[str] | None = None, *, overwrite: bool = True
) -> str | None:
    """Import ``path`` (.txt or .docx); write YAML to ``output`` atomically, or print it.

    ``output`` is never ``path`` itself; without ``overwrite`` it must not exist yet.
    """
    import sys
    from pathlib import Path

    from ..output import Inputs, atomic_write
    from .source import read_source

    read = read_source(path)
    name = Path(path).name
    result = to_yaml(import_text(read.text, read.notes, str(path)), name)
    if output is None:
        sys.stdout.write(result)
        return None
    return str(atomic_write(output, result.encode("utf-8"), overwrite=overwrite, inputs=Inputs([Path(path)])))
