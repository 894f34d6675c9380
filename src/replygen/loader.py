"""Load stage: bytes → text → YAML nodes with positions → validated document.

PyYAML's safe loader does the parsing; we walk its node tree ourselves so that every value
keeps its line and column, duplicate keys are caught (plain PyYAML silently keeps the last
one) and alias expansion is bounded. Validation errors from pydantic are translated into
Chinese and pointed back at the file, line, column and field.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Any, Union

import yaml

from . import model
from .errors import DecodeError, DraftValidationError, Problem, YamlSyntaxError
from .fieldpath import FieldPath, Positions, format_path, position_of

# Where a scalar value starts (1-based line and column) and its quoting: None for plain,
# "'" or '"' for quoted, "|" or ">" for a block scalar.
ScalarMarks = dict[FieldPath, tuple[int, int, Union[str, None]]]

__all__ = ["decode", "load", "loads", "parse_yaml", "parse_yaml_marked", "read_text", "validate"]

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

# Expanding aliases may visit at most this many nodes beyond the file's own node count.
_ALIAS_BUDGET = 10_000

# A draft is a few kilobytes; a file this large is a wrong choice, not a draft.
MAX_FILE_BYTES = 50_000_000

# Integers longer than this are refused before Python's own conversion limit (4300 digits).
_MAX_DIGITS = 100

# No draft nests this deep; the bound keeps hostile nesting from exhausting the stack.
_MAX_DEPTH = 60

# Characters YAML refuses to read (and XML cannot hold): C0 controls but tab/newline/CR, DEL
# and C1 controls but NEL, surrogates, U+FFFE/U+FFFF.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


# --- decoding ----------------------------------------------------------------------


def _looks_chinese(text: str) -> bool:
    """True when text decoded as GB18030 reads as Chinese and ASCII, not as mojibake."""
    if not text:
        return True
    plausible = sum(
        1
        for c in text
        if c.isascii() or "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
        or c in "“”‘’—…·《》"
    )
    return plausible / len(text) >= 0.97 and any("\u4e00" <= c <= "\u9fff" for c in text)


def _nul_message(head: bytes) -> str | None:
    """Say what a file with NUL bytes is when we can tell: UTF-16 without BOM, or a Word file."""
    if head.startswith(b"PK\x03\x04"):
        return "这是 Word 文档（.docx）或压缩包，不是 YAML 草稿；请打开 YAML 文本文件"
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
    elif b"\x00" in data[:400] and _nul_message(data[:400]):
        raise DecodeError(Problem(_nul_message(data[:400]), filename))
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


# --- YAML with positions ----------------------------------------------------------

_YAML_HINTS = [
    (re.compile(r"found character '\\t'"), "这里用了制表符（Tab），YAML 只能用空格缩进，请把 Tab 换成空格"),
    (re.compile(r"found duplicate anchor"), "锚点（&名称）重复定义"),
    (re.compile(r"found undefined alias"), "引用（*名称）指向的锚点不存在"),
    (re.compile(r"mapping values are not allowed here"), "这里不能出现“键: 值”；常见原因是缩进不齐，或文字中的半角冒号后跟了空格（可改用全角“：”或给文字加引号）"),
    (re.compile(r"could not find expected ':'"), "缺少冒号“:”，或上一行的引号没有闭合"),
    (re.compile(r"found unexpected end of stream"), "文件在引号或括号闭合之前就结束了，请检查引号是否成对"),
    (re.compile(r"while scanning a quoted scalar"), "引号没有闭合，请检查这一段文字的引号是否成对"),
    (re.compile(r"did not find expected key"), "缩进不齐或缺少“- ”，请检查这一行与上下行的缩进"),
    (re.compile(r"did not find expected '-' indicator"), "列表项的缩进不齐，请让每个“- ”对齐"),
    (re.compile(r"expected <block end>, but found"), "缩进不齐，请检查这一行与上一层字段的缩进"),
    (re.compile(r"could not determine a constructor for the tag"), "不允许使用 YAML 标签（!! 或 !），请删去标签，只写文字"),
    (re.compile(r"expected a single document"), "一个文件只能写一份草稿，请删去“---”之后的内容，另存为新文件"),
    (re.compile(r"found unknown escape character"), "双引号中的反斜杠“\\”需要写成“\\\\”，或改用单引号"),
]


def _yaml_problem(exc: yaml.MarkedYAMLError, filename: str | None) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and exc.context and "quoted scalar" in exc.context:
        # An unclosed quote is noticed at the end of the file; point where it opens.
        mark = exc.context_mark
    raw = " ".join(filter(None, [exc.context, exc.problem]))
    message = next((hint for pattern, hint in _YAML_HINTS if pattern.search(raw)), None)
    message = f"YAML 格式错误：{message}（{raw}）" if message else f"YAML 格式错误：{raw}"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(message, filename, line, column)


def _count_nodes(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return len(seen)


class _Walker:
    """Turns a node tree into plain Python data, noting where each value came from."""

    def __init__(self, loader: yaml.SafeLoader, filename: str | None, budget: int, *, marks: bool = False) -> None:
        self.loader = loader
        self.filename = filename
        self.budget = budget
        self.positions: Positions = {}
        self.scalars: ScalarMarks | None = {} if marks else None  # only a checker asks for them
        self.problems: list[Problem] = []

    def _where(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def walk(self, node: yaml.Node, path: FieldPath) -> Any:
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
        self.positions.setdefault(path, self._where(node))
        if isinstance(node, yaml.ScalarNode):
            if self.scalars is not None:
                # libyaml marks a plain scalar "", the pure-Python parser None.
                self.scalars.setdefault(path, (*self._where(node), node.style or None))
            if node.tag not in _SCALAR_TAGS:
                self._refuse_tag(node, path)
                return None
            if node.tag.endswith(":int") and len(node.value) > _MAX_DIGITS:
                # Python refuses to convert such numbers; no field needs one anyway.
                line, column = self._where(node)
                self.problems.append(
                    Problem(f"数字过长（{len(node.value)} 位）；如果这是编号，请加引号写成文字", self.filename, line, column, format_path(path))
                )
                return None
            try:
                return self.loader.construct_object(node, deep=True)
            except (yaml.constructor.ConstructorError, ValueError) as exc:
                line, column = self._where(node)
                hint = "日期不存在，请核对年月日" if node.tag.endswith("timestamp") else "无法读取这个值"
                self.problems.append(Problem(f"{hint}（{exc}）", self.filename, line, column, format_path(path)))
                return None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self._refuse_tag(node, path)
                return None
            return [self.walk(child, path + (i,)) for i, child in enumerate(node.value)]
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
            result[key] = self.walk(value_node, path + (key,))
        return result

    def _refuse_tag(self, node: yaml.Node, path: FieldPath) -> None:
        line, column = self._where(node)
        self.problems.append(
            Problem(
                f"不允许使用 YAML 标签“{node.tag}”（可能试图构造程序对象），请删去标签，只写文字",
                self.filename,
                line,
                column,
                format_path(path),
            )
        )


def parse_yaml(text: str, filename: str | None = None) -> tuple[Any, Positions]:
    """Parse YAML safely; returns the data and a map from field path to (line, column)."""
    data, positions, problems, _ = _parse(text, filename)
    if problems:
        raise YamlSyntaxError(problems)
    return data, positions


def parse_yaml_marked(text: str, filename: str | None = None) -> tuple[Any, Positions, ScalarMarks]:
    """:func:`parse_yaml`, also giving where each scalar value starts and how it is quoted.

    ``positions`` point at a mapping's keys; these marks point at the values themselves, so a
    checker can point inside a value (``check`` uses them).
    """
    data, positions, problems, scalars = _parse(text, filename, marks=True)
    if problems:
        raise YamlSyntaxError(problems)
    return data, positions, scalars or {}


def _parse(
    text: str, filename: str | None, *, marks: bool = False
) -> tuple[Any, Positions, list[Problem], ScalarMarks | None]:
    """Parse, returning problems (duplicate keys, refused tags) that still leave usable data."""
    bad = _UNREADABLE.search(text)
    if bad:
        raise YamlSyntaxError(_unreadable_problem(text, bad.start(), filename))
    loader, root = _compose(text, filename)
    if root is None:
        raise YamlSyntaxError(Problem("文件是空的（或只有注释），没有任何内容", filename, 1, 1))
    walker = _Walker(loader, filename, _count_nodes(root) + _ALIAS_BUDGET, marks=marks)
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


# libyaml composes a draft about ten times faster than PyYAML's pure-Python parser, which
# dominates loading; the pure parser re-reads only files that fail, so that every error
# keeps the marks and wording the hints above explain.
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, filename: str | None) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    """Build PyYAML's node tree, turning every way it can fail into a YamlSyntaxError."""
    if _FAST_LOADER is not None:
        fast = _FAST_LOADER(text)
        try:
            return fast, fast.get_single_node()
        except (yaml.YAMLError, RecursionError):
            pass
        finally:
            fast.dispose()
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        return loader, loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_yaml_problem(exc, filename)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Problem(f"YAML 格式错误：{exc}", filename)) from None
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
    node, path = root, ()
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


