"""The error hierarchy: every message says where, in Chinese, without a traceback's help."""

from __future__ import annotations

import errno

import pytest

from replygen.errors import (
    DecodeError,
    DraftValidationError,
    InputError,
    OutputError,
    Problem,
    ReplygenError,
    TemplateError,
    YamlSyntaxError,
    os_reason,
)


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("缺少字段", "a.yaml", 3, 5, "proposal.title"), "a.yaml:3:5 proposal.title: 缺少字段"),
        (Problem("缺少字段", "a.yaml", 3), "a.yaml:3: 缺少字段"),
        (Problem("文件为空", "a.yaml"), "a.yaml: 文件为空"),
        (Problem("缺少字段", field="issuer"), "issuer: 缺少字段"),  # a model built in code
        (Problem("缺少字段", line=2), "<输入>:2: 缺少字段"),
        (Problem("无从定位"), "无从定位"),
    ],
)
def test_a_problem_says_file_line_column_and_field(problem: Problem, text: str) -> None:
    assert str(problem) == text


def test_an_input_error_lists_every_problem() -> None:
    error = DraftValidationError([Problem("甲", "a.yaml", 1), Problem("乙", "a.yaml", 2)])
    assert str(error) == "a.yaml:1: 甲\na.yaml:2: 乙"
    assert len(DecodeError(Problem("丙")).problems) == 1


def test_the_hierarchy_lets_callers_catch_one_root() -> None:
    for kind in (DecodeError, YamlSyntaxError, DraftValidationError):
        assert issubclass(kind, InputError) and issubclass(kind, ValueError)
    for kind in (InputError, TemplateError, OutputError):
        assert issubclass(kind, ReplygenError)
    assert issubclass(OutputError, OSError)


def test_template_and_output_errors_name_where() -> None:
    assert str(TemplateError("未定义的变量", "reply.j2", 12)) == "reply.j2:12: 未定义的变量"
    assert str(TemplateError("找不到模板")) == "<模板>: 找不到模板"
    error = OutputError("没有权限", "out/a.docx")
    assert str(error) == "out/a.docx: 没有权限" and error.path is not None and error.path.name == "a.docx"
    assert str(OutputError("磁盘已满")) == "磁盘已满"


def test_os_reasons_are_said_in_chinese() -> None:
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
    assert os_reason(OSError(errno.ECONNRESET, "reset")) == "系统错误（ECONNRESET）"
