"""Replies generated from a fixed seed: each renders, imports back, and renders the same text."""

from __future__ import annotations

import random
from typing import Any

import pytest

import replygen
from fidelity import first_mismatch, normalise
from replygen.loader import validate

_WORDS = ["推进", "全省", "科技", "企业", "创新", "平台", "建设", "资金", "人才", "服务", "2023年", "“双创”", "（试点）", "R&D", "1.5万元"]


class _Maker:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def phrase(self) -> str:
        return "".join(self.r.choice(_WORDS) for _ in range(self.r.randint(2, 6)))

    def sentence(self) -> str:
        return "，".join(self.phrase() for _ in range(self.r.randint(1, 3))) + "。"

    def paragraph(self) -> str:
        return "".join(self.sentence() for _ in range(self.r.randint(1, 3)))

    def paragraphs(self, low: int, high: int) -> list[str]:
        return [self.paragraph() for _ in range(self.r.randint(low, high))]

    def subsection(self) -> dict[str, Any]:
        if self.r.random() < 0.5:
            return {"lead": self.sentence(), "paragraphs": self.paragraphs(1, 2)}
        return {"department": self.r.choice(["省科技厅", "省财政厅", "市教育局"]), "paragraphs": self.paragraphs(1, 2)}

    def section(self) -> dict[str, Any]:
        kind = self.r.randint(0, 2)
        if kind == 0:
            return {"topic": self.phrase(), "restatement": self.paragraph(), "paragraphs": self.paragraphs(0, 2)}
        if kind == 1:
            items = [{"lead": self.sentence(), "text": self.paragraph()} for _ in range(self.r.randint(1, 3))]
            return {"heading": self.phrase(), "items": items}
        subsections = [self.subsection() for _ in range(self.r.randint(1, 3))]
        return {"topic": self.phrase(), "subsections": subsections, "next_steps": self.paragraph()}

    def reply(self) -> dict[str, Any]:
        plural = self.r.random() < 0.3
        return {
            "issuer": "吉林省科学技术厅",
            "proposal": {"meeting": "省政协十三届一次会议", "number": "2023D7", "title": "关于X的建议"},
            "proposer": {"name": ["张三", "李四"] if plural else "张三", "type": self.r.choice(["member", "deputy", "organisation"])},
            "preamble": self.paragraphs(0, 2),
            "sections": [self.section() for _ in range(self.r.randint(0, 4))],
            "closing": {"thanks_for": "科技工作"},
        }


@pytest.mark.parametrize("seed", range(3))
def test_generated_replies_import_back(seed: int) -> None:
    maker = _Maker(seed)
    for _ in range(15):
        text = replygen.render_text(validate(maker.reply()), draft=False)
        again = replygen.render_text(replygen.parse_text(text), draft=False)
        assert normalise(again) == normalise(text), first_mismatch(normalise(text), normalise(again))


def test_item_whose_text_starts_with_a_year() -> None:
    text = (
        "对省政协十三届一次会议第9号委员提案的答复\n李明委员：\n"
        "您在省政协十三届一次会议上提出的《关于X的建议》收悉，经认真研究办理，现答复如下：\n"
        "一、关于“甲”的建议\n1.5万元补助已拨付。\n1.2023年新建平台3个。\n2.2024年再建5个。\n"
    )
    doc = replygen.parse_text(text)
    assert isinstance(doc, replygen.Reply)
    assert doc.sections[0].paragraphs == ["1.5万元补助已拨付。"]
    assert [i.text for i in doc.sections[0].items] == ["2023年新建平台3个。", "2024年再建5个。"]
