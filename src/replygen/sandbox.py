"""Office templates: code from another office, run on plain data within fixed limits.

A template from ``--template-dir`` is code replygen did not write. It runs in Jinja's sandbox,
narrowed to what a letter needs (README, "Templates", lists it for template authors):

- it sees the draft as plain data (:func:`plain_view`): :class:`Record` objects whose only
  attributes are the draft's fields, holding text, whole numbers, true/false, none, tuples of
  these, nested records and dates (a record of year, month and day). No model object, so no
  pydantic method (``parse_raw``, ``parse_file`` …) is within reach;
- attributes are read only on records and imported templates (``f.title``); of text only
  :data:`TEXT_METHODS`; anything else is refused (:meth:`OfficeSandbox.getattr`);
- it can call only macros, ``caller()``, ``super()`` and those text methods; Jinja's globals
  (``range``, ``dict``, ``lipsum``, ``cycler``, ``joiner``, ``namespace``) are gone, ``self`` and
  ``loop`` are refused when the template is compiled, and only :data:`OFFICE_FILTERS` exist;
- every render has a :class:`Budget`: :data:`TIME_LIMIT` seconds and :data:`TEXT_LIMIT`
  characters, counting everything it prints and every text or list it builds. Each step of a
  loop, each call and each piece of output checks the budget, so a template cannot hang or
  exhaust memory, on any operating system;
- files are read only from inside the template directory (:class:`OfficeLoader`).
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from types import BuiltinMethodType
from typing import Any, NoReturn

import jinja2
import jinja2.nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from ._jinja import BlockReference, Context, Macro, MeteredOutput, TemplateModule, exported, module_name
from .output import file_kind

__all__ = [
    "Budget", "LimitExceeded", "OFFICE_FILTERS", "OfficeLoader", "OfficeSandbox", "Record", "RefusedTemplate",
    "TEMPLATE_BYTES_LIMIT", "TEXT_LIMIT", "TEXT_METHODS", "TIME_LIMIT", "UNPRINTABLE", "charged", "inside", "plain_record", "plain_view", "render_budget",
    "unprintable_message",
]  # fmt: skip

TIME_LIMIT = 5.0
"""Seconds one render of an office template may take; the built-in ones need a few milliseconds."""

TEXT_LIMIT = 10_000_000
"""Characters (and list items) one render may print and build, all counted together.

The built-in templates spend under a tenth of it on the largest drafts the size checks use (a
1 MB paragraph, 10 000 items); at up to four bytes a character, and a list item counted as
eight, it bounds a render's memory to some tens of MB."""

TEMPLATE_BYTES_LIMIT = 1_000_000
"""Largest template file read: the built-in ones are 2 to 5 KB; compiling is not on the budget."""

_INT_LIMIT = 2**63
"""Whole numbers a template computes stay within ±2**63: it counts, it does not do number theory."""


# --- the budget -----------------------------------------------------------------------


class LimitExceeded(Exception):
    """An office template ran past its time or text budget; the message names the limit."""


class Budget:
    """What one render may still spend: a deadline and a number of characters."""

    __slots__ = ("deadline", "left")

    def __init__(self) -> None:
        self.deadline = time.monotonic() + TIME_LIMIT
        self.left = TEXT_LIMIT

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(
                f"模板运行超过 {TIME_LIMIT:g} 秒的时限，已停止；请检查模板中的循环和递归（宏调用自身）"
            )

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise LimitExceeded(
                f"模板生成的文字超过 {TEXT_LIMIT:,} 个字符的上限（打印的和拼接、重复出来的都算在内），已停止；"
                "请检查模板中的循环、递归和重复"
            )
        self.tick()


_BUDGET: ContextVar[Budget | None] = ContextVar("replygen_template_budget", default=None)


@contextmanager
def render_budget() -> Iterator[Budget]:
    """A fresh budget for the render run inside the ``with`` block (per thread)."""
    budget = Budget()
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def _budget() -> Budget:
    budget = _BUDGET.get()
    if budget is None:
        # Only outside a render: Jinja folding a constant while compiling. It then leaves the
        # expression to run time, where the budget is there to pay for it.
        raise RuntimeError("office templates run only within a render budget")
    return budget


