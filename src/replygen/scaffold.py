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

from .model import PROPOSER_TYPES
from .placeholders import PLACEHOLDER

__all__ = ["DraftFacts", "ask_facts", "scaffold"]

_KIND_NAME = {"member": "政协提案", "deputy": "人大代表建议", "organisation": "政协提案"}

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


def _topic(suggestion: str) -> str:
    return _TOPIC_NOISE.sub("", suggestion).strip() or PLACEHOLDER


def _yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when it reads back unchanged, else double-quoted."""
    import yaml

    value = value or PLACEHOLDER
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def scaffold(facts: DraftFacts, *, today: _dt.date | None = None) -> str:
    """The text of a new draft; it loads as it is and renders with the 征求意见稿 mark."""
    import jinja2

    from .render import builtin_template_dir

    proposer_type = PROPOSER_TYPES.get(facts.proposer_type.strip() or "member")
    if proposer_type is None:
        raise ValueError(f"提案人类型只能是 {'、'.join(PROPOSER_TYPES)}")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_template_dir()), encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is YAML; the yaml filter does the quoting
    )
    env.filters["yaml"] = _yaml_scalar
    topics = [_topic(s) for s in facts.suggestions if s.strip()] or [PLACEHOLDER]
    return env.get_template("new.yaml.j2").render(
        kind_name=_KIND_NAME[proposer_type],
        placeholder=PLACEHOLDER,
        today=today or _dt.date.today(),
        issuer=facts.issuer,
        meeting=facts.meeting,
        number=facts.number.strip().removeprefix("第").removesuffix("号"),
        proposer=facts.proposer,
        proposer_type=proposer_type,
        title=facts.title.strip().strip("《》"),
        topics=topics,
    )


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
