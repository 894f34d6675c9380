"""Field paths: how a value inside a draft is named in a message and found in its file.

A path is the keys and list indexes leading to a value, ``("sections", 0, "topic")``, written
``sections[0].topic``. The loader records where each path starts in the YAML file; a value
the model reshaped (a string standing for a list, say) is found at its nearest recorded parent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Union

from pydantic import BaseModel

__all__ = ["FieldPath", "Positions", "format_path", "position_of", "strings_in"]

FieldPath = tuple[Union[str, int], ...]
Positions = dict[FieldPath, tuple[int, int]]  # 1-based line and column


def format_path(path: FieldPath) -> str:
    """``("sections", 0, "topic")`` → ``sections[0].topic``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def position_of(positions: Positions, path: FieldPath) -> tuple[int | None, int | None]:
    """Line and column of ``path``, or of its nearest parent the file shows."""
    while path and path not in positions:
        path = path[:-1]
    line, column = positions.get(path, (None, None))
    return line, column


def strings_in(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string inside ``value`` (parsed YAML or a pydantic model) with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings_in(child, path + (key,))
    elif isinstance(value, (list, tuple)):
        for index, child in enumerate(value):
            yield from strings_in(child, path + (index,))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from strings_in(getattr(value, name), path + (name,))