ITEM_COST = 8
"""A list item costs what eight characters do: a list holds a pointer (8 bytes) per item."""


def _cost(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    return len(value) * ITEM_COST if isinstance(value, (tuple, list)) else 0


def _text(value: object) -> str:
    """``value`` as the text a template prints or concatenates.

    A list would print as Python's repr of it, which is no wording of a letter, and repeats
    each item in full however often the list holds it: ``str([long_text] * 1000)`` is a
    thousand copies. So lists are refused; their items are printed by ``|join`` or a loop.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (tuple, list, dict)):
        raise SecurityError(f"办公室模板不能把{_kind(value)}直接当作文字打印或拼接；请用 |join 或 {{% for %}} 写出其中各项")
    return str(value)


# --- plain data -------------------------------------------------------------------------


class Record:
    """Read-only plain data: the fields of one part of a draft, and nothing else.

    Attributes are the fields; there is no public method, so a template reading ``x.items``
    always gets the field ``items``. ``str()`` gives ``text`` (a 发文字号 prints as
    吉科发〔2023〕1号, a date as 2023-05-17), else the record's kind and field names.
    """

    __slots__ = ("_fields", "_text")
    _fields: dict[str, Any]
    _text: str

    def __init__(self, fields: dict[str, Any], text: str) -> None:
        object.__setattr__(self, "_fields", fields)
        object.__setattr__(self, "_text", text)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError("a record is read-only")

    def __str__(self) -> str:
        return self._text

    __repr__ = __str__


@lru_cache(maxsize=None)
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's fields and the properties replygen's models add (``proposer.plural``)."""
    from . import model as models

    names = list(model.model_fields)
    for cls in model.__mro__:
        if cls.__module__ == models.__name__:
            names += [n for n, v in vars(cls).items() if isinstance(v, property) and not n.startswith("_")]
    return tuple(dict.fromkeys(names))


def _plain(value: Any) -> Any:
    if value is None or type(value) in (str, int, bool, float):
        return value
    if isinstance(value, str):  # an enum or other str subclass: keep only the text
        return str(value)
    if isinstance(value, (list, tuple)):
        return tuple(_plain(item) for item in value)
    if isinstance(value, _dt.date):
        return Record({"year": value.year, "month": value.month, "day": value.day}, value.isoformat())
    if isinstance(value, BaseModel):
        return plain_view(value)
    raise TypeError(f"a draft holds a {type(value).__name__}, which office templates have no plain form for")


def plain_view(model: BaseModel) -> Record:
    """The draft as office templates see it: plain data, no model objects."""
    kind = type(model)
    names = _field_names(kind)
    text = str(model) if kind.__str__ is not BaseModel.__str__ else f"<{kind.__name__}: {', '.join(names)}>"
    return Record({name: _plain(getattr(model, name)) for name in names}, text)


def plain_record(values: Any, name: str) -> Record:
    """Worked-out data (the formulas, the house style's settings) as a record of plain values."""
    return Record({key: _plain(value) for key, value in vars(values).items()}, f"<{name}>")


# --- what a template can call ------------------------------------------------------------

TEXT_METHODS = frozenset({"join", "startswith", "endswith", "strip", "lstrip", "rstrip"})
"""Methods of text an office template may call; their results never outgrow what they are given."""


def charged(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that makes text of text: its arguments must be text, its result is paid for."""

    def charged(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        result = function(*(_text(arg) for arg in args), **{key: _text(arg) for key, arg in kwargs.items()})
        budget.spend(_cost(result))
        return result

    charged.__name__ = charged.__qualname__ = getattr(function, "__name__", "filter")
    return charged


def _join(value: Iterable[Any], separator: object = "", *, strict: bool = False) -> str:
    """``|join`` (and, ``strict``, the method ``str.join``), paid for item by item as it goes."""
    budget = _budget()
    separator = _text(separator)
    if isinstance(value, str):
        # A text's characters: joined slice by slice, so that no list of a million
        # one-character strings (some 80 bytes each) is ever built.
        budget.spend(len(value) + len(separator) * max(len(value) - 1, 0))
        return separator.join(separator.join(value[i : i + 4096]) for i in range(0, len(value), 4096))
    texts: list[str] = []
    for item in value:
        if strict and not isinstance(item, str):
            raise TypeError(f"join 的第 {len(texts) + 1} 项是{_kind(item)}，不是文字")
        text = _text(item)
        budget.spend(ITEM_COST + len(text) + (len(separator) if texts else 0))
        texts.append(text)
    return separator.join(texts)


def _steps(iterable: Iterable[Any]) -> Iterator[Any]:
    """Wraps the iterable of every ``{% for %}``: each step checks the time budget."""
    return _ticking(iter(iterable), _budget())


def _ticking(iterator: Iterator[Any], budget: Budget) -> Iterator[Any]:
    for item in iterator:
        budget.tick()
        yield item


_STEPS = "_steps"

# Jinja's own filters, taken from where its API documents them: an environment's ``filters``.
_STOCK_FILTERS = jinja2.Environment().filters

OFFICE_FILTERS: dict[str, Callable[..., Any]] = {
    "length": len,
    "count": len,
    "first": _STOCK_FILTERS["first"],
    "last": _STOCK_FILTERS["last"],
    "default": _STOCK_FILTERS["default"],
    "d": _STOCK_FILTERS["default"],
    "join": _join,
    "trim": charged(_STOCK_FILTERS["trim"]),
    "upper": charged(_STOCK_FILTERS["upper"]),
    "lower": charged(_STOCK_FILTERS["lower"]),
    _STEPS: _steps,
}
"""Jinja's filters an office template may use, besides replygen's own (``cn_number``, ``fill`` …)."""

# --- files --------------------------------------------------------------------------------


class RefusedTemplate(SecurityError):
    """A template name that leads outside the template directory."""


class OfficeLoader(jinja2.BaseLoader):
    """Reads templates from an office's directory, and from nowhere else.

    Jinja's FileSystemLoader follows links: a ``reply.j2`` (or a sub-folder) linking to a file
    elsewhere would be read. Here the file's real path must lie inside the directory's.
    """

    def __init__(self, directory: str) -> None:
        self.root = os.path.realpath(directory)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = [p for p in template.split("/") if p not in ("", ".")]
        if ".." in pieces:
            raise RefusedTemplate(f"模板名“{template}”含“..”（上一级目录）：模板只能引用模板目录之内的文件")
        if any("\\" in p for p in pieces):
            raise RefusedTemplate(f"模板名“{template}”含“\\”：子目录请用 / 分隔")
        path = posixpath.join(self.root, *pieces)
        if not pieces or not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        real = os.path.realpath(path)
        if not inside(real, self.root):
            raise RefusedTemplate(f"模板“{template}”是指向模板目录之外的链接，不予读取：请把模板文件本身放进模板目录")
        if not os.path.isfile(real):
            # A folder or a pipe by a template's name is a mistake to name, not a reason to
            # print the built-in template instead (nor to wait on the pipe).
            try:
                kind = file_kind(os.stat(real))
            except OSError:
                raise jinja2.TemplateNotFound(template) from None  # a link to nothing
            raise RefusedTemplate(f"模板“{template}”是{kind}，不是普通文件，不予读取")
        with open(real, "rb") as file:
            data = file.read(TEMPLATE_BYTES_LIMIT + 1)
        if len(data) > TEMPLATE_BYTES_LIMIT:
            raise RefusedTemplate(f"模板“{template}”超过 {TEMPLATE_BYTES_LIMIT:,} 字节，不像是一个模板，请检查是否选错了文件")
        source = data.decode("utf-8")
        return source, path, lambda: True


def inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([os.path.normcase(path), os.path.normcase(root)]) == os.path.normcase(root)
    except ValueError:  # another drive
        return False


# --- the environment --------------------------------------------------------------------

# Names a template might reach that lead to Jinja's machinery rather than to data.
_REFUSED_NAMES = {
    "self": "办公室模板不能使用 self（它能重新渲染模板的任意块）；要复用内容请写成宏（macro）",
    "loop": "办公室模板不能使用 loop 变量；要给条目编号请写 {% for n, x in 列表|numbered %}",
}

# What no document can hold, other than the stream's own marks (U+0001–U+0004), which only
# the tags in a template's text compile to: NUL and other controls, lone surrogates, U+FFFE/FFFF.
UNPRINTABLE = re.compile("[\x00\x05-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UNPRINTABLE_IN_VALUES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unprintable_message(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"单独的代理码位 U+{code:04X}（半个字符，UTF-16 的一半），文档中不能出现；"
            "请检查模板中的 \\u 转义，写成完整的字符"
        )
    return f"控制字符 U+{code:04X}，文档中不能出现；请检查模板中的转义写法"


_KIND_NAMES = {
    str: "文字",
    int: "整数",
    float: "小数",
    bool: "真假值",
    tuple: "列表",
    list: "列表",
    dict: "字典",
    type(None): "空值 none",
    Record: "记录",
    TemplateModule: "导入的模板",
    Macro: "宏",
    BlockReference: "块",
}


def _kind(value: object) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _guard(tree: jinja2.nodes.Template, environment: jinja2.Environment, name: str | None, filename: str | None) -> None:
    """Refuse what the template may not write; make each of its loops check the budget."""
    for node in tree.find_all(jinja2.nodes.Name):
        if node.name in _REFUSED_NAMES and node.ctx == "load":
            raise jinja2.TemplateSyntaxError(_REFUSED_NAMES[node.name], node.lineno, name, filename)
    for data in tree.find_all((jinja2.nodes.TemplateData, jinja2.nodes.Const)):
        text = data.data if isinstance(data, jinja2.nodes.TemplateData) else data.value if isinstance(data, jinja2.nodes.Const) else None
        if not isinstance(text, str):
            continue
        # Text between tags holds the stream's marks; a string in an expression may not.
        found = (UNPRINTABLE if isinstance(data, jinja2.nodes.TemplateData) else _UNPRINTABLE_IN_VALUES).search(text)
        if found:
            line = data.lineno + text.count("\n", 0, found.start())
            message = "模板中写了" + unprintable_message(found.group())
            raise jinja2.TemplateSyntaxError(message, line, name, filename)
    for loop in list(tree.find_all(jinja2.nodes.For)):
        steps = jinja2.nodes.Filter(loop.iter, _STEPS, [], [], None, None, lineno=loop.iter.lineno)
        loop.iter = steps.set_environment(environment)


_NOT_EXPORTED = object()


class OfficeSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox narrowed to plain data, a few filters and a budget (see the module)."""

    code_generator_class = MeteredOutput  # output, ~ and slices call emit, joined and getitem below
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})
    template_roots: tuple[tuple[str, str], ...] = ()  # (directory, prefix) to name a file in errors

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.clear()  # range, dict, lipsum, cycler, joiner, namespace
        self.filters = dict(OFFICE_FILTERS)

    # compile time: names, characters, loops

    def compile(
        self,
        source: str | jinja2.nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:  # Jinja's overloads (code, or its source when raw) pass through unchanged
        """Every template is compiled here, from its source: checked and guarded first."""
        if isinstance(source, str):
            tree = self.parse(source, name, filename)
            try:
                _guard(tree, self, name, filename)
            except jinja2.TemplateSyntaxError:
                self.handle_exception(source=source)  # as Jinja reports its own syntax errors
            source = tree
        return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]

    # run time: every output, concatenation, operator, attribute, item and call

    def emit(self, value: Any) -> str:
        text = _text(value)
        _budget().spend(len(text))
        return text

    def joined(self, values: tuple[Any, ...]) -> str:
        texts = [_text(value) for value in values]
        _budget().spend(sum(map(len, texts)))
        return "".join(texts)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        if operator == "%" and isinstance(left, str):
            raise SecurityError("办公室模板不能用 % 格式化文字（它能生成任意长的文字）；请用 ~ 拼接，或 |fill")
        if operator == "**" and type(right) is int and right > 0 and type(left) is int and abs(left) > 1:
            if (abs(left).bit_length() - 1) * right > 64:
                raise SecurityError(f"指数过大：{left} ** {right} 超出 ±2^63 的范围")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, tuple, list)) and type(count) is int:
                    budget.spend(_cost(sequence) * max(count, 0))
        elif operator == "+" and isinstance(left, (str, tuple, list)):
            budget.spend(_cost(left) + _cost(right))
        result = super().call_binop(context, operator, left, right)
        if type(result) is int and abs(result) > _INT_LIMIT:
            raise SecurityError(f"计算结果 {operator} 超出 ±2^63 的范围：模板只需要计数")
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind = type(obj)
        if attribute.startswith("_"):  # Python's internals, on any object (an undefined one too)
            raise SecurityError(f"办公室模板不能读取以 _ 开头的属性“{attribute}”")
        if kind is Record:
            try:
                return obj._fields[attribute]
            except KeyError:
                return self.undefined(f"没有字段“{attribute}”", obj=obj, name=attribute)
        if kind is TemplateModule:
            value = exported(obj, attribute, _NOT_EXPORTED)
            if value is not _NOT_EXPORTED:
                return value
            return self.undefined(f"导入的模板 {module_name(obj)} 中没有定义“{attribute}”", obj=obj, name=attribute)
        if isinstance(obj, str) and attribute in TEXT_METHODS:
            return getattr(obj, attribute)
        if isinstance(obj, jinja2.Undefined):
            return getattr(obj, attribute)  # StrictUndefined: reports the value that is undefined
        if hasattr(kind, attribute) or attribute in getattr(obj, "__dict__", ()):
            allowed = "、".join(sorted(TEXT_METHODS))
            raise SecurityError(
                f"办公室模板不能使用{_kind(obj)}的“{attribute}”：模板只能读取草稿的字段"
                f"和导入模板中定义的名字，文字只能调用 {allowed}"
            )
        return self.undefined(f"{_kind(obj)}没有“{attribute}”", obj=obj, name=attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, slice) and isinstance(obj, (str, tuple, list)):
            part = obj[argument]
            _budget().spend(_cost(part))
            return part
        if isinstance(obj, (str, tuple, list)) and type(argument) is int:
            try:
                return obj[argument]
            except IndexError:
                return self.undefined(f"{_kind(obj)}只有 {len(obj)} 项，没有第 {argument} 项", obj=obj)
        if type(obj) is dict:
            try:
                return obj[argument]
            except (KeyError, TypeError):
                return self.undefined(f"字典中没有“{argument}”", obj=obj)
        if type(obj) is Record and isinstance(argument, str):
            return self.getattr(obj, argument)
        if isinstance(obj, jinja2.Undefined):
            return obj[argument]
        raise SecurityError(f"办公室模板不能对{_kind(obj)}取 [{argument!r}]")

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = _budget()
        budget.tick()
        if isinstance(__obj, (Macro, BlockReference)):  # macros, caller(), super()
            return __context.call(__obj, *args, **kwargs)
        if type(__obj) is BuiltinMethodType and isinstance(__obj.__self__, str) and __obj.__name__ in TEXT_METHODS:
            if __obj.__name__ == "join" and len(args) == 1:
                return _join(args[0], __obj.__self__, strict=True)
            result = __context.call(__obj, *args, **kwargs)
            budget.spend(_cost(result))
            return result
        if isinstance(__obj, jinja2.Undefined):
            return __obj(*args, **kwargs)  # reports what is undefined
        raise SecurityError(f"办公室模板不能调用{_kind(__obj)}：只能调用宏、caller()、super() 和文字的 {'、'.join(sorted(TEXT_METHODS))}")

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return False  # every attribute goes through getattr above; nothing else is let through
