"""Body stage: classified paragraphs → sections (parts), sub-sections, items and 下一步.

A walk keeps the innermost open container; each paragraph goes where it keeps the source's
order when rendered again. Numbered lines with no level above them open a level of their
own, so a typed number never reaches the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import patterns as P
from .classify import ROLES, Para, classify, split_lead
from .data import Built

__all__ = ["Body", "prune", "walk"]

_NEXT_NUMBER = re.compile(r"^(?P<n>\d{1,3})\s*[.．](?=\d)")


# --- body ---------------------------------------------------------------------------


def _item(text: str, opinion: bool) -> dict[str, Any]:
    item: dict[str, Any] = {}
    lead, rest = split_lead(text)
    if opinion and rest:
        match = P.RESPONSIBILITY.search(rest)
        if match and match.start() > 0:
            inner = match["inner"]
            units = P.RESPONSIBILITY_LIST.match(inner)
            item["responsibility"] = units["units"].split("、") if units else inner
            rest = rest[: match.start()]
    if lead:
        item["lead"] = lead
    if rest:
        item["text"] = rest
    return item


class Body:
    """Walks the body paragraphs, keeping the innermost open container."""

    _handlers: dict[str, Callable[[Body, Para], None]]  # role → method, listed below the class

    def __init__(self, out: Built, opinion: bool) -> None:
        self.out = out
        self.opinion = opinion
        self.preamble: list[str] = []
        self.top_items: list[dict[str, Any]] = []  # a reply's 1. items before any section
        self.sections: list[dict[str, Any]] = []
        self.doc_next: dict[str, Any] | None = None
        self.section: dict[str, Any] | None = None
        self.sub: dict[str, Any] | None = None
        self.items: list[dict[str, Any]] | None = None  # where 1. items go now
        self.next: dict[str, Any] | None = None
        self.promote = False  # （一） used as top level when a reply has no 一、
        self.promoted = ""  # the role that opened sections for want of a level above it
        self.last_number = 0  # the number of the last 1. item read, to tell 2.1.5万元 from a decimal

    def container(self) -> dict[str, Any] | None:
        return self.sub or self.section

    def add(self, para: Para) -> None:
        role = para.role
        if role == "h2" and self.promote:
            role = "h1"
        self._handlers[role](self, para)

    def _h1(self, para: Para) -> None:
        self.sub = None
        self.next = None
        if not self.opinion and P.NEXT_STEPS_HEADING.match(para.text):
            self.section = None
            self.doc_next = {"as_section": True}
            if para.text != "下一步工作安排":
                self.doc_next["heading"] = para.text
            self.next = self.doc_next
            self.items = self.doc_next.setdefault("items", [])
            return
        section: dict[str, Any] = {"paragraphs": [], "items": []}
        match = P.TOPIC.match(para.text)
        if match and not self.opinion:
            section["topic"] = match["topic"]
        else:
            section["heading"] = para.text
        section["subparts" if self.opinion else "subsections"] = []
        self.sections.append(section)
        self.section = section
        self.items = section["items"]

    def _promote(self, para: Para) -> None:
        """A numbered line with no level above it opens a section, so no typed number is kept."""
        if not self.promoted:
            self.out.note((), f"“{para.source[:12]}…”之前没有上一级标题，已当作一节（部分）处理，生成时编号会变")
        self.promoted = para.role
        lead, rest = split_lead(para.text)
        self._h1(Para("h1", lead or para.text, para.source))
        if lead and rest:
            self._p(Para("p", rest, rest))

    def _h2(self, para: Para) -> None:
        if self.section is None:
            self._promote(para)
            return
        self.next = None
        sub: dict[str, Any] = {"paragraphs": [], "items": []}
        text = para.text
        if self.opinion:
            lead, rest = split_lead(text)
            sub["heading"] = lead or text
            if lead and rest:  # a sub-part heading run into its first paragraph
                sub["paragraphs"].append(rest)
        else:
            dept = P.DEPARTMENT.match(text)
            lead, rest = split_lead(text)
            if dept:
                sub["department"] = dept["dept"]
                sub["paragraphs"].append(text[dept.end() :])
            elif lead is None and len(text) <= 45 and not re.search("[。！？].", text):
                sub["heading"] = text
            elif lead:
                sub["lead"] = lead
                sub["paragraphs"].append(rest)
            else:
                sub["paragraphs"].append(text)
        self.section["subparts" if self.opinion else "subsections"].append(sub)
        self.sub = sub
        self.items = sub["items"]

    def _item(self, para: Para) -> None:
        if self.items is None and not self.opinion and not self.sections and not self.promoted:
            # 1. 2. straight after the opening (a 会办意见's usual form): the reply's own items.
            self.items = self.top_items
        if self.items is None or self.promoted == para.role:
            self._promote(para)
            return
        self.items.append(_item(para.text, self.opinion))
        number = re.match(r"\d+", para.source)
        self.last_number = int(number.group()) if number else 0

    def _subitem(self, para: Para) -> None:
        if self.items:
            self.items[-1].setdefault("items", []).append(_item(para.text, self.opinion))
        else:
            self.out.note((), f"“{para.source[:12]}…”的（1）级编号前没有 1. 级条目，已按 1. 级处理，生成时编号会变")
            self._item(para)

    def _restatement(self, para: Para) -> None:
        section = self.section
        match = P.RESTATEMENT.match(para.text)
        assert match is not None
        expected = self.out.data.get("proposal", {}).get("abbreviation") or "建议"
        if (
            section is not None and self.sub is None and "restatement" not in section
            and not section["paragraphs"] and not section["items"] and match["abbr"] == expected
            and not self.opinion
        ):  # fmt: skip
            section["restatement"] = match["text"]
        else:
            self._p(Para("p", para.source, para.source))

    def _next_steps(self, para: Para) -> None:
        if self.opinion:
            self._p(Para("p", para.source, para.source))
            return
        holder = self.container()
        if holder is None and self.doc_next is None:
            self.doc_next = holder_next = {}
        elif holder is None or holder.get("next_steps"):
            self._p(Para("p", para.source, para.source))  # a second 下一步 in one place stays text
            return
        else:
            holder_next = holder["next_steps"] = {}
        holder_next["text"] = para.text
        self.next = holder_next
        self.items = holder_next.setdefault("items", [])

    def _p(self, para: Para) -> None:
        text = para.source
        number = _NEXT_NUMBER.match(text)
        if number and self.items and int(number["n"]) == self.last_number + 1:
            # “3.5万元…” after item 2 is item 3 whose text starts with a number.
            self._item(Para("item", text[number.end() :], text))
            return
        if self.next is not None:
            items = self.next.get("items")
            if items:
                items[-1].setdefault("paragraphs", []).append(text)
            elif "text" not in self.next:
                self.next["text"] = text
            else:
                self.next.setdefault("paragraphs", []).append(text)
            return
        container = self.container()
        if container is None and self.top_items:
            self.top_items[-1].setdefault("paragraphs", []).append(text)
        elif container is None:
            self.preamble.append(text)
        elif container["items"]:
            container["items"][-1].setdefault("paragraphs", []).append(text)
        else:
            container["paragraphs"].append(text)


# Every role classify() gives, and the walk's handler for it: a new role without a handler
# fails here when the module loads, not on the first letter that has one.
Body._handlers = {
    "h1": Body._h1,
    "h2": Body._h2,
    "item": Body._item,
    "subitem": Body._subitem,
    "restatement": Body._restatement,
    "next_steps": Body._next_steps,
    "p": Body._p,
}
assert set(Body._handlers) == set(ROLES), "a classified role has no handler"


def prune(value: Any) -> Any:
    """Drop empty lists and dicts the walk created, so the YAML holds only what is there."""
    if isinstance(value, dict):
        pruned = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ([], {}, None)}
    if isinstance(value, list):
        return [prune(v) for v in value]
    return value


def _move_last_next_steps(body: Body) -> None:
    """A 下一步 that ends the body, in a reply whose other parts have none, is the reply's own."""
    if body.doc_next is not None or not body.sections:
        return
    holders = [s for s in body.sections] + [u for s in body.sections for u in s.get("subsections", [])]
    with_next = [h for h in holders if h.get("next_steps")]
    last = body.sections[-1]
    tail = last["subsections"][-1] if last.get("subsections") else last
    # Only a 下一步 after the last sub-section: one right after a section's own text is the section's.
    if len(with_next) == 1 and with_next[0] is tail and tail is not last and not tail.get("conclusion"):
        if last.get("conclusion") or last.get("next_steps"):
            return
        body.doc_next = tail.pop("next_steps")


def walk(paragraphs: list[str], out: Built, opinion: bool) -> Body:
    body = Body(out, opinion)
    paras = [classify(p) for p in paragraphs]
    if not opinion and not any(p.role == "h1" for p in paras) and any(p.role == "h2" for p in paras):
        body.promote = True
        out.note(("sections",), "原文没有“一、”级标题，已把“（一）”级当作各节标题，生成时编号会变为“一、”")
    for para in paras:
        body.add(para)
    if not opinion:
        _move_last_next_steps(body)
    return body
