"""Status: the 台账 of a folder of drafts — what is due when, what is left to write, what is done.

One row per draft: number, proposer, title, role, 交办日期, due date (the draft's own
``handling.due_on``, else the deadline rule), days left or overdue, 【待填写】 left, class, and
whether a final .docx exists and is newer than its draft. A draft that cannot be loaded is a
row carrying its error, so one broken file never hides the others.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .deadlines import DeadlineRules, due_date

__all__ = ["LedgerRow", "STATUS_FORMATS", "ledger", "ledger_bytes", "ledger_row", "ledger_table"]

STATUS_FORMATS = ("table", "csv", "xlsx", "json")

# The state of the .docx beside a draft.
DOCX_NONE, DOCX_DRAFT, DOCX_FINAL, DOCX_STALE = "无", "征求意见稿", "正式稿", "旧于草稿"
_DOCX_SHORT = {DOCX_NONE: "无", DOCX_DRAFT: "初稿", DOCX_FINAL: "定稿", DOCX_STALE: "待重出"}
_HEADERS = [
    ("file", "草稿"),
    ("number", "提案号"),
    ("proposer", "提案人"),
    ("title", "案由"),
    ("role", "角色"),
    ("assigned_on", "交办日期"),
    ("due_on", "办结时限"),
    ("days_left", "剩余天数"),
    ("placeholders", "待填写"),
    ("result_class", "类别"),
    ("docx", "成稿"),
    ("overdue", "超期"),
    ("error", "错误"),
]


@dataclass
class LedgerRow:
    file: str
    number: str = ""
    proposer: str = ""
    title: str = ""
    role: str = ""
    assigned_on: _dt.date | None = None
    due_on: _dt.date | None = None
    days_left: int | None = None  # negative: days overdue
    placeholders: int = 0
    result_class: str = ""
    docx: str = DOCX_NONE
    error: str = ""
    style_file: bool = False  # an office's style file found among the drafts: not a row of the ledger

    @property
    def overdue(self) -> bool:
        """Past its date and not yet answered by an up-to-date final .docx."""
        return self.days_left is not None and self.days_left < 0 and self.docx != DOCX_FINAL

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {key: getattr(self, key) for key, _ in _HEADERS}
        for key in ("assigned_on", "due_on"):
            out[key] = out[key].isoformat() if out[key] else None
        return out


def ledger_row(
    path: Path, today: _dt.date, rules: DeadlineRules | None = None, docx_dir: Path | None = None
) -> LedgerRow:
    """The ledger row of the draft at ``path``; a draft that fails to load carries its error."""
    from .errors import ReplygenError
    from .loader import is_style_file, load
    from .placeholders import PLACEHOLDER
    from .fieldpath import strings_in

    row = LedgerRow(file=str(path))
    try:
        doc = load(path)
    except ReplygenError as exc:
        row.style_file = is_style_file(path)
        row.error = str(exc).splitlines()[0]
        return row
    row.placeholders = sum(text.count(PLACEHOLDER) for _, text in strings_in(doc))
    if doc.kind == "reply":
        row.result_class = doc.result_class or ""
        row.number = doc.proposal.number
        row.proposer = "、".join(doc.proposer.name)
        row.title = doc.proposal.title
        handling = doc.handling
        row.role = handling.role if handling else "主办"
        if handling:
            row.assigned_on = handling.assigned_on
            row.due_on = due_date(
                handling.role, handling.assigned_on, due_on=handling.due_on, extended=handling.extended, rules=rules
            )
    else:
        row.title = doc.title or doc.subject or ""
    row.docx = _docx_state(path, doc, docx_dir)
    if row.due_on is not None:
        row.days_left = (row.due_on - today).days
    return row


def _docx_state(draft: Path, doc: Any, docx_dir: Path | None) -> str:
    """Whether the draft's .docx (beside it, or named as ``batch`` names it) is final and up to date."""
    from .naming import DEFAULT_PATTERN, name_fields, output_name
    from .pipeline import style_file

    candidates = [draft.with_suffix(".docx")]
    if docx_dir is not None:
        candidates += [docx_dir / (draft.stem + ".docx"), docx_dir / (output_name(DEFAULT_PATTERN, name_fields(doc, draft)) + ".docx")]
    found = [c for c in candidates if os.path.isfile(c)]
    if not found:
        return DOCX_NONE
    newest = max(found, key=lambda p: p.stat().st_mtime)
    try:
        with zipfile.ZipFile(newest) as package:
            body = package.read("word/document.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return DOCX_NONE  # not a .docx replygen could have written
    if "征求意见稿" in body:
        return DOCX_DRAFT
    # Stale, as render and batch judge it: older than the draft or the style file it names.
    style = style_file(str(draft))
    inputs = [draft, *([Path(style)] if style is not None else [])]
    if any(newest.stat().st_mtime < path.stat().st_mtime for path in inputs if path.is_file()):
        return DOCX_STALE
    return DOCX_FINAL


def ledger(
    drafts: list[Path], today: _dt.date, rules: DeadlineRules | None = None, docx_dir: Path | None = None
) -> list[LedgerRow]:
    """Rows for ``drafts``, the most urgent first; drafts with no date and broken ones last.

    An office's style file kept among the drafts is no row: it is not a proposal.
    """
    rows = [row for row in (ledger_row(path, today, rules, docx_dir) for path in drafts) if not row.style_file]
    far = _dt.date.max
    rows.sort(key=lambda r: (bool(r.error), r.due_on is None, r.due_on or far, r.file))
    return rows


# --- output -------------------------------------------------------------------------------


def _width(text: str) -> int:
    # Wide, full-width and ambiguous (…, “”) characters take two columns in a CJK terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    if _width(text) > width:
        while _width(text) > width - 2:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


def _days(row: LedgerRow) -> str:
    if row.days_left is None:
        return ""
    if row.days_left < 0:
        return f"超{-row.days_left}天"
    return f"{row.days_left}天"


def _short_date(day: _dt.date | None) -> str:
    return day.strftime("%y-%m-%d") if day else ""


_TABLE = [  # heading, width; the title takes what is left of the line
    ("提案号", 8), ("提案人", 8), ("案由", 0), ("角色", 4), ("交办", 8),
    ("时限", 8), ("剩余", 7), ("待填", 4), ("类别", 4), ("成稿", 6),
]


def ledger_table(rows: list[LedgerRow], width: int = 80) -> str:
    """A plain table no wider than ``width`` columns, CJK counted double."""
    fixed = sum(w for _, w in _TABLE) + len(_TABLE) - 1
    title_width = max(width - fixed, 8)
    widths = [w or title_width for _, w in _TABLE]

    def line(cells: list[str]) -> str:
        return " ".join(_fit(cell, w) for cell, w in zip(cells, widths)).rstrip()

    out = [line([h for h, _ in _TABLE])]
    for row in rows:
        if row.error:
            rest = sum(widths[1:]) + len(widths) - 2
            out.append((_fit(Path(row.file).stem, widths[0]) + " " + _fit("无法读取：" + row.error, rest)).rstrip())
            continue
        names = row.proposer.split("、")
        proposer = names[0] + ("等" if len(names) > 1 else "")
        mark = "!" if row.overdue else ""
        out.append(line([
            row.number, proposer, row.title, row.role, _short_date(row.assigned_on), _short_date(row.due_on),
            mark + _days(row), str(row.placeholders) if row.placeholders else "", row.result_class,
            _DOCX_SHORT[row.docx],
        ]))
    overdue = sum(1 for r in rows if r.overdue)
    broken = sum(1 for r in rows if r.error)
    summary = f"共 {len(rows)} 件"
    if overdue:
        summary += f"，超期 {overdue} 件（标 !）"
    if broken:
        summary += f"，{broken} 份草稿无法读取"
    out.append(summary)
    return "\n".join(out) + "\n"


def ledger_bytes(rows: list[LedgerRow], fmt: str) -> bytes:
    """The ledger as csv (opens in Excel), xlsx, json or table."""
    if fmt == "table":
        return ledger_table(rows).encode("utf-8")
    if fmt == "json":
        return (json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow([h for _, h in _HEADERS])
        for row in rows:
            writer.writerow([_cell(v) for v in row.as_dict().values()])
        # With a BOM, Excel opens UTF-8 CSV as UTF-8 instead of the locale's code page.
        return buffer.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        return _xlsx(rows)
    raise ValueError(f"台账格式只能是 {'、'.join(STATUS_FORMATS)}")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else ""
    return "" if value is None else value


def _xlsx(rows: list[LedgerRow]) -> bytes:
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append([h for _, h in _HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    overdue_fill = PatternFill("solid", fgColor="FFC7CE")
    for row in rows:
        values = [_cell(getattr(row, key)) for key, _ in _HEADERS]
        sheet.append(values)
        current = sheet.max_row
        for col, (key, _) in enumerate(_HEADERS, 1):
            cell = sheet.cell(current, col)
            if key in ("number", "proposer", "title", "file"):
                cell.number_format = "@"  # a number like 0123 stays as typed
            elif key in ("assigned_on", "due_on"):
                cell.number_format = "yyyy-mm-dd"
            if row.overdue:
                cell.fill = overdue_fill
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_HEADERS))}{max(sheet.max_row, 1)}"
    for col, (key, _) in enumerate(_HEADERS, 1):
        sheet.column_dimensions[get_column_letter(col)].width = 40 if key in ("title", "error", "file") else 12
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def format_from_suffix(path: str | os.PathLike[str] | None) -> str | None:
    """``-o 台账.xlsx`` means xlsx: the name says what the clerk wants."""
    if path is None:
        return None
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"xlsx": "xlsx", "csv": "csv", "json": "json", "txt": "table"}.get(suffix)
