"""Lint stage: check a draft without rendering it, and fix what is safe to fix mechanically.

Rules have stable ids (RG001 …) so offices can refer to them. They run on the parsed YAML
(with positions), so a draft that fails validation is still linted. ``fix_file`` edits each
value where it stands in the file, so the clerk's comments, key order and quoting are kept.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from . import genre
from .errors import InputError, Problem
from .fieldpath import FieldPath, Positions, format_path, position_of, strings_in
from .loader import ScalarMarks, check_text, decode, encode_as_read, old_letter_problem, parse_yaml, read_bytes, read_text
from .model import PROPOSER_TYPES
from .placeholders import PLACEHOLDER, PLACEHOLDER_LEFT

__all__ = ["RULES", "WARNINGS", "Finding", "fix_draft", "fix_file", "fix_text", "lint_file", "lint_text"]

RULES = {
    "RG001": "草稿无法读取或不符合格式",
    "RG002": "发文字号应使用六角括号〔〕，序号不编虚位",
    "RG003": "中文之间用了半角标点",
    "RG004": "成对的符号不配对",
    "RG005": "称呼与提案人类型不一致",
    "RG006": "日期写法有误",
    "RG007": "仍有占位符",
    "RG008": "正文开头手写了序号",
    "RG009": "提到案由时未加书名号",
    # Process checks: what supervisors send replies back for. Warnings, since only the clerk
    # can judge them; each says why it was raised.
    "RG010": "办理结果类别与答复内容不符",
    "RG011": "复述了建议但没有答复",
    "RG012": "会办单位在答复中没有提及",
    "RG013": "缺少本单位规定的抄送机关",
    "RG014": "缺少本单位规定的办理结果类别",
    "RG015": "提案的建议要点没有对应的答复",
}
WARNINGS = frozenset({"RG010", "RG011", "RG012", "RG013", "RG014", "RG015"})


@dataclass(frozen=True)
class Finding:
    """One rule broken at one place."""

    rule: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str = ""
    fixable: bool = False
    severity: str = "error"  # or "warning": a process check the clerk judges

    def __str__(self) -> str:
        place = self.file or "<输入>"
        if self.line is not None:
            place += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        field = f" {self.field}" if self.field else ""
        fix = "（可用 --fix 自动修正）" if self.fixable else ""
        note = "提醒：" if self.severity == "warning" else ""
        return f"{place} {self.rule}{field}: {note}{self.message}{fix}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- text patterns ------------------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_BEFORE = f"[{_CJK}“”’》）」』]"
_AFTER = f"[{_CJK}“‘《（「『]"
_HALF_PUNCT = re.compile(rf"(?<={_BEFORE})([,;:?!])[ \t]*(?={_AFTER})")
_HALF_PARENS = re.compile(rf"\(([^()]*[{_CJK}][^()]*)\)")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

# 代字[2019]220号 in running text; in the doc_number field any bracket kind is caught (the
# genre's grammar of a 发文字号, which the model reads too).
_DOCNO_IN_TEXT = genre.DOC_NUMBER_IN_TEXT
_DATE_IN_TEXT = genre.DATE_IN_TEXT

_PAIRS = {"《": "》", "“": "”", "（": "）", "【": "】", "‘": "’"}

# Fields holding codes, names or numbers rather than prose.
# category is copied verbatim from the website's 信息公开 header.
_CODE_KEYS = {"kind", "type", "title_form", "role", "disclosure", "index_no", "category", "phone", "number", "doc_number"}
# Prose the reply addresses to the proposer (pronoun rule), as opposed to names and metadata.
_NOT_ADDRESSED = _CODE_KEYS | {
    "issuer", "meeting", "name", "person", "unit", "signer", "lead_unit", "co_units", "cc",
    "category", "result_class", "abbreviation", "attachments", "department", "recipients",
}
_BODY_START = {"preamble", "paragraphs", "conclusion", "restatement", "text", "lead", "heading", "opening"}

def _last_key(path: FieldPath) -> str:
    return next((str(p) for p in reversed(path) if isinstance(p, str)), "")


# --- fixes (each safe to apply blindly) ---------------------------------------------------


def _fix_punctuation(text: str) -> str:
    text = _HALF_PUNCT.sub(lambda m: _FULL[m.group(1)], text)
    return _HALF_PARENS.sub(r"（\1）", text)


def _fix_docno_text(text: str) -> str:
    return _DOCNO_IN_TEXT.sub(r"\1〔\2〕\4", text)


def _fix_docno_field(text: str) -> str:
    parts = genre.parse_doc_number(text)
    return genre.format_doc_number(*parts) if parts else text


def _fix_dates(text: str) -> str:
    def strip(m: re.Match[str]) -> str:
        day = f"{int(m.group(3))}日" if m.group(3) else ""
        return f"{m.group(1)}年{int(m.group(2))}月{day}"

    return _DATE_IN_TEXT.sub(strip, text)


def fix_text(key: str, text: str) -> str:
    """The safe mechanical fixes for one value, given the key it sits under."""
    if key == "doc_number":
        return _fix_docno_field(text)
    if key in _CODE_KEYS:
        return text
    return _fix_dates(_fix_docno_text(_fix_punctuation(text)))


# --- rules ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scalar:
    """Where a scalar value starts in the file, and enough to find a character inside it."""

    line: int  # 1-based
    column: int  # 1-based
    style: str | None  # None (plain), "'" or '"'; block scalars are not located inside
    source: str  # the file's line the value starts on
    folded: bool  # lines rejoined by the loader: --fix cannot rewrite it without changing it


def _scalar_marks(text: str, marks: ScalarMarks) -> dict[FieldPath, _Scalar]:
    """The loader's scalar marks, each with the file's line it starts on."""
    lines = text.splitlines()
    return {
        path: _Scalar(line, column, style, lines[line - 1] if line <= len(lines) else "", folded)
        for path, (line, column, style, folded) in marks.items()
    }


@dataclass
class _Context:
    data: dict[str, Any]
    positions: Positions
    filename: str | None
    marks: dict[FieldPath, _Scalar]

    def at(self, rule: str, path: FieldPath, message: str, fixable: bool = False, *, text: str = "", offset: int = 0) -> Finding:
        """A finding at ``path``; with ``text`` and ``offset``, at that character when it can be found."""
        severity = "warning" if rule in WARNINGS else "error"
        mark = self.marks.get(path)
        if mark is not None:
            fixable = fixable and not mark.folded
            at_column = self._column(mark, text, offset)
            return Finding(rule, message, self.filename, mark.line, at_column, format_path(path), fixable, severity)
        line, column = position_of(self.positions, path)
        return Finding(rule, message, self.filename, line, column, format_path(path), fixable, severity)

    @staticmethod
    def _column(mark: _Scalar, text: str, offset: int) -> int:
        if mark.style not in (None, "'", '"') or not text:
            return mark.column
        start = mark.column - 1 + (1 if mark.style else 0)
        # Only when the file holds the text verbatim up to there (no escapes, no line folding).
        if mark.source[start : start + offset + 1] == text[: offset + 1]:
            return start + offset + 1
        return mark.column


def _rule_doc_number(ctx: _Context) -> Iterator[Finding]:
    value = ctx.data.get("doc_number")
    fixed = _fix_docno_field(value) if isinstance(value, str) else value
    if fixed != value:
        yield ctx.at("RG002", ("doc_number",), f"发文字号应写成“{fixed}”：年份用六角括号〔〕，序号不编虚位、不加“第”", True)
    for path, text in strings_in(ctx.data):
        found = _DOCNO_IN_TEXT.search(text) if _last_key(path) not in _CODE_KEYS else None
        if found:
            message = f"文中引用的发文字号“…{found.group()}”年份应使用六角括号〔〕"
            yield ctx.at("RG002", path, message, True, text=text, offset=found.start() + 1)


def _rule_half_width(ctx: _Context) -> Iterator[Finding]:
    for path, text in strings_in(ctx.data):
        if _last_key(path) in _CODE_KEYS:
            continue
        match = _HALF_PUNCT.search(text) or _HALF_PARENS.search(text)
        if match:
            snippet = text[max(0, match.start() - 4) : match.end() + 4]
            message = f"“…{snippet}…”中文之间用了半角标点“{match.group()[0]}”，应改为全角"
            yield ctx.at("RG003", path, message, True, text=text, offset=match.start())


def _unbalanced(text: str) -> tuple[int, str] | None:
    """The first unpaired symbol: its index and what is wrong."""
    closers = {v: k for k, v in _PAIRS.items()}
    stack: list[tuple[int, str]] = []
    for index, char in enumerate(text):
        if char in _PAIRS:
            stack.append((index, char))
        elif char in closers:
            if not stack or stack[-1][1] != closers[char]:
                return index, f"“{char}”前面缺少对应的“{closers[char]}”"
            stack.pop()
    if stack:
        index, char = stack[-1]
        return index, f"“{char}”没有对应的“{_PAIRS[char]}”"
    return None


def _rule_pairs(ctx: _Context) -> Iterator[Finding]:
    for path, text in strings_in(ctx.data):
        found = _unbalanced(text)
        if found:
            yield ctx.at("RG004", path, f"{found[1]}，请检查符号是否成对", text=text, offset=found[0])


def _proposer(ctx: _Context) -> tuple[str | None, bool]:
    proposer = ctx.data.get("proposer")
    if not isinstance(proposer, dict):
        return None, False
    kind = genre.PROPOSER_TYPES.get(str(proposer.get("type", "")).strip())
    names = proposer.get("name")
    return kind, isinstance(names, list) and len(names) > 1


def _rule_pronoun(ctx: _Context) -> Iterator[Finding]:
    kind, plural = _proposer(ctx)
    if kind is None:
        return
    expected = genre.pronoun(kind, plural)
    wrong = genre.PRONOUN_MISTAKES[expected]
    for path, text in strings_in(ctx.data):
        if path[:1] in {("proposer",), ("proposal",)} or _last_key(path) in _NOT_ADDRESSED:
            continue
        used = next((word for word in wrong if word in text), None)
        if used:
            who = "几位联名提案人" if plural else genre.PROPOSER_LABELS[kind]
            message = f"提案人是{who}，答复中应称“{expected}”，这里写了“{used}”"
            yield ctx.at("RG005", path, message, text=text, offset=text.index(used))


def _as_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return genre.parse_date(value)
        except ValueError:
            return None
    return None


def _rule_dates(ctx: _Context) -> Iterator[Finding]:
    for path, text in strings_in(ctx.data):
        if _last_key(path) in _CODE_KEYS:
            continue
        for match in _DATE_IN_TEXT.finditer(text):
            year, month, day = (int(g) if g else None for g in match.groups())
            try:
                _dt.date(year or 0, month or 0, day or 1)
            except ValueError:
                yield ctx.at("RG006", path, f"日期“{match.group()}”不存在，请核对", text=text, offset=match.start())
                continue
            if re.search(r"年0|月0", match.group()):
                message = f"日期“{match.group()}”不编虚位，应写成“{_fix_dates(match.group())}”"
                yield ctx.at("RG006", path, message, True, text=text, offset=match.start())
    publication = ctx.data.get("publication")
    signature = ctx.data.get("signature")
    published = _as_date(publication.get("published_date")) if isinstance(publication, dict) else None
    signed = _as_date(signature.get("date")) if isinstance(signature, dict) else None
    if published and signed and published < signed:
        yield ctx.at("RG006", ("publication", "published_date"), f"发布日期 {published} 早于落款的成文日期 {signed}，请核对")
    handling = ctx.data.get("handling")
    due = _as_date(handling.get("due_on")) if isinstance(handling, dict) else None
    if due and signed and signed > due:
        yield ctx.at("RG006", ("signature", "date"), f"落款日期 {signed} 晚于办结时限 {due}，请核对；确需延期时请写 handling.extended: true 并报批")


def _rule_placeholders(ctx: _Context) -> Iterator[Finding]:
    for path, text in strings_in(ctx.data):
        if PLACEHOLDER in text:
            yield ctx.at("RG007", path, PLACEHOLDER_LEFT, text=text, offset=text.index(PLACEHOLDER))


def _rule_typed_numbering(ctx: _Context) -> Iterator[Finding]:
    from .model import _TYPED_NUMBER

    for path, text in strings_in(ctx.data):
        if _last_key(path) in _BODY_START or (path and path[0] == "next_steps"):
            match = _TYPED_NUMBER.match(text)
            if match:
                yield ctx.at("RG008", path, f"开头的序号“{match.group().strip()}”由模板自动生成，请删去")


def _rule_title_quotes(ctx: _Context) -> Iterator[Finding]:
    proposal = ctx.data.get("proposal")
    title = proposal.get("title") if isinstance(proposal, dict) else None
    if not isinstance(title, str) or len(title.strip("《》 ")) < 4:
        return
    title = title.strip("《》 ")
    for path, text in strings_in(ctx.data):
        if path[:1] == ("proposal",):
            continue
        for match in re.finditer(re.escape(title), text):
            if text[max(0, match.start() - 1) : match.start()] != "《":
                message = f"提到案由“{title}”时应加书名号：《{title}》"
                yield ctx.at("RG009", path, message, text=text, offset=match.start())
                break


_RULE_FUNCTIONS: list[Callable[[_Context], Iterator[Finding]]] = [
    _rule_doc_number,
    _rule_half_width,
    _rule_pairs,
    _rule_pronoun,
    _rule_dates,
    _rule_placeholders,
    _rule_typed_numbering,
    _rule_title_quotes,
]


# --- entry points ---------------------------------------------------------------------------


def _from_problems(problems: list[Problem]) -> list[Finding]:
    return [Finding("RG001", p.message, p.file, p.line, p.column, p.field) for p in problems]


def lint_text(text: str, filename: str | None = None) -> list[Finding]:
    """Every finding for a draft given as text, in file order."""
    try:
        # Every problem at once: a duplicate key or a refused tag does not hide a bad date.
        doc, data, positions, marks, problems = check_text(text, filename, marks=True)
    except InputError as exc:
        return _from_problems(exc.problems)
    findings = _from_problems(problems)
    ctx = _Context(data, positions, filename, _scalar_marks(text, marks))
    invalid = {f.field for f in findings}
    for rule in _RULE_FUNCTIONS:
        # A field the schema already rejected is reported once, by RG001.
        findings.extend(f for f in rule(ctx) if f.field not in invalid)
    if doc is not None and doc.kind == "reply":
        # The process checks read the validated reply, with its house style.
        from .process import process_findings

        findings.extend(process_findings(doc, ctx.at))
    return sorted(findings, key=lambda f: (f.line or 0, f.column or 0, f.rule))


def lint_file(path: str | os.PathLike[str]) -> list[Finding]:
    """Lint the draft at ``path``; an unreadable file yields RG001 findings, not an exception."""
    name = str(path)
    try:
        text = read_text(path)
    except InputError as exc:
        return _from_problems(exc.problems)
    findings = lint_text(text, name)
    letter = old_letter_problem(path, text) if any(f.rule == "RG001" for f in findings) else None
    return _from_problems([letter]) if letter else findings


_STR_TAG = "tag:yaml.org,2002:str"


def _string_nodes(node: yaml.Node, key: str = "") -> Iterator[tuple[str, yaml.ScalarNode]]:
    """Every text value in file order, with the key it sits under (a list's items share it)."""
    seen: set[int] = set()
    stack: list[tuple[str, yaml.Node]] = [(key, node)]
    while stack:
        here, current = stack.pop()
        if id(current) in seen:  # an alias names a node already visited
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack.extend(reversed([(str(k.value), v) for k, v in current.value if isinstance(k, yaml.ScalarNode)]))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed([(here, v) for v in current.value]))
        elif isinstance(current, yaml.ScalarNode) and current.tag == _STR_TAG:
            yield here, current


