"""Build stage: classified paragraphs → model data (plain dicts in schema shape) and notes.

Every formula is recognised, then checked by writing it again the way the template would:
when the rewrite differs from the source, the source wording is kept verbatim in the field
that overrides the formula (``title``, ``salutation``, ``opening``, ``closing.text``) and a
note tells the clerk. Text that fits nowhere stays where it was, as a paragraph.
"""

from __future__ import annotations

import re
from typing import Any

from .. import genre
from ..errors import InputError, Problem
from ..placeholders import PLACEHOLDER
from ..formulas import fill
from . import patterns as P
from .body import prune, walk
from .classify import same
from .clean import Cleaned, clean
from .data import Built
from .frame import date_of, doc_number, read_contact, split_foot, split_head
from .house import contact_patterns, learn_foot, learn_head, title_pattern

__all__ = ["build", "build_text"]

# Labels of a proposal in a title that say only what kind of proposal it is.
_GENERIC_LABELS = frozenset({"提案", "建议", "委员提案", "代表建议", "议案", "代表议案", "意见", "批评意见"})

# 委员 → member, 代表 → deputy: a salutation's suffix names the proposer's type.
_SUFFIX = {suffix: kind for kind, suffix in genre.SALUTATION_SUFFIX.items() if suffix}

# --- reply formulas ---------------------------------------------------------------------


def _proposer(salutation: str) -> dict[str, Any]:
    match = P.PROPOSER.match(salutation)
    assert match is not None  # the pattern matches any non-empty text
    names = [re.sub(r"等\s*[0-9一二三四五六七八九十]*\s*[名位人]?$", "", n) for n in re.split(r"[、，,]", match["names"]) if n]
    kind = _SUFFIX.get(match["suffix"] or "", "organisation")
    return {"name": names if len(names) > 1 else names[0], "type": kind}


def _names(proposer: dict[str, Any]) -> list[str]:
    name = proposer["name"]
    return name if isinstance(name, list) else [name]


def _proposer_name(proposer: dict[str, Any]) -> str:
    return "、".join(_names(proposer)) + genre.SALUTATION_SUFFIX.get(proposer["type"], "")


def _pronoun(proposer: dict[str, Any]) -> str:
    return genre.pronoun(proposer["type"], len(_names(proposer)) > 1)


def _we(issuer: str) -> str:
    return genre.we(issuer)


def _values(data: dict[str, Any], proposal: dict[str, Any], label: str = "") -> dict[str, str]:
    """The placeholders of the genre's formulas, as the template would fill them."""
    proposer = data["proposer"]
    abbreviation = proposal.get("abbreviation")
    return {
        "发文机关": data.get("issuer", ""),
        "句式": data.get("title_form", "对"),
        "会议": proposal.get("meeting", ""),
        "提案号": proposal.get("number", ""),
        "案由": proposal.get("title", ""),
        "提案类别": label,
        "姓名": "、".join(_names(proposer)),
        "后缀": genre.SALUTATION_SUFFIX.get(proposer["type"], ""),
        "提案人": _proposer_name(proposer),
        "称呼": _pronoun(proposer),
        "我": _we(data.get("issuer", "")),
        "以下简称": fill(genre.ABBREVIATION, {"简称": abbreviation}) if abbreviation else "",
    }


