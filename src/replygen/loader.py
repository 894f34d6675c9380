"""Load stage: bytes → text → YAML nodes with positions → validated document.

PyYAML's safe loader does the parsing; we walk its node tree ourselves so that every value
keeps its line and column, duplicate keys are caught (plain PyYAML silently keeps the last
one) and alias expansion is bounded. Validation errors from pydantic are translated into
Chinese and pointed back at the file, line, column and field.
"""

from __future__ import annotations

import codecs
import datetime
import difflib
import functools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import yaml
from pydantic import ValidationError

from . import model
from .errors import DecodeError, DraftValidationError, Problem, YamlSyntaxError
from .fieldpath import FieldPath, Positions, format_path, position_of

if TYPE_CHECKING:
    from .style import Style

# Where a scalar value starts (1-based line and column) and its quoting: None for plain,
# "'" or '"' for quoted, "|" or ">" for a block scalar.
ScalarMarks = dict[FieldPath, tuple[int, int, Union[str, None]]]

__all__ = ["decode", "load", "load_style", "loads", "parse_yaml", "parse_yaml_marked", "read_text", "validate"]

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


@functools.lru_cache(maxsize=1)
def _field_names() -> list[str]:
    """Every field and style setting name, for “did you mean” hints (read when first needed)."""
    from .style import Style

    names: set[str] = set(Style.model_fields)
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, model._Model):
            names.update(obj.model_fields)
    return sorted(names)

_TYPE_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（每项以“- ”开头，另起一行）",
    "dict_type": "应为下一级字段（“字段: 值”），而不是文字或列表",
    "model_type": "应为下一级字段（“字段: 值”），而不是文字或列表",
    "model_attributes_type": "应为下一级字段（“字段: 值”），而不是文字或列表",
    "date_type": "日期格式不对，应写成 2023-05-17 或 2023年5月17日",
    "date_parsing": "日期格式不对，应写成 2023-05-17 或 2023年5月17日",
    "date_from_datetime_parsing": "日期格式不对，应写成 2023-05-17 或 2023年5月17日",
    "date_from_datetime_inexact": "日期不要带时间，写成 2023-05-17 即可",
    "too_short": "至少需要填写一项",
    "string_too_short": "不能为空",
    "string_unicode": "含有无法识别的字符（可能是损坏的文字），请重新输入这段文字",
    "finite_number": "应为普通数字",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "int_too_big": "数字过大",
}


def _message(error: dict[str, Any], key: str | None) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        guess = difflib.get_close_matches(key or "", _field_names(), n=1, cutoff=0.6)
        hint = f"；是不是想写“{guess[0]}”？" if guess else "；请检查拼写，或删去这一项"
        return f"未知字段“{key}”{hint}"
    if kind == "string_type" and isinstance(error.get("input"), (int, float, bool, datetime.date)):
        # YAML read 0431, 2024-05-20 or yes as a number, date or true/false.
        return "应为文字；YAML 把它读成了数字、日期或 true/false，请给它加上引号，如 \"0431-88881234\""
    if kind == "literal_error":
        return f"只能填写以下之一：{ctx.get('expected', '')}"
    if kind in {"value_error", "assertion_error"}:
        return str(ctx.get("error", error["msg"]))
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = ctx.get("ge", ctx.get("le"))
        return f"数值超出范围（{'不小于' if 'ge' in ctx else '不大于'} {bound}）"
    return _TYPE_MESSAGES.get(kind, error["msg"])


