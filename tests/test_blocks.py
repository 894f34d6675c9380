from __future__ import annotations

import pytest

from replygen.blocks import Block, Run, parse_blocks


def test_parse_blocks_reads_roles_levels_and_leads() -> None:
    blocks = parse_blocks('<title>标题</title>\n<h1>一、甲</h1><p level="2"><lead level="2">（一）引领。</lead>正文&lt;b&gt;</p>')
    assert blocks == [
        Block("title", (Run("标题"),)),
        Block("h1", (Run("一、甲"),), 1),
        Block("p", (Run("（一）引领。", 2), Run("正文<b>")), 2),
    ]
    assert blocks[2].text == "（一）引领。正文<b>"


@pytest.mark.parametrize(
    ("markup", "fragment"),
    [("<bogus>x</bogus>", "未知的块类型"), ("<p><b>x</b></p>", "不能有"), ("<p>x</p>stray", "块之外"), ("<p>x", "无法解析")],
)
def test_parse_blocks_rejects_what_no_template_should_produce(markup: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_blocks(markup)
