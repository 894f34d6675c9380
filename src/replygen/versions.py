"""The letter's other versions, cut from its rendered blocks.

- The **body** for the online 提案办理系统: salutation to closing, nothing else. The system
  adds title, 文号 and signature itself, and some cap the length, so its characters are counted.
- The **published** version for 信息公开: the website's header on top, the contact lines and
  the 征求意见稿 mark removed; a reply marked 不予公开 is refused.

Both work on the block stream, so an office's own templates shape them as they shape the letter.
"""

from __future__ import annotations

from typing import Any

from .blocks import Block
from .errors import InputError, Problem

__all__ = ["BODY_ROLES", "body_blocks", "body_length", "body_limit", "body_text", "limit_warning", "publication_blocks"]

# What the system's text box takes: the salutation and the body's paragraphs and headings.
BODY_ROLES = frozenset({"salutation", "p", "h1", "h2", "h3", "h4"})
_INDENT = "\u3000\u3000"
# Never part of what the 办理系统 gets, nor of a published page.
_PUBLICATION_DROPS = frozenset({"contact", "draft"})


def body_blocks(blocks: list[Block], doc: Any) -> list[Block]:
    """The blocks from the salutation to the closing.

    A class label the style sets after the body and the style's lines before the 署名 are
    paragraphs too, but not the letter's body: they are dropped from its end.
    """
    from .formulas import effective_style, formulas

    kept = [b for b in blocks if b.role in BODY_ROLES]
    f = formulas(doc)
    tail = set(f.before_signature)
    if f.class_label and effective_style(doc).class_place == "正文后":
        tail.add(f.class_label)
    while kept and kept[-1].role == "p" and kept[-1].text in tail:
        tail.discard(kept.pop().text)
    return kept


def body_text(blocks: list[Block], *, indent: bool = False) -> str:
    """One paragraph a line; ``indent`` puts two full-width spaces before each (not the salutation)."""
    lines = [(_INDENT if indent and b.role != "salutation" else "") + b.text for b in blocks]
    return "\n".join(lines) + "\n" if lines else ""


def body_length(text: str) -> int:
    """Characters as the system counts what is pasted: line breaks and the indent left out."""
    return sum(len(line.removeprefix(_INDENT)) for line in text.splitlines())


def body_limit(doc: Any) -> int | None:
    """The cap the office's style sets for the 办理系统 body, if any."""
    from .formulas import effective_style

    return getattr(effective_style(doc), "body_limit", None)


def limit_warning(name: str, length: int, limit: int | None) -> str | None:
    """The warning when a body is longer than the office's cap; None within it."""
    if limit is None or length <= limit:
        return None
    return f"{name}: 正文 {length} 字，超过本单位格式 body_limit 规定的 {limit} 字（多 {length - limit} 字），办理系统可能无法提交"


def publication_blocks(blocks: list[Block], doc: Any, source: str | None = None) -> list[Block]:
    """The published version's blocks; a reply that is not to be published is refused.

    The header (索引号, 分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期) comes from the draft's
    ``publication``, so a draft without one cannot be published: the page would lack its 索引号.
    """
    if doc.disclosure == "不予公开":
        raise InputError(
            _problem(
                doc,
                source,
                ("disclosure",),
                f"公开属性为“不予公开”（理由：“{doc.disclosure_reason}”），不能生成信息公开版本；"
                "确需公开时请先改 disclosure",
            )
        )
    if doc.publication is None:
        raise InputError(
            _problem(
                doc,
                source,
                ("publication",),
                "生成信息公开版本需要填写 publication（索引号 index_no，可加分类 category、成文日期 written_date、发布日期 published_date），照抄网站",
            )
        )
    return [b for b in blocks if b.role not in _PUBLICATION_DROPS]


def _problem(doc: Any, source: str | None, path: tuple[str | int, ...], message: str) -> Problem:
    """A problem at ``path`` of the draft, with its line and column when the file is at hand."""
    from .fieldpath import format_path

    line, column = _position(source, path) if source else (None, None)
    return Problem(message, source, line, column, format_path(path))


def _position(source: str, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    """Where ``path`` stands in the draft file ``source``; (None, None) when it cannot be read."""
    from .fieldpath import position_of
    from .loader import check_text, read_text

    try:
        _, _, positions, _, _ = check_text(read_text(source), source, marks=True)
    except InputError:
        return None, None
    return position_of(positions, path)
