"""The verify stage: a formula the templates write otherwise than the source is kept verbatim."""

from __future__ import annotations

import replygen
from conftest import CORPUS, EXAMPLES
from replygen.importer.data import Built
from replygen.importer.verify import verify

# reply-001 reproduces this source document; its salutation is printed there as 民建省委会：
EXAMPLE = EXAMPLES / "reply-001-kjt-2023-71.yaml"
SOURCE = CORPUS / "001_bd5a3f7e5805ea1a.txt"


def _built(**sources: str) -> Built:
    built = Built()
    built.sources = dict(sources)
    return built


def test_a_formula_the_templates_write_the_same_way_is_left() -> None:
    doc = replygen.load(EXAMPLE)
    assert "民建省委会：" in SOURCE.read_text(encoding="utf-8").splitlines()
    built = _built(salutation="民建省委会")
    verify(built, doc)
    assert built.data == {} and built.notes == {}


def test_punctuation_width_alone_is_no_difference() -> None:
    doc = replygen.load(EXAMPLE)
    # The source's opening has a half-width comma after 收悉; the template writes a full-width one.
    opening = next(line.strip("\u3000") for line in SOURCE.read_text(encoding="utf-8").splitlines() if "收悉," in line)
    built = _built(opening=opening)
    verify(built, doc)
    assert built.data == {}


def test_the_thanks_the_source_words_otherwise_is_kept() -> None:
    # The source thanks 您 where the template, for a 单位, thanks 贵单位.
    doc = replygen.load(EXAMPLE)
    thanks = next(line.strip("\u3000") for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip("\u3000").startswith("感谢"))
    built = _built(closing=thanks)
    verify(built, doc)
    assert built.data == {"closing": {"text": thanks}} and thanks.startswith("感谢您")


def test_a_formula_worded_otherwise_is_kept_as_the_source_wrote_it_and_flagged() -> None:
    doc = replygen.load(EXAMPLE)
    built = _built(salutation="尊敬的民建吉林省委员会", closing="谢谢贵单位的支持。")
    verify(built, doc)
    assert built.data == {"salutation": "尊敬的民建吉林省委员会", "closing": {"text": "谢谢贵单位的支持。"}}
    assert set(built.notes) == {("salutation",), ("closing",)}
    assert all("照录原文" in note for note in built.notes.values())


def test_nothing_to_compare_is_no_change() -> None:
    built = _built()
    verify(built, replygen.load(EXAMPLE))
    assert built.data == {} and built.notes == {}
    # A 实施意见 has no formulas to compare, whatever its source said.
    built = _built(title="另一个标题")
    verify(built, replygen.load(EXAMPLES / "opinion-003-jzf-2019-1.yaml"))
    assert built.data == {} and built.notes == {}
