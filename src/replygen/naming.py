"""Output file names: built from a pattern, safe on Windows, never leaving the output folder."""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_PATTERN", "PATTERN_FIELDS", "STEM_PATTERN", "check_pattern", "name_fields", "output_name", "safe_filename"]

DEFAULT_PATTERN = "{number}-{proposer}"  # batch's: a session's files by proposal
STEM_PATTERN = "{stem}"  # render's: the draft's own file name

PATTERN_FIELDS = {
    "number": "提案号，如 2023W316",
    "proposer": "提案人，几位时用“、”连接",
    "meeting": "会议名称",
    "issuer": "发文机关",
    "title": "提案案由（实施意见为事由或标题）",
    "stem": "YAML 文件名（不含扩展名）",
}

# Windows refuses these names whatever the extension (CON.txt is still the console).
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{prefix}{n}" for prefix in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]
}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Room for the suffix and the temporary name atomic_write uses, within 255 bytes.
_MAX_BYTES = 180


def check_pattern(pattern: str) -> None:
    """Raise ``ValueError`` (in Chinese) when ``pattern`` names a field we do not know."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError as exc:
        raise ValueError(f"文件名模式“{pattern}”写法有误：{exc}；花括号要成对，如 {DEFAULT_PATTERN}") from None
    unknown = [name for name in fields if name not in PATTERN_FIELDS]
    if unknown:
        choices = "、".join(f"{{{k}}}" for k in PATTERN_FIELDS)
        raise ValueError(f"文件名模式中的 {{{unknown[0]}}} 无法识别；可用：{choices}")


def name_fields(doc: Any, source: str | Path) -> dict[str, str]:
    """The values a pattern may use, taken from a loaded document and its file name."""
    fields = dict.fromkeys(PATTERN_FIELDS, "")
    fields["stem"] = Path(source).stem
    fields["issuer"] = str(doc.issuer)
    if doc.kind == "reply":
        fields["number"] = doc.proposal.number
        fields["proposer"] = "、".join(doc.proposer.name)
        fields["meeting"] = doc.proposal.meeting
        fields["title"] = doc.proposal.title
    else:
        fields["title"] = doc.title or doc.subject or ""
    return fields


def output_name(pattern: str, fields: dict[str, str]) -> str:
    """Fill ``pattern``; when a field it uses is empty, fall back to the YAML file's name."""
    used = [name for _, name, _, _ in string.Formatter().parse(pattern) if name]
    if any(not fields.get(name) for name in used):
        return safe_filename(fields.get("stem", ""))
    return safe_filename(pattern.format(**fields))


def safe_filename(name: str) -> str:
    """One path component any Windows or POSIX system accepts, with no way to climb out."""
    name = unicodedata.normalize("NFC", name)
    name = _FORBIDDEN.sub("_", name)  # slashes included, so a name never holds a directory
    name = re.sub(r"\s+", " ", name).strip()
    name = name.lstrip(".").rstrip(". ")  # Windows drops trailing dots; leading ones hide files
    while len(name.encode("utf-8")) > _MAX_BYTES:
        name = name[:-1].rstrip(". ")
    if not name:
        return "未命名"
    if name.split(".")[0].rstrip(" ").upper() in _RESERVED:
        name = "_" + name
    return name
