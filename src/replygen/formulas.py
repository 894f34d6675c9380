"""The formulas of one document, worked out once from the draft and its house style.

Every wording setting is a pattern: text with placeholders in braces, ``{会议}``, filled from
the draft. :func:`formulas` fills them for a document and hands the templates plain text
(``f.title``, ``f.opening`` …). A draft without a style uses the genre's defaults
(:data:`replygen.genre.DEFAULT_SETTINGS`) as plain data, so the house-style model
(:mod:`.style`), and building its validator, is needed only for a draft that names a style.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypedDict, Union

from . import genre

if TYPE_CHECKING:
    from .model import Opinion, Reply
    from .style import Style

__all__ = [
    "COMMON", "CONTACT", "DEFAULTS", "HEAD", "Formulas", "PLACEHOLDERS", "THANKS", "effective_style", "fill", "formulas",
    "names_in", "pattern_regex", "plain_style",
]  # fmt: skip

Settings = Union["Style", types.SimpleNamespace]

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
    "签发人": "签发人（signer）；签发人位置为“版头行”时，签发人只排在写了它的行中",
    "发文字号": "发文字号（doc_number）；只用于版头行和标题下的行，发文字号位置为“版头行”时使用",
    "会办单位": "引述的会办单位（handling.opinions 中的 unit）",
    "会办意见": "该单位会办意见的第一段；其余各段另起一段照录",
}

COMMON = frozenset({"发文机关", "句式", "会议", "提案号", "案由", "提案类别", "姓名", "后缀", "提案人", "称呼", "我", "签发人"})
# Header lines and the lines under the title may also carry the 文号 and the class.
HEAD = COMMON | {"类别", "发文字号"}
THANKS = COMMON | {"感谢对象", "关注对象", "贡献对象", "新的"}
CONTACT = frozenset({"承办单位", "联系人", "联系电话", "承办负责人", "签发人"})

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


def names_in(pattern: str) -> list[str]:
    """The placeholder names a pattern uses, in order."""
    return [name for _, name in _pieces(pattern) if name]


# The default style as plain data: the genre's settings, lists as tuples.
DEFAULTS = types.SimpleNamespace(**genre.DEFAULT_SETTINGS)


def effective_style(doc: Reply | Opinion) -> Settings:
    """The draft's style, or the genre's defaults."""
    return doc.style or DEFAULTS


def plain_style(style: Settings) -> types.SimpleNamespace:
    """The style as plain data (no pydantic methods) for templates, office ones included."""
    if isinstance(style, types.SimpleNamespace):
        return style
    return types.SimpleNamespace(**{name: tuple(v) if isinstance(v, list) else v for name, v in style.__dict__.items()})


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
    after_title: tuple[str, ...]
    class_label: str
    signature: str
    date: str
    contact: tuple[str, ...]
    before_signature: tuple[str, ...]
    after_signature: tuple[str, ...]
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
    co_opinions: tuple[str, ...] = ()  # the 会办 units' opinions a 主办 reply states


def _contact_lines(style: Settings, doc: Reply | Opinion) -> tuple[str, ...]:
    """Each contact line, leaving out the parts (split at full-width spaces) the draft left empty."""
    contact = doc.contact
    if contact is None:  # only the lines written without placeholders
        return tuple(line for line in style.contact if not names_in(line))
    values = {
        "承办单位": contact.unit or "",
        "联系人": contact.person or "",
        "联系电话": contact.phone or "",
        "承办负责人": contact.head or "",
        "签发人": doc.signer or "",
    }
    lines = []
    for pattern in style.contact:
        parts = [
            fill(part, values)
            for part in pattern.split("\u3000")
            if not names_in(part) or any(values[name] for name in names_in(part))
        ]
        line = "\u3000".join(part for part in parts if part)
        if line:
            lines.append(line)
    return tuple(lines)


class _Shared(TypedDict):
    """The formulas a reply and a 会办意见 work out alike."""

    doc_number: str
    disclosure: str
    draft_mark: str
    next_steps_lead: str
    next_steps_heading: str
    signature: str
    date: str
    contact: tuple[str, ...]


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
    shared = _Shared(
        doc_number=genre.format_doc_number(docno.prefix, docno.year, docno.serial) if docno else "",
        disclosure=disclosure,
        draft_mark=style.draft_mark,
        next_steps_lead=style.next_steps_lead,
        next_steps_heading=style.next_steps_heading,
        signature=(signature.name or doc.issuer) if signature else "",
        date=genre.format_date(signature.date, style.date_numerals) if signature and signature.date else "",
        contact=_contact_lines(style, doc),
    )
    if doc.kind == "opinion":
        values = _blank_common({"发文机关": doc.issuer, "签发人": doc.signer or ""})
        head = {**values, "类别": "", "发文字号": shared["doc_number"]}
        return Formulas(
            title=doc.title or fill(genre.OPINION_TITLE, {"发文机关": doc.issuer, "事由": doc.subject or ""}),
            header_lines=_head_lines(style.header_lines, head),
            after_title=_head_lines(style.after_title, head),
            class_label="",
            before_signature=_lines(style.before_signature, values),
            after_signature=_lines(style.after_signature, values),
            **shared,
        )
    return _reply_formulas(doc, style, shared)


def _lines(patterns: Any, values: dict[str, str]) -> tuple[str, ...]:
    """Each pattern of a list setting, filled."""
    return tuple([fill(line, values) for line in patterns]) if patterns else ()


def _head_lines(patterns: Any, values: dict[str, str]) -> tuple[str, ...]:
    """Each head line filled; a line whose placeholders are all empty (no 签发人, no 文号) is left out."""
    return tuple(
        [fill(line, values) for line in patterns if not names_in(line) or any(values[n] for n in names_in(line))]
    )


def _blank_common(values: dict[str, str]) -> dict[str, str]:
    """Values for a document without a proposal (an 实施意见): reply-only names are empty."""
    return dict.fromkeys(COMMON, "") | values


@lru_cache(maxsize=64)
def _restatement_lead(pattern: str, abbreviation: str) -> str:
    return fill(pattern, {"简称": abbreviation})


@lru_cache(maxsize=16)
def _topic_heading(pattern: str) -> str:
    """The heading with a %s the templates fill per section (``|fill``): 关于“%s”的建议."""
    return fill(pattern, {"主题": "%s"})


def _reply_formulas(doc: Reply, style: Settings, shared: _Shared) -> Formulas:
    proposer, proposal = doc.proposer, doc.proposal
    handling = doc.handling
    co_handling = handling is not None and handling.role == "会办"
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
        "姓名": (handling.lead_unit or "") if handling is not None and co_handling else names,  # validated: a 会办 names it
        "后缀": "" if co_handling else suffix,
        "提案人": names + suffix,
        "称呼": you,
        "我": we,
        "以下简称": fill(style.abbreviation, {"简称": proposal.abbreviation}) if proposal.abbreviation else "",
        "签发人": doc.signer or "",
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
    # The draft's own paragraphs after its closing (``closing: |`` over several paragraphs)
    # follow the 结束语 wherever the style places it.
    extra = tuple(closing.paragraphs) if closing is not None else ()
    closings: tuple[str, ...] = ()
    for line in style.closing:
        if line != "{结束语}":
            closings += (fill(line, values),)
        elif ending:
            closings += (ending, *extra)
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
        header_lines=_head_lines(style.header_lines, head := {**values, "类别": doc.result_class or "", "发文字号": shared["doc_number"]}),
        after_title=_head_lines(style.after_title, head),
        class_label=fill(style.class_label, {"类别": doc.result_class}) if doc.result_class else "",
        before_signature=_lines(style.before_signature, values),
        after_signature=_lines(style.after_signature, values),
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
        co_opinions=_co_opinions(doc, style),
        **shared,
    )


def _co_opinions(doc: Reply, style: Settings) -> tuple[str, ...]:
    """Each 会办 unit's opinion: its first paragraph in the style's wording, the rest as written."""
    handling = doc.handling
    if handling is None or not handling.opinions:
        return ()
    out: list[str] = []
    for opinion in handling.opinions:
        first, *rest = opinion.text
        out += [fill(style.co_opinion, {"会办单位": opinion.unit or "", "会办意见": first}), *rest]
    return tuple(out)
