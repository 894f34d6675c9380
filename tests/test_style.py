"""House style: every setting renders the form it promises, in text and in .docx."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest

import replygen
from replygen.cli import main
from replygen.layout import break_title
from replygen.render import render_block_texts
from replygen.style import PLACEHOLDERS, Style, default_style, style_init_text

BASE: dict[str, Any] = {
    "issuer": "吉林省科学技术厅",
    "doc_number": "吉科发人才〔2023〕92号",
    "result_class": "B",
    "proposal": {"meeting": "省政协十三届一次会议", "number": "2023W316", "title": "关于加快科技型中小企业创新发展的建议"},
    "proposer": {"name": "李秀玉", "type": "member"},
    "sections": [{"topic": "提升企业创新主体地位", "paragraphs": ["省科技厅始终高度重视。"]}],
    "closing": {"thanks_for": "我省科技工作"},
    "contact": {"unit": "成果转化处", "person": "张明", "phone": "0431-88888888"},
    "signature": {"date": "2023-05-17"},
}


def draft(style: dict[str, Any] | None = None, **overrides: Any) -> replygen.Reply:
    data = {**BASE, **overrides}
    if style is not None:
        data["style"] = style
    return replygen.Reply.model_validate(data)


def text_lines(doc: replygen.Reply) -> list[str]:
    """The text output's lines without their layout spaces; blank lines dropped. A title the
    writer breaks over lines for the page (as the .docx does) is joined again."""
    out = [line.strip("\u3000 ") for line in replygen.render_text(doc).splitlines() if line.strip()]
    title = doc_title(doc)
    pieces = break_title(title) if title else []
    if len(pieces) > 1 and pieces[0] in out:
        at = out.index(pieces[0])
        if out[at : at + len(pieces)] == pieces:
            out[at : at + len(pieces)] = [title]
    return out


def doc_title(doc: replygen.Reply) -> str:
    return next((text for role, text in render_block_texts(doc) if role == "title"), "")


def docx_paragraphs(doc: replygen.Reply) -> list[tuple[str, str]]:
    """(style name, text) of each non-empty paragraph of the .docx, in page order."""
    document = docx.Document(io.BytesIO(replygen.docx_bytes(doc)))
    return [(p.style.name, p.text.replace("\n", "")) for p in document.paragraphs if p.text]


def in_order(lines: list[str], expected: list[str]) -> bool:
    """Each expected line appears, in this order (other lines may stand between)."""
    it = iter(lines)
    return all(any(line == want for line in it) for want in expected)


def both(doc: replygen.Reply, expected: list[str], absent: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Check text and .docx hold ``expected`` in order and none of ``absent``; the .docx paragraphs."""
    lines = text_lines(doc)
    paragraphs = docx_paragraphs(doc)
    assert in_order(lines, expected), lines
    assert in_order([text for _, text in paragraphs], expected), paragraphs
    for text in absent:
        assert not any(text in line for line in lines), lines
        assert not any(text in p for _, p in paragraphs), paragraphs
    return paragraphs


def style_of(paragraphs: list[tuple[str, str]], text: str) -> str:
    return next(style for style, p in paragraphs if p == text)


# --- the default --------------------------------------------------------------------------


def test_the_default_style_is_the_genres_wording() -> None:
    doc = draft()
    paragraphs = both(
        doc,
        [
            "B类",
            "对省政协十三届一次会议第2023W316号委员提案的答复",
            "李秀玉委员：",
            "您在省政协十三届一次会议上提出的《关于加快科技型中小企业创新发展的建议》收悉，经认真研究办理，现答复如下：",
            "感谢您对我省科技工作的关心和支持。",
            "吉林省科学技术厅",
            "2023年5月17日",
            "承办单位：成果转化处\u3000联系人：张明\u3000联系电话：0431-88888888",
        ],
    )
    # GB/T 9704 版头: the .docx sets the 文号 above the title, the text below it.
    titles = [text for _, text in paragraphs]
    assert titles.index("吉科发人才〔2023〕92号") < titles.index("对省政协十三届一次会议第2023W316号委员提案的答复")
    lines = text_lines(doc)
    assert lines.index("吉科发人才〔2023〕92号") > lines.index("对省政协十三届一次会议第2023W316号委员提案的答复")


