"""Models built in Python fail like drafts read from a file: an InputError in Chinese, never pydantic's."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pydantic
import pytest

import replygen
from replygen.errors import DraftValidationError, InputError, Problem

PUBLIC_MODELS = sorted(
    (obj for name in replygen.__all__ if isinstance(obj := getattr(replygen, name), type) and issubclass(obj, pydantic.BaseModel)),
    key=lambda cls: cls.__name__,
)

# The ways a Python caller hands data to a model.
BUILDERS: dict[str, Callable[[type[pydantic.BaseModel], dict[str, Any]], Any]] = {
    "constructor": lambda cls, data: cls(**data),
    "model_validate": lambda cls, data: cls.model_validate(data),
    "model_validate_json": lambda cls, data: cls.model_validate_json(json.dumps(data, ensure_ascii=False)),
    "model_validate_strings": lambda cls, data: cls.model_validate_strings(data),
}

REPLY: dict[str, Any] = {
    "issuer": "吉林省科学技术厅",
    "proposal": {"meeting": "省政协十三届一次会议", "number": "2023D7", "title": "关于促进孵化器发展的建议"},
    "proposer": {"name": "民建省委会", "type": "organisation"},
    "sections": [{"topic": "政府引导", "paragraphs": ["第一段。"]}],
}

# Words of pydantic's English messages that must never reach a caller.
ENGLISH = re.compile(r"validation error|Field required|Extra inputs|Input should|Value error|Invalid JSON|errors\.pydantic")


def failure(build: Callable[[], Any]) -> DraftValidationError:
    with pytest.raises(DraftValidationError) as caught:
        build()
    error = caught.value
    assert not ENGLISH.search(str(error)), str(error)
    return error


def test_every_public_model_is_covered() -> None:
    # The models the README shows and the ones a Python caller can reach by name.
    names = {cls.__name__ for cls in PUBLIC_MODELS}
    assert {"Reply", "Opinion", "Proposal", "Proposer", "Section", "Item", "Closing", "Contact", "Printing", "Style"} <= names
    assert len(names) == 18


@pytest.mark.parametrize("how", BUILDERS)
@pytest.mark.parametrize("cls", PUBLIC_MODELS, ids=lambda cls: cls.__name__)
def test_unknown_field_is_a_chinese_input_error(cls: type[pydantic.BaseModel], how: str) -> None:
    error = failure(lambda: BUILDERS[how](cls, {"clossing": "x"}))
    [problem] = [p for p in error.problems if p.field == "clossing"]
    assert problem == Problem("未知字段“clossing”；是不是想写“closing”？", None, None, None, "clossing")
    assert str(problem) == "clossing: 未知字段“clossing”；是不是想写“closing”？"
    # Every other problem (the required fields left out) is Chinese too.
    assert all(re.search("[\u4e00-\u9fff]", p.message) for p in error.problems), error.problems


def test_a_field_of_another_level_is_told_where_it_goes() -> None:
    error = failure(lambda: replygen.Section(topic="政府引导", paragraphs=["…"], seal=True))
    assert [p.message for p in error.problems] == ["“seal”不能写在这一级，它应写在“signature”之下；请检查缩进"]
    # In a style, a draft's field is simply unknown, and never suggested as its own correction.
    error = failure(lambda: replygen.Style(issuer="吉林省科学技术厅"))
    assert "不能写在这一级" not in str(error) and "是不是想写“issuer”" not in str(error)


@pytest.mark.parametrize("how", ["constructor", "model_validate", "model_validate_json"])  # strings: flat data only
def test_a_nested_problem_names_its_field_path(how: str) -> None:
    data = {**REPLY, "sections": [{"topic": "一、政府引导"}, {"topic": "人才", "items": [{"text": "（1）第一"}]}]}
    error = failure(lambda: BUILDERS[how](replygen.Reply, data))
    assert [(p.field, p.message) for p in error.problems] == [
        ("sections[0].topic", "开头的序号“一、”由模板自动生成，请删去，只写正文"),
        ("sections[1].items[0].text", "开头的序号“（1）”由模板自动生成，请删去，只写正文"),
    ]
    assert all(p.file is None and p.line is None and p.column is None for p in error.problems)


def test_model_validate_gives_the_problems_the_loader_gives() -> None:
    data = {
        **REPLY,
        "proposal": {"meeting": "省政协十三届一次会议", "title": "关于促进孵化器发展的建议"},
        "proposer": {"name": "民建省委会", "type": "群众"},
        "sections": [{"topic": "关于“政府引导”的建议", "paragrafs": ["第一段。"]}],
        "signature": {"date": "2023年2月30日"},
    }
    from_code = failure(lambda: replygen.Reply.model_validate(data)).problems
    from_file = failure(lambda: replygen.loads(json.dumps(data, ensure_ascii=False), "reply.yaml")).problems
    assert len(from_code) == 5
    assert sorted((p.field, p.message) for p in from_code) == sorted((p.field, p.message) for p in from_file)
    assert all(p.file == "reply.yaml" and p.line for p in from_file)
    messages = {p.field: p.message for p in from_code}
    assert messages["proposal.number"] == "缺少必填字段“number”"
    assert messages["proposer.type"] == "只能填写以下之一：member、deputy、organisation"
    assert messages["sections[0].paragrafs"] == "未知字段“paragrafs”；是不是想写“paragraphs”？"
    assert "由模板生成" in messages["sections[0].topic"]
    assert "不存在" in messages["signature.date"]


def test_a_python_value_of_the_wrong_type_is_not_blamed_on_yaml() -> None:
    [from_code] = failure(lambda: replygen.Proposal(meeting="会议", number="1", title=2023)).problems
    assert from_code.field == "title" and "YAML" not in from_code.message and from_code.message.startswith("应为文字")
    # Written in a file, 2023 is the text the clerk typed: nothing to blame at all.
    text = "issuer: 厅\nproposal: {meeting: 会议, number: '1', title: 2023}\nproposer: {name: 甲, type: member}\n"
    assert replygen.loads(text, "reply.yaml").proposal.title == "2023"


def test_a_tuple_where_a_list_belongs_keeps_its_index() -> None:
    error = failure(lambda: replygen.Section(topic="人才", items=({"text": "第一"}, {"text": 5})))
    assert [p.field for p in error.problems] == ["items[1].text"]


def test_broken_json_and_cyclic_data_are_said_in_chinese() -> None:
    [broken] = failure(lambda: replygen.Section.model_validate_json('{"topic": ')).problems
    assert broken.message.startswith("不是有效的 JSON 文本")
    cyclic: dict[str, Any] = {"topic": "人才"}
    cyclic["items"] = [cyclic]
    assert any("循环引用" in p.message for p in failure(lambda: replygen.Section.model_validate(cyclic)).problems)


def test_the_error_is_an_input_error_and_a_value_error_but_not_pydantics() -> None:
    with pytest.raises(ValueError) as caught:
        replygen.Proposer(name="甲", type="群众")
    error = caught.value
    assert isinstance(error, InputError) and isinstance(error, replygen.ReplygenError)
    assert not isinstance(error, pydantic.ValidationError)
    # Raised from nothing: no English ValidationError chained into the traceback.
    assert error.__cause__ is None and error.__suppress_context__


def test_valid_models_build_as_before() -> None:
    reply = replygen.Reply(**{**REPLY, "proposer": replygen.Proposer(name="民建省委会", type="单位")})
    assert reply.proposer.type == "organisation"
    assert replygen.Reply.model_validate(REPLY).sections[0].topic == "政府引导"
    assert replygen.Reply.model_validate_json(json.dumps(REPLY)).proposal.number == "2023D7"
