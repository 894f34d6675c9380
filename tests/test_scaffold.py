"""new: a scaffolded draft loads, renders as 征求意见稿, and --final refuses it until filled."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

import replygen
from replygen.cli import main
from replygen.loader import parse_yaml
from replygen.model import PROPOSER_TYPES
from replygen.scaffold import DraftFacts, ask_facts, scaffold

FACTS = DraftFacts(
    issuer="吉林省科学技术厅",
    meeting="省政协十三届一次会议",
    number="2023W316",
    proposer="李秀玉",
    proposer_type="member",
    title="关于加快科技型中小企业创新发展的建议",
    suggestions=["提升企业创新主体地位", "强化人才支撑"],
)


def test_scaffold_loads_and_renders_as_a_draft() -> None:
    doc = replygen.loads(scaffold(FACTS, today=dt.date(2024, 5, 20)), "new.yaml")
    assert isinstance(doc, replygen.Reply)
    assert [s.topic for s in doc.sections] == ["提升企业创新主体地位", "强化人才支撑"]
    assert doc.signature is not None and doc.signature.date == dt.date(2024, 5, 20)
    text = replygen.render_text(doc)
    assert text.startswith("征求意见稿\n")
    assert "李秀玉委员：" in text
    assert "【待填写】" in text


def test_empty_facts_still_load_with_placeholders() -> None:
    doc = replygen.loads(scaffold(DraftFacts()), "new.yaml")
    assert replygen.has_placeholders(doc)
    assert doc.proposer.type == "member"
    assert doc.issuer == "【待填写】"
    assert [s.topic for s in doc.sections] == ["【待填写】"]


@pytest.mark.parametrize(
    "suggestion",
    ["1. 关于“强化人才支撑”的建议", "（二）强化人才支撑", "关于强化人才支撑的建议", "强化人才支撑"],
)
def test_typed_numbers_and_formulas_are_left_to_the_templates(suggestion: str) -> None:
    doc = replygen.loads(scaffold(DraftFacts(suggestions=[suggestion])))
    assert doc.sections[0].topic == "强化人才支撑"


@pytest.mark.parametrize(
    "value", ["张三: 李四", "#1 号", "'引号'", "- 列表", "true", "123", "0123", "yes", "null", "~", "[方括号]", "a\"b\\c", "{x}"]
)
def test_values_read_back_as_typed(value: str) -> None:
    # Read back by replygen's own loader, which keeps 0123 or yes as text without quotes.
    text = scaffold(DraftFacts(proposer=value, number=value, title=f"关于{value}的建议"))
    data, _ = parse_yaml(text)
    assert data["proposer"]["name"] == value
    assert data["proposal"]["number"] == value.removesuffix("号")  # the template writes 号
    assert data["proposal"]["title"] == f"关于{value}的建议"


def test_only_what_the_loader_would_misread_is_quoted() -> None:
    text = scaffold(DraftFacts(number="0123", proposer="null"))
    assert "  number: 0123 " in text and '  name: "null"' in text


def test_number_and_title_lose_what_templates_add() -> None:
    data, _ = parse_yaml(scaffold(DraftFacts(number="第219号", title="《关于某事的建议》")))
    assert data["proposal"]["number"] == "219"
    assert data["proposal"]["title"] == "关于某事的建议"


def test_unknown_type_is_refused() -> None:
    with pytest.raises(ValueError, match="提案人类型"):
        scaffold(DraftFacts(proposer_type="boss"))


def test_asks_only_for_what_is_missing() -> None:
    answers = iter(["省政协十三届二次会议", "", "王五", "3", "加强协作", "推进共享", ""])
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    facts = ask_facts(DraftFacts(issuer="某厅", title="关于某事的建议"), ask)
    assert (facts.meeting, facts.number, facts.proposer) == ("省政协十三届二次会议", "", "王五")
    assert facts.proposer_type == "organisation"
    assert facts.suggestions == ["加强协作", "推进共享"]
    assert not any("发文机关" in q or "案由" in q for q in asked)


def test_new_render_final(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "2023W316.yaml"
    argv = ["new", "--no-input", "-o", str(draft), "--meeting", FACTS.meeting, "--number", FACTS.number]
    argv += ["--proposer", FACTS.proposer, "--type", "deputy", "--title", FACTS.title, "--suggestion", "强化人才支撑"]
    assert main(argv) == 0
    assert draft.exists()
    capsys.readouterr()

    assert main(["render", str(draft), "--format", "text"]) == 0
    assert capsys.readouterr().out.startswith("征求意见稿\n")

    assert main(["render", "--final", str(draft), "--format", "text", "-o", str(tmp_path / "final.txt")]) == 1
    err = capsys.readouterr().err
    assert "仍有 5 处占位符" in err
    assert f"{draft}:6:1 issuer:" in err
    assert "sections[0].paragraphs[0]" in err and "closing.thanks_for" in err
    assert not (tmp_path / "final.txt").exists()

    draft.write_text(draft.read_text(encoding="utf-8").replace("【待填写】", "已填写的内容"), encoding="utf-8")
    assert main(["render", "--final", str(draft), "--format", "text", "-o", str(tmp_path / "final.txt")]) == 0
    final = (tmp_path / "final.txt").read_text(encoding="utf-8")
    assert "征求意见稿" not in final and "【待填写】" not in final
    assert "李秀玉代表：" in final


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text("办事员的草稿", encoding="utf-8")
    assert main(["new", "--no-input", "-o", str(draft)]) == 1
    assert "--force" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == "办事员的草稿"
    assert main(["new", "--no-input", "-o", str(draft), "--force"]) == 0
    assert "【待填写】" in draft.read_text(encoding="utf-8")


def test_new_prints_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--no-input", "--proposer", "张三"]) == 0
    out = capsys.readouterr().out
    assert replygen.loads(out).proposer.name == ["张三"]


def test_new_asks_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["某厅", "省政协十三届一次会议", "12", "张三", "关于某事的建议", "2", ""])
    monkeypatch.setattr("builtins.input", lambda *_: next(answers))
    assert main(["new"]) == 0
    captured = capsys.readouterr()
    doc = replygen.loads(captured.out)  # the questions went to stderr, not into the YAML
    assert (doc.issuer, doc.proposal.number, doc.proposer.type) == ("某厅", "12", "deputy")
    assert "发文机关全称" in captured.err


class _Terminal(io.StringIO):
    """Keyboard input typed ahead, on what claims to be a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("typed", "expected"), [("2", "deputy"), ("代表", "deputy"), ("集体", "organisation"), ("", "member")])
