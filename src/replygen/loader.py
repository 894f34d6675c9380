"""Load stage: bytes → text → YAML nodes with positions → validated document.

PyYAML's safe loader does the parsing; we walk its node tree ourselves so that every value
keeps its line and column, duplicate keys are caught (plain PyYAML silently keeps the last
one) and alias expansion is bounded. Validation errors from pydantic are translated into
Chinese and pointed back at the file, line, column and field.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import yaml
from pydantic import ValidationError

from . import model
from .errors import DecodeError, DraftValidationError, InputError, Problem, YamlSyntaxError, os_reason
from .fieldpath import FieldPath, Positions, format_path, position_of
from . import validation

if TYPE_CHECKING:
    from .style import Style

# Where a scalar value starts (1-based line and column), its quoting (None for plain, "'" or
# '"' for quoted, "|" or ">" for a block scalar) and whether YAML folded lines of it together
# (its text then differs from what a plain YAML reader makes of it).
ScalarMarks = dict[FieldPath, tuple[int, int, Union[str, None], bool]]

__all__ = [
    "check_text", "decode", "encode_as_read", "is_style_file", "load", "load_style", "loads", "parse_yaml", "read_bytes",
    "read_text", "style_from", "validate",
]

AnyDocument = Union[model.Reply, model.Opinion]

# YAML tags a draft may use; anything else (python objects, binary, sets) is refused.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

# Expanding aliases may visit at most this many nodes beyond the file's own node count …
_ALIAS_BUDGET = 10_000
# … and reach at most this many characters of text: a few short anchors repeated thousands
# of times would otherwise print a document of hundreds of megabytes.
MAX_ALIAS_CHARS = 100_000

# A draft is a few kilobytes; a file this large is a wrong choice, not a draft.
MAX_FILE_BYTES = 50_000_000

# No draft nests this deep; the bound keeps hostile nesting from exhausting the stack.
_MAX_DEPTH = 60

# Lone surrogates: a double-quoted "\ud800" makes one, and no file or terminal can hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")

# Characters YAML refuses to read (and XML cannot hold): C0 controls but tab/newline/CR, DEL
# and C1 controls but NEL, surrogates, U+FFFE/U+FFFF.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


# --- decoding ----------------------------------------------------------------------


def _common_hanzi(char: str) -> bool:
    """True for the 3 755 characters of GB 2312 level 1, which make up nearly all Chinese text."""
    try:
        code = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7


# Two Han characters with a space between: Korean words decoded as GB18030 look like that,
# Chinese text almost never does.
_SPACED_HAN = re.compile("[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")


def _looks_chinese(text: str) -> bool:
    """True when text decoded as GB18030 reads as Chinese and ASCII, not as mojibake.

    Shift-JIS or Big5 bytes decode to rare characters outside GB 2312 level 1; EUC-KR
    Korean decodes to common characters, but in space-separated words.
    """
    if not text:
        return True
    plausible = sum(
        1
        for c in text
        if c.isascii() or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
        or c in "“”‘’—…·《》"
    )
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han or plausible / len(text) < 0.97:
        return False
    # A few rare characters (names, 堃, 喆) are normal; a tenth of the text is not.
    rare = sum(1 for c in han if not _common_hanzi(c))
    spaced = len(_SPACED_HAN.findall(text))
    return rare <= max(2, len(han) // 10) and spaced <= max(1, len(han) // 10)



# The suffixes of a finished letter rather than a draft.
_LETTER_SUFFIXES = {".txt", ".doc", ".docx", ".wps", ".rtf"}


def _import_command(filename: str | None) -> str:
    """The command that turns the letter ``filename`` into a draft, never over the letter itself."""
    path = Path(filename or "旧答复.docx")
    draft = f"{path.stem}-草稿.yaml" if path.suffix.lower() in {".yaml", ".yml"} else f"{path.stem}.yaml"
    return f"replygen import {path} -o {path.with_name(draft)}"


def _nul_message(head: bytes, filename: str | None = None) -> str | None:
    """Say what a file with NUL bytes is when we can tell: UTF-16 without BOM, or a Word file."""
    if head.startswith(b"PK\x03\x04"):
        return (
            "这是 Word 文档（.docx）或压缩包，不是 YAML 草稿；请打开 YAML 文本文件。"
            f"如果这是一份旧答复，请先转成草稿：{_import_command(filename)}"
        )
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return (
            "这是旧版 Word 或 WPS 文档（.doc/.wps），不是 YAML 草稿；如果是一份旧答复，"
            "请先在 Word 或 WPS 中另存为 .docx，再用 replygen import 文件.docx -o 草稿.yaml 转成草稿"
        )
    even, odd = head[0::2], head[1::2]
    # UTF-16 text of a YAML draft is mostly ASCII: every other byte is zero, the rest are not.
    for zeros, others in ((odd, even), (even, odd)):
        if zeros and zeros.count(0) >= 0.3 * len(zeros) and others.count(0) <= 0.05 * len(others):
            return "文件像是不带 BOM 的 UTF-16 编码，无法可靠读取，请在编辑器中另存为 UTF-8"
    return None


def decode(data: bytes, filename: str | None = None) -> str:
    """Decode a draft's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        # Checked before UTF-16: the UTF-32 LE BOM begins with the UTF-16 LE one.
        raise DecodeError(Problem("文件是 UTF-32 编码，请在编辑器中另存为 UTF-8", filename))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodeError(Problem("文件标明是 UTF-16 编码，但内容不是有效的 UTF-16，请另存为 UTF-8", filename)) from None
    elif b"\x00" in data[:400] and (message := _nul_message(data[:400], filename)):
        raise DecodeError(Problem(message, filename))
    try:
        # A stray NUL in UTF-8 text is left to the parser, which names its field.
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if b"\x00" in data:
        raise DecodeError(
            Problem("文件含有空字节，不是文本文件（可能是图片、表格或其他二进制文件），请打开 YAML 草稿", filename)
        )
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_chinese(text):
        return text
    line = data[: utf8_error.start].count(b"\n") + 1
    raise DecodeError(
        Problem(
            f"文件不是 UTF-8 编码（第 {utf8_error.start + 1} 个字节无法识别），也不像 GBK/GB18030；"
            "请在编辑器中另存为 UTF-8",
            filename,
            line,
        )
    )


