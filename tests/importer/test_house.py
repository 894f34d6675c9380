"""House style: the forms a letter uses, learned as style settings that write them again."""

from __future__ import annotations

import pytest

from replygen.formulas import fill
from replygen.importer import patterns as P
from replygen.importer.data import Built
from replygen.importer.frame import split_foot, split_head
from replygen.importer.house import contact_patterns, learn_foot, learn_head, title_pattern

PHONE = "0431-88888888"


def test_a_contact_line_becomes_its_pattern_and_facts() -> None:
    contact, patterns = contact_patterns([f"联系人：李明　联系电话：{PHONE}"])
    assert contact == {"person": "李明", "phone": PHONE}
    assert patterns == ["联系人：{联系人}　联系电话：{联系电话}"]


def test_labels_of_other_offices_name_the_same_facts() -> None:
    contact, patterns = contact_patterns(["承办处室：高新处", f"承办人：李明，电话：{PHONE}", "单位负责人：王强"])
    assert contact == {"unit": "高新处", "person": "李明", "phone": PHONE, "head": "王强"}
    assert patterns == ["承办处室：{承办单位}", "承办人：{联系人}，电话：{联系电话}", "单位负责人：{承办负责人}"]


def test_a_name_and_number_under_one_label_are_split() -> None:
    contact, patterns = contact_patterns([f"联系人及电话：李明 {PHONE}"])
    assert contact == {"person": "李明", "phone": PHONE}
    assert patterns == ["联系人及电话：{联系人} {联系电话}"]


def test_a_value_run_into_the_next_label_gets_the_genre_s_space() -> None:
    # Extraction dropped the full-width space: written again, the name must not touch the label.
    _, patterns = contact_patterns([f"联系人：李明联系电话：{PHONE}"])
    assert patterns == ["联系人：{联系人}\u3000联系电话：{联系电话}"]


def test_a_line_that_repeats_a_fact_with_another_value_stays_as_written() -> None:
    contact, patterns = contact_patterns([f"联系人：李明　联系电话：{PHONE}", "联系人：张华"])
    assert contact == {"person": "李明", "phone": PHONE}
    assert patterns[1] == "联系人：张华"


def test_a_line_with_braces_stays_as_written() -> None:
    contact, patterns = contact_patterns(["联系人：{李明}"])
    assert (contact, patterns) == ({}, ["联系人：{李明}"])


TITLE = "对省政协十三届一次会议第71号委员提案的答复"
VALUES = {"发文机关": "吉林省科学技术厅", "会议": "省政协十三届一次会议", "提案号": "71", "提案类别": "委员提案"}


@pytest.mark.parametrize(
    ("values", "with_label", "pattern"),
    [
        (VALUES, True, "对{会议}第{提案号}号{提案类别}的答复"),
        (VALUES, False, "对{会议}第{提案号}号委员提案的答复"),
        # A fact the draft spells otherwise stays as the title wrote it.
        ({**VALUES, "会议": "省政协十三届二次会议"}, True, "对省政协十三届一次会议第{提案号}号{提案类别}的答复"),
    ],
)
def test_title_pattern_puts_the_draft_s_facts_in(values: dict[str, str], with_label: bool, pattern: str) -> None:
    match = P.REPLY_TITLE.match(TITLE)
    assert match is not None
    assert title_pattern(TITLE, match, values, with_label) == pattern
    assert fill(pattern, values) == TITLE


def test_a_title_with_braces_has_no_pattern() -> None:
    title = "对省政协十三届一次会议第71号{委员}提案的答复"
    match = P.REPLY_TITLE.match(title)
    assert match is not None and title_pattern(title, match, VALUES, True) is None


def _foot(lines: list[str]) -> tuple[dict[str, object], dict[str, object], Built, list[str]]:
    foot, _ = split_foot(["正文。", *lines])
    data: dict[str, object] = {}
    style: dict[str, object] = {}
    out = Built()
    leftover = learn_foot(foot, data, style, out)
    return data, style, out, leftover


def test_a_date_in_chinese_numerals_and_a_signature_without_date() -> None:
    _, style, _, _ = _foot(["吉林省科学技术厅", "二〇二三年六月一日"])
    assert style == {"date_numerals": "汉字"}
    _, style, _, _ = _foot(["吉林省科学技术厅"])
    assert style == {"signature_date": False}


def test_the_default_contact_line_needs_no_setting() -> None:
    data, style, _, _ = _foot(["吉林省科学技术厅", "2023年6月1日", f"承办单位：省科技厅　联系人：李明　联系电话：{PHONE}"])
    assert data["contact"] == {"unit": "省科技厅", "person": "李明", "phone": PHONE}
    assert "contact" not in style


def test_contact_lines_of_another_form_become_the_contact_setting_before_the_signature() -> None:
    data, style, _, _ = _foot([f"联系人：李明　电话：{PHONE}", "吉林省科学技术厅", "2023年6月1日"])
    assert data["contact"] == {"person": "李明", "phone": PHONE}
    assert style["contact"] == ["联系人：{联系人}　电话：{联系电话}"]
    assert style["contact_place"] == "落款前"


def test_a_class_line_below_the_date_sets_class_and_its_place() -> None:
    data, style, _, _ = _foot(["吉林省科学技术厅", "2023年6月1日", "办理结果类别：A"])
    assert data["result_class"] == "A"
    assert style["class_place"] == "落款后" and style["class_label"] == "办理结果类别：{类别}"


def test_head_lines_the_layout_cannot_place_are_kept_with_the_issuer_as_a_field() -> None:
    head, _ = split_head(["吉林省科学技术厅文件", "对省政协十三届一次会议第71号委员提案的答复", "王芳委员：", "您好。"])
    style: dict[str, object] = {}
    out = Built()
    leftover = learn_head(head, {"issuer": "吉林省科学技术厅"}, style, out, page=False)
    assert style == {"header_lines": ["{发文机关}文件"]}
    assert leftover == []


def test_a_doc_number_above_the_title_in_a_text_and_a_salutation_without_colon() -> None:
    head, _ = split_head(["吉科提〔2023〕7号", "对省政协十三届一次会议第71号委员提案的答复", "尊敬的王芳委员", "您提出的《关于优化公交线网的建议》已收悉。"])
    style: dict[str, object] = {}
    learn_head(head, {"doc_number": "吉科提〔2023〕7号"}, style, Built(), page=False)
    assert style["doc_number_place"] == "标题前"
    assert style["salutation"] == "{姓名}{后缀}"
    # On a .docx page the 版头 puts the 发文字号 above the title anyway: nothing to learn.
    style = {}
    learn_head(head, {"doc_number": "吉科提〔2023〕7号"}, style, Built(), page=True)
    assert "doc_number_place" not in style
