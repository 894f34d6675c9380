"""Build stage: classified paragraphs → model data (plain dicts in schema shape) and notes.

Every formula is recognised, then checked by writing it again the way the template would:
when the rewrite differs from the source, the source wording is kept verbatim in the field
that overrides the formula (``title``, ``salutation``, ``opening``, ``closing.text``) and a
note tells the clerk. Text that fits nowhere stays where it was, as a paragraph.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..placeholders import PLACEHOLDER
from . import patterns as P
from .classify import Para, classify, same, split_lead
from .clean import Cleaned

__all__ = ["Built", "build"]

Path_ = tuple[Any, ...]
_DEFAULT_LABEL = {"member": "委员提案", "deputy": "代表建议"}
_SUFFIX = {"委员": "member", "代表": "deputy"}


class Built:
    """Model data and the 待核 notes, keyed by field path."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.notes: dict[Path_, str] = {}
        # The source wording of each formula, for checking against what the templates write.
        self.sources: dict[str, str] = {}

    def note(self, path: Path_, message: str) -> None:
        self.notes[path] = f"{self.notes[path]}；{message}" if path in self.notes else message


_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}


def _arabic(text: str) -> str:
    """二〇二四年五月十八日 → 2024年5月18日 (dates in a 落款 are often written out)."""

    def number(match: re.Match[str]) -> str:
        digits = match.group()
        if "十" not in digits:
            return "".join(_CN_DIGIT.get(c, c) for c in digits)
        tens, _, ones = digits.partition("十")
        return str(int(_CN_DIGIT.get(tens, "1") if tens else "1") * 10 + (int(_CN_DIGIT[ones]) if ones else 0))

    return re.sub("[〇○零一二三四五六七八九十]+", number, text)


def _date(text: str | None) -> _dt.date | None:
    match = P.DATE.match(_arabic((text or "").replace(" ", "")))
    if not match:
        return None
    try:
        return _dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _doc_number(text: str | None) -> str | None:
    match = P.DOC_NUMBER.match((text or "").replace(" ", ""))
    if not match:
        return None
    return f"{match['prefix']}〔{match['year']}〕{int(match['serial'])}号"


# --- head ---------------------------------------------------------------------------


def _split_head(paragraphs: list[str], out: Built) -> tuple[dict[str, str], int]:
    """Lines above the body: 分类标识, 签发人, title, 发文字号, salutation (in any order)."""
    head: dict[str, str] = {}
    index = 0
    for index, text in enumerate(paragraphs):  # noqa: B007 - index is used after the loop
        if P.DRAFT_MARK.match(text):
            continue
        match = P.RESULT_CLASS.match(text)
        if match and "class" not in head:
            head["class"] = match["cls"].translate(str.maketrans("ＡＢＣＤ", "ABCD"))
            continue
        match = P.SIGNER.match(text)
        if match and "signer" not in head:
            head["signer"] = match["name"].strip()
            continue
        both = re.match(rf"^(?P<no>.+?号)\s*签发人{P.COLON}\s*(?P<name>\S+)$", text)
        if both and _doc_number(both["no"]) and "docno" not in head:
            head["docno"], head["signer"] = both["no"], both["name"]
            continue
        if _doc_number(text) and "docno" not in head:
            head["docno"] = text
            continue
        if "salutation" not in head and P.SALUTATION.match(text) and not P.OPENING.match(text):
            head["salutation"] = text[:-1].strip()
            continue
        if "title" not in head and "salutation" not in head and not P.OPENING.match(text):
            if P.REPLY_TITLE.match(text) or P.OPINION_TITLE.match(text) or P.PLAIN_TITLE_END.search(text):
                head["title"] = text
                continue
        break
    else:
        index = len(paragraphs)
    return head, index