def encode_as_read(text: str, original: bytes) -> bytes:
    """``text`` in the encoding :func:`decode` found ``original`` in, its BOM included: a file
    written back (``check --fix``) keeps the encoding the clerk's editor saved it in."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if original.startswith(bom):
            return bom + text.encode(codec)
    try:
        original.decode("utf-8")
    except UnicodeDecodeError:
        return text.encode("gb18030")
    return text.encode("utf-8")


# --- YAML with positions ----------------------------------------------------------


class _TextLoader(yaml.SafeLoader):
    """PyYAML's safe loader without YAML 1.1's implicit typing.

    YAML 1.1 reads ``0123`` as 83, ``1:30`` as 90, ``yes`` as true and ``2023-05-17`` as a
    date, so a number or name a clerk typed would print changed. Here every plain scalar but
    the empty value and ``null``/``~`` stays the text as typed; the model types each field.
    """

    yaml_implicit_resolvers: dict[Any, Any] = {}


_NULL_TAG = "tag:yaml.org,2002:null"
_STR_TAG = "tag:yaml.org,2002:str"
_TextLoader.add_implicit_resolver(_NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

# libyaml composes a draft about ten times faster than PyYAML's pure-Python parser, which
# dominates loading; the pure parser re-reads only files that fail, so that every error
# keeps the marks and wording the messages below explain.
_FAST_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] | None = None
if hasattr(yaml, "CSafeLoader"):

    class _FastTextLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _TextLoader.yaml_implicit_resolvers

    _FAST_LOADER = _FastTextLoader


# What PyYAML's scanner, parser and composer can say, in the clerk's words. The first pattern
# that matches the problem (else the context) wins; anything unforeseen gets the last sentence.
_YAML_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"found character '\\t'"), "这里用了制表符（Tab），YAML 只能用空格缩进，请把 Tab 换成空格"),
    (re.compile(r"found duplicate anchor"), "锚点（&名称）重复定义，请给每个锚点起不同的名字"),
    (re.compile(r"found undefined alias"), "引用（*名称）指向的锚点不存在，请检查名称，或直接写出文字"),
    (re.compile(r"mapping values are not allowed here"), "这里不能出现“字段: 值”；常见原因是缩进不齐，或文字中的半角冒号后跟了空格（可改用全角“：”，或给这段文字加引号）"),
    (re.compile(r"mapping keys are not allowed here"), "这里不能出现“? ”；文字以问号开头时请改用全角“？”或给文字加引号"),
    (re.compile(r"sequence entries are not allowed here"), "这里不能出现列表项“- ”；请检查缩进，或给以“-”开头的文字加引号"),
    (re.compile(r"could not find expected ':'"), "缺少冒号“:”，或上一行的引号没有闭合"),
    (re.compile(r"found unexpected end of stream"), "文件在引号或括号闭合之前就结束了，请检查引号和括号是否成对"),
    (re.compile(r"found unexpected document separator"), "引号中的文字里有一行以“---”或“...”开头，这会被当作文件分隔线；请改写这一行"),
    (re.compile(r"found unknown escape character"), "双引号中的反斜杠“\\”后跟了无法识别的字符；反斜杠本身请写成“\\\\”，或改用单引号"),
    (re.compile(r"expected escape sequence of \d+ hexadecimal numbers"), "双引号中的转义（如 \\x41、\\u4e2d）位数不对或含有非十六进制字符；不需要转义时请直接写字符"),
    (re.compile(r"expected a comment or a line break"), "这一行在结束处多了文字；引号、“|”或“>”之后不能再接文字，请另起一行或删去"),
    (re.compile(r"expected chomping or indentation indicators|expected indentation indicator"), "“|”或“>”后面只能跟“+”“-”或一位数字，请检查这一行"),
    (re.compile(r"found character .* that cannot start any token"), "这个字符不能出现在值的开头（如 @ 或 `）；请给这段文字加引号"),
    (re.compile(r"expected alphabetic or numeric character"), "锚点（&）或引用（*）的名称只能用字母和数字；文字以“&”或“*”开头时请加引号"),
    (re.compile(r"tag|URI|'!'|'>'"), "YAML 标签（! 或 !! 开头）写法不对或无法识别；草稿不需要标签，请删去标签，只写文字"),
    (re.compile(r"directive|YAML document|tag handle"), "以“%”开头的指令行写法不对；草稿不需要它，请删去这一行"),
    (re.compile(r"expected a single document|but found another document"), "一个文件只能写一份草稿，请删去“---”之后的内容，另存为新文件"),
    (re.compile(r"expected '<document start>'"), "文件中间出现了多余的内容或分隔线（“---”“...”）；一个文件只能写一份草稿"),
    (re.compile(r"expected ',' or '\]'"), "方括号 [ ] 中的列表项之间应以逗号分隔，或缺少右方括号“]”"),
    (re.compile(r"expected ',' or '\}'"), "花括号 { } 中的各项之间应以逗号分隔，或缺少右花括号“}”"),
    (re.compile(r"invalid indentation or unclosed '\[' or '\{'"), "缩进不对，或方括号“[”、花括号“{”没有闭合"),
    (re.compile(r"while scanning a simple key"), "这一行缺少冒号“:”，或文字太长（超过 1024 个字符）却写在了“字段:”的位置"),
    (re.compile(r"quoted scalar"), "引号没有闭合，请检查这一段文字的引号是否成对"),
    (re.compile(r"expected the node content"), "这里缺少内容；常见原因是“- ”或“字段:”后的文字以“,”“]”“}”开头，请给文字加引号"),
    (re.compile(r"expected <block end>"), "缩进不齐，请让这一行与同一层的字段或列表项对齐"),
    (re.compile(r"block mapping|block collection"), "缩进不齐或缺少“- ”，请检查这一行与上下行的缩进"),
    (re.compile(r"block scalar"), "“|”或“>”之后的多行文字写法不对，请检查缩进"),
]
_YAML_FALLBACK = "这里的写法无法识别，请检查这一行和上一行的缩进、冒号、引号和括号"


def reads_as_typed(value: str) -> bool:
    """True when ``value`` written plain after ``key: `` loads back as exactly this text."""
    try:
        loaded: object = yaml.load(f"k: {value}", Loader=_FAST_LOADER or _TextLoader)
        return loaded == {"k": value}
    except yaml.YAMLError:
        return False


def _yaml_problem(exc: yaml.MarkedYAMLError, filename: str | None) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and exc.context and "quoted scalar" in exc.context:
        # An unclosed quote is noticed at the end of the file; point where it opens.
        mark = exc.context_mark
    hint = next((hint for pattern, hint in _YAML_MESSAGES if exc.problem and pattern.search(exc.problem)), None)
    if hint is None:
        hint = next((hint for pattern, hint in _YAML_MESSAGES if exc.context and pattern.search(exc.context)), _YAML_FALLBACK)
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(f"YAML 格式错误：{hint}", filename, line, column)


def _count_nodes(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            # Keys are not walked (a key is read as it is written), so they are not counted:
            # the budget is then exactly the nodes aliases may add.
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return len(seen)


# Written into a re-scanned scalar in place of each line break: YAML folding keeps such a
# break as it is where it would turn "\n" into a space, so we can tell a fold from a space.
_FOLD = "\u2028"
_FOLDS = re.compile(f"{_FOLD}+")
_SOURCE_BREAK = re.compile(r"\r\n|[\r\n]")


def _join_folds(value: str) -> str:
    """One folded line break joins (no space between CJK); a blank line starts a paragraph."""

    def join(match: re.Match[str]) -> str:
        if len(match.group()) > 1:
            return "\n"
        before = value[match.start() - 1] if match.start() else ""
        after = value[match.end()] if match.end() < len(value) else ""
        return " " if before.isascii() and after.isascii() and before and after else ""

    return _FOLDS.sub(join, value).strip()


def _refold(value: str) -> str:
    """What YAML itself makes of a re-scanned value: a fold is a space, n breaks n-1 newlines."""
    return _FOLDS.sub(lambda m: " " if len(m.group()) == 1 else "\n" * (len(m.group()) - 1), value).strip()


def _read_lines(source: str, style: str | None) -> str | None:
    """The scalar's lines, each stripped, joined by fold marks: YAML's folding, done directly."""
    if style == '"':
        return None  # escapes: left to the scanner
    lines = _SOURCE_BREAK.split(source)
    if style == ">":
        lines = lines[1:]  # the header line: ">", chomping, a comment
    elif style == "'":
        lines[0], lines[-1] = lines[0][1:], lines[-1][:-1]
    text = _FOLD.join(line.strip(" \t") for line in lines).strip(_FOLD)
    return text.replace("''", "'") if style == "'" else text


def _rescan(source: str, style: str | None) -> str | None:
    """The scalar re-scanned by YAML with each line break written as a fold mark, which
    YAML keeps where it would turn a break into a space."""
    if style == ">" and re.match(r">[+-]?\d|>\d", source):
        return None  # an explicit indentation is relative to the parent: not re-read alone
    try:
        tokens = yaml.scan(_SOURCE_BREAK.sub(_FOLD, source), Loader=_TextLoader)
        value: str = next(t.value for t in tokens if isinstance(t, yaml.ScalarToken))
        return value
    except (yaml.YAMLError, StopIteration):
        return None


class _Walker:
    """Turns a node tree into plain Python data, noting where each value came from."""

    def __init__(self, text: str, filename: str | None, budget: int, *, marks: bool = False) -> None:
        self.text = text
        self.filename = filename
        self.budget = budget
        self.alias_chars = 0
        self.seen: set[int] = set()
        self.positions: Positions = {}
        self.scalars: ScalarMarks | None = {} if marks else None  # only a checker asks for them
        self.problems: list[Problem] = []

    def _where(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def walk(self, node: yaml.Node, path: FieldPath, via_alias: bool = False) -> Any:
        self.budget -= 1
        if self.budget < 0:
            line, column = self._where(node)
            raise YamlSyntaxError(
                Problem("引用（别名 *）展开后过于庞大，疑似“十亿笑”攻击，已拒绝读取", self.filename, line, column)
            )
        if len(path) > _MAX_DEPTH:
            line, column = self._where(node)
            raise YamlSyntaxError(
                Problem(f"嵌套层数超过 {_MAX_DEPTH} 层，草稿不会有这么深的结构，请检查缩进和括号", self.filename, line, column)
            )
        # A node met a second time is reached through an alias (*名称).
        via_alias = via_alias or id(node) in self.seen
        self.seen.add(id(node))
        self.positions.setdefault(path, self._where(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                self._refuse_tag(node, path)
                return None
            value = self._scalar(node, path)
            if self.scalars is not None:
                # libyaml marks a plain scalar "", the pure-Python parser None.
                folded = value is not None and value != node.value
                self.scalars.setdefault(path, (*self._where(node), node.style or None, folded))
            if via_alias and value:
                self._count_alias_text(path, len(value))
            return value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self._refuse_tag(node, path)
                return None
            return [self.walk(child, path + (i,), via_alias) for i, child in enumerate(node.value)]
        if node.tag != _MAP_TAG:
            self._refuse_tag(node, path)
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line, column = self._where(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem("字段名必须是一段文字，不能是列表或“字段: 值”", self.filename, line, column, format_path(path))
                )
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self._refuse_tag(key_node, path)
                continue
            # The key as written: `1:` stays "1" and `true:` stays "true" in messages.
            key = str(key_node.value)
            if _SURROGATE.search(key):
                self._refuse_surrogate(key_node, path)
                continue
            if key in first_seen:
                self.problems.append(
                    Problem(
                        f"字段“{key}”重复出现（第 {first_seen[key]} 行已有一个）；"
                        "重复时只会保留一个，另一段内容会丢失，请合并或改名",
                        self.filename,
                        line,
                        column,
                        format_path(path + (key,)),
                    )
                )
                continue
            first_seen[key] = line
            self.positions[path + (key,)] = (line, column)
            result[key] = self.walk(value_node, path + (key,), via_alias)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> str | None:
        """The text as typed; a line break only where the clerk started a new paragraph."""
        if node.tag == _NULL_TAG:
            return None
        value: str = node.value
        if _SURROGATE.search(value):
            self._refuse_surrogate(node, path)
            return None
        if node.style != "|" and node.start_mark.line != node.end_mark.line and (" " in value or "\n" in value):
            value = self._unfold(node)
        return value

    def _unfold(self, node: yaml.ScalarNode) -> str:
        """Re-read a scalar written over several lines, joining wrapped lines without spaces.

        YAML folds a wrapped line into a space, which between Chinese characters is a stray
        space; a blank line is a paragraph break and becomes "\\n". The lines are first read
        directly (plain, single-quoted and ``>`` text folds by stripping each line); what that
        gets wrong (escapes, more-indented lines) is re-scanned by YAML with every line break
        marked; a reading that disagrees with YAML's own keeps YAML's.
        """
        source = self.text[node.start_mark.index : node.end_mark.index]
        for read in (_read_lines, _rescan):
            marked = read(source, node.style or None)
            # Only when the re-read agrees with YAML's own reading, up to where the folds are.
            if marked is not None and _refold(marked) == node.value.strip():
                return _join_folds(marked)
        value: str = node.value
        return value

    def _count_alias_text(self, path: FieldPath, size: int) -> None:
        self.alias_chars += size
        if self.alias_chars > MAX_ALIAS_CHARS:
            # The node's own marks are the anchor's; the field holding the alias is where it is used.
            line, column = position_of(self.positions, path[:-1])
            raise YamlSyntaxError(
                Problem(
                    f"引用（别名 *）展开后的文字超过 {MAX_ALIAS_CHARS:,} 个字符，疑似“十亿笑”攻击，已拒绝读取；"
                    "请直接写出文字，少用引用",
                    self.filename,
                    line,
                    column,
                    format_path(path),
                )
            )

    def _refuse(self, node: yaml.Node, path: FieldPath, message: str) -> None:
        """Note a problem with ``node`` and read on, so that the file's other problems show too."""
        line, column = self._where(node)
        self.problems.append(Problem(message, self.filename, line, column, format_path(path)))

    def _refuse_surrogate(self, node: yaml.Node, path: FieldPath) -> None:
        self._refuse(
            node, path, "双引号中的转义（如 \\ud800）不代表任何文字（是孤立的代理码位），请删去这个转义，直接写出要用的字"
        )

    def _refuse_tag(self, node: yaml.Node, path: FieldPath) -> None:
        self._refuse(node, path, f"不允许使用 YAML 标签“{node.tag}”（可能试图构造程序对象），请删去标签，只写文字")


