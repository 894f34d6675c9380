"""Classify stage: each cleaned paragraph gets a role, its number stripped.

Roles follow the block stream (``blocks.py``) where they can: ``h1`` (一、), ``h2`` (（一）),
``item`` (1.), ``subitem`` (（1）), ``restatement``, ``next_steps``, ``p``. The head and foot
of the letter are recognised by position in ``build``; this stage looks at one paragraph only.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import patterns as P

__all__ = ["ROLES", "Para", "classify", "same", "split_lead"]

_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！", " ": None, "\u3000": None})


@dataclass
class Para:
    role: str
    text: str  # without its number
    source: str  # the paragraph as cleaned


def same(a: str, b: str) -> bool:
    """Equal once punctuation width and spaces are ignored (a formula typed with , or :)."""
    return a.translate(_WIDTH) == b.translate(_WIDTH)


# Every role a body paragraph can be given: numbered levels, the restatement, 下一步, plain text.
ROLES = frozenset({"h1", "h2", "item", "subitem", "restatement", "next_steps", "p"})


def classify(paragraph: str) -> Para:
    for role, pattern in (
        ("h2", P.SUBSECTION_NO),
        ("subitem", P.SUBITEM_NO),
        ("h1", P.SECTION_NO),
        ("item", P.ITEM_NO),
    ):
        match = pattern.match(paragraph)
        if match:
            return Para(role, paragraph[match.end() :].strip(), paragraph)
    match = P.RESTATEMENT.match(paragraph)
    if match:
        return Para("restatement", paragraph, paragraph)
    match = P.NEXT_STEPS.match(paragraph)
    if match:
        return Para("next_steps", match.group("text"), paragraph)
    return Para("p", paragraph, paragraph)


def split_lead(text: str) -> tuple[str | None, str | None]:
    """A run-in lead and the text after it; (None, text) when the first sentence is long."""
    match = P.LEAD.match(text)
    if match and match.group("rest"):
        return match.group("lead"), match.group("rest")
    return None, text
