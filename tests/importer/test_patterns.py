"""The genre's patterns the importer reads letters with, each on lines real replies use."""

from __future__ import annotations

import re

import pytest

from replygen.importer import patterns as P


@pytest.mark.parametrize(
    ("pattern", "line", "matches"),
    [
        (P.SECTION_NO, "一、关于资金", True),
        (P.SECTION_NO, "二十一．其他", True),
        (P.SECTION_NO, "第三部分，保障措施", True),
        (P.SECTION_NO, "一些企业", False),
        (P.SECTION_NO, "一、", False),  # a number with nothing after it
        (P.SUBSECTION_NO, "（二）加大投入", True),
        (P.SUBSECTION_NO, "(二)加大投入", True),
        (P.SUBSECTION_NO, "（2）加大投入", False),
        (P.ITEM_NO, "3.建设平台", True),
        (P.ITEM_NO, "3、建设平台", True),
        (P.ITEM_NO, "3.5万元", False),
        (P.ITEM_NO, "1.2023年起实施", True),
        (P.ITEM_NO, "2023年起实施", False),
        (P.SUBITEM_NO, "（12）支持", True),
        (P.SUBITEM_NO, "（十二）支持", False),
        (P.DRAFT_MARK, "（征求意见稿）", True),
        (P.DRAFT_MARK, "征求意见稿", True),
        (P.DRAFT_MARK, "关于征求意见稿的说明", False),
        (P.LETTERHEAD, "吉林省科学技术厅文件", True),
        (P.LETTERHEAD, "吉林省科学技术厅（函）", True),
        (P.CC_OTHER, "抄报：省政府办公厅", True),
        (P.ATTACHMENT, "附件：1.项目清单", True),
        (P.ATTACHMENT, "附 件：项目清单", True),
        (P.CLOSING_FORMULA, "专此答复。", True),
        (P.CLOSING_FORMULA, "特此函复", True),
        (P.CLOSING_FORMULA, "以上意见，请参考。", True),
        (P.CLOSING_FORMULA, "专此答复，并致谢意。", False),
        (P.NEXT_STEPS_HEADING, "下一步工作打算", True),
        (P.NEXT_STEPS_HEADING, "下一步，我们将", False),
    ],
)
def test_line_is_recognised_or_not(pattern: re.Pattern[str], line: str, matches: bool) -> None:
    assert bool(pattern.match(line)) is matches


@pytest.mark.parametrize(
    ("line", "groups"),
    [
        (
            "对省政协十三届一次会议第71号委员提案的答复",
            {"issuer": "", "form": "对", "meeting": "省政协十三届一次会议", "number": "71", "label": "委员提案", "what": "答复"},
        ),
        (
            "长春市教育局关于对市十六届人大三次会议第2023D7号代表建议的答复函",
            {"issuer": "长春市教育局", "form": "关于对", "meeting": "市十六届人大三次会议", "number": "2023D7", "label": "代表建议", "what": "答复函"},
        ),
        (
            "关于省政协十三届二次会议第205号提案的会办意见",
            {"issuer": "", "form": "关于", "meeting": "省政协十三届二次会议", "number": "205", "label": "提案", "what": "会办意见"},
        ),
    ],
)
def test_reply_title_parts(line: str, groups: dict[str, str]) -> None:
    match = P.REPLY_TITLE.match(line)
    assert match is not None
    assert {k: match[k] for k in groups} == groups


def test_reply_title_needs_a_meeting_and_a_number() -> None:
    assert P.REPLY_TITLE.match("关于加快科技型中小企业创新发展的答复") is None


def test_opening_names_who_where_and_what() -> None:
    line = "您在省政协十三届一次会议上提出的《关于支持青年科技人才的建议》（以下简称《建议》）收悉，现答复如下："
    match = P.OPENING.match(line)
    assert match is not None
    assert (match["who"], match["meeting"], match["title"], match["abbr"]) == ("您", "省政协十三届一次会议", "关于支持青年科技人才的建议", "建议")


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("您提出的《关于优化公交线网的建议》已收悉。", "关于优化公交线网的建议"),
        ("你们提出的关于“加快发展冰雪经济”的提案收悉。", None),  # quoted, see below
        ("《关于加强养老服务的提案》收悉。", "关于加强养老服务的提案"),
    ],
)
def test_loose_openings_say_the_proposal_was_received(line: str, title: str | None) -> None:
    match = P.OPENING_LOOSE.search(line)
    assert match is not None and match["title"] == title


