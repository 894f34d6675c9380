"""replygen: draft Chinese official reply letters (提案/建议答复) from YAML.

Pipeline: :func:`load` (YAML → validated model) → :func:`render_blocks` (templates → block
stream) → writers; :func:`render_text`, :func:`docx_bytes` and :func:`render_docx` do the
rendering and writing in one call (:mod:`replygen.pipeline`).

The public names, all of ``__all__`` and nothing else:

- reading drafts: ``load`` (a file), ``loads`` (text);
- the document model, pydantic models that validate whatever builds them, from a file or in
  code: ``Reply`` (提案/建议答复, 会办意见) and ``Opinion`` (实施意见), and their parts
  ``Proposal``, ``Proposer``, ``Handling``, ``DocNumber``, ``Section``, ``Subsection``, ``Item``,
  ``NextSteps``, ``Closing``, ``Signature``, ``Contact``, ``Printing``, ``Publication``, ``Part``,
  ``Subpart``; ``Style``, an office's house style (a draft's ``style`` field takes one, a
  style file's path or its settings);
- rendering: ``render_blocks`` (the role-tagged paragraphs, ``Block`` made of ``Run``),
  ``render_text``, ``render_docx`` (to a file), ``docx_bytes``;
- importing existing replies: ``parse_text``, ``parse_docx``;
- placeholders: ``PLACEHOLDER`` (the 【待填写】 mark), ``find_placeholders``, ``has_placeholders``;
- errors: ``ReplygenError`` is the root of ``InputError`` (with ``DecodeError``,
  ``YamlSyntaxError``, ``DraftValidationError``), ``TemplateError`` and ``OutputError``; an
  ``InputError`` lists ``Problem`` objects (file, line, column, field, message);
- ``__version__``.

Names are imported on first use (PEP 562), so ``import replygen`` and ``replygen --help``
stay fast: pydantic, Jinja and python-docx load only when a document is handled.
"""

# No ``from __future__ import annotations`` and only underscored imports: every other name
# at the top of this module would show in dir(replygen) as if it were public.
import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
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
        Printing,
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
    from .pipeline import docx_bytes, render_docx, render_text
    from .render import render_blocks
    from .style import Style

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
            "Printing",
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
    "Style": "style",
    **dict.fromkeys(["docx_bytes", "render_docx", "render_text"], "pipeline"),
}

__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'replygen' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    # The public names only: not the submodules an import leaves behind, nor the helpers here.
    return list(__all__)

