"""Scaffold stage: write a new draft YAML for a proposal, with 【待填写】 where facts are missing.

The wording of the file lives in ``templates/new.yaml.j2``; this module only gathers the
values (from options or by asking) and makes each one a valid YAML scalar.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import zip_longest
from typing import Any

from . import genre
from .model import PROPOSER_TYPES
from .placeholders import PLACEHOLDER

__all__ = ["DraftFacts", "ask_facts", "scaffold"]


# The interactive question offers the three types by number, as the model names them in Chinese.
_NUMBERED = {"1": "member", "2": "deputy", "3": "organisation"}
_CHINESE = {
    kind: next(name for name, meaning in PROPOSER_TYPES.items() if meaning == kind and not name.isascii())
    for kind in _NUMBERED.values()
}

# A suggestion typed as “1. 关于“…”的建议” keeps only its topic: numbering and formula come from templates.
_TOPIC_NOISE = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）.．、]\s*)?(?:关于)?[“\"]?|[”\"]?(?:的建议)?\s*$")


@dataclass
class DraftFacts:
    """What the clerk knows about the proposal; anything left empty becomes a placeholder."""

    issuer: str = ""
    meeting: str = ""
    number: str = ""
    proposer: str = ""
    proposer_type: str = ""  # empty: member, the commonest case (the file's comment says how to change it)
    title: str = ""
    suggestions: list[str] = field(default_factory=list)
    # Filled when the proposal's text was read: one restatement per suggestion ("" = placeholder).
    restatements: list[str] = field(default_factory=list)
    # The topics of the proposal's own points, recorded so that check can find one left unanswered.
    points: list[str] = field(default_factory=list)
    co_proposers: list[str] = field(default_factory=list)  # 联名: answered beside the lead proposer
    # From a 交办清单; left out of the draft when all are empty.
    role: str = ""
    lead_unit: str = ""
    co_units: list[str] = field(default_factory=list)
    assigned_on: _dt.date | None = None
    due_on: _dt.date | None = None


def _topic(suggestion: str) -> str:
    return _TOPIC_NOISE.sub("", suggestion).strip() or PLACEHOLDER


def _yaml_scalar(value: str | list[str]) -> str:
    """``value`` as a YAML scalar: plain when the loader reads it back unchanged, else double-quoted.

    A list becomes a flow sequence of such scalars.
    """
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v or PLACEHOLDER, ensure_ascii=False) for v in value) + "]"
    return _scalar(value or PLACEHOLDER)


@lru_cache(maxsize=4096)
def _scalar(value: str) -> str:
    # Cached: an intake of a long list repeats the same meeting, units and placeholders.
    from .loader import reads_as_typed

    if reads_as_typed(value):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


@lru_cache(maxsize=1)
def _template() -> Any:
    """The compiled draft template, once per process: ``intake`` writes a draft per row."""
    import jinja2

    from .render import builtin_template_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_template_dir()), encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is YAML; the yaml filter does the quoting
    )
    env.filters["yaml"] = _yaml_scalar
    return env.get_template("new.yaml.j2")


def scaffold(facts: DraftFacts, *, today: _dt.date | None = None) -> str:
    """The text of a new draft; it loads as it is and renders with the 征求意见稿 mark."""
    proposer_type = PROPOSER_TYPES.get(facts.proposer_type.strip() or "member")
    if proposer_type is None:
        raise ValueError(f"提案人类型只能是 {'、'.join(PROPOSER_TYPES)}")
    suggestions = [(s, r) for s, r in zip_longest(facts.suggestions, facts.restatements, fillvalue="") if s.strip()]
    sections = [(_topic(s), r.strip() or PLACEHOLDER) for s, r in suggestions] or [(PLACEHOLDER, PLACEHOLDER)]
    proposer: str | list[str] = facts.proposer
    if facts.co_proposers:
        proposer = [facts.proposer or PLACEHOLDER, *facts.co_proposers]
    text: str = _template().render(
        kind_name=genre.SCAFFOLD_KIND[proposer_type],
        placeholder=PLACEHOLDER,
        today=today or _dt.date.today(),
        issuer=facts.issuer,
        meeting=facts.meeting,
        number=facts.number.strip().removeprefix("第").removesuffix("号"),
        pronouns=genre.PRONOUNS,
        labels=genre.PROPOSER_LABELS,
        proposer=proposer,
        proposer_type=proposer_type,
        title=facts.title.strip().strip("《》"),
        sections=sections,
        points=[topic for topic in map(_topic, facts.points) if topic != PLACEHOLDER],
        handling=_handling(facts),
    )
    return text


def _handling(facts: DraftFacts) -> list[tuple[str, str, str]]:
    """The draft's ``handling`` lines (key, YAML value, comment), only what is known."""
    lead_unit = facts.lead_unit or (PLACEHOLDER if facts.role == "会办" else "")  # a 会办意见 needs its addressee
    known: list[tuple[str, str | list[str], str]] = [
        ("role", facts.role, "主办、会办或分办"),
        ("lead_unit", lead_unit, "主办单位（会办意见写给它）"),
        ("co_units", facts.co_units, "会办单位"),
        ("assigned_on", facts.assigned_on.isoformat() if facts.assigned_on else "", "交办日期"),
        ("due_on", facts.due_on.isoformat() if facts.due_on else "", "办结时限；不填时按交办日期和办理时限规则推算"),
    ]
    # Dates stay plain (2023-03-01), so YAML reads them as dates, not as quoted text.
    return [(key, value if isinstance(value, str) and key.endswith("_on") else _yaml_scalar(value), comment) for key, value, comment in known if value]


def ask_facts(facts: DraftFacts, ask: Callable[[str], str] | None = None) -> DraftFacts:
    """Fill the facts still empty by asking (``input`` by default); Enter leaves a placeholder."""
    ask = ask or input
    questions = [
        ("issuer", "发文机关全称"),
        ("meeting", "会议（如 省政协十三届一次会议）"),
        ("number", "提案号（如 2023W316）"),
        ("proposer", "提案人或领衔代表"),
        ("title", "案由（不加《》）"),
    ]
    for name, question in questions:
        if not getattr(facts, name):
            setattr(facts, name, ask(f"{question}，直接回车留作{PLACEHOLDER}：").strip())
    if not facts.proposer_type:
        facts.proposer_type = _ask_type(ask)
    if not facts.suggestions:
        while suggestion := ask("建议主题（每次一条，直接回车结束）：").strip():
            facts.suggestions.append(suggestion)
    return facts


def _ask_type(ask: Callable[[str], str]) -> str:
    """Ask until the answer names a type: a number, a name the model knows, or Enter for 委员."""
    menu = "  ".join(f"{number} {_CHINESE[kind]}" for number, kind in _NUMBERED.items())
    question = f"提案人类型：{menu} [1]："
    while True:
        answer = ask(question).strip()
        kind = _NUMBERED.get(answer) or PROPOSER_TYPES.get(answer)
        if not answer or kind:
            return kind or "member"
        # Guessing would write a wrong salutation and pronoun into every line of the reply.
        allowed = "、".join([*_NUMBERED, *PROPOSER_TYPES])
        question = f"无法识别“{answer}”，只能填 {allowed}，直接回车为委员。\n{question}"
