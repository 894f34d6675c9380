"""Output formats: every format writes the same block stream, rendered once per draft."""

from __future__ import annotations

from typing import Any

import pytest

import replygen
import replygen.render
from conftest import EXAMPLES
from replygen.formats import render_formats, resolve_formats


def test_two_formats_render_the_templates_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = replygen.render.render_blocks

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(replygen.render, "render_blocks", counting)
    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    outputs = dict((fmt.name, data) for fmt, data in render_formats(doc, resolve_formats("text,docx"), None, None))
    assert len(calls) == 1
    assert outputs["text"].decode("utf-8") == replygen.render_text(doc)
    assert outputs["docx"] == replygen.docx_bytes(doc)