def _reply_head(head: dict[str, str], meta: dict[str, str], opening: str | None, out: Built) -> None:
    data = out.data
    title_text = head.get("title") or meta.get("title") or ""
    title = P.REPLY_TITLE.match(title_text)
    if not head.get("title") and meta.get("title"):
        out.note(("proposal",), "正文上方没有标题，提案信息取自网站信息栏的标题；生成时会在称谓前排出标题")
    cohandle = bool(title and title["what"] in P.CO_HANDLING_TITLES)
    match = P.OPENING.match(opening or "")
    salutation = head.get("salutation", "")
    if cohandle:
        data["handling"] = {"role": "会办", "lead_unit": salutation or PLACEHOLDER}
        who = match["who"] if match else ""
        proposer = _proposer(who) if who else {"name": PLACEHOLDER, "type": "member"}
    elif salutation:
        proposer = _proposer(salutation)
        if re.search(r"等(?:委员|代表)?$", salutation):
            out.note(("proposer", "name"), "称谓写作“…等”，是联名提案：请把其他提案人补进 name")
    else:
        proposer = {"name": PLACEHOLDER, "type": "member"}
        out.note(("proposer",), "未找到称谓，请填写提案人姓名和类型")
    if match and match["who"] in ("贵单位", "你单位", "贵会") and proposer["type"] != "organisation":
        proposer["type"] = "organisation"
    if match and match["who"] == "你们" and len(_names(proposer)) == 1:
        out.note(("proposer", "name"), "开头语称“你们”，但称谓中只有一个名字，请把联名提案人逐一列出")
    data["proposer"] = proposer

    proposal: dict[str, Any] = {}
    if title:
        proposal["meeting"] = title["meeting"]
        proposal["number"] = title["number"]
    elif number := re.search(r"第\s*([0-9A-Za-z]+)\s*号", title_text):
        proposal["number"] = number[1]
    loose = P.OPENING_LOOSE.search(opening or "")
    if not match and loose:
        proposal["title"] = loose["title"] or loose["quoted"] or loose["bare"]
    if match:
        proposal.setdefault("meeting", match["meeting"])
        proposal["title"] = match["title"]
        if match["abbr"]:
            proposal["abbreviation"] = match["abbr"]
    for key in ("meeting", "number", "title"):
        if key not in proposal:
            proposal[key] = PLACEHOLDER
            out.note(("proposal", key), "原文中没有找到，请补填")
    if title:
        default = genre.proposal_label(proposer["type"], _names(proposer))
        if title["label"] != default:
            proposal["kind"] = title["label"]
        data["title_form"] = title["form"]
    data["proposal"] = proposal

    if title and title_text != _reply_title(data, proposal, title["label"]):
        # A generic label (提案, 建议) is the office's wording, kept in the pattern; a proposing
        # organisation's name (民建省委会提案) is a fact of this letter, kept in the draft.
        generic = title["label"] in _GENERIC_LABELS
        values = _values(data, proposal, proposal.get("kind") or genre.proposal_label(proposer["type"], _names(proposer)))
        pattern = title_pattern(title_text, title, values, "kind" in proposal and not generic)
        if pattern is not None and generic:
            proposal.pop("kind", None)
        if pattern is not None:
            out.data.setdefault("style", {})["title_co_handling" if cohandle else "title"] = pattern
        else:
            data["title"] = title_text
    elif not title_text:
        data.setdefault("style", {})["title_co_handling" if cohandle else "title"] = None
    elif head.get("title") and not title:
        data["title"] = head["title"]
        out.note(("title",), "标题不是“对…第…号…的答复”句式，已照录")
    if salutation and not cohandle and salutation != _proposer_name(proposer):
        data["salutation"] = salutation
    _check_opening(opening, match, out)


def _reply_title(data: dict[str, Any], proposal: dict[str, Any], label: str) -> str:
    return fill(genre.TITLE_CO_HANDLING if data.get("handling") else genre.TITLE, _values(data, proposal, label))


def _check_opening(opening: str | None, match: re.Match[str] | None, out: Built) -> None:
    data = out.data
    if opening is None:  # the letter has none: none is generated above its body
        data.setdefault("style", {})["opening_co_handling" if data.get("handling") else "opening"] = None
        return
    pattern = genre.OPENING_CO_HANDLING if data.get("handling") else genre.OPENING
    expected = fill(pattern, _values(data, data["proposal"]))
    if not same(opening, expected):
        data["opening"] = opening  # the office's own wording, kept as written
        proposal = data["proposal"]
        if PLACEHOLDER in (proposal.get("meeting"), proposal.get("title")):
            out.note(("opening",), "开头语与标准句式不同，已照录")


