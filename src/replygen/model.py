"""The document model: what a clerk writes, validated.

Two document kinds share one file format, told apart by ``kind``:

- ``reply``   — 提案/建议答复 (the default kind), and its 会办意见 variant;
- ``opinion`` — a government 实施意见 with parts and continuously numbered items.

The model holds content only. Numbering (一、（一）1.（1）), the title, the opening and
closing formulas and the signature layout come from the templates, so validation rejects
text that starts with a typed number or repeats a formula the template writes.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import genre
from .errors import DraftValidationError
from .fieldpath import Positions

if TYPE_CHECKING:
    from .style import Style

__all__ = [
    "Checked",
    "Closing",
    "Contact",
    "DocNumber",
    "DOCUMENT_MODELS",
    "Handling",
    "Item",
    "NextSteps",
    "Opinion",
    "PROPOSER_TYPES",
    "Part",
    "Printing",
    "Proposal",
    "Proposer",
    "Publication",
    "Reply",
    "Section",
    "Signature",
    "Subpart",
    "Subsection",
    "proposer_type",
    "pydantic_validate",
    "validate_data",
]

# --- text checks -------------------------------------------------------------------

# XML 1.0 cannot hold C0 controls other than tab/newline/carriage return, nor U+FFFE/U+FFFF.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Integers longer than this are refused before Python's own conversion limit (4300 digits).
_MAX_DIGITS = 100

# A heading or item that starts with what the templates generate: 一、 （一） 1. （1） 第一条.
_CN_DIGITS = "一二三四五六七八九十百零〇"
_TYPED_NUMBER = re.compile(
    rf"^\s*(?:[{_CN_DIGITS}]+\s*[、.．]"
    rf"|[（(]\s*[{_CN_DIGITS}\d]+\s*[）)]"
    r"|\d+\s*[.．、](?!\d)"
    rf"|第[{_CN_DIGITS}\d]+[条章节部分])"
)


# A paragraph break in any of its spellings: CRLF, LF, a lone CR (old Mac files, a YAML "\r"),
# NEL and the Unicode line and paragraph separators, with the spaces around it. The loader has
# already joined lines a clerk merely wrapped, so every break left here was meant.
_BREAK = re.compile(r"[ \t\u3000]*(?:\r\n|[\n\r\x85\u2028\u2029])[\s]*")


def _has_break(value: str) -> bool:
    # Plain substring tests first: a regex search over CJK text is several times slower.
    return "\n" in value or "\r" in value or "\u2028" in value or "\u2029" in value or "\x85" in value


def split_paragraphs(value: str) -> list[str]:
    """The paragraphs of a text: one per run of line breaks, blank ones dropped."""
    return [part for part in _BREAK.split(value.strip()) if part.strip()] if _has_break(value) else [value]


_SINGLE_LINE = (
    "这里只能写一段文字，不能换行分段（第 {n} 段起是另一段）；请写在一行内，"
    "或把后面几段写进正文段落的列表，每段一项：- 第一段 / - 第二段"
)
_ONE_PER_ITEM = "列表的每一项只能是一段，这一项分成了 {n} 段；请把每段写成单独的一项：- 第一段 / - 第二段"


def _no_break(value: str) -> str:
    if _has_break(value):
        raise ValueError(_SINGLE_LINE.format(n=2))
    return value


def _one_paragraph(value: str) -> str:
    if _has_break(value):
        raise ValueError(_ONE_PER_ITEM.format(n=len(split_paragraphs(value))))
    return value


def _clean_text(value: str) -> str:
    match = _FORBIDDEN_CHARS.search(value)
    if match:
        raise ValueError(
            f"第 {match.start() + 1} 个字符是控制字符 U+{ord(match.group()):04X}，"
            "文档中不能包含它，请删除"
        )
    return value


def _no_typed_number(value: str) -> str:
    match = _TYPED_NUMBER.match(value)
    if match:
        raise ValueError(
            f"开头的序号“{match.group().strip()}”由模板自动生成，请删去，只写正文"
        )
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("不能为空，请填写内容或删去这一项")
    return value


Text = Annotated[str, AfterValidator(_no_break), AfterValidator(_clean_text), AfterValidator(_not_blank)]
"""Any single-paragraph text a clerk writes: non-empty and free of characters a .docx cannot hold."""

Line = Annotated[Text, AfterValidator(_no_typed_number)]
"""A heading, lead or first paragraph: it must not carry a typed number."""

Entry = Annotated[str, AfterValidator(_one_paragraph), AfterValidator(_clean_text), AfterValidator(_not_blank)]
"""One entry of a list (a name, a unit, an attachment): one paragraph, not several."""


_F = TypeVar("_F", bound=Callable[..., Any])


def accepts(form: str) -> Callable[[_F], _F]:
    """Mark a ``before`` validator with the shorter form it lets a clerk write, so that the JSON
    Schema (:mod:`.schema`) allows it too: ``"text"`` (one string for a list or a model),
    ``"date"`` (a date written as text), ``"lines"`` (a string or null for a list),
    ``"style"`` (a style file's path or its settings), ``"number"`` (text or an integer)."""

    def mark(function: _F) -> _F:
        function.__schema_form__ = form  # type: ignore[attr-defined]  # read by schema.py
        return function

    return mark


@accepts("text")
def _to_list(value: Any) -> Any:
    """Let a single string stand where a list of names is expected."""
    return [value] if isinstance(value, str) else value


@accepts("text")
def _to_paragraphs(value: Any) -> Any:
    """Let a string stand where a list of paragraphs is expected; each paragraph break in it
    (a blank line, a line of a ``|`` block) starts the next paragraph."""
    return split_paragraphs(value) if isinstance(value, str) else value


Paragraphs = Annotated[
    list[Annotated[Entry, AfterValidator(_no_typed_number)]], BeforeValidator(_to_paragraphs)
]


def _split_off(data: Any, key: str, rest: str = "paragraphs") -> Any:
    """A ``key`` text of several paragraphs keeps the first; the others open ``rest``."""
    if isinstance(data, dict) and isinstance(data.get(key), str) and _has_break(data[key].strip()):
        first, *others = split_paragraphs(data[key])
        more = data.get(rest, [])
        more = split_paragraphs(more) if isinstance(more, str) else more
        if isinstance(more, list):
            return {**data, key: first, rest: [*others, *more]}
    return data


def _whole_number(value: Any) -> Any:
    """An integer as written in decimal digits; 0x10, 1_000, 1e3, 071 or 1:30 are refused."""
    if isinstance(value, bool):
        raise ValueError("应为整数，只写阿拉伯数字，如 2023")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        digits = value.strip()
        if len(digits) > _MAX_DIGITS:
            raise ValueError(f"数字过长（{len(digits)} 位），不会是年份或序号，请核对")
        if len(digits) > 1 and digits.startswith("0"):
            raise ValueError(f"数字前面不加 0（不编虚位），请写成“{digits.lstrip('0') or '0'}”")
        return int(digits)
    raise ValueError("应为整数，只写阿拉伯数字，如 2023")


Integer = Annotated[int, BeforeValidator(_whole_number)]

_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


def _true_false(value: Any) -> Any:
    """true or false only: yes, on, 1 or 是 are not read as a choice."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip() in _TRUE | _FALSE:
        return value.strip() in _TRUE
    raise ValueError("只能写 true（是）或 false（否）")


Flag = Annotated[bool, BeforeValidator(_true_false)]


_DATE_FORMAT = "日期格式不对，应写成 2023-05-17 或 2023年5月17日"


@accepts("date")
def _parse_date(value: Any) -> Any:
    """A date written 2023-05-17, 2023年5月17日, 2023.5.17 or 二〇二三年五月十七日; never a number."""
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            parsed = genre.parse_date(value)
        except ValueError:
            raise ValueError(f"日期不存在：没有“{value.strip()}”这一天，请核对年月日") from None
        if parsed is not None:
            return parsed
    raise ValueError(_DATE_FORMAT)


Date = Annotated[_dt.date, BeforeValidator(_parse_date)]


def _empty_list() -> list[Any]:
    """The default of list fields. Not ``list`` itself: pydantic inspects a default factory's
    signature, and reading a built-in's costs a few milliseconds of every cold start."""
    return []


class Checked(BaseModel):
    """A public model: built in code, it fails like a draft read from a file.

    The draft's models and the house style (:class:`.style.Style`) share it.
    """

    # A model built in code fails like a draft read from a file: with a DraftValidationError
    # (an InputError, and so a ValueError as pydantic's own error is) in Chinese, naming the
    # field as the caller wrote it. pydantic's ValidationError never reaches the caller.

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _input_error(exc, data) from None

    # pydantic calls a model's own __init__ for every nested instance it validates unless the
    # method carries its base-class mark; ours only translates errors, so nested models are
    # built directly and loading stays as fast as with pydantic's own __init__.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]  # pydantic reads it; functions declare no attributes

    @classmethod
    def model_validate(cls: type[_M], obj: Any, **options: Any) -> _M:
        """pydantic's ``model_validate``, raising :class:`DraftValidationError` on failure."""
        return validate_data(cls, obj, **options)

    @classmethod
    def model_validate_json(cls: type[_M], json_data: str | bytes | bytearray, **options: Any) -> _M:
        """pydantic's ``model_validate_json``, raising :class:`DraftValidationError` on failure."""
        try:
            return super().model_validate_json(json_data, **options)
        except ValidationError as exc:
            try:
                data = json.loads(json_data)
            except ValueError:
                data = None  # the error itself says the JSON does not parse
            raise _input_error(exc, data) from None

    @classmethod
    def model_validate_strings(cls: type[_M], obj: Any, **options: Any) -> _M:
        """pydantic's ``model_validate_strings``, raising :class:`DraftValidationError` on failure."""
        try:
            return super().model_validate_strings(obj, **options)
        except ValidationError as exc:
            raise _input_error(exc, obj) from None


class _Model(Checked):
    """Every model rejects unknown keys, so a misspelt key is an error, not lost text."""

    # Built when first used: a cold render builds only the models of its own kind, and
    # building them is a fifth of a cold render.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False, defer_build=True)


_M = TypeVar("_M", bound=Checked)


def validate_data(
    cls: type[_M], data: Any, positions: Positions | None = None, filename: str | None = None, **options: Any
) -> _M:
    """Validate ``data`` as ``cls`` (any keyword of pydantic's ``model_validate`` passes through).

    Every problem is reported at once in a :class:`DraftValidationError`, placed at the line and
    column ``positions`` give in ``filename`` when the data came from a file.
    """
    try:
        return pydantic_validate(cls, data, **options)
    except ValidationError as exc:
        raise _input_error(exc, data, positions, filename) from None


def pydantic_validate(cls: type[_M], data: Any, **options: Any) -> _M:
    """pydantic's own ``model_validate``, not the override above: it raises ValidationError,
    for a caller that places the problems itself (a style written inside a draft)."""
    return super(Checked, cls).model_validate(data, **options)


def _input_error(
    exc: ValidationError, data: Any, positions: Positions | None = None, filename: str | None = None
) -> DraftValidationError:
    from .validation import problems  # only a failure pays for the translation's import

    return DraftValidationError(problems(exc, data, positions, filename))


# --- header ------------------------------------------------------------------------

class DocNumber(_Model):
    """发文字号: 机关代字, year and serial, always written as 代字〔年份〕序号号."""

    prefix: Text = Field(title="机关代字", description="发文机关代字，如“吉科发人才”")
    year: Integer = Field(title="年份", description="四位年份，如 2023", ge=1949, le=2200)
    serial: Integer = Field(title="发文顺序号", description="不编虚位，不加“第”字", ge=1)

    @model_validator(mode="before")
    @classmethod
    @accepts("text")
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            match = genre.DOC_NUMBER.match(data)
            if not match:
                raise ValueError(
                    f"发文字号“{data}”无法识别，应写成“机关代字〔年份〕序号号”，如“吉科发人才〔2023〕71号”"
                )
            # 〔2023〕071号 is read as 71, as printed; the check (RG002) says to drop the 0.
            return {**match.groupdict(), "serial": match["serial"].lstrip("0") or "0"}
        return data

    def __str__(self) -> str:
        return genre.format_doc_number(self.prefix, self.year, self.serial)


# Every way a clerk may write the proposer's type (the genre's table; the CLI and check use it).
PROPOSER_TYPES = genre.PROPOSER_TYPES
proposer_type = genre.proposer_type


class Proposer(_Model):
    """提案人/领衔代表: who is answered; the type drives salutation and pronoun."""

    name: Annotated[list[Entry], BeforeValidator(_to_list)] = Field(
        title="提案人",
        description="姓名或单位名称；几位联名时写成列表，答复称“你们”",
        min_length=1,
    )
    type: Annotated[
        Literal["member", "deputy", "organisation"], BeforeValidator(proposer_type)
    ] = Field(
        title="提案人类型",
        description="member/委员（称“您”），deputy/代表，organisation/单位（称“贵单位”）",
    )

    units: Annotated[list[Entry], BeforeValidator(_to_list)] = Field(
        default_factory=_empty_list,
        title="工作单位",
        description="提案人的工作单位，填在征询意见表上；几位联名时按姓名的顺序每人一项，可不填",
    )

    @model_validator(mode="after")
    def _a_unit_per_name(self) -> Proposer:
        if self.units and len(self.units) != len(self.name):
            raise ValueError(f"units（工作单位）应与 name（提案人）一一对应：{len(self.name)} 位提案人，写了 {len(self.units)} 个单位")
        return self

    @property
    def plural(self) -> bool:
        return len(self.name) > 1


@accepts("number")
def _number_as_text(value: Any) -> Any:
    """A proposal number given as an integer in code (219) is the text 219."""
    return str(value) if isinstance(value, int) else value


class Proposal(_Model):
    """The proposal or suggestion being answered."""

    meeting: Text = Field(title="会议", description="如“省政协十三届一次会议”“省十四届人大一次会议”")
    number: Annotated[Text, BeforeValidator(_number_as_text)] = (
        Field(title="提案号", description="如 219、2023D7、2023W316；不写“第”“号”")
    )
    title: Text = Field(title="案由", description="提案或建议的标题，不加书名号《》")
    kind: Text | None = Field(
        default=None,
        title="提案类别",
        description="如“委员提案”“集体提案”“代表建议”；不填时按提案人类型推定",
    )
    abbreviation: Text | None = Field(
        default=None,
        title="简称",
        description="开头语中的“（以下简称《建议》）”，填“建议”即可",
    )
    points: list[Entry] = Field(
        default_factory=_empty_list,
        title="建议要点",
        description="提案原文中的各条建议的主题，由 replygen new --from-proposal 读出并写入；replygen check 提醒没有对应一节答复的要点",
    )

    @model_validator(mode="after")
    def _strip_number_and_brackets(self) -> Proposal:
        # The templates write 《》, 第 and 号; a clerk who typed them would see them twice.
        if self.title.startswith("《") and self.title.endswith("》"):
            self.title = self.title[1:-1].strip()
        number = self.number
        if number.startswith("第"):
            number = number[1:]
        if number.endswith("号"):
            number = number[:-1]
        self.number = number.strip()
        if self.abbreviation:
            self.abbreviation = self.abbreviation.strip("《》")
        return self


class CoOpinion(_Model):
    """One 会办 unit's written opinion, which the 主办 reply states (and so check sees quoted)."""

    unit: Entry | None = Field(default=None, title="会办单位", description="会办单位名称；写 file 时可不填，取自意见文件的发文机关")
    text: Paragraphs = Field(default_factory=_empty_list, title="意见要点", description="会办意见的要点，每段一项；或写 file")
    file: Text | None = Field(
        default=None,
        title="意见文件",
        description="会办单位的意见：replygen 的会办意见草稿（.yaml），或收到的 .docx、.txt；路径相对本草稿",
    )

    @model_validator(mode="after")
    def _read_file(self) -> CoOpinion:
        if bool(self.text) == bool(self.file):
            raise ValueError("会办意见写 text（意见要点）或 file（意见文件）二者之一")
        if self.file:
            from .co_handling import read_opinion

            unit, self.text = read_opinion(self.file)  # already checked text: not validated again
            self.unit = self.unit or unit
        if not self.unit:
            raise ValueError("请写 unit（会办单位名称）")
        return self


class Handling(_Model):
    """How this unit handles the proposal: 主办, 会办 or 分办 (see reply-process notes)."""

    role: Literal["主办", "会办", "分办"] = Field(
        default="主办", title="办理方式", description="主办、会办或分办；会办单位向主办单位出具会办意见"
    )
    lead_unit: Text | None = Field(
        default=None, title="主办单位", description="会办意见的收文单位（主办单位）"
    )
    co_units: list[Entry] = Field(default_factory=_empty_list, title="会办单位", description="其他会办单位名称，每项一个")
    assigned_on: Date | None = Field(default=None, title="交办日期", description="提案交办的日期，如 2023-03-01")
    due_on: Date | None = Field(
        default=None, title="办结时限", description="要求办结的日期，如 2023-06-30；不填时按交办日期和办理时限规则推算"
    )
    extended: bool = Field(
        default=False, title="已批准延期", description="true 时办结时限按规则加上延期的月数（通常再延三个月）"
    )
    opinions: list[CoOpinion] = Field(
        default_factory=_empty_list,
        title="会办意见",
        description="主办答复引述的各会办单位意见，每个单位一项：unit 加 text，或 file（会办意见草稿、.docx、.txt）",
    )
    copy_co_units: Flag = Field(
        default=True, title="抄送会办单位", description="主办答复默认抄送各会办单位；写 false 则不自动加入抄送"
    )

    @model_validator(mode="after")
    def _lead_unit_for_co_handling(self) -> Handling:
        if self.role == "会办" and not self.lead_unit:
            raise ValueError("会办意见需要填写 lead_unit（主办单位），意见写给主办单位")
        if self.opinions and self.role != "主办":
            raise ValueError(f"只有主办答复引述会办意见（opinions）；本件办理方式是{self.role}")
        if self.assigned_on and self.due_on and self.due_on < self.assigned_on:
            raise ValueError(f"办结时限 {self.due_on} 早于交办日期 {self.assigned_on}，请核对两个日期")
        return self


class Signature(_Model):
    """落款: the issuing organ's name as printed, and the date."""

    name: Text | None = Field(default=None, title="署名", description="不填时用发文机关全称")
    date: Date | None = Field(
        default=None,
        title="成文日期",
        description="落款日期，写成 2023-05-17 或 2023年5月17日，排成“2023年5月17日”；本单位格式不排日期（signature_date: false）时才可不填",
    )
    seal: Flag = Field(default=False, title="加盖印章", description="是否按加盖印章的版式排署名和日期")


class Contact(_Model):
    """联系人 and 联系电话; the style decides the labels and where the lines go."""

    person: Text | None = Field(default=None, title="联系人", description="承办人姓名；只留单位和电话时可不填")
    phone: Text | None = Field(default=None, title="联系电话", description="联系电话，如 0431-88888888")
    unit: Text | None = Field(default=None, title="承办单位", description="承办处室或单位，可不填")
    head: Text | None = Field(default=None, title="承办负责人", description="承办负责人姓名，本单位格式用到时填写")

    @model_validator(mode="after")
    def _something_to_print(self) -> Contact:
        if not (self.person or self.phone or self.unit or self.head):
            raise ValueError("联系信息至少要填 person（联系人）、phone（联系电话）、unit（承办单位）中的一项")
        return self


class Printing(_Model):
    """印发机关 and 印发日期 of the 版记 (GB/T 9704 §7.4.3)."""

    organ: Text = Field(title="印发机关", description="公文的送印机关，一般是发文机关的办公厅（室）或文秘部门")
    date: Date = Field(
        title="印发日期", description="公文付印的日期，写成 2023-05-18，排成“2023年5月18日印发”；不早于成文日期"
    )


class Publication(_Model):
    """The 信息公开 header a government website prints above a published document."""

    index_no: Text = Field(title="索引号", description="政府网站信息公开目录中的索引号，照抄网站")
    category: Text | None = Field(default=None, title="分类", description="信息公开分类，照抄网站，如“委员提案；议案”")
    written_date: Date | None = Field(default=None, title="成文日期", description="不填时用落款日期")
    published_date: Date | None = Field(default=None, title="发布日期", description="网站发布日期，不早于成文日期")

    @model_validator(mode="after")
    def _published_after_written(self) -> Publication:
        if self.written_date and self.published_date and self.published_date < self.written_date:
            raise ValueError("发布日期早于成文日期，请核对两个日期")
        return self


Disclosure = Literal["主动公开", "依申请公开", "不予公开"]


# --- body ---------------------------------------------------------------------------

Responsibility = Union[Text, Annotated[list[Entry], Field(min_length=1)]]


class Item(_Model):
    """A numbered item (1. or （1）), with an optional run-in lead sentence."""

    lead: Line | None = Field(default=None, title="引领句", description="条目开头的主题句，加粗或按层级字体排")
    text: Line | None = Field(default=None, title="正文", description="引领句之后的正文")
    paragraphs: Paragraphs = Field(default_factory=_empty_list, title="续段", description="条目正文之后另起的段落，每段一项，不写序号")
    items: list[Item] = Field(default_factory=_empty_list, title="下级条目", description="编号（1）（2）")
    responsibility: Responsibility | None = Field(
        default=None,
        title="责任单位",
        description="实施意见条目末尾括注；写成列表时生成“（…等部门按职责分工负责）”，写成文字时原样加括号",
    )

    @model_validator(mode="before")
    @classmethod
    @accepts("text")
    def _from_string(cls, data: Any) -> Any:
        return _split_off({"text": data} if isinstance(data, str) else data, "text")

    @model_validator(mode="after")
    def _has_content(self) -> Item:
        if not (self.lead or self.text):
            raise ValueError("条目需要 lead（引领句）或 text（正文）至少一项")
        # The templates number two levels, 1. and （1）; a third would be silently dropped.
        for index, child in enumerate(self.items, 1):
            if child.items:
                raise ValueError(
                    f"下级条目（{index}）下面又写了 items：条目最多两级（1. 和（1）），"
                    "请把第三级并入上一级的正文，或改写成 paragraphs"
                )
        return self


Items = list[Item]


class NextSteps(_Model):
    """下一步 plans: a paragraph led by “下一步，”, or a numbered section of its own."""

    text: Text | None = Field(
        default=None, title="下一步", description="不写“下一步，”，模板自动加上"
    )
    paragraphs: Paragraphs = Field(default_factory=_empty_list, title="续段", description="“下一步，…”之后另起的段落，每段一项")
    items: Items = Field(default_factory=_empty_list, title="条目", description="下一步打算的编号条目，序号由模板生成")
    as_section: Flag = Field(
        default=False, title="单列一节", description="true 时作为答复的最后一个编号部分，如“七、下一步工作安排”"
    )
    heading: Line | None = Field(default=None, title="标题", description="单列一节时的标题，默认“下一步工作安排”")

    @model_validator(mode="before")
    @classmethod
    @accepts("text")
    def _from_string(cls, data: Any) -> Any:
        return _split_off({"text": data} if isinstance(data, str) else data, "text")

    @model_validator(mode="after")
    def _check(self) -> NextSteps:
        if self.text and genre.TYPED_NEXT_STEPS_LEAD.match(self.text):
            raise ValueError("text 不要以“下一步，”开头，模板会自动加上")
        if not (self.text or self.paragraphs or self.items):
            raise ValueError("下一步需要 text、paragraphs 或 items 至少一项")
        if self.heading and not self.as_section:
            raise ValueError("heading 只在 as_section: true（单列一节）时使用；不单列时请删去 heading")
        return self


def _inline_next_steps(next_steps: NextSteps | None) -> None:
    """Inside a section only the “下一步，” paragraph form exists; a heading would be dropped."""
    if next_steps is not None and next_steps.as_section:
        raise ValueError("只有答复末尾的 next_steps 可以单列一节（as_section: true）；节内的下一步请删去 as_section")


class Subsection(_Model):
    """（一） under a section: a heading line, or a run-in lead, or a department's answer."""

    heading: Line | None = Field(default=None, title="标题", description="单独成行的小标题")
    lead: Line | None = Field(default=None, title="引领句", description="与正文同段的主题句")
    department: Text | None = Field(
        default=None, title="答复部门", description="分部门答复时的部门名称，如“省科技厅”，接在序号后"
    )
    paragraphs: Paragraphs = Field(default_factory=_empty_list, title="正文段落", description="本小节的正文，每段一项，不写序号")
    items: Items = Field(default_factory=_empty_list, title="条目", description="本小节下编号 1. 2. 的条目，序号由模板生成")
    next_steps: NextSteps | None = Field(default=None, title="下一步", description="本小节（部门）的下一步打算，模板加“下一步，”")
    conclusion: Paragraphs = Field(default_factory=_empty_list, title="结尾段落", description="本小节最后的段落，排在条目之后")

    @model_validator(mode="after")
    def _check(self) -> Subsection:
        if self.heading and self.lead:
            raise ValueError("heading（单独成行）和 lead（与正文同段）只能填一项")
        if not (self.heading or self.lead or self.department or self.paragraphs or self.items):
            raise ValueError("这一小节没有内容")
        _inline_next_steps(self.next_steps)
        return self


def _topic_only(value: str) -> str:
    # Checked on the field itself, so the message names sections[N].topic, not the section.
    if genre.TYPED_TOPIC_FORMULA.search(value):
        raise ValueError("topic 只写建议的主题，“关于“…”的建议”由模板生成；要自拟完整标题请用 heading")
    return value


class Section(_Model):
    """一、 one section per suggestion of the proposal."""

    topic: Annotated[Line, AfterValidator(_topic_only)] | None = Field(
        default=None, title="建议主题", description="生成标题“关于“…”的建议”；与 heading 二选一"
    )
    heading: Line | None = Field(default=None, title="标题", description="自拟的完整标题，不含序号")
    restatement: Text | None = Field(
        default=None, title="建议复述", description="不写“《建议》提出，”，模板自动加上"
    )
    paragraphs: Paragraphs = Field(default_factory=_empty_list, title="正文段落", description="本节正文，每段一项，不写序号")
    items: Items = Field(default_factory=_empty_list, title="条目", description="本节下编号 1. 2. 的条目，序号由模板生成")
    subsections: list[Subsection] = Field(default_factory=_empty_list, title="小节", description="本节下编号（一）（二）的小节，序号由模板生成")
    conclusion: Paragraphs = Field(default_factory=_empty_list, title="结尾段落", description="本节最后的段落，排在条目和小节之后")
    next_steps: NextSteps | None = Field(default=None, title="下一步", description="针对本条建议的下一步打算，模板加“下一步，”")

    @model_validator(mode="before")
    @classmethod
    def _restatement_paragraphs(cls, data: Any) -> Any:
        # The restatement is the first paragraph; any further ones open the section's body.
        return _split_off(data, "restatement")

    @model_validator(mode="after")
    def _check(self) -> Section:
        if bool(self.topic) == bool(self.heading):
            raise ValueError("每一节需要 topic（建议主题）或 heading（自拟标题）二者之一")
        if self.restatement and genre.TYPED_RESTATEMENT_LEAD.match(self.restatement):
            raise ValueError("restatement 不要以“《建议》提出，”开头，模板会自动加上")
        _inline_next_steps(self.next_steps)
        return self


class Closing(_Model):
    """结束语: the thanks formula, built from its parts, or free text."""

    thanks_for: Text | None = Field(default=None, title="感谢对象", description="感谢您对“…”的关心和支持")
    attention_to: Text | None = Field(
        default=None, title="关注对象", description="希望继续对“…”给予高度关注；不填时同感谢对象"
    )
    contribute_to: Text | None = Field(default=None, title="贡献对象", description="为“…”做出贡献")
    new_contribution: Flag = Field(default=False, title="新的贡献", description="true 时写“做出新的贡献”")
    we: Text | None = Field(default=None, title="本机关简称", description="如“我厅”“我委”；不填时由发文机关推定")
    text: Text | None = Field(default=None, title="自拟结束语", description="填写后不用公式，原样输出")
    paragraphs: Paragraphs = Field(
        default_factory=_empty_list, title="续段", description="结束语之后另起的段落，每段一项，如“特此函复。”"
    )

    @model_validator(mode="before")
    @classmethod
    @accepts("text")
    def _from_string(cls, data: Any) -> Any:
        # A free-text closing of several paragraphs prints each as its own paragraph.
        return _split_off({"text": data} if isinstance(data, str) else data, "text")

    @model_validator(mode="after")
    def _check(self) -> Closing:
        if not (self.text or self.thanks_for):
            raise ValueError("结束语需要 thanks_for（感谢对象）或 text（自拟结束语）")
        if self.text and self.thanks_for:
            raise ValueError("thanks_for 与 text 只能填一项")
        return self


@accepts("style")
def _style_input(value: Any) -> Style | None:
    """A style file's path, settings, or settings with the ``file`` they refine: a Style.

    The loader has already turned a draft's style into a Style, with each mistake at its
    line; this serves a Reply built in code, where a relative path is relative to the
    working directory. The field is typed Any so that the style's validator is built only
    for a draft that has a style, not on every cold start.
    """
    from .style import Style

    if value is None or isinstance(value, Style):
        return value
    from .loader import style_from

    return style_from(value)  # a DraftValidationError is a ValueError: reported at ``style``


class _Common(_Model):
    """What every document kind carries."""

    issuer: Text = Field(title="发文机关", description="发文机关全称")
    doc_number: DocNumber | None = Field(
        default=None, title="发文字号", description="如“吉科发人才〔2023〕71号”，括号一律排为〔〕"
    )
    signer: Text | None = Field(default=None, title="签发人", description="签发人姓名（上行文），与发文字号排在同一行：文号居左、签发人居右")
    signature: Signature | None = Field(default=None, title="落款", description="不填则不排署名和日期")
    disclosure: Disclosure | None = Field(default=None, title="公开属性", description="主动公开、依申请公开或不予公开，排在文末附注")
    disclosure_reason: Text | None = Field(default=None, title="不公开理由", description="公开属性为“不予公开”时必填")
    attachments: list[Entry] = Field(default_factory=_empty_list, title="附件", description="附件名称，不加书名号和序号")
    contact: Contact | None = Field(default=None, title="联系人", description="联系人姓名和电话，排在落款之后")
    cc: list[Entry] = Field(default_factory=_empty_list, title="抄送", description="抄送机关，每项一个")
    printing: Printing | None = Field(
        default=None, title="印发", description="版记的印发机关和印发日期；信函格式不印"
    )
    publication: Publication | None = Field(default=None, title="信息公开信息", description="政府网站信息公开栏目的索引号、分类和日期，照抄网站")
    style: Annotated[Any, BeforeValidator(_style_input)] = Field(
        default=None,
        title="本单位格式",
        description="格式文件的路径（相对本草稿），或直接写几项设置；两者兼用时写 file: 路径。不填时用默认格式",
    )

    @field_validator("printing")
    @classmethod
    def _printed_after_written(cls, value: Printing | None, info: ValidationInfo) -> Printing | None:
        signature = info.data.get("signature")  # declared above, so already validated
        if value is not None and signature is not None and value.date < signature.date:
            raise ValueError("印发日期（date）是付印的日期，不能早于成文日期（signature.date）")
        return value

    @model_validator(mode="after")
    def _reason_when_withheld(self) -> _Common:
        if self.disclosure == "不予公开" and not self.disclosure_reason:
            raise ValueError("公开属性为“不予公开”时需填写 disclosure_reason（理由）")
        signature = self.signature
        if signature is not None and signature.date is None and (self.style is None or self.style.signature_date):
            raise ValueError("落款需要成文日期 signature.date；只有本单位格式不排日期（style 中 signature_date: false）时才可不填")
        return self


class Reply(_Common):
    """提案/建议答复 (and 会办意见)."""

    kind: Literal["reply"] = Field(default="reply", title="文种", description="答复写 reply，可省略")
    result_class: Annotated[
        Text | None, AfterValidator(lambda v: v.removesuffix("类").strip() if v else v)
    ] = Field(default=None, title="办理结果类别", description="如 A、B、C 或 甲、乙；排在首页右上角")
    proposal: Proposal = Field(title="提案", description="被答复的提案或建议：会议、提案号、案由")
    proposer: Proposer = Field(title="提案人", description="提案人（领衔代表）姓名和类型，决定称谓和“您/贵单位/你们”")
    handling: Handling | None = Field(default=None, title="办理方式", description="主办、会办或分办；会办时写主办单位")
    title: Text | None = Field(default=None, title="标题", description="不填时按提案信息生成")
    title_form: genre.TitleForm = Field(
        default="对", title="标题句式", description="“对…的答复”“关于对…的答复”或“关于…的答复”"
    )
    salutation: Text | None = Field(default=None, title="称谓", description="不填时按提案人生成，如“费日晨委员”")
    opening: Text | None = Field(default=None, title="开头语", description="不填时按公式生成")
    preamble: Paragraphs = Field(default_factory=_empty_list, title="前言段落", description="开头语之后、第一条建议之前的段落")
    items: list[Item] = Field(
        default_factory=_empty_list,
        title="条目",
        description="开头语之后直接编号 1. 2. 的条目（会办意见常这样写），排在各节之前；序号由模板生成",
    )
    sections: list[Section] = Field(default_factory=_empty_list, title="答复部分", description="每条建议一节")
    next_steps: NextSteps | None = Field(default=None, title="下一步", description="结束语之前的“下一步，…”段落，或单列一节")
    closing: Closing | None = Field(default=None, title="结束语", description="结束语：填感谢对象等生成公式，或直接写一句话")

    @model_validator(mode="after")
    def _copy_to_co_units(self) -> Reply:
        # The 主办 reply goes to every 会办 unit as well, unless the draft says otherwise.
        handling = self.handling
        if handling is not None and handling.role == "主办" and handling.copy_co_units:
            from .placeholders import PLACEHOLDER

            units = [*handling.co_units, *(o.unit for o in handling.opinions if o.unit)]
            # A unit still to be filled in is not printed in the 版记 (check lists it as RG007).
            self.cc = [*self.cc, *(u for u in dict.fromkeys(units) if u not in self.cc and PLACEHOLDER not in u)]
        return self


class Subpart(_Model):
    """（一） inside a part of an 实施意见."""

    heading: Line = Field(title="标题", description="小部分标题，序号（一）（二）由模板生成")
    paragraphs: Paragraphs = Field(default_factory=_empty_list, title="正文段落", description="本小部分正文，每段一项")
    items: Items = Field(default_factory=_empty_list, title="条目", description="编号条目，全文连续编号，序号由模板生成")


class Part(_Model):
    """一、 a part of an 实施意见."""

    heading: Line = Field(title="标题", description="部分标题，序号一、二、由模板生成")
    paragraphs: Paragraphs = Field(default_factory=_empty_list, title="正文段落", description="本部分正文，每段一项")
    items: Items = Field(default_factory=_empty_list, title="条目", description="编号条目，全文连续编号，序号由模板生成")
    subparts: list[Subpart] = Field(default_factory=_empty_list, title="小部分", description="编号（一）（二）的小部分")


class Opinion(_Common):
    """实施意见: parts, sub-parts and items numbered continuously across parts."""

    kind: Literal["opinion"] = Field(title="文种", description="实施意见必须写 opinion")
    subject: Text | None = Field(default=None, title="事由", description="生成标题“发文机关关于…的实施意见”")
    title: Text | None = Field(default=None, title="标题", description="填写后代替生成的标题")
    recipients: Annotated[list[Entry], BeforeValidator(_to_list)] = Field(
        default_factory=_empty_list, title="主送机关", description="每项一个机关，模板用逗号连接"
    )
    preamble: Paragraphs = Field(default_factory=_empty_list, title="前言段落", description="标题和主送机关之后、第一部分之前的段落")
    parts: list[Part] = Field(default_factory=_empty_list, title="部分", description="正文各部分，序号一、二、由模板生成")
    closing: Paragraphs = Field(default_factory=_empty_list, title="结尾段落", description="正文最后的段落，如“各地各部门要……”")

    @model_validator(mode="after")
    def _title_or_subject(self) -> Opinion:
        if not (self.title or self.subject):
            raise ValueError("实施意见需要 subject（事由）或 title（完整标题）")
        return self


DOCUMENT_MODELS: dict[str, type[Reply] | type[Opinion]] = {"reply": Reply, "opinion": Opinion}
"""The model of each document kind, by ``kind``; a draft without ``kind`` is a reply."""
