"""The paragraph-keeping fidelity measure itself (fidelity.score).

The letter below has 12 paragraphs and 331 normalised characters, the size of a short county
reply. Each damage a renderer or an importer can do to paragraph structure must fail the bar
the letters are held to (recall ≥ 0.99 and precision ≥ 0.98); a split, a merge and a lead
made a heading all pass the old whitespace-free comparison, which is why the measure exists.
The scores, as computed:

| damage                                   | recall | precision |
|------------------------------------------|--------|-----------|
| a paragraph split in two                 | 0.9094 | 0.9094    |
| two paragraphs merged                    | 0.8157 | 0.8157    |
| a run-in lead set as its own heading     | 0.9668 | 0.9668    |
| a line dropped                           | 0.9456 | 1.0000    |
| a line doubled                           | 1.0000 | 0.9484    |
| two paragraphs swapped                   | 0.8097 | 0.8097    |

Each figure is also derived in the tests from the paragraph lengths alone (what the damage
loses by the measure's definition), so the table cannot drift from the code unnoticed.
"""

from __future__ import annotations

import pytest

from fidelity import normalise, paragraphs, score, score_paragraphs

LETTER = """\
关于对政协某县第十届委员会三次会议第12号提案的答复函
某教函〔2023〕15号
王某、李某委员：
　　你们提出的《关于加强农村学校图书更新的建议》收悉，经认真研究办理，现答复如下：
　　一、关于“更新农村中小学图书”的建议
　　（一）完成短缺图书排查。我局组织全县中小学校开展图书短缺排查，截至目前全县中小学校共短缺图书4万余册，已列入年度经费预算。
　　（二）多渠道筹措资金。我局积极争取上级专项资金，同时引导社会力量捐赠图书，今年已接收捐赠图书1.2万册，分配至12所农村学校。
　　下一步，我局将建立图书更新长效机制，每年按生均标准安排更新经费，确保农村学校图书更新及时到位。
　　感谢你们对全县教育工作的关心和支持。
　　　　　　　　　　某县教育局
　　　　　　　　　2023年7月10日
　　联系人：张某　联系电话：0000-0000000
"""


def _lines() -> list[str]:
    return LETTER.splitlines()


def _split(lines: list[str]) -> list[str]:
    """Paragraph 6 broken after its first clause, as a page break does."""
    cut = lines[5].index("截至")
    return lines[:5] + [lines[5][:cut], lines[5][cut:]] + lines[6:]


def _merge(lines: list[str]) -> list[str]:
    return lines[:5] + [lines[5] + lines[6].strip()] + lines[7:]


def _lead_as_heading(lines: list[str]) -> list[str]:
    lead_end = lines[6].index("。") + 1
    return lines[:6] + [lines[6][:lead_end], lines[6][lead_end:]] + lines[7:]


def _drop(lines: list[str]) -> list[str]:
    return lines[:8] + lines[9:]


def _double(lines: list[str]) -> list[str]:
    return lines[:8] + [lines[8], lines[8]] + lines[9:]


def _swap(lines: list[str]) -> list[str]:
    return lines[:5] + [lines[6], lines[5]] + lines[7:]


def _len(line: str) -> int:
    return sum(map(len, paragraphs(line)))


def _lost_when_split(line: str, cut: int) -> int:
    """A split paragraph is paired with its larger part; the smaller part is lost."""
    return min(_len(line[:cut]), _len(line[cut:]))


# Each damage, and the characters it loses by the measure's definition, worked out from the
# lengths alone: (change, characters lost from the source, characters added to the rendering).
DAMAGE = {
    "split": (_split, lambda ls: _lost_when_split(ls[5], ls[5].index("截至")), lambda ls: 0),
    "merge": (_merge, lambda ls: min(_len(ls[5]), _len(ls[6])), lambda ls: 0),
    "lead-as-heading": (_lead_as_heading, lambda ls: _lost_when_split(ls[6], ls[6].index("。") + 1), lambda ls: 0),
    "drop": (_drop, lambda ls: _len(ls[8]), lambda ls: -_len(ls[8])),
    "double": (_double, lambda ls: 0, lambda ls: _len(ls[8])),
    # Identical paragraphs are anchored first, earliest first: the moved one is lost.
    "swap": (_swap, lambda ls: _len(ls[6]), lambda ls: 0),
}
TOTAL = 331


def test_the_letter_is_the_size_the_table_states() -> None:
    assert len(paragraphs(LETTER)) == 12
    assert sum(map(len, paragraphs(LETTER))) == TOTAL


def test_identical_text_scores_one() -> None:
    result = score(LETTER, LETTER)
    assert (result.recall, result.precision) == (1.0, 1.0)
    assert result.passes()


def test_layout_and_punctuation_width_do_not_count() -> None:
    """Indentation, blank lines, half-width punctuation and 【】 are normalised away."""
    relaid = "\n\n".join(
        line.strip("\u3000 ").replace("，", ",").replace("：", ":").replace("〔", "【").replace("〕", "】")
        for line in _lines()
    )
    assert (score(LETTER, relaid).recall, score(LETTER, relaid).precision) == (1.0, 1.0)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_paragraph_damage_fails_the_bar(damage: str) -> None:
    change, lost, added = DAMAGE[damage]
    lines = _lines()
    result = score(LETTER, "\n".join(change(lines)))
    found = TOTAL - lost(lines)
    assert result.found_chars == found
    assert result.recall == pytest.approx(found / TOTAL)
    assert result.precision == pytest.approx(found / (TOTAL + added(lines)))
    assert not result.passes(recall=0.99, precision=0.98), str(result)


@pytest.mark.parametrize("damage", ["split", "merge", "lead-as-heading"])
def test_whitespace_free_comparison_misses_it(damage: str) -> None:
    """The old comparison sees no difference, which is why boundaries are kept now."""
    change = DAMAGE[damage][0]
    assert normalise("\n".join(change(_lines()))) == normalise(LETTER)


def test_a_changed_word_costs_only_its_characters() -> None:
    lines = _lines()
    lines[5] = lines[5].replace("4万余册", "5万余册")
    result = score(LETTER, "\n".join(lines))
    assert result.recall == result.precision == (TOTAL - 1) / TOTAL
    assert result.passes()


def test_empty_sides() -> None:
    assert (score_paragraphs([], []).recall, score_paragraphs([], []).precision) == (1.0, 1.0)
    assert score_paragraphs(["甲乙"], []).recall == 0.0
    assert score_paragraphs([], ["甲乙"]).precision == 0.0