def _closing(text: str, out: Built) -> dict[str, Any]:
    data = out.data
    match = next((m for m in (form.match(text) for form in P.CLOSING_FORMS) if m), None)
    if not match:
        return {"text": text}
    found = match.groupdict()
    closing: dict[str, Any] = {"thanks_for": match["thanks"]}
    if found.get("contribute"):
        if found["attention"] != found["thanks"]:
            closing["attention_to"] = found["attention"]
        closing["contribute_to"] = found["contribute"]
        if found["new"]:
            closing["new_contribution"] = True
        if found["we"] != _we(data.get("issuer", "")):
            closing["we"] = found["we"]
    if match["pronoun"] != _pronoun(data["proposer"]):
        out.note(("closing",), f"结束语称“{match['pronoun']}”，与开头的称呼不一致，已照录")
        return {"text": text}
    return closing

# --- whole document -----------------------------------------------------------------------


def _is_opinion(head: dict[str, str], meta: dict[str, str], opening: str | None) -> bool:
    title = head.get("title") or meta.get("title") or ""
    if P.REPLY_TITLE.match(title) or (opening and P.OPENING.match(opening)):
        return False
    return bool(re.search(r"(?<!会办)(?<!协办)意见$", title))


def _issuer(meta: dict[str, str], head: dict[str, Any], foot: dict[str, Any]) -> str | None:
    """The issuing organ, wherever the letter names it: header, 版头, 署名, title, its own line, 联系单位."""
    title = P.REPLY_TITLE.match(head.get("title") or "")
    found = [meta.get("issuer"), head.get("letterhead"), foot.get("signature"), title["issuer"] if title else None]
    found.append(head.get("organ"))
    unit = contact_patterns(foot.get("contact_lines", []))[0].get("unit", "")
    if P.ORGAN.match(unit):
        found.append(unit)
    return next((name for name in found if name), None)


def _closings(body: list[str]) -> tuple[list[str], str | None, list[str]]:
    """The body without its closing; the thanks paragraph (or a lone formula); formulas after it."""
    formulas: list[str] = []
    while body and P.CLOSING_FORMULA.match(body[-1]) and len(formulas) < 2:
        formulas.insert(0, body[-1])
        body = body[:-1]
    if body and P.CLOSING_START.match(body[-1]):
        return body[:-1], body[-1], formulas
    if len(formulas) == 1:
        return body, formulas[0], []
    return body, None, formulas


def build_text(text: str, source: str = "<导入>", *, page: bool = False) -> Built:
    """Model data and 待核 notes for a letter's text: cleaned, then built (not yet validated).

    ``page``: the text was read from a .docx, whose 版头 sets the 发文字号 above the title.
    """
    cleaned = clean(text)
    if not cleaned.paragraphs:
        raise InputError(Problem("文件中没有可导入的文字（是空文件，或是扫描图片？）", source))
    return build(cleaned, page=page)