def parse_yaml(text: str, filename: str | None = None) -> tuple[Any, Positions]:
    """Parse YAML safely; returns the data and a map from field path to (line, column)."""
    data, positions, problems, _ = _parse(text, filename)
    if problems:
        raise YamlSyntaxError(problems)
    return data, positions


def _parse(
    text: str, filename: str | None, *, marks: bool = False
) -> tuple[Any, Positions, list[Problem], ScalarMarks | None]:
    """Parse, returning problems (duplicate keys, refused tags) that still leave usable data."""
    bad = _UNREADABLE.search(text)
    if bad:
        raise YamlSyntaxError(_unreadable_problem(text, bad.start(), filename))
    root = _compose(text, filename)
    if root is None:
        raise YamlSyntaxError(Problem("文件是空的（或只有注释），没有任何内容", filename, 1, 1))
    walker = _Walker(text, filename, _count_nodes(root) + _ALIAS_BUDGET, marks=marks)
    data = walker.walk(root, ())
    if not isinstance(data, dict) and walker.problems:
        # A refused tag on the whole document says more than "not a mapping".
        raise YamlSyntaxError(walker.problems)
    if not isinstance(data, dict):
        line, column = walker.positions.get((), (1, 1))
        raise YamlSyntaxError(
            Problem("文件最外层应是“字段: 值”的形式（如 issuer: …），而不是列表或单独的文字", filename, line, column)
        )
    return data, walker.positions, walker.problems, walker.scalars


