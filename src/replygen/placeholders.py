"""Placeholders: the visible 【待填写】 marks a scaffolded draft holds until the clerk fills them.

A letter that still shows one renders with a 征求意见稿 mark (see ``render.render_stream``),
and a final render refuses a document holding one anywhere, listing where they are.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .errors import Problem

__all__ = ["PLACEHOLDER", "find_placeholders", "has_placeholders", "locate_placeholders", "placeholders_left"]

PLACEHOLDER = "【待填写】"

Path_ = tuple[Any, ...]


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    """Every string inside ``value`` (plain data or a pydantic model) with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, path + (key,))
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            yield from _strings(child, path + (index,))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), path + (name,))


def _format(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def find_placeholders(
    doc: Any,
    positions: dict[Path_, tuple[int, int]] | None = None,
    filename: str | None = None,
) -> list[Problem]:
    """Where ``doc`` (a model or parsed YAML data) still holds :data:`PLACEHOLDER`.

    With the ``positions`` from :func:`replygen.loader.parse_yaml`, each problem has its line.
    """
    positions = positions or {}
    found = []
    for path, text in _strings(doc, ()):
        if PLACEHOLDER not in text:
            continue
        lookup = path
        while lookup and lookup not in positions:
            lookup = lookup[:-1]  # a value the model reshaped: point at its nearest parent
        line, column = positions.get(lookup, (None, None))
        found.append(
            Problem(f"这里仍是占位符“{PLACEHOLDER}”，请填写实际内容", filename, line, column, _format(path))
        )
    return found


def has_placeholders(doc: Any) -> bool:
    """True while any text in ``doc`` still holds :data:`PLACEHOLDER`."""
    if isinstance(doc, BaseModel):
        # pydantic serialises in Rust, several times faster than walking the fields here; JSON
        # leaves CJK and 【】 unescaped, so the mark appears in it exactly as in the text.
        return PLACEHOLDER in doc.model_dump_json()
    return any(PLACEHOLDER in text for _, text in _strings(doc, ()))


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
