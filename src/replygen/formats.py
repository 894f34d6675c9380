"""Output formats by name: file suffix and a function that renders a document to bytes.

Each entry imports its writer only when it renders, so listing the formats stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Format", "available_formats", "default_format", "resolve_formats"]

# render(doc, template_dir, draft) → the file's bytes; draft=None marks it while placeholders remain.
Renderer = Callable[[Any, Any, "bool | None"], bytes]


@dataclass(frozen=True)
class Format:
    """One output format: ``render(doc, template_dir, draft)`` returns the file's bytes."""

    name: str
    suffix: str
    render: Renderer


def _text_bytes(doc: Any, template_dir: str | os.PathLike[str] | None, draft: bool | None) -> bytes:
    import replygen

    return replygen.render_text(doc, template_dir=template_dir, draft=draft).encode("utf-8")


def _docx_bytes(doc: Any, template_dir: str | os.PathLike[str] | None, draft: bool | None) -> bytes:
    import replygen

    return replygen.docx_bytes(doc, template_dir=template_dir, draft=draft)


def available_formats() -> dict[str, Format]:
    """Every format replygen writes, in a stable order."""
    return {"text": Format("text", ".txt", _text_bytes), "docx": Format("docx", ".docx", _docx_bytes)}


def default_format() -> str:
    """The .docx a clerk prints and seals."""
    return "docx"


def resolve_formats(spec: str) -> list[Format]:
    """``"docx,text"`` → formats; ``ValueError`` names the unknown ones in Chinese."""
    registry = available_formats()
    names = list(dict.fromkeys(part.strip() for part in spec.split(",") if part.strip()))
    unknown = [name for name in names if name not in registry]
    if unknown or not names:
        raise ValueError(f"不支持的输出格式：{'、'.join(unknown) or '（空）'}（可选：{'、'.join(registry)}）")
    return [registry[name] for name in names]
