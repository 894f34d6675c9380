"""Verify stage: render the imported reply and compare each formula with the source.

The build stage recognises formulas by the patterns in :mod:`.patterns`; this stage asks the
templates themselves. Wherever the rendered title, salutation, opening or closing differs from
the source, the source wording is kept verbatim and flagged, so an office's own templates (or a
formula the patterns misread) never change what the letter said.
"""

from __future__ import annotations

from typing import Any

from ..model import Reply
from .data import Built
from .classify import same

__all__ = ["verify"]


def _rendered(doc: Reply) -> dict[str, str]:
    from ..render import render_blocks

    blocks = render_blocks(doc, draft=False)
    out: dict[str, str] = {}
    paragraphs = [b for b in blocks if b.role == "p"]
    for block in blocks:
        if block.role in ("title", "salutation") and block.role not in out:
            out[block.role] = block.text.removesuffix("：")
    if paragraphs:
        out["opening"] = paragraphs[0].text
        if doc.closing is not None:
            # The thanks stands before the closing formulas a style adds (专此答复。).
            after = sum(1 for line in (doc.style.closing if doc.style else ("{结束语}",)) if line != "{结束语}")
            out["closing"] = paragraphs[-1 - min(after, len(paragraphs) - 1)].text
    return out


def verify(built: Built, doc: Any) -> None:
    """Keep verbatim, in ``built``, any formula the templates render differently, with a note."""
    if not isinstance(doc, Reply) or not built.sources:
        return
    rendered = _rendered(doc)
    data = built.data
    for key, source in built.sources.items():
        if key not in rendered or same(rendered[key], source):
            continue
        if key == "closing":
            data["closing"] = {"text": source}
        else:
            data[key] = source
        built.note((key,), "模板生成的句子与原文不同，已照录原文")
