"""Reading the file to import: text in any encoding drafts use, refused when it is not a letter."""

from __future__ import annotations

from pathlib import Path

import pytest

from replygen.errors import DecodeError, InputError
from replygen.importer import source
from replygen.importer.source import read_source

LETTER = "王芳委员：\n您提出的《关于优化公交线网的建议》已收悉。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_text_in_each_encoding_drafts_use_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes(LETTER.encode(encoding))
    read = read_source(path)
    assert read.text == LETTER and read.notes == []


def test_word_s_line_break_reads_as_a_new_line(tmp_path: Path) -> None:
    path = tmp_path / "copied.txt"
    path.write_text("第一行\v第二行\n", encoding="utf-8")
    assert read_source(path).text == "第一行\n第二行\n"


def test_a_control_character_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text("第一行\n第二\x07行\n", encoding="utf-8")
    with pytest.raises(DecodeError) as caught:
        read_source(path)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.column) == (str(path), 2, 3)
    assert "U+0007" in problem.message and "控制字符" in problem.message


def test_an_old_doc_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "reply.DOC"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match="另存为 .docx"):
        read_source(path)


def test_a_text_file_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 10)
    path = tmp_path / "long.txt"
    path.write_text("一二三四五六七八九十", encoding="utf-8")  # 30 bytes
    with pytest.raises(InputError):
        read_source(path)
