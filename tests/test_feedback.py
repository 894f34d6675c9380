"""征询意见表 (replygen feedback): one form per proposer, one A4 page, and the mailing list."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import docx
import pytest

import replygen
from conftest import ROOT
from pdfpages import horizontal_rules, read_pages
from replygen.cli import main
from replygen.docx import form_docx
from replygen.docx.form import RULED_LINES
from replygen.feedback import feedback_forms

AFTER = ROOT / "tests" / "fixtures" / "after"
ZHUBAN = AFTER / "zhuban-0088.yaml"
LIANMING = AFTER / "lianming-0101.yaml"
OPINION = ROOT / "examples" / "opinion-003-jzf-2019-1.yaml"
NEEDS_LIBREOFFICE = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler (pdftotext) is not installed",
)


def cells(data: bytes) -> list[list[str]]:
    """The form's table, row by row, each merged cell once."""
    table = docx.Document(io.BytesIO(data)).tables[0]
    rows = []
    for row in table.rows:
        texts: list[str] = []
        for cell in row.cells:
            if not texts or cell.text != texts[-1]:
                texts.append(cell.text)
        rows.append(texts)
    return rows


def test_each_co_signer_gets_a_form_prefilled_with_the_proposal() -> None:
    forms = feedback_forms(replygen.load(LIANMING))
    assert [(f.proposer, f.unit) for f in forms] == [("周文华", "市第一中学"), ("吴海燕", "市教育科学研究院"), ("郑国强", "民进市委会")]
    rows = cells(form_docx(forms[1]))
    assert rows[:6] == [
        ["提案号", "101", "结果类别", "B类"],
        ["案由", "关于推进中小学课后服务提质增效的提案"],
        ["提案人", "吴海燕", "工作单位", "市教育科学研究院"],
        ["主办单位", "××市教育局"],
        ["答复文号", "××教提〔2024〕7号"],
        ["答复日期", "2024年6月20日"],
    ]
    assert rows[6] == ["办理态度", "□满意　　□基本满意　　□不满意"]
    assert rows[7] == ["办理结果", "□满意　　□基本满意　　□不满意"]
    assert rows[8] == ["意见和建议", ""]
    assert rows[-1][0].startswith("提案人签名：") and rows[-1][0].endswith("日期：　　　年　　月　　日")


def test_the_form_names_the_co_handling_units_and_a_deputys_wording(tmp_path: Path) -> None:
    [form] = feedback_forms(replygen.load(ZHUBAN))
    assert ("会办单位", "市财政局、市卫生健康委") in form.rows
    draft = tmp_path / "deputy.yaml"
    draft.write_text(LIANMING.read_text(encoding="utf-8").replace("type: member", "type: deputy"), encoding="utf-8")
    form = feedback_forms(replygen.load(draft))[0]
    assert form.title == "建议办理情况征询意见表" and form.rows[0][0] == "建议号" and form.signature == "代表签名："
    texts = [p.text for p in docx.Document(io.BytesIO(form_docx(form))).paragraphs]
    assert texts[0] == "建议办理情况征询意见表"
    assert texts[-2:] == ["请在收到答复后一个月内填写本表，寄回或交至××市教育局。", "承办单位：市教育局基础教育处　联系人：钱芳　联系电话：0431-8111xxxx"]


def test_the_form_is_the_same_bytes_every_time() -> None:
    [form] = feedback_forms(replygen.load(ZHUBAN))
    assert form_docx(form) == form_docx(form)


def test_a_co_handling_opinion_and_an_implementation_opinion_have_no_form(tmp_path: Path) -> None:
    draft = tmp_path / "huiban.yaml"
    draft.write_text(
        ZHUBAN.read_text(encoding="utf-8").replace("  role: 主办\n", "  role: 会办\n  lead_unit: 市卫生健康委\n"), encoding="utf-8"
    )
    with pytest.raises(replygen.InputError, match="会办意见写给主办单位，不寄给提案人"):
        feedback_forms(replygen.load(draft))
    with pytest.raises(replygen.InputError, match="实施意见"):
        feedback_forms(replygen.load(OPINION))


def test_units_must_match_the_proposers(tmp_path: Path) -> None:
    draft = tmp_path / "bad.yaml"
    draft.write_text(LIANMING.read_text(encoding="utf-8").replace("民进市委会]", "]").replace(", ]", "]"), encoding="utf-8")
    with pytest.raises(replygen.InputError) as caught:
        replygen.load(draft)
    [problem] = caught.value.problems
    assert problem.field == "proposer" and "3 位提案人，写了 2 个单位" in problem.message


