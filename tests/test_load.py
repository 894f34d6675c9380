"""Loading: every problem names file, line, column and field, in Chinese, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

import replygen
from replygen.errors import DecodeError, DraftValidationError, Problem, YamlSyntaxError

GOOD = """\
issuer: 吉林省科学技术厅
doc_number: 吉科发人才〔2023〕71号
proposal:
  meeting: 省政协十三届一次会议
  number: 2023D7
  title: 关于促进孵化器发展的建议
proposer:
  name: 民建省委会
  type: organisation
sections:
  - topic: 政府引导
    paragraphs:
      - 第一段。
"""


def problems(text: str, name: str = "reply.yaml") -> list[Problem]:
    with pytest.raises(replygen.InputError) as caught:
        replygen.loads(text, name)
    return caught.value.problems


def test_good_draft_loads_into_the_model() -> None:
    doc = replygen.loads(GOOD, "reply.yaml")
    assert isinstance(doc, replygen.Reply)
    assert (doc.doc_number.prefix, doc.doc_number.year, doc.doc_number.serial) == ("吉科发人才", 2023, 71)
    assert doc.proposal.number == "2023D7"
    assert doc.proposer.name == ["民建省委会"]


def test_missing_required_field_points_at_its_parent() -> None:
    [problem] = problems(GOOD.replace("  title: 关于促进孵化器发展的建议\n", ""))
    assert (problem.file, problem.line, problem.column) == ("reply.yaml", 3, 1)
    assert problem.field == "proposal.title"
    assert "缺少必填字段“title”" in problem.message
    assert str(problem) == "reply.yaml:3:1 proposal.title: 缺少必填字段“title”"


def test_wrong_type_names_the_field() -> None:
    [problem] = problems(GOOD.replace("      - 第一段。", "      first: 一段"))
    assert problem.field == "sections[0].paragraphs"
    assert problem.line == 12
    assert "应为列表" in problem.message


def test_mapping_where_text_belongs() -> None:
    [problem] = problems(GOOD.replace("issuer: 吉林省科学技术厅", "issuer:\n  name: 吉林省科学技术厅"))
    assert problem.field == "issuer"
    assert problem.message == "应为文字"


def test_unknown_field_suggests_the_near_miss() -> None:
    [problem] = problems(GOOD.replace("    paragraphs:", "    paragrafs:").replace("      - 第一段。", "      - x"))
    assert problem.field == "sections[0].paragrafs"
    assert problem.line == 12
    assert "未知字段“paragrafs”" in problem.message and "paragraphs" in problem.message


def test_duplicate_key_is_an_error_not_a_silent_loss() -> None:
    text = GOOD + "  - topic: 第二\n    topic: 第三\n"
    [problem] = problems(text)
    assert (problem.line, problem.column, problem.field) == (15, 5, "sections[1].topic")
    assert "重复出现（第 14 行已有一个）" in problem.message


def test_all_problems_of_a_file_are_reported_at_once() -> None:
    text = GOOD.replace("  number: 2023D7\n", "").replace("      - 第一段。", "      - 一、第一段。") + "clossing: x\n"
    found = problems(text)
    assert [(p.line, p.field) for p in found] == [
        (3, "proposal.number"),
        (12, "sections[0].paragraphs[0]"),
        (13, "clossing"),
    ]
    assert "序号“一、”由模板自动生成" in found[1].message
    assert "closing" in found[2].message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("topic: 一、政府引导", "序号“一、”"),
        ("topic: （一）政府引导", "序号“（一）”"),
        ("topic: 1.政府引导", "序号“1.”"),
        ("heading: 第三条 资金", "序号“第三条”"),
        ("topic: 关于“政府引导”的建议", "由模板生成"),
        ("topic: 甲\n    restatement: 《建议》提出，应当如此。", "不要以“《建议》提出，”开头"),
        ("topic: 甲\n    next_steps: 下一步，继续。", "不要以“下一步，”开头"),
        ("topic: 甲\n    heading: 乙", "二者之一"),
    ],
)
def test_typed_numbers_and_formulas_are_refused(text: str, fragment: str) -> None:
    found = problems(GOOD.replace("topic: 政府引导", text))
    assert any(fragment in p.message and p.field.startswith("sections[0]") for p in found), found


@pytest.mark.parametrize("topic", ["一、政府引导", "关于“政府引导”的建议"])
def test_a_topic_problem_points_at_the_topic_not_its_section(topic: str) -> None:
    [problem] = problems(GOOD.replace("topic: 政府引导", f"topic: {topic}"))
    assert (problem.line, problem.column, problem.field) == (11, 5, "sections[0].topic")


def test_decimals_and_years_are_not_mistaken_for_numbering() -> None:
    doc = replygen.loads(GOOD.replace("第一段。", "2.5亿元已到位。").replace("topic: 政府引导", "topic: 2023年重点"))
    assert doc.sections[0].paragraphs == ["2.5亿元已到位。"]


def test_wrapped_paragraph_is_joined_without_spaces_between_chinese() -> None:
    text = GOOD.replace("      - 第一段。", "      - |\n        第一段的前半，\n        后半。\n        Open\n        Data。")
    doc = replygen.loads(text)
    assert doc.sections[0].paragraphs == ["第一段的前半，后半。Open Data。"]


@pytest.mark.parametrize("brk", ["\\r", "\\r\\n", "\\u2028", "\\u2029", "\\x85"])
def test_every_spelling_of_a_line_break_joins_the_paragraph(brk: str) -> None:
    # A lone CR (old Mac files, a YAML "\r") would otherwise reach the letter as a raw break.
    doc = replygen.loads(GOOD.replace("第一段。", f'"第一段的前半，{brk}后半。"'))
    assert doc.sections[0].paragraphs == ["第一段的前半，后半。"]


def test_control_characters_are_refused_with_position() -> None:
    [problem] = problems(GOOD.replace("第一段。", '"第一\\x00段。"'))
    assert problem.field == "sections[0].paragraphs[0]"
    assert "第 3 个字符是控制字符 U+0000" in problem.message


def test_bad_doc_number_and_date() -> None:
    found = problems(GOOD.replace("吉科发人才〔2023〕71号", "吉科发人才2023年71号") + "signature:\n  date: 2023-02-30\n")
    assert [p.field for p in found] == ["doc_number", "signature.date"]
    assert "机关代字〔年份〕序号号" in found[0].message
    assert "日期不存在" in found[1].message


def test_chinese_type_names_and_dates() -> None:
    doc = replygen.loads(GOOD.replace("type: organisation", "type: 代表") + "signature:\n  date: 2023年5月17日\n")
    assert doc.proposer.type == "deputy"
    assert str(doc.signature.date) == "2023-05-17"


@pytest.mark.parametrize(
    ("text", "cls", "fragment"),
    [
        ("", YamlSyntaxError, "文件是空的"),
        ("- a\n- b\n", YamlSyntaxError, "最外层"),
        ("issuer: x\n\tproposal: y\n", YamlSyntaxError, "制表符"),
        ('issuer: "未闭合\nproposal: x\n', YamlSyntaxError, "引号"),
        ("a: !!python/object/apply:os.system [ls]\n", DraftValidationError, "不允许使用 YAML 标签"),
        ("kind: letter\nissuer: x\n", DraftValidationError, "reply"),
    ],
)
def test_yaml_level_errors(text: str, cls: type, fragment: str) -> None:
    with pytest.raises(cls) as caught:
        replygen.loads(text, "reply.yaml")
    assert fragment in str(caught.value)
    assert str(caught.value).startswith("reply.yaml")


def test_alias_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 9)]
    with pytest.raises(YamlSyntaxError) as caught:
        replygen.loads("\n".join(lines) + "\n", "bomb.yaml")
    assert "十亿笑" in str(caught.value)


def test_reasonable_aliases_still_work() -> None:
    text = GOOD.replace("      - 第一段。", "      - &p 第一段。\n      - *p")
    assert replygen.loads(text).sections[0].paragraphs == ["第一段。", "第一段。"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_windows_editors_use(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "reply.yaml"
    path.write_bytes(GOOD.encode(encoding))
    assert replygen.load(path).proposer.name == ["民建省委会"]


def test_undecodable_bytes_are_refused_naming_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "reply.yaml"
    path.write_bytes("issuer: ".encode() + "Grüße über Köln".encode("latin-1") + b"\n")
    with pytest.raises(DecodeError) as caught:
        replygen.load(path)
    assert "不是 UTF-8 编码" in str(caught.value) and "GBK/GB18030" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DecodeError) as caught:
        replygen.load(tmp_path / "nope.yaml")
    assert "文件不存在" in str(caught.value)


@pytest.mark.parametrize("path", sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_libyaml_and_pure_python_parsers_agree(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast parser must give the data, every field's line/column and every value's mark
    (line, column, quoting) that the pure one gives."""
    from replygen import loader

    text = path.read_text(encoding="utf-8")
    if loader._FAST_LOADER is None:
        pytest.skip("PyYAML was built without libyaml here")
    fast = loader.parse_yaml_marked(text)
    monkeypatch.setattr(loader, "_FAST_LOADER", None)
    pure = loader.parse_yaml_marked(text)
    assert fast == pure
    assert len(fast[1]) > 20 and len(fast[2]) > 20