def _compose(text: str) -> yaml.Node:
    # The parser the loader reads drafts with (libyaml when present: it accepts a tab after
    # a colon where the pure-Python one does not); both count marks in characters.
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert node is not None  # parse_yaml has refused an empty file
    return node


def _fixed_in_place(text: str, node: yaml.ScalarNode, key: str) -> str:
    """The scalar's source with the fixes applied where they stand, keeping its style."""
    source = text[node.start_mark.index : node.end_mark.index]
    if node.style in ("'", '"'):
        return source[0] + fix_text(key, source[1:-1]) + source[-1]
    if node.style in ("|", ">"):
        header, _, body = source.partition("\n")
        return header + "\n" + fix_text(key, body)
    return fix_text(key, source) if "\n" not in source else source


def _quoted(text: str, node: yaml.ScalarNode, fixed: str) -> str:
    """The fixed value as a double-quoted scalar (JSON's escapes are YAML's), spacing kept."""
    import json

    source = text[node.start_mark.index : node.end_mark.index]
    return json.dumps(fixed, ensure_ascii=False) + source[len(source.rstrip()) :]


def _replace(text: str, edits: list[tuple[yaml.ScalarNode, str]]) -> str:
    for node, new in sorted(edits, key=lambda e: e[0].start_mark.index, reverse=True):
        text = text[: node.start_mark.index] + new + text[node.end_mark.index :]
    return text


