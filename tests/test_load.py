"""Loading: every problem names file, line, column and field, in Chinese, all at once."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import replygen
from replygen.lint import lint_file
from replygen.loader import parse_yaml
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


@pytest.mark.parametrize("style", ["", ">", ">-", "'", '"'])
def test_wrapped_paragraph_is_joined_without_spaces_between_chinese(style: str) -> None:
    # YAML folds each wrapped line into a space, which between Chinese characters is stray.
    close = style if style in {"'", '"'} else ""
    lead = f"{style}\n        " if style.startswith(">") else style
    text = GOOD.replace("      - 第一段。", f"      - {lead}第一段的前半，\n        后半。\n        Open\n        Data。{close}")
    doc = replygen.loads(text)
    assert doc.sections[0].paragraphs == ["第一段的前半，后半。Open Data。"]


def test_a_typed_space_between_chinese_characters_is_kept() -> None:
    text = GOOD.replace("      - 第一段。", "      - 第一 段，\n        后半。")
    assert replygen.loads(text).sections[0].paragraphs == ["第一 段，后半。"]


@pytest.mark.parametrize("block", ["|\n        第一段。\n        第二段。", ">\n        第一段。\n\n        第二段。", "第一段。\n\n      第二段。"])
def test_paragraph_breaks_in_a_paragraph_field_make_paragraphs(block: str) -> None:
    text = GOOD.replace("    paragraphs:\n      - 第一段。", f"    paragraphs: {block}")
    assert replygen.loads(text).sections[0].paragraphs == ["第一段。", "第二段。"]


@pytest.mark.parametrize("brk", ["\\n", "\\r", "\\r\\n", "\\u2028", "\\u2029", "\\x85"])
def test_every_spelling_of_a_line_break_is_a_paragraph_break(brk: str) -> None:
    # One list item is one paragraph: a break inside it is refused, never silently joined.
    [problem] = problems(GOOD.replace("第一段。", f'"第一段的前半，{brk}后半。"'))
    assert (problem.field, problem.line) == ("sections[0].paragraphs[0]", 13)
    assert "列表的每一项只能是一段，这一项分成了 2 段" in problem.message
    # Where a string stands for the paragraphs, each becomes one.
    text = GOOD.replace("    paragraphs:\n      - 第一段。", f'    paragraphs: "第一段的前半，{brk}后半。"')
    assert replygen.loads(text).sections[0].paragraphs == ["第一段的前半，", "后半。"]


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


@pytest.mark.parametrize("repeats", [10_000, 10_001])
def test_aliases_may_add_exactly_ten_thousand_nodes(repeats: int) -> None:
    # Short enough that the text limit is not what stops it: only the count of nodes.
    text = GOOD + "cc: [&u 甲, " + ", ".join(["*u"] * (repeats - 1)) + "]\n"
    text += "result_class: &k A\ncontact: {person: *k}\n"  # one more expansion: the 10 000th or 10 001st
    if repeats == 10_000:
        assert len(replygen.loads(text).cc) == repeats
    else:
        with pytest.raises(YamlSyntaxError, match="十亿笑"):
            replygen.loads(text)


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
    fast = loader.check_text(text, marks=True)[1:]
    monkeypatch.setattr(loader, "_FAST_LOADER", None)
    pure = loader.check_text(text, marks=True)[1:]
    assert fast == pure
    assert len(fast[1]) > 20 and len(fast[2]) > 20 and fast[3] == []


# Broken YAML reaching each kind of message PyYAML's scanner, parser and composer can give.
BROKEN_YAML = [
    "a: [x, y",
    "a: {x: 1, y",
    "a: {x: 1 y: 2}",
    "a: [x, y}",
    "a:\n  - x\n b: y",
    "a: x\n  b: y",
    "a: 'open",
    'a: "\\q"',
    'a: "\\xZZ"',
    "a: |9x\n  b",
    "a: |0\n  b",
    "a: !<%FF> x",
    "a: !%ZZ x",
    "a: !x!y z",
    "a: !<x y",
    "a: &",
    "a: *",
    "a: @x",
    "a: `x",
    "%YAML 2.0\n---\na: b",
    "%YAML 1.1\n%YAML 1.1\n---\na: b",
    "%TAG !x! tag:a\n%TAG !x! tag:b\n---\na: b",
    "%FOO\n---\na: b",
    "%YAML x\n---\na: b",
    "a: b\n---\nc: d",
    "a: *nothing",
    "a: &x 1\nb: &x 2",
    "? a\n? b\n: c\n  d: e\n - f",
    "- a\nb: c",
    "a: b: c",
    "a:\n\t- b",
    "a: - b",
    "[a, b]: c\n- d",
    "a: \"x\n---\ny\"",
    "a: b\n...\nc",
    "key " + "x" * 1100 + ": v",
    "a: !!python/name:os.system x",
    "{a: 1,, b: 2}",
    "a: [b, : c]",
    "? - a\n",
]
# Words of PyYAML's English messages; none may reach a clerk.
ENGLISH = re.compile(r"while|expected|found|scanning|parsing|composing|could not|allowed|token|document|character|stream|indicator", re.I)


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_every_yaml_problem_is_said_in_chinese(text: str) -> None:
    found = problems(text)
    for problem in found:
        assert not ENGLISH.search(problem.message), problem.message
        assert re.search("[\u4e00-\u9fff]", problem.message)
    assert found[0].line is not None


def test_aliases_are_bounded_by_the_text_they_expand_to() -> None:
    text = GOOD + 'preamble: &p "' + "长" * 5_000 + '"\ncc: [' + ", ".join(["*p"] * 30) + "]\n"
    [problem] = problems(text)
    assert "超过 100,000 个字符" in problem.message
    assert (problem.line, problem.field) == (15, "cc[20]")  # the 21st repeat passes 100 000
    # A few short repeats stay allowed.
    doc = replygen.loads(GOOD + "cc: [&u 省财政厅, *u]\n")
    assert doc.cc == ["省财政厅", "省财政厅"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_by_name_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "draft.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DecodeError) as caught:
        replygen.load(fifo)
    assert "命名管道" in caught.value.problems[0].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_by_name_before_reading() -> None:
    with pytest.raises(DecodeError) as caught:
        replygen.load("/dev/zero")
    assert "这是一个设备" in caught.value.problems[0].message


def test_a_file_larger_than_its_size_says_is_read_only_to_the_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from replygen import loader

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1_000)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 5_000)
    with pytest.raises(DecodeError) as caught:
        replygen.load(path)
    assert "不像是一份草稿" in caught.value.problems[0].message


@pytest.mark.parametrize("extra", [0, 1])
def test_the_file_size_limit_is_exact(extra: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from replygen import loader

    text = GOOD.encode("utf-8")
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", len(text))
    path = tmp_path / "reply.yaml"
    path.write_bytes(text + b" " * extra)
    if extra:
        with pytest.raises(DecodeError, match="不像是一份草稿"):
            replygen.load(path)
    else:
        assert replygen.load(path).proposer.name == ["民建省委会"]


@pytest.mark.parametrize("suffix", [".txt", ".yaml"])
def test_an_old_letter_points_to_import(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"旧答复{suffix}"
    path.write_text(
        "关于省政协十三届一次会议第2023D7号提案的答复\n\n民建省委会：\n"
        "    贵单位提出的《关于促进孵化器发展的建议》收悉，现答复如下：\n    一、关于政府引导\n    我厅设立孵化器专项资金。\n",
        encoding="utf-8",
    )
    [problem] = problems_of_file(path)
    assert "不是 YAML 草稿" in problem.message
    draft = "旧答复-草稿.yaml" if suffix == ".yaml" else "旧答复.yaml"  # never over the letter
    assert f"replygen import {path} -o {path.with_name(draft)}" in problem.message
    [finding] = lint_file(path)  # check says the same
    assert (finding.rule, finding.message) == ("RG001", problem.message)


def test_a_draft_with_a_syntax_error_keeps_its_yaml_message(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(GOOD.replace("  meeting: 省政协十三届一次会议", "  meeting: [省政协十三届一次会议"), encoding="utf-8")
    [problem] = problems_of_file(path)
    assert "方括号" in problem.message


def problems_of_file(path: Path) -> list[Problem]:
    with pytest.raises(replygen.InputError) as caught:
        replygen.load(path)
    return caught.value.problems


@pytest.mark.parametrize(
    ("value", "message"),
    [("0x7E7", "应为整数"), ("2_023", "应为整数"), ("2023.0", "应为整数"), ("1:30", "应为整数"), ("02023", "请写成“2023”"), ("true", "应为整数")],
)
def test_integer_fields_take_only_plain_decimal_digits(value: str, message: str) -> None:
    text = GOOD.replace("doc_number: 吉科发人才〔2023〕71号", f"doc_number:\n  prefix: 吉科发人才\n  year: {value}\n  serial: 71")
    [problem] = problems(text)
    assert problem.field == "doc_number.year" and message in problem.message


@pytest.mark.parametrize("value", ["yes", "on", "1", "是", "y"])
def test_flags_take_only_true_or_false(value: str) -> None:
    [problem] = problems(GOOD + f"signature:\n  date: 2023-05-17\n  seal: {value}\n")
    assert problem.field == "signature.seal" and "只能写 true（是）或 false（否）" in problem.message
    assert replygen.loads(GOOD + "signature:\n  date: 2023-05-17\n  seal: true\n").signature.seal is True


@pytest.mark.parametrize("value", ["0", "20230517", "1684281600", "2023-05-17T10:00:00", "17/05/2023"])
def test_a_date_is_never_a_number(value: str) -> None:
    [problem] = problems(GOOD + f"signature:\n  date: {value}\n")
    assert problem.field == "signature.date" and "日期格式不对" in problem.message


@pytest.mark.parametrize("value", ["2023-05-17", "2023-5-17", "2023年5月17日", "2023.5.17"])
def test_a_date_in_any_usual_spelling(value: str) -> None:
    assert str(replygen.loads(GOOD + f"signature:\n  date: {value}\n").signature.date) == "2023-05-17"


def test_an_empty_required_text_says_it_is_empty() -> None:
    [problem] = problems(GOOD.replace("issuer: 吉林省科学技术厅", "issuer:"))
    assert problem.field == "issuer" and "没有填写内容" in problem.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("'它''s 第一\n        第二'", "它's 第一第二"),  # single quotes, read line by line
        ('"第一\\t甲\n        第二"', "第一\t甲第二"),  # an escape: re-scanned by YAML
        ('"第一\\\n        第二"', "第一第二"),  # an escaped line break joins as YAML says
        (">+ # 注释\n        第一\n        第二\n", "第一第二"),  # header with chomping and a comment
        (">\n        第一\n          缩进\n        第二", "第一\n  缩进\n第二\n"),  # more-indented: YAML keeps the breaks
    ],
)
def test_every_way_of_wrapping_a_line_is_read_as_yaml_does_less_the_spaces(value: str, expected: str) -> None:
    data, _ = parse_yaml(f"a:\n  - {value}\n")
    assert data["a"] == [expected]


def test_a_gbk_draft_with_a_few_rare_characters_still_loads() -> None:
    from replygen.loader import decode

    text = GOOD.replace("民建省委会", "王堃、李喆")  # two characters outside GB 2312 level 1
    assert decode(text.encode("gbk")) == text
    korean = GOOD.replace("民建省委会", "서울특별시 산업국 중소기업 지원 담당")
    with pytest.raises(DecodeError):
        decode(korean.encode("euc_kr", errors="ignore"))


def test_is_style_file_tells_a_style_file_from_a_draft(tmp_path: Path) -> None:
    from replygen.loader import is_style_file

    county = Path(__file__).resolve().parents[1] / "examples" / "county"
    assert is_style_file(county / "office-style.yaml")
    assert not is_style_file(county / "reply-012.yaml")  # a draft's own fields are no style's
    (tmp_path / "empty.yaml").write_text("# 只有注释\n", encoding="utf-8")
    (tmp_path / "nothing.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("closing: [\n", encoding="utf-8")
    for name in ("empty.yaml", "nothing.yaml", "broken.yaml", "missing.yaml"):
        assert not is_style_file(tmp_path / name), name
