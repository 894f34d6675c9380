"""Each example renders to the paragraphs of its source document (see fidelity.py).

Paragraphs are compared after the documented normalisation, with their boundaries kept: a
listed difference may span a boundary (written with ``\\n``), and what remains must be the
same sequence of paragraphs, character for character.
"""

from __future__ import annotations

import pytest

import replygen
from conftest import CORPUS, EXAMPLES, FIXTURES, SOURCES
from fidelity import first_paragraph_mismatch, load_differences, paragraph_text, rendered_text, score

CASES = sorted(SOURCES.items())
IDS = [s[:3] for s, _ in CASES]


def _texts(source: str, example: str) -> tuple[str, str]:
    expected = paragraph_text((CORPUS / source).read_text(encoding="utf-8"))
    actual = paragraph_text(rendered_text(replygen.load(EXAMPLES / example)))
    return expected, actual


@pytest.mark.parametrize(("source", "example"), CASES, ids=IDS)
def test_example_matches_source(source: str, example: str) -> None:
    expected, actual = _texts(source, example)
    for diff in load_differences(FIXTURES / "differences" / f"{source[:-4]}.yaml"):
        assert expected.count(diff.source) == 1, f"listed difference not once in source: {diff.source!r}"
        expected = expected.replace(diff.source, diff.rendered)
    assert expected == actual, first_paragraph_mismatch(expected.split("\n"), actual.split("\n"))
    result = score(expected, actual)
    assert (result.recall, result.precision) == (1.0, 1.0)


@pytest.mark.parametrize(("source", "example"), CASES, ids=IDS)
def test_listed_differences_are_real(source: str, example: str) -> None:
    """A listed difference must still be needed: the rendered side must not already match."""
    expected, actual = _texts(source, example)
    for diff in load_differences(FIXTURES / "differences" / f"{source[:-4]}.yaml"):
        assert diff.reason.strip(), "every difference needs a reason"
        assert diff.source not in actual, f"rendered text already has {diff.source!r}"
        if diff.rendered:
            assert diff.rendered in actual, f"rendered text lacks {diff.rendered!r}"


@pytest.mark.parametrize(("source", "example"), CASES, ids=IDS)
def test_differences_explain_the_raw_score(source: str, example: str) -> None:
    """Without the listed differences the score is below 1.0 exactly when some are listed."""
    expected, actual = _texts(source, example)
    listed = load_differences(FIXTURES / "differences" / f"{source[:-4]}.yaml")
    raw = score(expected, actual)
    assert (raw.recall < 1.0 or raw.precision < 1.0) == bool(listed), str(raw)