def _split_foot(paragraphs: list[str]) -> tuple[dict[str, Any], int]:
    """Lines below the body, read from the end: 版记, 附注, date and 署名, 附件."""
    foot: dict[str, Any] = {}
    end = len(paragraphs)
    while end > 0:
        text = paragraphs[end - 1]
        match = P.CC.match(text)
        if match and "cc" not in foot:
            foot["cc"] = [u for u in P.CC_SPLIT.split(match["units"]) if u]
        elif any(p.match(text) for p in P.DISCLOSURE) and "disclosure" not in foot:
            foot["disclosure"] = next(v for p, v in P.DISCLOSURE.items() if p.match(text))
        elif P.CONTACT_PERSON.search(text) or P.CONTACT_BOTH.search(text) or (P.CONTACT_PHONE.search(text) and len(text) < 40):
            foot.setdefault("contact_lines", []).insert(0, text)
        elif _date(text) and "date" not in foot:
            foot["date"] = _date(text)
            if end >= 2 and P.SIGNATURE_NAME.match(paragraphs[end - 2]) and not P.SECTION_NO.match(paragraphs[end - 2]):
                foot["signature"] = paragraphs[end - 2]
                end -= 1
        elif "date" in foot and "attachments" not in foot and (P.ATTACHMENT.match(text) or P.ITEM_NO.match(text)):
            first = end - 1
            while first > 0 and not P.ATTACHMENT.match(paragraphs[first]) and P.ITEM_NO.match(paragraphs[first]):
                first -= 1
            if not P.ATTACHMENT.match(paragraphs[first]):
                break
            foot["attachments"] = _attachments(paragraphs[first:end])
            end = first
            continue
        elif "date" not in foot and any(_date(t) for t in paragraphs[max(0, end - 7) : end - 1]):
            foot.setdefault("extra", []).insert(0, text)  # below the date, but not a line we know
        else:
            break
        end -= 1
    return foot, end


def _attachments(lines: list[str]) -> list[str]:
    names: list[str] = []
    for line in lines:
        match = P.ATTACHMENT.match(line)
        text = match["rest"] if match else line
        number = P.ITEM_NO.match(text)
        if number:
            text = text[number.end() :]
        elif not match:
            break
        names.append(text.strip().strip("《》"))
    return names


def _contact(lines: list[str]) -> dict[str, str] | None:
    text = "　".join(lines)
    both = P.CONTACT_BOTH.search(text)
    if both:
        return {"person": both["person"], "phone": both["phone"]}
    person = re.search(rf"(?:联系人|承办人){P.COLON}\s*(?P<v>[^\s　，,；;：:]+?)(?=\s|　|[，,；;]|联系电话|电话|$)", text)
    phone = P.CONTACT_PHONE.search(text)
    if not (person and phone):
        return None
    contact = {"person": person["v"], "phone": phone["phone"].strip()}
    unit = re.search(rf"承办单位{P.COLON}\s*(?P<v>[^\s　，,；;]+?)(?=\s|　|[，,；;]|联系人|$)", text)
    if unit:
        contact["unit"] = unit["v"]
    return contact


# --- reply formulas ---------------------------------------------------------------------


def _proposer(salutation: str) -> dict[str, Any]:
    match = P.PROPOSER.match(salutation)
    assert match is not None  # the pattern matches any non-empty text
    names = [n.removesuffix("等") for n in re.split(r"[、，,]", match["names"]) if n]
    kind = _SUFFIX.get(match["suffix"] or "", "organisation")
    return {"name": names if len(names) > 1 else names[0], "type": kind}


def _names(proposer: dict[str, Any]) -> list[str]:
    name = proposer["name"]
    return name if isinstance(name, list) else [name]


def _proposer_name(proposer: dict[str, Any]) -> str:
    suffix = {"member": "委员", "deputy": "代表"}.get(proposer["type"], "")
    return "、".join(_names(proposer)) + suffix


def _pronoun(proposer: dict[str, Any]) -> str:
    if len(_names(proposer)) > 1:
        return "你们"
    return "贵单位" if proposer["type"] == "organisation" else "您"


def _we(issuer: str) -> str:
    return f"我{issuer[-1]}" if issuer and issuer[-1] in "厅委局办部院署会" else "我们"


def _reply_head(head: dict[str, str], meta: dict[str, str], opening: str | None, out: Built) -> None:
    data = out.data
    title_text = head.get("title") or meta.get("title") or ""
    title = P.REPLY_TITLE.match(title_text)
    cohandle = bool(title and title["what"] != "答复")
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
    elif re.search(r"第\s*([0-9A-Za-z]+)\s*号", title_text):
        proposal["number"] = re.search(r"第\s*([0-9A-Za-z]+)\s*号", title_text)[1]  # type: ignore[index]
    loose = P.OPENING_LOOSE.search(opening or "")
    if not match and loose:
        proposal["title"] = loose["title"]
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
        default = _DEFAULT_LABEL.get(proposer["type"]) or "、".join(_names(proposer)) + "提案"
        if title["label"] != default:
            proposal["kind"] = title["label"]
        data["title_form"] = title["form"]
    data["proposal"] = proposal

    if title and title_text != _reply_title(data, proposal, title["label"]):
        data["title"] = title_text
    elif head.get("title") and not title:
        data["title"] = head["title"]
        out.note(("title",), "标题不是“对…第…号…的答复”句式，已照录")
    if salutation and not cohandle and salutation != _proposer_name(proposer):
        data["salutation"] = salutation
    _check_opening(opening, match, out)


