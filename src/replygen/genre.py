"""The genre's facts, in one place: what every 提案/建议答复 shares, whoever writes it.

The model, the templates (through :mod:`.style`), ``check``, ``new`` and the importer all
read these: the proposer types and their labels, how the proposer is addressed (您, 你们,
贵单位), how the issuing organ names itself (我厅, 我委 …), the grammar of a 发文字号 and of
a date, and the default wording of every formula. An office's own wording is a house style
(:mod:`.style`), whose defaults are the formulas below.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Literal, get_args

__all__ = [
    "CLASS_LABEL", "CLOSING_THANKS", "CLOSING_THANKS_FULL", "CN_NUMERALS", "CONTACT_LINE", "DATE", "DATE_IN_TEXT",
    "DEFAULT_SETTINGS",
    "DISCLOSURE_NOTES", "DOC_NUMBER", "DOC_NUMBER_IN_TEXT", "DRAFT_MARK", "NEXT_STEPS_HEADING", "NEXT_STEPS_LEAD",
    "OPENING", "OPINION_TITLE", "OPENING_CO_HANDLING", "PRONOUNS", "PRONOUN_MISTAKES", "PRONOUN_VARIANTS", "PROPOSAL_LABELS", "PROPOSER_LABELS",
    "PROPOSER_TYPES", "RESTATEMENT_LEAD", "SALUTATION", "SALUTATION_SUFFIX", "SCAFFOLD_KIND", "SHARED_DUTY", "TITLE",
    "TITLE_CO_HANDLING", "TITLE_FORMS", "TOPIC_HEADING", "TitleForm", "TYPED_NEXT_STEPS_LEAD", "TYPED_RESTATEMENT_LEAD",
    "TYPED_TOPIC_FORMULA", "WE_CHARACTERS", "cn_date", "format_date",
    "format_doc_number", "parse_date", "parse_doc_number", "pronoun", "proposal_label", "proposer_type", "we",
]  # fmt: skip

# --- proposers ---------------------------------------------------------------------------

# Every way a clerk may write the proposer's type, and what it means.
PROPOSER_TYPES = {
    "member": "member",
    "委员": "member",
    "deputy": "deputy",
    "代表": "deputy",
    "organisation": "organisation",
    "organization": "organisation",
    "单位": "organisation",
    "集体": "organisation",
}

# The type's name in messages and prompts.
PROPOSER_LABELS = {"member": "委员", "deputy": "代表", "organisation": "单位"}

# What follows a person's name in a salutation or in running text: 费日晨委员, 王秀兰代表.
SALUTATION_SUFFIX = {"member": "委员", "deputy": "代表", "organisation": ""}

# The proposal's label in a title when the draft does not name it; an organisation's
# proposal is labelled by its name (民建省委会提案).
PROPOSAL_LABELS = {"member": "委员提案", "deputy": "代表建议"}

# What ``replygen new`` calls the draft it writes.
SCAFFOLD_KIND = {"member": "政协提案", "deputy": "人大代表建议", "organisation": "政协提案"}


def proposer_type(value: object) -> object:
    """委员 → member, 单位 → organisation …; anything else is left for validation to refuse."""
    if isinstance(value, str):
        return PROPOSER_TYPES.get(value.strip(), value)
    return value


def proposal_label(kind: str, names: list[str]) -> str:
    """委员提案, 代表建议, or 民建省委会提案 for an organisation."""
    return PROPOSAL_LABELS.get(kind) or "、".join(names) + "提案"


# --- how the letter speaks -------------------------------------------------------------

# The pronoun for the proposer: 您 for one member or deputy, 贵单位 for an organisation,
# 你们 for several people.
PRONOUNS = {"single": "您", "organisation": "贵单位", "plural": "你们"}

# The pronouns that are wrong where another is due. A reply to an organisation may still say
# 你们 of its members, so that one is not counted against 贵单位.
PRONOUN_MISTAKES = {"您": ("贵单位", "你们"), "贵单位": ("您",), "你们": ("您", "贵单位")}

# Every pronoun a real reply uses for the proposer (the importer reads them all).
PRONOUN_VARIANTS = ("您", "你们", "贵单位", "贵会", "贵组", "你单位")


def pronoun(kind: str, plural: bool) -> str:
    """您, 你们 or 贵单位 for a proposer of this type and number."""
    if plural:
        return PRONOUNS["plural"]
    return PRONOUNS["organisation"] if kind == "organisation" else PRONOUNS["single"]


# An organ whose name ends in one of these calls itself 我厅, 我委 …; any other says 我们.
WE_CHARACTERS = "厅委局办部院署会"


def we(issuer: str) -> str:
    """我厅, 我委, 我局 … from the issuer's last character, else 我们."""
    return f"我{issuer[-1]}" if issuer and issuer[-1] in WE_CHARACTERS else "我们"