def validate(data: Any, positions: Positions | None = None, filename: str | None = None) -> AnyDocument:
    """Validate parsed data; every problem found is reported at once."""
    kind = data.get("kind", "reply") if isinstance(data, dict) else "reply"
    document_model = model.DOCUMENT_MODELS.get(kind) if isinstance(kind, str) else None
    if document_model is None:
        line, column = position_of(positions or {}, ("kind",))
        raise DraftValidationError([Problem(_UNKNOWN_KIND, filename, line, column, "kind")])
    return model.validate_data(document_model, data, positions, filename)


def loads(text: str, filename: str | None = None) -> AnyDocument:
    """Parse and validate a draft given as text."""
    data, positions, problems, _ = _parse(text, filename)
    try:
        document = validate(data, positions, filename)
    except DraftValidationError as exc:
        # A value YAML could not read is reported once, by the YAML problem.
        unreadable = {p.field for p in problems}
        problems = problems + [p for p in exc.problems if p.field not in unreadable]
    if problems:
        # Report YAML-level and schema-level problems together, in file order.
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise DraftValidationError(problems)
    return document


def read_text(path: str | os.PathLike[str]) -> str:
    """Read and decode the text file at ``path``; every way that can fail is a DecodeError."""
    path = Path(path)
    name = str(path)
    try:
        too_big = path.stat().st_size > MAX_FILE_BYTES
        data = b"" if too_big else path.read_bytes()
    except FileNotFoundError:
        raise DecodeError(Problem("文件不存在，请检查路径", name)) from None
    except IsADirectoryError:
        raise DecodeError(Problem("这是一个目录，不是文本文件", name)) from None
    except OSError as exc:
        raise DecodeError(Problem(f"无法读取文件：{exc.strerror}", name)) from None
    except ValueError:
        # e.g. a NUL character in the path, which no file system accepts.
        raise DecodeError(Problem("文件路径中含有不允许的字符", name.replace("\x00", "\\0"))) from None
    if too_big:
        raise DecodeError(
            Problem(f"文件超过 {MAX_FILE_BYTES // 1_000_000} MB，不像是一份草稿，请检查是否选错了文件", name)
        )
    return decode(data, name)


def load(path: str | os.PathLike[str]) -> AnyDocument:
    """Read, parse and validate the draft at ``path``."""
    return loads(read_text(path), str(path))
