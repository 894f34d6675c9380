"""Read a .docx reply as the lines the text importer understands.

The package is read directly (zip directory checked first, XML parsed with entities, DTDs
and network access off), not through python-docx, so that a hostile file is refused with a
clear message and every structure that holds visible text is walked:

- body paragraphs and tables (nested ones too), block- and run-level content controls
  (``w:sdt``), ``w:customXml``, smart tags, hyperlinks, simple fields and the results of
  complex fields, tracked insertions and moves (``w:ins``, ``w:moveTo``);
- text boxes (``w:txbxContent``) and VML WordArt, each of an ``mc:AlternateContent`` taken
  once (its first ``mc:Choice``, or its ``mc:Fallback`` when it has none), as paragraphs after
  the paragraph that anchors them; equations' text;
- deleted text (``w:del``, ``w:moveFrom``) and field instructions are not visible and are left
  out; hidden text (``w:vanish``), headers and footers other than page numbers, footnotes,
  endnotes and comments do not belong in the letter's body and are quoted in 待核 notes, as is
  the code of a field that never ends; embedded objects and documents (``w:object``,
  ``w:altChunk``), whose text cannot be read here, are counted in a note.

Word keeps automatic numbering (一、（一）1.) outside the paragraph text, in the numbering
part, and marks headings by style. Both are turned back into the typed numbers a text file
would carry, so the rest of the pipeline sees one kind of input.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from ..errors import DecodeError, Problem, os_reason
from .docprops import header_lines
from .source import Source

__all__ = ["MAX_DOCX_BYTES", "MAX_PART_BYTES", "MAX_RATIO", "MAX_TABLE_DEPTH", "docx_text"]

# Limits, all checked before anything is decompressed or walked. A reply's document.xml is
# well under 1 MB; the limits leave a wide margin and still stop a zip bomb.
MAX_DOCX_BYTES = 100_000_000  # the .docx file itself (images included)
MAX_PART_BYTES = 50_000_000  # one XML part, uncompressed, as the zip directory declares it
MAX_RATIO = 200  # uncompressed / compressed size of one part (Word's XML compresses 5–20×)
MAX_ENTRIES = 10_000  # members in the zip directory
MAX_TABLE_DEPTH = 10  # tables inside tables; libxml2 itself refuses XML deeper than 256

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_W_NS}}}"
_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# What each level's number looks like in the text the classifier reads.
_MARKER = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)
_TYPED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")
# Not visible: deleted text, moved-away text, field instructions, properties.
_SKIP = {
    f"{_W}{name}"
    for name in (
        "del", "moveFrom", "instrText", "delInstrText", "delText", "pPr", "rPr", "sdtPr", "sdtEndPr",
        "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "footnoteReference", "endnoteReference",
        "commentReference", "fldData", "annotationRef",
    )
}  # fmt: skip
# Characters a letter cannot carry (and YAML refuses): controls other than tab and newline.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A header or footer line made of nothing but a page number: the templates write their own.
_PAGE_NUMBER = re.compile(r"^(?:[\s\d—–\-－·第页共/|.]|PAGE)*$")


def _fail(name: str, message: str) -> DecodeError:
    return DecodeError(Problem(message, name))


# --- the package ------------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    # No entity expansion (billion laughs), no DTD or external files, no network.
    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )  # fmt: skip


class _Package:
    """The zip directory, checked before any member is read, and the parts read from it."""

    def __init__(self, name: str) -> None:
        self.name = name
        try:
            size = os.path.getsize(name)
            with open(name, "rb") as handle:
                head = handle.read(8)
        except OSError as exc:
            raise _fail(name, f"无法读取文件：{os_reason(exc)}") from None
        if head == _OLE_MAGIC:
            raise _fail(name, _ole_message(name))
        if size > MAX_DOCX_BYTES:
            raise _fail(name, f"文件大小 {size // 1_000_000} MB，超过 .docx 的上限 {MAX_DOCX_BYTES // 1_000_000} MB，不像是一份答复")
        try:
            self.zip = zipfile.ZipFile(name)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise _fail(name, "不是有效的 .docx 文件（不是 zip 格式，可能是改了扩展名的其他文件或已损坏），请在 Word 中另存为 .docx") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            self.zip.close()
            raise _fail(name, f".docx 中有 {len(infos)} 个部件，超过上限 {MAX_ENTRIES}，文件可能已损坏或是恶意构造的")
        self.infos = {info.filename: info for info in infos}

    def close(self) -> None:
        self.zip.close()

    def read(self, part: str) -> etree._Element | None:
        """The part's XML root; None when the package has no such part."""
        info = self.infos.get(part)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise _fail(self.name, f"部件 {part} 已加密，请在 Word 中取消密码后另存为 .docx")
        if info.file_size > MAX_PART_BYTES:
            raise _fail(
                self.name,
                f"部件 {part} 解压后有 {info.file_size // 1_000_000} MB，超过上限 {MAX_PART_BYTES // 1_000_000} MB，"
                "疑似压缩炸弹，已拒绝读取",
            )
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _fail(self.name, f"部件 {part} 的压缩比超过 {MAX_RATIO} 倍，疑似压缩炸弹，已拒绝读取")
        try:
            with self.zip.open(info) as member:
                # Never more than the limit and a byte, whatever the directory declared.
                data = member.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            # The library's own words are English; which part failed is what a clerk can use.
            raise _fail(self.name, f"部件 {part} 无法解压，文件可能已损坏，请在 Word 中重新另存为 .docx") from None
        if len(data) > MAX_PART_BYTES:  # the directory understated the size
            raise _fail(self.name, f"部件 {part} 解压后超过上限 {MAX_PART_BYTES // 1_000_000} MB，疑似压缩炸弹，已拒绝读取")
        if any(mark in data for mark in _DOCTYPE):
            # Office never writes one (OPC forbids DTDs); it is how entity bombs and external
            # entities get in. The parser would neither expand nor fetch them anyway.
            raise _fail(self.name, f"部件 {part} 含有 DTD（实体声明），Word 不会写出这种内容，疑似恶意构造，已拒绝读取")
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            why = "嵌套过深" if "depth" in str(exc).lower() else "XML 格式错误"
            where = f"（第 {exc.lineno} 行）" if exc.lineno else ""
            raise _fail(self.name, f"部件 {part} {why}{where}，文件可能已损坏或是恶意构造的") from None
        return root

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, part name) for ``part`` ("" for the package itself)."""
        folder, base = posixpath.split(part)
        root = self.read(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        for rel in root.iter(f"{_REL}Relationship") if root is not None else ():
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
        return out


def _ole_message(name: str) -> str:
    """An OLE compound file: an encrypted .docx or a Word 97–2003 .doc."""
    with open(name, "rb") as handle:
        head = handle.read(1 << 16)
    if "EncryptedPackage".encode("utf-16-le") in head:
        return "文件设有打开密码（已加密），无法读取；请在 Word 中取消密码后另存为 .docx"
    return "这是旧版 Word 文件（.doc），不是 .docx；请在 Word 中另存为 .docx 后再导入"


# --- numbering and styles --------------------------------------------------------------------


def _formats(numbering: etree._Element | None) -> dict[tuple[str, str], str]:
    """numId and ilvl → Word's number format name (with “paren” added for （一） patterns)."""
    if numbering is None:
        return {}
    abstract: dict[str, dict[str, str]] = {}
    for node in numbering.iter(f"{_W}abstractNum"):
        levels = {}
        for lvl in node.iter(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            text = lvl.find(f"{_W}lvlText")
            name = fmt.get(f"{_W}val", "") if fmt is not None else ""
            if text is not None and text.get(f"{_W}val", "").startswith(("（", "(")):
                name += "paren"
            levels[lvl.get(f"{_W}ilvl", "0")] = name.lower()
        abstract[node.get(f"{_W}abstractNumId", "")] = levels
    out: dict[tuple[str, str], str] = {}
    for num in numbering.iter(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        levels = abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {})
        for ilvl, name in levels.items():
            out[(num.get(f"{_W}numId", ""), ilvl)] = name
    return out


def _style_names(styles: etree._Element | None) -> dict[str, str]:
    if styles is None:
        return {}
    out = {}
    for style in styles.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        out[style.get(f"{_W}styleId", "")] = name.get(f"{_W}val", "") if name is not None else ""
    return out


def _val(parent: etree._Element | None, tag: str) -> str | None:
    node = parent.find(f"{_W}{tag}") if parent is not None else None
    return node.get(f"{_W}val") if node is not None else None


def _level(ppr: etree._Element | None, formats: dict[tuple[str, str], str], styles: dict[str, str]) -> int:
    """The level Word numbers or heads this paragraph at; 0 for body text.

    A numId with no definition shows no number in Word, so it gives none here either.
    """
    numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
    num_id, ilvl = _val(numpr, "numId"), _val(numpr, "ilvl") or "0"
    if num_id and num_id != "0" and (num_id, ilvl) in formats:
        fmt = formats[(num_id, ilvl)]
        # Word's own formats tell 一、 from 1. better than the indent level does.
        if "chinese" in fmt or "ideograph" in fmt:
            return 2 if fmt.endswith("paren") else 1
        return 3 if ilvl == "0" else 4
    style = _val(ppr, "pStyle")
    match = _HEADING_STYLE.match(styles.get(style or "", style or "").strip())
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 4 else 0


def _is_title_style(ppr: etree._Element | None, styles: dict[str, str]) -> bool:
    """A paragraph in the document's title style (Word's “Title”, shown as 标题)."""
    style = _val(ppr, "pStyle")
    return styles.get(style or "", style or "").strip().lower() in ("title", "标题")


# --- text ------------------------------------------------------------------------------------


def _hidden(run: etree._Element) -> bool:
    rpr = run.find(f"{_W}rPr")
    vanish = rpr.find(f"{_W}vanish") if rpr is not None else None
    # <w:vanish/> alone means hidden; w:val="0" (or false/off) turns it off again.
    return vanish is not None and vanish.get(f"{_W}val", "1").lower() not in ("0", "false", "off")


class _Walker:
    """Walks block content into lines; fields and floating text boxes carry across paragraphs."""

    def __init__(self, name: str, formats: dict[tuple[str, str], str], styles: dict[str, str]) -> None:
        self.name = name
        self.formats = formats
        self.styles = styles
        self.fields: list[bool] = []  # per open complex field: True once its result has begun
        self.unshown: list[str] = []  # text inside field instructions: shown only if a field never ends
        self.hidden: list[str] = []
        self.objects = 0
        self.notes: list[str] = []

    def story(self, root: etree._Element) -> list[str]:
        """The lines of one story (the body, a header, a note); fields do not cross stories."""
        self.fields, self.unshown = [], []
        lines = list(self.blocks(root))
        if self.fields and "".join(self.unshown).strip():
            # A field that never ends: Word would show its code, so its text is quoted, not lost.
            self.notes.append(f"原文有未结束的域，域代码中的文字未导入：{_quoted([''.join(self.unshown).strip()])}")
        return lines

    def finish(self) -> list[str]:
        """Notes about what the stories held but the letter does not."""
        hidden = [text for text in self.hidden if text.strip()]
        notes = [f"原文中的隐藏文字未导入：{_quoted(hidden)}"] if hidden else []
        if self.objects:
            notes.append(f"原文有 {self.objects} 个嵌入的对象或文档（如 Excel 表格），其中的文字无法导入，请对照原文补入")
        return notes + self.notes

    def blocks(self, element: etree._Element, tables: int = 0) -> Iterator[str]:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}p":
                yield from self.paragraph(child, tables)
            elif tag == f"{_W}altChunk":
                self.objects += 1
            elif tag == f"{_MC}AlternateContent":
                yield from self.blocks(_chosen(child), tables)
            elif tag == f"{_W}tbl":
                if tables >= MAX_TABLE_DEPTH:
                    raise _fail(self.name, f"表格嵌套超过 {MAX_TABLE_DEPTH} 层，答复中不会有这样的表格，文件可能是恶意构造的")
                yield from self.blocks(child, tables + 1)
            else:  # rows, cells, content controls, custom XML: their content is the letter's
                yield from self.blocks(child, tables)

    def paragraph(self, p: etree._Element, tables: int) -> Iterator[str]:
        parts: list[str] = []
        floating: list[str] = []
        self.inline(p, parts, floating, tables)
        text = _INVISIBLE.sub("", "".join(parts))
        level = _level(p.find(f"{_W}pPr"), self.formats, self.styles)
        # A line break inside a paragraph gives two lines; cleaning joins them again.
        lines = [line.strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        if lines and _is_title_style(p.find(f"{_W}pPr"), self.styles):
            lines = ["".join(lines)]  # a title broken for the page (§7.3.1) is one paragraph
        if lines and level and not _TYPED.match(lines[0]):
            lines[0] = _MARKER[level] + lines[0]
        yield from lines
        yield from floating

    def inline(self, element: etree._Element, parts: list[str], floating: list[str], tables: int) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}r" and _hidden(child):
                self.hidden.append(_INVISIBLE.sub("", "".join(child.itertext())))
                continue
            if tag == f"{_W}fldChar":
                kind = child.get(f"{_W}fldCharType")
                if kind == "begin":
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == f"{_W}txbxContent":
                floating.extend(self.blocks(child, tables))
                continue
            if tag == f"{_MC}AlternateContent":
                self.inline(_chosen(child), parts, floating, tables)
                continue
            if tag == f"{_W}object":
                self.objects += 1
            elif tag == _TEXTPATH:  # WordArt drawn by VML: its text is an attribute
                art = _INVISIBLE.sub("", child.get("string", "")).strip()
                floating.extend([art] if art else [])
            elif tag in _CHARACTERS or tag in _TEXT:
                # Inside a complex field's instructions nothing is shown.
                (parts if all(self.fields) else self.unshown).append(_characters(child))
            else:  # runs, insertions, hyperlinks, smart tags, fields, content controls, shapes
                self.inline(child, parts, floating, tables)


