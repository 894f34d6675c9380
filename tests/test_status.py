"""status: the 台账 of a folder of drafts, with due dates from the deadline rule, at a fixed --today."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest

import replygen
from replygen.cli import main
from replygen.deadlines import add_months, due_date, load_rules
from replygen.scaffold import DraftFacts, scaffold

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2023-05-15"


def _draft(folder: Path, number: str, **facts: object) -> Path:
    path = folder / f"{number}.yaml"
    path.write_text(scaffold(DraftFacts(number=number, title=f"关于{number}号事项的提案", proposer="张三", **facts)), encoding="utf-8")  # type: ignore[arg-type]
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "drafts"
    d.mkdir()
    assigned = dt.date(2023, 3, 1)
    _draft(d, "1", role="主办", assigned_on=assigned)  # due 06-01: 17 days left
    _draft(d, "2", role="会办", lead_unit="省民政厅", assigned_on=assigned)  # due 04-01: 44 days overdue
    _draft(d, "3", role="主办", assigned_on=assigned, due_on=dt.date(2023, 5, 20))  # the draft's own date
    _draft(d, "4")  # no date at all
    (d / "5.yaml").write_text("proposal: [\n", encoding="utf-8")  # broken
    return d


def test_rule_months_clamp_to_the_month_end() -> None:
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)
    assert due_date("会办", dt.date(2023, 1, 31)) == dt.date(2023, 2, 28)
    assert due_date("主办", dt.date(2023, 3, 1), extended=True) == dt.date(2023, 9, 1)  # 3 + 3 months
    assert due_date("主办", dt.date(2023, 3, 1), due_on=dt.date(2023, 4, 1)) == dt.date(2023, 4, 1)
    assert due_date("主办", None) is None


def test_json_ledger(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(folder), "--today", TODAY, "--format", "json"]) == 1  # one draft is broken
    rows = json.loads(capsys.readouterr().out)
    by_number = {row["number"]: row for row in rows if not row["error"]}
    assert [row["number"] for row in rows] == ["2", "3", "1", "4", ""]  # most urgent first, broken last
    assert by_number["1"]["due_on"] == "2023-06-01" and by_number["1"]["days_left"] == 17
    assert not by_number["1"]["overdue"]
    assert by_number["2"]["due_on"] == "2023-04-01" and by_number["2"]["days_left"] == -44
    assert by_number["2"]["overdue"] and by_number["2"]["role"] == "会办"
    assert by_number["3"]["due_on"] == "2023-05-20"
    assert by_number["4"]["due_on"] is None and by_number["4"]["days_left"] is None
    # issuer, meeting, the section's topic, restatement and paragraph, next_steps, thanks_for
    assert by_number["1"]["placeholders"] == 7
    assert by_number["1"]["proposer"] == "张三" and by_number["1"]["docx"] == "无"
    broken = rows[-1]
    assert broken["file"].endswith("5.yaml") and "5.yaml:" in broken["error"]


def test_placeholder_count_matches_check(folder: Path) -> None:
    from replygen.lint import lint_file

    left = [f for f in lint_file(folder / "1.yaml") if f.rule == "RG007"]
    rows = json.loads(_run_json(folder))
    assert next(r for r in rows if r["number"] == "1")["placeholders"] == len(left)


def _run_json(folder: Path, *extra: str) -> str:
    out = folder.parent / "ledger.json"
    main(["status", str(folder), "--today", TODAY, "-o", str(out), *extra])
    return out.read_text(encoding="utf-8")


def test_overdue_only(folder: Path) -> None:
    rows = json.loads(_run_json(folder, "--overdue"))
    assert [r["number"] for r in rows] == ["2"]


def test_office_rules_and_their_mistakes(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("months:\n  主办: 2\nfixed:\n  会办: 04-15\n", encoding="utf-8")
    rows = {r["number"]: r for r in json.loads(_run_json(folder, "--rules", str(rules)))}
    assert rows["1"]["due_on"] == "2023-05-01"
    assert rows["2"]["due_on"] == "2023-04-15"
    assert rows["3"]["due_on"] == "2023-05-20"  # the draft's own date still wins
    rules.write_text("months:\n  主办: 三个月\nfixd: {}\n", encoding="utf-8")
    with pytest.raises(replygen.InputError) as caught:
        load_rules(rules)
    assert [str(p) for p in caught.value.problems] == [
        f"{rules}:3:1 fixd: 未知字段“fixd”，只能写 extension_months、fixed、months",
        f"{rules}:2:3 months.主办: 月数应是 0 到 24 之间的整数",
    ]
    assert main(["status", str(folder), "--rules", str(rules)]) == 1
    assert "months.主办" in capsys.readouterr().err


def test_table_fits_80_columns(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long = folder / "6.yaml"
    long.write_text(
        scaffold(DraftFacts(number="2023W12345678", title="关于" + "加快科技型中小企业创新发展" * 4 + "的提案", proposer="欧阳娜娜", co_proposers=["李四"])),
        encoding="utf-8",
    )
    main(["status", str(folder), "--today", TODAY])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["提案号", "提案人", "案由", "角色", "交办", "时限", "剩余", "待填", "类别", "成稿"]

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)

    assert max(width(line) for line in lines) <= 80
    assert any("超44天" in line and "!" in line for line in lines)
    assert any(line.startswith("5 ") and "无法读取" in line for line in lines)
    assert any(" 欧阳娜… " in line and "2023W1…" in line for line in lines)  # cut to fit, marked with …
    assert lines[-1] == "共 6 件，超期 1 件（标 !），1 份草稿无法读取"


def test_docx_states(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    filled = folder / "final.yaml"
    text = (ROOT / "examples" / "new-draft.yaml").read_text(encoding="utf-8")
    filled.write_text(text + "handling:\n  assigned_on: 2023-01-01\n", encoding="utf-8")
    draft = _draft(folder, "9", role="主办", assigned_on=dt.date(2023, 1, 1))

    def states() -> dict[str, tuple[str, bool]]:
        rows = json.loads(_run_json(folder))
        return {Path(r["file"]).stem: (r["docx"], r["overdue"]) for r in rows}

    assert states() == {"final": ("无", True), "9": ("无", True)}
    assert main(["render", str(draft), "--format", "docx"]) == 0
    assert main(["render", "--final", str(filled), "--format", "docx"]) == 0
    assert states() == {"final": ("正式稿", False), "9": ("征求意见稿", True)}
    later = filled.with_suffix(".docx").stat().st_mtime + 10
    os.utime(filled, (later, later))  # the draft was edited after its .docx
    assert states()["final"] == ("旧于草稿", True)


def test_a_style_file_edited_after_the_docx_makes_it_stale(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "office-style.yaml").write_text("closing: [\"{结束语}\", 专此答复。]\n", encoding="utf-8")
    draft = folder / "final.yaml"
    text = (ROOT / "examples" / "new-draft.yaml").read_text(encoding="utf-8")
    draft.write_text(text + "style: office-style.yaml\n", encoding="utf-8")
    assert main(["render", "--final", str(draft), "--format", "docx"]) == 0
    rows = {Path(r["file"]).stem: r["docx"] for r in json.loads(_run_json(folder))}
    assert rows["final"] == "正式稿"
    later = draft.with_suffix(".docx").stat().st_mtime + 10
    os.utime(folder / "office-style.yaml", (later, later))  # the office edits its style afterwards
    rows = {Path(r["file"]).stem: r["docx"] for r in json.loads(_run_json(folder))}
    assert rows["final"] == "旧于草稿"


def test_xlsx_ledger(folder: Path) -> None:
    out = folder.parent / "台账.xlsx"
    assert main(["status", str(folder), "--today", TODAY, "-o", str(out)]) == 1
    sheet = openpyxl.load_workbook(out).active
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["草稿", "提案号", "提案人", "案由"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{sheet.max_row}"
    number = headers.index("提案号")
    fills = {row[number].value: row[number].fill.fgColor.rgb for row in sheet.iter_rows(min_row=2)}
    assert fills["2"].endswith("FFC7CE")  # the overdue row is marked
    assert not str(fills["1"]).endswith("FFC7CE")
    due = headers.index("办结时限")
    assert [row[due].value for row in sheet.iter_rows(min_row=2) if row[number].value == "1"] == [dt.datetime(2023, 6, 1)]


def test_csv_opens_in_excel(folder: Path) -> None:
    out = folder.parent / "台账.csv"
    main(["status", str(folder), "--today", TODAY, "-o", str(out)])
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0].startswith("草稿,提案号,提案人,案由,角色,交办日期,办结时限")


def test_xlsx_needs_a_file_and_today_must_be_a_date(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(folder), "--format", "xlsx"]) == 2
    assert main(["status", str(folder), "--today", "明天"]) == 2
    assert "明天" in capsys.readouterr().err


def test_check_knows_the_handling_dates(tmp_path: Path) -> None:
    from replygen.lint import lint_text

    base = (ROOT / "examples" / "new-draft.yaml").read_text(encoding="utf-8")
    late = base + "handling:\n  assigned_on: 2024-01-01\n  due_on: 2024-02-01\n  extended: true\n"
    findings = [str(f) for f in lint_text(late, "d.yaml")]
    assert len(findings) == 1 and "RG006 signature.date" in findings[0] and "晚于办结时限 2024-02-01" in findings[0]
    backwards = base + "handling:\n  assigned_on: 2024-03-01\n  due_on: 2024-02-01\n"
    with pytest.raises(replygen.InputError, match="办结时限 2024-02-01 早于交办日期 2024-03-01"):
        replygen.loads(backwards, "d.yaml")
    misspelt = [str(f) for f in lint_text(base + "handling:\n  extnded: true\n", "d.yaml")]
    assert any("extnded" in f and "extended" in f for f in misspelt)


def test_docx_from_a_batch_is_found_in_docx_dir(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    text = (ROOT / "examples" / "new-draft.yaml").read_text(encoding="utf-8")
    (folder / "done.yaml").write_text(text + "handling:\n  assigned_on: 2023-01-01\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "--final"]) == 0
    assert not (folder / "done.docx").exists() and len(list(out.glob("*.docx"))) == 1  # named by number-proposer

    def state(*extra: str) -> str:
        ledger = tmp_path / "l.json"
        main(["status", str(folder), "--today", TODAY, "-o", str(ledger), *extra])
        return json.loads(ledger.read_text(encoding="utf-8"))[0]["docx"]

    assert state() == "无"
    assert state("--docx-dir", str(out)) == "正式稿"


def test_a_style_file_among_the_drafts_is_no_row(tmp_path: Path) -> None:
    folder = tmp_path / "county"
    shutil.copytree(ROOT / "examples" / "county", folder)
    rows = json.loads(_run_json(folder))
    assert [Path(r["file"]).name for r in rows] == ["reply-012.yaml"]
    assert not rows[0]["error"]
