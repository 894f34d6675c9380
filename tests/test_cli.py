"""The command line: help, version, render, and staying light until a command runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import replygen
from conftest import EXAMPLES, ROOT
from replygen.cli import main

DRAFT = EXAMPLES / "reply-004-kjt-2023-92.yaml"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"replygen {replygen.__version__}"


def test_help_is_chinese_and_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：replygen")
    for command in ("render", "batch", "new", "schema", "check"):
        assert command in out
    assert "显示本帮助并退出" in out


@pytest.mark.parametrize("command", ["render", "batch", "new", "schema", "check"])
def test_each_command_has_chinese_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"用法：replygen {command}")
    assert "选项" in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "用法" in capsys.readouterr().out


def test_unknown_option_is_a_chinese_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "--nope", str(DRAFT)]) == 2
    assert "命令行有误" in capsys.readouterr().err


def test_render_text_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(DRAFT), "--format", "text"]) == 0
    assert capsys.readouterr().out == replygen.render_text(replygen.load(DRAFT))


def test_render_several_files_into_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(DRAFT), str(EXAMPLES / "new-draft.yaml")]
    assert main(["render", *files, "--format", "text", "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new-draft.txt", "reply-004-kjt-2023-92.txt"]
    assert "已生成" in capsys.readouterr().err


def test_render_several_files_needs_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(DRAFT), str(DRAFT), "--format", "text", "-o", str(tmp_path / "x.txt")]) == 2
    assert "目录" in capsys.readouterr().err


def test_render_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(DRAFT), "--format", "odt"]) == 2
    assert "不支持的输出格式：odt" in capsys.readouterr().err


def test_render_broken_draft_names_file_line_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("issuer: 某厅\nclossing: 特此函复。\n", encoding="utf-8")
    assert main(["render", str(bad), "--format", "text"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:1 clossing: 未知字段“clossing”" in err
    assert "Traceback" not in err


def test_render_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "no-such-draft.yaml", "--format", "text"]) == 1
    assert "文件不存在" in capsys.readouterr().err


def test_default_format_is_docx() -> None:
    from replygen.formats import available_formats, default_format

    assert default_format() == "docx"
    assert list(available_formats()) == ["text", "docx", "pdf"]


def test_render_docx(tmp_path: Path) -> None:
    assert main(["render", str(DRAFT), "--format", "docx", "-o", str(tmp_path / "r.docx")]) == 0
    assert (tmp_path / "r.docx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(("name", "magic"), [("r.txt", "李秀玉委员".encode()), ("r.docx", b"PK"), ("r.DOCX", b"PK")])
def test_output_suffix_chooses_the_format(tmp_path: Path, name: str, magic: bytes) -> None:
    assert main(["render", str(DRAFT), "-o", str(tmp_path / name)]) == 0
    assert magic in (tmp_path / name).read_bytes()[:4000]


def test_output_to_a_directory_defaults_to_docx(tmp_path: Path) -> None:
    assert main(["render", str(DRAFT), "-o", str(tmp_path)]) == 0
    assert [p.suffix for p in tmp_path.iterdir()] == [".docx"]


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from replygen.cli import main\n"
        "assert main(['--help']) == 0\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'pydantic', 'jinja2', 'docx', 'yaml', 'ruamel'})\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", env=ENV)
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "replygen", "render", str(DRAFT), "--format", "text"],
        capture_output=True, text=True, encoding="utf-8", env=ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "李秀玉委员" in result.stdout
