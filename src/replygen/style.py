"""House style: how one office writes the genre, stated once as data.

A draft names a style file (``style: office-style.yaml``, relative to the draft), sets parts
inline (``style: {closing: [专此答复。]}``), or both (``style: {file: office-style.yaml, …}``).
Every setting has a default, the wording of :mod:`.genre`, which renders the source documents
exactly. Wording settings are patterns: text with placeholders in braces, ``{会议}``, filled
from the draft; each setting accepts only the placeholders listed for it, so a misspelt one
is an error at its line, never a blank in a letter.

:func:`formulas` works every formula out once per document, in Python, for the templates.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from . import genre

if TYPE_CHECKING:
    from .model import Opinion, Reply

__all__ = [
    "DEFAULT_STYLE", "PLACEHOLDERS", "Formulas", "Style", "effective_style", "fill", "formulas", "pattern_regex",
    "plain_style", "setting_rows", "style_init_text", "yaml_value",
]  # fmt: skip

# --- placeholders ----------------------------------------------------------------------

PLACEHOLDERS = {
    "发文机关": "发文机关全称（issuer）",
    "句式": "标题句式：对、关于对或关于（草稿的 title_form）",
    "会议": "会议，如“省政协十三届一次会议”",
    "提案号": "提案号，如 2023W316",
    "案由": "提案或建议的标题（不含《》）",
    "提案类别": "提案类别：草稿的 proposal.kind，不填时为“委员提案”“代表建议”或“单位名称+提案”",
    "姓名": "提案人姓名，几位时用顿号连接；会办意见中为主办单位",
    "后缀": "委员、代表或空（单位、会办意见）",
    "提案人": "姓名加后缀，如“费日晨委员”“民建省委会”",
    "称呼": "您、你们或贵单位",
    "我": "本机关自称，如“我厅”“我委”，不认识时为“我们”",
    "以下简称": "开头语中的“（以下简称《建议》）”，草稿未填简称时为空",
    "简称": "提案的简称，如“建议”",
    "主题": "一节所答复建议的主题",
    "感谢对象": "结束语的感谢对象（closing.thanks_for）",
    "关注对象": "结束语的关注对象，不填时同感谢对象",
    "贡献对象": "结束语的贡献对象（closing.contribute_to）",
    "新的": "closing.new_contribution 为 true 时是“新的”，否则为空",
    "结束语": "草稿的结束语：按感谢公式生成的一句，或 closing 中自拟的文字",
    "类别": "办理结果类别（result_class），如 A、B",
    "承办单位": "联系信息中的承办单位（contact.unit）",
    "联系人": "联系人、承办人（contact.person）",
    "联系电话": "联系电话（contact.phone）",
    "承办负责人": "承办负责人（contact.head）",
}

_COMMON = frozenset({"发文机关", "句式", "会议", "提案号", "案由", "提案类别", "姓名", "后缀", "提案人", "称呼", "我"})
_THANKS = _COMMON | {"感谢对象", "关注对象", "贡献对象", "新的"}
_CONTACT = frozenset({"承办单位", "联系人", "联系电话", "承办负责人"})

_PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")


@lru_cache(maxsize=256)
def _pieces(pattern: str) -> tuple[tuple[str, str], ...]:
    """``pattern`` as (literal text, placeholder name) pairs, the last name empty."""
    out: list[tuple[str, str]] = []
    start = 0
    for match in _PLACEHOLDER.finditer(pattern):
        out.append((pattern[start : match.start()], match.group(1)))
        start = match.end()
    out.append((pattern[start:], ""))
    return tuple(out)


@lru_cache(maxsize=256)
def _format_string(pattern: str) -> str:
    """``pattern`` as a str.format string: literal braces doubled, placeholders kept.

    Only a validated pattern reaches here, so every field is a plain known name: format's
    attribute and index syntax ({a.b}, {a[0]}) cannot occur.
    """
    return "".join(
        text.replace("{", "{{").replace("}", "}}") + (f"{{{name}}}" if name else "") for text, name in _pieces(pattern)
    )


def fill(pattern: str, values: dict[str, str]) -> str:
    """The pattern with each placeholder replaced by its value (formatting runs in C)."""
    return _format_string(pattern).format_map(values)


def pattern_regex(pattern: str, groups: dict[str, tuple[str, str]]) -> re.Pattern[str]:
    """A regex that reads text written by ``pattern``: each placeholder a named group.

    ``groups`` maps a placeholder to (group name, regex); a placeholder used twice is read
    the second time as the same text. The importer reads the formulas back this way.
    """
    out, seen = [], set()
    for text, name in _pieces(pattern):
        out.append(re.escape(text))
        if not name:
            continue
        group, expression = groups[name]
        out.append(f"(?P={group})" if group in seen else f"(?P<{group}>{expression})")
        seen.add(group)
    return re.compile("^" + "".join(out) + "$")


def _names_in(pattern: str) -> list[str]:
    return [name for _, name in _pieces(pattern) if name]


def _checker(allowed: frozenset[str]) -> Any:
    def check(value: Any) -> Any:
        for pattern in [value] if isinstance(value, str) else value or ():
            for name in _names_in(pattern):
                if name not in allowed:
                    names = "、".join(f"{{{n}}}" for n in PLACEHOLDERS if n in allowed)
                    raise ValueError(f"未知的占位符“{{{name}}}”；这一项可用的有：{names}")
        return value

    return check


def _lines(value: Any) -> Any:
    """One line may be written as a string; nothing (null) means no line at all."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


