"""new --from-proposal: the proposal's own text gives the title, proposer and one section per point."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import replygen
from replygen.cli import main
from replygen.proposal_text import parse_proposal, read_proposal

HEAD = "关于加快科技型中小企业创新发展的提案\n提案人：李秀玉、王五\n一、基本情况\n我省科技型中小企业发展较快。\n二、存在问题\n融资难、人才少。\n"
FORMS = {
    "ordinals": "三、对策建议\n一是提升企业创新主体地位，加大研发投入补助。二是强化人才支撑。三是完善金融服务体系，扩大知识产权质押融资。\n",
    "arabic": "三、建议如下：\n1. 提升企业创新主体地位。加大研发投入补助。\n2.强化人才支撑。\n3、完善金融服务体系，扩大知识产权质押融资。\n",
    "bracketed": "三、几点建议\n（一）提升企业创新主体地位。加大研发投入补助。\n（二）强化人才支撑。\n（三）完善金融服务体系，扩大知识产权质押融资。\n",
    "paragraphs": "为此，建议：\n提升企业创新主体地位。加大研发投入补助。\n强化人才支撑。\n完善金融服务体系，扩大知识产权质押融资。\n以上建议，请研究。\n",
}
TOPICS = ["提升企业创新主体地位", "强化人才支撑", "完善金融服务体系"]


@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_form_gives_one_section_per_point(form: str) -> None:
    text = parse_proposal((HEAD + FORMS[form]).splitlines())
    assert text.title == "关于加快科技型中小企业创新发展的提案"
    assert text.proposers == ["李秀玉", "王五"]
    assert [topic for topic, _ in text.suggestions] == TOPICS
    first, second, third = (restatement for _, restatement in text.suggestions)
    assert first.startswith("提升企业创新主体地位") and "加大研发投入补助" in first
    assert second == "强化人才支撑。"
    assert third == "完善金融服务体系，扩大知识产权质押融资。"


def test_a_point_keeps_its_later_paragraphs() -> None:
    text = parse_proposal(["案由：关于养老的建议", "建议：", "（一）加强机构建设。新建养老院。", "继续推进医养结合。", "（二）完善补贴。"])
    assert text.suggestions[0] == ("加强机构建设", "加强机构建设。新建养老院。继续推进医养结合。")
    assert len(text.suggestions) == 2


def test_no_suggestion_part_gives_no_sections() -> None:
    assert parse_proposal(["关于某事的提案", "提案人：张三", "情况说明一段。"]).suggestions == []


def test_docx_proposal(tmp_path: Path) -> None:
    document = docx.Document()
    for line in (HEAD + FORMS["bracketed"]).splitlines():
        document.add_paragraph(line)
    path = tmp_path / "提案.docx"
    document.save(str(path))
    assert [topic for topic, _ in read_proposal(path).suggestions] == TOPICS


def test_new_from_proposal_writes_a_loadable_draft(tmp_path: Path) -> None:
    source = tmp_path / "提案.txt"
    source.write_text(HEAD + FORMS["arabic"], encoding="gbk")  # read like drafts: GBK too
    draft = tmp_path / "d.yaml"
    assert main(["new", "--no-input", "--from-proposal", str(source), "-o", str(draft), "--number", "316"]) == 0
    doc = replygen.load(draft)
    assert doc.proposal.title == "关于加快科技型中小企业创新发展的提案"
    assert doc.proposal.number == "316"
    assert doc.proposer.name == ["李秀玉", "王五"]
    assert [s.topic for s in doc.sections] == TOPICS
    assert doc.proposal.points == TOPICS  # recorded, so that check finds a point left unanswered
    assert doc.sections[1].restatement == "强化人才支撑。"
    assert doc.sections[0].paragraphs == ["【待填写】"]  # the answer is the clerk's
    text = replygen.render_text(doc)
    assert "一、关于“提升企业创新主体地位”的建议" in text
    assert "提出，强化人才支撑。" in text


def test_options_win_over_the_proposal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "p.txt"
    source.write_text(HEAD + FORMS["ordinals"], encoding="utf-8")
    assert main(["new", "--no-input", "--from-proposal", str(source), "--title", "关于别的事的提案", "--suggestion", "甲"]) == 0
    doc = replygen.loads(capsys.readouterr().out)
    assert doc.proposal.title == "关于别的事的提案"
    assert [s.topic for s in doc.sections] == ["甲"]


def test_an_unreadable_proposal_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "p.docx"
    bad.write_bytes(b"\x00\x01 not a docx")
    assert main(["new", "--no-input", "--from-proposal", str(bad), "-o", str(tmp_path / "d.yaml")]) == 1
    err = capsys.readouterr().err
    assert "p.docx" in err and "不是有效的 .docx" in err and "Traceback" not in err
    assert not (tmp_path / "d.yaml").exists()