def _compose(text: str, filename: str | None) -> yaml.Node | None:
    """Build PyYAML's node tree, turning every way it can fail into a YamlSyntaxError."""
    if _FAST_LOADER is not None:
        fast = _FAST_LOADER(text)
        try:
            return fast.get_single_node()
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            fast.dispose()
    loader = None
    try:
        loader = _TextLoader(text)
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_yaml_problem(exc, filename)) from None
    except yaml.YAMLError:
        raise YamlSyntaxError(Problem(f"YAML 格式错误：{_YAML_FALLBACK}", filename)) from None
    except RecursionError:
        # PyYAML's composer recurses once per nesting level.
        raise YamlSyntaxError(
            Problem("嵌套层数过多，草稿不会有这么深的结构，请检查缩进和括号", filename)
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def _unreadable_problem(text: str, offset: int, filename: str | None) -> Problem:
    """Name the line, column and, when the rest parses, the field holding a refused character."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    code = f"U+{ord(text[offset]):04X}"
    field = _field_at(_UNREADABLE.sub(" ", text), offset)
    return Problem(
        f"第 {line} 行第 {column} 个字符是控制字符 {code}，文档中不能包含它（常见于从其他软件复制的文字），请删除",
        filename,
        line,
        column,
        field,
    )


def _field_at(text: str, offset: int) -> str:
    """The field path whose value spans ``offset``, or "" when the text does not parse."""
    try:
        root = yaml.SafeLoader(text).get_single_node()
    except (yaml.YAMLError, RecursionError):
        return ""
    node: yaml.Node | None = root
    path: FieldPath = ()
    while node is not None:
        children: list[tuple[Union[str, int], yaml.Node]] = []
        if isinstance(node, yaml.MappingNode):
            children = [(str(k.value), v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
        elif isinstance(node, yaml.SequenceNode):
            children = list(enumerate(node.value))
        inside = [(part, child) for part, child in children if child.start_mark.index <= offset < child.end_mark.index]
        if not inside:
            break
        part, node = inside[0]
        path = path + (part,)
    return format_path(path)


# --- validation ---------------------------------------------------------------------


_UNKNOWN_KIND = "文种 kind 只能是 reply（答复）或 opinion（实施意见）"


def style_from(value: Any, positions: Positions | None = None, filename: str | None = None) -> Style:
    """A draft's ``style``: a style file's path, settings, or settings refining a file.

    A relative path is relative to the draft's folder (the working directory when there is
    no draft file). The file's own mistakes are reported against the file and its lines; a
    setting written in the draft, at the draft's line. Raises DraftValidationError.
    """
    from .style import Style

    if isinstance(value, Style):
        return value
    positions = positions or {}
    settings = value
    if isinstance(value, str) or (isinstance(value, dict) and "file" in value):
        field: FieldPath = ("style",) if isinstance(value, str) else ("style", "file")
        written = value if isinstance(value, str) else value["file"]
        if not isinstance(written, str) or not written.strip():
            raise _style_problem("file 应写格式文件的路径，如 office-style.yaml", field, positions, filename)
        written = written.strip()
        relative = not Path(written).is_absolute()
        path = Path(filename).parent / written if filename and relative else Path(written)
        if not os.path.isfile(path):
            where = "；相对路径从草稿所在目录算起" if relative else ""
            raise _style_problem(f"找不到格式文件（style）“{written}”，请检查路径{where}", field, positions, filename)
        inline = {k: v for k, v in value.items() if k != "file"} if isinstance(value, dict) else {}
        settings = {**load_style(path).model_dump(exclude_unset=True), **inline}
    if not isinstance(settings, dict):
        message = "style 应写格式文件的路径，或下一级的各项设置（“字段: 值”）"
        raise _style_problem(message, ("style",), positions, filename)
    try:
        return model.pydantic_validate(Style, settings)
    except ValidationError as exc:
        raise DraftValidationError(validation.problems(exc, {"style": value}, positions, filename, prefix=("style",))) from None


def _style_problem(message: str, field: FieldPath, positions: Positions, filename: str | None) -> DraftValidationError:
    line, column = position_of(positions, field)
    return DraftValidationError([Problem(message, filename, line, column, format_path(field))])


def _split_style(data: Any, positions: Positions, filename: str | None) -> tuple[Any, list[Problem]]:
    """``data`` with its style validated; a faulty style is taken out and its problems listed,
    so the rest of the draft is still checked and every problem reported at once."""
    if not isinstance(data, dict) or data.get("style") is None:
        return data, []
    try:
        return {**data, "style": style_from(data["style"], positions, filename)}, []
    except DraftValidationError as exc:
        return {key: value for key, value in data.items() if key != "style"}, exc.problems


def validate(data: Any, positions: Positions | None = None, filename: str | None = None) -> AnyDocument:
    """Validate parsed data; every problem found is reported at once."""
    data, found = _split_style(data, positions or {}, filename)
    data = _opinion_files_beside(data, filename)
    kind = data.get("kind", "reply") if isinstance(data, dict) else "reply"
    document_model = model.DOCUMENT_MODELS.get(kind) if isinstance(kind, str) else None
    if document_model is None:
        line, column = position_of(positions or {}, ("kind",))
        raise DraftValidationError([*found, Problem(_UNKNOWN_KIND, filename, line, column, "kind")])
    try:
        document = model.validate_data(document_model, data, positions, filename)
    except DraftValidationError as exc:
        found = [*found, *exc.problems]
    if found:
        # The draft's own problems in file order, then those of the style file it names.
        found.sort(key=lambda p: (p.file != filename, p.line or 0, p.column or 0))
        raise DraftValidationError(found)
    return document


def _opinion_files_beside(data: Any, filename: str | None) -> Any:
    """``data`` with each 会办意见 file (``handling.opinions[].file``) read from beside the draft,
    as a style file is; the parsed data itself is left as written, for check."""
    handling = data.get("handling") if isinstance(data, dict) else None
    opinions = handling.get("opinions") if isinstance(handling, dict) else None
    if not filename or not isinstance(handling, dict) or not isinstance(opinions, list):
        return data
    folder = Path(filename).parent
    moved = [
        {**o, "file": str(folder / o["file"].strip())}
        if isinstance(o, dict) and isinstance(o.get("file"), str) and o["file"].strip() and not Path(o["file"].strip()).is_absolute()
        else o
        for o in opinions
    ]
    return {**data, "handling": {**handling, "opinions": moved}}


def loads(text: str, filename: str | None = None) -> AnyDocument:
    """Parse and validate a draft given as text."""
    document, _, _, _, problems = check_text(text, filename)
    if problems:
        raise DraftValidationError(problems)
    assert document is not None
    return document


def check_text(
    text: str, filename: str | None = None, *, marks: bool = False
) -> tuple[AnyDocument | None, dict[str, Any], Positions, ScalarMarks, list[Problem]]:
    """Parse and validate, collecting every problem of the file rather than stopping at one.

    Returns the document (None when there are problems), the parsed data with its positions
    and scalar marks, and the problems in file order. Raises only when the YAML cannot be
    read at all (syntax errors, hostile input).
    """
    data, positions, problems, scalars = _parse(text, filename, marks=marks)
    document = None
    try:
        document = validate(data, positions, filename)
    except DraftValidationError as exc:
        # A value YAML could not read is reported once, by the YAML problem.
        unreadable = {p.field for p in problems}
        problems = problems + [p for p in exc.problems if p.field not in unreadable]
    # YAML-level and schema-level problems together, in file order.
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return (None if problems else document), data, positions, scalars or {}, problems


# What a path names when it is not a regular file, in the words of the message.
_NOT_A_FILE = [
    (stat.S_ISDIR, "这是一个目录，不是文本文件"),
    (stat.S_ISFIFO, "这是一个命名管道（FIFO），不是文件；请先把内容保存成 YAML 文件"),
    (stat.S_ISCHR, "这是一个设备（如 /dev/zero），不是文件；请打开 YAML 草稿"),
    (stat.S_ISBLK, "这是一个磁盘设备，不是文件；请打开 YAML 草稿"),
    (stat.S_ISSOCK, "这是一个套接字（socket），不是文件；请打开 YAML 草稿"),
]


def read_bytes(path: str | os.PathLike[str], limit: int | None = None, what: str = "一份草稿") -> bytes:
    """The file's bytes, reading at most ``limit`` + 1 of them; every failure is a DecodeError.

    Only a regular file is read: a device such as /dev/zero, or a file still growing, reports a
    size that cannot be trusted, so the read is bounded whatever the file system says.
    """
    path = Path(path)
    name = str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        # Non-blocking, so that opening a FIFO with no writer returns instead of waiting.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            mode = os.fstat(fd).st_mode
            refusal = next((message for test, message in _NOT_A_FILE if test(mode)), None)
            if refusal is None and not stat.S_ISREG(mode):
                refusal = "这不是普通文件，请打开 YAML 草稿"
            if refusal:
                raise DecodeError(Problem(refusal, name))
            with os.fdopen(os.dup(fd), "rb") as stream:
                data = stream.read(limit + 1)
        finally:
            os.close(fd)
    except DecodeError:
        raise
    except FileNotFoundError:
        raise DecodeError(Problem("文件不存在，请检查路径", name)) from None
    except IsADirectoryError:
        raise DecodeError(Problem("这是一个目录，不是文本文件", name)) from None
    except OSError as exc:
        raise DecodeError(Problem(f"无法读取文件：{os_reason(exc)}", name)) from None
    except ValueError:
        # e.g. a NUL character in the path, which no file system accepts.
        raise DecodeError(Problem("文件路径中含有不允许的字符", name.replace("\x00", "\\0"))) from None
    if len(data) > limit:
        raise DecodeError(Problem(f"文件超过 {limit // 1_000_000} MB，不像是{what}，请检查是否选错了文件", name))
    return data


def read_text(path: str | os.PathLike[str]) -> str:
    """Read and decode the text file at ``path``; every way that can fail is a DecodeError."""
    return decode(read_bytes(path), str(path))


def load_style(path: str | os.PathLike[str]) -> Style:
    """Read and validate a house-style file; its mistakes are reported with its own lines."""
    name = str(path)
    try:
        info = os.stat(name)
    except OSError:
        raise DecodeError(Problem("找不到格式文件（style），请检查路径；相对路径从草稿所在目录算起", name)) from None
    return _cached_style(os.path.abspath(name), info.st_mtime_ns, info.st_size, name)


def is_style_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` holds an office's house-style settings rather than a draft.

    True when it loads as a style file with at least one setting; a draft never does, as its
    own fields (issuer, proposal …) are no style's. Asked of a file that failed to load as a
    draft, so that a folder keeping its style file beside the drafts is not one draft short.
    """
    try:
        return bool(load_style(path).model_fields_set)
    except InputError:
        return False