def test_every_default_passes_its_own_checks() -> None:
    # The defaults are not validated by pydantic; a misspelt placeholder in one would be a blank.
    assert Style.model_validate(default_style().model_dump()) == default_style()


# --- title ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "title"),
    [
        ("{发文机关}关于对{会议}第{提案号}号提案的答复函", "吉林省科学技术厅关于对省政协十三届一次会议第2023W316号提案的答复函"),
        ("关于{会议}{提案号}号{提案类别}的复函", "关于省政协十三届一次会议2023W316号委员提案的复函"),
        ("对{会议}第{提案号}号提案的回复", "对省政协十三届一次会议第2023W316号提案的回复"),
        ("关于《{案由}》的答复", "关于《关于加快科技型中小企业创新发展的建议》的答复"),
    ],
)
def test_title_pattern(pattern: str, title: str) -> None:
    paragraphs = both(draft({"title": pattern}), [title])
    assert style_of(paragraphs, title) == "标题"


def test_co_handling_title() -> None:
    doc = draft(
        {"title_co_handling": "{发文机关}关于{会议}第{提案号}号提案的会办意见"},
        handling={"role": "会办", "lead_unit": "省财政厅"},
    )
    both(doc, ["吉林省科学技术厅关于省政协十三届一次会议第2023W316号提案的会办意见", "省财政厅："])


def test_no_title() -> None:
    paragraphs = both(draft({"title": None}), ["吉科发人才〔2023〕92号", "李秀玉委员："], absent=("的答复",))
    assert "标题" not in {style for style, _ in paragraphs}


# --- salutation and opening -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "proposer", "salutation"),
    [
        ("{姓名}{后缀}", {"name": "李秀玉", "type": "member"}, "李秀玉委员"),
        ("{姓名}：", {"name": "李秀玉", "type": "deputy"}, "李秀玉："),
        ("尊敬的{提案人}：", {"name": ["张三", "李四"], "type": "deputy"}, "尊敬的张三、李四代表："),
        ("{姓名}{后缀}：", {"name": "民建省委会", "type": "organisation"}, "民建省委会："),
    ],
)
def test_salutation_pattern(pattern: str, proposer: dict[str, Any], salutation: str) -> None:
    paragraphs = both(draft({"salutation": pattern}, proposer=proposer), [salutation])
    assert style_of(paragraphs, salutation) == "主送"


def test_a_salutation_typed_in_the_draft_takes_the_styles_colon() -> None:
    both(draft({"salutation": "{姓名}{后缀}"}, salutation="李秀玉同志"), ["李秀玉同志"], absent=("李秀玉同志：",))
    both(draft(salutation="李秀玉同志："), ["李秀玉同志："], absent=("：：",))


def test_opening_in_several_paragraphs_and_none() -> None:
    doc = draft({"opening": ["{称呼}提出的《{案由}》收悉。", "{我}高度重视，现答复如下："]})
    both(doc, ["李秀玉委员：", "您提出的《关于加快科技型中小企业创新发展的建议》收悉。", "我厅高度重视，现答复如下：", "一、关于“提升企业创新主体地位”的建议"])
    both(draft({"opening": None}), ["李秀玉委员：", "一、关于“提升企业创新主体地位”的建议"], absent=("收悉",))


def test_wording_inside_the_body() -> None:
    doc = draft(
        {"topic_heading": "关于{主题}", "restatement_lead": "您在《{简称}》中提出：", "next_steps_lead": "今后，"},
        sections=[{"topic": "人才", "restatement": "加强人才引进。", "paragraphs": ["已落实。"], "next_steps": "继续推进。"}],
    )
    both(doc, ["一、关于人才", "您在《建议》中提出：加强人才引进。", "今后，继续推进。"])


