"""Field paths: how a value inside a draft is named in a message and found in its file."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from replygen.fieldpath import FieldPath, Positions, format_path, position_of, strings_in


@pytest.mark.parametrize(
    ("path", "written"),
    [
        ((), ""),
        (("closing",), "closing"),
        (("sections", 0, "topic"), "sections[0].topic"),
        (("sections", 2, "items", 10), "sections[2].items[10]"),
        (("a", "b", "c"), "a.b.c"),
        ((3,), "[3]"),  # a list at the top of a file
        ((0, 1, "x"), "[0][1].x"),
    ],
)
def test_format_path_writes_keys_with_dots_and_indexes_in_brackets(path: FieldPath, written: str) -> None:
    assert format_path(path) == written


POSITIONS: Positions = {
    (): (1, 1),
    ("sections",): (5, 1),
    ("sections", 0): (6, 3),
    ("sections", 0, "topic"): (6, 5),
}


def test_position_of_a_recorded_path_is_its_own() -> None:
    assert position_of(POSITIONS, ("sections", 0, "topic")) == (6, 5)
    assert position_of(POSITIONS, ("sections",)) == (5, 1)


def test_position_of_a_reshaped_value_is_its_nearest_recorded_parent() -> None:
    # items[3] of a section whose items the model made from one string: the section's place.
    assert position_of(POSITIONS, ("sections", 0, "items", 3)) == (6, 3)
    assert position_of(POSITIONS, ("sections", 7, "topic")) == (5, 1)
    assert position_of(POSITIONS, ("closing",)) == (1, 1)


def test_position_of_is_unknown_when_nothing_is_recorded() -> None:
    assert position_of({}, ("sections", 0)) == (None, None)
    assert position_of({("other",): (2, 1)}, ("sections", 0)) == (None, None)


class _Inner(BaseModel):
    text: str
    count: int = 0


class _Outer(BaseModel):
    title: str
    parts: list[_Inner]
    note: str | None = None


def test_strings_in_parsed_yaml_are_listed_with_their_paths_in_order() -> None:
    value = {"title": "甲", "n": 3, "sections": [{"topic": "乙", "items": ["丙", 4, None]}], "flag": True}
    assert list(strings_in(value)) == [
        (("title",), "甲"),
        (("sections", 0, "topic"), "乙"),
        (("sections", 0, "items", 0), "丙"),
    ]


def test_strings_in_a_model_follow_its_fields() -> None:
    model = _Outer(title="标题", parts=[_Inner(text="一"), _Inner(text="二", count=2)])
    assert list(strings_in(model)) == [
        (("title",), "标题"),
        (("parts", 0, "text"), "一"),
        (("parts", 1, "text"), "二"),
    ]


def test_strings_in_starts_from_a_given_path_and_reads_tuples() -> None:
    assert list(strings_in(("x", ("y",)), ("proposal",))) == [(("proposal", 0), "x"), (("proposal", 1, 0), "y")]
    assert list(strings_in("单独")) == [((), "单独")]
    assert list(strings_in(12)) == []
