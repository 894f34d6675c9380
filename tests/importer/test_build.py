"""The importer's build stage: the draft's keys in reading order, none lost; every role handled."""

from __future__ import annotations

import pytest

import replygen
from replygen.importer import body
from replygen.importer.build import _ORDER, _order, build_text
from replygen.importer.classify import ROLES, classify


def test_order_puts_known_keys_first_and_keeps_the_rest() -> None:
    data = {"closing": "专此答复。", "a_new_field": 1, "issuer": "某局", "sections": []}
    ordered = _order(data)
    assert list(ordered) == ["issuer", "sections", "closing", "a_new_field"]
    assert ordered == data  # nothing dropped, nothing changed


def test_every_key_of_a_draft_has_its_place_in_the_order() -> None:
    from replygen.model import Opinion, Reply

    fields = set(Reply.model_fields) | set(Opinion.model_fields)
    assert fields <= set(_ORDER), sorted(fields - set(_ORDER))


@pytest.mark.parametrize("line", ["一、关于甲", "（一）乙", "1.丙", "（1）丁", "《建议》提出，戊", "下一步，己", "庚"])
def test_every_classified_role_has_a_handler(line: str) -> None:
    para = classify(line)
    assert para.role in ROLES
    assert para.role in body.Body._handlers


def test_build_text_reads_a_letter_without_rendering_it() -> None:
    built = build_text("王委员：\n您提出的《关于加强农村教师队伍建设的提案》收悉，现答复如下：\n我局已补充教师23名。\n某县教育局\n2024年6月10日\n")
    assert built.data["issuer"] == "某县教育局"
    assert built.data["preamble"] == ["我局已补充教师23名。"]  # the substance a 会办 opinion quotes
    assert built.sources["salutation"] == "王委员"  # kept for the verify step, which this one skips


def test_build_text_names_the_source_of_a_letter_with_no_text() -> None:
    with pytest.raises(replygen.InputError, match="没有可导入的文字") as caught:
        build_text("\u3000\n\n", "opinion.txt")
    assert caught.value.problems[0].file == "opinion.txt"
