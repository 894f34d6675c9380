"""The shared placement rules: title line breaks (§7.3.1) and the 落款 (§7.3.5)."""

from __future__ import annotations

import pytest

from replygen.blocks import display_width
from replygen.layout import TITLE_LINE_CHARS, break_title, place_signature, printed_width

# Each title with its lines as a clerk would break them: between units of meaning.
BROKEN = {
    # the five examples
    "对省十四届人大二次会议第0123号代表建议的答复": ["对省十四届人大二次会议", "第0123号代表建议的答复"],
    "吉林省人民政府关于推动创新创业高质量发展打造“双创”升级版的实施意见": [
        "吉林省人民政府", "关于推动创新创业高质量发展", "打造“双创”升级版的实施意见",
    ],
    "对省政协十二届三次会议第219号委员提案的答复": ["对省政协十二届三次会议", "第219号委员提案的答复"],
    "对省政协十三届一次会议第2023D7号民建省委会提案的答复": ["对省政协十三届一次会议", "第2023D7号民建省委会提案的答复"],
    "对省政协十二届二次会议第283号委员提案的答复": ["对省政协十二届二次会议", "第283号委员提案的答复"],
    "关于对省政协十三届一次会议第2023W316号委员提案的答复": ["关于对省政协十三届一次会议", "第2023W316号委员提案的答复"],
    # county-style titles
    "XX县教育局关于对政协XX县第十届委员会第二次会议第12号提案的答复函": [
        "XX县教育局关于对政协XX县第十届委员会", "第二次会议第12号提案的答复函",
    ],
    "长沙县教育局关于对政协长沙县第十届委员会第二次会议第12号提案的答复函": [
        "长沙县教育局", "关于对政协长沙县第十届委员会", "第二次会议第12号提案的答复函",
    ],
    "关于对县十七届人大三次会议第105号代表建议的答复": ["关于对县十七届人大三次会议", "第105号代表建议的答复"],
    "吉林省科学技术厅关于对省政协十三届一次会议第2023W316号委员提案的会办意见": [
        "吉林省科学技术厅", "关于对省政协十三届一次会议", "第2023W316号委员提案的会办意见",
    ],
}  # fmt: skip


@pytest.mark.parametrize("title", BROKEN)
def test_titles_break_between_units_of_meaning(title: str) -> None:
    assert break_title(title) == BROKEN[title]


@pytest.mark.parametrize("title", [*BROKEN, "关于加快科技型中小企业创新发展的建议答复", "一" * 70])
def test_every_line_fits_and_none_is_three_characters_or_fewer(title: str) -> None:
    lines = break_title(title)
    assert "".join(lines) == title
    assert all(3 < display_width(line) <= TITLE_LINE_CHARS for line in lines), lines


def test_a_short_title_stays_on_one_line() -> None:
    assert break_title("对某某的答复") == ["对某某的答复"]


def test_a_number_or_a_quotation_is_never_split() -> None:
    for line in break_title("关于对“科技创新与产业升级融合发展”的建议第2023W316号的答复"):
        assert line.count("“") == line.count("”")
    lines = break_title("对省政协十三届一次会议第2023W31600000号委员提案等多项提案的答复")
    assert any("2023W31600000" in line for line in lines)


def test_unsealed_the_date_starts_two_characters_right_of_the_signature() -> None:
    # §7.3.5.2, text widths: 省发展改革委 6, 2019年12月10日 7. The date is too long to start
    # two right of a 署名 set 右空二字, so it is set 右空二字 and the 署名 moves left: 5.
    assert place_signature("省发展改革委", "2019年12月10日", seal=False) == (5, 2, 1)
    # a long 署名 stays 右空二字, from column 6; the date, 6 wide, runs from 8 to 14
    assert place_signature("吉" * 20, "2019年1月1日", seal=False) == (2, 14, 1)
    # equal widths: the date ends 右空二字 too, so the 署名 ends 右空四字
    assert place_signature("吉" * 6, "2019年1月1日", seal=False) == (4, 2, 1)


def test_sealed_the_signature_is_centred_on_the_date() -> None:
    # a 署名 too long to centre is set flush right, never past the edge
    assert place_signature("吉" * 20, "2019年1月1日", seal=True).signature_right == 0
    # under a seal: 右空四字, a line lower
    assert place_signature("省发展改革委", "2019年12月10日", seal=True) == (4.5, 4, 2)


def test_printed_width_counts_digits_wider_and_the_change_of_script() -> None:
    assert printed_width("吉林") == 2
    assert printed_width("2024年") == pytest.approx(4 * 0.62 + 1 + 0.25)
