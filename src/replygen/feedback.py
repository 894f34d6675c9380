"""征询意见表: the feedback form that goes with a reply to each proposer, and the mailing list.

Every proposer gets a form of their own, each co-signer of a 联名 proposal included, prefilled
from the draft; the proposer ticks 满意 / 基本满意 / 不满意 for the handling and its result,
writes an opinion and signs. The form's wording and rows are a template (``feedback.j2``), which
an office may override as it does the letter's; its page is laid out by
:mod:`replygen.docx.form` in the letter's profile.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from .blocks import Block
from .errors import InputError, Problem, TemplateError

__all__ = ["FeedbackForm", "feedback_forms", "form_name", "mailing_list", "mailing_list_rows", "LIST_FORMATS", "MAILING_LIST_NAME", "FORM_TEMPLATE"]

FORM_TEMPLATE = "feedback.j2"
"""The form's wording and rows: a template an office may copy into its template directory."""
MAILING_LIST_NAME = "寄送清单"  # .csv or .xlsx


@dataclass(frozen=True)
class FeedbackForm:
    """One proposer's form: its title, the prefilled rows and the lines under the table.

    A row is (label, value) spanning the table, or (label, value, label, value); a rating
    row is (label, the boxes to tick).
    """

    title: str
    rows: tuple[tuple[str, ...], ...]
    ratings: tuple[tuple[str, str], ...]
    opinion: str
    signature: str
    date: str
    notes: tuple[str, ...]
    # who it goes to, and with which reply: for the file name and the mailing list
    number: str
    proposer: str
    unit: str
    issuer: str


def feedback_forms(doc: Any, source: str | None = None, template_dir: str | None = None) -> list[FeedbackForm]:
    """One form per proposer of ``doc``; a 会办意见, which goes to the 主办 only, is refused.

    The form's wording and rows come from :data:`FORM_TEMPLATE`, an office's own copy in
    ``template_dir`` first.
    """
    from .formulas import formulas
    from .render import render_template

    handling = getattr(doc, "handling", None)  # an 实施意见 has none
    if doc.kind != "reply" or (handling is not None and handling.role == "会办"):
        what = "实施意见" if doc.kind != "reply" else "会办意见写给主办单位"
        raise InputError(Problem(f"{what}，不寄给提案人，没有征询意见表", source, field="handling.role" if doc.kind == "reply" else "kind"))
    proposer = doc.proposer
    deputy = proposer.type == "deputy"
    role = handling.role if handling is not None else "主办"
    f = formulas(doc)
    forms = []
    for index, name in enumerate(proposer.name):
        unit = proposer.units[index] if proposer.units else ""
        record = SimpleNamespace(
            kind="建议" if deputy else "提案",
            person="代表" if deputy else "提案人",
            number=doc.proposal.number,
            title=doc.proposal.title,
            class_label=f"{doc.result_class}类" if doc.result_class else "",
            proposer=name,
            unit=unit,
            issuer=doc.issuer,
            lead_label="承办单位" if role == "分办" else "主办单位",
            co_units="、".join(handling.co_units) if handling is not None and handling.co_units else "",
            doc_number=f.doc_number if doc.doc_number is not None else "",
            date=f.date if doc.signature is not None else "",
            contact=list(f.contact),
        )
        blocks = render_template(FORM_TEMPLATE, {"form": record}, template_dir)
        forms.append(_read_form(blocks, number=doc.proposal.number, proposer=name, unit=unit, issuer=doc.issuer))
    return forms


