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
    try:
        return genre.parse_date((text or "").replace(" ", ""))
    except ValueError:
        return None


def doc_number(text: str | None) -> str | None:
    parts = genre.parse_doc_number((text or "").replace(" ", ""))
    return genre.format_doc_number(*parts) if parts else None


def _head_line(text: str, head: dict[str, Any]) -> bool:
    """Record ``text`` in ``head`` when it is a line of the letter's head; False otherwise."""
    if P.DRAFT_MARK.match(text):
        return True
    match = P.RESULT_CLASS.match(text)
    if match and "class" not in head:
        head["class"] = match["cls"].translate(str.maketrans("ＡＢＣＤ", "ABCD"))
        return True
    match = P.SIGNER.match(text)
    if match and "signer" not in head:
        head["signer"] = match["name"].strip()
        return True
    both = P.DOCNO_SIGNER.match(text)
    if both and doc_number(both["no"]) and "docno" not in head:
        head["docno"], head["signer"] = both["no"], both["name"]
        return True
    if doc_number(text) and "docno" not in head:
        head["docno"] = text
        return True
    if "salutation" not in head and P.SALUTATION.match(text) and not P.OPENING_LOOSE.search(text):
        head["salutation"] = text[:-1].strip()
        return True
    if "title" not in head and "salutation" not in head and not P.OPENING_LOOSE.search(text):
        if P.REPLY_TITLE.match(text) or P.OPINION_TITLE.match(text) or P.PLAIN_TITLE_END.search(text):
            head["title"] = text
            return True
    match = P.LETTERHEAD.match(text)
    if match and not head:
        head["letterhead"] = match["issuer"]
        return True
    return False


def split_head(paragraphs: list[str]) -> tuple[dict[str, Any], int]:
    """Lines above the body: 版头, 分类标识, 签发人, title, 发文字号, salutation (in any order).

    A line the head does not know is kept (in ``head["extra"]``) when a salutation follows
    within a few lines, so a printed 版头 or a stamp note does not hide the title below it.
    """
    head: dict[str, Any] = {}
    index = 0
    while index < len(paragraphs):
        text = paragraphs[index]
        if _head_line(text, head):
            index += 1
            continue
        ahead = paragraphs[index + 1 : index + 6]
        if "salutation" not in head and any(
            P.SALUTATION.match(t) and not P.OPENING_LOOSE.search(t) for t in ahead
        ) and not P.OPENING_LOOSE.search(text):
            head.setdefault("extra", []).append(text)
            index += 1
            continue
        break
    return head, index


def split_foot(paragraphs: list[str]) -> tuple[dict[str, Any], int]:
    """Lines below the body, read from the end: 版记, 附注, date and 署名, 附件."""
    foot: dict[str, Any] = {}
    end = len(paragraphs)
    while end > 0:
        text = paragraphs[end - 1]
        match = P.CC.match(text)
        printing = P.PRINTING.match(text)
        if printing and date_of(printing["date"]) and "printing" not in foot and "cc" not in foot:
            foot["printing"] = {"organ": printing["organ"].strip(), "date": date_of(printing["date"])}
        elif match and "cc" not in foot:
            foot["cc"] = [u for u in P.CC_SPLIT.split(match["units"]) if u]
        elif any(p.match(text) for p in P.DISCLOSURE) and "disclosure" not in foot:
            foot["disclosure"] = next(v for p, v in P.DISCLOSURE.items() if p.match(text))
        elif P.CONTACT_PERSON.search(text) or P.CONTACT_BOTH.search(text) or (P.CONTACT_PHONE.search(text) and len(text) < 40):
            foot.setdefault("contact_lines", []).insert(0, text)
        elif date_of(text) and "date" not in foot:
            foot["date"] = date_of(text)
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
        elif "date" not in foot and any(date_of(t) for t in paragraphs[max(0, end - 7) : end - 1]):
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
