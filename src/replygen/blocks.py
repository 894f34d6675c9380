"""The block stream: what templates produce and every writer consumes.

Templates are written with a small tag markup whose element names are 公文 roles::

    <title>…</title>   <h1>一、…</h1>   <p level="3"><lead level="3">1.…</lead>…</p>

The tags are read when a template is compiled, not when it runs: :func:`compile_tags` turns
each tag in the template's own text into a control character that no document text can hold
(the model refuses them). A running template therefore only concatenates strings, no
autoescaping is needed, and whatever a field holds (``<title>``, ``&lt;``) can never become
markup. :func:`parse_blocks` splits the rendered stream back into blocks, and
:func:`block_texts` into the (role, text) pairs plain text needs. Writers (text, .docx) never
see Jinja or the model.

Block roles::

    meta        one line of the website's 信息公开 header (not part of the letter)
    mark        分类标识 at the top right, e.g. “A类”
    draft       a draft marker such as 征求意见稿
    signer      签发人 line
    docno       发文字号 in the 版头: the .docx sets it above the title (GB/T 9704 §7.2.5)
    docline     a centred line kept where the template puts it: a header line such as
                “××县民政局文件”, or a 发文字号 the house style places below the title
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
    printer     印发机关 (in the 版记)
    printed     印发日期, ending in “印发”

Inline inside ``p``: ``<lead level="N">`` — a run-in lead that takes heading level N's font.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

__all__ = [
    "BLOCK_ROLES", "Block", "Run", "TagError", "block_texts", "compile_tags", "display_width", "letter_start", "parse_blocks",
    "stream_to_markup",
]  # fmt: skip

BLOCK_ROLES = frozenset(
    {
        "meta", "mark", "draft", "signer", "docno", "docline", "title", "salutation", "p",
        "h1", "h2", "h3", "h4", "attachment", "signature", "date", "note", "contact", "cc",
        "printer", "printed",
    }
)  # fmt: skip

_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}


class Run(NamedTuple):
    """A stretch of text; ``lead`` is the heading level of a run-in lead, else 0."""

    text: str
    lead: int = 0


class Block(NamedTuple):
    """One paragraph of the output with its 公文 role."""

    role: str
    runs: tuple[Run, ...]
    level: int = 0

    @property
    def text(self) -> str:
        runs = self.runs
        return runs[0].text if len(runs) == 1 else "".join([run.text for run in runs])


def display_width(text: str) -> float:
    """Width in full-width characters, as a CJK font sets it: every writer places by this.

    East Asian "ambiguous" characters (“ ” ‘ ’ — … ·) are full width in 仿宋 and 宋体, so
    they count one; other half-width characters (digits, Latin letters) count one half.
    """
    if text.isascii():
        return len(text) * 0.5
    return _width_of_text(text)


@functools.lru_cache(maxsize=1024)
def _width_of_text(text: str) -> float:
    # Laying out a title or a 落款 measures the same few strings many times over.
    width = unicodedata.east_asian_width
    return sum([1.0 if width(c) in "WFA" else 0.5 for c in text])


# --- the stream's control characters ------------------------------------------------
# U+0001–U+0004: the model refuses them in any text (a .docx cannot hold them either), so
# they mark structure unambiguously; and unlike U+001C–U+001F, Python does not count them as
# whitespace, so a template's |trim or {% filter trim %} leaves them alone.
_OPEN = "\x01"  # starts a block:  _OPEN role [" " level] _HEAD
_LEAD = "\x02"  # starts a lead:   _LEAD level _HEAD
_CLOSE = "\x03"  # ends the innermost element:  _CLOSE name _HEAD
_HEAD = "\x04"  # ends the header of an opening or closing mark
_MARKS = re.compile(f"[{_OPEN}{_LEAD}{_CLOSE}{_HEAD}]")

_TAG_NAMES = BLOCK_ROLES | {"lead"}
_TAG = re.compile(r'<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z_:-]+\s*=\s*"[^"<>]*")*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'([A-Za-z_:-]+)\s*=\s*"([^"]*)"')
# What is left of a tag the pattern above could not read: <p level=3>, <p level='3'> …
_MISWRITTEN_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?=\s*/?>|\s+[A-Za-z_:-]+\s*=)")
_PARTIAL_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?$")


class TagError(ValueError):
    """A tag no template may write; ``offset`` is where it starts in the text given."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def _tag_mark(match: re.Match[str]) -> str:
    try:
        return _mark_for(*match.groups())
    except ValueError as exc:
        raise TagError(str(exc), match.start()) from None


