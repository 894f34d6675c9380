"""The genre's facts live in replygen.genre, and every consumer reads them from there."""

from __future__ import annotations

import datetime as dt

import pytest

import replygen
from replygen import genre, lint, model, scaffold
from replygen.importer import frame
from replygen.importer import patterns as P
from replygen.formulas import formulas

# Spellings clerks and extracted texts use; each is the same 发文字号.
ACCEPTED = ["吉科发人才〔2023〕92号", "吉科发人才[2023]92号", "吉科发人才【2023】第92号", "吉科发人才（2023）092号", " 吉科发人才 〔2023〕 92 号"]
REFUSED = ["吉科发人才2023年92号", "〔2023〕92号", "吉科发人才〔23〕92号", "吉科发人才〔2023〕92"]


@pytest.mark.parametrize("text", ACCEPTED)
def test_a_doc_number_accepted_by_one_is_accepted_by_all(text: str) -> None:
    canonical = "吉科发人才〔2023〕92号"
    assert str(model.DocNumber.model_validate(text)) == canonical  # drafts
    assert lint.fix_text("doc_number", text) == canonical  # check --fix
    assert frame.doc_number(text) == canonical  # the importer
    assert genre.format_doc_number(*genre.parse_doc_number(text)) == canonical  # type: ignore[misc]


@pytest.mark.parametrize("text", REFUSED)
def test_a_doc_number_refused_by_one_is_refused_by_all(text: str) -> None:
    with pytest.raises(ValueError):
        model.DocNumber.model_validate(text)
    assert lint.fix_text("doc_number", text) == text  # nothing to fix into
    assert frame.doc_number(text) is None
    assert genre.parse_doc_number(text) is None


@pytest.mark.parametrize(
    "text", ["2023-05-17", "2023年5月17日", "2023.5.17", "2023年05月17日", "二〇二三年五月十七日", "二○二三年五月十七日"]
)
def test_a_date_accepted_by_one_is_accepted_by_all(text: str) -> None:
    day = dt.date(2023, 5, 17)
    assert model.Signature.model_validate({"date": text}).date == day
    assert frame.date_of(text) == day
    assert lint._as_date(text) == day


def test_a_date_that_does_not_exist_is_refused_everywhere() -> None:
    with pytest.raises(ValueError, match="不存在"):
        model.Signature.model_validate({"date": "2023年2月30日"})
    assert frame.date_of("2023年2月30日") is None
    assert lint._as_date("2023年2月30日") is None


def test_dates_in_chinese_numerals() -> None:
    assert genre.format_date(dt.date(2017, 5, 2), "汉字") == "二〇一七年五月二日"
    assert genre.format_date(dt.date(2020, 10, 31), "汉字") == "二〇二〇年十月三十一日"
    assert genre.format_date(dt.date(2024, 12, 20), "汉字") == "二〇二四年十二月二十日"
    assert genre.format_date(dt.date(2024, 12, 20)) == "2024年12月20日"
    for day in (dt.date(2019, 1, 1), dt.date(2023, 11, 19), dt.date(2030, 7, 30)):
        assert genre.parse_date(genre.format_date(day, "汉字")) == day


def test_the_tables_are_shared_not_copied() -> None:
    assert model.PROPOSER_TYPES is genre.PROPOSER_TYPES and model.proposer_type is genre.proposer_type
    assert scaffold.PROPOSER_TYPES is genre.PROPOSER_TYPES
    assert P.DOC_NUMBER is genre.DOC_NUMBER and P.DATE is genre.DATE
    assert lint._DOCNO_IN_TEXT is genre.DOC_NUMBER_IN_TEXT and lint._DATE_IN_TEXT is genre.DATE_IN_TEXT


@pytest.mark.parametrize(
    ("proposer", "pronoun", "suffix"),
    [
        ({"name": "费日晨", "type": "委员"}, "您", "委员"),
        ({"name": "王秀兰", "type": "deputy"}, "您", "代表"),
        ({"name": "民建省委会", "type": "单位"}, "贵单位", ""),
        ({"name": ["张三", "李四"], "type": "member"}, "你们", "委员"),
    ],
)
def test_the_pronoun_rule_is_the_same_for_templates_check_and_importer(
    proposer: dict[str, object], pronoun: str, suffix: str
) -> None:
    doc = replygen.Reply.model_validate(
        {"issuer": "吉林省科学技术厅", "proposal": {"meeting": "会议", "number": 1, "title": "题"}, "proposer": proposer}
    )
    found = formulas(doc)
    assert (found.pronoun, found.proposer_name.endswith(suffix)) == (pronoun, True)
    names = proposer["name"] if isinstance(proposer["name"], list) else [proposer["name"]]
    assert genre.pronoun(doc.proposer.type, len(names) > 1) == pronoun
    # check flags the other pronouns, and only those genre calls mistakes.
    wrong = genre.PRONOUN_MISTAKES[pronoun][0]
    draft = (
        "issuer: 吉林省科学技术厅\nproposal: {meeting: 会议, number: 1, title: 题}\n"
        f"proposer: {{name: {names}, type: {proposer['type']}}}\npreamble: [感谢{wrong}的建议。]\n"
    )
    assert [f.rule for f in lint.lint_text(draft)] == ["RG005"]


@pytest.mark.parametrize(("issuer", "we"), [("吉林省科学技术厅", "我厅"), ("吉林省发展改革委", "我委"), ("××县教育局", "我局"), ("长春新区管理中心", "我们")])
def test_the_we_rule(issuer: str, we: str) -> None:
    assert genre.we(issuer) == we
    doc = replygen.Reply.model_validate(
        {"issuer": issuer, "proposal": {"meeting": "会议", "number": 1, "title": "题"}, "proposer": {"name": "张三", "type": "member"}}
    )
    assert formulas(doc).we == we


def test_the_importer_reads_the_formulas_the_templates_write() -> None:
    doc = replygen.Reply.model_validate(
        {
            "issuer": "吉林省科学技术厅",
            "proposal": {"meeting": "省政协十三届一次会议", "number": "2023W316", "title": "关于加快科技型中小企业创新发展的建议"},
            "proposer": {"name": "李秀玉", "type": "member"},
            "sections": [{"topic": "人才", "paragraphs": ["已落实。"]}],
            "closing": {"thanks_for": "科技工作", "contribute_to": "创新发展", "new_contribution": True},
            "signature": {"date": "2023-05-17"},
        }
    )
    data = replygen.parse_text(replygen.render_text(doc))
    assert data.closing == doc.closing and data.proposal == doc.proposal and data.proposer == doc.proposer
    assert data.opening is None and data.title is None  # recognised as the formulas, not kept verbatim