def test_an_unknown_proposer_type_is_asked_again(
    typed: str, expected: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = ["某厅", "省政协十三届一次会议", "12", "张三", "关于某事的建议", "boss", "议员", typed, "加强协作", ""]
    monkeypatch.setattr("sys.stdin", _Terminal("\n".join(keys) + "\n"))
    assert main(["new"]) == 0
    captured = capsys.readouterr()
    assert replygen.loads(captured.out).proposer.type == expected
    # Each unknown answer is named and answered with the values allowed, from the model's own table.
    assert "无法识别“boss”" in captured.err and "无法识别“议员”" in captured.err
    for allowed in ["1、2、3", *PROPOSER_TYPES]:
        assert allowed in captured.err.split("无法识别“boss”")[1]


def test_the_type_question_is_asked_until_answered() -> None:
    answers = iter(["老板", "4", "member"])
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers)

    facts = ask_facts(DraftFacts(issuer="某", meeting="某", number="1", proposer="某", title="某", suggestions=["某"]), ask)
    assert facts.proposer_type == "member"
    assert len(asked) == 3 and "无法识别“老板”" in asked[1] and "无法识别“4”" in asked[2]


def test_type_may_be_written_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--no-input", "--type", "单位", "--proposer", "民建省委会"]) == 0
    assert replygen.loads(capsys.readouterr().out).proposer.type == "organisation"
    assert main(["new", "--no-input", "--type", "boss"]) == 2


def test_a_placeholder_anywhere_in_a_model_is_found() -> None:
    from replygen.placeholders import PLACEHOLDER, has_placeholders

    doc = replygen.load(Path(__file__).parent.parent / "examples" / "reply-004-kjt-2023-92.yaml")
    assert not has_placeholders(doc)
    deep = doc.model_copy(deep=True)
    deep.sections[-1].subsections[-1].paragraphs[-1] += PLACEHOLDER
    assert has_placeholders(deep)
    assert has_placeholders({"sections": [{"paragraphs": [f"见{PLACEHOLDER}"]}]})
