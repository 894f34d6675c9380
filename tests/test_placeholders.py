"""Placeholders: where a draft still holds 【待填写】, with line and field."""

from __future__ import annotations

from pathlib import Path

import replygen
from conftest import EXAMPLES
from replygen.placeholders import PLACEHOLDER, PLACEHOLDER_LEFT, find_placeholders, has_placeholders, locate_placeholders, placeholders_left


def test_found_in_parsed_data_with_field_and_position() -> None:
    data = {"proposer": {"name": PLACEHOLDER}, "sections": [{"topic": "人才", "paragraphs": [f"资金{PLACEHOLDER}万元"]}]}
    positions = {("proposer", "name"): (3, 9), ("sections", 0): (5, 5)}
    found = find_placeholders(data, positions, "d.yaml")
    assert [(p.field, p.line, p.column, p.file) for p in found] == [
        ("proposer.name", 3, 9, "d.yaml"),
        ("sections[0].paragraphs[0]", 5, 5, "d.yaml"),  # at its nearest recorded parent
    ]
    assert all(p.message == PLACEHOLDER_LEFT for p in found)


def _draft_with_placeholders(tmp_path: Path) -> Path:
    """new-draft.yaml with its contact person (line 12) and its 签发人 (line 7) to be filled."""
    text = (EXAMPLES / "new-draft.yaml").read_text(encoding="utf-8")
    assert "  person: 陈晓梅\n" in text and "signer: 刘志远 " in text
    text = text.replace("person: 陈晓梅", f"person: {PLACEHOLDER}").replace("signer: 刘志远", f"signer: {PLACEHOLDER}")
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_has_placeholders_in_data_and_in_a_model(tmp_path: Path) -> None:
    assert has_placeholders({"a": ["x", PLACEHOLDER]})
    assert not has_placeholders({"a": ["x", "待填写"]})
    assert not has_placeholders(replygen.load(EXAMPLES / "new-draft.yaml"))
    assert has_placeholders(replygen.load(_draft_with_placeholders(tmp_path)))


def test_placeholders_left_reads_the_file_for_lines(tmp_path: Path) -> None:
    draft = _draft_with_placeholders(tmp_path)
    found = placeholders_left(replygen.load(draft), draft)
    assert [(p.field, p.line) for p in found] == [("signer", 7), ("contact.person", 12)]
    assert found == locate_placeholders(draft)
    # A draft with none is not read again: a path that does not exist is never opened.
    assert placeholders_left(replygen.load(EXAMPLES / "new-draft.yaml"), tmp_path / "never-read.yaml") == []