def test_a_quoted_or_bare_proposal_name_is_its_own_group() -> None:
    quoted = P.OPENING_LOOSE.search("你们提出的关于“加快发展冰雪经济”的提案收悉。")
    bare = P.OPENING_LOOSE.search("您提出的关于加快发展冰雪经济的建议已收悉。")
    assert quoted is not None and quoted["quoted"] == "加快发展冰雪经济"
    assert bare is not None and bare["bare"] == "关于加快发展冰雪经济的建议"


@pytest.mark.parametrize(
    ("line", "cls"),
    [("类别：B", "B"), ("办理结果类别：Ａ", "Ａ"), ("（A类）", "A"), ("B类", "B"), ("甲", "甲")],
)
def test_result_class_lines(line: str, cls: str) -> None:
    match = P.RESULT_CLASS.match(line)
    assert match is not None and match["cls"] == cls


def test_class_beside_the_doc_number() -> None:
    match = P.DOC_NUMBER_CLASS.match("吉科提〔2023〕37号（B类）")
    assert match is not None and (match["no"], match["cls"]) == ("吉科提〔2023〕37号", "B")


def test_doc_number_and_signer_on_one_line() -> None:
    match = P.DOCNO_SIGNER.match("吉科呈〔2023〕5号　签发人：张三")
    assert match is not None and (match["no"], match["name"]) == ("吉科呈〔2023〕5号", "张三")


def test_foot_lines() -> None:
    cc = P.CC.match("抄送：省政府办公厅，省政协提案委员会。")
    assert cc is not None and P.CC_SPLIT.split(cc["units"]) == ["省政府办公厅", "省政协提案委员会"]
    printing = P.PRINTING.match("吉林省科学技术厅办公室 2023年6月1日印发")
    assert printing is not None and (printing["organ"], printing["date"]) == ("吉林省科学技术厅办公室", "2023年6月1日")
    assert [v for p, v in P.DISCLOSURE.items() if p.match("（此件公开发布）")] == ["主动公开"]
    assert [v for p, v in P.DISCLOSURE.items() if p.match("(此件不予公开)")] == ["不予公开"]


def test_contact_lines() -> None:
    both = P.CONTACT_BOTH.search("联系人及电话：李明　0431-88888888")
    assert both is not None and (both["person"], both["phone"]) == ("李明", "0431-88888888")
    person = P.CONTACT_PERSON.search("联 系 人：李明　联系电话：0431-88888888")
    phone = P.CONTACT_PHONE.search("联 系 人：李明　联系电话：0431-88888888")
    assert person is not None and person["person"] == "李明"
    assert phone is not None and phone["phone"] == "0431-88888888"
    assert P.CONTACT_LABEL.match("承办单位：省科技厅")


def test_header_labels_and_their_misreading() -> None:
    match = P.META_LINE.match("宏引号：001/2023")
    assert match is not None and P.META_LABELS[match["label"]] == "index_no" and match["value"] == "001/2023"


def test_body_lines() -> None:
    restatement = P.RESTATEMENT.match("《建议》提出，要加大投入。")
    assert restatement is not None and (restatement["abbr"], restatement["text"]) == ("建议", "要加大投入。")
    topic = P.TOPIC.match("关于“强化人才支撑”的建议")
    assert topic is not None and topic["topic"] == "强化人才支撑"
    dept = P.DEPARTMENT.match("省财政厅安排资金3亿元。")
    assert dept is not None and dept["dept"] == "省财政厅"
    duty = P.RESPONSIBILITY.search("加大投入。（省科技厅、省财政厅等部门按职责分工负责）")
    assert duty is not None and P.RESPONSIBILITY_LIST.match(duty["inner"])["units"] == "省科技厅、省财政厅"


@pytest.mark.parametrize(
    "line",
    ["感谢您对全省科技工作的关心和支持。", "感谢你们对我市教育事业的关心和支持。"],
)
def test_the_thanks_formula_is_read_back(line: str) -> None:
    assert any(form.match(line) for form in P.CLOSING_FORMS)