def _real_path(data: Any, loc: tuple[Any, ...]) -> FieldPath:
    """The field path of a pydantic ``loc``, as far as it leads through what the clerk wrote."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, (dict, str)) and isinstance(part, str):
            # A missing or unknown key, or a field of a model written as one string
            # (doc_number: 吉科发〔1023〕1号 → doc_number.year): name it, nothing lies below.
            path.append(part)
            node = None
    return tuple(path)


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
        if not path.is_file():
            where = "；相对路径从草稿所在目录算起" if relative else ""
            raise _style_problem(f"找不到格式文件（style）“{written}”，请检查路径{where}", field, positions, filename)
        inline = {k: v for k, v in value.items() if k != "file"} if isinstance(value, dict) else {}
        settings = {**load_style(path).model_dump(exclude_unset=True), **inline}
    if not isinstance(settings, dict):
        message = "style 应写格式文件的路径，或下一级的各项设置（“字段: 值”）"
        raise _style_problem(message, ("style",), positions, filename)
    try:
        return Style.model_validate(settings)
    except ValidationError as exc:
        raise DraftValidationError(_problems(exc, {"style": value}, positions, filename, prefix=("style",))) from None


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
    data, problems = _split_style(data, positions or {}, filename)
    kind = data.get("kind", "reply") if isinstance(data, dict) else "reply"
    document_model = model.DOCUMENT_MODELS.get(kind) if isinstance(kind, str) else None
    if document_model is None:
        line, column = position_of(positions or {}, ("kind",))
        raise DraftValidationError([Problem(_UNKNOWN_KIND, filename, line, column, "kind")])
    try:
        document = document_model.model_validate(data)
    except ValidationError as exc:
        problems = problems + _problems(exc, data, positions or {}, filename)
    if problems:
        # The draft's own problems in file order, then those of the style file it names.
        problems.sort(key=lambda p: (p.file != filename, p.line or 0, p.column or 0))
        raise DraftValidationError(problems)
    return document


def _problems(
    exc: ValidationError, data: Any, positions: Positions, filename: str | None, prefix: FieldPath = ()
) -> list[Problem]:
    problems: dict[str, Problem] = {}
    for error in exc.errors(include_url=False):
        path = _real_path(data, prefix + tuple(error["loc"]))
        key = str(path[-1]) if path and isinstance(path[-1], str) else None
        line, column = position_of(positions, path)
        field = format_path(path)
        message = _message(error, key)
        if error["type"] == "missing":
            message = f"缺少必填字段“{key}”"
        # A value that fails every branch of a union yields one error per branch: keep one.
        problems.setdefault(field, Problem(message, filename, line, column, field))
    return sorted(problems.values(), key=lambda p: (p.line or 0, p.column or 0, p.field))


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


def read_bytes(path: str | os.PathLike[str], limit: int | None = None, what: str = "一份草稿") -> bytes:
    """The file's bytes, reading at most ``limit`` + 1 of them; every failure is a DecodeError."""
    name = str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        with open(path, "rb") as handle:
            # Bounded whatever the file system reports: a device or a growing file included.
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise DecodeError(Problem("文件不存在，请检查路径", name)) from None
    except IsADirectoryError:
        raise DecodeError(Problem("这是一个目录，不是文本文件", name)) from None
    except OSError as exc:
        raise DecodeError(Problem(f"无法读取文件：{exc.strerror}", name)) from None
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
        stat = os.stat(name)
    except OSError:
        stat = None
    if stat is None:
        raise DecodeError(Problem("找不到格式文件（style），请检查路径；相对路径从草稿所在目录算起", name))
    return _cached_style(os.path.abspath(name), stat.st_mtime_ns, stat.st_size, name)


@functools.lru_cache(maxsize=32)
def _cached_style(path: str, mtime_ns: int, size: int, name: str) -> Style:
    # Keyed on the file's time and size: a batch reads an office's style once, an edit anew.
    data, positions = parse_yaml(read_text(name), name)
    if "file" in data:
        line, column = position_of(positions, ("file",))
        raise DraftValidationError([Problem("格式文件中不能再用 file 引用另一个格式文件", name, line, column, "file")])
    from .style import Style

    try:
        return Style.model_validate(data)
    except ValidationError as exc:
        raise DraftValidationError(_problems(exc, data, positions, name)) from None


def load(path: str | os.PathLike[str]) -> AnyDocument:
    """Read, parse and validate the draft at ``path``."""
    return loads(read_text(path), str(path))
