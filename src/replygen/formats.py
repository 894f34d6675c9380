"""Output formats by name: file suffix and a function that renders a document to bytes.

Each entry imports its writer only when it renders, so listing the formats stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["Format", "Version", "available_formats", "default_format", "render_formats", "resolve_formats"]

# write(blocks, info) → the file's bytes. Every format writes the same rendered block stream
# (and the draft's DocInfo: seal, document properties), so a draft goes through the templates
# once however many formats are asked for.
Writer = Callable[[list[Any], Any], bytes]


@dataclass(frozen=True)
class Format:
    """One output format: ``write(blocks, info)`` returns the file's bytes.

    ``body`` marks the 办理系统's paste-ready body, which is cut from the blocks with the
    draft at hand (:func:`replygen.versions.body_blocks`) and is never the whole letter.
    """

    name: str
    suffix: str
    write: Writer
    body: bool = False


def _text_bytes(blocks: list[Any], info: Any) -> bytes:
    from .text import write_text

    return write_text(blocks, info).encode("utf-8")


def _docx_bytes(blocks: list[Any], info: Any) -> bytes:
    from .docx import write_docx

    return write_docx(blocks, info=info)


def _body_bytes(blocks: list[Any], info: Any, *, indent: bool = False) -> bytes:
    from .versions import body_text

    return body_text(blocks, indent=indent).encode("utf-8")


def _pdf_bytes(blocks: list[Any], info: Any) -> bytes:
    from .pdf import docx_to_pdf

    return docx_to_pdf(_docx_bytes(blocks, info))


@dataclass(frozen=True)
class Version:
    """Which version of the letter is written: the letter itself, or the one for 信息公开;
    ``indent`` puts the two-character indent into the 办理系统 body."""

    publication: bool = False
    indent: bool = False


def render_formats(
    doc: Any,
    formats: Iterable[Format],
    template_dir: str | os.PathLike[str] | None,
    draft: bool | None,
    version: Version = Version(),
    source: str | None = None,
) -> Iterator[tuple[Format, bytes]]:
    """Each format's bytes for ``doc``, rendering the templates once.

    ``source``, the draft's file, lets a refusal (a reply not to be published) name its line.
    """
    from .docinfo import doc_info
    from .render import render_blocks

    blocks = render_blocks(doc, template_dir, draft=draft)
    if version.publication:
        from .versions import publication_blocks

        blocks = publication_blocks(blocks, doc, source)
    info = doc_info(doc)
    for fmt in formats:
        if fmt.body:
            from .versions import body_blocks

            yield fmt, _body_bytes(body_blocks(blocks, doc), info, indent=version.indent)
        else:
            yield fmt, fmt.write(blocks, info)


def available_formats() -> dict[str, Format]:
    """Every format replygen writes, in a stable order."""
    return {
        "text": Format("text", ".txt", _text_bytes),
        "docx": Format("docx", ".docx", _docx_bytes),
        "pdf": Format("pdf", ".pdf", _pdf_bytes),  # the .docx printed by LibreOffice
        # The 办理系统's text box: its own suffix, so it never takes the letter's .txt name.
        "body": Format("body", ".body.txt", _body_bytes, body=True),
    }


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