# --- closing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("closing", "draft_closing", "expected", "absent"),
    [
        (["{结束语}", "专此答复。"], {"thanks_for": "我省科技工作"}, ["感谢您对我省科技工作的关心和支持。", "专此答复。"], ()),
        (["特此函复。"], {"thanks_for": "我省科技工作"}, ["特此函复。"], ("感谢",)),
        (None, {"thanks_for": "我省科技工作"}, [], ("感谢", "专此")),
        (["{结束语}", "再次感谢{称呼}的关心。", "专此答复。"], "欢迎继续提出意见。", ["欢迎继续提出意见。", "再次感谢您的关心。", "专此答复。"], ()),
        (["{结束语}", "此复。"], None, ["此复。"], ("感谢",)),
    ],
)
def test_closing_paragraphs(closing: Any, draft_closing: Any, expected: list[str], absent: tuple[str, ...]) -> None:
    doc = draft({"closing": closing}, closing=draft_closing)
    lines = text_lines(doc)
    both(doc, expected + ["吉林省科学技术厅"], absent)
    assert lines.index("吉林省科学技术厅") == (lines.index(expected[-1]) + 1 if expected else lines.index("省科技厅始终高度重视。") + 1)


def test_thanks_formulas() -> None:
    style = {"thanks": "衷心感谢{称呼}对{感谢对象}的关注！", "thanks_full": "感谢{称呼}对{感谢对象}的支持，望{关注对象}，为{贡献对象}做出{新的}贡献。"}
    both(draft(style), ["衷心感谢您对我省科技工作的关注！"])
    full = {"thanks_for": "科技", "attention_to": "创新", "contribute_to": "发展", "new_contribution": True}
    both(draft(style, closing=full), ["感谢您对科技的支持，望创新，为发展做出新的贡献。"])


# --- 分类标识 ---------------------------------------------------------------------------------


def test_class_label_top_right() -> None:
    doc = draft({"class_label": "类别：{类别}"})
    paragraphs = both(doc, ["类别：B", "对省政协十三届一次会议第2023W316号委员提案的答复"], absent=("B类",))
    assert style_of(paragraphs, "类别：B") == "分类标识"
    line = next(line for line in replygen.render_text(doc).splitlines() if line.endswith("类别：B"))
    assert line == "\u3000" * 24 + " 类别：B"  # flush right on the 28-character line: 28 − 3.5


def test_class_label_after_the_doc_number() -> None:
    doc = draft({"class_label": "（{类别}类）", "class_place": "文号后"})
    paragraphs = both(doc, ["吉科发人才〔2023〕92号（B类）"], absent=("B类\n",))
    assert "分类标识" not in {style for style, _ in paragraphs}


def test_class_label_after_the_body_and_after_the_date() -> None:
    both(
        draft({"class_label": "办复类别：{类别}", "class_place": "正文后"}),
        ["感谢您对我省科技工作的关心和支持。", "办复类别：B", "吉林省科学技术厅", "2023年5月17日"],
    )
    both(
        draft({"class_label": "办复类别：{类别}类", "class_place": "落款后"}),
        ["吉林省科学技术厅", "2023年5月17日", "办复类别：B类"],
    )


# --- 发文字号 and header lines --------------------------------------------------------------------


def test_doc_number_before_and_after_the_title_in_both_outputs() -> None:
    title = "对省政协十三届一次会议第2023W316号委员提案的答复"
    both(draft({"doc_number_place": "标题前"}), ["吉科发人才〔2023〕92号", title])
    both(draft({"doc_number_place": "标题后"}), [title, "吉科发人才〔2023〕92号"])
    paragraphs = docx_paragraphs(draft({"doc_number_place": "标题后"}))
    texts = [text for _, text in paragraphs]
    assert texts.index(title) < texts.index("吉科发人才〔2023〕92号")


def test_header_lines_open_the_letter() -> None:
    doc = draft({"header_lines": ["{发文机关}文件"], "doc_number_place": "标题前"})
    paragraphs = both(doc, ["吉林省科学技术厅文件", "吉科发人才〔2023〕92号", "对省政协十三届一次会议第2023W316号委员提案的答复"])
    assert paragraphs[:4] == [
        ("分类标识", "B类"),
        ("发文字号", "吉林省科学技术厅文件"),
        ("发文字号", "吉科发人才〔2023〕92号"),
        ("标题", "对省政协十三届一次会议第2023W316号委员提案的答复"),
    ]
    lines = replygen.render_text(doc).splitlines()
    issuer_line = next(line for line in lines if line.endswith("吉林省科学技术厅文件"))
    assert issuer_line.startswith("\u3000" * 9)  # centred: (28 − 10) / 2 characters in


