"""Every visible word of a .docx reaches the imported YAML exactly once, whatever holds it.

One small .docx per WordprocessingML structure, built here with python-docx and raw XML: each
puts marker words (标记…) in that structure inside an otherwise plain reply. Words the reader
sees must appear exactly once in the YAML (in a field, or quoted in a 待核 note when they
belong outside the letter's body); deleted text and field instructions must not appear.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

import replygen
from replygen._pydocx import paragraph_element
from replygen.importer import import_file

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
)
HEAD = [
    "对省政协十三届一次会议第71号委员提案的答复",
    "王芳委员：",
    "您在省政协十三届一次会议上提出的《关于支持青年科技人才的建议》收悉，经认真研究办理，现答复如下：",
    "一、关于“引才”的建议",
]
FOOT = ["感谢您对全省科技工作的关心和支持。", "吉林省科学技术厅", "2023年6月1日"]


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*inner: str) -> str:
    return f"<w:p {NS}>{''.join(inner)}</w:p>"


def text_box(text: str) -> str:
    """A run holding a text box the way Word writes it: a DrawingML Choice and a VML Fallback."""
    content = f"<w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent>"
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r>"
    )


def field(instruction: str, result: str) -> str:
    def char(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    return f"{char('begin')}<w:r><w:instrText>{instruction}</w:instrText></w:r>{char('separate')}{run(result)}{char('end')}"


def table(*cells: str) -> str:
    return f"<w:tbl {NS}><w:tr>{''.join(f'<w:tc>{c}</w:tc>' for c in cells)}</w:tr></w:tbl>"


# name → (body XML after the first section heading, words that must arrive, words that must not)
STRUCTURES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "insertion": ([para(run("我厅落实"), f'<w:ins w:id="1" w:author="a">{run("标记插入。")}</w:ins>')], ["标记插入"], []),
    "deletion": (
        [para(run("我厅落实标记保留，"), f'<w:del w:id="2" w:author="a"><w:r><w:delText>标记删除</w:delText></w:r></w:del>', run("完成。"))],
        ["标记保留"], ["标记删除"],
    ),
    "move": (
        [para(f'<w:moveFrom w:id="3" w:author="a">{run("标记移出")}</w:moveFrom>', run("我厅落实。")),
         para(run("我厅推进"), f'<w:moveTo w:id="4" w:author="a">{run("标记移入。")}</w:moveTo>')],
        ["标记移入"], ["标记移出"],
    ),
    "block content control": (
        [f'<w:sdt {NS}><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent>{para(run("标记块控件。"))}'
         f'{table(para(run("标记控件内表格。")))}</w:sdtContent></w:sdt>'],
        ["标记块控件", "标记控件内表格"], [],
    ),
    "run content control": (
        [para(run("我厅落实"), f'<w:sdt><w:sdtPr><w:tag w:val="x"/></w:sdtPr><w:sdtContent>{run("标记行内控件")}</w:sdtContent></w:sdt>', run("。"))],
        ["标记行内控件"], [],
    ),
    "text box": ([para(run("我厅落实工作。"), text_box("标记文本框。"))], ["标记文本框"], []),
    "smart tag": (
        [para(run("我厅在"), f'<w:smartTag w:uri="urn:x" w:element="place">{run("标记智能标签")}</w:smartTag>', run("落实。"))],
        ["标记智能标签"], [],
    ),
    "simple field": (
        [para(run("我厅落实"), f'<w:fldSimple w:instr=" DOCPROPERTY 标记指令甲 ">{run("标记简单域")}</w:fldSimple>', run("。"))],
        ["标记简单域"], ["标记指令甲"],
    ),
    "complex field": (
        [para(run("我厅落实"), field(" MERGEFIELD 标记指令乙 ", "标记域结果"), run("。"))],
        ["标记域结果"], ["标记指令乙"],
    ),
    "hyperlink": (
        [para(run("详见"), f'<w:hyperlink w:anchor="x">{run("标记超链接")}</w:hyperlink>', run("。"))],
        ["标记超链接"], [],
    ),
    "custom XML": (
        [f'<w:customXml {NS} w:element="x">{para(run("标记块自定义。"))}</w:customXml>',
         para(run("我厅落实"), f'<w:customXml w:element="y">{run("标记行内自定义")}</w:customXml>', run("。"))],
        ["标记块自定义", "标记行内自定义"], [],
    ),
    "nested table": (
        [table(para(run("标记外层表格。")), table(para(run("标记内层表格。"))) + "<w:p/>")],
        ["标记外层表格", "标记内层表格"], [],
    ),
    "math": (
        [para(run("增长率为"), f"<m:oMath><m:r><m:t>标记公式</m:t></m:r></m:oMath>", run("。"))],
        ["标记公式"], [],
    ),
    "VML WordArt": (
        [para(run("我厅落实工作。"), '<w:r><w:pict><v:shape><v:textpath string="标记艺术字"/></v:shape></w:pict></w:r>')],
        ["标记艺术字"], [],
    ),
    "insertion in a table in a text box": (
        [para(run("我厅落实工作。"), text_box("标记框内").replace(
            f"<w:p>{run('标记框内')}</w:p>",
            "<w:tbl><w:tr><w:tc><w:p>"
            f'<w:ins w:id="7" w:author="a" w:date="2024-01-01T00:00:00Z">{run("标记框中表格插入")}</w:ins>'
            "</w:p></w:tc></w:tr></w:tbl><w:p/>",
        ))],
        ["标记框中表格插入"], [],
    ),
    "hidden text": (
        [para(run("我厅落实工作。"), '<w:r><w:rPr><w:vanish/></w:rPr><w:t>标记隐藏</w:t></w:r>')],
        ["标记隐藏"], [],  # quoted in a 待核 note, not in the letter
    ),
}  # fmt: skip


def build(tmp_path: Path, body: list[str], name: str = "structure.docx") -> Path:
    document = docx.Document()
    for text in HEAD:
        document.add_paragraph(text)
    anchor = paragraph_element(document.paragraphs[-1])
    for xml in reversed(body):
        anchor.addnext(parse_xml(xml))
    for text in FOOT:
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(str(path))
    return path


def imported(path: Path, tmp_path: Path) -> str:
    out = tmp_path / "out.yaml"
    import_file(path, out)
    text = out.read_text(encoding="utf-8")
    replygen.loads(text, str(out))  # the draft loads back
    return text


def assert_once(text: str, present: list[str], absent: list[str]) -> None:
    assert {word: text.count(word) for word in present} == dict.fromkeys(present, 1)
    assert {word: text.count(word) for word in absent} == dict.fromkeys(absent, 0)


@pytest.mark.parametrize("name", STRUCTURES)
def test_each_word_arrives_once(name: str, tmp_path: Path) -> None:
    body, present, absent = STRUCTURES[name]
    text = imported(build(tmp_path, body), tmp_path)
    assert_once(text, present + ["引才", "吉林省科学技术厅"], absent)


def test_body_words_are_in_the_letter_not_in_notes(tmp_path: Path) -> None:
    body = [xml for name, (parts, _, _) in STRUCTURES.items() if name != "hidden text" for xml in parts]
    path = build(tmp_path, body)
    doc = replygen.parse_docx(path)
    letter = replygen.render_text(doc)
    words = [w for name, (_, present, _) in STRUCTURES.items() if name != "hidden text" for w in present]
    assert [w for w in words if letter.count(w) != 1] == []
    assert "标记隐藏" not in replygen.render_text(replygen.parse_docx(build(tmp_path, STRUCTURES["hidden text"][0])))


def add_part(path: Path, part: str, kind: str, content_type: str, xml: str) -> None:
    """Add a part the document relates to (python-docx writes no footnotes part)."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    rels = members["word/_rels/document.xml.rels"].decode()
    rel = (
        f'<Relationship Id="rIdTest{len(rels)}" Target="{part.removeprefix("word/")}" '
        f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"/>'
    )
    members["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode()
    types = members["[Content_Types].xml"].decode()
    override = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
    members["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    members[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)


def test_headers_and_footers(tmp_path: Path) -> None:
    path = build(tmp_path, [para(run("我厅落实工作。"))])
    document = docx.Document(str(path))
    section = document.sections[0]
    section.header.paragraphs[0].text = "标记页眉"
    footer = paragraph_element(section.footer.paragraphs[0])
    footer.append(parse_xml(f"<w:r {NS}><w:t>— </w:t></w:r>"))
    for xml in parse_xml(f"<w:p {NS}>{field(' PAGE ', '1')}</w:p>"):
        footer.append(xml)
    footer.append(parse_xml(f"<w:r {NS}><w:t> —</w:t></w:r>"))
    section.even_page_header.paragraphs[0].text = "标记偶数页眉"
    document.settings.odd_and_even_pages_header_footer = True
    document.save(str(path))
    text = imported(path, tmp_path)
    assert_once(text, ["标记页眉", "标记偶数页眉"], [])
    # The page number is the layout's, not text to check: no note about the footer.
    assert "原文页脚" not in text
    assert "标记页眉" in next(line for line in text.splitlines() if line.startswith("# 待核"))


def test_footnotes_endnotes_and_comments(tmp_path: Path) -> None:
    path = build(tmp_path, [para(run("我厅落实工作。"), '<w:r><w:footnoteReference w:id="1"/></w:r>',
                                 '<w:r><w:commentReference w:id="0"/></w:r>')])
    # Written by hand rather than with Document.add_comment, which python-docx has only since 1.2.
    comments_xml = f'<w:comments {NS}><w:comment w:id="0" w:author="审核人"><w:p>{run("标记批注")}</w:p></w:comment></w:comments>'
    add_part(path, "word/comments.xml", "comments",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml", comments_xml)  # fmt: skip
    notes_xml = (
        f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p>{run("标记脚注")}</w:p></w:footnote></w:footnotes>'
    )
    add_part(path, "word/footnotes.xml", "footnotes",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", notes_xml)  # fmt: skip
    end_xml = f'<w:endnotes {NS}><w:endnote w:id="1"><w:p>{run("标记尾注")}</w:p></w:endnote></w:endnotes>'
    add_part(path, "word/endnotes.xml", "endnotes",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml", end_xml)  # fmt: skip
    text = imported(path, tmp_path)
    assert_once(text, ["标记脚注", "标记尾注", "标记批注"], [])
    notes = [line for line in text.splitlines() if line.startswith("# 待核")]
    assert all(any(word in line for line in notes) for word in ("标记脚注", "标记尾注", "标记批注"))


def test_a_field_that_never_ends_loses_nothing(tmp_path: Path) -> None:
    # Without its end (and separator) everything after the begin counts as field code.
    broken = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + run("标记未结束域。")
    text = imported(build(tmp_path, [para(run("我厅落实工作。")), para(broken)]), tmp_path)
    assert_once(text, ["标记未结束域", "引才"], [])
    assert "未结束的域" in text


def test_embedded_objects_are_counted(tmp_path: Path) -> None:
    body = [para(run("我厅落实工作。"), '<w:r><w:object><v:shape/></w:object></w:r>'),
            f'<w:altChunk {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId99"/>']  # fmt: skip
    text = imported(build(tmp_path, body), tmp_path)
    assert "原文有 2 个嵌入的对象或文档" in text
