"""Numbering and formulas come from the templates; these pin down what they generate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import replygen
from conftest import EXAMPLES
from replygen.render import cn_number, render_blocks


def reply(**overrides: Any) -> replygen.Reply:
    data: dict[str, Any] = {
        "issuer": "吉林省科学技术厅",
        "proposal": {"meeting": "省政协十三届一次会议", "number": "2023D7", "title": "关于促进孵化器发展的建议"},
        "proposer": {"name": "费日晨", "type": "member"},
        "sections": [{"topic": "加强引导", "paragraphs": ["正文。"]}],
    }
    data.update(overrides)
    return replygen.Reply.model_validate(data)


def texts(doc: replygen.Reply | replygen.Opinion, role: str | None = None) -> list[str]:
    return [b.text for b in render_blocks(doc) if role is None or b.role == role]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
     (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (1000, "一千"), (1001, "一千零一")],
)  # fmt: skip
def test_cn_number(n: int, expected: str) -> None:
    assert cn_number(n) == expected


@pytest.mark.parametrize("n", [0, -1, 10000])
def test_cn_number_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        cn_number(n)


# --- formulas per proposer type -------------------------------------------------------


@pytest.mark.parametrize(
    ("proposer", "salutation", "pronoun", "label"),
    [
        ({"name": "费日晨", "type": "member"}, "费日晨委员：", "您", "委员提案"),
        ({"name": "费日晨", "type": "委员"}, "费日晨委员：", "您", "委员提案"),
        ({"name": "王五", "type": "deputy"}, "王五代表：", "您", "代表建议"),
        ({"name": "民建省委会", "type": "organisation"}, "民建省委会：", "贵单位", "民建省委会提案"),
        ({"name": ["张三", "李四"], "type": "member"}, "张三、李四委员：", "你们", "委员提案"),
        ({"name": ["张三", "李四"], "type": "代表"}, "张三、李四代表：", "你们", "代表建议"),
    ],
)
def test_formulas_follow_the_proposer(proposer: dict[str, Any], salutation: str, pronoun: str, label: str) -> None:
    doc = reply(proposer=proposer, closing={"thanks_for": "科技工作"})
    assert texts(doc, "salutation") == [salutation]
    body = texts(doc, "p")
    assert body[0] == f"{pronoun}在省政协十三届一次会议上提出的《关于促进孵化器发展的建议》收悉，经认真研究办理，现答复如下："
    assert body[-1] == f"感谢{pronoun}对科技工作的关心和支持。"
    assert texts(doc, "title") == [f"对省政协十三届一次会议第2023D7号{label}的答复"]


@pytest.mark.parametrize(
    ("form", "title"),
    [("对", "对省政协十三届一次会议第2023D7号委员提案的答复"),
     ("关于对", "关于对省政协十三届一次会议第2023D7号委员提案的答复"),
     ("关于", "关于省政协十三届一次会议第2023D7号委员提案的答复")],
)  # fmt: skip
def test_title_forms(form: str, title: str) -> None:
    assert texts(reply(title_form=form), "title") == [title]


def test_overrides_win_over_formulas() -> None:
    doc = reply(title="自拟标题", salutation="张三等委员", opening="自拟开头。", proposal={
        "meeting": "m", "number": 5, "title": "t", "kind": "集体提案"})  # fmt: skip
    assert texts(doc, "title") == ["自拟标题"]
    assert texts(doc, "salutation") == ["张三等委员："]
    assert texts(doc, "p")[0] == "自拟开头。"


def test_explicit_kind_labels_the_title() -> None:
    doc = reply(proposal={"meeting": "市政协十四届四次会议", "number": "2025D048", "title": "t", "kind": "集体提案"})
    assert texts(doc, "title") == ["对市政协十四届四次会议第2025D048号集体提案的答复"]


def test_abbreviation_feeds_opening_and_restatement() -> None:
    doc = reply(
        proposal={"meeting": "m会议", "number": "1", "title": "关于甲的建议", "abbreviation": "建议"},
        sections=[{"topic": "甲", "restatement": "应当如此。"}],
    )
    body = texts(doc, "p")
    assert body[0] == "您在m会议上提出的《关于甲的建议》（以下简称《建议》）收悉，经认真研究办理，现答复如下："
    assert body[1] == "《建议》提出，应当如此。"


def test_full_thanks_formula_and_we_from_issuer() -> None:
    closing = {"thanks_for": "甲", "attention_to": "乙", "contribute_to": "丙", "new_contribution": True}
    assert texts(reply(closing=closing), "p")[-1] == (
        "感谢您对甲的关心和支持，希望继续对乙给予高度关注，与我厅建立经常性的联系，不断提出好的建议，为丙做出新的贡献。"
    )
    other = reply(issuer="吉林省发展改革委", closing={"thanks_for": "甲", "contribute_to": "丙"})
    assert texts(other, "p")[-1] == (
        "感谢您对甲的关心和支持，希望继续对甲给予高度关注，与我委建立经常性的联系，不断提出好的建议，为丙做出贡献。"
    )


def test_free_closing_and_no_closing() -> None:
    assert texts(reply(closing="特此函复。"), "p")[-1] == "特此函复。"
    assert texts(reply(), "p")[-1] == "正文。"


def test_co_handling_opinion_is_addressed_to_the_lead_unit() -> None:
    doc = reply(handling={"role": "会办", "lead_unit": "省民政厅"})
    assert texts(doc, "title") == ["对省政协十三届一次会议第2023D7号委员提案的会办意见"]
    assert texts(doc, "salutation") == ["省民政厅："]
    assert texts(doc, "p")[0].startswith("费日晨委员在省政协十三届一次会议上提出的《关于促进孵化器发展的建议》收悉")
    assert "我厅会办意见" in texts(doc, "p")[0]


# --- numbering ------------------------------------------------------------------------


def test_reply_numbering_levels() -> None:
    doc = reply(
        sections=[
            {"topic": "甲", "items": [{"lead": "引领。", "text": "正文"}, "另一条"]},
            {"heading": "资金安排建议", "subsections": [
                {"lead": "强化政策。", "paragraphs": ["一是做法。", "二是做法。"]},
                {"heading": "加强管理。", "paragraphs": ["段落。"]},
                {"department": "省工信厅", "paragraphs": ["通过实施。"],
                 "items": [{"text": "条目", "items": ["细目一", {"lead": "细目二。", "text": "说明"}]}]},
            ]},
        ],
        next_steps={"as_section": True, "items": ["继续推进。"]},
    )  # fmt: skip
    blocks = render_blocks(doc)
    body = [(b.role, b.level, b.text) for b in blocks if b.role in {"h1", "h2", "p"}][1:]
    assert body == [
        ("h1", 1, "一、关于“甲”的建议"),
        ("p", 3, "1.引领。正文"),
        ("p", 3, "2.另一条"),
        ("h1", 1, "二、资金安排建议"),
        ("p", 2, "（一）强化政策。一是做法。"),
        ("p", 0, "二是做法。"),
        ("h2", 2, "（二）加强管理。"),
        ("p", 0, "段落。"),
        ("p", 2, "（三）省工信厅通过实施。"),
        ("p", 3, "1.条目"),
        ("p", 4, "（1）细目一"),
        ("p", 4, "（2）细目二。说明"),
        ("h1", 1, "三、下一步工作安排"),
        ("p", 3, "1.继续推进。"),
    ]
    lead = blocks[[b.text for b in blocks].index("1.引领。正文")]
    assert [(r.text, r.lead) for r in lead.runs] == [("1.引领。", 3), ("正文", 0)]
    sub = next(b for b in blocks if b.text.startswith("（一）强化"))
    assert [(r.text, r.lead) for r in sub.runs] == [("（一）强化政策。", 2), ("一是做法。", 0)]


def test_next_steps_lead_is_generated_at_every_level() -> None:
    doc = reply(
        sections=[{"topic": "甲", "next_steps": "继续推进。",
                   "subsections": [{"department": "省科技厅", "paragraphs": ["开展工作。"],
                                    "next_steps": {"text": "具体举措如下：", "items": ["举措一", "举措二"]}}]}],
        next_steps="全面推进。",
    )  # fmt: skip
    body = texts(doc, "p")
    assert "下一步，继续推进。" in body
    assert body[body.index("下一步，具体举措如下：") + 1 : body.index("下一步，具体举措如下：") + 3] == ["1.举措一", "2.举措二"]
    assert "下一步，全面推进。" in body


def test_opinion_items_number_on_across_parts() -> None:
    doc = replygen.Opinion.model_validate(
        {
            "kind": "opinion",
            "issuer": "吉林省人民政府",
            "subject": "推动创新",
            "recipients": ["各市（州）人民政府", "省政府各厅委办、各直属机构"],
            "parts": [
                {"heading": "总体要求", "subparts": [{"heading": "指导思想。", "paragraphs": ["以…为指导。"]}]},
                {"heading": "优化环境", "subparts": [
                    {"heading": "优化营商环境。", "items": [
                        {"lead": "简政放权。", "text": "全面推行。", "responsibility": ["省市场监管厅", "省水利厅"]},
                        {"lead": "放管结合。", "text": "加强建设。", "responsibility": "有关地区政府牵头负责"}]}]},
                {"heading": "集聚要素", "items": [{"lead": "打造高地。", "text": "推进建设。"}]},
            ],
        }
    )  # fmt: skip
    assert texts(doc, "title") == ["吉林省人民政府关于推动创新的实施意见"]
    assert texts(doc, "salutation") == ["各市（州）人民政府，省政府各厅委办、各直属机构："]
    assert texts(doc, "h1") == ["一、总体要求", "二、优化环境", "三、集聚要素"]
    assert texts(doc, "h2") == ["（一）指导思想。", "（一）优化营商环境。"]
    numbered = [t for t in texts(doc, "p") if t[0].isdigit()]
    assert numbered == [
        "1.简政放权。全面推行。（省市场监管厅、省水利厅等部门按职责分工负责）",
        "2.放管结合。加强建设。（有关地区政府牵头负责）",
        "3.打造高地。推进建设。",
    ]


# --- header and foot --------------------------------------------------------------------


def test_header_and_foot_blocks() -> None:
    doc = reply(
        doc_number="吉科发人才【2023】 71 号",
        result_class="A类",
        signer="张三",
        signature={"date": "2023年5月4日"},
        disclosure="依申请公开",
        contact={"person": "李四", "phone": "0431-88880000", "unit": "人才处"},
        cc=["省政协提案委员会", "省政府督查室"],
        attachments=["征询意见表"],
    )
    roles = [(b.role, b.text) for b in render_blocks(doc)]
    assert roles[:4] == [
        ("mark", "A类"),
        ("signer", "签发人：张三"),
        ("title", "对省政协十三届一次会议第2023D7号委员提案的答复"),
        ("docno", "吉科发人才〔2023〕71号"),
    ]
    assert roles[-6:] == [
        ("attachment", "附件：征询意见表"),
        ("signature", "吉林省科学技术厅"),
        ("date", "2023年5月4日"),
        ("note", "（此件依申请公开）"),
        ("contact", "承办单位：人才处　联系人：李四　联系电话：0431-88880000"),
        ("cc", "抄送：省政协提案委员会，省政府督查室。"),
    ]


def test_several_attachments_are_numbered() -> None:
    doc = reply(attachments=["征询意见表", "统计表"])
    assert texts(doc, "attachment") == ["附件：1.征询意见表", "2.统计表"]


def test_publication_header_uses_website_date_style() -> None:
    doc = reply(
        doc_number="吉科发人才〔2023〕71号",
        signature={"name": "省科技厅", "date": "2023-05-04"},
        publication={"index_no": "112200/2023-01621", "category": "委员提案", "published_date": "2023-05-23"},
    )
    assert texts(doc, "meta") == [
        "索引号：112200/2023-01621",
        "分类：委员提案",
        "发文机关：吉林省科学技术厅",
        "成文日期：2023年05月04日",
        "标题：对省政协十三届一次会议第2023D7号委员提案的答复",
        "发文字号：吉科发人才〔2023〕71号",
        "发布日期：2023年05月23日",
    ]
    assert texts(doc, "signature") == ["省科技厅"]


def test_user_text_cannot_inject_markup_or_template_code() -> None:
    hostile = '</p><title>x</title>{{ 7*7 }}{% if true %}y{% endif %}&amp;"\''
    doc = reply(sections=[{"topic": "甲", "paragraphs": [hostile]}])
    assert hostile in texts(doc, "p")
    assert texts(doc, "title") == ["对省政协十三届一次会议第2023D7号委员提案的答复"]


def test_compiled_templates_are_cached_between_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from replygen import render

    monkeypatch.setenv("REPLYGEN_CACHE_DIR", str(tmp_path / "cache"))
    render._environment.cache_clear()
    try:
        doc = replygen.load(EXAMPLES / "reply-004-kjt-2023-92.yaml")
        first = replygen.render_text(doc)
        cached = list((tmp_path / "cache").rglob("*.cache"))
        assert cached, "compiled templates were not written to the cache"
        render._environment.cache_clear()  # a new process: templates come from the cache
        assert replygen.render_text(doc) == first
    finally:
        render._environment.cache_clear()


@pytest.mark.parametrize("setting", ["off", "blocked"])
def test_render_works_without_a_usable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    from replygen import render

    if setting == "blocked":
        (tmp_path / "file").write_text("not a directory")
        setting = str(tmp_path / "file")
    monkeypatch.setenv("REPLYGEN_CACHE_DIR", setting)
    render._environment.cache_clear()
    try:
        assert render._bytecode_cache() is None
        assert "答复" in replygen.render_text(replygen.load(EXAMPLES / "new-draft.yaml"))
    finally:
        render._environment.cache_clear()


def test_a_placeholder_in_the_letter_marks_it_as_a_draft() -> None:
    doc = reply(sections=[{"topic": "加强引导", "paragraphs": ["【待填写】"]}])
    assert texts(doc, "draft") == ["征求意见稿"]
    assert texts(reply(), "draft") == []
    assert render_blocks(doc, draft=False)[0].role != "draft"
    assert render_blocks(reply(), draft=True)[0].role == "draft"


def test_a_placeholder_the_letter_does_not_print_leaves_no_draft_mark() -> None:
    # Only what is printed decides the mark; --final still refuses any placeholder left.
    doc = reply(handling={"role": "主办", "co_units": ["【待填写】"]})
    assert replygen.has_placeholders(doc)
    assert "【待填写】" not in replygen.render_text(doc)
    assert texts(doc, "draft") == []


USER_TAG_MISTAKES = {
    "unknown tag": ('{% extends "builtin/reply.j2" %}\n{% block closing %}\n<para>特此函复。</para>\n{% endblock %}', 3, "未知的标记 <para>"),
    "level in an expression": ("{% for n in [1] %}\n<h{{ n }}>x</h{{ n }}>{% endfor %}", 2, "没有写完整"),
    "role in an expression": ('{% set r = "lead" %}\n<p>a<{{ r }}>x</{{ r }}></p>', 2, "标记须写完整"),
    "attribute in a statement": ('\n<p{% if true %} level="2"{% endif %}>x</p>', 2, "没有写完整"),
    "bad attribute": ('\n\n<p align="center">x</p>', 3, 'align="center"'),
    "unquoted level": ("\n<p level=3>x</p>", 2, "写法有误"),
}


@pytest.mark.parametrize("case", sorted(USER_TAG_MISTAKES))
def test_a_mistyped_tag_in_a_user_template_is_reported_with_its_line(case: str, tmp_path: Path) -> None:
    source, line, message = USER_TAG_MISTAKES[case]
    (tmp_path / "reply.j2").write_text(source, encoding="utf-8")
    with pytest.raises(replygen.TemplateError) as caught:
        replygen.render_text(reply(), template_dir=tmp_path)
    assert message in str(caught.value)
    assert caught.value.line == line


def test_a_user_template_with_unbalanced_tags_is_a_template_error(tmp_path: Path) -> None:
    (tmp_path / "reply.j2").write_text("<p>未结束的段落\n<p>下一段</p>", encoding="utf-8")
    with pytest.raises(replygen.TemplateError, match="不能再有块"):
        replygen.render_text(reply(), template_dir=tmp_path)


@pytest.mark.parametrize("escape", ["\\x05", "\\x00", "\\x1f"])
def test_a_control_character_printed_by_a_user_template_is_a_template_error(tmp_path: Path, escape: str) -> None:
    # No field can hold one, but a template's string escape can; a .docx could not hold it.
    (tmp_path / "reply.j2").write_text(f'<p>甲{{{{ "{escape}" }}}}乙</p>', encoding="utf-8")
    with pytest.raises(replygen.TemplateError, match="控制字符 U\\+00"):
        replygen.render_text(reply(), template_dir=tmp_path)


def test_a_tag_printed_by_an_expression_is_text_not_markup(tmp_path: Path) -> None:
    # Only tags written in a template's own text are markup, so none can come from a value.
    (tmp_path / "reply.j2").write_text('<p>{{ "</p><title>x</title><p>" }}</p>', encoding="utf-8")
    [block] = render_blocks(reply(), tmp_path)
    assert block.text == "</p><title>x</title><p>"


def test_render_markup_shows_the_stream_as_tags() -> None:
    from replygen.render import render_markup

    markup = render_markup(reply())
    assert "<title>对省政协十三届一次会议第2023D7号委员提案的答复</title>" in markup
    assert "<h1>一、关于“加强引导”的建议</h1>" in markup


def test_a_builtin_template_reading_a_missing_field_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The built-in environment reads attributes with plain getattr; a slip must still be an error.
    from replygen import render

    (tmp_path / "reply.j2").write_text("<p>{{ doc.no_such_field }}</p>", encoding="utf-8")
    monkeypatch.setattr(render, "builtin_template_dir", lambda: tmp_path)
    monkeypatch.setenv("REPLYGEN_CACHE_DIR", "off")
    render._environment.cache_clear()
    try:
        with pytest.raises(replygen.TemplateError, match="未定义的值：没有字段“no_such_field”"):
            replygen.render_text(reply())
    finally:
        render._environment.cache_clear()


def test_builtin_templates_read_attributes_as_python_does_and_a_missing_one_fails() -> None:
    from types import SimpleNamespace

    from replygen import render

    env = render._environment(None)
    source = "{{ doc.issuer }}|{{ doc.proposal.number }}|{{ obj.class }}"
    obj = SimpleNamespace(**{"class": "甲"})
    assert env.from_string(source).render(doc=reply(), obj=obj) == "吉林省科学技术厅|2023D7|甲"
    # No fallback to an item and no blank: a misspelt field is a template mistake.
    with pytest.raises(AttributeError, match="isuer"):
        env.from_string("{{ doc.isuer }}").render(doc=reply())
    with pytest.raises(AttributeError):
        env.from_string("{{ d.key }}").render(d={"key": "值"})


def test_builtin_templates_call_macros_and_methods_directly_yet_keep_jinjas_call_rules() -> None:
    import jinja2

    from replygen import render

    env = render._environment(None)
    template = env.from_string(
        '{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{{ twice("甲") }}|{{ "、".join(names) }}|{{ who() }}'
    )

    @jinja2.pass_context
    def who(context: Any) -> str:  # still handed the context it asks for
        return str(context["names"][0])

    assert template.render(names=["乙", "丙"], who=who) == "甲甲|乙、丙|乙"
    # A built-in that ends an iterator gives an undefined value, as Jinja's own call does.
    with pytest.raises(jinja2.UndefinedError, match="StopIteration"):
        env.from_string("{{ step(it) }}").render(step=next, it=iter([]))


def test_two_fields_printed_side_by_side_cannot_make_up_a_placeholder() -> None:
    sub = {"department": "省【待填", "paragraphs": ["写】厅答复。"]}
    doc = reply(sections=[{"topic": "加强引导", "subsections": [sub]}])
    assert "【待填写】" in replygen.render_text(doc)
    assert not replygen.has_placeholders(doc)
    assert texts(doc, "draft") == []


def test_an_office_copy_of_the_formulas_replaces_the_built_in_one(tmp_path: Path) -> None:
    from replygen.render import builtin_template_dir

    # The wording is the house style's; a copy of _formulas.j2 may still set any name itself.
    formulas = (builtin_template_dir() / "_formulas.j2").read_text(encoding="utf-8")
    assert "{%- set openings = formulas.openings -%}" in formulas
    own = '{%- set openings = [formulas.proposer_name ~ "提出的建议收悉，现函复如下："] -%}'
    (tmp_path / "_formulas.j2").write_text(formulas + own, encoding="utf-8")
    [opening] = [b.text for b in render_blocks(reply(), tmp_path) if b.role == "p"][:1]
    assert opening == "费日晨委员提出的建议收悉，现函复如下："


def test_the_readme_example_of_an_office_template_renders(tmp_path: Path) -> None:
    (tmp_path / "reply.j2").write_text(
        '{% extends "builtin/reply.j2" %}\n{% block closing %}\n<p>特此函复。{{ f.we }}将继续加强与{{ f.pronoun }}的联系。</p>\n{% endblock %}\n',
        encoding="utf-8",
    )
    closing = [b.text for b in render_blocks(reply(closing={"thanks_for": "科技工作"}), tmp_path) if b.role == "p"][-1]
    assert closing == "特此函复。我厅将继续加强与您的联系。"


def test_templates_compiled_by_other_tag_code_are_not_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The cache folder's name changes when the code that compiles tags changes.
    from replygen import blocks, render

    copy = tmp_path / "blocks.py"
    copy.write_bytes(Path(blocks.__file__).read_bytes())
    monkeypatch.setattr(blocks, "__file__", str(copy))
    before = render._compiler_stamp()
    assert render._compiler_stamp() == before
    copy.write_bytes(copy.read_bytes() + b"\n")  # the tag compiler is edited in place
    assert render._compiler_stamp() != before


def test_trim_in_a_user_template_keeps_the_blocks(tmp_path: Path) -> None:
    (tmp_path / "reply.j2").write_text(
        '{% extends "builtin/reply.j2" %}{% block closing %}{% filter trim %}\n<p>特此函复。</p>\n{% endfilter %}{% endblock %}',
        encoding="utf-8",
    )
    assert [b.text for b in render_blocks(reply(), tmp_path) if b.role == "p"][-1] == "特此函复。"


def test_a_less_than_sign_before_an_expression_is_text(tmp_path: Path) -> None:
    (tmp_path / "reply.j2").write_text('<p>当 x<y{{ "1" }} 时</p>', encoding="utf-8")
    assert [b.text for b in render_blocks(reply(), tmp_path)] == ["当 x<y1 时"]


def test_a_placeholder_only_in_the_website_header_does_not_mark_the_letter() -> None:
    # The .docx leaves the 信息公开 header out, so it must not be marked for it either.
    doc = reply(publication={"index_no": "【待填写】"})
    assert texts(doc, "meta")[0] == "索引号：【待填写】"
    assert texts(doc, "draft") == []


def test_numbered_counts_from_one_or_from_where_it_is_told() -> None:
    from replygen.render import numbered

    assert list(numbered(["甲", "乙"])) == [(1, "甲"), (2, "乙")]
    assert list(numbered(["丙"], 7)) == [(7, "丙")]


def test_an_office_copy_of_the_layout_replaces_the_built_in_one(tmp_path: Path) -> None:
    from replygen.render import builtin_template_dir

    layout = (builtin_template_dir() / "_letter.j2").read_text(encoding="utf-8")
    (tmp_path / "_letter.j2").write_text(layout.replace("抄送：", "抄报："), encoding="utf-8")
    assert texts(reply(cc=["省政协提案委"]), "cc") == ["抄送：省政协提案委。"]
    assert [b.text for b in render_blocks(reply(cc=["省政协提案委"]), tmp_path) if b.role == "cc"] == ["抄报：省政协提案委。"]


def test_fill_replaces_each_placeholder_and_reads_no_width() -> None:
    from replygen.render import fill

    assert fill("关于“%s”的建议", "加强引导") == "关于“加强引导”的建议"
    assert fill("%s与%s", "甲", 2) == "甲与2"
    assert fill("%5s|%d", ) == "%5s|%d"  # no %s: nothing is formatted, widths are just text
    with pytest.raises(ValueError, match="有 1 处 %s，却给了 2 个值"):
        fill("关于“%s”的建议", "甲", "乙")


def test_item_starts_numbers_items_on_across_parts_and_sub_parts() -> None:
    from types import SimpleNamespace as NS

    from replygen.render import item_starts

    def part(items: int, *subparts: int) -> NS:
        return NS(items=[0] * items, subparts=[NS(items=[0] * n) for n in subparts])

    assert item_starts([part(2, 3, 0, 1), part(0), part(1, 4)]) == [[1, 3, 6, 6], [7], [7, 8]]


def test_each_kept_paragraph_prints_as_its_own_paragraph_in_text_and_docx() -> None:
    import io

    import docx

    from replygen import docx_bytes

    draft = replygen.loads(
        "issuer: 吉林省科学技术厅\nproposal: {meeting: 会议, number: 1, title: 题}\n"
        "proposer: {name: 费日晨, type: member}\n"
        "sections:\n  - topic: 加强引导\n    restatement: |\n      复述一。\n      复述二。\n"
        "    next_steps: |\n      将做甲。\n      将做乙。\n"
        "closing: |\n  感谢您的关心。\n\n  特此函复。\n"
    )
    paragraphs = texts(draft, "p")
    for paragraph in ["《建议》提出，复述一。", "复述二。", "下一步，将做甲。", "将做乙。", "感谢您的关心。", "特此函复。"]:
        assert paragraph in paragraphs
    assert paragraphs.index("感谢您的关心。") + 1 == paragraphs.index("特此函复。")
    in_docx = [p.text for p in docx.Document(io.BytesIO(docx_bytes(draft))).paragraphs]
    assert "感谢您的关心。" in in_docx and "特此函复。" in in_docx
    assert replygen.render_text(draft).count("特此函复。") == 1


def test_a_replys_own_items_come_after_the_opening_and_before_the_sections() -> None:
    # A 会办意见 often answers in items 1. 2. straight under its opening, with no 一、 sections.
    doc = reply(
        items=[{"lead": "城区排涝泵站建设。", "text": "计划新建泵站6座。"}, {"text": "开展河道清淤。", "paragraphs": ["续段。"]}],
        sections=[],
    )
    paragraphs = texts(doc, "p")
    start = paragraphs.index("1.城区排涝泵站建设。计划新建泵站6座。")
    assert paragraphs[start + 1 : start + 3] == ["2.开展河道清淤。", "续段。"]
    with_sections = texts(reply(items=[{"text": "先说一条。"}]))
    assert with_sections.index("1.先说一条。") < with_sections.index("一、关于“加强引导”的建议")
