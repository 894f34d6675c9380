"""Output formats by name: each a suffix and a writer from the rendered draft to bytes.

Every writer takes the same :class:`Rendered` (the block stream, the draft's DocInfo, the
draft itself, the version asked for and the draft's file), so the letter's text, its .docx,
its PDF and the 办理系统 body are equals: the code that runs them never asks which one it
has. Each entry imports its writer only when it writes, so listing the formats stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["Format", "Rendered", "Version", "available_formats", "default_format", "render_draft_blocks", "render_formats", "resolve_formats"]


@dataclass(frozen=True)
class Version:
    """Which version of the letter is written: the letter itself, or the one for 信息公开;
    ``indent`` puts the two-character indent into the 办理系统 body."""

    publication: bool = False
    indent: bool = False


@dataclass(frozen=True)
class Rendered:
    """A draft gone through the templates once: what every writer takes."""

    blocks: list[Any]
    info: Any  # replygen.docinfo.DocInfo: seal and document properties
    doc: Any  # the validated draft, for what a writer cuts with it (the body's ends)
    version: Version = Version()
    source: str | None = None  # the draft's file, named in notes and refusals


# write(rendered) → the file's bytes; notes(rendered, data) → (notes, warnings) for the clerk.
Writer = Callable[[Rendered], bytes]
Notes = Callable[[Rendered, bytes], tuple[tuple[str, ...], tuple[str, ...]]]


@dataclass(frozen=True)
class Format:
    """One output format: ``write(rendered)`` returns the file's bytes.

    ``notes``, when a format has something to tell about what it wrote (the body's length),
    returns lines to show beside the output and warnings the clerk must look at.
    """

    name: str
    suffix: str
    write: Writer
    notes: Notes | None = None


def _text_bytes(rendered: Rendered) -> bytes:
    from .text import write_text

    return write_text(rendered.blocks, rendered.info).encode("utf-8")


def _docx_bytes(rendered: Rendered) -> bytes:
    from .docx import write_docx

    return write_docx(rendered.blocks, info=rendered.info)


def _pdf_bytes(rendered: Rendered) -> bytes:
    from .pdf import docx_to_pdf

    return docx_to_pdf(_docx_bytes(rendered))  # the .docx printed by LibreOffice


def _body_bytes(rendered: Rendered) -> bytes:
    from .versions import body_blocks, body_text

    # The 办理系统 takes the salutation to the closing: cut with the draft at hand.
    return body_text(body_blocks(rendered.blocks, rendered.doc), indent=rendered.version.indent).encode("utf-8")


def _body_notes(rendered: Rendered, data: bytes) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The body's length (never written into it), and a warning past the style's cap."""
    from .versions import body_length, body_limit, limit_warning

    name = rendered.source or "正文"
    length = body_length(data.decode("utf-8"))
    warning = limit_warning(name, length, body_limit(rendered.doc))
    return (f"{name}: 办理系统正文 {length} 字（不计换行和段首空格）",), (warning,) if warning else ()


def render_draft_blocks(
    doc: Any,
    template_dir: str | os.PathLike[str] | None,
    draft: bool | None,
    version: Version = Version(),
    source: str | None = None,
) -> Rendered:
    """``doc`` through the templates, in the version asked for, ready for any writer.

    ``source``, the draft's file, lets a refusal (a reply not to be published) name its line.
    """
    from .docinfo import doc_info
    from .render import render_blocks

    blocks = render_blocks(doc, template_dir, draft=draft)
    if version.publication:
        from .versions import publication_blocks

        blocks = publication_blocks(blocks, doc, source)
    return Rendered(blocks, doc_info(doc), doc, version, source)


def render_formats(
    doc: Any,
    formats: Iterable[Format],
    template_dir: str | os.PathLike[str] | None,
    draft: bool | None,
    version: Version = Version(),
    source: str | None = None,
) -> Iterator[tuple[Format, bytes]]:
    """Each format's bytes for ``doc``, rendering the templates once."""
    rendered = render_draft_blocks(doc, template_dir, draft, version, source)
    for fmt in formats:
        yield fmt, fmt.write(rendered)


def available_formats() -> dict[str, Format]:
    """Every format replygen writes, in a stable order."""
    return {
        "text": Format("text", ".txt", _text_bytes),
        "docx": Format("docx", ".docx", _docx_bytes),
        "pdf": Format("pdf", ".pdf", _pdf_bytes),
        # The 办理系统's text box: its own suffix, so it never takes the letter's .txt name.
        "body": Format("body", ".body.txt", _body_bytes, _body_notes),
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
