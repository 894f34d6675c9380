"""The body stage: numbered and plain paragraphs into sections, sub-sections, items and 下一步."""

from __future__ import annotations

from typing import Any

from replygen.importer.body import prune, walk
from replygen.importer.data import Built


def sections(paragraphs: list[str], *, opinion: bool = False) -> tuple[list[dict[str, Any]], Built]:
    out = Built()
    body = walk(paragraphs, out, opinion)
    return prune(body.sections), out


def test_numbered_levels_nest_and_lose_their_numbers() -> None:
    found, out = sections(
        [
            "一、关于“强化人才支撑”的建议",
            "《建议》提出，要引进人才。",
            "我厅高度重视。",
            "（一）完善政策",
            "1.设立专项资金。",
            "（1）支持高校。",
            "2.建设平台。",
            "二、加大资金投入",
            "今年安排3亿元。",
        ]
    )
    assert found == [
        {
            "topic": "强化人才支撑",
            "restatement": "要引进人才。",
            "paragraphs": ["我厅高度重视。"],
            "subsections": [
                {"heading": "完善政策", "items": [{"text": "设立专项资金。", "items": [{"text": "支持高校。"}]}, {"text": "建设平台。"}]}
            ],
        },
        {"heading": "加大资金投入", "paragraphs": ["今年安排3亿元。"]},
    ]
    assert out.notes == {}


def test_a_run_in_lead_is_kept_apart_from_its_text() -> None:
    found, _ = sections(["一、人才", "1.加大投入。今年安排3亿元。"])
    assert found[0]["items"] == [{"lead": "加大投入。", "text": "今年安排3亿元。"}]


def test_a_department_answering_in_turn_is_named() -> None:
    found, _ = sections(["一、资金", "（一）省财政厅安排资金3亿元。"])
    assert found[0]["subsections"] == [{"department": "省财政厅", "paragraphs": ["安排资金3亿元。"]}]


def test_next_steps_belong_to_their_section() -> None:
    found, _ = sections(["一、人才", "我厅已引进人才。", "下一步，我们将继续推进。", "还将加强培训。"])
    assert found[0]["next_steps"] == {"text": "我们将继续推进。", "paragraphs": ["还将加强培训。"]}


def test_a_next_steps_heading_opens_the_reply_s_own_next_steps() -> None:
    out = Built()
    body = walk(["一、人才", "已引进人才。", "二、下一步工作打算", "1.继续推进。"], out, False)
    assert prune(body.sections) == [{"heading": "人才", "paragraphs": ["已引进人才。"]}]
    assert prune(body.doc_next) == {"as_section": True, "heading": "下一步工作打算", "items": [{"text": "继续推进。"}]}


def test_sub_level_numbers_with_no_level_above_become_sections_and_say_so() -> None:
    found, out = sections(["（一）完善政策", "内容一。", "（二）加大投入", "内容二。"])
    assert found == [{"heading": "完善政策", "paragraphs": ["内容一。"]}, {"heading": "加大投入", "paragraphs": ["内容二。"]}]
    assert "（一）" in out.notes[("sections",)]


def test_items_straight_after_the_opening_are_the_reply_s_own() -> None:
    out = Built()
    body = walk(["1.加快建设。", "具体说明。", "2.加大投入。"], out, False)
    assert body.sections == []
    assert body.top_items == [{"text": "加快建设。", "paragraphs": ["具体说明。"]}, {"text": "加大投入。"}]


def test_an_amount_after_an_item_is_the_next_item() -> None:
    found, _ = sections(["一、资金", "1.设立专项。", "2.5万元以上项目给予补助。"])
    assert [item["text"] for item in found[0]["items"]] == ["设立专项。", "5万元以上项目给予补助。"]


def test_paragraphs_before_any_heading_are_the_preamble() -> None:
    out = Built()
    body = walk(["我厅高度重视。", "一、人才"], out, False)
    assert body.preamble == ["我厅高度重视。"]


def test_an_opinion_reads_responsibilities_and_sub_parts() -> None:
    found, _ = sections(
        ["一、主要任务", "（一）加快平台建设。建设一批创新平台。", "1.建设实验室。布局一批重点实验室。（省科技厅、省财政厅等部门按职责分工负责）"],
        opinion=True,
    )
    assert found == [
        {
            "heading": "主要任务",
            "subparts": [
                {
                    "heading": "加快平台建设。",
                    "paragraphs": ["建设一批创新平台。"],
                    "items": [{"lead": "建设实验室。", "text": "布局一批重点实验室。", "responsibility": ["省科技厅", "省财政厅"]}],
                }
            ],
        }
    ]


def test_prune_drops_only_empty_containers() -> None:
    assert prune({"a": [], "b": {}, "c": None, "d": 0, "e": "", "f": [{"g": []}]}) == {"d": 0, "e": "", "f": [{}]}
