"""Variants of the genre, one small file each, and the noise real files carry."""

from __future__ import annotations

import datetime as dt

import pytest

import replygen
from replygen.render import render_block_texts
from conftest import FIXTURES
from fidelity import first_mismatch, normalise
from replygen.importer import import_text, to_yaml

IMPORT = FIXTURES / "import"


def _doc(name: str) -> replygen.Reply:
    doc = replygen.parse_text((IMPORT / name).read_text(encoding="utf-8"))
    assert isinstance(doc, replygen.Reply)
    return doc


@pytest.mark.parametrize("path", sorted(IMPORT.glob("*.txt")), ids=lambda p: p.stem)
def test_variant_renders_back(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    expected = normalise(text)
    actual = normalise(replygen.render_text(replygen.parse_text(text), draft=False))
    assert expected == actual, first_mismatch(expected, actual)
    assert replygen.loads(to_yaml(import_text(text))) == replygen.parse_text(text)


def test_deputies_answered_as_you_plural() -> None:
    doc = _doc("deputy-plural.txt")
    assert doc.proposer.type == "deputy" and doc.proposer.name == ["张建国", "李红梅"]
    assert doc.proposal.number == "1088" and doc.proposal.kind is None
    assert doc.opening is None and doc.salutation is None  # both come from the formula again
    assert doc.sections[1].next_steps is not None
    assert doc.closing is not None and doc.closing.thanks_for == "全省农业农村工作"


def test_class_mark_and_signer() -> None:
    doc = _doc("class-signer.txt")
    assert doc.result_class == "A" and doc.signer == "王志强"
    assert doc.title_form == "关于对" and doc.proposal.meeting == "市政协十五届三次会议"
    assert doc.preamble == ["近年来，我局持续优化公交线网，新开和调整线路42条。"]
    assert [u.lead for u in doc.sections[0].subsections] == ["开展客流调查。", "试点社区巴士。"]
    assert doc.disclosure == "主动公开" and doc.closing is not None and doc.closing.contribute_to == "建设公交都市"


def test_contact_and_cc() -> None:
    doc = _doc("contact-cc.txt")
    assert doc.contact is not None and (doc.contact.person, doc.contact.phone) == ("孙伟", "0431-88905678")
    assert doc.cc == ["省政协提案委员会", "省政府督查室"]
    assert doc.disclosure == "依申请公开"
    assert doc.issuer == "吉林省卫生健康委员会" and doc.signature is not None and doc.signature.name is None


def test_sections_without_guan_keep_their_heading() -> None:
    doc = _doc("no-guan-sections.txt")
    assert [s.heading for s in doc.sections] == ["丰富课后服务内容的建议", "课后服务经费保障"]
    assert all(s.topic is None for s in doc.sections)
    assert [i.lead for i in doc.sections[1].items] == ["落实财政补助。", "规范收费管理。"]


def test_reply_without_sections() -> None:
    doc = _doc("no-sections.txt")
    assert doc.sections == [] and len(doc.preamble) == 2
    assert doc.next_steps is not None and doc.next_steps.text == "我局将在汛期前完成维修。"
    assert doc.signature is not None and doc.signature.date == dt.date(2024, 4, 28)


def test_cohandling_opinion() -> None:
    doc = _doc("cohandle.txt")
    assert doc.handling is not None and doc.handling.role == "会办" and doc.handling.lead_unit == "省科技厅"
    assert doc.proposer.name == ["王强"] and doc.proposer.type == "member"
    assert doc.opening is None and doc.title is None
    assert doc.proposal.number == "2024W88" and len(doc.sections) == 2


def test_noise_is_undone() -> None:
    doc = _doc("noise.txt")
    assert str(doc.doc_number) == "吉工信提〔2024〕14号"
    assert doc.proposer.name == ["马兰"] and doc.proposal.number == "2024W17"
    assert doc.proposal.title == "关于推动“专精特新”企业发展的建议"
    assert doc.sections[0].topic == "加大梯度培育力度"
    assert doc.sections[0].restatement == "建立专精特新企业培育库。"
    # A paragraph broken over two lines, with stray spaces, is whole again.
    assert doc.sections[0].paragraphs == ["2023年，全省新认定省级“专精特新”中小企业312户，累计达到1526户。"]
    assert [i.text for i in doc.sections[1].items] == ["全年举办对接活动46场。", "联合吉林银行推出“专精特新贷”。"]


def test_page_break_and_tabs_inside_a_paragraph() -> None:
    text = (
        "对省政协十三届一次会议第9号委员提案的答复\n吉科提〔2023〕1号\n李明委员：\n"
        "\t您在省政协十三届一次会议上提出的《关于X的建议》收悉，经认真研究办理，现答复如下：\n"
        "\t一、关于“甲”的建议\n\t我厅已开展调\n\f\n\n　　研，形成报告。\n\t感谢您对科技工作的关心和支持。\n"
    )
    doc = replygen.parse_text(text)
    assert isinstance(doc, replygen.Reply)
    assert doc.sections[0].paragraphs == ["我厅已开展调研，形成报告。"]


def test_unknown_text_is_kept_in_place() -> None:
    text = (
        "对省政协十三届一次会议第9号委员提案的答复\n李明委员：\n"
        "您在省政协十三届一次会议上提出的《关于X的建议》收悉，经认真研究办理，现答复如下：\n"
        "一、关于“甲”的建议\n这一段是普通正文。\n※ 附表另行报送。\n"
    )
    doc = replygen.parse_text(text)
    assert isinstance(doc, replygen.Reply)
    assert doc.sections[0].paragraphs == ["这一段是普通正文。", "※附表另行报送。"]


def test_non_standard_opening_is_kept_and_flagged() -> None:
    text = (
        "对省政协十三届一次会议第9号委员提案的答复\n李明委员：\n"
        "您在省政协十三届一次会议上提出的《关于X的建议》已收悉。现答复如下：\n正文。\n"
    )
    built = import_text(text)
    doc = replygen.parse_text(text)
    assert isinstance(doc, replygen.Reply)
    assert doc.opening == "您在省政协十三届一次会议上提出的《关于X的建议》已收悉。现答复如下："
    assert doc.proposal.title == "关于X的建议"
    # Meeting and title were read from it: an office's own wording is no cause for doubt.
    assert "开头语与标准句式不同" not in to_yaml(built)
    text = text.replace("省政协十三届一次会议第9号委员提案的答复", "第9号委员提案的答复").replace("在省政协十三届一次会议上", "")
    assert "# 待核：开头语与标准句式不同" in to_yaml(import_text(text))  # the meeting is found nowhere


OTHER_CITY = """关于对市十七届人大三次会议第B12号建议的答复函
长民函〔2024〕6号　签发人：赵刚
张三等代表：
　　你们在市十七届人大三次会议上提出的《关于养老服务的建议》收悉，经认真研究办理，现答复如下：
　　一、关于“社区食堂”的建议
　　（1）已建成社区食堂20个。
　　感谢你们对民政工作的关心和支持。
　　　　长春市民政局
　　　　2024年6月1日
联系人及电话：李四 88886666
"""


def test_other_wordings_are_kept_and_flagged() -> None:
    built = import_text(OTHER_CITY)
    doc = replygen.parse_text(OTHER_CITY)
    assert isinstance(doc, replygen.Reply)
    assert str(doc.doc_number) == "长民函〔2024〕6号" and doc.signer == "赵刚"
    # 函 is not in the genre's formula: the office's title is learned as its house style.
    assert doc.title is None and doc.style is not None
    assert doc.style.title == "关于对{会议}第{提案号}号建议的答复函"  # the office's word for it
    assert ("title", "关于对市十七届人大三次会议第B12号建议的答复函") in render_block_texts(doc)
    assert doc.proposal.kind is None and doc.proposal.number == "B12"
    assert doc.proposer.name == ["张三"] and doc.salutation == "张三等代表"
    assert doc.contact is not None and (doc.contact.person, doc.contact.phone) == ("李四", "88886666")
    assert doc.sections[0].items[0].text == "已建成社区食堂20个。"
    yaml_text = to_yaml(built)
    for flag in ("联名提案", "（1）级编号"):
        assert flag in yaml_text, flag
    assert "开头语与标准句式不同" not in yaml_text  # its meeting and proposal were read: kept without doubt
    assert yaml_text.count("# 待核：") >= 2
    # The contact line under its own label is the office's form, written again from the facts.
    assert doc.style.contact == ["联系人及电话：{联系人}\u3000{联系电话}"]


def test_unknown_line_below_the_date_is_kept() -> None:
    text = OTHER_CITY.replace("联系人及电话：李四 88886666", "本件已抄送区人大代表联络站。")
    doc = replygen.parse_text(text)
    assert isinstance(doc, replygen.Reply)
    assert doc.signature is not None and doc.issuer == "长春市民政局"
    lines = replygen.render_text(doc).splitlines()
    assert lines[-1].strip("\u3000") == "本件已抄送区人大代表联络站。"  # in its place, below the date
    assert "2024年6月1日" in lines[-2] and not any("本件已抄送" in line for line in lines[:-1])
    assert "不认识，已照录在原处" in to_yaml(import_text(text))


def test_empty_text_is_an_input_error() -> None:
    with pytest.raises(replygen.InputError, match="没有可导入的文字"):
        replygen.parse_text(" \n\u3000\n")


def test_opinion_subpart_run_into_its_paragraph() -> None:
    text = (
        "某市人民政府关于促进消费的实施意见\n某政发〔2024〕2号\n各区人民政府，市政府各部门：\n"
        "为促进消费，提出如下意见：\n一、总体要求\n（一）目标。到2025年消费明显回升。\n"
        "1. 发放消费券。分三批发放。（市商务局、市财政局等部门按职责分工负责）\n"
        "某市人民政府\n2024年3月1日\n"
    )
    doc = replygen.parse_text(text)
    assert isinstance(doc, replygen.Opinion)
    assert doc.subject == "促进消费" and doc.recipients == ["各区人民政府", "市政府各部门"]
    sub = doc.parts[0].subparts[0]
    assert sub.heading == "目标。" and sub.paragraphs == ["到2025年消费明显回升。"]
    assert sub.items[0].responsibility == ["市商务局", "市财政局"]


def test_numbered_points_without_sections_stay_the_replys_own_items() -> None:
    text = (
        "对县人大十八届三次会议第5号代表建议的答复\n陈军代表：\n"
        "您在县人大十八届三次会议上提出的《关于修路的建议》收悉，经认真研究办理，现答复如下：\n"
        "1.已列入计划。明年开工。\n2.资金已落实。\n感谢您对交通工作的关心和支持。\n"
    )
    built = import_text(text)
    doc = replygen.parse_text(text)
    assert isinstance(doc, replygen.Reply)
    assert doc.sections == []
    assert [(i.lead, i.text) for i in doc.items] == [("已列入计划。", "明年开工。"), (None, "资金已落实。")]
    # Rendered again with the same numbers, so nothing is flagged as renumbered.
    assert "生成时编号会变" not in to_yaml(built)
    assert "1.已列入计划。明年开工。" in replygen.render_text(doc)


def test_letterhead_and_unknown_head_lines() -> None:
    text = (
        "吉林省农业农村厅文件\n（正式件）\n吉农议〔2024〕7号\n对省十四届人大二次会议第21号代表建议的答复\n"
        "王兰代表：\n您在省十四届人大二次会议上提出的《关于X的建议》收悉，经认真研究办理，现答复如下：\n"
        "一、关于“甲”的建议\n已办理。\n感谢您对农业农村工作的关心和支持。\n"
    )
    built = import_text(text)
    doc = replygen.parse_text(text)
    assert isinstance(doc, replygen.Reply)
    assert doc.issuer == "吉林省农业农村厅"  # from the 版头
    assert str(doc.doc_number) == "吉农议〔2024〕7号" and doc.proposal.number == "21"
    # The line the importer does not know stays where it stood, among the header lines.
    assert doc.preamble == [] and doc.style is not None and ("style",) in built.notes
    assert doc.style.header_lines == ["{发文机关}文件", "（正式件）", "{发文字号}"]
    lines = [line.strip("\u3000 ") for line in replygen.render_text(doc).splitlines() if line.strip()]
    assert lines[:3] == ["吉林省农业农村厅文件", "（正式件）", "吉农议〔2024〕7号"]
    assert doc.sections[0].paragraphs == ["已办理。"]
