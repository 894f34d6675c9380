"""Hostile content and failing disks: text renders literally, templates stay sandboxed,
output is written whole or not at all."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import replygen
from conftest import EXAMPLES, ROOT
from replygen import cli, output
from replygen.loader import validate

# Markup, template syntax and XML specials a clerk might paste; all must come out as typed.
PAYLOAD = "甲{{ 7*7 }}乙{% include 'reply.j2' %}丙<title>x</title>丁&lt;戊]]>己&amp;"

# Fields whose values are codes, dates or choices rather than free text.
NOT_FREE_TEXT = {"kind", "type", "role", "disclosure", "title_form", "date", "result_class"}


def string_leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, str):
        if not (path and path[-1] in NOT_FREE_TEXT):
            yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from string_leaves(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from string_leaves(value, path + (index,))


def replaced(data: Any, path: tuple[Any, ...], value: str) -> Any:
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = replaced(data[path[0]], path[1:], value)
    return copy


def example_data(name: str) -> Any:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["new-draft.yaml", "reply-001-kjt-2023-71.yaml", "opinion-003-jzf-2019-1.yaml"])
def test_template_syntax_and_markup_in_any_field_render_literally(name: str) -> None:
    data = example_data(name)
    paths = list(string_leaves(data))
    assert len(paths) >= 15
    for path in paths:
        field = ".".join(map(str, path))
        if path[-1] == "doc_number":
            continue  # a 发文字号 has a fixed shape; its prefix is checked below
        doc = validate(replaced(data, path, PAYLOAD))
        text = replygen.render_text(doc)
        # the title is printed in lines broken by meaning (§7.3.1): read them joined
        joined = "".join(line.lstrip("\u3000 ") for line in text.splitlines())
        assert PAYLOAD in joined, field
        assert "甲49乙" not in text, field


def test_markup_in_doc_number_prefix_renders_literally() -> None:
    data = example_data("new-draft.yaml")
    data["doc_number"] = {"prefix": "吉<b>&amp;{{1+1}}", "year": 2024, "serial": 15}
    text = replygen.render_text(validate(data))
    assert "吉<b>&amp;{{1+1}}〔2024〕15号" in text


# --- user templates run in the sandbox ------------------------------------------------

HOSTILE_TEMPLATES = {
    "python-internals": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "不允许的操作"),
    "absolute-include": ("{% include '/etc/passwd' %}", "找不到模板"),
    "parent-include": ("{% include '../secret.j2' %}", "含“..”（上一级目录）"),
    "syntax-error": ("{% extends 'builtin/reply.j2' %}{% block title %}{{ x", "模板语法错误"),
    "undefined": ("{{ nothing.here }}", "未定义"),
    "runtime-error": ("{{ 1 / 0 }}", "模板运行出错"),
    "endless-recursion": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "模板运行出错"),
    "memory-bomb-string": ("{{ 'x' * 10000000000 }}", "超过 10,000,000 个字符的上限"),
    "memory-bomb-list": ("{{ ([1] * 100000) * 100000 }}", "超过 10,000,000 个字符的上限"),
    "memory-bomb-power": ("{{ 9 ** 999999999 }}", "指数过大"),
}


@pytest.fixture
def draft() -> replygen.Reply:
    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    assert isinstance(doc, replygen.Reply)
    return doc


@pytest.mark.parametrize("case", sorted(HOSTILE_TEMPLATES))
def test_user_templates_cannot_escape(case: str, draft: replygen.Reply, tmp_path: Path) -> None:
    source, message = HOSTILE_TEMPLATES[case]
    (tmp_path / "secret.j2").write_text("<p>机密内容</p>", encoding="utf-8")
    templates = tmp_path / "office"
    templates.mkdir()
    (templates / "reply.j2").write_text(source, encoding="utf-8")
    with pytest.raises(replygen.TemplateError) as caught:
        replygen.render_text(draft, template_dir=templates)
    assert message in str(caught.value)
    assert "root:" not in str(caught.value) and "机密内容" not in str(caught.value)


def test_missing_template_dir_is_a_template_error(draft: replygen.Reply, tmp_path: Path) -> None:
    with pytest.raises(replygen.TemplateError, match="模板目录不存在"):
        replygen.render_text(draft, template_dir=tmp_path / "nowhere")


def test_a_file_given_as_the_template_dir_is_named_as_a_file(draft: replygen.Reply, tmp_path: Path) -> None:
    (tmp_path / "reply.j2").write_text("<p>正文</p>", encoding="utf-8")
    with pytest.raises(replygen.TemplateError, match="--template-dir 应是模板所在的目录，而“.*reply.j2”是文件"):
        replygen.render_text(draft, template_dir=tmp_path / "reply.j2")


def run_cli(*args: str | os.PathLike[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "replygen", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, cwd=cwd,
    )


def test_cli_reports_a_hostile_template_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "reply.j2").write_text(HOSTILE_TEMPLATES["python-internals"][0], encoding="utf-8")
    target = tmp_path / "out.txt"
    result = run_cli("render", EXAMPLES / "new-draft.yaml", "--template-dir", tmp_path, "-o", target)
    assert result.returncode == 1
    assert "不允许的操作" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


# --- files in and out -----------------------------------------------------------------


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda d: d / "不存在 的 草稿.yaml", "文件不存在"),
        (lambda d: d, "这是一个目录"),
    ],
    ids=["missing-file", "directory"],
)
def test_unreadable_input_paths(make: Any, message: str, tmp_path: Path) -> None:
    path = make(tmp_path)
    with pytest.raises(replygen.DecodeError, match=message):
        replygen.load(path)
    result = run_cli("render", path, "-o", tmp_path / "out.txt")
    assert result.returncode == 1
    assert message in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_unusual_characters_in_paths(tmp_path: Path) -> None:
    folder = tmp_path / "答复 (2024) #1 & 'x'"
    folder.mkdir()
    source = folder / "王秀兰 代表-建议;答复.yaml"
    source.write_bytes((EXAMPLES / "new-draft.yaml").read_bytes())
    result = run_cli("render", source, "-o", folder / "输出 文件.txt")
    assert result.returncode == 0, result.stderr
    assert "王秀兰代表" in (folder / "输出 文件.txt").read_text(encoding="utf-8")


def test_missing_output_directory_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    result = run_cli("render", EXAMPLES / "new-draft.yaml", "-o", missing / "out.txt")
    assert result.returncode == 1
    assert "输出目录不存在" in result.stderr and str(missing) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()


def test_read_only_output_directory_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated, so the test also holds where the tests run with administrator rights.
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    with pytest.raises(replygen.OutputError) as caught:
        output.atomic_write(tmp_path / "out.txt", b"x")
    assert str(tmp_path) in str(caught.value) and "无法在输出目录中写文件" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="administrators can write anywhere")
@pytest.mark.parametrize("command", ["render", "batch"])
def test_read_only_output_directory_through_cli(command: str, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if command == "render":
            result = run_cli("render", EXAMPLES / "new-draft.yaml", "-o", locked / "out.txt")
        else:
            result = run_cli("batch", EXAMPLES / "new-draft.yaml", "-o", locked / "out")
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert str(locked) in result.stderr and "Traceback" not in result.stderr
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError(28, "No space left on device")], ids=["interrupt", "disk-full"])
@pytest.mark.parametrize("existing", [False, True], ids=["new", "replacing"])
def test_failure_mid_write_leaves_no_partial_file(
    failure: BaseException | type[BaseException], existing: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    if existing:
        target.write_bytes(b"old version")

    def fail(fd: int) -> None:
        raise failure

    # fsync runs after the bytes are written and before the rename: the worst moment.
    monkeypatch.setattr(output.os, "fsync", fail)
    expected = KeyboardInterrupt if failure is KeyboardInterrupt else replygen.OutputError
    with pytest.raises(expected) as caught:
        output.atomic_write(target, b"new version " * 10_000)
    if expected is replygen.OutputError:
        # The system's English reason is said in Chinese.
        assert str(caught.value).endswith("写入失败：磁盘已满"), str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == (["out.txt"] if existing else [])
    if existing:
        assert target.read_bytes() == b"old version"


def test_no_overwrite_keeps_the_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with pytest.raises(replygen.OutputError, match="--force"):
        output.atomic_write(target, b"new", overwrite=False)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_cli_interrupted_during_render_exits_130_without_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> str:
        raise KeyboardInterrupt

    import replygen.render

    monkeypatch.setattr(replygen.render, "render_blocks", interrupted)  # the templates' stage
    code = cli.main(["render", str(EXAMPLES / "new-draft.yaml"), "-o", str(tmp_path / "out.txt")])
    assert code == 130
    err = capsys.readouterr().err
    assert "已中断" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_cli_interrupted_during_write_exits_130_without_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    code = cli.main(["render", str(EXAMPLES / "new-draft.yaml"), "-o", str(tmp_path / "out.txt")])
    assert code == 130
    assert "已中断" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_template_file_not_in_utf8(draft: replygen.Reply, tmp_path: Path) -> None:
    (tmp_path / "reply.j2").write_bytes("{{ 标题 }}".encode("gb18030"))
    with pytest.raises(replygen.TemplateError, match="不是 UTF-8"):
        replygen.render_text(draft, template_dir=tmp_path)


def test_nul_in_path_is_an_input_error() -> None:
    with pytest.raises(replygen.DecodeError, match="不允许的字符"):
        replygen.load("草稿\x00.yaml")


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import replygen.loader as load_module

    monkeypatch.setattr(load_module, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text("issuer: " + "甲" * 1000 + "\n", encoding="utf-8")
    with pytest.raises(replygen.DecodeError, match="不像是一份草稿"):
        replygen.load(big)


def test_output_never_replaces_the_input_draft(tmp_path: Path) -> None:
    draft_file = tmp_path / "draft.txt"
    original = (EXAMPLES / "new-draft.yaml").read_bytes()
    draft_file.write_bytes(original)
    result = run_cli("render", draft_file, "-o", draft_file)
    assert result.returncode == 1
    assert "输出文件就是本命令的输入文件，写入会覆盖输入" in result.stderr and "Traceback" not in result.stderr
    assert draft_file.read_bytes() == original


@pytest.mark.parametrize("command", ["status", "status-rules", "new-from-proposal"])
def test_no_command_writes_over_what_it_read(command: str, tmp_path: Path) -> None:
    draft = tmp_path / "316.yaml"
    draft.write_bytes((EXAMPLES / "new-draft.yaml").read_bytes())
    rules = tmp_path / "rules.yaml"
    rules.write_text("months:\n  主办: 3\n", encoding="utf-8")
    proposal = tmp_path / "proposal.txt"
    proposal.write_text("关于发展庭院经济的提案\n案由：关于发展庭院经济的提案\n建议：\n一是加大扶持。\n", encoding="utf-8")
    victim, args = {
        "status": (draft, ["status", tmp_path, "--format", "csv", "-o", draft]),
        "status-rules": (rules, ["status", tmp_path, "--rules", rules, "--format", "csv", "-o", rules]),
        "new-from-proposal": (proposal, ["new", "--from-proposal", proposal, "--force", "-o", proposal]),
    }[command]
    before = victim.read_bytes()
    result = run_cli(*args)
    assert result.returncode == 1, result.stderr
    assert "输出文件就是本命令的输入文件" in result.stderr and "Traceback" not in result.stderr
    assert victim.read_bytes() == before


LONG = "长" * 200  # 600 bytes: longer than any file system allows for one name


@pytest.mark.parametrize(
    "args, message",
    [
        (["render", "{draft}", "-o", f"{LONG}/", "--format", "text"], "无法创建输出目录：文件名或路径过长"),
        (["render", "{draft}", "-o", f"{LONG}.txt"], "文件名或路径过长"),
        (["batch", "{draft}", "-o", LONG], "无法创建输出目录：文件名或路径过长"),
        (["batch", LONG, "-o", "out"], "没有找到"),
        (["status", LONG], "没有找到"),
        (["render", "{draft}", "--template-dir", LONG, "--format", "text"], "模板目录不存在"),
        (["preview", "{draft}", "-o", LONG], "无法创建输出目录：文件名或路径过长"),
        (["intake", "--template", "-o", f"{LONG}/x.xlsx"], "输出目录不存在"),
        (["schema", "-o", LONG], "无法创建输出目录：文件名或路径过长"),
    ],
    ids=["render-folder", "render-file", "batch-out", "batch-in", "status", "template-dir", "preview", "intake", "schema"],
)
def test_a_name_too_long_is_a_message_not_a_traceback(args: list[str], message: str, tmp_path: Path) -> None:
    draft = tmp_path / "316.yaml"
    draft.write_bytes((EXAMPLES / "new-draft.yaml").read_bytes())
    result = run_cli(*(a.format(draft=draft) for a in args), cwd=tmp_path)
    assert result.returncode in (1, 2), result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["316.yaml"]


@pytest.mark.parametrize("kind", ["file", "fifo"])
def test_schema_into_a_file_names_it(kind: str, tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.write_bytes(b"kept")
    result = run_cli("schema", "-o", target)
    assert result.returncode == 1
    assert "无法创建输出目录" in result.stderr and "Traceback" not in result.stderr
    assert kind == "fifo" or target.read_bytes() == b"kept"


def test_terminal_that_cannot_show_a_character_gets_advice_not_mojibake(tmp_path: Path) -> None:
    source = tmp_path / "emoji.yaml"
    source.write_text(
        (EXAMPLES / "new-draft.yaml").read_text(encoding="utf-8").replace("王秀兰", "王秀兰😀"), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "gbk"}
    result = subprocess.run(
        [sys.executable, "-m", "replygen", "render", str(source), "--format", "text"], capture_output=True, env=env, timeout=60
    )
    stderr = result.stderr.decode("gbk", errors="replace")
    assert result.returncode == 1
    assert "-o" in stderr and "U+1F600" in stderr and "Traceback" not in stderr
    assert result.stdout == b""


def test_reader_closing_the_pipe_is_not_a_traceback() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    many = [str(EXAMPLES / "reply-001-kjt-2023-71.yaml")] * 100
    process = subprocess.Popen(
        [sys.executable, "-m", "replygen", "render", "--format", "text", *many], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", errors="replace")
    process.stderr.close()
    assert process.wait(timeout=60) == 141
    assert "Traceback" not in stderr


def test_cli_names_an_unwritable_output_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    code = cli.main(["render", str(EXAMPLES / "new-draft.yaml"), "-o", str(tmp_path / "out.txt")])
    err = capsys.readouterr().err
    assert code == 1
    assert str(tmp_path) in err and "无法在输出目录中写文件" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
