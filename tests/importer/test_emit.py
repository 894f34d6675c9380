"""The YAML the importer writes: readable, ordered, commented, and loading back unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

import replygen
from replygen.cli import main
from replygen.importer import import_text, to_yaml
from replygen.importer.emit import emit

LETTER = """关于第156号提案的答复
尊敬的刘明委员：
　　您提出的《关于优化公交线网的建议》已收悉。现答复如下：
　　一、增加线路
　　已开通8条。
　　特此答复。
附件：1.线路表
2.站点表
　　　　长春市交通运输局
　　　　二〇二四年五月八日
"""


def test_numbers_with_leading_zero_are_quoted() -> None:
    text = emit({"proposal": {"number": "0123", "meeting": "会议"}, "flag": True})
    assert 'number: "0123"' in text
    assert yaml.safe_load(text)["proposal"]["number"] == "0123"


def test_chinese_is_not_escaped_and_style_is_block() -> None:
    text = emit({"cc": ["省政府督查室"], "signature": {"date": dt.date(2024, 5, 8)}})
    assert text == "cc:\n  - 省政府督查室\nsignature:\n  date: 2024-05-08\n"


def test_long_paragraph_is_a_block_broken_after_sentences() -> None:
    paragraph = "第一句话写得很长，" * 5 + "到这里结束。" + "第二句话也不短，" * 4 + "同样结束。"
    text = emit({"preamble": [paragraph]})
    assert "  - >-\n" in text
    assert text.count("\n") > 3
    # The loader joins the block's lines again without spaces between Chinese characters.
    doc = replygen.loads(
        "issuer: 某厅\nproposal: {meeting: 会, number: 1, title: 题}\nproposer: {name: 甲, type: member}\n" + text
    )
    assert doc.preamble == [paragraph]


def test_quotes_what_yaml_would_misread() -> None:
    # 2023-13-45 looks like a date to YAML but is none: reading it raises ValueError, not a YAML error.
    for value in ["yes", "12:30", "- 开头", "# 开头", "a: b", "2024-05-08", "null", "2023-13-45"]:
        assert yaml.safe_load(emit({"k": value}))["k"] == value


def test_notes_become_comments_above_their_field() -> None:
    built = import_text(LETTER)
    text = to_yaml(built, "旧答复.txt")
    lines = text.splitlines()
    assert lines[0].startswith("# 由 旧答复.txt 导入")
    at = lines.index("opening: 您提出的《关于优化公交线网的建议》已收悉。现答复如下：")
    assert lines[at - 1] == "# 待核：开头语与标准句式不同，已照录"
    assert "  # 待核：原文中没有找到，请补填" in lines  # the meeting is named nowhere


def test_keys_follow_the_schema_order() -> None:
    text = to_yaml(import_text(LETTER))
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    # The house style learned from the letter (here: its date in Chinese numerals) comes last.
    assert keys == [
        "issuer", "signature", "attachments", "proposal", "proposer", "title", "salutation", "opening", "sections",
        "closing", "style",
    ]  # fmt: skip


def test_loose_letter_fields() -> None:
    doc = replygen.parse_text(LETTER)
    assert isinstance(doc, replygen.Reply)
    assert doc.issuer == "长春市交通运输局"
    assert doc.signature is not None and doc.signature.date == dt.date(2024, 5, 8)
    assert doc.attachments == ["线路表", "站点表"]
    assert doc.proposal.number == "156" and doc.proposal.meeting == replygen.PLACEHOLDER
    assert doc.salutation == "尊敬的刘明委员" and doc.closing is not None and doc.closing.text == "特此答复。"


def test_cli_import_writes_yaml(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "旧答复.txt"
    source.write_text(LETTER, encoding="gb18030")
    target = tmp_path / "draft.yaml"
    assert main(["import", str(source), "-o", str(target)]) == 0
    assert replygen.load(target) == replygen.parse_text(LETTER)
    assert "已导入" in capsys.readouterr().err


def test_cli_import_to_stdout_and_missing_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "a.txt"
    source.write_text(LETTER, encoding="utf-8")
    assert main(["import", str(source)]) == 0
    assert "issuer: 长春市交通运输局" in capsys.readouterr().out
    assert main(["import", str(tmp_path / "none.txt")]) == 1
    assert "文件不存在" in capsys.readouterr().err
    assert not (tmp_path / "none.yaml").exists()


def test_verify_keeps_source_wording_the_templates_do_not_write() -> None:
    from replygen.importer.verify import verify

    text = LETTER.replace("特此答复。", "感谢您对交通工作的关心和支持。")
    built = import_text(text)
    assert built.data["closing"] == {"thanks_for": "交通工作"}  # the formula was recognised
    built.sources["closing"] = "感谢您长期以来对交通工作的关心和支持。"  # as if the source said so
    doc = replygen.loads(to_yaml(built))
    verify(built, doc)
    assert built.data["closing"] == {"text": "感谢您长期以来对交通工作的关心和支持。"}
    assert "模板生成的句子与原文不同" in built.notes[("closing",)]
    kept = to_yaml(built)
    verify(built, replygen.loads(kept))  # now it matches: nothing more changes
    assert to_yaml(built) == kept


def test_a_note_quoting_line_breaks_stays_one_comment() -> None:
    # U+2028 and NEL end a line for YAML: a note quoting them must not spill into the data.
    text = emit({"issuer": "某厅"}, {(): "原文写着：甲\u2028issuer: 乙\x85丙\n丁"})
    assert yaml.safe_load(text) == {"issuer": "某厅"}
    assert len(text.splitlines()) == 2
