"""Deadlines: when a proposal must be answered, from a rule kept as data.

The built-in rule (``rules/deadlines.yaml``) is the common one: three months from 交办 for the
主办 or 分办 unit, one month for a 会办意见, three more months with an approved extension. An
office overrides any part in a small YAML file of its own, and a draft overrides its own date
with ``handling.due_on``.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Problem

__all__ = ["DeadlineRules", "ROLES", "add_months", "due_date", "load_rules"]

ROLES = ("主办", "会办", "分办")
_BUILTIN = Path(__file__).with_name("rules") / "deadlines.yaml"
_KEYS = {"months", "extension_months", "fixed"}
_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


@dataclass(frozen=True)
class DeadlineRules:
    """Months after 交办 per role, the extension, and fixed calendar dates per role."""

    months: dict[str, int] = field(default_factory=dict)
    extension_months: int = 0
    # A full date applies as it is; a (month, day) pair falls in the year of 交办.
    fixed: dict[str, _dt.date | tuple[int, int]] = field(default_factory=dict)


def add_months(day: _dt.date, months: int) -> _dt.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return _dt.date(year, month + 1, min(day.day, last))


def due_date(
    role: str | None,
    assigned_on: _dt.date | None,
    *,
    due_on: _dt.date | None = None,
    extended: bool = False,
    rules: DeadlineRules | None = None,
) -> _dt.date | None:
    """The date by which the reply is due, or None when neither a date nor 交办 is known."""
    if due_on is not None:
        return due_on  # the draft's own date wins over any rule
    rules = rules or load_rules()
    role = role or "主办"
    fixed = rules.fixed.get(role)
    if isinstance(fixed, _dt.date):
        return fixed
    if assigned_on is None:
        return None
    if fixed is not None:
        month, day = fixed
        return _dt.date(assigned_on.year, month, min(day, calendar.monthrange(assigned_on.year, month)[1]))
    months = rules.months.get(role, rules.months.get("主办", 3))
    if extended:
        months += rules.extension_months
    return add_months(assigned_on, months)


def load_rules(path: str | os.PathLike[str] | None = None) -> DeadlineRules:
    """The built-in rule, with the office's file at ``path`` laid over it."""
    base = _read(_BUILTIN)
    if path is None:
        return _build(base, {}, str(_BUILTIN), {})
    from .loader import parse_yaml, read_text

    name = str(path)
    data, positions = parse_yaml(read_text(path), name)
    return _build(base, data, name, positions)


def _read(path: Path) -> dict[str, Any]:
    import yaml

    with path.open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


def _build(base: dict[str, Any], office: dict[str, Any], name: str, positions: Any) -> DeadlineRules:
    from .fieldpath import format_path, position_of

    problems: list[Problem] = []

    def refuse(path: tuple[str, ...], message: str) -> None:
        line, column = position_of(positions, path)
        problems.append(Problem(message, name, line, column, format_path(path)))

    for key in office:
        if key not in _KEYS:
            refuse((str(key),), f"未知字段“{key}”，只能写 {'、'.join(sorted(_KEYS))}")
    months = dict(base.get("months") or {})
    for role, value in _mapping(office, "months", refuse).items():
        if role not in ROLES:
            refuse(("months", role), f"办理方式只能是 {'、'.join(ROLES)}")
        elif _month_count(value) is None:
            refuse(("months", role), "月数应是 0 到 24 之间的整数")
        else:
            months[role] = _month_count(value)
    extension = _month_count(office.get("extension_months", base.get("extension_months", 0)))
    if extension is None:
        refuse(("extension_months",), "延期月数应是 0 到 24 之间的整数")
        extension = 0
    fixed: dict[str, _dt.date | tuple[int, int]] = {}
    for role, value in {**(base.get("fixed") or {}), **_mapping(office, "fixed", refuse)}.items():
        day = _fixed_day(value)
        if role not in ROLES:
            refuse(("fixed", role), f"办理方式只能是 {'、'.join(ROLES)}")
        elif day is None:
            refuse(("fixed", role), f"固定日期“{value}”无法识别，应写成 06-30（每年）或 2024-06-30")
        else:
            fixed[role] = day
    if problems:
        raise InputError(problems)
    return DeadlineRules(months=months, extension_months=extension, fixed=fixed)


def _month_count(value: Any) -> int | None:
    """A count of months from 0 to 24, written as digits (the loader gives text as typed)."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 24:
        return None
    return value


def _mapping(data: dict[str, Any], key: str, refuse: Any) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        refuse((key,), "应写成“办理方式: 值”的形式，如 主办: 3")
        return {}
    return value


def _fixed_day(value: Any) -> _dt.date | tuple[int, int] | None:
    from .model import _parse_date

    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _MONTH_DAY.match(value)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        try:
            _dt.date(2024, month, day)  # a leap year, so 02-29 is accepted
        except ValueError:
            return None
        return month, day
    try:
        parsed = _parse_date(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, _dt.date) else None
