"""Importing the five source documents: render the import and compare with the source."""

from __future__ import annotations

import datetime as dt

import pytest

import replygen
from conftest import CORPUS, SOURCES
from fidelity import first_mismatch, normalise
from replygen.importer import import_text, to_yaml

# What still differs after import and render, in normalised text, with the reason.
RESIDUAL = {
    "002_51d1023257007988.txt": [
        (
            "2019年07月08日魏兰委员：",
            "2019年07月08日对省政协十二届二次会议第283号委员提案的答复吉发改议〔2019〕5号魏兰委员：",
            "the published page prints title and 发文字号 only in the website header; "
            "the template always sets them above the salutation",
        )
    ],
}


def _source(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SOURCES), ids=lambda s: s[:3])
def test_import_renders_back_to_source(name: str) -> None:
    doc = replygen.parse_text(_source(name))
    expected = normalise(_source(name))
    for source, rendered, reason in RESIDUAL.get(name, []):
        assert reason and source in expected
        expected = expected.replace(source, rendered)
    actual = normalise(replygen.render_text(doc, draft=False))
    assert expected == actual, first_mismatch(expected, actual)


@pytest.mark.parametrize("name", sorted(SOURCES), ids=lambda s: s[:3])
def test_written_yaml_loads_to_the_same_model(name: str) -> None:
    built = import_text(_source(name))
    assert replygen.loads(to_yaml(built, name)) == replygen.parse_text(_source(name))


def test_000_fields() -> None:
    built = import_text(_source("000_52944b6879b5e41d.txt"))
    doc = replygen.parse_text(_source("000_52944b6879b5e41d.txt"))
    assert isinstance(doc, replygen.Reply)
    assert doc.issuer == replygen.PLACEHOLDER and ("issuer",) in built.notes
    assert str(doc.doc_number) == "吉科发人才〔2020〕111号"
    assert doc.proposal.number == "219" and doc.proposer.name == ["费日晨"]
    assert [s.heading for s in doc.sections][-1] == "资金安排建议"
    assert doc.next_steps is not None and doc.next_steps.as_section and len(doc.next_steps.items) == 6
    assert doc.closing is not None and doc.closing.we == "我厅"
    assert doc.closing.attention_to == "我省双创工作"


def test_001_fields() -> None:
    text = _source("001_bd5a3f7e5805ea1a.txt")
    doc = replygen.parse_text(text)
    assert isinstance(doc, replygen.Reply)
    assert doc.proposer.type == "organisation" and doc.proposal.number == "2023D7"
    assert doc.publication is not None and doc.publication.written_date == dt.date(2023, 5, 4)
    assert doc.preamble[0].startswith("近年来，省科技厅")
    assert doc.sections[0].topic == "政府引导推进孵化器健康发展"
    assert doc.sections[0].restatement is not None
    assert doc.sections[1].subsections[0].heading == "强化以申促建，促进科技企业孵化器资质升级。"
    assert doc.sections[1].subsections[1].lead == "强化人才队伍建设，提升科技孵化载体服务能力。"
    assert doc.next_steps is not None and doc.next_steps.text.startswith("省科技厅将着眼长远")
    # The source thanks an organisation as 您: kept verbatim and flagged.
    assert doc.closing is not None and doc.closing.text and doc.closing.text.startswith("感谢您对")
    assert "待核" in to_yaml(import_text(text))


def test_002_fields() -> None:
    doc = replygen.parse_text(_source("002_51d1023257007988.txt"))
    assert isinstance(doc, replygen.Reply)
    assert doc.proposal.number == "283" and doc.proposal.meeting == "省政协十二届二次会议"
    assert doc.proposal.title == "关于加强“双创”平台和导师团队伍建设的建议"
    assert doc.signature is not None and doc.signature.name == "省发展改革委"
    assert doc.publication is not None and doc.publication.index_no == "1122000001354439X3/2019-04623"
    assert all(s.next_steps is not None for s in doc.sections)
    assert doc.sections[2].heading == "加强双创服务从业人员队伍建设的建议"


def test_003_opinion_fields() -> None:
    doc = replygen.parse_text(_source("003_b03074a8d46b10ec.txt"))
    assert isinstance(doc, replygen.Opinion)
    assert doc.subject == "推动创新创业高质量发展打造“双创”升级版"
    assert doc.recipients[0] == "各市（州）人民政府" and len(doc.recipients) == 5
    assert len(doc.parts) == 6 and doc.parts[0].subparts[0].heading == "指导思想。"
    items = [i for p in doc.parts for s in [p, *p.subparts] for i in s.items]
    assert len(items) == 32
    assert items[0].responsibility == ["省市场监管厅", "省自然资源厅", "省水利厅", "省政务服务和数字化局", "省发展改革委"]
    assert doc.closing[0].startswith("各地、各部门要充分认识")
    assert doc.disclosure == "主动公开"


def test_004_fields() -> None:
    doc = replygen.parse_text(_source("004_ab4402e884154ba1.txt"))
    assert isinstance(doc, replygen.Reply)
    assert doc.title_form == "关于对" and doc.proposal.abbreviation == "建议"
    departments = [u.department for u in doc.sections[1].subsections]
    assert departments == ["省科技厅", "省发改委", "省教育厅", "省市场监督管理厅", "省工信厅"]
    assert doc.sections[1].subsections[0].next_steps is not None
    assert len(doc.sections[1].subsections[0].next_steps.items) == 4
    assert doc.signature is not None and doc.signature.date == dt.date(2023, 5, 17)
    assert doc.closing is not None and doc.closing.new_contribution
