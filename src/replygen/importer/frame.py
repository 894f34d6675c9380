"""Frame stage: the lines around the body — title, 发文字号, 签发人, salutation above it;
附件, 署名, date, 附注, 联系人 and 抄送 below it.

Head lines are recognised in any order; foot lines are read from the end up, so a body
paragraph is never mistaken for a foot line unless everything below it is one too.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from .. import genre
from . import patterns as P

__all__ = ["date_of", "doc_number", "read_contact", "split_foot", "split_head"]


def date_of(text: str | None) -> _dt.date | None:
    """The date a line spells (二〇二四年五月十八日 as well as 2024年5月18日), or None."""
    text = (text or "").replace(" ", "")
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)  # 20211022, as some pages print it
    if compact:
        text = "{}年{}月{}日".format(*compact.groups())
    try:
        return genre.parse_date(text)
    except ValueError:
        return None


def doc_number(text: str | None) -> str | None:
    parts = genre.parse_doc_number((text or "").replace(" ", ""))
    return genre.format_doc_number(*parts) if parts else None


def _class(text: str) -> str:
    return text.translate(str.maketrans("ＡＢＣＤ", "ABCD"))


def _class_label(text: str, match: re.Match[str]) -> str:
    """The line with its class letter as the placeholder: 类别：B → 类别：{类别}."""
    return text[: match.start("cls")] + "{类别}" + text[match.end("cls") :]


def _head_line(text: str, head: dict[str, Any], following: list[str]) -> str | None:
    """Record ``text`` in ``head`` when it is a line of the letter's head: the kind of line, or None."""
    if P.DRAFT_MARK.match(text):
        return "draft"
    match = P.RESULT_CLASS.match(text)
    if match and "class" not in head:
        head["class"], head["class_label"] = _class(match["cls"]), _class_label(text, match)
        return "class"
    match = P.SIGNER.match(text)
    if match and "signer" not in head:
        head["signer"] = match["name"].strip()
        return "signer"
    both = P.DOCNO_SIGNER.match(text)
    if both and doc_number(both["no"]) and "docno" not in head:
        head["docno"], head["signer"] = both["no"], both["name"]
        return "docno"
    if "docno" not in head:
        beside = P.DOC_NUMBER_CLASS.match(text)
        if beside and doc_number(beside["no"]) and "class" not in head:
            head["docno"] = beside["no"]
            head["class"] = _class(beside["cls"])
            at = beside.start("cls") - beside.start("label")
            head["class_label"] = beside["label"][:at] + "{类别}" + beside["label"][at + 1 :]
            return "docno"
        if doc_number(text) or doc_number(re.sub(rf"{P.COLON}(?=\s*[〔［\[【(（])", "", text)):
            head["docno"] = doc_number(text) or doc_number(re.sub(rf"{P.COLON}", "", text))
            return "docno"
    if "salutation" not in head and P.SALUTATION.match(text) and not P.OPENING_LOOSE.search(text):
        head["salutation"] = text[:-1].strip()
        return "salutation"
    if "title" not in head and "salutation" not in head and not P.OPENING_LOOSE.search(text):
        if P.REPLY_TITLE.match(text) or P.OPINION_TITLE.match(text) or P.PLAIN_TITLE_END.search(text):
            head["title"] = text
            return "title"
    match = P.LETTERHEAD.match(text)
    if match and not head:
        head["letterhead"] = match["issuer"]
        return "letterhead"
    if "salutation" not in head and P.ORGAN.match(text) and any(P.SALUTATION.match(t) or _opens(t) for t in following[:3]):
        if not (following and _opens(following[0])):  # just above the opening, it is the salutation
            head.setdefault("organ", text)
            return "organ"
    if "salutation" not in head and following and _opens(following[0]) and _salutation_like(text):
        head["salutation"] = text.strip()
        head["salutation_colon"] = False
        return "salutation"
    return None


def _opens(text: str) -> bool:
    """The opening of a reply: it says the proposal was received."""
    return bool(P.OPENING.match(text) or P.OPENING_LOOSE.search(text))


def _salutation_like(text: str) -> bool:
    """A line that can address the proposer without a colon: short, no sentence in it."""
    return len(text) <= 40 and not re.search(r"[。；;！？:：《》“”]", text) and not _opens(text)