def test_head_lines_in_the_letters_order_carry_the_doc_number_the_class_and_the_signer() -> None:
    style = {
        "header_lines": ["{发文机关}", "{发文字号}", "类别：{类别}"],
        "after_title": ["签发人：{签发人}"],
        "doc_number_place": "版头行",
        "class_place": "版头行",
        "signer_place": "版头行",
    }
    doc = draft(style, signer="王某")
    expected = ["吉林省科学技术厅", "吉科发人才〔2023〕92号", "类别：B", "对省政协十三届一次会议第2023W316号委员提案的答复", "签发人：王某"]
    paragraphs = both(doc, [*expected, "李秀玉委员："], absent=("B类",))
    # Each once: the 文号, the class and the 签发人 are printed only where the lines name them.
    texts = [text for _, text in paragraphs]
    assert texts[:5] == expected
    assert [t for t in text_lines(doc) if "签发人" in t] == ["签发人：王某"]
    assert text_lines(doc)[:5] == expected


def test_a_signer_line_of_its_own_without_a_signer_is_left_out() -> None:
    doc = draft({"after_title": ["签发人：{签发人}"], "signer_place": "版头行"})
    assert "签发人：" not in "".join(text_lines(doc))
    doc = draft({"contact": ["领导签发：{签发人}", "联系人：{联系人}"], "signer_place": "版头行"}, signer="刘某")
    assert text_lines(doc)[-2:] == ["领导签发：刘某", "联系人：张明"]


def test_lines_after_the_signature_and_lines_without_placeholders() -> None:
    doc = draft({"after_signature": ["抄报：市督查局　市政协提案委"]}, contact=None)
    lines = text_lines(doc)
    assert lines[-2:] == ["2023年5月17日", "抄报：市督查局　市政协提案委"]
    # A contact line written without placeholders prints even when the draft has no contact.
    doc = draft({"contact": ["联系人：{联系人}", "抄报：市督查局"]}, contact=None)
    assert text_lines(doc)[-1] == "抄报：市督查局" and "联系人：" not in "".join(text_lines(doc))


def test_a_signature_without_a_date_needs_the_style_that_prints_none() -> None:
    doc = draft({"signature_date": False}, signature={"name": "吉林省科学技术厅"})
    assert text_lines(doc)[-2] == "吉林省科学技术厅"
    with pytest.raises(replygen.InputError, match="成文日期"):
        replygen.loads(
            "issuer: 某局\nproposal: {meeting: 会议, number: '1', title: 题}\nproposer: {name: 甲, type: member}\n"
            "signature: {name: 某局}\n"
        )


# --- contact --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "contact", "expected"),
    [
        (["联系单位及电话：{承办单位}\u3000{联系电话}"], {"unit": "县教育局办公室", "phone": "0433-1234567"}, ["联系单位及电话：县教育局办公室\u30000433-1234567"]),
        (
            ["承办负责人：{承办负责人}", "承办人及联系电话：{联系人}\u3000{联系电话}"],
            {"head": "张韧", "person": "李瑾", "phone": "0730-3751234"},
            ["承办负责人：张韧", "承办人及联系电话：李瑾\u30000730-3751234"],
        ),
        (["联系人：{联系人}\u3000联系电话：{联系电话}"], {"phone": "0431-88888888"}, ["联系电话：0431-88888888"]),
    ],
)
def test_contact_lines(lines: list[str], contact: dict[str, str], expected: list[str]) -> None:
    paragraphs = both(draft({"contact": lines}, contact=contact), ["2023年5月17日", *expected], absent=("联系人：\u3000",))
    assert {style_of(paragraphs, line) for line in expected} == {"联系人"}


def test_contact_before_the_signature() -> None:
    both(draft({"contact_place": "落款前"}), ["承办单位：成果转化处\u3000联系人：张明\u3000联系电话：0431-88888888", "吉林省科学技术厅", "2023年5月17日"])


def test_a_contact_needs_something_to_print() -> None:
    with pytest.raises(replygen.DraftValidationError, match="至少要填"):
        replygen.loads("issuer: 某厅\nproposal: {meeting: 会, number: 1, title: 题}\nproposer: {name: 张三, type: member}\ncontact: {unit: null}\n")


# --- 署名 and date ------------------------------------------------------------------------------


