"""The importer's build stage: the draft's keys in reading order, none lost; every role handled."""

from __future__ import annotations

import pytest

from replygen.importer import body
from replygen.importer.build import _ORDER, _order
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
