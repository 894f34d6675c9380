"""The house style an import learns: what it records, where the draft keeps it, --style-out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import replygen
from letters import LETTERS, facts_of, names
from replygen.cli import main
from replygen.importer import import_text
from replygen.loader import load_style
from replygen.placeholders import PLACEHOLDER
from replygen.render import render_block_texts

KNOWN = yaml.safe_load((LETTERS / "known-failures.yaml").read_text(encoding="utf-8")) or {}
# Letters that render back and state every fact a final reply needs.
COMPLETE = [
    name
    for name in names()
    if name not in KNOWN
    and all(facts_of(name)[key] for key in ("issuer", "meeting", "proposal_number", "proposal_title", "proposers"))
]

COUNTY = """醴陵市民政局文件
醴民函〔2022〕14号
类别：B
关于市政协九届二次会议第108号提案的答复
刘国强委员
　　您在市政协九届二次会议上提出的《关于加快农村互助养老服务点建设的建议》收悉，现答复如下：
　　一、关于“扩大覆盖面”的建议
　　全市已建成农村互助养老服务点126个。
　　感谢您对全市养老服务工作的关心和支持。
　　专此答复。
　　　　　　　　　　　　　　　　醴陵市民政局
　　　　　　　　　　　　　　二〇二二年七月十五日
　　承办负责人：彭建军
　　承办人及联系电话：易小红　0731-55500218
　　抄报：市政协提案委
"""


def texts(doc: replygen.Reply | replygen.Opinion) -> list[str]:
    return [text for _, text in render_block_texts(doc, draft=False)]


def test_the_county_letter_comes_back_with_its_forms_as_settings() -> None:
    doc = replygen.parse_text(COUNTY)
    assert isinstance(doc, replygen.Reply) and doc.style is not None
    style = doc.style
    assert style.header_lines == ["{发文机关}文件", "{发文字号}", "类别：{类别}"]
    assert (style.doc_number_place, style.class_place) == ("版头行", "版头行")
    assert style.salutation == "{姓名}{后缀}"  # no colon
    assert style.closing == ["{结束语}", "专此答复。"]
    assert style.date_numerals == "汉字"
    assert style.contact == ["承办负责人：{承办负责人}", "承办人及联系电话：{联系人}\u3000{联系电话}", "抄报：市政协提案委"]
    # The facts stay facts: the settings only say how this office writes them.
    assert doc.contact is not None and (doc.contact.head, doc.contact.person) == ("彭建军", "易小红")
    assert (doc.result_class, str(doc.doc_number), doc.proposal.number) == ("B", "醴民函〔2022〕14号", "108")
    assert doc.closing is not None and doc.closing.thanks_for == "全市养老服务工作"
    assert texts(doc) == [line.strip("\u3000") for line in COUNTY.splitlines()]


def test_nothing_generated_stands_beside_the_letters_own_wording() -> None:
    text = "对县政协十五届二次会议第33号提案的答复\n杨文静委员：\n收到您的提案后，我局立即组织调研，现答复如下：\n已办理。\n"
    doc = replygen.parse_text(text)
    # The first paragraph is not an opening the importer reads: none is generated above it.
    assert texts(doc) == text.splitlines()
    doc = replygen.parse_text("杨文静委员：\n您提出的《关于村卫生室的建议》收悉，现答复如下：\n已办理。\n")
    assert texts(doc)[0] == "杨文静委员："  # no title generated above a letter that has none
    assert doc.proposal.title == "关于村卫生室的建议"


def test_most_letters_are_complete() -> None:
    assert len(COMPLETE) >= 25


@pytest.mark.parametrize("name", COMPLETE)
def test_an_imported_complete_letter_renders_final(name: str, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    assert main(["import", str(LETTERS / f"{name}.txt"), "-o", str(draft)]) == 0
    rendered = tmp_path / "letter.txt"
    assert main(["render", str(draft), "--final", "--format", "text", "-o", str(rendered)]) == 0
    assert PLACEHOLDER not in rendered.read_text(encoding="utf-8")


def test_style_out_writes_what_differs_and_the_draft_names_it(tmp_path: Path) -> None:
    source = tmp_path / "旧答复.txt"
    source.write_text(COUNTY, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    draft, style = tmp_path / "drafts" / "reply.yaml", tmp_path / "office-style.yaml"
    assert main(["import", str(source), "-o", str(draft), "--style-out", str(style)]) == 0
    settings = yaml.safe_load(style.read_text(encoding="utf-8"))
    assert settings["date_numerals"] == "汉字" and "opening" not in settings and "thanks" not in settings
    assert load_style(style).closing == ["{结束语}", "专此答复。"]
    assert yaml.safe_load(draft.read_text(encoding="utf-8"))["style"] == "../office-style.yaml"
    from_file = replygen.load(draft)
    assert texts(from_file) == texts(replygen.parse_text(COUNTY))


def test_style_out_of_a_letter_in_the_default_form(tmp_path: Path) -> None:
    letter = LETTERS / "w25-jilin-keji-2024.txt"
    draft, style = tmp_path / "reply.yaml", tmp_path / "s.yaml"
    assert main(["import", str(letter), "-o", str(draft), "--style-out", str(style)]) == 0
    assert yaml.safe_load(style.read_text(encoding="utf-8")) == {}
    assert texts(replygen.load(draft)) == texts(replygen.parse_text(letter.read_text(encoding="utf-8")))


def test_style_out_into_a_missing_folder_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "旧答复.txt"
    source.write_text(COUNTY, encoding="utf-8")
    draft = tmp_path / "reply.yaml"
    assert main(["import", str(source), "-o", str(draft), "--style-out", str(tmp_path / "no" / "s.yaml")]) == 1
    assert "输出目录不存在" in capsys.readouterr().err
    assert not draft.exists()
    style = tmp_path / "s.yaml"
    assert main(["import", str(source), "-o", str(tmp_path / "no" / "r.yaml"), "--style-out", str(style)]) == 1
    assert not style.exists()
    # A draft that exists already (no --force) is refused before the style file is written.
    draft.write_text("旧草稿", encoding="utf-8")
    assert main(["import", str(source), "-o", str(draft), "--style-out", str(style)]) == 1
    assert not style.exists() and draft.read_text(encoding="utf-8") == "旧草稿"
    assert main(["import", str(source), "-o", str(draft), "--style-out", str(style), "--force"]) == 0
    assert style.exists() and replygen.load(draft).style is not None


def test_a_line_the_importer_does_not_know_keeps_its_place_and_is_flagged() -> None:
    text = COUNTY.replace("醴民函〔2022〕14号\n", "醴民函〔2022〕14号\n（此件经领导审定）\n")
    built = import_text(text)
    assert "（此件经领导审定）" in built.data["style"]["header_lines"]
    assert any("不认识，已照录在原处" in note for note in built.notes.values())
    assert texts(replygen.parse_text(text))[:4] == ["醴陵市民政局文件", "醴民函〔2022〕14号", "（此件经领导审定）", "类别：B"]


@pytest.mark.parametrize("name", [name for name in names() if name not in KNOWN])
def test_the_learned_style_survives_the_docx_page(name: str, tmp_path: Path) -> None:
    """Import → .docx → import gives the same letter: head lines in order, a title broken for the
    page read as one paragraph. (A 文号 the text sets above the title is where the .docx 版头 sets
    every 文号, so that one setting cannot be read back from the page.)"""
    doc = replygen.parse_text((LETTERS / f"{name}.txt").read_text(encoding="utf-8"))
    page = tmp_path / "letter.docx"
    page.write_bytes(replygen.docx_bytes(doc))
    again = replygen.parse_docx(page)
    if doc.style is not None and doc.style.doc_number_place == "标题前":
        assert again.style is None or again.style.doc_number_place == "版头"
        return
    assert texts(again) == texts(doc)


def test_a_head_line_no_pattern_can_hold_is_kept_in_the_body() -> None:
    # Braces would be read as a placeholder: such a line stays text, at the top of the body.
    text = COUNTY.replace("醴民函〔2022〕14号\n", "醴民函〔2022〕14号\n{内部}\n")
    built = import_text(text)
    assert "{内部}" not in "".join(built.data["style"]["header_lines"])
    doc = replygen.parse_text(text)
    assert doc.preamble[0] == "{内部}" and ("preamble",) in built.notes


@pytest.mark.parametrize(
    "ending",
    ["以上意见，请予参考。", "对以上办理有何意见，请填入“征询意见表”反馈。", "特此函复。"],
)
def test_a_closing_formula_of_its_own_is_the_closing_not_a_body_paragraph(ending: str) -> None:
    text = "对县政协十五届二次会议第33号提案的答复\n杨文静委员：\n您提出的《关于村卫生室的建议》收悉，现答复如下：\n已办理。\n" + ending + "\n某县卫生健康局\n2023年5月1日\n"
    doc = replygen.parse_text(text)
    assert doc.closing is not None and doc.closing.text == ending
    assert doc.preamble == ["已办理。"] and not doc.sections
