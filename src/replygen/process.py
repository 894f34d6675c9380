"""Process checks: what a supervisor (督查室, 提案委) sends a reply back for.

Each reads the validated reply and its house style, and gives a warning with its reason,
never an error: only the clerk can tell whether the wording or the class is right.

- RG010: a class meaning "solved" (A, 甲) while most of the answer says what will be done.
- RG011: a section that restates a suggestion and answers nothing.
- RG012: a 会办 unit of the handling that the reply neither quotes nor mentions.
- RG013: a body the office's style says every reply is copied to, missing from 抄送.
- RG014: no 办理结果类别 where the office's style requires one.
- RG015: a point of the proposal (recorded from its text by ``new --from-proposal``) with no section.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from .fieldpath import FieldPath

__all__ = ["FUTURE_WORDS", "SOLVED_CLASSES", "answer_paragraphs", "mentions", "process_findings"]

# Classes that mean the matter is solved, in the schemes offices use (A/B/C/D, 甲/乙/丙).
SOLVED_CLASSES = frozenset({"A", "甲"})
# Words of a plan rather than of work done.
FUTURE_WORDS = ("将", "计划", "列入", "拟", "准备", "争取", "力争", "下一步", "正在", "逐步")
_FUTURE = re.compile("|".join(FUTURE_WORDS))
_REGION = re.compile(r"^(?:省|市|县|区|自治区|自治州|州|盟|旗)")

At = Callable[..., Any]


def process_findings(doc: Any, at: At) -> list[Any]:
    """The process warnings for ``doc``; ``at(rule, path, message)`` makes a placed finding."""
    return [
        *_class_against_wording(doc, at), *_unanswered(doc, at), *_co_units(doc, at), *_required_cc(doc, at),
        *_required_class(doc, at), *_points_without_section(doc, at),
    ]  # fmt: skip


def answer_paragraphs(doc: Any) -> Iterator[tuple[FieldPath, str]]:
    """The answering text of each section: not its topic, restatement or 下一步 plans."""
    for n, section in enumerate(doc.sections):
        yield from _texts(section, ("sections", n), ("paragraphs", "conclusion", "items", "subsections"))


def _texts(node: Any, path: FieldPath, fields: tuple[str, ...]) -> Iterator[tuple[FieldPath, str]]:
    for name in fields:
        value = getattr(node, name, None)
        if isinstance(value, list):
            for index, child in enumerate(value):
                where = (*path, name, index)
                if isinstance(child, str):
                    yield where, child
                else:  # an item or a subsection: its text, then its own children
                    yield from _texts(child, where, ("lead", "text", "department", "paragraphs", "conclusion", "items"))
        elif isinstance(value, str):
            yield (*path, name), value


def _class_against_wording(doc: Any, at: At) -> Iterator[Any]:
    if (doc.result_class or "") not in SOLVED_CLASSES:
        return
    paragraphs = [text for _, text in answer_paragraphs(doc)]
    planned = [text for text in paragraphs if _FUTURE.search(text)]
    if len(paragraphs) >= 2 and len(planned) * 2 > len(paragraphs):
        words = "、".join(sorted({m.group() for text in planned for m in _FUTURE.finditer(text)}, key=FUTURE_WORDS.index))
        yield at(
            "RG010",
            ("result_class",),
            f"类别为{doc.result_class}类（已解决），但答复的 {len(paragraphs)} 段中有 {len(planned)} 段写的是打算"
            f"（{words}）；已解决的写明已做成的事，尚在办理或列入计划的一般归B类，请核对类别或措辞",
        )


def _unanswered(doc: Any, at: At) -> Iterator[Any]:
    for n, section in enumerate(doc.sections):
        if not section.restatement:
            continue
        answered = any(True for _ in _texts(section, ("sections", n), ("paragraphs", "conclusion", "items", "subsections")))
        if not answered and section.next_steps is None:
            name = f"“{section.topic}”" if section.topic else f"“{section.heading}”"
            yield at(
                "RG011",
                ("sections", n),
                f"第{n + 1}节{name}复述了建议，但没有答复的段落（paragraphs、items、subsections 或 next_steps）；"
                "每条建议都要写明办理情况，否则会被退回重办",
            )


def mentions(text: str, unit: str) -> bool:
    """Whether ``text`` names ``unit``, in full or without its 省/市/县 prefix (市财政局 → 财政局)."""
    short = _REGION.sub("", unit)
    return unit in text or (len(short) >= 2 and short in text)


def _reply_text(doc: Any) -> str:
    """Everything the reply says in its own words, where a 会办 unit's opinion would be told."""
    from .fieldpath import strings_in

    skip = {"handling", "cc", "contact", "printing", "publication", "style", "issuer", "signature", "proposer", "proposal"}
    return "\n".join(text for path, text in strings_in(doc) if path and path[0] not in skip)


def _co_units(doc: Any, at: At) -> Iterator[Any]:
    handling = doc.handling
    if handling is None or handling.role != "主办" or not handling.co_units:
        return
    text = _reply_text(doc)
    quoted = {opinion.unit for opinion in handling.opinions}  # the reply states their opinions
    for index, unit in enumerate(handling.co_units):
        if unit not in quoted and not mentions(text, unit):
            yield at(
                "RG012",
                ("handling", "co_units", index),
                f"会办单位“{unit}”在答复中既没有引述其会办意见，也没有提及；主办答复应写明会办单位的意见",
            )


def _required_cc(doc: Any, at: At) -> Iterator[Any]:
    from .formulas import effective_style

    required = getattr(effective_style(doc), "cc_required", ())
    missing = [body for body in required if body not in doc.cc]
    if missing:
        yield at(
            "RG013",
            ("cc",),
            f"本单位格式（cc_required）规定答复要抄送{'、'.join(missing)}，草稿的 cc 中没有；请补上",
        )


def _required_class(doc: Any, at: At) -> Iterator[Any]:
    from .formulas import effective_style

    if getattr(effective_style(doc), "class_required", False) and not doc.result_class:
        yield at(
            "RG014",
            ("result_class",),
            "本单位格式（class_required）规定答复要标明办理结果类别，草稿没有写 result_class；请按办理结果填写（如 A、B、C）",
        )


def _points_without_section(doc: Any, at: At) -> Iterator[Any]:
    """Each point read from the proposal wants a section whose topic or heading names it."""
    names = [name for section in doc.sections for name in (section.topic, section.heading) if name]
    for index, point in enumerate(doc.proposal.points):
        if not any(point in name or name in point for name in names):
            yield at(
                "RG015",
                ("proposal", "points", index),
                f"提案的第{index + 1}条建议“{point}”没有对应的一节答复（各节的 topic 或 heading 都没有提到它）；"
                "每条建议都要答复，已并入别的节时请在该节的 topic 或 heading 中写明",
            )