def _pattern(allowed: frozenset[str]) -> Any:
    return Annotated[str, AfterValidator(_checker(allowed))]


def _optional_pattern(allowed: frozenset[str]) -> Any:
    return Annotated[Union[str, None], AfterValidator(_checker(allowed))]


def _pattern_lines(allowed: frozenset[str]) -> Any:
    return Annotated[list[str], BeforeValidator(_lines), AfterValidator(_checker(allowed))]


DocNumberPlace = Literal["版头", "标题前", "标题后"]
ClassPlace = Literal["右上角", "文号后", "正文后", "落款后"]
ContactPlace = Literal["落款后", "落款前"]
Numerals = Literal["阿拉伯", "汉字"]


class Style(BaseModel):
    """An office's house style. Field order is the order of the letter, top to bottom."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    header_lines: _pattern_lines(_COMMON) = Field(  # type: ignore[valid-type]
        default_factory=list,
        title="版头行",
        description="标题之上、居中的行，如“{发文机关}文件”；每项一行，不填则没有",
    )
    class_label: _pattern({"类别"}) = Field(  # type: ignore[valid-type]
        default=genre.CLASS_LABEL,
        title="分类标识写法",
        description="办理结果类别的写法，如“{类别}类”“类别：{类别}”“（{类别}类）”“办复类别：{类别}”",
    )
    class_place: ClassPlace = Field(
        default="右上角",
        title="分类标识位置",
        description="右上角（标题之上）、文号后（与发文字号同行）、正文后（结束语之后另起一段）或落款后（成文日期之后）",
    )
    doc_number_place: DocNumberPlace = Field(
        default="版头",
        title="发文字号位置",
        description="版头：.docx 按 GB/T 9704 排在标题之上，文本排在标题之下（与网站公开稿相同）；标题前或标题后：两种输出都照此排",
    )
    title: _optional_pattern(_COMMON) = Field(  # type: ignore[valid-type]
        default=genre.TITLE,
        title="标题",
        description="答复标题，如“{发文机关}关于对{会议}第{提案号}号提案的答复函”；写 null 则不排标题",
    )
    title_co_handling: _optional_pattern(_COMMON) = Field(  # type: ignore[valid-type]
        default=genre.TITLE_CO_HANDLING,
        title="会办意见标题",
        description="会办意见的标题；写 null 则不排标题",
    )
    salutation: _optional_pattern(_COMMON) = Field(  # type: ignore[valid-type]
        default=genre.SALUTATION,
        title="称谓",
        description="如“{姓名}{后缀}：”；不要冒号写“{姓名}{后缀}”，不要“委员”“代表”写“{姓名}：”；写 null 则不排称谓",
    )
    opening: _pattern_lines(_COMMON | {"以下简称"}) = Field(  # type: ignore[valid-type]
        default_factory=lambda: [genre.OPENING],
        title="开头语",
        description="答复的开头语，可写几段（列表）；写 null 则没有",
    )
    opening_co_handling: _pattern_lines(_COMMON | {"以下简称"}) = Field(  # type: ignore[valid-type]
        default_factory=lambda: [genre.OPENING_CO_HANDLING],
        title="会办意见开头语",
        description="会办意见的开头语，可写几段；写 null 则没有",
    )
    abbreviation: _pattern({"简称"}) = Field(  # type: ignore[valid-type]
        default=genre.ABBREVIATION,
        title="简称说明",
        description="开头语中 {以下简称} 的写法，草稿填了 proposal.abbreviation 时使用",
    )
    restatement_lead: _pattern({"简称"}) = Field(  # type: ignore[valid-type]
        default=genre.RESTATEMENT_LEAD,
        title="复述引语",
        description="每节复述建议之前的话；未填简称时 {简称} 为“建议”",
    )
    topic_heading: _pattern({"主题"}) = Field(  # type: ignore[valid-type]
        default=genre.TOPIC_HEADING,
        title="建议主题标题",
        description="按 topic 生成的一级标题（序号由模板加）",
    )
    next_steps_lead: str = Field(default=genre.NEXT_STEPS_LEAD, title="下一步引语", description="“下一步”段落开头的话")
    next_steps_heading: str = Field(
        default=genre.NEXT_STEPS_HEADING, title="下一步标题", description="下一步单列一节时的标题"
    )
    thanks: _pattern(_THANKS) = Field(  # type: ignore[valid-type]
        default=genre.CLOSING_THANKS,
        title="感谢公式",
        description="草稿 closing 只填 thanks_for 时生成的结束语",
    )
    thanks_full: _pattern(_THANKS) = Field(  # type: ignore[valid-type]
        default=genre.CLOSING_THANKS_FULL,
        title="完整感谢公式",
        description="草稿 closing 填了 contribute_to 时生成的结束语",
    )
    closing: _pattern_lines(_COMMON | {"结束语"}) = Field(  # type: ignore[valid-type]
        default_factory=lambda: ["{结束语}"],
        title="结束部分",
        description="正文之后的段落，每项一段，如 [\"{结束语}\", 专此答复。]；只有 {结束语} 的一段在草稿没有结束语时省去；写 null 则没有",
    )
    contact: _pattern_lines(_CONTACT) = Field(  # type: ignore[valid-type]
        default_factory=lambda: [genre.CONTACT_LINE],
        title="联系信息",
        description="每项一行，如“联系单位及电话：{承办单位}　{联系电话}”；按全角空格分成几段，草稿没填的段省去",
    )
    contact_place: ContactPlace = Field(
        default="落款后", title="联系信息位置", description="落款后（成文日期之后）或落款前（署名之前）"
    )
    before_signature: _pattern_lines(_COMMON) = Field(  # type: ignore[valid-type]
        default_factory=list,
        title="署名前的行",
        description="结束部分与署名之间的行，每项一段，不填则没有",
    )
    signature_name: bool = Field(default=True, title="排署名", description="false 时只排成文日期，不排署名")
    signature_date: bool = Field(default=True, title="排成文日期", description="false 时只排署名，不排日期")
    date_numerals: Numerals = Field(
        default="阿拉伯", title="日期数字", description="阿拉伯（2017年5月2日，GB/T 9704）或汉字（二〇一七年五月二日）"
    )
    disclosure_public: str = Field(
        default=genre.DISCLOSURE_NOTES["主动公开"], title="主动公开附注", description="公开属性为主动公开时的附注"
    )
    disclosure_on_request: str = Field(
        default=genre.DISCLOSURE_NOTES["依申请公开"], title="依申请公开附注", description="公开属性为依申请公开时的附注"
    )
    disclosure_withheld: str = Field(
        default=genre.DISCLOSURE_NOTES["不予公开"], title="不予公开附注", description="公开属性为不予公开时的附注"
    )
    draft_mark: str = Field(default=genre.DRAFT_MARK, title="征求意见稿标记", description="仍有占位符时排在首页的标记")


DEFAULT_STYLE = Style()

# Keys a draft's inline ``style:`` may hold besides the settings.
STYLE_FILE_KEY = "file"


def effective_style(doc: Reply | Opinion) -> Style:
    return doc.style or DEFAULT_STYLE


def _plain(style: Style) -> types.SimpleNamespace:
    values = {name: tuple(v) if isinstance(v, list) else v for name, v in style.__dict__.items()}
    return types.SimpleNamespace(**values)


_DEFAULT_PLAIN = _plain(DEFAULT_STYLE)


def plain_style(style: Style) -> types.SimpleNamespace:
    """The style as plain data (no pydantic methods) for templates, office ones included."""
    return _DEFAULT_PLAIN if style is DEFAULT_STYLE else _plain(style)


# --- formulas -----------------------------------------------------------------------------


@dataclass
class Formulas:
    """Every formula of one document, worked out once, as text the templates print."""

    title: str
    doc_number: str
    disclosure: str
    draft_mark: str
    next_steps_lead: str
    next_steps_heading: str
    header_lines: tuple[str, ...]
    class_label: str
    signature: str
    date: str
    contact: tuple[str, ...]
    before_signature: tuple[str, ...]
    salutation: str = ""
    opening: str = ""
    openings: tuple[str, ...] = ()
    closing: str = ""
    closings: tuple[str, ...] = ()
    pronoun: str = ""
    proposer_name: str = ""
    we: str = ""
    restatement_lead: str = ""
    topic_heading: str = ""


def _contact_lines(style: Style, doc: Reply | Opinion) -> tuple[str, ...]:
    """Each contact line, leaving out the parts (split at full-width spaces) the draft left empty."""
    contact = doc.contact
    if contact is None:
        return ()
    values = {
        "承办单位": contact.unit or "",
        "联系人": contact.person or "",
        "联系电话": contact.phone or "",
        "承办负责人": contact.head or "",
    }
    lines = []
    for pattern in style.contact:
        parts = [
            fill(part, values)
            for part in pattern.split("\u3000")
            if not _names_in(part) or any(values[name] for name in _names_in(part))
        ]
        line = "\u3000".join(part for part in parts if part)
        if line:
            lines.append(line)
    return tuple(lines)


def formulas(doc: Reply | Opinion) -> Formulas:
    """The formulas of ``doc`` in its style (the default style when the draft names none)."""
    style = effective_style(doc)
    docno = doc.doc_number
    signature = doc.signature
    disclosure = {
        "主动公开": style.disclosure_public,
        "依申请公开": style.disclosure_on_request,
        "不予公开": style.disclosure_withheld,
    }.get(doc.disclosure or "", "")
    shared = dict(
        doc_number=genre.format_doc_number(docno.prefix, docno.year, docno.serial) if docno else "",
        disclosure=disclosure,
        draft_mark=style.draft_mark,
        next_steps_lead=style.next_steps_lead,
        next_steps_heading=style.next_steps_heading,
        signature=(signature.name or doc.issuer) if signature else "",
        date=genre.format_date(signature.date, style.date_numerals) if signature else "",
        contact=_contact_lines(style, doc),
    )
    if doc.kind == "opinion":
        values = {"发文机关": doc.issuer}
        return Formulas(
            title=doc.title or fill(genre.OPINION_TITLE, {"发文机关": doc.issuer, "事由": doc.subject or ""}),
            header_lines=tuple(fill(line, _blank_common(values)) for line in style.header_lines),
            class_label="",
            before_signature=tuple(fill(line, _blank_common(values)) for line in style.before_signature),
            **shared,
        )
    return _reply_formulas(doc, style, shared)


def _blank_common(values: dict[str, str]) -> dict[str, str]:
    """Values for a document without a proposal (an 实施意见): reply-only names are empty."""
    return dict.fromkeys(_COMMON, "") | values


@lru_cache(maxsize=64)
def _restatement_lead(pattern: str, abbreviation: str) -> str:
    return fill(pattern, {"简称": abbreviation})


@lru_cache(maxsize=16)
def _topic_heading(pattern: str) -> str:
    """The heading as a %-format the templates fill per section: 关于“%s”的建议."""
    return fill(pattern.replace("%", "%%"), {"主题": "%s"})


def _reply_formulas(doc: Reply, style: Style, shared: dict[str, Any]) -> Formulas:
    proposer, proposal = doc.proposer, doc.proposal
    co_handling = doc.handling is not None and doc.handling.role == "会办"
    closing = doc.closing
    names = "、".join(proposer.name)
    suffix = genre.SALUTATION_SUFFIX[proposer.type]
    we = closing.we if closing is not None and closing.we else genre.we(doc.issuer)
    you = genre.pronoun(proposer.type, proposer.plural)
    values = {
        "发文机关": doc.issuer,
        "句式": doc.title_form,
        "会议": proposal.meeting,
        "提案号": proposal.number,
        "案由": proposal.title,
        "提案类别": proposal.kind or genre.proposal_label(proposer.type, proposer.name),
        "姓名": doc.handling.lead_unit if co_handling else names,  # type: ignore[union-attr]
        "后缀": "" if co_handling else suffix,
        "提案人": names + suffix,
        "称呼": you,
        "我": we,
        "以下简称": fill(style.abbreviation, {"简称": proposal.abbreviation}) if proposal.abbreviation else "",
    }
    ending = ""
    if closing is not None:
        if closing.text:
            ending = closing.text
        else:
            thanks = {
                **values,
                "感谢对象": closing.thanks_for or "",
                "关注对象": closing.attention_to or closing.thanks_for or "",
                "贡献对象": closing.contribute_to or "",
                "新的": genre.NEW_CONTRIBUTION if closing.new_contribution else "",
            }
            ending = fill(style.thanks_full if closing.contribute_to else style.thanks, thanks)
    values["结束语"] = ending  # only the closing's patterns may name it
    closings = tuple([fill(line, values) for line in style.closing if ending or line != "{结束语}"])
    title_pattern = style.title_co_handling if co_handling else style.title
    openings = tuple([fill(line, values) for line in (style.opening_co_handling if co_handling else style.opening)])
    if doc.opening:
        openings = (doc.opening,)
    if doc.salutation:
        # The clerk's own wording, with the colon the style uses (a typed one is not doubled).
        colon = "：" if (style.salutation or "：").endswith("：") else ""
        salutation = doc.salutation.rstrip("：:") + colon
    elif style.salutation is None:
        salutation = ""
    elif co_handling:
        # The salutation names the 主办单位 of a 会办意见; {提案人} elsewhere is still the proposer.
        salutation = fill(style.salutation, {**values, "提案人": values["姓名"]})
    else:
        salutation = fill(style.salutation, values)
    return Formulas(
        title=doc.title or (fill(title_pattern, values) if title_pattern is not None else ""),
        header_lines=tuple([fill(line, values) for line in style.header_lines]) if style.header_lines else (),
        class_label=fill(style.class_label, {"类别": doc.result_class}) if doc.result_class else "",
        before_signature=tuple([fill(line, values) for line in style.before_signature]) if style.before_signature else (),
        salutation=salutation,
        opening=openings[0] if openings else "",
        openings=openings,
        closing=ending,
        closings=closings,
        pronoun=you,
        proposer_name=names + suffix,
        we=we,
        restatement_lead=_restatement_lead(style.restatement_lead, proposal.abbreviation or genre.RESTATEMENT_DEFAULT_NAME),
        topic_heading=_topic_heading(style.topic_heading),
        **shared,
    )


# --- describing the settings ------------------------------------------------------------


def _default_of(name: str) -> Any:
    return getattr(DEFAULT_STYLE, name)


def setting_rows() -> list[tuple[str, str, str, Any]]:
    """(key, title, description, default) for every setting, in the letter's order."""
    return [
        (name, field.title or name, field.description or "", _default_of(name))
        for name, field in Style.model_fields.items()
    ]


def yaml_value(value: Any) -> str:
    """A setting's value as it is written in a style file."""
    import json

    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def style_init_text() -> str:
    """A commented style file holding every setting at its default: an office edits what differs."""
    lines = [
        "# 本单位的答复格式（house style）。草稿中写 style: 本文件名（相对草稿所在目录）即可使用。",
        "# 每项都是默认值；只改与本单位不同的项，其余可删去。花括号中的占位符由草稿内容填入：",
    ]
    lines += [f"#   {{{name}}}：{meaning}" for name, meaning in PLACEHOLDERS.items()]
    for name, title, description, default in setting_rows():
        lines += ["", f"# {title}：{description}", f"{name}: {yaml_value(default)}"]
    return "\n".join(lines) + "\n"