def _reply_title(data: dict[str, Any], proposal: dict[str, Any], label: str) -> str:
    what = "会办意见" if data.get("handling") else "答复"
    return f"{data.get('title_form', '对')}{proposal['meeting']}第{proposal['number']}号{label}的{what}"


def _check_opening(opening: str | None, match: re.Match[str] | None, out: Built) -> None:
    data = out.data
    if opening is None:
        return
    proposal, proposer = data["proposal"], data["proposer"]
    abbr = f"（以下简称《{proposal['abbreviation']}》）" if proposal.get("abbreviation") else ""
    if data.get("handling"):
        we = _we(data.get("issuer", ""))
        expected = (
            f"{_proposer_name(proposer)}在{proposal['meeting']}上提出的《{proposal['title']}》{abbr}"
            f"收悉，经认真研究，现将{we}会办意见函告如下："
        )
    else:
        expected = (
            f"{_pronoun(proposer)}在{proposal['meeting']}上提出的《{proposal['title']}》{abbr}"
            f"{P.OPENING_TAIL_REPLY}"
        )
    if not same(opening, expected):
        data["opening"] = opening
        out.note(("opening",), "开头语与标准句式不同，已照录")


def _closing(text: str, out: Built) -> dict[str, Any]:
    data = out.data
    match = P.CLOSING.match(text)
    if not match:
        return {"text": text}
    closing: dict[str, Any] = {"thanks_for": match["thanks"]}
    if match["contribute"]:
        if match["attention"] != match["thanks"]:
            closing["attention_to"] = match["attention"]
        closing["contribute_to"] = match["contribute"]
        if match["new"]:
            closing["new_contribution"] = True
        if match["we"] != _we(data.get("issuer", "")):
            closing["we"] = match["we"]
    if match["pronoun"] != _pronoun(data["proposer"]):
        out.note(("closing",), f"结束语称“{match['pronoun']}”，与开头的称呼不一致，已照录")
        return {"text": text}
    return closing


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


class _Body:
    """Walks the body paragraphs, keeping the innermost open container."""

    def __init__(self, out: Built, opinion: bool) -> None:
        self.out = out
        self.opinion = opinion
        self.preamble: list[str] = []
        self.sections: list[dict[str, Any]] = []
        self.doc_next: dict[str, Any] | None = None
        self.section: dict[str, Any] | None = None
        self.sub: dict[str, Any] | None = None
        self.items: list[dict[str, Any]] | None = None  # where 1. items go now
        self.next: dict[str, Any] | None = None
        self.promote = False  # （一） used as top level when a reply has no 一、
        self.promoted = ""  # the role that opened sections for want of a level above it

    def container(self) -> dict[str, Any] | None:
        return self.sub or self.section

    def add(self, para: Para) -> None:
        role = para.role
        if role == "h2" and self.promote:
            role = "h1"
        getattr(self, f"_{role}")(para)

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
        if self.items is None or self.promoted == para.role:
            self._promote(para)
            return
        self.items.append(_item(para.text, self.opinion))

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
        target = self.container()
        holder = target if target is not None else None
        if holder is None and self.doc_next is None:
            self.doc_next = {}
            holder_next = self.doc_next
        elif holder is None or holder.get("next_steps"):
            self._p(Para("p", para.source, para.source))
            return
        else:
            holder_next = holder["next_steps"] = {}
        holder_next["text"] = para.text
        self.next = holder_next
        self.items = holder_next.setdefault("items", [])

    def _p(self, para: Para) -> None:
        text = para.source
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
        if container is None:
            self.preamble.append(text)
        elif container["items"]:
            container["items"][-1].setdefault("paragraphs", []).append(text)
        else:
            container["paragraphs"].append(text)


