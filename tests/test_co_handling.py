"""会办 merge: a 主办 reply states its 会办 units' opinions and is copied to them."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import replygen
from conftest import ROOT
from replygen.lint import lint_file

AFTER = ROOT / "tests" / "fixtures" / "after"
MERGED = AFTER / "zhuban-0088-merged.yaml"
CZJ_OPINION = [
    "市财政局会办意见：2024年，市级财政安排社区养老服务设施建设补助资金3200万元，已全部拨付到位。",
    "下一步，我局将继续加大资金保障力度。",
]
WSJK_OPINION = [
    "市卫生健康委会办意见：我委推动42家社区卫生服务中心与养老机构签约，为入住老人提供上门诊疗服务。",
    "下一步，我委将把社区嵌入式养老服务中心纳入家庭医生签约服务范围。",
]


def body(doc: replygen.Reply) -> list[str]:
    return [b.text for b in replygen.render_blocks(doc) if b.role == "p"]


def copy_with(tmp_path: Path, old: str, new: str) -> Path:
    """The merged draft with its opinion files beside it, and one change."""
    for name in ("huiban-0088-czj.txt", "huiban-0088-wsjk.yaml"):
        (tmp_path / name).write_bytes((AFTER / name).read_bytes())
    text = MERGED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "reply.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_each_opinion_is_stated_after_the_answers_from_its_file() -> None:
    doc = replygen.load(MERGED)
    paragraphs = body(doc)
    start = paragraphs.index(CZJ_OPINION[0])
    # after the sections' answers, before the thanks; the .txt letter and the .yaml draft alike
    assert paragraphs[start - 1] == "2024年，我局新建社区嵌入式养老服务中心18个，已全部投入运营。"
    assert paragraphs[start : start + 4] == CZJ_OPINION + WSJK_OPINION
    assert paragraphs[start + 4].startswith("感谢您对全市养老服务工作")
    # only the substance: no title, salutation, opening formula or signature of the units' letters
    assert not any("收悉" in p or p.startswith("市民政局") for p in paragraphs[start:])


def test_co_units_are_added_to_the_cc_unless_the_draft_says_not(tmp_path: Path) -> None:
    assert replygen.load(MERGED).cc == ["市政协提案委员会", "市政府督查室", "市财政局", "市卫生健康委"]
    path = copy_with(tmp_path, "  role: 主办\n", "  role: 主办\n  copy_co_units: false\n")
    assert replygen.load(path).cc == ["市政协提案委员会", "市政府督查室"]
    # a unit already copied is not copied twice
    path = copy_with(tmp_path, "  - 市政府督查室\n", "  - 市政府督查室\n  - 市财政局\n")
    assert replygen.load(path).cc == ["市政协提案委员会", "市政府督查室", "市财政局", "市卫生健康委"]
    # a unit still to be filled in is not copied
    path = copy_with(tmp_path, "[市财政局, 市卫生健康委]", "[市财政局, 市卫生健康委, 【待填写】]")
    assert replygen.load(path).cc == ["市政协提案委员会", "市政府督查室", "市财政局", "市卫生健康委"]


def test_an_opinion_given_as_text(tmp_path: Path) -> None:
    path = copy_with(
        tmp_path,
        "    - file: huiban-0088-czj.txt\n",
        "    - unit: 市财政局\n      text:\n        - 同意主办单位的答复意见。\n        - 将按规定落实补助资金。\n",
    )
    paragraphs = body(replygen.load(path))
    i = paragraphs.index("市财政局会办意见：同意主办单位的答复意见。")
    assert paragraphs[i + 1] == "将按规定落实补助资金。"


def test_an_opinion_received_as_docx(tmp_path: Path) -> None:
    letter = docx.Document()
    for line in (AFTER / "huiban-0088-czj.txt").read_text(encoding="utf-8").splitlines():
        letter.add_paragraph(line)
    letter.save(str(tmp_path / "czj.docx"))
    path = copy_with(tmp_path, "file: huiban-0088-czj.txt", "file: czj.docx")
    assert body(replygen.load(path))[-5:-3] == CZJ_OPINION


def test_mistakes_in_the_opinions_are_placed(tmp_path: Path) -> None:
    path = copy_with(tmp_path, "file: huiban-0088-czj.txt", "file: nowhere.txt")
    with pytest.raises(replygen.InputError) as caught:
        replygen.load(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 18, "handling.opinions[0]")
    assert "找不到会办意见文件" in problem.message and "nowhere.txt" in problem.message
    path = copy_with(tmp_path, "    - file: huiban-0088-czj.txt\n", "    - file: huiban-0088-czj.txt\n      text: 同意。\n")
    with pytest.raises(replygen.InputError, match="text（意见要点）或 file（意见文件）二者之一"):
        replygen.load(path)
    path = copy_with(tmp_path, "file: huiban-0088-czj.txt", "file: opinion.pdf")
    with pytest.raises(replygen.InputError, match="应是 .yaml（会办意见草稿）、.docx 或 .txt"):
        replygen.load(path)
    path = copy_with(tmp_path, "  role: 主办\n", "  role: 会办\n  lead_unit: 市民政局\n")
    with pytest.raises(replygen.InputError, match="只有主办答复引述会办意见"):
        replygen.load(path)


def test_check_counts_a_quoted_unit_as_mentioned(tmp_path: Path) -> None:
    assert lint_file(MERGED) == []
    path = copy_with(tmp_path, "[市财政局, 市卫生健康委]", "[市财政局, 市卫生健康委, 市医疗保障局]")
    assert [(f.rule, f.field) for f in lint_file(path)] == [("RG012", "handling.co_units[2]")]
