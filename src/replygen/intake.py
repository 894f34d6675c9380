"""Intake: turn a 交办清单 (.xlsx or .csv) into one draft per proposal assigned to the unit.

Real lists are untidy: a title row above the header, merged cells, blank and total rows,
several units in one cell, dates typed as text. The header row is found by its column names
(each column has several usual names); every row that cannot become a draft is reported with
its row number and column and nothing is written for it, while the other rows go on.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, OutputError, Problem, os_reason
from .proposal_text import split_names

__all__ = [
    "COLUMNS",
    "IntakeOptions",
    "IntakeResult",
    "RowProblem",
    "read_list",
    "run_intake",
    "template_bytes",
]

# Each column replygen reads, by key: the names a list may give it (compared without spaces).
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("提案号", "案号", "建议号", "编号", "提案编号", "建议编号", "议案号"),
    "title": ("案由", "标题", "提案名称", "建议名称", "提案标题", "建议标题", "题目", "提案题目"),
    "proposer": ("提案人", "领衔人", "代表姓名", "领衔代表", "提案者", "委员姓名", "第一提案人", "提出人"),
    "type": ("界别", "类型", "提案类型", "提案人类型", "提案类别"),
    "meeting": ("会议", "会次", "届次", "会议名称"),
    "lead": ("主办单位", "主办", "承办单位"),
    "co": ("会办单位", "协办单位", "会办", "协办"),
    "role": ("角色", "办理方式", "承办方式", "办理类型"),
    "assigned": ("交办日期", "交办时间"),
    "due": ("办理时限", "办结时限", "答复时限", "截止日期", "办结日期"),
    "file": ("提案文件", "原文", "提案原文", "建议原文"),
}
# The headers the template writes, in order, with what the 说明 sheet says of each.
TEMPLATE_COLUMNS = [
    ("提案号", "必填。如 2023W316、219；照抄，不写“第”“号”"),
    ("案由", "必填。提案或建议的标题，不加《》"),
    ("提案人", "提案人或领衔代表；几位联名时用顿号分隔，第一位为领衔人"),
    ("类型", "委员、代表或单位（下拉选择）；不填时按会议推定"),
    ("会议", "如 省政协十三届一次会议；不填时用 --meeting 或清单标题中的会议"),
    ("主办单位", "主办单位名称；分办时可填多个，用顿号分隔"),
    ("会办单位", "会办（协办）单位，可填多个，用顿号分隔"),
    ("角色", "本单位的办理方式：主办、会办或分办（下拉选择）；不填时按 --unit 在主办、会办单位中的位置判断"),
    ("交办日期", "日期，如 2023-03-01 或 2023年3月1日"),
    ("办理时限", "办结日期（如 2023-06-01），或“3个月”；不填时按办理时限规则推算"),
    ("提案文件", "可选：提案原文 .docx 或 .txt 的文件名（相对于本清单所在目录），据此填写各条建议"),
]
_ROLE_NAMES = {"主办": "主办", "会办": "会办", "协办": "会办", "分办": "分办"}
_TYPE_NAMES = {
    "委员": "member", "委员提案": "member", "个人提案": "member", "member": "member",
    "代表": "deputy", "代表建议": "deputy", "deputy": "deputy",
    "单位": "organisation", "集体": "organisation", "集体提案": "organisation", "党派提案": "organisation",
    "organisation": "organisation",
}
_HEADER_NOISE = re.compile(r"[\s*＊]|[（(][^）)]*[）)]")
_TOTAL_ROW = re.compile(r"^\s*(?:合\s*计|总\s*计|小\s*计|共\s*计)")
_NOTE_ROW = re.compile(r"^\s*(?:注|说明|备注)\s*[:：]")
_DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?(?:\s+0?0:00(?::00)?)?\s*$")
_MONTHS_TEXT = re.compile(r"^\s*(?:交办后)?\s*(\d{1,2}|[一二两三四五六七八九十]|十[一二])\s*个?月(?:内)?(?:办结|答复)?\s*$")
_CN_MONTHS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2, "十一": 11, "十二": 12}
_UNITS = re.compile(r"[、，,;；\n]+")
_MEETING_IN_TITLE = re.compile(r"([^\s，,]*?(?:政协|人大|人民代表大会)[^\s，,]*?会议)")
_HEADER_SCAN_ROWS = 30
_MAX_ROWS = 100_000
_WRITE_CHUNK = 500  # drafts held in memory between two flushes to disk


class RowProblem(Problem):
    """A row of the list that gives no draft: ``清单.xlsx 第5行 交办日期: 原因``."""

    def __str__(self) -> str:
        field = f" {self.field}" if self.field else ""
        where = f" 第{self.line}行" if self.line is not None else ""
        return f"{self.file or '<清单>'}{where}{field}: {self.message}"


Row = tuple[int, list[Any]]  # the row's number in the file (1-based) and its cells


@dataclass
class IntakeOptions:
    out_dir: str
    unit: str = ""  # this unit's name: decides 主办/会办 and becomes the issuer
    meeting: str = ""
    force: bool = False
    proposals_dir: str | None = None  # proposal files named by number, read for the suggestions


@dataclass
class IntakeResult:
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0  # blank, total and note rows

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


# --- reading the list --------------------------------------------------------------------


def read_list(path: str | os.PathLike[str]) -> tuple[list[Row], str]:
    """The rows of the list at ``path`` and the file name used in messages."""
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, name), name
    if suffix in (".csv", ".txt"):
        return _csv_rows(path, name), name
    if suffix == ".xls":
        raise InputError(Problem("不能读取旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx", name))
    raise InputError(Problem("交办清单应是 .xlsx 或 .csv 文件", name))


def _xlsx_rows(path: str | os.PathLike[str], name: str) -> list[Row]:
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InputError(Problem("文件不存在，请检查路径", name)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError):
        raise InputError(Problem("不是有效的 .xlsx 文件（可能已损坏，或只是改了扩展名），请用 Excel 或 WPS 另存为 .xlsx", name)) from None
    except OSError as exc:
        raise InputError(Problem(f"无法读取文件：{os_reason(exc)}", name)) from None
    # The first sheet with a recognisable header is the list; a 说明 sheet is passed over.
    for sheet in book.worksheets:
        rows = _sheet_rows(sheet)
        if _find_header(rows) is not None:
            return rows
    return _sheet_rows(book.worksheets[0])


def _sheet_rows(sheet: Any) -> list[Row]:
    # A merged block shows its value in every cell it covers, as the clerk sees it.
    merged: dict[tuple[int, int], Any] = {}
    for block in sheet.merged_cells.ranges:
        value = _cell_value(sheet.cell(block.min_row, block.min_col))
        for row in range(block.min_row, block.max_row + 1):
            for col in range(block.min_col, block.max_col + 1):
                merged[(row, col)] = value
    rows: list[Row] = []
    for cells in sheet.iter_rows():
        if not cells:
            continue
        number = cells[0].row
        values = [
            merged[(number, cell.column)] if (number, cell.column) in merged else _cell_value(cell) for cell in cells
        ]
        rows.append((number, values))
        if len(rows) > _MAX_ROWS:
            raise InputError(_too_long(sheet.title))
    return rows


def _too_long(name: str) -> Problem:
    return Problem(f"清单超过 {_MAX_ROWS:,} 行，不像是一份交办清单；请检查是否选错了文件或工作表".replace(",", " "), name)


def _cell_value(cell: Any) -> Any:
    """A cell as the clerk typed it: text as text, 123 not 123.0, dates as dates."""
    value = cell.value
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        fmt = cell.number_format or ""
        if re.fullmatch(r"0+", fmt):  # a 0000 format shows leading zeros: keep them
            return str(value).zfill(len(fmt))
        return str(value)
    return str(value)


def _csv_rows(path: str | os.PathLike[str], name: str) -> list[Row]:
    from .loader import decode

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(Problem("文件不存在，请检查路径", name)) from None
    except OSError as exc:
        raise InputError(Problem(f"无法读取文件：{os_reason(exc)}", name)) from None
    text = decode(data, name)  # UTF-8 with or without BOM, or GBK/GB18030, as drafts are read
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    line = 1
    try:
        for values in reader:
            rows.append((line, list(values)))
            line = reader.line_num + 1  # a quoted cell may span lines: the next row starts after it
            if len(rows) > _MAX_ROWS:
                raise InputError(_too_long(name))
    except csv.Error as exc:
        raise InputError(RowProblem(f"CSV 格式有误：{exc}", name, reader.line_num)) from None
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _header_key(value: Any) -> str | None:
    cleaned = _HEADER_NOISE.sub("", _text(value))
    for key, names in COLUMNS.items():
        if cleaned in names:
            return key
    return None


def _find_header(rows: list[Row]) -> tuple[int, dict[str, int], dict[str, str]] | None:
    """The header's index in ``rows``, its column of each key and the name the list uses."""
    for index, (_, values) in enumerate(rows[:_HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        names: dict[str, str] = {}
        for col, value in enumerate(values):
            key = _header_key(value)
            if key and key not in columns:
                columns[key] = col
                names[key] = re.sub(r"\s+", "", _text(value))
        if len(columns) >= 2 and ("number" in columns or "title" in columns):
            return index, columns, names
    return None


# --- one row → the facts of a draft ------------------------------------------------------


def _parse_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.date):
        return value
    match = _DATE_TEXT.match(_text(value))
    if not match:
        raise ValueError(f"日期“{_text(value)}”无法识别，请写成 2023-03-01 或 2023年3月1日")
    try:
        return _dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValueError(f"日期“{_text(value)}”不存在，请核对") from None


def _units(value: Any) -> list[str]:
    return [unit.strip() for unit in _UNITS.split(_text(value)) if unit.strip()]


@dataclass
class _Row:
    """What a row says, read and checked; ``problems`` non-empty means no draft."""

    line: int
    facts: Any = None
    number: str = ""
    source: str = ""  # the proposal file to read the suggestions from
    problems: list[Problem] = field(default_factory=list)


class _Reader:
    def __init__(self, name: str, columns: dict[str, int], names: dict[str, str], options: IntakeOptions, meeting: str) -> None:
        self.name = name
        self.columns = columns
        self.names = names
        self.options = options
        self.meeting = options.meeting or meeting

    def cell(self, values: list[Any], key: str) -> Any:
        col = self.columns.get(key)
        return values[col] if col is not None and col < len(values) else None

    def row(self, line: int, values: list[Any]) -> _Row:
        from .deadlines import add_months
        from .scaffold import DraftFacts

        out = _Row(line)

        def refuse(key: str, message: str) -> None:
            out.problems.append(RowProblem(message, self.name, line, None, self.names.get(key, key)))

        number = _text(self.cell(values, "number")).removeprefix("第").removesuffix("号").strip()
        title = _text(self.cell(values, "title"))
        if not number:
            refuse("number", "缺少提案号，这一行没有生成草稿")
        if not title:
            refuse("title", "缺少案由，这一行没有生成草稿")
        names = split_names(_text(self.cell(values, "proposer")))
        proposer_type = self._type(values, refuse)
        lead_units = _units(self.cell(values, "lead"))
        co_units = _units(self.cell(values, "co"))
        role = self._role(values, lead_units, co_units, refuse)
        assigned = due = None
        try:
            assigned = _parse_date(self.cell(values, "assigned")) if _text(self.cell(values, "assigned")) else None
        except ValueError as exc:
            refuse("assigned", str(exc))
        due_value = self.cell(values, "due")
        if _text(due_value):
            months = _MONTHS_TEXT.match(_text(due_value))
            if months and assigned:
                count = months.group(1)
                due = add_months(assigned, int(count) if count.isdigit() else _CN_MONTHS[count])
            elif months:
                refuse("due", f"办理时限“{_text(due_value)}”需要交办日期才能推算，请填写交办日期或写成具体日期")
            else:
                try:
                    due = _parse_date(due_value)
                except ValueError as exc:
                    refuse("due", str(exc).replace("日期", "办理时限", 1))
        if assigned and due and due < assigned:
            refuse("due", f"办理时限 {due} 早于交办日期 {assigned}，请核对")
        if role == "会办":
            lead_unit, others = (lead_units[0] if lead_units else ""), [u for u in co_units if u != self.options.unit]
        else:
            lead_unit, others = "", co_units
        out.number = number
        out.source = _text(self.cell(values, "file"))
        out.facts = DraftFacts(
            issuer=self.options.unit,
            meeting=_text(self.cell(values, "meeting")) or self.meeting,
            number=number,
            proposer=names[0] if names else "",
            co_proposers=names[1:],
            proposer_type=proposer_type,
            title=title,
            role=role,
            lead_unit=lead_unit,
            co_units=others,
            assigned_on=assigned,
            due_on=due,
        )
        return out

    def _type(self, values: list[Any], refuse: Callable[[str, str], None]) -> str:
        value = _text(self.cell(values, "type"))
        if value:
            known = _TYPE_NAMES.get(value)
            if known:
                return known
            if self.names.get("type") != "界别":
                refuse("type", f"提案人类型“{value}”无法识别，应是 委员、代表 或 单位")
                return ""
            return "organisation" if "集体" in value else "member"  # a 界别 names a member's sector
        meeting = _text(self.cell(values, "meeting")) or self.meeting
        if "人大" in meeting or "人民代表大会" in meeting or self.names.get("number") == "建议号":
            return "deputy"
        return ""

    def _role(self, values: list[Any], lead: list[str], co: list[str], refuse: Callable[[str, str], None]) -> str:
        typed = _text(self.cell(values, "role"))
        if typed:
            role = _ROLE_NAMES.get(typed.removesuffix("单位"))
            if role is None:
                refuse("role", f"角色“{typed}”无法识别，应是 主办、会办 或 分办")
                return ""
            if role == "会办" and not lead:
                refuse("lead", "本单位为会办，但没有填写主办单位，会办意见写给主办单位")
            return role
        unit = self.options.unit
        if not unit:
            return ""
        if unit in lead:
            return "分办" if len(lead) > 1 else "主办"
        if unit in co:
            if not lead:
                refuse("lead", "本单位为会办，但没有填写主办单位，会办意见写给主办单位")
            return "会办"
        refuse("lead", f"本单位“{unit}”既不在主办单位中，也不在会办单位中；请核对 --unit 或这一行")
        return ""


def _skippable(values: list[Any]) -> bool:
    texts = [_text(v) for v in values if _text(v)]
    if not texts:
        return True
    return bool(_TOTAL_ROW.match(texts[0]) or _NOTE_ROW.match(texts[0]))


def _title_meeting(rows: list[Row], header: int) -> str:
    for _, values in rows[:header]:
        for value in values:
            match = _MEETING_IN_TITLE.search(_text(value))
            if match:
                return match.group(1)
    return ""


# --- running ------------------------------------------------------------------------------


def run_intake(
    path: str | os.PathLike[str],
    options: IntakeOptions,
    progress: Callable[[int, int], None] | None = None,
) -> IntakeResult:
    """Write one draft per usable row of the list at ``path`` into ``options.out_dir``."""
    from .naming import safe_filename
    from .scaffold import scaffold

    rows, name = read_list(path)
    found = _find_header(rows)
    if found is None:
        wanted = "、".join(COLUMNS["number"][:3]) + " 和 " + "、".join(COLUMNS["title"][:3])
        raise InputError(Problem(f"找不到表头：前 {_HEADER_SCAN_ROWS} 行中没有同时写有列名（如 {wanted}）的一行", name))
    header, columns, names = found
    out_dir = Path(options.out_dir)
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise OutputError("输出位置是一个文件，应是目录", out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    reader = _Reader(name, columns, names, options, _title_meeting(rows, header))
    result = IntakeResult()
    pending: list[tuple[_Row, Path, bytes]] = []
    seen: dict[str, int] = {}
    body = rows[header + 1 :]
    for done, (line, values) in enumerate(body, 1):
        if progress:
            progress(done, len(body))
        if _skippable(values):
            result.skipped += 1
            continue
        row = reader.row(line, values)
        if row.number and row.number in seen:
            row.problems.append(RowProblem(f"提案号与第{seen[row.number]}行重复，这一行没有生成草稿", name, line, None, names.get("number", "")))
        elif row.number:
            seen[row.number] = line
        if not row.problems:
            _read_suggestions(row, Path(path).parent, options, name, names)
        if row.problems:
            result.problems.extend(row.problems)
            continue
        pending.append((row, out_dir / f"{safe_filename(row.number)}.yaml", scaffold(row.facts).encode("utf-8")))
        if len(pending) >= _WRITE_CHUNK:
            _write_drafts(pending, options, name, names, result)
    _write_drafts(pending, options, name, names, result)
    result.problems.sort(key=lambda p: p.line or 0)
    return result


def _read_suggestions(row: _Row, here: Path, options: IntakeOptions, name: str, names: dict[str, str]) -> None:
    from .proposal_text import read_proposal

    source = here / row.source if row.source else _proposal_file(options.proposals_dir, row.number)
    if source is None:
        return
    try:
        text = read_proposal(source)
    except InputError as exc:
        reason = "；".join(p.message for p in exc.problems)
        row.problems.append(RowProblem(f"提案文件“{source.name}”无法读取：{reason}", name, row.line, None, names.get("file", "提案文件")))
        return
    row.facts.suggestions = [topic for topic, _ in text.suggestions]
    row.facts.restatements = [restatement for _, restatement in text.suggestions]
    if not row.facts.proposer and text.proposers:
        row.facts.proposer, row.facts.co_proposers = text.proposers[0], text.proposers[1:]


def _proposal_file(folder: str | None, number: str) -> Path | None:
    """The file in ``folder`` named by the proposal's number: ``219.docx``, ``219-李四.txt`` …"""
    if not folder or not number:
        return None
    candidates = sorted(
        p for p in Path(folder).iterdir()
        if p.suffix.lower() in (".docx", ".txt") and re.match(rf"^(?:第)?{re.escape(number)}(?:号)?(?![0-9A-Za-z])", p.stem)
    )
    return candidates[0] if candidates else None


def _write_drafts(
    pending: list[tuple[_Row, Path, bytes]], options: IntakeOptions, name: str, names: dict[str, str], result: IntakeResult
) -> None:
    """Write the drafts gathered so far, each whole or not at all, and empty ``pending``."""
    from .output import atomic_write_many

    errors = atomic_write_many([(target, data) for _, target, data in pending], overwrite=options.force)
    for (row, target, _), error in zip(pending, errors):
        if error is None:
            result.written.append(target)
        else:
            result.problems.append(RowProblem(str(error), name, row.line, None, names.get("number", "")))
    pending.clear()


def terminal_progress(stream: Any = None) -> Callable[[int, int], None] | None:
    """A counter on stderr for long lists, only when stderr is a terminal."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        if done == total or done % 50 == 0:
            stream.write(f"\r已读取 {done}/{total} 行")
            if done == total:
                stream.write("\n")
            stream.flush()

    return show


# --- the empty list -----------------------------------------------------------------------


def template_bytes() -> bytes:
    """An empty 交办清单 in .xlsx: Chinese headers, a 说明 sheet, drop-downs for 类型 and 角色."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "交办清单"
    headers = [name for name, _ in TEMPLATE_COLUMNS]
    sheet.append(headers)
    bold = Font(bold=True)
    for col, header in enumerate(headers, 1):
        cell = sheet.cell(1, col)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[get_column_letter(col)].width = 36 if header in ("案由", "提案文件") else 16
    last = 1000
    # Numbers typed as text keep their leading zeros; dates show as dates.
    for row in range(2, last + 1):
        sheet.cell(row, headers.index("提案号") + 1).number_format = "@"
        sheet.cell(row, headers.index("交办日期") + 1).number_format = "yyyy-mm-dd"
    for header, choices in (("类型", "委员,代表,单位"), ("角色", "主办,会办,分办")):
        letter = get_column_letter(headers.index(header) + 1)
        check = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        check.error = f"请从下拉列表中选择：{choices.replace(',', '、')}"
        check.errorTitle = header
        check.showErrorMessage = True
        sheet.add_data_validation(check)
        check.add(f"{letter}2:{letter}{last}")
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    notes.append(["列名", "填写说明"])
    for col in (1, 2):
        notes.cell(1, col).font = bold
    for header, text in TEMPLATE_COLUMNS:
        notes.append([header, text])
    notes.append([])
    notes.append(["用法", "replygen intake 本清单.xlsx -o 草稿目录 --unit 本单位全称：每行生成一份草稿；有问题的行列出行号和列名，不生成草稿"])
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
