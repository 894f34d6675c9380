"""Round trip: each example rendered, then imported, gives back the example's model."""

from __future__ import annotations

from pathlib import Path

import pytest

import replygen
from conftest import EXAMPLES

CASES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
# Facts the rendered letter does not show: 000 names no issuer anywhere in its text.
NOT_IN_TEXT = {"reply-000-kjt-2020-111.yaml": {"issuer", "closing"}}
# A .docx prints the letter only; the website's 信息公开 header (索引号, 分类, 发布日期, and
# the full 发文机关 name) comes back from its document properties.
NOT_IN_DOCX = NOT_IN_TEXT


def _compare(
    expected: replygen.Reply | replygen.Opinion,
    actual: replygen.Reply | replygen.Opinion,
    name: str,
    not_shown: dict[str, set[str]] = NOT_IN_TEXT,
) -> None:
    skip = not_shown.get(name, set())
    left = expected.model_dump(exclude=skip)
    right = actual.model_dump(exclude=skip)
    assert left == right
    if "signature" in skip:
        assert actual.signature is not None and expected.signature is not None
        assert actual.signature.date == expected.signature.date
    if "closing" in skip:
        assert actual.closing is not None and expected.closing is not None
        assert actual.closing.thanks_for == expected.closing.thanks_for


@pytest.mark.parametrize("name", CASES)
def test_text_round_trip(name: str) -> None:
    doc = replygen.load(EXAMPLES / name)
    _compare(doc, replygen.parse_text(replygen.render_text(doc, draft=False)), name)


@pytest.mark.parametrize("name", CASES)
def test_docx_round_trip(name: str, tmp_path: Path) -> None:
    doc = replygen.load(EXAMPLES / name)
    path = tmp_path / "reply.docx"
    path.write_bytes(replygen.docx_bytes(doc, draft=False))
    _compare(doc, replygen.parse_docx(path), name, NOT_IN_DOCX)


def test_import_of_a_docx_keeps_the_header_from_its_properties(tmp_path: Path) -> None:
    doc = replygen.load(EXAMPLES / "reply-001-kjt-2023-71.yaml")
    (tmp_path / "reply.docx").write_bytes(replygen.docx_bytes(doc, draft=False))
    from replygen.importer import import_file

    import_file(tmp_path / "reply.docx", tmp_path / "back.yaml")
    back = replygen.load(tmp_path / "back.yaml")
    assert back.publication == doc.publication and back.issuer == doc.issuer