def test_date_in_chinese_numerals() -> None:
    paragraphs = both(draft({"date_numerals": "汉字"}, signature={"date": "2017-05-02"}), ["吉林省科学技术厅", "二〇一七年五月二日"])
    assert style_of(paragraphs, "二〇一七年五月二日") == "成文日期"
    both(draft({"date_numerals": "汉字"}, signature={"date": "2020-10-31"}), ["二〇二〇年十月三十一日"])


def test_a_date_without_a_signature_and_a_signature_without_a_date() -> None:
    doc = draft({"signature_name": False})
    both(doc, ["2023年5月17日"], absent=("吉林省科学技术厅\n",))
    date_line = next(line for line in replygen.render_text(doc).splitlines() if line.endswith("2023年5月17日"))
    assert date_line == "\u3000" * 17 + " 2023年5月17日"  # 右空四字: 28 − 4 − 6.5, a half column in half-width
    lines = text_lines(doc)
    assert "吉林省科学技术厅" not in lines
    doc = draft({"signature_date": False})
    both(doc, ["吉林省科学技术厅"], absent=("2023年5月17日",))
    sign_line = next(line for line in replygen.render_text(doc).splitlines() if line.endswith("吉林省科学技术厅"))
    assert sign_line == "\u3000" * 18 + "吉林省科学技术厅"  # 右空二字: 28 − 2 − 8


def test_lines_between_the_closing_and_the_signature() -> None:
    both(
        draft({"before_signature": ["附：提案办理情况征询意见表"]}),
        ["感谢您对我省科技工作的关心和支持。", "附：提案办理情况征询意见表", "吉林省科学技术厅"],
    )


@pytest.mark.parametrize(
    ("setting", "disclosure", "note"),
    [
        ("disclosure_public", {"disclosure": "主动公开"}, "（此件主动公开）"),
        ("disclosure_on_request", {"disclosure": "依申请公开"}, "（此件可依申请公开）"),
        ("disclosure_withheld", {"disclosure": "不予公开", "disclosure_reason": "涉及个人信息"}, "（此件不公开）"),
    ],
)
def test_disclosure_notes(setting: str, disclosure: dict[str, str], note: str) -> None:
    paragraphs = both(draft({setting: note}, **disclosure), ["2023年5月17日", note])
    assert style_of(paragraphs, note) == "附注"


def test_the_draft_mark() -> None:
    doc = draft({"draft_mark": "（讨论稿）"})  # printed while the letter is a draft
    assert "（讨论稿）" not in replygen.render_text(doc)
    lines = [line.strip("\u3000 ") for line in replygen.render_text(doc, draft=True).splitlines()]
    assert lines[0] == "（讨论稿）"
    document = docx.Document(io.BytesIO(replygen.docx_bytes(doc, draft=True)))
    assert [(p.style.name, p.text) for p in document.paragraphs if p.text][0] == ("稿本", "（讨论稿）")


def test_co_handling_opening_abbreviation_and_next_steps_heading() -> None:
    doc = draft(
        {
            "opening_co_handling": ["{提案人}提出的《{案由}》{以下简称}收悉，{我}会办意见如下："],
            "abbreviation": "（简称《{简称}》）",
            "next_steps_heading": "今后打算",
        },
        handling={"role": "会办", "lead_unit": "省财政厅"},
        proposal={**BASE["proposal"], "abbreviation": "建议"},
        next_steps={"as_section": True, "text": "继续支持。"},
    )
    both(
        doc,
        [
            "省财政厅：",
            "李秀玉委员提出的《关于加快科技型中小企业创新发展的建议》（简称《建议》）收悉，我厅会办意见如下：",
            "二、今后打算",
            "继续支持。",
        ],
    )


def test_every_setting_has_a_test() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [name for name in Style.model_fields if f'"{name}"' not in source]
    assert untested == []


# --- files, inline settings and mistakes -------------------------------------------------------


def write_draft(folder: Path, style_line: str) -> Path:
    import yaml

    body = yaml.safe_dump({k: v for k, v in BASE.items()}, allow_unicode=True, sort_keys=False)
    path = folder / "draft.yaml"
    path.write_text(style_line + body, encoding="utf-8")
    return path


