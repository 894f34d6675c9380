"""check: every rule fires on a draft that breaks it and stays quiet on one that does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replygen.cli import main
from replygen.lint import RULES, WARNINGS, fix_file, lint_file, lint_text

CLEAN = """\
# 注释一：文件开头
issuer: 吉林省科学技术厅  # 发文机关
doc_number: 吉科发〔2023〕71号
proposal:
  meeting: 省政协十三届一次会议
  number: 2023W1
  title: 关于加强培训的建议
proposer:
  name: 张三
  type: member
signature:
  date: 2023-05-04
publication:
  index_no: X-1
  published_date: 2023-05-23
sections:
  - topic: 加强培训
    restatement: 加强从业人员培训。
    paragraphs:
      # 注释二：段落之前
      - 我厅高度重视，积极推进培训工作。
closing:
  thanks_for: 全省科技工作
"""

PARAGRAPH = "我厅高度重视，积极推进培训工作。"

# rule → (text in CLEAN, replacement that breaks the rule)
BREAKS = {
    "RG001": ("type: member", "type: boss"),
    "RG002": ("吉科发〔2023〕71号", "吉科发[2023]71号"),
    "RG003": (PARAGRAPH, "我厅高度重视,积极推进培训工作。"),
    "RG004": (PARAGRAPH, "我厅印发《培训办法，积极推进培训工作。"),
    "RG005": (PARAGRAPH, "感谢贵单位的建议，我厅积极推进培训工作。"),
    "RG006": (PARAGRAPH, "我厅于2023年05月04日召开培训工作会议。"),
    "RG007": (PARAGRAPH, "【待填写】"),
    "RG008": ("加强从业人员培训。", "一、加强从业人员培训。"),
    "RG009": (PARAGRAPH, "关于加强培训的建议很有针对性。"),
}


def rules_of(text: str) -> set[str]:
    return {f.rule for f in lint_text(text, "draft.yaml")}


def test_clean_draft_has_no_findings() -> None:
    assert lint_text(CLEAN, "draft.yaml") == []


def test_every_rule_has_a_case() -> None:
    # The process checks (warnings) need a whole reply to break: test_process.py has theirs.
    assert set(BREAKS) == set(RULES) - WARNINGS


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_rule_fires_on_a_draft_that_breaks_it(rule: str) -> None:
    old, new = BREAKS[rule]
    assert old in CLEAN
    findings = [f for f in lint_text(CLEAN.replace(old, new, 1), "draft.yaml") if f.rule == rule]
    assert findings, rule
    line = next(n for n, text in enumerate(CLEAN.replace(old, new, 1).splitlines(), 1) if new in text)
    assert findings[0].line == line
    assert findings[0].file == "draft.yaml"
    assert findings[0].field
    assert str(findings[0]).startswith(f"draft.yaml:{line}:")


@pytest.mark.parametrize(
    ("value", "column"),
    [
        ("我厅高度重视,积极推进。", 15),  # plain: the comma's own column
        ('"我厅高度重视,积极推进。"', 16),  # after the opening quote
        ("'我厅高度重视,积极推进。'", 16),
        ('"我\\u5385高度重视,积极推进。"', 9),  # an escape before it: the value's start
    ],
)
def test_column_points_at_the_character(value: str, column: int) -> None:
    [finding] = lint_text(CLEAN.replace(PARAGRAPH, value))
    assert (finding.rule, finding.line, finding.column) == ("RG003", 21, column)


def test_placeholder_column() -> None:
    [finding] = lint_text(CLEAN.replace(PARAGRAPH, "我厅【待填写】。"))
    assert (finding.rule, finding.line, finding.column, finding.field) == ("RG007", 21, 11, "sections[0].paragraphs[0]")


def test_publication_before_signature_is_a_date_finding() -> None:
    text = CLEAN.replace("published_date: 2023-05-23", "published_date: 2023-05-01")
    findings = [f for f in lint_text(text) if f.rule == "RG006"]
    assert [f.field for f in findings] == ["publication.published_date"]
    assert "早于" in findings[0].message


def test_pronoun_follows_the_proposer_type() -> None:
    organisation = CLEAN.replace("type: member", "type: organisation")
    assert "RG005" not in rules_of(organisation.replace(PARAGRAPH, "感谢贵单位的建议。"))
    assert "RG005" in rules_of(organisation.replace(PARAGRAPH, "感谢您的建议。"))
    joint = CLEAN.replace("name: 张三", "name: [张三, 李四]")
    assert "RG005" in rules_of(joint.replace(PARAGRAPH, "感谢您的建议。"))
    assert "RG005" not in rules_of(joint.replace(PARAGRAPH, "感谢你们的建议。"))


def test_half_width_between_latin_text_is_fine() -> None:
    assert "RG003" not in rules_of(CLEAN.replace(PARAGRAPH, "我厅推进 5G, IoT 等技术（共3项）。"))


def test_nonexistent_date_in_text() -> None:
    findings = lint_text(CLEAN.replace(PARAGRAPH, "我厅于2023年2月30日召开会议。"))
    assert any(f.rule == "RG006" and "不存在" in f.message for f in findings)


def test_unparsable_yaml_is_one_rg001() -> None:
    findings = lint_text("issuer: [\n", "x.yaml")
    assert [f.rule for f in findings] == ["RG001"]
    assert findings[0].line is not None


def test_schema_error_is_not_reported_twice() -> None:
    # A typed number in a paragraph is refused by the schema (RG001); RG008 must not repeat it.
    findings = lint_text(CLEAN.replace(PARAGRAPH, "一、我厅积极推进培训工作。"))
    assert [f.rule for f in findings if f.field == "sections[0].paragraphs[0]"] == ["RG001"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_fix_keeps_comments_order_and_quotes(tmp_path: Path) -> None:
    broken = (
        CLEAN.replace("吉科发〔2023〕71号", "吉科发[2023]071号")
        .replace(PARAGRAPH, '"我厅高度重视,积极推进(含各市州)培训工作。"')
        .replace("加强从业人员培训。", "2023年05月04日起加强培训。")
    )
    path = write(tmp_path, broken)
    assert fix_file(path) == 3
    fixed = path.read_text(encoding="utf-8")
    assert "# 注释一：文件开头" in fixed and "# 发文机关" in fixed and "# 注释二：段落之前" in fixed
    assert "吉科发〔2023〕71号" in fixed
    assert '"我厅高度重视，积极推进（含各市州）培训工作。"' in fixed  # still double-quoted
    assert "2023年5月4日起" in fixed
    keys = [line.split(":")[0] for line in fixed.splitlines() if line and line[0].isalpha()]
    assert keys == [line.split(":")[0] for line in CLEAN.splitlines() if line and line[0].isalpha()]
    assert lint_file(path) == []


def test_fix_leaves_a_clean_file_untouched(tmp_path: Path) -> None:
    path = write(tmp_path, CLEAN)
    before = path.stat().st_mtime_ns
    assert fix_file(path) == 0
    assert path.stat().st_mtime_ns == before
    assert path.read_text(encoding="utf-8") == CLEAN


def test_fix_does_not_touch_what_is_not_mechanical(tmp_path: Path) -> None:
    text = CLEAN.replace(PARAGRAPH, "感谢贵单位的建议。")
    path = write(tmp_path, text)
    assert fix_file(path) == 0
    assert path.read_text(encoding="utf-8") == text


def test_check_command_text_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, CLEAN)
    assert main(["check", str(good)]) == 0
    assert "未发现问题" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text(CLEAN.replace(PARAGRAPH, "我厅高度重视,积极推进。"), encoding="utf-8")
    assert main(["check", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:21:15 RG003 sections[0].paragraphs[0]:" in out  # at the comma itself


def test_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, CLEAN.replace("吉科发〔2023〕71号", "吉科发【2023】71号"))
    assert main(["check", "--format", "json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == [
        {
            "rule": "RG002",
            "message": data[0]["message"],
            "file": str(path),
            "line": 3,
            "column": 13,
            "field": "doc_number",
            "fixable": True,
            "severity": "error",
        }
    ]
    assert "吉科发〔2023〕71号" in data[0]["message"]


def test_check_fix_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, CLEAN.replace(PARAGRAPH, "我厅高度重视,积极推进。"))
    assert main(["check", "--fix", str(path)]) == 0
    assert "已自动修正 1 处" in capsys.readouterr().err
    assert "我厅高度重视，积极推进。" in path.read_text(encoding="utf-8")


def test_check_fix_on_broken_yaml_reports_and_keeps_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "issuer: [\n")
    assert main(["check", "--fix", str(path)]) == 1
    assert "RG001" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == "issuer: [\n"


def test_fix_keeps_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    path.write_bytes(CLEAN.replace(PARAGRAPH, "我厅高度重视,积极推进。").replace("\n", "\r\n").encode("utf-8"))
    assert fix_file(path) == 1
    data = path.read_bytes()
    assert data.count(b"\r\n") == CLEAN.count("\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert "我厅高度重视，积极推进。" in data.decode("utf-8")


@pytest.mark.parametrize(
    "bom, codec",
    [(b"", "gb18030"), (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")],
    ids=["gbk", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_fix_keeps_the_encoding_the_file_was_saved_in(bom: bytes, codec: str, tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    path.write_bytes(bom + CLEAN.replace(PARAGRAPH, "我厅高度重视,积极推进。").encode(codec))
    assert fix_file(path) == 1
    data = path.read_bytes()
    assert data.startswith(bom)
    assert data[len(bom):] == CLEAN.replace(PARAGRAPH, "我厅高度重视，积极推进。").encode(codec)


def test_check_fix_on_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--fix", str(tmp_path / "missing.yaml")]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'missing.yaml'} RG001: 文件不存在，请检查路径" in out


def test_fix_after_a_tab_following_the_colon(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The loader (libyaml) reads `key:<tab>value`; the fixer must find values the same way.
    text = CLEAN.replace("issuer: 吉林省科学技术厅", "issuer:\t吉林省科学技术厅").replace(
        "restatement: 加强从业人员培训。", "restatement:\t我厅高度重视,积极推进。"
    ).replace("title: 关于加强培训的建议", "title:\t关于加强培训的建议")
    path = write(tmp_path, text)
    assert main(["check", "--fix", str(path)]) == 0
    assert "已自动修正 1 处" in capsys.readouterr().err
    fixed = path.read_text(encoding="utf-8")
    # Only the comma changed: the tabs and everything else are as the clerk typed them.
    assert fixed == text.replace("我厅高度重视,积极推进。", "我厅高度重视，积极推进。")
    assert lint_file(path) == []


def test_fix_inside_block_and_folded_values(tmp_path: Path) -> None:
    paragraphs = (
        "      - |-\n        我厅高度重视,积极推进。\n        加强(各市州)培训。\n"
        "      - 我厅高度重视,\n        积极推进。\n"
        '      - "我厅\\t重视,推进。"\n'
    )
    text = CLEAN.replace(f"      - {PARAGRAPH}\n", paragraphs)
    path = write(tmp_path, text)
    assert fix_file(path) == 2
    fixed = path.read_text(encoding="utf-8")
    # The block keeps its lines and the escape stays an escape; the value folded over two lines
    # is left as typed (the loader joins its lines, YAML would fold them with a space).
    assert "      - |-\n        我厅高度重视，积极推进。\n        加强（各市州）培训。\n" in fixed
    assert "      - 我厅高度重视,\n        积极推进。\n" in fixed
    assert '      - "我厅\\t重视，推进。"\n' in fixed


def test_check_reports_every_problem_of_a_file_at_once() -> None:
    # A duplicate key used to stop the check before the schema saw the bad date and the typo.
    text = CLEAN.replace("  date: 2023-05-04", "  date: 2023-02-30").replace("closing:", "closng: x\nclosing:")
    text = text.replace("  type: member", "  type: member\n  type: member")
    found = lint_text(text, "draft.yaml")
    messages = [f.message for f in found if f.rule == "RG001"]
    assert any("重复出现" in m for m in messages), messages
    assert any("日期不存在" in m for m in messages), messages
    assert any("未知字段“closng”" in m for m in messages), messages


@pytest.mark.parametrize("value", ["0123", "0x10", "1_000", "1:30", "yes", "071", "2023-05-04", "true"])
def test_fix_leaves_what_yaml_1_1_would_retype_as_typed(tmp_path: Path, value: str) -> None:
    path = tmp_path / "draft.yaml"
    text = CLEAN.replace("number: 2023W1", f"number: {value}") + "  - 我厅高度重视,积极推进。\n"
    text = text.replace("closing:\n  thanks_for: 全省科技工作\n  - 我厅高度重视,积极推进。\n", "closing:\n  thanks_for: 全省科技工作\n")
    text = text.replace("      - 我厅高度重视，积极推进培训工作。", "      - 我厅高度重视，积极推进培训工作。\n      - 我厅高度重视,积极推进。")
    path.write_text(text, encoding="utf-8")
    assert fix_file(path) == 1
    assert path.read_text(encoding="utf-8") == text.replace("重视,积极", "重视，积极")


def test_fix_leaves_a_folded_value_alone_and_check_says_so(tmp_path: Path) -> None:
    # Folded lines read as "甲， 乙" by a plain YAML reader: rewriting that would add a space.
    path = tmp_path / "draft.yaml"
    text = CLEAN.replace("      - 我厅高度重视，积极推进培训工作。", "      - >\n        我厅高度重视，\n        积极推进,培训工作。")
    path.write_text(text, encoding="utf-8")
    [finding] = [f for f in lint_text(text, str(path)) if f.rule == "RG003"]
    assert not finding.fixable
    assert fix_file(path) == 0
    assert path.read_text(encoding="utf-8") == text
