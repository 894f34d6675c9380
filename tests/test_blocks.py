from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from replygen.blocks import _HEAD, Block, Run, block_texts, compile_tags, parse_blocks, stream_to_markup


def blocks_of(markup: str) -> list[Block]:
    return parse_blocks(compile_tags(markup))


def test_tags_become_blocks_with_roles_levels_and_leads() -> None:
    blocks = blocks_of('<title>标题</title>\n<h1>一、甲</h1><p level="2"><lead level="2">（一）引领。</lead>正文</p>')
    assert blocks == [
        Block("title", (Run("标题"),)),
        Block("h1", (Run("一、甲"),), 1),
        Block("p", (Run("（一）引领。", 2), Run("正文")), 2),
    ]
    assert blocks[2].text == "（一）引领。正文"


def test_text_between_tags_is_kept_exactly_and_entities_are_not_decoded() -> None:
    # Escaping is not needed: tags exist only in a template's own text, never in a field.
    assert blocks_of("<p> a &lt;b&gt;  </p>") == [Block("p", (Run(" a &lt;b&gt;  "),))]


def test_a_lead_in_the_middle_of_a_paragraph_splits_it_into_three_runs() -> None:
    [block] = blocks_of('<p>前<lead level="3">引</lead>后</p>')
    assert block.runs == (Run("前"), Run("引", 3), Run("后"))


def test_any_whitespace_between_blocks_is_layout() -> None:
    assert blocks_of("\u3000<p>a</p>\n\t \u3000<p>b</p>\u3000\n") == [Block("p", (Run("a"),)), Block("p", (Run("b"),))]


def test_an_empty_block_has_no_runs() -> None:
    assert blocks_of("<p></p>") == [Block("p", ())]


def test_stream_to_markup_writes_the_tags_back() -> None:
    markup = '<title>标题</title><p level="3"><lead level="3">1.引</lead>文</p>'
    assert stream_to_markup(compile_tags(markup)) == markup


def test_the_stream_marks_are_characters_the_model_refuses_in_text() -> None:
    from replygen.model import _FORBIDDEN_CHARS

    stream = compile_tags('<p level="3"><lead level="3">x</lead></p>')
    marks = {c for c in stream if not c.isalnum() and c not in 'x "'}
    assert marks and all(_FORBIDDEN_CHARS.fullmatch(c) for c in marks)


