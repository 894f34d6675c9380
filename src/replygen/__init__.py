"""replygen: draft Chinese official reply letters (提案/建议答复) from YAML.

Pipeline: :func:`load` (YAML → validated model) → :func:`render_blocks` (templates → block
stream) → writers (:func:`render_text`, :func:`render_docx`).

Names are imported on first use (PEP 562), so ``import replygen`` and ``replygen --help``
stay fast: pydantic, Jinja and python-docx load only when a document is handled.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from .blocks import Block, Run
    from .errors import (
        DecodeError,
        DraftValidationError,
        InputError,
        OutputError,
        Problem,
        ReplygenError,
        TemplateError,
        YamlSyntaxError,
    )
    from .loader import load, loads
    from .model import (
        Closing,
        Contact,
        DocNumber,
        Handling,
        Item,
        NextSteps,
        Opinion,
        Part,
        Proposal,
        Proposer,
        Publication,
        Reply,
        Section,
        Signature,
        Subpart,
        Subsection,
    )
    from .importer import parse_docx, parse_text
    from .placeholders import PLACEHOLDER, find_placeholders, has_placeholders
    from .docx import docx_bytes, render_docx
    from .render import render_blocks

__version__ = "0.1.0"

# Public name → the module that defines it.
_LAZY = {
    **dict.fromkeys(["Block", "Run"], "blocks"),
    **dict.fromkeys(
        [
            "DecodeError",
            "DraftValidationError",
            "InputError",
            "OutputError",
            "Problem",
            "ReplygenError",
            "TemplateError",
            "YamlSyntaxError",
        ],
        "errors",
    ),
    **dict.fromkeys(["load", "loads"], "loader"),
    **dict.fromkeys(
        [
            "Closing",
            "Contact",
            "DocNumber",
            "Handling",
            "Item",
            "NextSteps",
            "Opinion",
            "Part",
            "Proposal",
            "Proposer",
            "Publication",
            "Reply",
            "Section",
            "Signature",
            "Subpart",
            "Subsection",
        ],
        "model",
    ),
    **dict.fromkeys(["parse_docx", "parse_text"], "importer"),
    **dict.fromkeys(["PLACEHOLDER", "find_placeholders", "has_placeholders"], "placeholders"),
    "render_blocks": "render",
    **dict.fromkeys(["docx_bytes", "render_docx"], "docx"),
}

__all__ = sorted([*_LAZY, "__version__", "render_text"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'replygen' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def render_text(
    doc: Union[Reply, Opinion],
    *,
    template_dir: str | os.PathLike[str] | None = None,
    draft: bool | None = None,
) -> str:
    """Render ``doc`` as plain text: one paragraph per line, body indented two full-width spaces.

    ``draft`` adds the 征求意见稿 mark; by default it is added while the letter shows a placeholder.
    """
    from .docinfo import doc_info
    from .render import render_block_texts
    from .text import write_paragraphs

    return write_paragraphs(render_block_texts(doc, template_dir, draft=draft), doc_info(doc))
