"""The classify stage: one paragraph's role and its text without the typed number."""

from __future__ import annotations

import pytest

from replygen.importer.classify import ROLES, classify, same, split_lead


@pytest.mark.parametrize(
    ("paragraph", "role", "text"),
    [
        ("一、关于加强人才支撑", "h1", "关于加强人才支撑"),
        ("十二、其他", "h1", "其他"),
        ("第二部分、工作措施", "h1", "工作措施"),
        ("（一）完善政策体系", "h2", "完善政策体系"),
        ("(三) 加大投入", "h2", "加大投入"),
        ("1.设立专项资金。", "item", "设立专项资金。"),
        ("12、建设平台", "item", "建设平台"),
        ("（1）支持高校", "subitem", "支持高校"),
        ("(2)支持企业", "subitem", "支持企业"),
        ("下一步，我们将继续推进。", "next_steps", "我们将继续推进。"),
        ("《建议》提出，要加大投入。", "restatement", "《建议》提出，要加大投入。"),
        ("我厅高度重视。", "p", "我厅高度重视。"),
        # Numbers that are not numbering: an amount, a list of words.
        ("1.5万元资金已拨付。", "p", "1.5万元资金已拨付。"),
        ("一些企业反映融资难。", "p", "一些企业反映融资难。"),
    ],
)
def test_role_and_text_without_its_number(paragraph: str, role: str, text: str) -> None:
    para = classify(paragraph)
    assert (para.role, para.text, para.source) == (role, text, paragraph)
    assert para.role in ROLES


def test_an_item_whose_text_starts_with_a_year_is_an_item() -> None:
    assert classify("1.2023年全省投入资金3亿元。").role == "item"


def test_same_ignores_punctuation_width_and_spaces_only() -> None:
    assert same("感谢您对全省科技工作的关心和支持。", "感谢您对全省科技工作的关心和支持。")
    assert same("王芳委员:", "王芳委员：")
    assert same("（试点）, 推进", "(试点)，推进")
    assert not same("感谢您的关心和支持。", "感谢您的关心与支持。")


def test_split_lead_takes_a_short_first_sentence_followed_by_more_text() -> None:
    assert split_lead("加大资金投入。今年安排3亿元。") == ("加大资金投入。", "今年安排3亿元。")
    # One sentence alone, or a first sentence over 45 characters, has no lead.
    assert split_lead("加大资金投入。") == (None, "加大资金投入。")
    long = "我" * 46 + "。其后。"  # 46 characters before the full stop
    assert split_lead("我" * 45 + "。其后。") == ("我" * 45 + "。", "其后。")
    assert split_lead(long) == (None, long)