# --- 发文字号 ------------------------------------------------------------------------------

# 代字〔年份〕序号号 (GB/T 9704 §7.2.5). Read leniently: 【】 [] ［］ () （） for 〔〕, a 第 before
# the serial and leading zeros are the usual slips, and are written back correctly.
_OPEN = "〔【\\[［(（"
_CLOSE = "〕】\\]］)）"
DOC_NUMBER = re.compile(
    rf"^\s*(?P<prefix>[^\s{_OPEN}，。；：,;:]{{1,20}}?)\s*[{_OPEN}]\s*(?P<year>\d{{4}})\s*[{_CLOSE}]"
    r"\s*第?\s*(?P<serial>\d+)\s*号\s*$"
)
# The same written with square brackets inside running text: 吉科发[2019]220号. Only check
# reads it, and its CJK range takes milliseconds to compile: compiled on first use (below).
_LAZY_PATTERNS = {
    "DOC_NUMBER_IN_TEXT": r"([\u3400-\u4dbf\u4e00-\u9fff])[\[［【]\s*(\d{4})\s*[\]］】]\s*(第?)\s*0*(\d+号)",
}


def __getattr__(name: str) -> re.Pattern[str]:
    if name not in _LAZY_PATTERNS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    pattern = globals()[name] = re.compile(_LAZY_PATTERNS[name])
    return pattern


def parse_doc_number(text: str) -> tuple[str, int, int] | None:
    """(代字, year, serial) of a 发文字号 in any accepted spelling, or None."""
    match = DOC_NUMBER.match(text)
    if not match:
        return None
    return match["prefix"], int(match["year"]), int(match["serial"])


def format_doc_number(prefix: str, year: int, serial: int) -> str:
    """吉科发人才〔2023〕92号: 六角括号, no 第, no leading zeros."""
    return f"{prefix}〔{year}〕{serial}号"


# --- dates -------------------------------------------------------------------------------

CN_NUMERALS = "〇一二三四五六七八九"
_CN_VALUE = {c: i for i, c in enumerate(CN_NUMERALS)} | {"零": 0, "○": 0, "Ｏ": 0}
_CN = "〇○零Ｏ一二三四五六七八九十"

# 2023-05-17, 2023年5月17日, 2023.5.17 and 二〇二三年五月十七日.
DATE = re.compile(
    rf"^\s*(?P<y>\d{{4}}|[{_CN}]{{4}})\s*[年./-]\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})\s*[月./-]"
    rf"\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*日?\s*$"
)
# A date inside running text, day optional: 2023年5月, 2023年05月04日.
DATE_IN_TEXT = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")


def _number(text: str) -> int:
    if text.isdigit() and text.isascii():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_VALUE[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)


def parse_date(text: str) -> _dt.date | None:
    """The date a string spells, or None when it is not written as a date.

    Raises ValueError for a date written correctly that does not exist (2023年2月30日).
    """
    match = DATE.match(text)
    if not match:
        return None
    try:
        year, month, day = (_number(match[g]) for g in ("y", "m", "d"))
    except (KeyError, ValueError):
        return None  # 十十 and other strings that only look like numerals
    return _dt.date(year, month, day)


def cn_date(value: _dt.date) -> str:
    """GB/T 9704 §7.3.5.4: Arabic numerals, no leading zeros — 2023年5月17日."""
    return f"{value.year}年{value.month}月{value.day}日"


def _cn_small(n: int) -> str:
    """1–31 in Chinese numerals: 五, 十, 十二, 二十, 三十一."""
    if n < 10:
        return CN_NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUMERALS[tens]) + "十" + (CN_NUMERALS[ones] if ones else "")


def format_date(value: _dt.date, numerals: str = "阿拉伯") -> str:
    """2023年5月17日, or with ``numerals="汉字"`` 二〇二三年五月十七日 (the pre-2012 form many offices keep)."""
    if numerals == "汉字":
        year = "".join(CN_NUMERALS[int(c)] for c in str(value.year))
        return f"{year}年{_cn_small(value.month)}月{_cn_small(value.day)}日"
    return cn_date(value)


# --- the formulas' default wording ---------------------------------------------------------
# Placeholders in braces are filled from the draft; :mod:`.style` lists what each means.

