"""Layout profiles: GB/T 9704-2012 numbers as data, overridable by a user's YAML file.

A profile is nested groups of values (see ``profiles/gbt9704.yaml``). A user profile names
its ``base`` and changes only some keys; every key it writes must exist in the base and keep
its type, so a typo is reported instead of being silently ignored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

import yaml

from ..errors import InputError, Problem

__all__ = ["Profile", "ProfileSpec", "builtin_profiles", "load_profile"]

_PROFILE_DIR = Path(__file__).resolve().parents[1] / "profiles"
DEFAULT_PROFILE = "gbt9704"

# Values that must come from a fixed set, and keys that name a font of the ``fonts`` group.
_CHOICES = {
    ("layout", "format"): ("general", "letter"),
    ("header", "docno_align"): ("center", "left", "right"),
}
_FONT_REFS = {("headings", f"h{n}_font") for n in range(1, 5)} | {
    ("header", "signer_name_font"),
    ("header", "mark_font"),
    ("letterhead", "font"),
}

# Text values that may be left empty: the 标志 without “文件”, the 标志 as the issuer's name.
_MAY_BE_EMPTY = {("letterhead", "name"), ("letterhead", "suffix")}

ProfileSpec = Union[str, "os.PathLike[str]", Mapping[str, Any], "Profile", None]


@dataclass(frozen=True, eq=False)
class Profile:
    """A validated layout profile; ``key`` identifies its content for caching."""

    data: Mapping[str, Mapping[str, Any]]
    source: str
    key: str

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Profile) and other.key == self.key

    def __getitem__(self, group: str) -> Mapping[str, Any]:
        return self.data[group]

    def font(self, name: str) -> str:
        """The typeface for a font key such as ``fangsong`` (or a typeface name given directly)."""
        return str(self.data["fonts"].get(name, name))

    @property
    def letter(self) -> bool:
        return str(self.data["layout"]["format"]) == "letter"

    @property
    def text_width_twips(self) -> int:
        """The 版心's width in twips: the page less its left and right margins."""
        page = self.data["page"]
        return round(float(page["width_mm"] - page["left_mm"] - page["right_mm"]) / 25.4 * 1440)

    @property
    def char_twips(self) -> int:
        """One body character's width in twips: indents in characters are counted in these."""
        return round(float(self.data["sizes"]["body_pt"]) * 20)


@lru_cache(maxsize=1)
def _builtin_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in _PROFILE_DIR.glob("*.yaml")))


def builtin_profiles() -> list[str]:
    """The shipped profiles' names (listed once: load_profile asks on every document)."""
    return list(_builtin_names())


def load_profile(spec: ProfileSpec = None) -> Profile:
    """A built-in profile by name, a user's YAML file, or a mapping of overrides."""
    if isinstance(spec, Profile):
        return spec
    if spec is None:
        return _builtin(DEFAULT_PROFILE)
    if isinstance(spec, Mapping):
        return _with_overrides(dict(spec), "<profile>")
    name = str(spec)
    if name in builtin_profiles():
        return _builtin(name)
    return _from_file(Path(name))


@lru_cache(maxsize=8)
def _builtin(name: str) -> Profile:
    path = _PROFILE_DIR / f"{name}.yaml"
    data = _read_yaml(path)
    if "base" in data:  # a built-in variant written as overrides of another built-in
        return _with_overrides(data, name)
    _check_values(data, data, str(path))
    return _freeze(data, name)


@lru_cache(maxsize=8)
def _file_profile(path: str, mtime: float) -> Profile:
    return _with_overrides(_read_yaml(Path(path)), path)


def _from_file(path: Path) -> Profile:
    if not path.is_file():
        raise InputError(Problem(f"找不到版式配置文件；可用内置配置：{'、'.join(builtin_profiles())}", str(path)))
    return _file_profile(str(path), path.stat().st_mtime)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        # libyaml when PyYAML has it: the pure-Python parser took a tenth of a cold render.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(f"无法读取版式配置文件：{exc}", str(path))) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(Problem("版式配置文件不是有效的 YAML，请检查缩进和冒号", str(path), line)) from None
    if not isinstance(data, dict):
        raise InputError(Problem("版式配置文件应由“分组: {键: 值}”组成", str(path)))
    return data


def _with_overrides(overrides: dict[str, Any], source: str) -> Profile:
    base_name = str(overrides.pop("base", DEFAULT_PROFILE))
    if base_name not in builtin_profiles():
        raise InputError(Problem(f"base 只能是内置配置：{'、'.join(builtin_profiles())}", source, field="base"))
    base = _builtin(base_name)
    merged = {group: dict(values) for group, values in base.data.items()}
    problems: list[Problem] = []
    for group, values in overrides.items():
        if group == "letterhead" and isinstance(values, bool):
            values = {"enabled": values}  # `letterhead: true`, the one setting most offices need
        if group not in merged:
            problems.append(Problem(f"没有名为“{group}”的分组", source, field=str(group)))
            continue
        if not isinstance(values, dict):
            problems.append(Problem("这里应写“键: 值”", source, field=str(group)))
            continue
        for key, value in values.items():
            problems.extend(_check_override(merged[group], group, key, value, source))
            merged[group][key] = value
    if problems:
        raise InputError(problems)
    _check_values(merged, overrides, source)
    return _freeze(merged, source)


def _check_override(group_values: dict[str, Any], group: str, key: str, value: Any, source: str) -> list[Problem]:
    field = f"{group}.{key}"
    if key not in group_values:
        return [Problem(f"“{group}”分组中没有“{key}”这一项", source, field=field)]
    old = group_values[key]
    if isinstance(old, bool) or isinstance(value, bool):
        ok = isinstance(old, bool) and isinstance(value, bool)
        kind = "true 或 false"
    elif isinstance(old, (int, float)):
        ok = isinstance(value, (int, float))
        kind = "数字"
    else:
        ok = isinstance(value, str) and (bool(value.strip()) or (group, key) in _MAY_BE_EMPTY)
        kind = "文字"
    return [] if ok else [Problem(f"这一项应填{kind}", source, field=field)]


def _check_values(data: Mapping[str, Any], written: Mapping[str, Any], source: str) -> None:
    problems = []
    for (group, key), allowed in _CHOICES.items():
        if data[group][key] not in allowed:
            problems.append(Problem(f"只能是 {' 或 '.join(allowed)}", source, field=f"{group}.{key}"))
    for group, key in _FONT_REFS:
        if data[group][key] not in data["fonts"]:
            names = "、".join(k for k in data["fonts"] if k != "clause")
            problems.append(Problem(f"应填 fonts 分组中的一个字体键：{names}", source, field=f"{group}.{key}"))
    if problems:
        raise InputError(problems)


def _freeze(data: Mapping[str, Any], source: str) -> Profile:
    key = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Profile(data=data, source=source, key=key)