@pytest.mark.parametrize(
    ("markup", "fragment"),
    [
        ("<bogus>x</bogus>", "未知的标记 <bogus>"),
        ("<p><b>x</b></p>", "未知的标记 <b>"),
        ('<p class="x">x</p>', 'class="x"'),
        ('<p level="7">x</p>', 'level="7"'),
        ('<h2 level="2">x</h2>', "级别由名称 h1～h4 决定"),
        ('<title level="2">x</title>', "不能带属性"),
        ('<p level="3" level="2">x</p>', "只能带一个 level"),
        ("<p level=3>x</p>", "写法有误"),
        ("<p level='3'>x</p>", "写法有误"),
        ('<p level="3"level="2">x</p>', "写法有误"),
        ("<p/>", "不能自闭合"),
        ('</p level="1">', "不能带属性"),
    ],
)
def test_compile_tags_rejects_tags_no_template_may_write(markup: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        compile_tags(markup)


@pytest.mark.parametrize(
    ("markup", "fragment"),
    [
        ("<p>x</p>stray", "块之外"),
        ("stray<p>x</p>", "块之外"),
        ("<p>x", "没有以 </p> 正确结束"),
        ("<p>x</h1>", "没有以 </p> 正确结束"),
        ("<p>a<p>b</p></p>", "块中不能再有块"),
        ("<p>a<p>b</p>", "块中不能再有块"),
        ("<p><lead>a<p>x</p></lead></p>", "块中不能再有块"),
        ("<p>a</p></p>", "多余的结束标记 </p>"),
        ("<lead>a</lead>", "只能出现在块之中"),
        ("<p><lead>a</p>", "<lead> 须成对"),
        ("<p><lead>a<lead>b</lead></lead></p>", "<lead> 之中不能再有 <lead>"),
        ("<p>a</lead>b</p>", "<lead> 须成对"),
        ('<p>a<lead level="2">b</p>', "<lead> 须成对"),
    ],
)
@pytest.mark.parametrize("reader", [parse_blocks, block_texts])
def test_readers_reject_streams_no_template_should_produce(markup: str, fragment: str, reader: Any) -> None:
    with pytest.raises(ValueError, match=fragment):
        reader(compile_tags(markup))


@pytest.mark.parametrize(
    "stream",
    [
        f"\x01p\x04a{_HEAD}b\x03p\x04",
        f"\x01p\x04a{_HEAD}\x03lead\x04\x03p\x04",
        # A lead opened inside the opening lead, and two stray heads that balance the count.
        f"\x01p\x04\x021{_HEAD}A\x02B\x03lead{_HEAD}C{_HEAD}{_HEAD}D\x03p\x04",
    ],
)
@pytest.mark.parametrize("reader", [parse_blocks, block_texts])
def test_a_stray_mark_a_template_wrote_as_a_string_is_refused(stream: str, reader: Any) -> None:
    # A user template can print a mark through an escape in a string ({{ "\x04" }}).
    with pytest.raises(ValueError, match="<lead> 须成对|<lead> 之中不能再有 <lead>"):
        reader(stream)


@pytest.mark.parametrize(
    "markup",
    [
        '<title>标题</title>\n<h1>一、甲</h1><p level="2"><lead level="2">（一）引领。</lead>正文</p><p></p>',
        '<p level="3"><lead level="3">1.只有引语。</lead></p><p>前<lead level="3">引</lead>后</p>',
    ],
)
def test_block_texts_are_the_blocks_roles_and_texts(markup: str) -> None:
    stream = compile_tags(markup)
    assert block_texts(stream) == [(block.role, block.text) for block in parse_blocks(stream)]


def test_block_texts_read_every_example_as_parse_blocks_does() -> None:
    import replygen
    from replygen.render import render_stream

    examples = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))
    assert len(examples) >= 5
    for path in examples:
        stream = render_stream(replygen.load(path))
        assert block_texts(stream) == [(block.role, block.text) for block in parse_blocks(stream)], path.name


def test_ordinary_text_with_a_less_than_sign_is_not_a_tag() -> None:
    assert blocks_of("<p>当 x<y 时，a < b；<5年></p>")[0].text == "当 x<y 时，a < b；<5年>"
    assert compile_tags("比较 x<y", before_code=True) == "比较 x<y"
    assert compile_tags("模板末尾 a<c") == "模板末尾 a<c"  # nothing follows that could finish a tag


@pytest.mark.parametrize("text", ["<p>a<h", "<p>a</lea", '<p>a<p level="', "<p>a<", "<p>a</"])
def test_a_tag_an_expression_would_complete_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="标记须写完整|没有写完整"):
        compile_tags(text, before_code=True)


def test_parse_blocks_rejects_a_role_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="未知的块类型 <x>"):
        parse_blocks(compile_tags("<p>a</p>").replace("p", "x"))


def test_the_marks_are_not_whitespace_so_trim_keeps_them() -> None:
    stream = compile_tags("<p>特此函复。</p>")
    assert stream.strip() == stream and stream.split() == [stream]


def _width_by_character(text: str) -> float:
    """display_width's definition, one character at a time."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def test_display_width_matches_its_definition_for_every_character() -> None:
    from replygen.blocks import display_width

    every = [chr(code) for code in range(0x20, 0x10000) if not 0xD800 <= code <= 0xDFFF]
    wrong = [c for c in every if display_width(c) != _width_by_character(c)]
    assert wrong == []
    for text in ("关于“加快”发展——的提案……", "2023年第12号", "abc", "Café 12·3", "", "〔2024〕15号 ½"):
        assert display_width(text) == display_width(text) == _width_by_character(text), text  # cached alike