def test_a_style_file_beside_the_draft_and_inline_refinements(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "office.yaml").write_text("salutation: '{姓名}{后缀}'\nclosing: ['{结束语}', 专此答复。]\n", encoding="utf-8")
    doc = replygen.load(write_draft(tmp_path, "style: styles/office.yaml\n"))
    both(doc, ["李秀玉委员", "专此答复。"])
    doc = replygen.load(write_draft(tmp_path, "style: {file: styles/office.yaml, closing: [特此函复。]}\n"))
    both(doc, ["李秀玉委员", "特此函复。"], absent=("专此答复。",))


def test_a_mistake_in_a_style_file_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "office.yaml").write_text("# 本单位格式\ntitle: '{会议}第{提按号}号'\nclosng: [此复。]\n", encoding="utf-8")
    with pytest.raises(replygen.InputError) as caught:
        replygen.load(write_draft(tmp_path, "style: office.yaml\n"))
    problems = {(p.file, p.line, p.field) for p in caught.value.problems}
    office = str(tmp_path / "office.yaml")
    assert problems == {(office, 2, "title"), (office, 3, "closng")}
    messages = " ".join(p.message for p in caught.value.problems)
    assert "未知的占位符“{提按号}”" in messages and "是不是想写“closing”" in messages


def test_a_missing_style_file_and_an_inline_mistake(tmp_path: Path) -> None:
    with pytest.raises(replygen.InputError, match="找不到格式文件"):
        replygen.load(write_draft(tmp_path, "style: nowhere.yaml\n"))
    with pytest.raises(replygen.InputError) as caught:
        replygen.load(write_draft(tmp_path, "style:\n  class_place: 左上角\n"))
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (2, "style.class_place") and "右上角" in problem.message


def test_templates_see_the_style_as_plain_data(tmp_path: Path) -> None:
    (tmp_path / "reply.j2").write_text(
        '{% extends "builtin/reply.j2" %}{% block closing %}\n<p>{{ style.class_place }}{{ style.closing|length }}</p>\n{% endblock %}\n',
        encoding="utf-8",
    )
    blocks = replygen.render_blocks(draft({"class_place": "正文后"}), tmp_path)
    assert "正文后1" in [b.text for b in blocks]


# --- the command ---------------------------------------------------------------------------------


def test_style_command_lists_every_setting(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["style"]) == 0
    out = capsys.readouterr().out
    for name, field in Style.model_fields.items():
        assert f"{name}  {field.title}" in out
    assert '默认："{句式}{会议}第{提案号}号{提案类别}的答复"' in out and '默认：["{结束语}"]' in out
    assert all(f"{{{name}}}" in out for name in PLACEHOLDERS)


