"""pydantic's validation errors in Chinese: the one translation the loader and the models share.

A draft read from a file and a model built in Python code fail the same way: each pydantic
error becomes a :class:`~replygen.errors.Problem` naming the field as the caller wrote it
(``sections[0].topic``) and, when the data came from a file, its line and column.

Only a failed validation imports this module, so it costs nothing while drafts are valid.
"""

from __future__ import annotations

import datetime
import difflib
import re
import typing
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from . import model
from .errors import Problem
from .fieldpath import FieldPath, Positions, format_path, position_of

__all__ = ["problems"]


@lru_cache(maxsize=1)
def _field_names() -> list[str]:
    """Every field name of every model: the candidates for “是不是想写…？”."""
    from .style import Style

    names: set[str] = set(Style.model_fields)  # a style's settings are misspelt too
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, model._Model):
            names.update(obj.model_fields)
    return sorted(names)


@lru_cache(maxsize=1)
def _homes() -> dict[str, list[str]]:
    """Where each field of a draft is written (``seal`` → ``signature``; "" for the top):
    a key that is right but at the wrong level is told where it goes, not that it is a typo."""
    homes: dict[str, list[str]] = {}

    def visit(cls: type[model._Model], where: str, above: tuple[type, ...]) -> None:
        for name, info in cls.model_fields.items():
            if where not in homes.setdefault(name, []):
                homes[name].append(where)
            for inner in _models_in(info.annotation):
                if inner not in above:  # an item's items are items: once is enough
                    visit(inner, f"{where}.{name}" if where else name, (*above, inner))

    for document in (model.Reply, model.Opinion):
        visit(document, "", (document,))
    return homes


def _models_in(annotation: Any) -> list[type[model._Model]]:
    """The draft models inside a field's type: Section in list[Section] | None."""
    if isinstance(annotation, type) and issubclass(annotation, model._Model):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _models_in(arg)]


def _misplaced(key: str) -> str | None:
    homes = _homes().get(key)
    if not homes:
        return None
    if len(homes) > 2:  # paragraphs, text, lead …: many places; the indentation is what is wrong
        return f"“{key}”不能写在这一级；请检查缩进，它应属于上一级或下一级"
    places = "或".join("最外层（顶格写）" if home == "" else f"“{home}”之下" for home in homes)
    return f"“{key}”不能写在这一级，它应写在{places}；请检查缩进"


_QUOTED = re.compile(r"'([^']*)'")

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
    "int_parsing_size": "数字过长",
    "recursion_loop": "数据引用了它自身（循环引用），无法作为草稿内容",
}


def _message(error: ErrorDetails, key: str | None, from_file: bool, in_draft: bool = True) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        misplaced = _misplaced(key or "") if in_draft else None
        if misplaced:
            return misplaced
        # Never the key itself: a field of another level is no typo of its own name.
        candidates = [name for name in _field_names() if name != key]
        guess = difflib.get_close_matches(key or "", candidates, n=1, cutoff=0.6)
        hint = f"；是不是想写“{guess[0]}”？" if guess else "；请检查拼写，或删去这一项"
        return f"未知字段“{key}”{hint}"
    if kind == "string_type" and error.get("input") is None and from_file:
        # `title:` with nothing after it, or `null`/`~`, which YAML reads as no value.
        return "没有填写内容（空着或写了 null、~），请填写文字，或删去这一项"
    if kind == "string_type" and isinstance(error.get("input"), (int, float, bool, datetime.date)):
        # Only code can pass these: the loader hands every value written in a file over as text.
        return "应为文字（str），而不是数字、日期或 true/false"
    if kind == "literal_error":
        # pydantic lists the choices in English ('a', 'b' or 'c'); list them the Chinese way.
        expected = str(ctx.get("expected", ""))
        return f"只能填写以下之一：{'、'.join(_QUOTED.findall(expected)) or expected}"
    if kind in {"json_invalid", "json_type"}:
        return f"不是有效的 JSON 文本（{ctx.get('error', error['msg'])}）"
    if kind in {"value_error", "assertion_error"}:
        return str(ctx.get("error", error["msg"]))
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = ctx.get("ge", ctx.get("le"))
        return f"数值超出范围（{'不小于' if 'ge' in ctx else '不大于'} {bound}）"
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind]
    # A check pydantic added after this table: still say in Chinese that the value is refused.
    return f"这个值不符合要求（{error['msg']}）"


def _real_path(data: Any, loc: tuple[Any, ...]) -> FieldPath:
    """The field path of a pydantic ``loc``, as far as it leads through what the caller wrote."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif (
            isinstance(node, Sequence) and not isinstance(node, str) and isinstance(part, int) and 0 <= part < len(node)
        ):
            # A list from YAML, or a tuple a Python caller passed where a list belongs.
            path.append(part)
            node = node[part]
        elif isinstance(node, (dict, str)) and isinstance(part, str):
            # A missing or unknown key, or a field of a model written as one string
            # (doc_number: 吉科发〔1023〕1号 → doc_number.year): name it, nothing lies below.
            path.append(part)
            node = None
    return tuple(path)


def problems(
    exc: ValidationError,
    data: Any,
    positions: Positions | None = None,
    filename: str | None = None,
    prefix: FieldPath = (),
) -> list[Problem]:
    """One Chinese :class:`Problem` per field that failed, in file order when positions are known.

    ``data`` is what was validated (parsed YAML, or the keyword arguments of a model built in
    code); ``positions`` map its field paths to where they stand in ``filename``, and are None
    when the data did not come from a file (the hints then do not speak of YAML). ``prefix``
    is where the validated part sits in ``data`` (a draft's ``style``).
    """
    found: dict[str, Problem] = {}
    for error in exc.errors(include_url=False):
        path = _real_path(data, prefix + tuple(error["loc"]))
        key = str(path[-1]) if path and isinstance(path[-1], str) else None
        line, column = position_of(positions or {}, path)
        field = format_path(path)
        # A style's settings are a level of their own: a draft's field there is no indentation slip.
        in_draft = exc.title != "Style" and not prefix
        message = _message(error, key, positions is not None, in_draft)
        if error["type"] == "missing":
            message = f"缺少必填字段“{key}”"
        # A value that fails every branch of a union yields one error per branch: keep one.
        found.setdefault(field, Problem(message, filename, line, column, field))
    return sorted(found.values(), key=lambda p: (p.line or 0, p.column or 0, p.field))
