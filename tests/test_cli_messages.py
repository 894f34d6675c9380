"""argparse's own words reach a clerk in Chinese: headings, help lines and every usage error."""

from __future__ import annotations

import argparse
import inspect
import re

import pytest

from replygen.cli import _ARGPARSE_CHINESE, _Parser, main

COMMANDS = ["render", "batch", "new", "schema", "style", "check", "import", "intake", "status", "preview", "feedback"]

# argparse's English, as a clerk would have seen it.
BOILERPLATE = re.compile(
    r"usage|options|positional|optional arguments|show this help|show program|subcommands|"
    r"error:|required|invalid|unrecognized|expected|not allowed|ambiguous|ignored|argument|choose from",
    re.IGNORECASE,
)


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert not BOILERPLATE.search(err), err
    assert "命令行有误：" in err and "查看用法" in err
    return err.splitlines()[-2]  # the line that says what is wrong


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["batch", "drafts"], "replygen batch: 命令行有误：缺少必须给出的参数：-o/--output"),
        (["render"], "replygen render: 命令行有误：缺少必须给出的参数：FILE"),
        (["check", "--format", "xml", "a.yaml"], "命令行有误：--format：不能写 'xml'，只能是 'text', 'json' 之一"),
        (["publish"], "replygen: 命令行有误：命令：不能写 'publish'，只能是 'render', 'batch', 'new', 'schema', 'style', 'check', 'import', 'intake', 'status', 'preview', 'feedback' 之一"),
        (["new", "--type", "boss"], "--type：提案人类型“boss”无法识别，可写 member、deputy、organisation 或中文"),
        (["render", "a.yaml", "--bogus"], "replygen: 命令行有误：无法识别的参数：--bogus"),
        (["render", "-o"], "replygen render: 命令行有误：-o/--output：后面需要跟一个值"),
        (["batch", "drafts", "-o", "out", "--jobs", "x"], "--jobs/-j：应为整数，而不是“x”"),
        (["render", "--f", "a.yaml"], "命令行有误：选项 --f 不完整，可能是 --format, --final，请写全"),
        (["render", "--final=yes", "a.yaml"], "命令行有误：--final：这个选项后面不能带值（写了 'yes'）"),
    ],
)
def test_each_usage_error_of_the_commands_is_chinese(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert usage_error(argv, capsys).endswith(expected)


def _demo_parser() -> _Parser:
    """Shapes the commands do not use yet, so each message of the table is shown once."""
    parser = _Parser(prog="demo")
    either = parser.add_mutually_exclusive_group(required=True)
    either.add_argument("--docx", action="store_true")
    either.add_argument("--text", action="store_true")
    parser.add_argument("--size", type=float)
    parser.add_argument("--pair", nargs=2)
    parser.add_argument("--many", nargs="+")
    return parser


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--docx", "--text"], "--text：不能与 --docx 同时使用"),
        ([], "参数 --docx --text 中必须给出一个"),
        (["--docx", "--size", "big"], "--size：'big' 不是有效的值"),
        (["--docx", "--pair", "a"], "--pair：后面需要跟 2 个值"),
        (["--docx", "--many"], "--many：后面至少需要跟一个值"),
    ],
)
def test_each_other_message_is_chinese(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    parser = _demo_parser()
    with pytest.raises(SystemExit) as caught:
        parser.parse_args(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：demo") and f"demo: 命令行有误：{expected}\n" in err
    assert not BOILERPLATE.search(err), err


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]], ids=lambda c: " ".join(c) or "replygen")
def test_help_of_every_command_has_no_english_boilerplate(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：replygen") and "选项" in out and "显示本帮助并退出" in out
    assert not BOILERPLATE.search(out), out
    # What English is left is the clerk's own vocabulary: options, metavariables, formats, names.
    words = set(re.findall(r"(?<![-\w{])[a-z]{2,}(?![\w}])", re.sub(r"--?[\w-]+|\S*\.\w+|'[^']*'", " ", out)))
    assert words <= {*COMMANDS, "replygen", "docx", "text", "json", "member", "deputy", "organisation", "schemas", "pdf", "body",
                     "table", "csv", "xlsx"}, words


def test_the_table_translates_argparses_own_messages() -> None:
    source = inspect.getsource(argparse)
    for english, chinese in _ARGPARSE_CHINESE.items():
        assert repr(english)[1:-1] in source or english in source, english  # a message argparse really has
        # The same positional placeholders, named ones it may leave out, no English words around them.
        assert re.findall(r"%[rs]", english) == re.findall(r"%[rs]", chinese), english
        assert set(re.findall(r"%\(\w+\)[rs]", chinese)) <= set(re.findall(r"%\(\w+\)[rs]", english)), english
        assert not re.search(r"[A-Za-z]{2,}", re.sub(r"%\(\w+\)[rs]", "", chinese)), chinese


def test_other_parsers_in_the_process_keep_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render"]) == 2
    capsys.readouterr()
    plain = argparse.ArgumentParser(prog="other")
    plain.add_argument("file")
    with pytest.raises(SystemExit):
        plain.parse_args([])
    assert "the following arguments are required: file" in capsys.readouterr().err