def build(cleaned: Cleaned, *, page: bool = False) -> Built:
    out = Built()
    meta, paragraphs = cleaned.meta, cleaned.paragraphs
    head, start = split_head(paragraphs)
    foot, end = split_foot(paragraphs[start:])
    end += start
    body = paragraphs[start:end]
    opening = body[0] if body and (P.OPENING.match(body[0]) or P.OPENING_LOOSE.search(body[0])) else None
    opinion = _is_opinion(head, meta, opening)
    data = out.data
    style: dict[str, Any] = {}
    if opinion:
        data["kind"] = "opinion"
    data["issuer"] = _issuer(meta, head, foot) or PLACEHOLDER
    if data["issuer"] == PLACEHOLDER:
        out.note(("issuer",), "原文没有写发文机关，请填写全称")
    number = doc_number(head.get("docno") or meta.get("doc_number"))
    if number:
        data["doc_number"] = number
    if head.get("signer"):
        data["signer"] = head["signer"]
    if foot.get("date"):
        signature: dict[str, Any] = {"date": foot["date"]}
        if foot.get("signature") and foot["signature"] != data["issuer"]:
            signature["name"] = foot["signature"]
        data["signature"] = signature
    elif foot.get("signature"):
        data["signature"] = {"name": foot["signature"]}  # named even when it is the issuer: nothing else is set
    if foot.get("disclosure"):
        data["disclosure"] = foot["disclosure"]
        if foot["disclosure"] == "不予公开":
            data["disclosure_reason"] = PLACEHOLDER
            out.note(("disclosure_reason",), "不予公开需写明理由")
    if foot.get("attachments"):
        data["attachments"] = foot["attachments"]
    if foot.get("cc"):
        data["cc"] = foot["cc"]
    head_leftover: list[str] = []
    if not opinion:
        head_leftover = learn_head(head, data, style, out, page=page)
        leftover = learn_foot(foot, data, style, out)
        if leftover:
            body = body + leftover
            out.note((), "落款之后有无法识别的文字，已移到正文末尾：" + "；".join(leftover))
    elif foot.get("contact_lines"):
        contact = read_contact(foot["contact_lines"])
        if contact:
            data["contact"] = contact
        else:
            body = body + foot["contact_lines"]
    if foot.get("printing"):
        data["printing"] = foot["printing"]
    _publication(meta, data)
    if opinion:
        _opinion(head, meta, head.get("extra", []) + body, out)
    else:
        if opening is not None:
            body = body[1:]
        if head_leftover:  # head lines no pattern can hold: kept at the top of the body
            body = head_leftover + body
            out.note(("preamble",), "原文标题前后有无法识别的文字，已放在正文开头：" + "；".join(head_leftover))
        if head.get("class"):
            data["result_class"] = head["class"]
        data["style"] = style
        _reply_head(head, meta, opening, out)
        out.sources.update(
            {k: v for k, v in (("title", head.get("title")), ("salutation", head.get("salutation")), ("opening", opening)) if v}
        )
        body, closing, formulas = _closings(body)
        if formulas:
            data["style"]["closing"] = (["{结束语}"] if closing else []) + formulas
        tree = walk(body, out, opinion=False)
        data["preamble"] = tree.preamble
        data["items"] = tree.top_items
        data["sections"] = tree.sections
        if tree.doc_next is not None:
            data["next_steps"] = tree.doc_next
        if closing:
            data["closing"] = _closing(closing, out)
            out.sources["closing"] = closing
    style = data.pop("style", None)  # its nulls (no title, no opening) are settings: not pruned
    out.data = _order(prune(data))
    if style:
        out.data["style"] = style
    return out


def _publication(meta: dict[str, str], data: dict[str, Any]) -> None:
    if not meta.get("index_no"):
        return
    publication: dict[str, Any] = {"index_no": meta["index_no"].replace(" ", "")}
    if meta.get("category"):
        publication["category"] = meta["category"]
    written = date_of(meta.get("written_date"))
    if written and written != data.get("signature", {}).get("date"):
        publication["written_date"] = written
    published = date_of(meta.get("published_date"))
    if published:
        publication["published_date"] = published
    data["publication"] = publication


def _opinion(head: dict[str, str], meta: dict[str, str], body: list[str], out: Built) -> None:
    data = out.data
    title = head.get("title") or meta.get("title") or ""
    match = P.OPINION_TITLE.match(title)
    if match and match["issuer"] == data["issuer"]:
        data["subject"] = match["subject"]
    else:
        data["title"] = title or PLACEHOLDER
    if head.get("salutation"):
        data["recipients"] = [r for r in re.split(r"[，,]", head["salutation"]) if r]
    tree = walk(body, out, opinion=True)
    data["preamble"] = tree.preamble
    data["parts"] = tree.sections
    # Paragraphs after the last item of the last part close the document.
    if tree.sections:
        last = tree.sections[-1]
        holder = last["subparts"][-1] if last.get("subparts") else last
        if holder["items"] and holder["items"][-1].get("paragraphs"):
            data["closing"] = holder["items"][-1].pop("paragraphs")


_ORDER = [
    "kind", "issuer", "doc_number", "signer", "signature", "disclosure", "disclosure_reason",
    "attachments", "contact", "cc", "printing", "publication", "result_class", "subject", "title", "recipients",
    "proposal", "proposer", "handling", "title_form", "salutation", "opening", "preamble", "items", "sections",
    "parts", "next_steps", "closing", "style",
]  # fmt: skip


def _order(data: dict[str, Any]) -> dict[str, Any]:
    """The draft's keys in the order a clerk reads them; a key the order does not name yet
    follows at the end rather than being lost."""
    ordered = {key: data[key] for key in _ORDER if key in data}
    ordered.update((key, value) for key, value in data.items() if key not in ordered)
    return ordered
