"""Import stage: an existing reply or 实施意见 (.txt or .docx) → model data → YAML.

Pipeline: :mod:`.clean` (noise) → :mod:`.classify` (roles) → :mod:`.build` (model data and
待核 notes) → validation by the loader → :mod:`.emit` (YAML text). The patterns of the genre
live in :mod:`.patterns`.
"""

from __future__ import annotations

import os
from typing import Union

import replygen as _package

# Resolve the public function replygen.load before importing the stage module of the same
# name: a first import of the submodule would otherwise leave replygen.load bound to it.
_package.load  # noqa: B018
from ..load import validate  # noqa: E402
from ..model import Opinion, Reply
from .build import Built, build
from .clean import clean

__all__ = ["import_text", "parse_docx", "parse_text", "to_yaml"]


def import_text(text: str) -> Built:
    """Model data and 待核 notes for ``text`` (not yet validated)."""
    return build(clean(text))


def parse_text(text: str) -> Union[Reply, Opinion]:
    """Read an existing reply or 实施意见 given as text into a validated model."""
    return validate(import_text(text).data, filename="<导入>")


def parse_docx(path: str | os.PathLike[str]) -> Union[Reply, Opinion]:
    """Read an existing .docx reply or 实施意见 into a validated model."""
    from .docx import docx_text

    return parse_text(docx_text(path))


def to_yaml(built: Built, source: str | None = None) -> str:
    """The YAML a clerk edits: validated first, so it always loads back."""
    from .emit import emit

    validate(built.data, filename=source or "<导入>")
    return emit(built.data, built.notes, source)