def split_head(paragraphs: list[str]) -> tuple[dict[str, Any], int]:
    """Lines above the body: 版头, 分类标识, 签发人, title, 发文字号, salutation (in any order).

    A line the head does not know is kept (in ``head["extra"]``) when a salutation follows
    within a few lines, so a printed 版头 or a stamp note does not hide the title below it.
    ``head["order"]`` lists each line's kind, top to bottom, for the house style.
    """
    head: dict[str, Any] = {}
    order: list[tuple[str, str]] = []
    index = 0
    while index < len(paragraphs):
        text = paragraphs[index]
        kind = _head_line(text, head, paragraphs[index + 1 : index + 6])
        if kind:
            order.append((kind, text))
            index += 1
            continue
        ahead = paragraphs[index + 1 : index + 6]
        if "salutation" not in head and any(
            (P.SALUTATION.match(t) and not P.OPENING_LOOSE.search(t)) or _opens(t) for t in ahead
        ) and not _opens(text):
            head.setdefault("extra", []).append(text)
            order.append(("extra", text))
            index += 1
            continue
        break
    head["order"] = order
    return head, index


def _contact_line(text: str) -> bool:
    if P.CONTACT_LABEL.match(text) or P.CONTACT_PERSON.search(text) or P.CONTACT_BOTH.search(text):
        return True
    return bool(P.CONTACT_PHONE.search(text) and len(text) < 40)


def split_foot(paragraphs: list[str]) -> tuple[dict[str, Any], int]:
    """Lines below the body, read from the end: 版记, 附注, date and 署名, 附件.

    ``foot["order"]`` lists each line's kind, top to bottom, for the house style.
    """
    foot: dict[str, Any] = {}
    order: list[tuple[str, str]] = []
    end = len(paragraphs)
    while end > 0:
        text = paragraphs[end - 1]
        kind = ""
        match = P.CC.match(text)
        printing = P.PRINTING.match(text)
        if printing and date_of(printing["date"]) and "printing" not in foot and "cc" not in foot:
            foot["printing"] = {"organ": printing["organ"].strip(), "date": date_of(printing["date"])}
            kind = "printing"
        elif match and "cc" not in foot:
            foot["cc"] = [u for u in P.CC_SPLIT.split(match["units"]) if u]
            kind = "cc"
        elif any(p.match(text) for p in P.DISCLOSURE) and "disclosure" not in foot:
            foot["disclosure"] = next(v for p, v in P.DISCLOSURE.items() if p.match(text))
            kind = "disclosure"
        elif (match := P.FOOT_SIGNER.match(text)) and "signer" not in foot:
            foot["signer"] = match["name"]
            kind = "signer"
        elif _contact_line(text):
            foot.setdefault("contact_lines", []).insert(0, text)
            kind = "contact"
        elif (match := P.RESULT_CLASS.match(text)) and "class" not in foot and re.search(P.COLON, text):
            foot["class"], foot["class_label"] = _class(match["cls"]), _class_label(text, match)
            kind = "class"
        elif date_of(text) and "date" not in foot:
            foot["date"] = date_of(text)
            kind = "date"
            if end >= 2 and P.SIGNATURE_NAME.match(paragraphs[end - 2]) and not P.SECTION_NO.match(paragraphs[end - 2]):
                foot["signature"] = paragraphs[end - 2]
                order.insert(0, ("date", text))
                kind = "signature"
                text = paragraphs[end - 2]
                end -= 1
        elif "date" in foot and "attachments" not in foot and (P.ATTACHMENT.match(text) or P.ITEM_NO.match(text)):
            first = end - 1
            while first > 0 and not P.ATTACHMENT.match(paragraphs[first]) and P.ITEM_NO.match(paragraphs[first]):
                first -= 1
            if not P.ATTACHMENT.match(paragraphs[first]):
                break
            foot["attachments"] = _attachments(paragraphs[first:end])
            order[:0] = [("attachment", t) for t in paragraphs[first:end]]
            end = first
            continue
        elif "date" not in foot and "signature" not in foot and P.ORGAN.match(text) and end > 1:
            foot["signature"] = text  # a 署名 the letter prints without a date
            kind = "signature"
        elif "date" not in foot and any(date_of(t) for t in paragraphs[max(0, end - 7) : end - 1]):
            foot.setdefault("extra", []).insert(0, text)  # below the date, but not a line we know
            kind = "extra"
        else:
            break
        order.insert(0, (kind, text))
        end -= 1
    foot["order"] = order
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


def read_contact(lines: list[str]) -> dict[str, str] | None:
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
