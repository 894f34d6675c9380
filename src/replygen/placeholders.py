"""Placeholders: the visible 【待填写】 marks a scaffolded draft holds until the clerk fills them.

A letter that still shows one renders with a 征求意见稿 mark (see ``render.render_stream``),
and a final render refuses a document holding one anywhere, listing where they are.
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import BaseModel

from .errors import Problem
from .fieldpath import Positions, format_path, position_of, strings_in

__all__ = ["PLACEHOLDER", "PLACEHOLDER_LEFT", "find_placeholders", "has_placeholders", "locate_placeholders", "placeholders_left"]

PLACEHOLDER = "【待填写】"
PLACEHOLDER_LEFT = f"这里仍是占位符“{PLACEHOLDER}”，请填写实际内容"  # the message for each one found


def find_placeholders(
    doc: Any,
    positions: Positions | None = None,
    filename: str | None = None,
) -> list[Problem]:
    """Where ``doc`` (a model or parsed YAML data) still holds :data:`PLACEHOLDER`.

    With the ``positions`` from :func:`replygen.loader.parse_yaml`, each problem has its line.
    """
    positions = positions or {}
    found = []
    for path, text in strings_in(doc):
        if PLACEHOLDER not in text:
            continue
        line, column = position_of(positions, path)
        found.append(Problem(PLACEHOLDER_LEFT, filename, line, column, format_path(path)))
    return found


def has_placeholders(doc: Any) -> bool:
    """True while any text in ``doc`` still holds :data:`PLACEHOLDER`."""
    if isinstance(doc, BaseModel):
        # pydantic serialises in Rust, several times faster than walking the fields here; JSON
        # leaves CJK and 【】 unescaped, so the mark appears in it exactly as in the text.
        return PLACEHOLDER in doc.model_dump_json()
    return any(PLACEHOLDER in text for _, text in strings_in(doc))


def placeholders_left(doc: Any, path: str | os.PathLike[str]) -> list[Problem]:
    """The placeholders ``doc``, loaded from ``path``, still holds, each with its line and field.

    The file is read again for positions only when there is something to point at.
    """
    return locate_placeholders(path) if has_placeholders(doc) else []


def locate_placeholders(path: str | os.PathLike[str]) -> list[Problem]:
    """The placeholders left in the draft file at ``path``, each with its line and field."""
    from .loader import parse_yaml, read_text

    name = str(path)
    data, positions = parse_yaml(read_text(path), name)
    return find_placeholders(data, positions, name)