def _fixable(text: str) -> list[tuple[str, yaml.ScalarNode]]:
    """The text values ``--fix`` may edit, with their keys.

    A value folded over several lines is read by the loader with its lines joined as a clerk
    wrapped them (no space between Chinese characters), not as YAML folds them: it is left
    alone rather than YAML's reading written back. A literal block keeps its lines as paragraphs.
    """
    return [
        (key, node)
        for key, node in _string_nodes(_compose(text))
        if node.style == "|" or "\n" not in text[node.start_mark.index : node.end_mark.index].rstrip()
    ]


def _values(text: str) -> list[str] | None:
    try:
        return [node.value for _, node in _fixable(text)]
    except yaml.YAMLError:
        return None


def fix_draft(text: str, filename: str | None = None) -> tuple[str, int]:
    """``text`` with the safe fixes applied, and how many values changed.

    Each value is edited where it stands in the file, located by the parser that loads
    drafts, so comments, key order, quoting and the file's own spacing (a tab after a colon
    included) survive. A value whose source cannot be fixed where it stands (an escape or a
    folded line in the way) is written again as one double-quoted line.
    """
    parse_yaml(text, filename)  # refuse (with positions) what would not load anyway
    nodes = _fixable(text)
    wanted = [fix_text(key, node.value) for key, node in nodes]
    changed = [(node, fixed, key) for (key, node), fixed in zip(nodes, wanted) if fixed != node.value]
    if not changed:
        return text, 0
    in_place = {id(node): _fixed_in_place(text, node, key) for node, _, key in changed}
    result = _replace(text, [(node, in_place[id(node)]) for node, _, _ in changed])
    values = _values(result)
    if values != wanted:
        # Quote again only the values that did not survive; all of them if the structure moved.
        same_shape = values is not None and len(values) == len(wanted)
        wrong = {id(n) for (_, n), v, w in zip(nodes, values or [], wanted) if v != w or not same_shape}
        result = _replace(
            text,
            [(node, _quoted(text, node, fixed) if id(node) in wrong else in_place[id(node)]) for node, fixed, _ in changed],
        )
        if _values(result) != wanted:
            raise InputError(Problem("无法自动修正这份草稿，请按 check 的提示手工修改", filename))
    return result, len(changed)


def fix_file(path: str | os.PathLike[str]) -> int:
    """Apply the safe fixes to the draft at ``path``, writing it back atomically.

    Returns the number of values changed; the file is not touched when nothing needs
    fixing. A draft that does not parse is left alone.
    """
    from .output import atomic_write

    source = Path(path)
    data = read_bytes(source)
    fixed, changed = fix_draft(decode(data, str(source)), str(source))
    if changed:
        atomic_write(source, encode_as_read(fixed, data))
    return changed