def _read_form(blocks: list[Block], **addressee: str) -> FeedbackForm:
    """The form the template's blocks describe; a block the form cannot hold is the template's mistake."""
    parts: dict[str, list[Any]] = {"title": [], "p": [], "h2": [], "h1": [], "signature": [], "date": [], "note": []}
    for block in blocks:
        role = "note" if block.role == "contact" else block.role
        if role not in parts:
            raise TemplateError(f"征询意见表中不能有 <{block.role}>，可用的有：title、p、h2、h1、signature、date、note、contact", FORM_TEMPLATE)
        if role in {"p", "h2"}:
            parts[role].append(_cells(block))
        else:
            parts[role].append(block.text)
    for role in ("title", "h1"):
        if len(parts[role]) != 1:
            raise TemplateError(f"征询意见表须有且只有一个 <{role}>（{'标题' if role == 'title' else '意见栏的名称'}）", FORM_TEMPLATE)
    for cells in parts["h2"]:
        if len(cells) != 2:
            raise TemplateError("征询意见表中勾选的一行 <h2> 只能有一个 <lead>栏目</lead> 和它的内容", FORM_TEMPLATE)
    return FeedbackForm(
        title=parts["title"][0],
        rows=tuple(parts["p"]),
        ratings=tuple((cells[0], cells[1]) for cells in parts["h2"]),
        opinion=parts["h1"][0],
        signature="".join(parts["signature"]),
        date="".join(parts["date"]),
        notes=tuple(parts["note"]),
        **addressee,
    )


def _cells(block: Block) -> tuple[str, ...]:
    """A row's cells: each <lead> a label, the text after it its value (two pairs at most)."""
    cells: list[str] = []
    for run in block.runs:
        if run.lead:
            cells += [run.text, ""]
        elif cells:
            cells[-1] += run.text
        else:
            raise TemplateError(f"征询意见表的一行须以 <lead>栏目</lead> 开始：{block.text[:20]}", FORM_TEMPLATE)
    if len(cells) not in (2, 4):
        raise TemplateError(f"征询意见表的一行只能有一或两个 <lead>栏目</lead>：{block.text[:20]}", FORM_TEMPLATE)
    return tuple(cells)


def form_name(form: FeedbackForm) -> str:
    """``88-孙立新-征询意见表.docx``: safe on every system, one per proposer and proposal."""
    from .naming import safe_filename

    return safe_filename(f"{form.number}-{form.proposer}-征询意见表") + ".docx"


MAILING_LIST_HEADER = ("提案号", "案由", "收件人", "工作单位", "身份", "答复", "征询意见表")
LIST_FORMATS = ("csv", "xlsx")


def mailing_list_rows(entries: list[tuple[Any, str, list[FeedbackForm]]]) -> list[tuple[str, ...]]:
    """The mailing list's rows under :data:`MAILING_LIST_HEADER`: who receives which reply and form.

    ``entries`` holds each draft with the reply's file name (as ``batch`` names it) and its
    forms. Every proposer receives the reply and their form; each 抄送 unit the reply alone.
    """
    rows: list[tuple[str, ...]] = []
    for doc, reply_name, forms in entries:
        number, title = doc.proposal.number, doc.proposal.title
        for form in forms:
            rows.append((number, title, form.proposer, form.unit, "提案人", reply_name, form_name(form)))
        for unit in doc.cc:
            rows.append((number, title, unit, "", "抄送", reply_name, ""))
    return rows


def mailing_list(entries: list[tuple[Any, str, list[FeedbackForm]]], fmt: str = "csv") -> tuple[str, bytes]:
    """The mailing list's file name and bytes, as .csv or .xlsx (:data:`LIST_FORMATS`)."""
    rows = mailing_list_rows(entries)
    if fmt == "xlsx":
        return f"{MAILING_LIST_NAME}.xlsx", _xlsx(rows)
    if fmt != "csv":
        raise ValueError(f"寄送清单的格式只能是 {'、'.join(LIST_FORMATS)}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MAILING_LIST_HEADER)
    writer.writerows(rows)
    # UTF-8 with a BOM, so Excel opens it as Chinese.
    return f"{MAILING_LIST_NAME}.csv", out.getvalue().encode("utf-8-sig")


def _xlsx(rows: list[tuple[str, ...]]) -> bytes:
    """One sheet, a bold header frozen above one row per recipient, every cell text."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "寄送清单"
    sheet.append(MAILING_LIST_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.number_format = "@"  # a 提案号 such as 0088 stays as written
    sheet.freeze_panes = "A2"
    for column, header in enumerate(MAILING_LIST_HEADER, 1):
        wide = header in ("案由", "答复", "征询意见表")
        sheet.column_dimensions[get_column_letter(column)].width = 40 if wide else 14
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
