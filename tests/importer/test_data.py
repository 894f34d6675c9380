"""The build stages' shared result."""

from __future__ import annotations

from replygen.importer.data import Built


def test_notes_on_one_field_are_joined_not_replaced() -> None:
    built = Built()
    built.note(("closing",), "第一条")
    built.note(("closing",), "第二条")
    built.note((), "全文")
    assert built.notes == {("closing",): "第一条；第二条", (): "全文"}
    assert built.data == {} and built.sources == {}
