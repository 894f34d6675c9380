"""Each example renders to text that matches its source document (see fidelity.py)."""

from __future__ import annotations

import pytest

import replygen
from conftest import CORPUS, EXAMPLES, FIXTURES, SOURCES
from fidelity import first_mismatch, load_differences, normalise

CASES = sorted(SOURCES.items())


def _texts(source: str, example: str) -> tuple[str, str]:
    expected = normalise((CORPUS / source).read_text(encoding="utf-8"))
    actual = normalise(replygen.render_text(replygen.load(EXAMPLES / example)))
    return expected, actual


@pytest.mark.parametrize(("source", "example"), CASES, ids=[s[:3] for s, _ in CASES])
def test_example_matches_source(source: str, example: str) -> None:
    expected, actual = _texts(source, example)
    for diff in load_differences(FIXTURES / "differences" / f"{source[:-4]}.yaml"):
        assert diff.source in expected, f"listed difference not in source: {diff.source!r}"
        expected = expected.replace(diff.source, diff.rendered)
    assert expected == actual, first_mismatch(expected, actual)


@pytest.mark.parametrize(("source", "example"), CASES, ids=[s[:3] for s, _ in CASES])
def test_listed_differences_are_real(source: str, example: str) -> None:
    """A listed difference must still be needed: the rendered side must not already match."""
    expected, actual = _texts(source, example)
    for diff in load_differences(FIXTURES / "differences" / f"{source[:-4]}.yaml"):
        assert diff.reason.strip(), "every difference needs a reason"
        assert diff.source not in actual, f"rendered text already has {diff.source!r}"
        if diff.rendered:
            assert diff.rendered in actual, f"rendered text lacks {diff.rendered!r}"
