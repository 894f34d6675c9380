"""House style: how one office writes the genre, stated once as data.

A draft names a style file (``style: office-style.yaml``, relative to the draft), sets parts
inline (``style: {closing: [专此答复。]}``), or both (``style: {file: office-style.yaml, …}``).
Every setting has a default, the wording of :mod:`.genre`, which renders the source documents
exactly. Wording settings are patterns: text with placeholders in braces, ``{会议}``, filled
from the draft; each setting accepts only the placeholders listed for it, so a misspelt one
is an error at its line, never a blank in a letter.

This module is the settings' schema: their names, meanings, the placeholders each accepts.
:mod:`.formulas` fills them in for a document; it needs this module only for a draft that
names a style.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from . import genre
from .formulas import COMMON, CONTACT, HEAD, PLACEHOLDERS, THANKS, names_in
from .model import Checked, accepts

__all__ = ["PLACEHOLDERS", "Style", "default_style", "setting_rows", "style_init_text", "yaml_value"]

_DEFAULT = genre.DEFAULT_SETTINGS


def _fixed(name: str) -> Any:
    """The genre's default for a setting that is not a list, shared as it is immutable."""
    value = _DEFAULT[name]
    if isinstance(value, tuple):
        raise TypeError(f"setting {name} has a list default: use _fresh")
    return value


def _fresh(name: str) -> Callable[[], list[str]]:
    """A factory for a list setting's default, so that no two styles share one list."""
    value = _DEFAULT[name]
    if not isinstance(value, tuple):
        raise TypeError(f"setting {name} has no list default: use _fixed")
    return lambda: list(value)


def _checker(allowed: frozenset[str]) -> Any:
    def check(value: Any) -> Any:
        for pattern in [value] if isinstance(value, str) else value or ():
            for name in names_in(pattern):
                if name not in allowed:
                    names = "、".join(f"{{{n}}}" for n in PLACEHOLDERS if n in allowed)
                    raise ValueError(f"未知的占位符“{{{name}}}”；这一项可用的有：{names}")
        return value

    return check