def test_command_writes_a_form_per_proposer_and_the_mailing_list(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["feedback", str(ZHUBAN), str(LIANMING), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["88-孙立新-征询意见表.docx", "101-周文华-征询意见表.docx", "101-吴海燕-征询意见表.docx", "101-郑国强-征询意见表.docx", "寄送清单.csv"]
    )
    data = (out / "寄送清单.csv").read_bytes()
    assert data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["提案号", "案由", "收件人", "工作单位", "身份", "答复", "征询意见表"]
    assert rows[1] == ["88", "关于加快发展社区嵌入式养老服务的提案", "孙立新", "市老年学学会", "提案人", "88-孙立新.docx", "88-孙立新-征询意见表.docx"]
    assert rows[2][2:] == ["市政协提案委员会", "", "抄送", "88-孙立新.docx", ""]  # the reply, no form
    co_signers = [row for row in rows if row[0] == "101"]
    assert [row[2] for row in co_signers] == ["周文华", "吴海燕", "郑国强"]
    assert {row[5] for row in co_signers} == {"101-周文华、吴海燕、郑国强.docx"}


def test_command_writes_nothing_when_a_draft_is_wrong(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(ZHUBAN.read_text(encoding="utf-8").replace("  number: 88\n", ""), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["feedback", str(LIANMING), str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "proposal.number" in err and "未生成任何征询意见表" in err
    assert not out.exists()


@NEEDS_LIBREOFFICE
def test_the_form_prints_on_one_a4_page_with_its_boxes_and_ruled_lines(tmp_path: Path) -> None:
    from replygen.pdf import docx_to_pdf

    # The longest form: a 案由 and a list of 会办 units over two lines each, a long unit.
    draft = tmp_path / "long.yaml"
    text = ZHUBAN.read_text(encoding="utf-8")
    text = text.replace("关于加快发展社区嵌入式养老服务的提案", "关于加快发展社区嵌入式养老服务、完善居家社区机构相协调医养康养相结合的养老服务体系的提案")
    text = text.replace("[市财政局, 市卫生健康委]", "[市财政局, 市卫生健康委, 市人力资源和社会保障局, 市住房和城乡建设局, 市医疗保障局]")
    draft.write_text(text, encoding="utf-8")
    [form] = feedback_forms(replygen.load(draft))
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(docx_to_pdf(form_docx(form)))
    pages = read_pages(pdf)
    assert len(pages) == 1
    page = pages[0]
    assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
    lines = [line.text for line in page.lines]
    assert lines[0] == "提案办理情况征询意见表"
    boxes = [line for line in lines if "□满意" in line]
    assert len(boxes) == 2 and all("□基本满意" in line and "□不满意" in line for line in boxes)
    assert any(line.startswith("提案人签名：") and "日期：" in line for line in lines)
    # Every row's edges are rules across the table (the opinion area's lines among them):
    # the top, and the bottom of each prefilled, rating, ruled and signature row.
    rules = horizontal_rules(pdf, 1, min_length=300)
    assert RULED_LINES >= 5
    assert len(rules) == 1 + len(form.rows) + len(form.ratings) + RULED_LINES + 1
    # and nothing below the 版心 but the page number
    bottom = 297 - 35
    assert all(line.y_max <= bottom * 72 / 25.4 + 2 for line in page.lines if "—" not in line.text)


@pytest.mark.skipif(shutil.which("openxml-audit") is None, reason="openxml-audit is not installed")
def test_the_forms_pass_the_open_xml_audit(tmp_path: Path) -> None:
    assert main(["feedback", str(ZHUBAN), str(LIANMING), "-o", str(tmp_path)]) == 0
    result = subprocess.run(["openxml-audit", "-r", "-o", "text", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Errors: 0" in result.stdout and "Errors: 1" not in result.stdout


# The forms as the wording written in Python made them, before it became feedback.j2.
BEFORE_THE_TEMPLATE = {
    ("zhuban-0088", "孙立新"): "853e102307e62ec0",
    ("lianming-0101", "周文华"): "03757d4429da200e",
    ("lianming-0101", "吴海燕"): "6f9db4d3fa3affd6",
    ("lianming-0101", "郑国强"): "742b17274ada6534",
}


def test_the_built_in_form_template_gives_the_same_bytes_as_before() -> None:
    import hashlib

    for (stem, proposer), digest in BEFORE_THE_TEMPLATE.items():
        [form] = [f for f in feedback_forms(replygen.load(AFTER / f"{stem}.yaml")) if f.proposer == proposer]
        assert hashlib.sha256(form_docx(form)).hexdigest()[:16] == digest, proposer


def office_form(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    """An office's template directory holding its own copy of the form, edited."""
    shipped = (replygen.render.builtin_template_dir() / "feedback.j2").read_text(encoding="utf-8")
    office = tmp_path / "office"
    office.mkdir()
    (office / "feedback.j2").write_text(edit(shipped), encoding="utf-8")
    return office


def test_an_office_rewords_a_label_and_replaces_a_row(tmp_path: Path) -> None:
    def edit(text: str) -> str:
        text = text.replace("<lead>案由</lead>", "<lead>提案标题</lead>")
        return text.replace("<p><lead>答复日期</lead>{{ form.date }}</p>", "<p><lead>寄回期限</lead>收到答复后一个月内</p>")

    office = office_form(tmp_path, edit)
    out = tmp_path / "out"
    assert main(["feedback", str(LIANMING), "-o", str(out), "--template-dir", str(office)]) == 0
    rows = cells((out / "101-吴海燕-征询意见表.docx").read_bytes())
    assert rows[1] == ["提案标题", "关于推进中小学课后服务提质增效的提案"]
    assert rows[5] == ["寄回期限", "收到答复后一个月内"]
    assert not any("答复日期" in row for row in rows)
    assert rows[3] == ["主办单位", "××市教育局"]  # what the office left alone is as shipped
    # Without the directory the shipped form is used.
    assert cells(form_docx(feedback_forms(replygen.load(LIANMING))[1]))[1][0] == "案由"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("{{ form.number }}", "{{ form.__class__.__mro__ }}"), "不允许"),
        (lambda t: t.replace("<p><lead>案由</lead>", "<p>案由"), "须以 <lead>栏目</lead> 开始"),
        (lambda t: t.replace("<h1>意见和建议</h1>", ""), "有且只有一个 <h1>"),
        (lambda t: t.replace("<h1>意见和建议</h1>", "<cc>意见和建议</cc>"), "不能有 <cc>"),
        (lambda t: t + "<note>{{ form.title * 100000000 }}</note>", "超过 10,000,000 个字符的上限"),
    ],
)
def test_an_office_form_that_cannot_be_laid_out_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Callable[[str], str], message: str
) -> None:
    office = office_form(tmp_path, edit)
    out = tmp_path / "out"
    assert main(["feedback", str(ZHUBAN), "-o", str(out), "--template-dir", str(office)]) == 1
    err = capsys.readouterr().err
    assert message in err and "feedback.j2" in err and "Traceback" not in err
    assert not out.exists()


def test_the_mailing_list_as_a_workbook_has_a_frozen_header_and_a_row_per_recipient(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "out"
    assert main(["feedback", str(ZHUBAN), str(LIANMING), "-o", str(out), "--list-format", "xlsx"]) == 0
    assert not (out / "寄送清单.csv").exists()
    sheet = openpyxl.load_workbook(out / "寄送清单.xlsx").active
    assert sheet.freeze_panes == "A2"
    rows = [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["提案号", "案由", "收件人", "工作单位", "身份", "答复", "征询意见表"]
    assert rows[1] == ["88", "关于加快发展社区嵌入式养老服务的提案", "孙立新", "市老年学学会", "提案人", "88-孙立新.docx", "88-孙立新-征询意见表.docx"]
    assert rows[2][2:] == ["市政协提案委员会", "", "抄送", "88-孙立新.docx", ""]
    assert [row[2] for row in rows if row[0] == "101" and row[4] == "提案人"] == ["周文华", "吴海燕", "郑国强"]
    assert all(isinstance(row[0], str) for row in rows)  # a 提案号 stays text, never a number
    # The same recipients as the .csv, row for row.
    main(["feedback", str(ZHUBAN), str(LIANMING), "-o", str(tmp_path / "csv")])
    text = (tmp_path / "csv" / "寄送清单.csv").read_bytes().decode("utf-8-sig")
    assert rows == list(csv.reader(io.StringIO(text)))
