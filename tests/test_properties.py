"""Property tests: any valid reply built from arbitrary text renders, and loses no text."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import replygen
from replygen.render import render_block_texts

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text as clerks paste it: CJK, full- and half-width punctuation, emoji, Latin, digits and
# anything else printable. Controls and line breaks are refused or joined by design.
_chars = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from("，。、；：？！“”‘’（）《》〔〕【】—…·％＋－　,.;:?!'\"()[]<>&{}%#*-_/\\|~`^$@="),
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),
    st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
        blacklist_characters="\ufffe\uffff\x85",
    ),
)
# Framed by two CJK characters so a value never starts with a typed number (一、 1.) or a
# formula the templates write, which validation rightly refuses.
text = st.text(_chars, min_size=1, max_size=40).map(lambda s: f"甲{s}乙")


@st.composite
def replies(draw: st.DrawFn) -> dict[str, Any]:
    sections = [
        {
            "topic": draw(text),
            "paragraphs": draw(st.lists(text, min_size=1, max_size=3)),
            "items": draw(st.lists(text, max_size=3)),
        }
        for _ in range(draw(st.integers(1, 3)))
    ]
    return {
        "issuer": draw(text),
        "proposal": {"meeting": draw(text), "number": draw(text), "title": draw(text)},
        "proposer": {
            "name": draw(st.lists(text, min_size=1, max_size=3)),
            "type": draw(st.sampled_from(["member", "deputy", "organisation"])),
        },
        "signature": {"date": "2024-05-20"},
        "sections": sections,
    }


def texts(node: Any) -> list[str]:
    """Every free-text value in a draft (the proposer type and the date are codes)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for key, value in node.items() if key not in {"type", "date"} for t in texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in texts(value)]
    return []


def through_yaml(data: dict[str, Any]) -> Any:
    """The draft as a clerk's file: dumped to YAML and loaded the way the CLI loads it."""
    return replygen.loads(yaml.safe_dump(data, allow_unicode=True), "property.yaml")


@SETTINGS
@given(replies())
def test_any_valid_reply_renders_to_text_holding_every_field(data: dict[str, Any]) -> None:
    doc = through_yaml(data)
    rendered = replygen.render_text(doc)
    # Each value whole in the paragraphs the text writer lays out …
    paragraphs = "\n".join(text for _, text in render_block_texts(doc))
    # … and on the page, where a title broken by meaning (§7.3.1) or a centred line is padded
    # with spaces that cannot be told from a space in the value.
    page = re.sub(r"\s", "", rendered)
    for value in texts(data):
        assert value in paragraphs
        assert re.sub(r"\s", "", value) in page
    assert "\ufffd" not in rendered


@SETTINGS
@given(replies())
def test_any_valid_reply_renders_to_docx_that_reads_back_the_same_text(data: dict[str, Any]) -> None:
    import docx

    doc = through_yaml(data)
    document = docx.Document(io.BytesIO(replygen.docx_bytes(doc)))
    body = "\n".join(p.text.replace("\n", "") for p in document.paragraphs)  # the title's line breaks
    for value in texts(data):
        assert value in body
    # The text writer and the .docx hold the same paragraphs (layout spaces aside).
    lines = [line.strip("\u3000 ") for line in replygen.render_text(doc).splitlines() if line.strip("\u3000 ")]
    paragraphs = [p.text.strip("\u3000 ") for p in document.paragraphs if p.text.strip("\u3000 ")]
    for line in lines:
        assert any(line in p for p in paragraphs), line


# --- whatever arrives, the loader answers with a ReplygenError or a document ------------

_yaml_like = st.lists(
    st.sampled_from(list(":- \n\t'\"[]{},&*!|>#%@`?~") + ["issuer", "proposal", "sections", "甲", "1", "2024-02-30"]),
    max_size=60,
).map("".join)


@SETTINGS
@given(st.one_of(st.binary(max_size=300), _yaml_like.map(lambda s: s.encode("utf-8"))))
def test_any_bytes_give_a_document_or_an_input_error(data: bytes) -> None:
    from replygen.loader import decode

    try:
        replygen.loads(decode(data, "fuzz.yaml"), "fuzz.yaml")
    except replygen.InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        assert all(p.file == "fuzz.yaml" for p in exc.problems)
