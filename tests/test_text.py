from __future__ import annotations

from replygen.blocks import Block, Run
from replygen.text import write_text


def block(role: str, text: str) -> Block:
    return Block(role, (Run(text),))


def test_text_layout_mirrors_the_page() -> None:
    out = write_text(
        [
            block("meta", "索引号：1"),
            block("title", "对某某的答复"),
            block("docno", "吉科发〔2023〕1号"),
            block("salutation", "费日晨委员："),
            block("p", "正文。"),
            block("h1", "一、关于“甲”的建议"),
            block("signature", "吉林省科学技术厅"),
            block("date", "2023年5月17日"),
            block("note", "（此件公开发布）"),
            block("cc", "抄送：甲。"),
        ]
    )
    lines = out.split("\n")
    assert out.endswith("\n")
    assert lines[0] == "索引号：1" and lines[1] == ""
    assert lines[2] == "\u3000" * 11 + "对某某的答复"  # centred on a 28-character line
    assert lines[4] == "" and lines[5] == "费日晨委员："
    assert lines[6] == "\u3000\u3000正文。" and lines[7] == "\u3000\u3000一、关于“甲”的建议"
    # §7.3.5.2: the 署名 (8 columns) 右空二字 would start at 18, the date (6.5 columns) two
    # further right at 20 and end past 右空二字; so the date ends at column 26, from 19.5,
    # and the 署名 starts two columns left of it, at 17.5.
    assert lines[9] == "\u3000" * 17 + " 吉林省科学技术厅"
    assert lines[10] == "\u3000" * 19 + " 2023年5月17日"
    assert lines[11] == "\u3000\u3000（此件公开发布）"
    assert lines[12:14] == ["", "抄送：甲。"]


def test_a_date_longer_than_the_signature_is_set_two_from_the_right() -> None:
    lines = write_text([block("signature", "省发展改革委"), block("date", "2019年12月10日")]).split("\n")
    # the date is 7 full-width characters wide: it ends 右空二字 (column 26), from 19; the
    # 署名, 6 wide, starts two columns before it, at 17, and so ends 右空五字
    assert lines[0] == "\u3000" * 17 + "省发展改革委"
    assert lines[1] == "\u3000" * 19 + "2019年12月10日"


def test_a_long_signature_is_set_two_from_the_right_and_the_date_two_in() -> None:
    signature = "吉林省长春市朝阳区人民政府"  # 13 columns
    lines = write_text([block("signature", signature), block("date", "2023年5月17日")]).split("\n")
    # §7.3.5.2: the 署名 ends 右空二字 (column 26), so starts at 13; the date at 15
    assert lines[0] == "\u3000" * 13 + signature
    assert lines[1] == "\u3000" * 15 + "2023年5月17日"


def test_signer_shares_the_docno_line() -> None:
    lines = write_text([block("signer", "签发人：张三"), block("title", "对某某的答复"), block("docno", "吉科发〔2023〕1号")])
    # §7.2.5: 发文字号 (8.5 columns) 居左空一字, 签发人 (6 columns) 居右空一字, ending at column 27
    assert lines.split("\n")[0:2] == ["\u3000" * 11 + "对某某的答复", "\u3000吉科发〔2023〕1号" + "\u3000" * 11 + " 签发人：张三"]
    # a line too narrow for both keeps each on its own line, the 发文字号 centred
    long_docno = "吉林省科学技术厅发展规划与人才工作处〔2023〕1号"
    lines = write_text([block("signer", "签发人：张三"), block("docno", long_docno)]).split("\n")
    assert lines[0] == "签发人：张三" and lines[1].strip("\u3000 ") == long_docno


def test_quotes_and_dashes_count_full_width_as_in_a_cjk_font() -> None:
    from replygen.blocks import display_width

    assert display_width("“双创”——…") == 7
    assert display_width("2023年") == 3
    # The title's quotes take a full column each, so it starts one column further left
    # than it would if they counted half: at 9.5, not 10.5.
    [line, _] = write_text([block("title", "关于“双创”的答复")]).split("\n")
    assert line == "\u3000" * 9 + " 关于“双创”的答复"