def test_style_init_writes_a_file_that_loads_as_the_default(tmp_path: Path) -> None:
    target = tmp_path / "office-style.yaml"
    assert main(["style", "--init", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == style_init_text()
    from replygen.loader import load_style

    assert load_style(target) == default_style()
    assert main(["style", "--init", "-o", str(target)]) == 1  # never replaces a file without --force


# --- the README's county letter ------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
COUNTY = ROOT / "examples" / "county"


def readme_block(after: str, language: str) -> str:
    """The first ```language block that follows the line containing ``after``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"```{language}\n", text.index(after)) + len(language) + 4
    return text[start : text.index("```", start)]


def without_comment_lines(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))


def test_the_readme_shows_the_county_files_as_they_are() -> None:
    assert readme_block("The style file, `office-style.yaml`", "yaml") == without_comment_lines(
        (COUNTY / "office-style.yaml").read_text(encoding="utf-8")
    )
    assert readme_block("The draft, `reply-012.yaml`", "yaml") == without_comment_lines(
        (COUNTY / "reply-012.yaml").read_text(encoding="utf-8")
    )


def test_the_county_letter_renders_as_the_readme_shows() -> None:
    doc = replygen.load(COUNTY / "reply-012.yaml")
    shown = readme_block("replygen render examples/county/reply-012.yaml --format text", "text")
    assert replygen.render_text(doc) == shown
    # What such a letter carries, each in the form the county writes it.
    lines = shown.splitlines()
    assert "".join(line.strip("\u3000 ") for line in lines[1:4]) == "××县教育局关于对政协××县第十届委员会第二次会议第12号提案的答复函"
    assert "王丽华委员" in lines and "王丽华委员：" not in lines
    assert lines[0].endswith("类别：B") and "\u3000\u3000专此答复。" in lines
    # §7.3.5.2 with a date longer than the 署名: the date 右空二字, the 署名 two characters left of it.
    assert lines[-3:] == [
        "\u3000" * 15 + "××县教育局",
        "\u3000" * 17 + "二〇二四年六月十日",
        "\u3000\u3000联系单位及电话：县教育局人事股\u30000433-8888xxxx",
    ]


def test_the_county_letter_as_docx() -> None:
    doc = replygen.load(COUNTY / "reply-012.yaml")
    paragraphs = docx_paragraphs(doc)
    assert paragraphs[0] == ("分类标识", "类别：B")
    assert ("主送", "王丽华委员") in paragraphs
    assert [text for _, text in paragraphs][-4:] == [
        "专此答复。",
        "××县教育局",
        "二〇二四年六月十日",
        "联系单位及电话：县教育局人事股\u30000433-8888xxxx",
    ]


def test_an_opinion_takes_the_settings_that_apply_to_it() -> None:
    doc = replygen.Opinion.model_validate(
        {
            "kind": "opinion",
            "issuer": "××县人民政府",
            "subject": "推进教育均衡发展",
            "parts": [{"heading": "总体要求", "paragraphs": ["坚持统筹推进。"]}],
            "signature": {"date": "2024-03-01"},
            "style": {"header_lines": ["{发文机关}文件"], "date_numerals": "汉字"},
        }
    )
    both(doc, ["××县人民政府文件", "××县人民政府关于推进教育均衡发展的实施意见", "××县人民政府", "二〇二四年三月一日"])


def test_check_reads_the_style_file_too(tmp_path: Path) -> None:
    from replygen.lint import lint_file

    assert lint_file(COUNTY / "reply-012.yaml") == []
    (tmp_path / "office.yaml").write_text("class_place: 顶部\n", encoding="utf-8")
    [finding] = lint_file(write_draft(tmp_path, "style: office.yaml\n"))
    assert (finding.rule, finding.file, finding.line, finding.field) == ("RG001", str(tmp_path / "office.yaml"), 1, "class_place")


def test_the_style_model_and_the_genres_defaults_agree() -> None:
    from replygen.formulas import DEFAULTS, plain_style

    assert plain_style(default_style()) == DEFAULTS


def test_a_draft_without_a_style_never_loads_the_style_model() -> None:
    # Building the style's validator would add to every cold start; only a styled draft pays it.
    import subprocess
    import sys

    code = (
        "import sys, replygen\n"
        f"doc = replygen.load({str(ROOT / 'examples' / 'reply-004-kjt-2023-92.yaml')!r})\n"
        "replygen.render_text(doc)\n"
        "print('replygen.style' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_body_limit_is_read_from_the_style() -> None:
    from replygen.versions import body_limit

    assert body_limit(draft({"body_limit": 2500})) == 2500
    assert body_limit(draft({})) is None  # no cap unless the office sets one


def test_cc_required_is_read_from_the_style() -> None:
    from replygen.formulas import effective_style

    assert effective_style(draft({"cc_required": ["市政协提案委员会"]})).cc_required == ["市政协提案委员会"]
    assert effective_style(draft({"cc_required": "市政府督查室"})).cc_required == ["市政府督查室"]  # one may be written alone
    assert list(effective_style(draft({})).cc_required) == []


def test_class_required_is_read_from_the_style() -> None:
    from replygen.formulas import effective_style
    from replygen.style import style_init_text

    assert effective_style(draft({"class_required": True})).class_required is True
    assert effective_style(draft({})).class_required is False  # no office requires a class unless it says so
    assert "# 必须标明办理结果类别：" in style_init_text() and "\nclass_required: false\n" in style_init_text()


def test_co_opinion_words_how_a_co_handling_units_opinion_is_stated() -> None:
    handling = {"role": "主办", "co_units": ["市财政局"], "opinions": [{"unit": "市财政局", "text": ["同意。", "将落实资金。"]}]}
    doc = draft({"co_opinion": "经征求{会办单位}意见，{会办意见}"}, handling=handling)
    assert "经征求市财政局意见，同意。" in text_lines(doc) and "将落实资金。" in text_lines(doc)
    assert "市财政局会办意见：同意。" in text_lines(draft({}, handling=handling))  # the default wording
    with pytest.raises(replygen.InputError, match="未知的占位符"):
        draft({"co_opinion": "{主办单位}：{会办意见}"})
