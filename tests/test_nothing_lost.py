"""Every field a clerk fills in reaches the document, or validation says why it cannot."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import replygen
from replygen.loader import validate

# Kept in the model for the office's records, not printed in the letter.
NOT_PRINTED = {"disclosure_reason", "co_units"}


def markers() -> Iterator[str]:
    return (f"标记{n:03d}号" for n in itertools.count(1))


def full_reply(m: Iterator[str]) -> dict[str, Any]:
    """A reply using every field (the generated title, salutation and opening are kept)."""
    item2 = {"lead": next(m), "text": next(m), "paragraphs": [next(m)], "responsibility": next(m)}
    item = {"lead": next(m), "text": next(m), "paragraphs": [next(m)], "responsibility": [next(m)], "items": [item2]}
    inline_next = {"text": next(m), "paragraphs": [next(m)], "items": [next(m)]}
    return {
        "issuer": next(m),
        "doc_number": {"prefix": next(m), "year": 2024, "serial": 3},
        "signer": next(m),
        "signature": {"name": next(m), "date": "2024-05-20", "seal": True},
        "disclosure": "不予公开",
        "disclosure_reason": next(m),
        "attachments": [next(m), next(m)],
        "contact": {"person": next(m), "phone": next(m), "unit": next(m)},
        "cc": [next(m), next(m)],
        "publication": {"index_no": next(m), "category": next(m), "written_date": "2024-05-01"},
        "result_class": next(m),
        "proposal": {"meeting": next(m), "number": next(m), "title": next(m), "kind": next(m), "abbreviation": next(m)},
        "proposer": {"name": [next(m), next(m)], "type": "deputy"},
        "handling": {"role": "会办", "lead_unit": next(m), "co_units": [next(m)]},
        "preamble": [next(m), next(m)],
        "sections": [
            {
                "topic": next(m),
                "restatement": next(m),
                "paragraphs": [next(m)],
                "items": [item],
                "subsections": [
                    {"heading": next(m), "paragraphs": [next(m), next(m)], "items": [next(m)],
                     "next_steps": inline_next, "conclusion": [next(m)]},
                    {"lead": next(m), "department": next(m), "paragraphs": [next(m), next(m)], "conclusion": [next(m)]},
                ],
                "conclusion": [next(m)],
                "next_steps": {"text": next(m)},
            },
            {"heading": next(m), "paragraphs": [next(m)]},
        ],
        "next_steps": {"text": next(m), "paragraphs": [next(m)], "items": [next(m)], "as_section": True, "heading": next(m)},
        "closing": {"thanks_for": next(m), "attention_to": next(m), "contribute_to": next(m), "we": next(m)},
    }


def full_opinion(m: Iterator[str]) -> dict[str, Any]:
    item = {"lead": next(m), "text": next(m), "paragraphs": [next(m)], "responsibility": [next(m), next(m)],
            "items": [{"text": next(m)}]}
    return {
        "kind": "opinion",
        "issuer": next(m),
        "subject": next(m),
        "recipients": [next(m), next(m)],
        "preamble": [next(m)],
        "parts": [
            {"heading": next(m), "paragraphs": [next(m)], "items": [item],
             "subparts": [{"heading": next(m), "paragraphs": [next(m)], "items": [next(m)]}]},
        ],
        "closing": [next(m)],
        "signature": {"date": "2024-05-20"},
        "cc": [next(m)],
    }


def printed_values(node: Any, key: str = "") -> Iterator[str]:
    if key in NOT_PRINTED:
        return
    if isinstance(node, str) and node.startswith("标记"):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from printed_values(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from printed_values(v, key)


def test_every_field_of_a_reply_is_printed() -> None:
    data = full_reply(markers())
    text = replygen.render_text(validate(data))
    values = list(printed_values(data))
    assert len(values) >= 60
    assert [v for v in values if v not in text] == []


def test_every_field_of_an_opinion_is_printed() -> None:
    data = full_opinion(markers())
    text = replygen.render_text(validate(data))
    values = list(printed_values(data))
    assert len(values) > 15
    assert [v for v in values if v not in text] == []
