"""replygen: draft Chinese official reply letters (提案/建议答复) from YAML.

Pipeline: :func:`load` (YAML → validated model) → :func:`render_blocks` (templates → block
stream) → writers (:func:`render_text`, :func:`render_docx`).
"""

from __future__ import annotations

import os
from typing import Union

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
from .load import load, loads
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
from .render import render_blocks
from .text import write_text

__version__ = "0.1.0"

__all__ = [
    "Block",
    "Closing",
    "Contact",
    "DecodeError",
    "DocNumber",
    "DraftValidationError",
    "Handling",
    "InputError",
    "Item",
    "NextSteps",
    "Opinion",
    "OutputError",
    "Part",
    "Problem",
    "Proposal",
    "Proposer",
    "Publication",
    "Reply",
    "ReplygenError",
    "Run",
    "Section",
    "Signature",
    "Subpart",
    "Subsection",
    "TemplateError",
    "YamlSyntaxError",
    "__version__",
    "load",
    "loads",
    "render_blocks",
    "render_text",
]


def render_text(
    doc: Union[Reply, Opinion], *, template_dir: str | os.PathLike[str] | None = None
) -> str:
    """Render ``doc`` as plain text: one paragraph per line, body indented two full-width spaces."""
    return write_text(render_blocks(doc, template_dir))
