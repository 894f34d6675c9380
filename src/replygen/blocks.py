"""The block stream: what templates produce and every writer consumes.

Templates render a small XML-like markup whose element names are 公文 roles. Jinja
autoescaping guarantees user text can never add an element, and the standard library's
expat parser reads the markup back. Writers (text, .docx) never see Jinja or the model.

Block roles::

    meta        one line of the website's 信息公开 header (not part of the letter)
    mark        分类标识 at the top right, e.g. “A类”
    draft       a draft marker such as 征求意见稿
    signer      签发人 line
    docno       发文字号
    title       标题
    salutation  主送机关 / 称谓, flush left, ending with “：”
    p           body paragraph; attribute ``level`` (1–4) when it opens a numbered level
    h1 … h4     a heading on its own line at that level
    attachment  附件说明 line
    signature   署名
    date        成文日期
    note        附注, e.g. （此件公开发布）
    contact     联系人 and 联系电话
    cc          抄送 (in the 版记)

Inline inside ``p``: ``<lead level="N">`` — a run-in lead that takes heading level N's font.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

__all__ = ["BLOCK_ROLES", "Block", "Run", "parse_blocks"]

BLOCK_ROLES = frozenset(
    {
        "meta", "mark", "draft", "signer", "docno", "title", "salutation", "p",
        "h1", "h2", "h3", "h4", "attachment", "signature", "date", "note", "contact", "cc",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Run:
    """A stretch of text; ``lead`` is the heading level of a run-in lead, else 0."""

    text: str
    lead: int = 0


@dataclass(frozen=True)
class Block:
    """One paragraph of the output with its 公文 role."""

    role: str
    runs: tuple[Run, ...]
    level: int = 0
    attrs: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def parse_blocks(markup: str) -> list[Block]:
    """Read rendered markup into blocks; whitespace between blocks is layout, not text."""
    try:
        root = ET.fromstring(f"<doc>{markup}</doc>")
    except ET.ParseError as exc:  # only a broken template can cause this
        raise ValueError(f"模板输出的标记无法解析：{exc}") from None
    if root.text and root.text.strip():
        raise ValueError(f"模板在块之外输出了文字：{root.text.strip()[:20]}")
    blocks: list[Block] = []
    for element in root:
        if element.tail and element.tail.strip():
            raise ValueError(f"模板在块之外输出了文字：{element.tail.strip()[:20]}")
        if element.tag not in BLOCK_ROLES:
            raise ValueError(f"模板输出了未知的块类型 <{element.tag}>")
        runs: list[Run] = []
        if element.text:
            runs.append(Run(element.text))
        for child in element:
            if child.tag != "lead":
                raise ValueError(f"<{element.tag}> 中不能有 <{child.tag}>")
            runs.append(Run(child.text or "", int(child.get("level", "1"))))
            if child.tail:
                runs.append(Run(child.tail))
        attrs = dict(element.attrib)
        level = int(attrs.pop("level", 0) or 0)
        if element.tag[0] == "h" and element.tag[1:].isdigit():
            level = int(element.tag[1:])
        blocks.append(Block(element.tag, tuple(r for r in runs if r.text), level, attrs))
    return blocks