def _mark_for(closing: str, name: str, attributes: str, empty: str) -> str:
    if name not in _TAG_NAMES:
        raise ValueError(f"未知的标记 <{closing}{name}>，可用的有：{', '.join(sorted(BLOCK_ROLES))} 和 lead")
    if empty:
        raise ValueError(f"标记 <{name}/> 不能自闭合，请写成 <{name}>…</{name}>")
    if closing:
        if attributes.strip():
            raise ValueError(f"结束标记 </{name}> 不能带属性")
        return _CLOSE + name + _HEAD
    found = _ATTRIBUTE.findall(attributes)
    if found and name not in {"p", "lead"}:
        raise ValueError(f"<{name}> 不能带属性（级别只用于 <p> 和 <lead>，标题的级别由名称 h1～h4 决定）")
    if len(found) > 1:
        raise ValueError(f"<{name}> 只能带一个 level")
    level = ""
    for key, value in found:
        if key != "level" or value not in {"1", "2", "3", "4"}:
            raise ValueError(f'标记 <{name}> 只能带 level="1"～"4"，不能带 {key}="{value}"')
        level = value
    if name == "lead":
        return _LEAD + (level or "1") + _HEAD
    return _OPEN + name + (" " + level if level else "") + _HEAD


def compile_tags(text: str, *, before_code: bool = False) -> str:
    """A template's literal text with its tags turned into stream marks.

    ``before_code``: the text is followed by ``{{ … }}`` or ``{% … %}``, which must not
    complete a tag it ends with (``<h{{ n }}>``, ``<{{ role }}>``): tags are written in full.
    Raises :class:`TagError` for an unknown, miswritten or unfinished tag.
    """
    if "<" not in text:
        return text
    out = _TAG.sub(_tag_mark, text)
    if "<" in out:  # something tag-like may be left; look for it where the tags are blanked
        blanked = _TAG.sub(lambda match: " " * len(match.group()), text)
        partial = _PARTIAL_TAG.search(blanked) if before_code else None
        if partial and any(name.startswith(partial.group(1)) for name in _TAG_NAMES):
            message = f"标记“{partial.group()[:20]}”没有写完整：标记中不能插入 {{{{ }}}} 等模板语句"
            raise TagError(message, partial.start())
        miswritten = _MISWRITTEN_TAG.search(blanked)
        if miswritten:
            tag = blanked[miswritten.start() :].split(">")[0][:30]
            raise TagError(f'标记“{tag}>”写法有误：属性须写成 level="1"（双引号），且只能有一个', miswritten.start())
        if before_code and (text.endswith("<") or text.endswith("</")):
            raise TagError("“<”之后紧接着 {{ }}：标记须写完整，不能由模板语句生成", text.rfind("<"))
    return out


def letter_start(stream: str) -> int:
    """Where the letter begins: after the website's 信息公开 header, whose meta blocks come first."""
    return max(0, stream.rfind(_CLOSE + "meta" + _HEAD))


# A block: layout before it, its role and level, an optional lead at its start (the usual
# place), the rest of its text, and a closing mark naming the same role. The text is scanned
# with a single-character negation ([^\x03]*), which the regex engine runs fast; marks that it
# lets through (another block's start, a further lead) are caught by counting. A lead's own
# text, short, also excludes lead marks: a lead cannot hold another.
_BLOCK = re.compile(
    f"\\s*{_OPEN}([a-z0-9]+)(?: ([1-4]))?{_HEAD}"
    f"(?:{_LEAD}([1-4]){_HEAD}([^{_LEAD}{_CLOSE}]*){_CLOSE}lead{_HEAD})?"
    f"([^{_CLOSE}]*(?:{_CLOSE}lead{_HEAD}[^{_CLOSE}]*)*){_CLOSE}\\1{_HEAD}"
)
_LEVEL = {None: 0, "1": 1, "2": 2, "3": 3, "4": 4}


class _Columns(NamedTuple):
    """A checked stream's blocks, column by column, as the block regex reads them."""

    roles: list[str]
    levels: list[str | None]
    lead_levels: list[str | None]  # None where a block does not open with a lead
    leads: list[str | None]
    bodies: list[str]  # the rest of each block, which may hold further leads
    further_leads: bool  # some lead stands inside a text, not at its block's start


def _columns(stream: str) -> _Columns:
    """Check that the stream is well formed and read its blocks.

    Raises ValueError, in the template author's terms, if the stream is malformed.
    """
    # re.split does the scanning in C. What lies outside the blocks comes at every sixth place
    # and must be empty (the last may be layout); then one role, level, lead level, lead, text.
    parts = _BLOCK.split(stream)
    outside, roles = parts[::6], parts[1::6]
    # The regex checked the shape of each block, but its texts may still hold marks: count them.
    # A block opened inside another shows in the first count. When every lead opens its block,
    # any other stray mark unbalances the count of _HEAD; when some lead stands inside a text,
    # the texts are read, and checked, lead by lead (_runs_with_leads).
    opens, leads = stream.count(_OPEN), stream.count(_LEAD)
    bodies = parts[5::6]
    if opens != len(roles) and any(_OPEN in text for text in bodies + [t for t in parts[4::6] if t]):
        raise ValueError("块中不能再有块：一个块结束之前又开始了另一个块")
    if any(outside[:-1]) or outside[-1].strip():
        raise _malformed(next(text for text in outside if text.strip()))
    if not BLOCK_ROLES.issuperset(roles):
        raise ValueError(f"模板输出了未知的块类型 <{next(r for r in roles if r not in BLOCK_ROLES)}>")
    if stream.count(_HEAD) != 2 * (opens + leads):
        raise ValueError("<lead> 须成对，只能在块中，其中不能再有标记")
    lead_levels = parts[3::6]
    further_leads = leads != len(lead_levels) - lead_levels.count(None)
    return _Columns(roles, parts[2::6], lead_levels, parts[4::6], bodies, further_leads)