TitleForm = Literal["对", "关于对", "关于"]
TITLE_FORMS: tuple[TitleForm, ...] = get_args(TitleForm)
OPINION_TITLE = "{发文机关}关于{事由}的实施意见"
TITLE = "{句式}{会议}第{提案号}号{提案类别}的答复"
TITLE_CO_HANDLING = "{句式}{会议}第{提案号}号{提案类别}的会办意见"
SALUTATION = "{姓名}{后缀}："
OPENING = "{称呼}在{会议}上提出的《{案由}》{以下简称}收悉，经认真研究办理，现答复如下："
OPENING_CO_HANDLING = "{提案人}在{会议}上提出的《{案由}》{以下简称}收悉，经认真研究，现将{我}会办意见函告如下："
ABBREVIATION = "（以下简称《{简称}》）"
RESTATEMENT_LEAD = "《{简称}》提出，"
RESTATEMENT_DEFAULT_NAME = "建议"
TOPIC_HEADING = "关于“{主题}”的建议"
NEXT_STEPS_LEAD = "下一步，"
NEXT_STEPS_HEADING = "下一步工作安排"
CLOSING_THANKS = "感谢{称呼}对{感谢对象}的关心和支持。"
CLOSING_THANKS_FULL = (
    "感谢{称呼}对{感谢对象}的关心和支持，希望继续对{关注对象}给予高度关注，与{我}建立经常性的联系，"
    "不断提出好的建议，为{贡献对象}做出{新的}贡献。"
)
NEW_CONTRIBUTION = "新的"
# Closes an 实施意见 item's list of departments: （省科技厅、省财政厅等部门按职责分工负责）
SHARED_DUTY = "等部门按职责分工负责"
CLASS_LABEL = "{类别}类"
CONTACT_LINE = "承办单位：{承办单位}　联系人：{联系人}　联系电话：{联系电话}"
DRAFT_MARK = "征求意见稿"
DISCLOSURE_NOTES = {"主动公开": "（此件公开发布）", "依申请公开": "（此件依申请公开）", "不予公开": "（此件不予公开）"}

# What a clerk typed that repeats a formula the templates write: the model refuses it.
TYPED_NEXT_STEPS_LEAD = re.compile(r"^下一步\s*[，,：:]?")
TYPED_TOPIC_FORMULA = re.compile(r"^关于|的建议$")
TYPED_RESTATEMENT_LEAD = re.compile(r"^《[^》]*》\s*提出")

# The default house style, setting by setting (lists as tuples): the wording above, placed as
# the source documents place it. :class:`replygen.style.Style` describes each setting.
# How a 主办 reply states a 会办 unit's opinion: its first paragraph; the others follow as they are.
CO_OPINION = "{会办单位}会办意见：{会办意见}"

DEFAULT_SETTINGS: dict[str, object] = {
    "header_lines": (),
    "signer_place": "版头",
    "class_label": CLASS_LABEL,
    "class_place": "右上角",
    "doc_number_place": "版头",
    "title": TITLE,
    "after_title": (),
    "title_co_handling": TITLE_CO_HANDLING,
    "salutation": SALUTATION,
    "opening": (OPENING,),
    "opening_co_handling": (OPENING_CO_HANDLING,),
    "abbreviation": ABBREVIATION,
    "restatement_lead": RESTATEMENT_LEAD,
    "topic_heading": TOPIC_HEADING,
    "next_steps_lead": NEXT_STEPS_LEAD,
    "next_steps_heading": NEXT_STEPS_HEADING,
    "thanks": CLOSING_THANKS,
    "thanks_full": CLOSING_THANKS_FULL,
    "closing": ("{结束语}",),
    "contact": (CONTACT_LINE,),
    "contact_place": "落款后",
    "before_signature": (),
    "after_signature": (),
    "signature_name": True,
    "signature_date": True,
    "date_numerals": "阿拉伯",
    "disclosure_public": DISCLOSURE_NOTES["主动公开"],
    "disclosure_on_request": DISCLOSURE_NOTES["依申请公开"],
    "disclosure_withheld": DISCLOSURE_NOTES["不予公开"],
    "draft_mark": DRAFT_MARK,
    "body_limit": None,  # the 办理系统's cap on a pasted body, where it has one
    "cc_required": (),  # bodies every reply of the office is copied to (check warns when missing)
    "class_required": False,  # whether every reply must state its 办理结果类别 (check warns when missing)
    "co_opinion": CO_OPINION,
}
