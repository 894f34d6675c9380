"""Process checks in `replygen check` (RG010–RG015): warnings with their reasons, never errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from replygen.cli import main
from replygen.lint import WARNINGS, lint_file

AFTER = ROOT / "tests" / "fixtures" / "after"
ZHUBAN = (AFTER / "zhuban-0088.yaml").read_text(encoding="utf-8")
LIANMING = (AFTER / "lianming-0101.yaml").read_text(encoding="utf-8")

PLANNED = """\
    paragraphs:
      - 我局计划于2025年秋季学期前将科技、体育、艺术类课程纳入课后服务，列入年度重点工作。
      - 下一步将争取市财政支持，逐步扩大覆盖面。
      - 目前已在12所学校开展试点。
"""


def draft(tmp_path: Path, text: str, name: str = "draft.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rules(path: Path) -> list[tuple[str, str, str]]:
    return [(f.rule, f.field, f.severity) for f in lint_file(path)]


def planned_reply(result_class: str) -> str:
    old = "    paragraphs:\n      - 我局计划于2025年秋季学期前将科技、体育、艺术类课程纳入课后服务，列入年度重点工作。\n"
    assert old in LIANMING
    return LIANMING.replace(old, PLANNED).replace("result_class: B", f"result_class: {result_class}")


def test_a_solved_class_with_an_answer_of_plans_is_warned(tmp_path: Path) -> None:
    path = draft(tmp_path, planned_reply("A"))
    [finding] = lint_file(path)
    assert (finding.rule, finding.field, finding.severity, finding.line) == ("RG010", "result_class", "warning", 4)
    assert "答复的 3 段中有 2 段写的是打算（将、计划、列入、争取、下一步、逐步）" in finding.message
    assert "一般归B类" in finding.message  # the reason, and what to do
    assert rules(draft(tmp_path, planned_reply("B"), "b.yaml")) == []  # a plan is what B says
    assert rules(draft(tmp_path, planned_reply("甲"), "jia.yaml"))[0][0] == "RG010"


def test_a_solved_class_with_work_done_is_not_warned(tmp_path: Path) -> None:
    assert rules(draft(tmp_path, ZHUBAN)) == []  # A类: two paragraphs of work done


def test_a_restated_suggestion_without_an_answer_is_warned(tmp_path: Path) -> None:
    text = ZHUBAN.replace(
        "  - topic: 推进医养结合\n",
        "  - topic: 培养养老护理人才\n    restatement: 在职业院校开设养老护理专业。\n  - topic: 推进医养结合\n",
    )
    [finding] = lint_file(draft(tmp_path, text))
    assert (finding.rule, finding.field, finding.severity) == ("RG011", "sections[1]", "warning")
    assert finding.message.startswith("第2节“培养养老护理人才”复述了建议，但没有答复的段落")
    # a plan alone answers it
    planned = text.replace("    restatement: 在职业院校开设养老护理专业。\n", "    restatement: 在职业院校开设养老护理专业。\n    next_steps: 我局将会同市教育局研究。\n")
    assert rules(draft(tmp_path, planned, "planned.yaml")) == []


def test_a_co_handling_unit_not_mentioned_is_warned(tmp_path: Path) -> None:
    text = ZHUBAN.replace("[市财政局, 市卫生健康委]", "[市财政局, 市卫生健康委, 市医疗保障局]")
    [finding] = lint_file(draft(tmp_path, text))
    assert (finding.rule, finding.field, finding.severity) == ("RG012", "handling.co_units[2]", "warning")
    assert "会办单位“市医疗保障局”在答复中既没有引述其会办意见，也没有提及" in finding.message
    # named without its 市, it counts as mentioned
    text = text.replace("已全部投入运营。", "已全部投入运营，医疗保障局将其纳入医保定点。")
    assert rules(draft(tmp_path, text, "named.yaml")) == []
    # 会办单位 named in the handling of a 分办 reply are not the reply's to quote
    text = ZHUBAN.replace("[市财政局, 市卫生健康委]", "[市医疗保障局]").replace("role: 主办", "role: 分办")
    assert rules(draft(tmp_path, text, "fenban.yaml")) == []


def test_a_cc_the_style_requires_is_warned_when_missing(tmp_path: Path) -> None:
    style = "style: {cc_required: [市政协提案委员会, 市政府督查室, 市委督查室]}\n"
    [finding] = lint_file(draft(tmp_path, style + ZHUBAN))
    assert (finding.rule, finding.field, finding.severity) == ("RG013", "cc", "warning")
    assert "规定答复要抄送市委督查室，草稿的 cc 中没有" in finding.message
    style = "style: {cc_required: [市政协提案委员会]}\n"
    assert rules(draft(tmp_path, style + ZHUBAN, "ok.yaml")) == []


def test_warnings_do_not_fail_the_check_errors_still_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = draft(tmp_path, planned_reply("A"))
    assert main(["check", str(path)]) == 0
    captured = capsys.readouterr()
    assert f"{path}:4:15 RG010 result_class: 提醒：类别为A类（已解决）" in captured.out
    assert "发现 0 处问题，另有 1 处提醒" in captured.err
    bad = draft(tmp_path, planned_reply("A").replace("××教提〔2024〕7号", "××教提[2024]7号"), "bad.yaml")
    assert main(["check", "--format", "json", str(bad)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(d["rule"], d["severity"]) for d in data] == [("RG002", "error"), ("RG010", "warning")]


def test_every_process_rule_has_a_case_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    assert WARNINGS == {"RG010", "RG011", "RG012", "RG013", "RG014", "RG015"}
    assert all(f'("{rule}", ' in source for rule in WARNINGS)


def test_a_class_the_style_requires_is_warned_when_missing(tmp_path: Path) -> None:
    unclassed = LIANMING.replace("result_class: B\n", "")
    assert unclassed != LIANMING
    required = "style: {class_required: true}\n"
    [finding] = lint_file(draft(tmp_path, required + unclassed))
    assert (finding.rule, finding.field, finding.severity) == ("RG014", "result_class", "warning")
    assert "class_required" in finding.message and "result_class" in finding.message
    assert rules(draft(tmp_path, required + LIANMING, "classed.yaml")) == []  # the class is there
    assert rules(draft(tmp_path, unclassed, "free.yaml")) == []  # the default style requires none


PROPOSAL = (
    "关于加快科技型中小企业创新发展的提案\n提案人：李秀玉、王五\n三、对策建议\n"
    "一是提升企业创新主体地位，加大研发投入补助。二是强化人才支撑。三是完善金融服务体系，扩大知识产权质押融资。\n"
)


def test_a_point_of_the_proposal_with_no_section_is_warned(tmp_path: Path) -> None:
    source = draft(tmp_path, PROPOSAL, "提案.txt")
    path = tmp_path / "d.yaml"
    assert main(["new", "--no-input", "--from-proposal", str(source), "-o", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    points = [f.rule for f in lint_file(path) if f.rule == "RG015"]
    assert points == []  # as written, one section per point
    # The clerk drops the second section: its point is left unanswered.
    start = text.index("  - topic: 强化人才支撑")
    end = text.index("  - topic: 完善金融服务体系")
    dropped = draft(tmp_path, text[:start] + text[end:], "dropped.yaml")
    [finding] = [f for f in lint_file(dropped) if f.rule == "RG015"]
    assert (finding.rule, finding.field, finding.severity) == ("RG015", "proposal.points[1]", "warning")
    assert "第2条建议“强化人才支撑”没有对应的一节答复" in finding.message
    assert finding.line == text[: text.index("    - 强化人才支撑")].count("\n") + 1
    # Two points answered in one section whose heading names both count as answered.
    merged = text[:start] + text[end:].replace("  - topic: 完善金融服务体系", "  - heading: 关于强化人才支撑和完善金融服务体系", 1)
    assert [f for f in lint_file(draft(tmp_path, merged, "merged.yaml")) if f.rule == "RG015"] == []