_CHARACTERS = {
    f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-", f"{_W}softHyphen": "",
}  # fmt: skip
_TEXT = {f"{_W}t", f"{_M}t", f"{_W}sym"}
_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"


def _characters(node: etree._Element) -> str:
    """What a text-carrying element shows: its text, a tab, a line break, a symbol."""
    if node.tag in _CHARACTERS:
        return _CHARACTERS[node.tag]
    if node.tag != f"{_W}sym":
        return node.text or ""
    # Symbol fonts map their glyphs to U+F0xx, which means nothing outside that font.
    try:
        code = int(node.get(f"{_W}char", ""), 16)
    except ValueError:
        return ""
    return "" if 0xF000 <= code <= 0xF0FF or code < 0x20 else chr(code)


def _chosen(alternate: etree._Element) -> etree._Element:
    """The one branch of an mc:AlternateContent to read: its first Choice, else its Fallback."""
    branch = alternate.find(f"{_MC}Choice")
    if branch is None:
        branch = alternate.find(f"{_MC}Fallback")
    return branch if branch is not None else etree.Element("none")


# --- outside the body ------------------------------------------------------------------------


def _quoted(lines: list[str]) -> str:
    return "；".join(f"“{line}”" for line in lines)


def _side_notes(package: _Package, walker: _Walker, rels: dict[str, tuple[str, str]]) -> list[str]:
    """待核 notes quoting what the document shows outside the letter's body."""
    notes: list[str] = []
    by_kind: dict[str, list[str]] = {}
    for kind, part in sorted(rels.values(), key=lambda r: r[1]):
        by_kind.setdefault(kind, []).append(part)
    labels = {"header": "页眉", "footer": "页脚"}
    for kind, label in labels.items():
        lines: list[str] = []
        for part in by_kind.get(kind, []):
            root = package.read(part)
            if root is not None:
                lines += [line for line in walker.story(root) if not _PAGE_NUMBER.match(line) and line not in lines]
        if lines:
            notes.append(f"原文{label}中的文字未导入（生成时页眉页脚由版式决定）：{_quoted(lines)}")
    for kind, label, item in (("footnotes", "脚注", "footnote"), ("endnotes", "尾注", "endnote")):
        lines = []
        for part in by_kind.get(kind, []):
            root = package.read(part)
            for note in root.iter(f"{_W}{item}") if root is not None else ():
                if note.get(f"{_W}type") in (None, "normal"):
                    lines.append("".join(walker.story(note)))
        if any(lines):
            notes.append(f"原文的{label}未导入，请决定是否写进正文：{_quoted([line for line in lines if line])}")
    for part in by_kind.get("comments", []):
        root = package.read(part)
        lines = ["".join(walker.story(c)) for c in root.iter(f"{_W}comment")] if root is not None else []
        if any(lines):
            notes.append(f"原文中的批注未导入：{_quoted([line for line in lines if line])}")
    return notes


