"""The frame stage: the lines above and below the body, read from short letters."""

from __future__ import annotations

import datetime as dt

import pytest

from replygen.importer.frame import date_of, doc_number, read_contact, split_foot, split_head


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2024年5月18日", dt.date(2024, 5, 18)),
        ("二〇二四年五月十八日", dt.date(2024, 5, 18)),
        ("2024 年 5 月 8 日", dt.date(2024, 5, 8)),
        ("20211022", dt.date(2021, 10, 22)),  # as some pages print it
        ("2023年2月30日", None),  # written as a date, but no such day
        ("吉林省科学技术厅", None),
        ("", None),
        (None, None),
    ],
)
def test_date_of(text: str | None, date: dt.date | None) -> None:
    assert date_of(text) == date


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("吉科提〔2023〕7号", "吉科提〔2023〕7号"),
        ("吉科提[2023]第07号", "吉科提〔2023〕7号"),  # GB/T 9704 §7.2.4: 〔〕, no 第, no leading zero
        ("吉科提 （2023） 7 号", "吉科提〔2023〕7号"),
        ("第7号", None),
        (None, None),
    ],
)
def test_doc_number_is_written_the_standard_way(text: str | None, number: str | None) -> None:
    assert doc_number(text) == number


def test_head_lines_in_any_order_and_where_the_body_starts() -> None:
    paragraphs = [
        "吉林省科学技术厅文件",
        "类别：B",
        "吉科提〔2023〕7号",
        "对省政协十三届一次会议第71号委员提案的答复",
        "王芳委员：",
        "您在省政协十三届一次会议上提出的《关于支持青年科技人才的建议》收悉，现答复如下：",
    ]
    head, start = split_head(paragraphs)
    assert start == 5  # the opening is the body's first paragraph
    assert head["letterhead"] == "吉林省科学技术厅"
    assert (head["class"], head["class_label"]) == ("B", "类别：{类别}")
    assert head["docno"] == "吉科提〔2023〕7号"
    assert head["title"] == "对省政协十三届一次会议第71号委员提案的答复"
    assert head["salutation"] == "王芳委员"
    assert [kind for kind, _ in head["order"]] == ["letterhead", "class", "docno", "title", "salutation"]


def test_an_unknown_line_above_the_salutation_is_kept_not_lost() -> None:
    paragraphs = ["此件已盖章", "王芳委员：", "您提出的《关于优化公交线网的建议》已收悉。"]
    head, start = split_head(paragraphs)
    assert head["extra"] == ["此件已盖章"] and head["salutation"] == "王芳委员" and start == 2


def test_a_salutation_without_colon_just_above_the_opening() -> None:
    head, start = split_head(["尊敬的王芳委员", "您提出的《关于优化公交线网的建议》已收悉。"])
    assert (head["salutation"], head["salutation_colon"], start) == ("尊敬的王芳委员", False, 1)


def test_class_beside_the_doc_number_is_both() -> None:
    head, _ = split_head(["吉科提〔2023〕37号（B类）", "王芳委员：", "您好。"])
    assert (head["docno"], head["class"], head["class_label"]) == ("吉科提〔2023〕37号", "B", "（{类别}类）")


def test_foot_lines_read_from_the_end() -> None:
    paragraphs = [
        "我厅将继续推进。",
        "感谢您对全省科技工作的关心和支持。",
        "附件：1.项目清单",
        "2.资金表",
        "吉林省科学技术厅",
        "2023年6月1日",
        "（此件公开发布）",
        "联系人：李明　联系电话：0431-88888888",
        "抄送：省政协提案委员会，省政府办公厅",
    ]
    foot, end = split_foot(paragraphs)
    assert end == 2  # the thanks is the body's last paragraph
    assert foot["attachments"] == ["项目清单", "资金表"]
    assert (foot["signature"], foot["date"]) == ("吉林省科学技术厅", dt.date(2023, 6, 1))
    assert foot["disclosure"] == "主动公开"
    assert foot["contact_lines"] == ["联系人：李明　联系电话：0431-88888888"]
    assert foot["cc"] == ["省政协提案委员会", "省政府办公厅"]
    assert [kind for kind, _ in foot["order"]] == [
        "attachment", "attachment", "signature", "date", "disclosure", "contact", "cc"
    ]  # fmt: skip


def test_a_signature_without_date_and_the_printing_line() -> None:
    foot, end = split_foot(["正文。", "吉林省科学技术厅", "吉林省科学技术厅办公室 2023年6月2日印发"])
    assert end == 1
    assert foot["signature"] == "吉林省科学技术厅"
    assert foot["printing"] == {"organ": "吉林省科学技术厅办公室", "date": dt.date(2023, 6, 2)}


def test_a_body_paragraph_is_never_a_foot_line() -> None:
    foot, end = split_foot(["正文第一段。", "正文第二段。"])
    assert end == 2 and foot["order"] == []


def test_numbered_lines_without_attachment_label_stay_in_the_body() -> None:
    paragraphs = ["1.建设平台。", "2.加大投入。", "吉林省科学技术厅", "2023年6月1日"]
    foot, end = split_foot(paragraphs)
    assert end == 2 and "attachments" not in foot


@pytest.mark.parametrize(
    ("lines", "contact"),
    [
        (["联系人：李明　联系电话：0431-88888888"], {"person": "李明", "phone": "0431-88888888"}),
        (["承办单位：省科技厅", "联系人：李明", "电话：0431-88888888"], {"person": "李明", "phone": "0431-88888888", "unit": "省科技厅"}),
        (["联系人及电话：李明，0431-88888888"], {"person": "李明", "phone": "0431-88888888"}),
        (["联系人：李明"], None),  # no telephone: not a contact the style can write
    ],
)
def test_read_contact(lines: list[str], contact: dict[str, str] | None) -> None:
    assert read_contact(lines) == contact