@functools.lru_cache(maxsize=32)
def _cached_style(path: str, mtime_ns: int, size: int, name: str) -> Style:
    # Keyed on the file's time and size: a batch reads an office's style once, an edit anew.
    data, positions = parse_yaml(read_text(name), name)
    if "file" in data:
        line, column = position_of(positions, ("file",))
        raise DraftValidationError([Problem("格式文件中不能再用 file 引用另一个格式文件", name, line, column, "file")])
    from .style import Style

    return model.validate_data(Style, data, positions, name)


def load(path: str | os.PathLike[str]) -> AnyDocument:
    """Read, parse and validate the draft at ``path``."""
    text = read_text(path)
    try:
        return loads(text, str(path))
    except InputError:
        letter = old_letter_problem(path, text)
        if letter is not None:
            # The YAML errors of a letter's prose would only mislead.
            raise YamlSyntaxError(letter) from None
        raise


_TOP_KEY = re.compile(r"^(\w+)\s*:", re.MULTILINE)


def old_letter_problem(path: str | os.PathLike[str], text: str) -> Problem | None:
    """When the file at ``path`` (which did not load) is a finished letter, say so and how to
    turn it into a draft: it is named like a letter or is no YAML mapping, has no draft field,
    and has Chinese prose."""
    path = Path(path)
    if path.suffix.lower() not in _LETTER_SUFFIXES:
        try:
            if isinstance(_compose(text, None), yaml.MappingNode):
                return None
        except YamlSyntaxError:
            pass
    known = set(model.Reply.model_fields) | set(model.Opinion.model_fields)
    if any(key in known for key in _TOP_KEY.findall(text)):
        return None
    if sum("\u4e00" <= c <= "\u9fff" for c in text) < 20:
        return None
    return Problem(
        "这像是一份已成文的公文，不是 YAML 草稿（草稿由“issuer: …”这样的字段组成）。如果这是一份旧答复，"
        f"请先转成草稿：{_import_command(str(path))}",
        str(path),
    )
