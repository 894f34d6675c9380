"""Emit stage: model data → YAML text a clerk can edit.

Written by hand rather than by a YAML library so the output is exactly what a clerk would
type: block style, Chinese unescaped, keys in schema order, ``# 待核：…`` comments above the
fields to check, and long paragraphs as folded ``>-`` blocks broken after each sentence (the
loader joins the lines again without adding spaces between Chinese characters; a ``|`` block
would make each line a paragraph of its own).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any

import yaml

__all__ = ["emit"]

Path_ = tuple[Any, ...]
_INDENT = "  "
_LONG = 60  # characters: longer paragraphs become blocks
_ONE_LINE = re.compile("[\n\r\x85\u2028\u2029]")
_SENTENCE_END = re.compile(r"(?<=[。；！？])(?=[^”’）》。；！？])")


def _plain_ok(text: str) -> bool:
    """True when ``text`` reads back as the same string written without quotes."""
    if not text or text != text.strip() or "\n" in text or text[0] in "!&*|>'\"%@`#,[]{}-?:":
        return False
    try:
        loaded: object = yaml.safe_load(f"k: {text}")
        return loaded == {"k": text}
    except (yaml.YAMLError, ValueError):  # ValueError: a timestamp-shaped text like 2023-13-45
        return False


def _block_ok(text: str) -> bool:
    # A block keeps text verbatim except that lines are rejoined; refuse what would not survive.
    return not re.search(r"[\x00-\x1f]", text) and text == text.strip()


def _lines(text: str) -> list[str]:
    parts = [p for p in _SENTENCE_END.split(text) if p]
    lines: list[str] = []
    for part in parts:
        # Break only where the loader rejoins without a space: not between two ASCII characters.
        if lines and not (lines[-1][-1].isascii() and part[0].isascii()) and not part[0].isspace():
            lines.append(part)
        elif lines:
            lines[-1] += part
        else:
            lines.append(part)
    return lines


def _scalar(value: Any, indent: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value)
    if len(text) > _LONG and _block_ok(text):
        body = "\n".join(indent + _INDENT + line for line in _lines(text))
        return ">-\n" + body
    if _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(notes: dict[Path_, str], path: Path_, indent: str) -> list[str]:
    note = notes.get(path)
    # A line break would end the comment and let quoted source text be read as YAML.
    return [f"{indent}# 待核：{_ONE_LINE.sub(' ', note)}"] if note else []


def _mapping(data: dict[str, Any], notes: dict[Path_, str], path: Path_, indent: str, first: str = "") -> list[str]:
    """Lines for a mapping; ``first`` is the “- ” prefix of a list item's first key."""
    lines: list[str] = []
    for n, (key, value) in enumerate(data.items()):
        if not (n == 0 and first):  # a list item's first comment is written above its “- ”
            lines.extend(_comment(notes, path + (key,), indent))
        prefix = first if n == 0 and first else indent
        lines.extend(_entry(f"{prefix}{key}:", value, notes, path + (key,), indent))
    return lines


def _entry(head: str, value: Any, notes: dict[Path_, str], path: Path_, indent: str) -> list[str]:
    if isinstance(value, dict):
        return [head] + _mapping(value, notes, path, indent + _INDENT)
    if isinstance(value, list):
        lines = [head]
        for i, element in enumerate(value):
            lines.extend(_comment(notes, path + (i,), indent + _INDENT))
            if isinstance(element, dict) and element:
                lines.extend(_comment(notes, path + (i, next(iter(element))), indent + _INDENT))
                item_indent = indent + _INDENT * 2
                lines.extend(_mapping(element, notes, path + (i,), item_indent, indent + _INDENT + "- "))
            else:
                lines.append(f"{indent}{_INDENT}- {_scalar(element, indent + _INDENT)}")
        return lines
    return [f"{head} {_scalar(value, indent)}"]


def emit(data: dict[str, Any], notes: dict[Path_, str] | None = None, source: str | None = None) -> str:
    """YAML text for ``data`` with a ``# 待核：`` comment above every noted field."""
    notes = notes or {}
    lines: list[str] = []
    if source:
        lines.append(f"# 由 {source} 导入。标有“待核”的地方请核对原文。")
    lines.extend(_comment(notes, (), ""))
    lines.extend(_mapping(data, notes, (), ""))
    return "\n".join(lines) + "\n"
