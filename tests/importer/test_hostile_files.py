"""Malformed and hostile files given to `replygen import`: a Chinese error naming the file, exit 1,
no traceback and nothing written; never a crash, an expanded entity or a fetched file."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import docx
import pytest

import replygen
from replygen.cli import main
from replygen.importer import docx as docx_reader
from replygen.importer import import_file, source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LETTER = [
    "对省政协十三届一次会议第71号委员提案的答复",
    "王芳委员：",
    "您在省政协十三届一次会议上提出的《关于支持青年科技人才的建议》收悉，经认真研究办理，现答复如下：",
    "我厅设立专项资金。",
    "感谢您对全省科技工作的关心和支持。",
    "吉林省科学技术厅",
    "2023年6月1日",
]


def good_docx() -> bytes:
    document = docx.Document()
    for text in LETTER:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def replace_part(data: bytes, part: str, content: bytes | None, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """``data`` with ``part`` replaced by ``content`` (removed when None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source_zip, zipfile.ZipFile(out, "w", compress) as target:
        for info in source_zip.infolist():
            if info.filename != part:
                target.writestr(info.filename, source_zip.read(info))
        if content is not None:
            target.writestr(part, content)
    return out.getvalue()


def body(xml: str) -> bytes:
    return f'<w:document xmlns:w="{W}"><w:body>{xml}</w:body></w:document>'.encode()


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def nested_tables(depth: int) -> str:
    inner = para("最里层。")
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
    return inner


def ole(extra: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + extra + b"\x00" * 500


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "laugh">'
    + b"".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'.encode() for n in range(9))
    + f'<!ENTITY ext SYSTEM "file:///etc/passwd">]><w:document xmlns:w="{W}"><w:body>'.encode()
    + b"<w:p><w:r><w:t>&j;&ext;</w:t></w:r></w:p></w:body></w:document>"
)


def encrypted_member() -> bytes:
    """A zip whose member is marked as password-protected (bit 0 of its flags)."""
    data = bytearray(good_docx())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local and central headers
        start = data.find(signature)
        while start != -1:
            data[start + offset] |= 0x1
            start = data.find(signature, start + 4)
    return bytes(data)


# name → (file name, bytes, fragment of the message)
CASES = {
    "not a zip": ("old.docx", b"this is not a zip file at all", "不是 zip 格式"),
    "empty file": ("empty.docx", b"", "不是 zip 格式"),
    "truncated zip": ("cut.docx", good_docx()[:300], "不是 zip 格式"),
    "zip without document.xml": ("nodoc.docx", replace_part(good_docx(), "word/document.xml", None), "没有 Word 正文"),
    "bad XML": ("badxml.docx", replace_part(good_docx(), "word/document.xml", b"<w:document><w:body>"), "XML 格式错误"),
    "not a Word body": ("root.docx", replace_part(good_docx(), "word/document.xml", b"<html/>"), "不是 Word 正文"),
    "billion laughs and external entity": (
        "laughs.docx", replace_part(good_docx(), "word/document.xml", BILLION_LAUGHS), "含有 DTD"),
    "Strict Open XML": (
        "strict.docx", replace_part(good_docx(), "word/document.xml",
                                    b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>'),
        "Strict Open XML"),
    "deep XML": ("deep.docx", replace_part(good_docx(), "word/document.xml", body("<w:sdt>" * 300 + "</w:sdt>" * 300)),
                 "嵌套过深"),
    "tables nested too deep": (
        "tables.docx", replace_part(good_docx(), "word/document.xml", body(nested_tables(docx_reader.MAX_TABLE_DEPTH + 1))),
        f"表格嵌套超过 {docx_reader.MAX_TABLE_DEPTH} 层"),
    "zip bomb by ratio": (
        "bomb.docx", replace_part(good_docx(), "word/document.xml", body(" " * 5_000_000)), f"压缩比超过 {docx_reader.MAX_RATIO} 倍"),
    "encrypted zip member": ("zipcrypt.docx", encrypted_member(), "已加密"),
    "encrypted .docx (OLE)": ("secret.docx", ole("EncryptedPackage".encode("utf-16-le")), "设有打开密码"),
    ".doc renamed to .docx": ("renamed.docx", ole(), "旧版 Word 文件（.doc）"),
    ".doc": ("old.doc", ole(), "不支持旧版 .doc"),
    "docx with no text": ("blank.docx", replace_part(good_docx(), "word/document.xml", body("<w:p/>")), "没有可导入的文字"),
    "txt not decodable": ("bytes.txt", b"\x80\x81\x82abc\xff\xfe" * 10, "不是 UTF-8 编码"),
    "txt with control characters": ("ctrl.txt", "王芳委员：\n您好\x01。\n".encode(), "控制字符 U+0001"),
    "txt with NUL": ("nul.txt", "王芳委员：\n您好\x00。\n".encode(), "控制字符 U+0000"),
}  # fmt: skip


def check_refused(path: Path, fragment: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.yaml"
    with pytest.raises(replygen.InputError) as caught:
        import_file(path, out)
    assert fragment in str(caught.value)
    assert caught.value.problems[0].file == str(path)
    # Said in Chinese: no sentence of a library's English (lxml's, zipfile's) reaches the clerk.
    message = caught.value.problems[0].message
    assert not re.search(r"[A-Za-z]{3,} [a-z]{3,}", message), message
    assert main(["import", str(path), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert fragment in captured.err and str(path) in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left either


@pytest.mark.parametrize("name", CASES)
def test_refused_with_a_clear_message(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    filename, data, fragment = CASES[name]
    path = tmp_path / filename
    path.write_bytes(data)
    check_refused(path, fragment, tmp_path, capsys)


def test_control_character_is_located(tmp_path: Path) -> None:
    path = tmp_path / "ctrl.txt"
    path.write_bytes("王芳委员：\n您好\x01。\n".encode())
    with pytest.raises(replygen.InputError) as caught:
        import_file(path)
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (2, 3)


def test_part_larger_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Checked from the zip directory, before the part is decompressed.
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", 1000)
    path = tmp_path / "big.docx"
    path.write_bytes(replace_part(good_docx(), "word/document.xml", body(para("正文。" * 500)), zipfile.ZIP_STORED))
    check_refused(path, "超过上限", tmp_path, capsys)


def test_huge_text_file_is_not_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_bytes("正文。".encode() * 1000)
    check_refused(path, "文件超过", tmp_path, capsys)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs an endless file")
def test_endless_text_file_is_refused_unread() -> None:
    # A device is refused by its kind before any byte is read; a regular file that grows is
    # bounded by the size limit (tests/test_load.py).
    with pytest.raises(replygen.InputError, match="这是一个设备"):
        import_file("/dev/zero")


def test_entities_are_neither_expanded_nor_fetched() -> None:
    # The parser's own settings, independent of the DTD refusal above.
    from lxml import etree

    xml = (
        '<!DOCTYPE r [<!ENTITY inner "expanded"><!ENTITY ext SYSTEM "file:///etc/passwd">]>'
        "<r><t>&inner;&ext;</t></r>"
    ).encode()
    root = etree.fromstring(xml, docx_reader._parser())
    text = "".join(t for t in root.itertext() if not t.startswith("&"))  # unexpanded references
    assert "expanded" not in text and "root:" not in text
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(BILLION_LAUGHS, docx_reader._parser())


def test_undefined_numbering_is_read_as_plain_text(tmp_path: Path) -> None:
    # numIds without a definition, a non-numeric level and a broken numbering part: no number.
    paragraphs = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
        f"<w:r><w:t>{text}</w:t></w:r></w:p>"
        for lvl, num, text in (("0", "99", "编号甲。"), ("x", "1", "编号乙。"), ("0", "", "编号丙。"))
    )
    xml = body("".join(para(t) for t in LETTER[:3]) + paragraphs + "".join(para(t) for t in LETTER[4:]))
    data = replace_part(good_docx(), "word/document.xml", xml)
    numbering = f'<w:numbering xmlns:w="{W}"><w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num></w:numbering>'
    path = tmp_path / "numbering.docx"
    path.write_bytes(replace_part(data, "word/numbering.xml", numbering.encode()))
    doc = replygen.parse_docx(path)
    assert isinstance(doc, replygen.Reply)
    assert doc.preamble == ["编号甲。", "编号乙。", "编号丙。"]


def test_damaged_copies_never_crash(tmp_path: Path) -> None:
    """Bytes of a good .docx changed at random: each import succeeds or is an InputError."""
    good = good_docx()
    rng = random.Random(20240531)
    path = tmp_path / "damaged.docx"
    outcomes = set()
    for _ in range(150):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        try:
            import_file(path, tmp_path / "out.yaml")
            outcomes.add("imported")
        except replygen.InputError as exc:
            assert str(path) in str(exc)
            outcomes.add("refused")
    assert outcomes == {"imported", "refused"}  # both paths were exercised


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(docx_reader, "MAX_ENTRIES", 5)  # python-docx's package has about a dozen
    path = tmp_path / "many.docx"
    path.write_bytes(good_docx())
    check_refused(path, "超过上限 5", tmp_path, capsys)


def test_docx_larger_than_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(docx_reader, "MAX_DOCX_BYTES", 1000)
    path = tmp_path / "large.docx"
    path.write_bytes(good_docx())
    check_refused(path, "超过 .docx 的上限", tmp_path, capsys)