def parse_blocks(stream: str) -> list[Block]:
    """Split a rendered stream into blocks; whitespace between blocks is layout, not text."""
    roles, levels, lead_levels, leads, bodies, further_leads = _columns(stream)
    blocks = []
    for role, level, lead_level, lead, body in zip(roles, levels, lead_levels, leads, bodies):
        if further_leads:
            runs = _runs_with_leads(lead_level, lead, body)
        elif lead_level is None:  # the common case: no lead, at most one run
            runs = (Run(body),) if body else ()
        else:  # a lead opens the block (the regex matched its text, so it is a str)
            runs = tuple(Run(text, level_of) for text, level_of in ((lead or "", _LEVEL[lead_level]), (body, 0)) if text)
        blocks.append(Block(role, runs, _HEADING_LEVEL.get(role) or _LEVEL[level]))
    return blocks


def block_texts(stream: str) -> list[tuple[str, str]]:
    """Each block's role and its whole text, leads included: all that plain text needs.

    The same as ``[(b.role, b.text) for b in parse_blocks(stream)]``, with the same checks,
    but without building runs; that saves a fifth of a text render.
    """
    roles, _, lead_levels, leads, bodies, further_leads = _columns(stream)
    if not further_leads:
        return list(zip(roles, [body if lead is None else lead + body for lead, body in zip(leads, bodies)]))
    return [
        (role, "".join([run.text for run in _runs_with_leads(lead_level, lead, body)]))
        for role, lead_level, lead, body in zip(roles, lead_levels, leads, bodies)
    ]


def _runs_with_leads(lead_level: str | None, lead: str | None, body: str) -> tuple[Run, ...]:
    """An optional lead at the start, then ``text <lead>lead</lead> text …``."""
    runs = [] if lead_level is None or not lead else [Run(lead, _LEVEL[lead_level])]
    pieces = body.split(_LEAD)
    if _CLOSE in pieces[0]:
        raise ValueError("</lead> 之前没有对应的 <lead>")
    if pieces[0]:
        runs.append(Run(pieces[0]))
    for n, piece in enumerate(pieces[1:], 2):
        level, _, rest = piece.partition(_HEAD)
        text, closed, tail = rest.partition(_CLOSE + "lead" + _HEAD)
        if not closed and n < len(pieces):
            raise ValueError("<lead> 之中不能再有 <lead>")
        if not closed or level not in _LEVEL or _CLOSE in tail:
            raise ValueError("<lead> 须成对，其中不能再有标记")
        if text:
            runs.append(Run(text, _LEVEL[level]))
        if tail:
            runs.append(Run(tail))
    return tuple(runs)


def _malformed(rest: str) -> ValueError:
    """Why the stream cannot be read from ``rest`` on, in the template author's terms."""
    rest = rest.lstrip()
    if rest.startswith(_CLOSE):
        return ValueError(f"多余的结束标记 </{rest[1:].partition(_HEAD)[0]}>")
    if rest.startswith(_LEAD):
        return ValueError("<lead> 只能出现在块之中")
    if not rest.startswith(_OPEN):
        text = _MARKS.split(rest, maxsplit=1)[0].strip()
        return ValueError(f"模板在块之外输出了文字：{text[:20]}")
    role = rest[1:].partition(_HEAD)[0].partition(" ")[0]
    if role not in BLOCK_ROLES:
        return ValueError(f"模板输出了未知的块类型 <{role}>")
    return ValueError(f"<{role}> 没有以 </{role}> 正确结束，或其中有不能出现的标记（块不能嵌套，<lead> 须成对）")


_STREAM_MARK = re.compile(f"([{_OPEN}{_LEAD}])([^{_HEAD}]*){_HEAD}|{_CLOSE}([^{_HEAD}]*){_HEAD}")


def stream_to_markup(stream: str) -> str:
    """The stream written back as tags, for reading a template's output while debugging it.

    Text is printed as is: a ``<`` in a field is not escaped.
    """

    def tag(match: re.Match[str]) -> str:
        kind, head, closing = match.groups()
        if closing is not None:
            return f"</{closing}>"
        name, _, level = head.partition(" ") if kind == _OPEN else ("lead", "", head)
        return f'<{name} level="{level}">' if level else f"<{name}>"

    return _STREAM_MARK.sub(tag, stream)
