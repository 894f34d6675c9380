"""征询意见表: the feedback form that goes with a reply to each proposer, and the mailing list.

Every proposer gets a form of their own, each co-signer of a 联名 proposal included, prefilled
from the draft; the proposer ticks 满意 / 基本满意 / 不满意 for the handling and its result,
writes an opinion and signs. The form's wording is data (:data:`WORDING`); its page is laid out
by :mod:`replygen.docx.form` in the letter's profile.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from .errors import InputError, Problem

__all__ = ["WORDING", "FeedbackForm", "feedback_forms", "form_name", "mailing_list_csv", "MAILING_LIST_NAME"]

# What the form says. {类} is 提案 or 建议 (a 代表's), {人} 提案人 or 代表.
WORDING: dict[str, Any] = {
    "title": "{类}办理情况征询意见表",
    "ratings": ("办理态度", "办理结果"),
    "choices": ("满意", "基本满意", "不满意"),
    "opinion": "意见和建议",
    "signature": "{人}签名：",
    "date": "日期：　　　年　　月　　日",
    "return": "请在收到答复后一个月内填写本表，寄回或交至{发文机关}。",
}
BOX = "□"
MAILING_LIST_NAME = "寄送清单.csv"


@dataclass(frozen=True)
class FeedbackForm:
    """One proposer's form: its title, the prefilled rows and the lines under the table.

    A row is (label, value) spanning the table, or (label, value, label, value).
    """

    title: str
    rows: tuple[tuple[str, ...], ...]
    ratings: tuple[str, ...]
    choices: tuple[str, ...]
    opinion: str
    signature: str
    date: str
    notes: tuple[str, ...]
    # who it goes to, and with which reply: for the file name and the mailing list
    number: str
    proposer: str
    unit: str
    issuer: str


def feedback_forms(doc: Any, source: str | None = None) -> list[FeedbackForm]:
    """One form per proposer of ``doc``; a 会办意见, which goes to the 主办 only, is refused."""
    from .formulas import formulas

    handling = getattr(doc, "handling", None)  # an 实施意见 has none
    if doc.kind != "reply" or (handling is not None and handling.role == "会办"):
        what = "实施意见" if doc.kind != "reply" else "会办意见写给主办单位"
        raise InputError(Problem(f"{what}，不寄给提案人，没有征询意见表", source, field="handling.role" if doc.kind == "reply" else "kind"))
    proposer = doc.proposer
    deputy = proposer.type == "deputy"
    words = {"类": "建议" if deputy else "提案", "人": "代表" if deputy else "提案人", "发文机关": doc.issuer}
    role = handling.role if handling is not None else "主办"
    f = formulas(doc)
    shared: list[tuple[str, ...]] = [
        (f"{words['类']}号", doc.proposal.number, "结果类别", f"{doc.result_class}类" if doc.result_class else ""),
        ("案由", doc.proposal.title),
    ]
    handled: list[tuple[str, ...]] = [("承办单位" if role == "分办" else "主办单位", doc.issuer)]
    if handling is not None and handling.co_units:
        handled.append(("会办单位", "、".join(handling.co_units)))
    # A row each: a 文号 and a date side by side would wrap in half a row.
    if doc.doc_number is not None:
        handled.append(("答复文号", f.doc_number))
    if doc.signature is not None:
        handled.append(("答复日期", f.date))
    forms = []
    for index, name in enumerate(proposer.name):
        unit = proposer.units[index] if proposer.units else ""
        forms.append(
            FeedbackForm(
                title=_fill(WORDING["title"], words),
                rows=(*shared, (words["人"], name, "工作单位", unit), *handled),
                ratings=tuple(WORDING["ratings"]),
                choices=tuple(WORDING["choices"]),
                opinion=WORDING["opinion"],
                signature=_fill(WORDING["signature"], words),
                date=WORDING["date"],
                notes=(_fill(WORDING["return"], words), *f.contact),
                number=doc.proposal.number,
                proposer=name,
                unit=unit,
                issuer=doc.issuer,
            )
        )
    return forms


def _fill(pattern: str, words: dict[str, str]) -> str:
    for name, value in words.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


def form_name(form: FeedbackForm) -> str:
    """``88-孙立新-征询意见表.docx``: safe on every system, one per proposer and proposal."""
    from .naming import safe_filename

    return safe_filename(f"{form.number}-{form.proposer}-征询意见表") + ".docx"


def choice_boxes(choices: tuple[str, ...]) -> str:
    """``□满意　　□基本满意　　□不满意``: the boxes a proposer ticks."""
    return "\u3000\u3000".join(BOX + choice for choice in choices)


def mailing_list_csv(entries: list[tuple[Any, str, list[FeedbackForm]]]) -> bytes:
    """The mailing list: who receives which reply and which form.

    ``entries`` holds each draft with the reply's file name (as ``batch`` names it) and its
    forms. Every proposer receives the reply and their form; each 抄送 unit the reply alone.
    UTF-8 with a BOM, so Excel opens it as Chinese.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["提案号", "案由", "收件人", "工作单位", "身份", "答复", "征询意见表"])
    for doc, reply_name, forms in entries:
        number, title = doc.proposal.number, doc.proposal.title
        for form in forms:
            writer.writerow([number, title, form.proposer, form.unit, "提案人", reply_name, form_name(form)])
        for unit in doc.cc:
            writer.writerow([number, title, unit, "", "抄送", reply_name, ""])
    return out.getvalue().encode("utf-8-sig")
