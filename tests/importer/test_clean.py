"""The clean stage: the 信息公开 header and whole paragraphs out of noisy extracted text."""

from __future__ import annotations

import pytest

from replygen.importer.clean import clean


def test_the_website_header_is_read_into_its_fields_and_kept_out_of_the_letter() -> None:
    text = (
        "索引号：11220000013544357Q/2023-00125\n分类：科技\n发文机关：吉林省科学技术厅\n"
        "成文日期：2023年06月01日\n发文字号：吉科提〔2023〕7号\n\n王芳委员：\n您好。\n"
    )
    cleaned = clean(text)
    assert cleaned.meta == {
        "index_no": "11220000013544357Q/2023-00125",
        "category": "科技",
        "issuer": "吉林省科学技术厅",
        "written_date": "2023年06月01日",
        "doc_number": "吉科提〔2023〕7号",
    }
    assert cleaned.paragraphs == ["王芳委员：", "您好。"]


def test_header_labels_and_values_split_by_tabs_or_over_two_lines() -> None:
    cleaned = clean("索引号\t001/2023\t分类\t教育\n发布日期：\n2023-06-02\n\n正文。\n")
    assert cleaned.meta == {"index_no": "001/2023", "category": "教育", "published_date": "2023-06-02"}
    assert cleaned.paragraphs == ["正文。"]


def test_a_text_without_header_has_no_meta() -> None:
    assert clean("王芳委员：\n您好。\n").meta == {}


def test_a_paragraph_broken_across_lines_and_pages_is_joined() -> None:
    cleaned = clean("我厅高度重视，组织相关处室\n认真研究，\f\n逐条提出办理意见。\n二、加强人才支撑\n")
    assert cleaned.paragraphs == ["我厅高度重视，组织相关处室认真研究，逐条提出办理意见。", "二、加强人才支撑"]


def test_a_numbered_line_starts_a_paragraph_even_after_an_open_one() -> None:
    cleaned = clean("一、关于资金\n我们将继续加大投入\n1.设立专项\n（1）支持平台\n")
    assert cleaned.paragraphs == ["一、关于资金", "我们将继续加大投入", "1.设立专项", "（1）支持平台"]


def test_indentation_markdown_marks_and_spaces_between_chinese_are_noise() -> None:
    cleaned = clean("## 一、总体情况\n\u3000\u3000我 厅 在 2023 年 安排资金。\n\t第二段。\n")
    assert cleaned.paragraphs == ["一、总体情况", "我厅在2023年安排资金。", "第二段。"]


def test_latin_words_broken_across_lines_keep_one_space() -> None:
    assert clean("推动企业采用open\nsource软件。\n").paragraphs == ["推动企业采用open source软件。"]


def test_every_line_break_yaml_knows_ends_a_line() -> None:
    text = "第一段。\r\n第二段。\r第三段。\u2028第四段。\u2029第五段。\x85第六段。"
    assert clean(text).paragraphs == ["第一段。", "第二段。", "第三段。", "第四段。", "第五段。", "第六段。"]


def test_half_width_punctuation_throughout_is_made_full_width() -> None:
    cleaned = clean('经研究,现答复如下:\n一是"双创"平台(试点);二是资金。\n')
    assert cleaned.paragraphs == ["经研究，现答复如下：", "一是“双创”平台（试点）；二是资金。"]


def test_half_width_marks_in_a_full_width_letter_and_in_numbers_are_left() -> None:
    # Mostly full-width: the one comma typed half-width is wording, not extraction noise.
    text = "经研究，现答复如下：\n投入1,500万元，时间为10:30，另有说明,见附件。\n"
    assert clean(text).paragraphs == ["经研究，现答复如下：", "投入1,500万元，时间为10:30，另有说明,见附件。"]


def test_the_signature_stays_on_its_line_above_the_date() -> None:
    cleaned = clean("感谢您的关心和支持\n吉林省科学技术厅\n2023年6月1日\n")
    assert cleaned.paragraphs == ["感谢您的关心和支持", "吉林省科学技术厅", "2023年6月1日"]


@pytest.mark.parametrize(
    "lines",
    [
        ["对省政协十三届一次会议", "第71号委员提案的答复"],  # broken after the meeting, by meaning
    ],
)
def test_a_title_printed_over_lines_where_the_page_breaks_it_is_one_line(lines: list[str]) -> None:
    cleaned = clean("\n".join(lines + ["王芳委员：", "您好。"]))
    assert cleaned.paragraphs == ["".join(lines), "王芳委员：", "您好。"]
