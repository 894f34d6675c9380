"""intake: a 交办清单 (.xlsx or .csv) becomes one loadable draft per good row; bad rows are named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import replygen
from replygen.cli import main
from replygen.intake import IntakeOptions, read_list, run_intake

UNIT = "吉林省科学技术厅"


def _untidy_list(path: Path) -> Path:
    """A list as offices send them: title row, merged cells, blank and total rows, bad rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["省政协十三届一次会议提案交办清单"])
    sheet.merge_cells("A1:J1")
    sheet.append(["序号", "提 案 号", "案由", "提案人", "界别", "主办单位", "会办单位", "交办日期", "办理时限", "备注"])
    rows = [
        # row 3: text cell with a leading zero, Excel date, two co-units in one cell
        [1, "0123", "关于加快科技型中小企业创新发展的提案", "李秀玉、王五", "经济界", UNIT, "省财政厅，省人社厅", dt.datetime(2023, 3, 1), None, None],
        # row 4: a numeric cell 124 (stored as 124.0 by some writers), we are 会办, due as text
        [2, 124.0, "关于完善养老服务体系的提案", "张三", "社科界", "吉林省民政厅", f"省卫生健康委\n{UNIT}", "2023/3/1", "3个月", None],
        # row 5: missing number
        [3, None, "关于缺少提案号的提案", "赵六", "社科界", UNIT, None, "2023年3月1日", None, None],
        # row 6: a date that does not exist; 主办单位 merged from row 5
        [4, "126", "关于日期有误的提案", "钱七", "社科界", None, None, "2023-02-30", None, None],
        [None] * 10,  # row 7: blank
        # row 8: a calendar due date typed as text, several 主办 units → 分办
        [5, "2023W8", "关于民营企业用地的提案", "民建省委会", "集体", f"{UNIT}、省自然资源厅", None, "2023-03-02", "2023年6月30日", None],
        # row 9: our unit is in neither column
        [6, "130", "关于与本单位无关的提案", "孙八", "社科界", "省教育厅", None, "2023-03-02", None, None],
        ["合计", "6件"],  # row 10: total
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("F5:F6")
    sheet.cell(4, 2).number_format = "General"
    book.save(path)
    return path


def test_untidy_xlsx_writes_every_good_row_and_names_every_bad_one(tmp_path: Path) -> None:
    result = run_intake(_untidy_list(tmp_path / "清单.xlsx"), IntakeOptions(out_dir=str(tmp_path / "d"), unit=UNIT))
    assert sorted(p.name for p in result.written) == ["0123.yaml", "124.yaml", "2023W8.yaml"]
    assert [str(p) for p in result.problems] == [
        "清单.xlsx 第5行 提案号: 缺少提案号，这一行没有生成草稿",
        "清单.xlsx 第6行 交办日期: 日期“2023-02-30”不存在，请核对",
        f"清单.xlsx 第9行 主办单位: 本单位“{UNIT}”既不在主办单位中，也不在会办单位中；请核对 --unit 或这一行",
    ]
    assert [(p.file, p.line, p.field) for p in result.problems][1] == ("清单.xlsx", 6, "交办日期")
    assert result.skipped == 2  # the blank row and the total row

    lead = replygen.load(tmp_path / "d" / "0123.yaml")
    assert lead.issuer == UNIT
    assert lead.proposal.number == "0123"
    assert lead.proposal.meeting == "省政协十三届一次会议"  # from the title row
    assert lead.proposer.name == ["李秀玉", "王五"] and lead.proposer.type == "member"
    assert lead.handling is not None and lead.handling.role == "主办"
    assert lead.handling.co_units == ["省财政厅", "省人社厅"]
    assert lead.handling.assigned_on == dt.date(2023, 3, 1) and lead.handling.due_on is None
    assert replygen.has_placeholders(lead)

    co = replygen.load(tmp_path / "d" / "124.yaml")
    assert co.proposal.number == "124"  # never "124.0"
    assert co.handling is not None and co.handling.role == "会办"
    assert co.handling.lead_unit == "吉林省民政厅"
    assert co.handling.co_units == ["省卫生健康委"]  # the other 会办 units, without ourselves
    assert co.handling.due_on == dt.date(2023, 6, 1)  # 3个月 after 交办
    assert "会办意见" in replygen.render_text(co)

    shared = replygen.load(tmp_path / "d" / "2023W8.yaml")
    assert shared.handling is not None and shared.handling.role == "分办"
    assert shared.handling.due_on == dt.date(2023, 6, 30)
    assert shared.proposer.type == "organisation"


def test_never_overwrites_a_draft_without_force(tmp_path: Path) -> None:
    listing = _untidy_list(tmp_path / "清单.xlsx")
    out = tmp_path / "d"
    out.mkdir()
    (out / "0123.yaml").write_text("办事员已经写了的草稿", encoding="utf-8")
    result = run_intake(listing, IntakeOptions(out_dir=str(out), unit=UNIT))
    assert (out / "0123.yaml").read_text(encoding="utf-8") == "办事员已经写了的草稿"
    refused = [p for p in result.problems if p.line == 3]
    assert len(refused) == 1 and "--force" in refused[0].message and refused[0].field == "提案号"
    assert (out / "124.yaml").exists()  # the others go on
    result = run_intake(listing, IntakeOptions(out_dir=str(out), unit=UNIT, force=True))
    assert "【待填写】" in (out / "0123.yaml").read_text(encoding="utf-8")
    assert not [p for p in result.problems if p.line == 3]


def test_gbk_csv(tmp_path: Path) -> None:
    text = (
        "市人大十七届二次会议代表建议交办清单,,,,,\n"
        "建议号,案由,领衔代表,主办单位,协办单位,交办日期\n"
        "21,关于改善老旧小区停车条件的建议,王芳,市住建局,市公安局,2024/2/20\n"
        "22,关于增加社区食堂的建议,刘强,市民政局、市住建局,,2024年2月20日\n"
        ",关于没有编号的建议,陈明,市住建局,,2024-02-20\n"
        "合计,3件,,,,\n"
    )
    listing = tmp_path / "清单.csv"
    listing.write_bytes(text.encode("gbk"))
    result = run_intake(listing, IntakeOptions(out_dir=str(tmp_path / "d"), unit="市住建局"))
    assert sorted(p.name for p in result.written) == ["21.yaml", "22.yaml"]
    assert [str(p) for p in result.problems] == ["清单.csv 第5行 建议号: 缺少提案号，这一行没有生成草稿"]
    doc = replygen.load(tmp_path / "d" / "21.yaml")
    assert doc.proposal.meeting == "市人大十七届二次会议"
    assert doc.proposer.type == "deputy"  # a 人大 list: 代表建议
    assert doc.handling is not None and doc.handling.assigned_on == dt.date(2024, 2, 20)
    assert replygen.load(tmp_path / "d" / "22.yaml").handling.role == "分办"  # type: ignore[union-attr]


def test_utf8_csv_with_bom_and_typed_role(tmp_path: Path) -> None:
    listing = tmp_path / "list.csv"
    listing.write_bytes("\ufeff提案号,标题,提案人,类型,主办单位,角色\n7,关于甲的提案,张三,委员,某厅,会办\n8,关于乙的提案,李四,路人,某厅,督办\n".encode())
    result = run_intake(listing, IntakeOptions(out_dir=str(tmp_path / "d"), meeting="省政协十三届二次会议"))
    assert [p.name for p in result.written] == ["7.yaml"]
    assert [str(p) for p in result.problems] == [
        "list.csv 第3行 类型: 提案人类型“路人”无法识别，应是 委员、代表 或 单位",
        "list.csv 第3行 角色: 角色“督办”无法识别，应是 主办、会办 或 分办",
    ]
    doc = replygen.load(tmp_path / "d" / "7.yaml")
    assert doc.handling is not None and doc.handling.role == "会办" and doc.handling.lead_unit == "某厅"


def test_a_list_without_a_header_is_refused_whole(tmp_path: Path) -> None:
    listing = tmp_path / "x.csv"
    listing.write_text("甲,乙\n1,2\n", encoding="utf-8")
    with pytest.raises(replygen.InputError, match="找不到表头"):
        run_intake(listing, IntakeOptions(out_dir=str(tmp_path / "d")))
    assert not (tmp_path / "d").exists() or not list((tmp_path / "d").iterdir())


def test_a_broken_xlsx_is_an_input_error(tmp_path: Path) -> None:
    listing = tmp_path / "坏.xlsx"
    listing.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(replygen.InputError, match="不是有效的 .xlsx"):
        read_list(listing)


def test_template_round_trips_through_intake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "交办清单模板.xlsx"
    assert main(["intake", "--template", "-o", str(template)]) == 0
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["交办清单", "说明"]
    sheet = book["交办清单"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["提案号", "案由", "提案人"] and "角色" in headers and "交办日期" in headers
    lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    type_col = "ABCDEFGHIJK"[headers.index("类型")]
    role_col = "ABCDEFGHIJK"[headers.index("角色")]
    assert lists == {f"{type_col}2:{type_col}1000": '"委员,代表,单位"', f"{role_col}2:{role_col}1000": '"主办,会办,分办"'}
    assert sheet.freeze_panes == "A2"
    # A clerk fills it in: the number typed as text keeps its zero.
    sheet.append(["0042", "关于甲的提案", "张三", "委员", "省政协十三届一次会议", UNIT, None, "主办", dt.date(2023, 3, 1), None])
    book.save(template)
    capsys.readouterr()
    assert main(["intake", str(template), "-o", str(tmp_path / "d"), "--unit", UNIT]) == 0
    assert "已生成 1 份草稿" in capsys.readouterr().err
    assert replygen.load(tmp_path / "d" / "0042.yaml").proposal.number == "0042"


def test_cli_reports_rows_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = _untidy_list(tmp_path / "清单.xlsx")
    assert main(["intake", str(listing), "-o", str(tmp_path / "d"), "--unit", UNIT]) == 1
    err = capsys.readouterr().err
    assert "清单.xlsx 第5行 提案号: 缺少提案号" in err
    assert "已生成 3 份草稿，3 行有问题未生成" in err
    assert "Traceback" not in err


def test_proposal_files_fill_the_sections(tmp_path: Path) -> None:
    folder = tmp_path / "原文"
    folder.mkdir()
    (folder / "0123-李秀玉.txt").write_text(
        "关于加快科技型中小企业创新发展的提案\n建议：\n一是提升企业创新主体地位，加大支持。二是强化人才支撑。\n", encoding="utf-8"
    )
    options = IntakeOptions(out_dir=str(tmp_path / "d"), unit=UNIT, proposals_dir=str(folder))
    run_intake(_untidy_list(tmp_path / "清单.xlsx"), options)
    doc = replygen.load(tmp_path / "d" / "0123.yaml")
    assert [s.topic for s in doc.sections] == ["提升企业创新主体地位", "强化人才支撑"]
    assert doc.sections[0].restatement == "提升企业创新主体地位，加大支持。"
    # a row with no file keeps the one placeholder section
    assert [s.topic for s in replygen.load(tmp_path / "d" / "124.yaml").sections] == ["【待填写】"]


def test_proposal_file_column_and_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("案由：关于甲的提案\n具体建议\n推进数字乡村建设。\n培育电商人才。\n", encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"not a docx")
    listing = tmp_path / "l.csv"
    listing.write_text("提案号,案由,提案文件\n1,关于甲的提案,a.txt\n2,关于乙的提案,b.docx\n", encoding="utf-8")
    result = run_intake(listing, IntakeOptions(out_dir=str(tmp_path / "d")))
    assert [p.name for p in result.written] == ["1.yaml"]
    assert [(p.line, p.field) for p in result.problems] == [(3, "提案文件")]
    assert "b.docx" in result.problems[0].message
    assert [s.topic for s in replygen.load(tmp_path / "d" / "1.yaml").sections] == ["推进数字乡村建设", "培育电商人才"]


def test_no_temporary_file_is_left_and_progress_only_on_a_terminal(tmp_path: Path) -> None:
    import io

    from replygen.intake import terminal_progress

    run_intake(_untidy_list(tmp_path / "清单.xlsx"), IntakeOptions(out_dir=str(tmp_path / "d"), unit=UNIT))
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["0123.yaml", "124.yaml", "2023W8.yaml"]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert terminal_progress(io.StringIO()) is None  # a pipe or a file gets no counter
    screen = Terminal()
    show = terminal_progress(screen)
    assert show is not None
    for done in range(1, 101):
        show(done, 100)
    assert screen.getvalue() == "\r已读取 50/100 行\r已读取 100/100 行\n"


def test_a_list_longer_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("replygen.intake._MAX_ROWS", 3)
    listing = tmp_path / "长.csv"
    listing.write_text("提案号,案由\n" + "".join(f"{i},关于{i}的提案\n" for i in range(5)), encoding="utf-8")
    with pytest.raises(replygen.InputError, match="清单超过 3 行"):
        run_intake(listing, IntakeOptions(out_dir=str(tmp_path / "d")))
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize(("typed", "due"), [("3个月", "2023-06-01"), ("三个月内", "2023-06-01"), ("交办后两个月办结", "2023-05-01"), ("1月", "2023-04-01")])
def test_a_deadline_in_months_counts_from_assignment(tmp_path: Path, typed: str, due: str) -> None:
    listing = tmp_path / "l.csv"
    listing.write_text(f"提案号,案由,交办日期,办理时限\n1,关于甲的提案,2023-03-01,{typed}\n", encoding="utf-8")
    run_intake(listing, IntakeOptions(out_dir=str(tmp_path / "d")))
    handling = replygen.load(tmp_path / "d" / "1.yaml").handling
    assert handling is not None and handling.due_on == dt.date.fromisoformat(due)
