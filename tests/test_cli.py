"""The command line: help, version, render, and staying light until a command runs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import replygen
from conftest import CORPUS, EXAMPLES, ROOT
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
    assert list(available_formats()) == ["text", "docx", "pdf", "body"]


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


# --- where render, import and new may write ------------------------------------------------


def _special(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    else:
        (path.parent / "real.docx").write_bytes(b"kept")
        path.symlink_to(path.parent / "real.docx")


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes and symlinks as POSIX makes them")
@pytest.mark.parametrize("kind", ["fifo", "symlink"])
@pytest.mark.parametrize(
    "command",
    [["render", str(DRAFT)], ["new", "--no-input"], ["import", str(CORPUS / "004_ab4402e884154ba1.txt"), "--force"]],
    ids=["render", "new", "import"],
)
def test_special_targets_are_refused_by_every_command(
    kind: str, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.docx"
    _special(kind, target)
    assert main([*command, "-o", str(target), *(["--force"] if command[0] == "new" else [])]) == 1
    err = capsys.readouterr().err
    assert str(target) in err and ("命名管道" if kind == "fifo" else "符号链接") in err and "Traceback" not in err
    assert (stat.S_ISFIFO if kind == "fifo" else stat.S_ISLNK)(os.lstat(target).st_mode)
    if kind == "symlink":
        assert (tmp_path / "real.docx").read_bytes() == b"kept"


def test_import_never_writes_over_its_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "letter.txt"
    original = (CORPUS / "004_ab4402e884154ba1.txt").read_bytes()
    source.write_bytes(original)
    for extra in ([], ["--force"]):
        assert main(["import", str(source), "-o", str(source), *extra]) == 1
        assert "输出文件就是本命令的输入文件" in capsys.readouterr().err
    assert source.read_bytes() == original


def test_import_needs_force_to_replace_a_file_like_new(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "letter.txt"
    source.write_bytes((CORPUS / "004_ab4402e884154ba1.txt").read_bytes())
    target = tmp_path / "draft.yaml"
    for command in (["import", str(source)], ["new", "--no-input"]):
        target.write_text("# 办事员的草稿\n", encoding="utf-8")
        assert main([*command, "-o", str(target)]) == 1
        assert "文件已存在；确认要覆盖时请加 --force" in capsys.readouterr().err
        assert target.read_text(encoding="utf-8") == "# 办事员的草稿\n"
        assert main([*command, "-o", str(target), "--force"]) == 0
        assert replygen.load(target).issuer


def test_render_refuses_two_drafts_that_would_write_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    (tmp_path / "a" / "x.yaml").write_bytes(DRAFT.read_bytes())
    (tmp_path / "b" / "X.yaml").write_bytes((EXAMPLES / "new-draft.yaml").read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    argv = ["render", str(tmp_path / "a" / "x.yaml"), str(tmp_path / "b" / "X.yaml"), "-o", str(out), "--format", "docx,text"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    # The words batch uses for the same mistake.
    assert f"{tmp_path / 'b' / 'X.yaml'}: {out / 'X.docx'}: 与 {tmp_path / 'a' / 'x.yaml'} 的输出同名；请用 --pattern 区分" in err
    assert "什么也没有写" in err
    assert list(out.iterdir()) == []


def test_render_writes_a_draft_named_twice_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(DRAFT), str(DRAFT), "-o", str(tmp_path), "--format", "text"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["reply-004-kjt-2023-92.txt"]
    assert capsys.readouterr().err.count("已生成") == 1


@pytest.mark.parametrize("spelling", ["new/", "new/deeper/"])
def test_trailing_separator_means_a_folder_to_create(spelling: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(DRAFT), str(EXAMPLES / "new-draft.yaml"), "-o", spelling, "--format", "text"]) == 0
    assert sorted(p.name for p in (tmp_path / spelling).iterdir()) == ["new-draft.txt", "reply-004-kjt-2023-92.txt"]
    assert main(["render", str(DRAFT), "-o", "one.txt/"]) == 0  # a folder, whatever its name looks like
    assert [p.name for p in (tmp_path / "one.txt").iterdir()] == ["reply-004-kjt-2023-92.docx"]


def test_folder_under_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_bytes(b"x")
    assert main(["render", str(DRAFT), "-o", f"{tmp_path / 'file' / 'out'}/"]) == 2
    assert f"其上级“{tmp_path / 'file'}”是文件" in capsys.readouterr().err
    assert (tmp_path / "file").read_bytes() == b"x"


def test_no_folder_is_created_when_every_draft_fails(tmp_path: Path) -> None:
    assert main(["render", str(tmp_path / "missing.yaml"), "-o", f"{tmp_path / 'out'}/"]) == 1
    assert not (tmp_path / "out").exists()


def test_render_never_writes_over_a_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    template = '{% extends "builtin/reply.j2" %}\n'
    (templates / "reply.txt").write_text(template, encoding="utf-8")
    (templates / "reply.j2").write_text(template, encoding="utf-8")
    assert main(["render", str(DRAFT), "--template-dir", str(templates), "-o", str(templates / "reply.txt")]) == 1
    assert "输出文件就是本命令的输入文件" in capsys.readouterr().err
    assert (templates / "reply.txt").read_text(encoding="utf-8") == template


def test_render_removes_temporary_files_a_killed_run_left(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from replygen import output

    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".r.docx.rg-{output._host()}-{process.stdout.strip()}.k2j4_x9q.part"
    stale.write_bytes(b"half a docx")
    assert main(["render", str(DRAFT), "-o", str(tmp_path / "r.docx")]) == 0
    assert "已清理 1 个此前中断时留下的临时文件" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]