# --- entry point ------------------------------------------------------------------------------


def docx_text(path: str | os.PathLike[str]) -> Source:
    """The document's paragraphs, one per line, with automatic numbers written out, and notes."""
    name = str(path)
    if not os.path.isfile(name):
        raise _fail(name, "文件不存在，请检查路径" if not os.path.exists(name) else "这不是一个文件")
    package = _Package(name)
    try:
        main = next((part for kind, part in package.relations("").values() if kind == "officeDocument"), "word/document.xml")
        document = package.read(main)
        if document is None:
            raise _fail(name, "文件是 zip 格式，但其中没有 Word 正文（word/document.xml），不是有效的 .docx")
        body = document.find(f"{_W}body")
        if document.tag == f"{{{_STRICT}}}document":
            raise _fail(name, "文件是“Strict Open XML”格式，暂不支持；请在 Word 中另存为“Word 文档（*.docx）”后再导入")
        if document.tag != f"{_W}document" or body is None:
            raise _fail(name, f"部件 {main} 不是 Word 正文（根元素不是 w:document/w:body），文件可能已损坏")
        rels = package.relations(main)
        parts = {kind: part for kind, part in rels.values()}
        walker = _Walker(name, _formats(package.read(parts["numbering"]) if "numbering" in parts else None),
                         _style_names(package.read(parts["styles"]) if "styles" in parts else None))  # fmt: skip
        lines = walker.story(body)
        notes = _side_notes(package, walker, rels)
        header = header_lines(package)
    finally:
        package.close()
    return Source(header + "\n".join(lines) + "\n", walker.finish() + notes)