@accepts("lines")
def _lines(value: Any) -> Any:
    """One line may be written as a string; nothing (null) means no line at all."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else value


# Written into each setting's Annotated type, where a type checker sees a plain str or list.
_LINES = BeforeValidator(_lines)


def _allows(allowed: Collection[str]) -> AfterValidator:
    """The check that a pattern uses only the placeholders ``allowed``."""
    return AfterValidator(_checker(frozenset(allowed)))


DocNumberPlace = Literal["版头", "标题前", "标题后", "版头行"]
ClassPlace = Literal["右上角", "文号后", "正文后", "落款后", "版头行"]
SignerPlace = Literal["版头", "版头行"]
ContactPlace = Literal["落款后", "落款前"]
Numerals = Literal["阿拉伯", "汉字"]


class Style(Checked):
    """An office's house style. Field order is the order of the letter, top to bottom.

    Built on the draft models' base, so a style built in Python fails in Chinese as a draft
    does; its patterns keep their spaces as typed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    header_lines: Annotated[list[str], _LINES, _allows(HEAD)] = Field(
        default_factory=_fresh("header_lines"),
        title="版头行",
        description="标题之上、居中的行，如“{发文机关}文件”“类别：{类别}”“{发文字号}”；每项一行，不填则没有",
    )
    signer_place: SignerPlace = Field(
        default=_fixed("signer_place"),
        title="签发人位置",
        description="版头（“签发人：…”排在标题之上）或版头行（只排在写了 {签发人} 的版头行、标题下的行或联系信息中）",
    )
    class_label: Annotated[str, _allows({"类别"})] = Field(
        default=_fixed("class_label"),
        title="分类标识写法",
        description="办理结果类别的写法，如“{类别}类”“类别：{类别}”“（{类别}类）”“办复类别：{类别}”",
    )
    class_place: ClassPlace = Field(
        default=_fixed("class_place"),
        title="分类标识位置",
        description="右上角（标题之上）、文号后（与发文字号同行）、正文后（结束语之后另起一段）、落款后（成文日期之后）或版头行（只排在写了 {类别} 的版头行中）",
    )
    doc_number_place: DocNumberPlace = Field(
        default=_fixed("doc_number_place"),
        title="发文字号位置",
        description="版头：.docx 按 GB/T 9704 排在标题之上，文本排在标题之下（与网站公开稿相同）；标题前或标题后：两种输出都照此排；版头行：只排在写了 {发文字号} 的版头行或标题下的行中",
    )
    title: Annotated[Union[str, None], _allows(COMMON)] = Field(
        default=_fixed("title"),
        title="标题",
        description="答复标题，如“{发文机关}关于对{会议}第{提案号}号提案的答复函”；写 null 则不排标题",
    )
    after_title: Annotated[list[str], _LINES, _allows(HEAD)] = Field(
        default_factory=_fresh("after_title"),
        title="标题下的行",
        description="紧接标题之下、居中的行，如“{发文机关}”；每项一行，不填则没有",
    )
    title_co_handling: Annotated[Union[str, None], _allows(COMMON)] = Field(
        default=_fixed("title_co_handling"),
        title="会办意见标题",
        description="会办意见的标题；写 null 则不排标题",
    )
    salutation: Annotated[Union[str, None], _allows(COMMON)] = Field(
        default=_fixed("salutation"),
        title="称谓",
        description="如“{姓名}{后缀}：”；不要冒号写“{姓名}{后缀}”，不要“委员”“代表”写“{姓名}：”；写 null 则不排称谓",
    )
    opening: Annotated[list[str], _LINES, _allows(COMMON | {"以下简称"})] = Field(
        default_factory=_fresh("opening"),
        title="开头语",
        description="答复的开头语，可写几段（列表）；写 null 则没有",
    )
    opening_co_handling: Annotated[list[str], _LINES, _allows(COMMON | {"以下简称"})] = Field(
        default_factory=_fresh("opening_co_handling"),
        title="会办意见开头语",
        description="会办意见的开头语，可写几段；写 null 则没有",
    )
    abbreviation: Annotated[str, _allows({"简称"})] = Field(
        default=_fixed("abbreviation"),
        title="简称说明",
        description="开头语中 {以下简称} 的写法，草稿填了 proposal.abbreviation 时使用",
    )
    restatement_lead: Annotated[str, _allows({"简称"})] = Field(
        default=_fixed("restatement_lead"),
        title="复述引语",
        description="每节复述建议之前的话；未填简称时 {简称} 为“建议”",
    )
    topic_heading: Annotated[str, _allows({"主题"})] = Field(
        default=_fixed("topic_heading"),
        title="建议主题标题",
        description="按 topic 生成的一级标题（序号由模板加）",
    )
    next_steps_lead: str = Field(default=_fixed("next_steps_lead"), title="下一步引语", description="“下一步”段落开头的话")
    next_steps_heading: str = Field(
        default=_fixed("next_steps_heading"),
        title="下一步标题",
        description="下一步单列一节时的标题",
    )
    thanks: Annotated[str, _allows(THANKS)] = Field(
        default=_fixed("thanks"),
        title="感谢公式",
        description="草稿 closing 只填 thanks_for 时生成的结束语",
    )
    thanks_full: Annotated[str, _allows(THANKS)] = Field(
        default=_fixed("thanks_full"),
        title="完整感谢公式",
        description="草稿 closing 填了 contribute_to 时生成的结束语",
    )
    closing: Annotated[list[str], _LINES, _allows(COMMON | {"结束语"})] = Field(
        default_factory=_fresh("closing"),
        title="结束部分",
        description="正文之后的段落，每项一段，如 [\"{结束语}\", 专此答复。]；只有 {结束语} 的一段在草稿没有结束语时省去；写 null 则没有",
    )
    contact: Annotated[list[str], _LINES, _allows(CONTACT)] = Field(
        default_factory=_fresh("contact"),
        title="联系信息",
        description="每项一行，如“联系单位及电话：{承办单位}　{联系电话}”；按全角空格分成几段，草稿没填的段省去；不含占位符的行照样排出",
    )
    contact_place: ContactPlace = Field(
        default=_fixed("contact_place"),
        title="联系信息位置",
        description="落款后（成文日期之后）或落款前（署名之前）",
    )
    before_signature: Annotated[list[str], _LINES, _allows(COMMON)] = Field(
        default_factory=_fresh("before_signature"),
        title="署名前的行",
        description="结束部分与署名之间的行，每项一段，不填则没有",
    )
    after_signature: Annotated[list[str], _LINES, _allows(COMMON)] = Field(
        default_factory=_fresh("after_signature"),
        title="落款后的行",
        description="成文日期、附注和联系信息之后、抄送之前的行，如“抄报：…”；每项一段，不填则没有",
    )
    signature_name: bool = Field(default=_fixed("signature_name"), title="排署名", description="false 时只排成文日期，不排署名")
    signature_date: bool = Field(default=_fixed("signature_date"), title="排成文日期", description="false 时只排署名，不排日期")
    date_numerals: Numerals = Field(
        default=_fixed("date_numerals"),
        title="日期数字",
        description="阿拉伯（2017年5月2日，GB/T 9704）或汉字（二〇一七年五月二日）",
    )
    disclosure_public: str = Field(
        default=_fixed("disclosure_public"),
        title="主动公开附注",
        description="公开属性为主动公开时的附注",
    )
    disclosure_on_request: str = Field(
        default=_fixed("disclosure_on_request"),
        title="依申请公开附注",
        description="公开属性为依申请公开时的附注",
    )
    disclosure_withheld: str = Field(
        default=_fixed("disclosure_withheld"),
        title="不予公开附注",
        description="公开属性为不予公开时的附注",
    )
    draft_mark: str = Field(default=_fixed("draft_mark"), title="征求意见稿标记", description="仍有占位符时排在首页的标记")
    body_limit: Union[Annotated[int, Field(ge=1)], None] = Field(
        default=_fixed("body_limit"),
        title="办理系统正文字数上限",
        description="提案办理系统对粘贴正文的字数限制，如 2500；render --format body 超过时提示。不计换行和段首空格；写 null 则不限",
    )
    co_opinion: Annotated[str, _allows(frozenset({"会办单位", "会办意见"}))] = Field(
        default=_fixed("co_opinion"),
        title="会办意见引述",
        description="主办答复引述会办单位意见（handling.opinions）的写法，排在各条答复之后、下一步之前；意见的其余段落照录",
    )
    cc_required: Annotated[list[str], BeforeValidator(_lines)] = Field(
        default_factory=_fresh("cc_required"),
        title="必须抄送的机关",
        description="本单位规定每份答复都要抄送的机关，如 [市政协提案委员会, 市政府督查室]；replygen check 发现草稿的 cc 缺少其中某个时提醒",
    )
    class_required: bool = Field(
        default=_fixed("class_required"),
        title="必须标明办理结果类别",
        description="true 时每份答复都要写办理结果类别（result_class，如 A、B、C）；replygen check 发现草稿没有写时提醒",
    )


@lru_cache(maxsize=1)
def default_style() -> Style:
    """The genre's own wording. Built on first use: most drafts name no style, and building
    the style's validator would add to every cold start."""
    return Style()


# --- describing the settings ------------------------------------------------------------


def _default_of(name: str) -> Any:
    value = _DEFAULT[name]
    return list(value) if isinstance(value, tuple) else value


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