def _prune(value: Any) -> Any:
    """Drop empty lists and dicts the walk created, so the YAML holds only what is there."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ([], {}, None)}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _move_last_next_steps(body: _Body) -> None:
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


def _body(paragraphs: list[str], out: Built, opinion: bool) -> _Body:
    body = _Body(out, opinion)
    paras = [classify(p) for p in paragraphs]
    if not opinion and not any(p.role == "h1" for p in paras) and any(p.role == "h2" for p in paras):
        body.promote = True
        out.note(("sections",), "原文没有“一、”级标题，已把“（一）”级当作各节标题，生成时编号会变为“一、”")
    for para in paras:
        body.add(para)
    if not opinion:
        _move_last_next_steps(body)
    return body


# --- whole document -----------------------------------------------------------------------


def _is_opinion(head: dict[str, str], meta: dict[str, str], opening: str | None) -> bool:
    title = head.get("title") or meta.get("title") or ""
    if P.REPLY_TITLE.match(title) or (opening and P.OPENING.match(opening)):
        return False
    return bool(re.search(r"(?<!会办)(?<!协办)意见$", title))


def build(cleaned: Cleaned) -> Built:
    out = Built()
    meta, paragraphs = cleaned.meta, cleaned.paragraphs
    head, start = _split_head(paragraphs, out)
    foot, end = _split_foot(paragraphs[start:])
    end += start
    body = paragraphs[start:end]
    opening = body[0] if body and (P.OPENING.match(body[0]) or P.OPENING_LOOSE.search(body[0])) else None
    opinion = _is_opinion(head, meta, opening)
    data = out.data
    if opinion:
        data["kind"] = "opinion"
    data["issuer"] = meta.get("issuer") or foot.get("signature") or PLACEHOLDER
    if data["issuer"] == PLACEHOLDER:
        out.note(("issuer",), "原文没有写发文机关，请填写全称")
    number = _doc_number(head.get("docno") or meta.get("doc_number"))
    if number:
        data["doc_number"] = number
    if head.get("signer"):
        data["signer"] = head["signer"]
    if foot.get("date"):
        signature: dict[str, Any] = {"date": foot["date"]}
        if foot.get("signature") and foot["signature"] != data["issuer"]:
            signature["name"] = foot["signature"]
        data["signature"] = signature
    if foot.get("disclosure"):
        data["disclosure"] = foot["disclosure"]
        if foot["disclosure"] == "不予公开":
            data["disclosure_reason"] = PLACEHOLDER
            out.note(("disclosure_reason",), "不予公开需写明理由")
    if foot.get("attachments"):
        data["attachments"] = foot["attachments"]
    if foot.get("contact_lines"):
        contact = _contact(foot["contact_lines"])
        if contact:
            data["contact"] = contact
            unit = f"承办单位：{contact['unit']}　" if contact.get("unit") else ""
            if not same("".join(foot["contact_lines"]), f"{unit}联系人：{contact['person']}联系电话：{contact['phone']}"):
                out.note(("contact",), "原文联系人一行的写法与模板不同，生成时按“联系人：…　联系电话：…”排")
        else:
            body = body + foot["contact_lines"]
    if foot.get("cc"):
        data["cc"] = foot["cc"]
    _publication(meta, data)
    if opinion:
        _opinion(head, meta, body, out)
    else:
        if opening is not None:
            body = body[1:]
        if head.get("class"):
            data["result_class"] = head["class"]
        _reply_head(head, meta, opening, out)
        out.sources.update(
            {k: v for k, v in (("title", head.get("title")), ("salutation", head.get("salutation")), ("opening", opening)) if v}
        )
        closing = None
        if body and P.CLOSING_START.match(body[-1]):
            closing = body[-1]
            body = body[:-1]
        if foot.get("extra"):
            body = body + foot["extra"]
            out.note((), "落款之后有无法识别的文字，已移到正文末尾：" + "；".join(foot["extra"]))
        walk = _body(body, out, opinion=False)
        data["preamble"] = walk.preamble
        data["sections"] = walk.sections
        if walk.doc_next is not None:
            data["next_steps"] = walk.doc_next
        if closing:
            data["closing"] = _closing(closing, out)
            out.sources["closing"] = closing
    out.data = _order(_prune(data))
    return out


def _publication(meta: dict[str, str], data: dict[str, Any]) -> None:
    if not meta.get("index_no"):
        return
    publication: dict[str, Any] = {"index_no": meta["index_no"].replace(" ", "")}
    if meta.get("category"):
        publication["category"] = meta["category"]
    written = _date(meta.get("written_date"))
    if written and written != data.get("signature", {}).get("date"):
        publication["written_date"] = written
    published = _date(meta.get("published_date"))
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
    walk = _body(body, out, opinion=True)
    data["preamble"] = walk.preamble
    data["parts"] = walk.sections
    # Paragraphs after the last item of the last part close the document.
    if walk.sections:
        last = walk.sections[-1]
        holder = last["subparts"][-1] if last.get("subparts") else last
        if holder["items"] and holder["items"][-1].get("paragraphs"):
            data["closing"] = holder["items"][-1].pop("paragraphs")
        elif not holder["items"] and holder is last and len(last["paragraphs"]) > 1:
            pass


_ORDER = [
    "kind", "issuer", "doc_number", "signer", "signature", "disclosure", "disclosure_reason",
    "attachments", "contact", "cc", "publication", "result_class", "subject", "title", "recipients",
    "proposal", "proposer", "handling", "title_form", "salutation", "opening", "preamble", "sections",
    "parts", "next_steps", "closing",
]  # fmt: skip


def _order(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in _ORDER if key in data}
