"""The .docx writer: lays the block stream out on a cached base package.

Per document only the body is built, from the base's prepared property elements (no style
look-ups), and only ``word/document.xml`` is compressed; every other part's bytes come from
the base's skeleton zip.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterable, Iterator

from lxml import etree

from ..blocks import Block
from ..docinfo import DocInfo
from ..layout import JoinedDocno, break_title, docno_with_signer, place_signature, printed_width
from . import ooxml as ox
from .frozen import DOCUMENT_PART, Base, zip_info
from . import letterhead as lh
from .imprint import IMPRINT_ROLES, imprint
from .profile import Profile
from .props import CORE_PART, CUSTOM_PART, core_xml, custom_xml

__all__ = ["finish_package", "write_package"]

_HEADER_ROLES = ("draft", "mark", "signer", "docno")
_ATTACHMENT_LABEL = 3  # “附件：”
_P = ox.qn("w:p")
_BR = ox.qn("w:br")
_clone = etree._Element.__copy__  # lxml copies the whole subtree in C; copy.deepcopy adds overhead
_NSMAP = {"w": ox.W}
# Level 1 deflate: document.xml is the only part compressed per document, and level 6 took
# twice as long for a file a few per cent smaller.
_COMPRESS_LEVEL = 1


def write_package(blocks: Iterable[Block], base: Base, profile: Profile, info: DocInfo | None = None) -> bytes:
    """The .docx bytes for ``blocks``; ``info`` gives the seal and the document properties."""
    info = info or DocInfo()
    blocks = list(blocks)
    root = copy.deepcopy(base.document)
    body = root.find(ox.qn("w:body"))
    if not lh.enabled(profile):  # the built-in 版头 replaces a reference document's
        for element in base.prefix:
            body.append(copy.deepcopy(element))
    for paragraph in _paragraphs(blocks, base, profile, info):
        body.append(paragraph)
    return finish_package(root, base, "".join(b.text for b in blocks if b.role == "title"), info)


def finish_package(root: etree._Element, base: Base, title: str, info: DocInfo) -> bytes:
    """The .docx of ``root`` (the base's ``w:document`` with its body filled in): the base's
    page setup closes the body, and the skeleton's parts join the document and its properties."""
    root.find(ox.qn("w:body")).append(copy.deepcopy(base.sectpr))
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO(base.skeleton)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a") as package:
        package.writestr(zip_info(DOCUMENT_PART), xml, compresslevel=_COMPRESS_LEVEL)
        package.writestr(zip_info(CORE_PART), core_xml(title, info), compresslevel=_COMPRESS_LEVEL)
        package.writestr(zip_info(CUSTOM_PART), custom_xml(info), compresslevel=_COMPRESS_LEVEL)
    return out.getvalue()


def _ordered(blocks: list[Block]) -> list[Block]:
    """Drop the website header and put the 版头 items above the title (§7.2, §7.3.1).

    Header lines (``docline``) stay where the template put them: those above the title
    (an issuer line) open the page, one below it (a 文号 the house style sets there) stays.
    """
    blocks = [b for b in blocks if b.role != "meta"]
    start = next((i for i, b in enumerate(blocks) if b.role not in {"title", "docline", *_HEADER_ROLES}), len(blocks))
    head, rest = blocks[:start], blocks[start:]
    first_title = next((i for i, b in enumerate(head) if b.role == "title"), len(head))
    header = sorted((b for b in head if b.role in _HEADER_ROLES), key=lambda b: _HEADER_ROLES.index(b.role))
    top = [b for b in header if b.role in {"draft", "mark"}]  # like 密级, above the 标志 (§7.2.2)
    above = [b for b in head[:first_title] if b.role == "docline"]
    below = [b for b in head[first_title:] if b.role in {"title", "docline"}]
    return top + above + header[len(top) :] + below + rest


def _paragraphs(blocks: list[Block], base: Base, profile: Profile, info: DocInfo) -> Iterator[etree._Element]:
    blanks = profile["blank_lines"]
    ordered = _ordered(blocks)
    joined = docno_with_signer(
        ((b.role, b.text) for b in ordered), profile["grid"]["chars_per_line"], printed_width,
        side_chars=profile["header"]["signer_side_chars"],
    )  # fmt: skip
    out: list[etree._Element] = []
    head = lh.enabled(profile)  # a 版头 still to print
    rule = head and not profile.letter  # 文件格式: the red rule under the 发文字号 (§7.2.7)
    for index, block in enumerate(ordered):
        role = block.role
        previous = ordered[index - 1].role if index else ""
        if head and (profile.letter or role not in {"draft", "mark"}):  # §10.1: 份号 … below the 版头
            out.extend(lh.letterhead(info.issuer, base, profile, len(out)))
            if not profile.letter:
                out.extend(_blank(base) for _ in range(blanks["after_letterhead"]))
            if rule and role != "docno" and not any(b.role == "docno" for b in ordered):
                out.append(lh.rule_paragraph(base, profile))
            head = False
        if role == "signer" and joined or role in IMPRINT_ROLES:
            continue  # on the 发文字号's line; the 版记 floats at the foot of the last page, below
        if role == "title" and out and previous != "title":
            out.extend(_blank(base) for _ in range(blanks["before_title"]))
        elif role == "salutation" and previous == "title":
            out.extend(_blank(base) for _ in range(blanks["after_title"]))
        elif role == "attachment" and previous != "attachment":
            out.extend(_blank(base) for _ in range(blanks["before_attachment"]))
        if role == "signature":
            date = ordered[index + 1] if index + 1 < len(ordered) and ordered[index + 1].role == "date" else None
            _keep_with_next(out)  # the 落款 never stands alone on a page
            out.extend(_signature(block, date, base, profile, info.seal, bool(out)))
        elif role == "title":
            out.append(_title(block, base))
        elif role == "date" and previous == "signature":
            continue  # placed with its signature
        elif role == "date":
            # A date without a 署名 (the house style's choice): 右空四字, as under a seal (§7.3.5.1).
            out.extend(_blank(base) for _ in range(blanks["before_signature"]))
            out.append(_placed(block, base, profile, profile["signature"]["sealed_right_chars"], keep_next=False))
        elif role == "signer":
            out.append(_signer(block.text, base, _clone(base.ppr["signer"])))
        elif role == "docno":
            p = _docno_with_signer(block, joined, base, profile) if joined else _paragraph(block, base, _clone(base.ppr["docno"]))
            if rule:
                lh.docno_rule(p.find(ox.qn("w:pPr")), profile)
            out.append(p)
        elif role == "attachment" and previous == "attachment":
            # §7.3.4: further attachment names align with the first one, after “附件：”
            ppr = copy.deepcopy(base.ppr["attachment"])
            ox.set_indent(ppr, char_twips=profile.char_twips, left_chars=2 + _ATTACHMENT_LABEL)
            out.append(_paragraph(block, base, ppr))
        else:
            out.append(_paragraph(block, base))
    out.extend(imprint(ordered, base, profile))
    yield from out


def _paragraph(block: Block, base: Base, ppr: etree._Element | None = None) -> etree._Element:
    p = etree.Element(_P, nsmap=_NSMAP)
    p.append(_clone(ppr if ppr is not None else base.ppr[block.role]))
    runs = base.runs
    for run in block.runs:
        r = _clone(runs[run.lead])  # a prepared w:r with its rPr and an empty w:t
        r[-1].text = run.text
        p.append(r)
    return p


def _title(block: Block, base: Base) -> etree._Element:
    """The title in one paragraph, its lines broken by meaning (§7.3.1) with line breaks."""
    p = etree.Element(_P, nsmap=_NSMAP)
    p.append(_clone(base.ppr["title"]))
    for n, line in enumerate(break_title(block.text)):
        r = _clone(base.runs[0])
        if n:
            r[-1].addprevious(etree.Element(_BR))
        r[-1].text = line
        p.append(r)
    return p


def _blank(base: Base, *, keep_next: bool = False) -> etree._Element:
    """An empty paragraph one grid line high: the standard counts blank lines, not points."""
    p = ox.element("w:p")
    ppr = copy.deepcopy(base.ppr["blank"])
    if keep_next:
        ox.set_keep_next(ppr)
    p.append(ppr)
    return p


def _keep_with_next(out: list[etree._Element]) -> None:
    if out:
        ppr = out[-1].find(ox.qn("w:pPr"))
        ox.set_keep_next(ppr)


def _signer(text: str, base: Base, ppr: etree._Element, before: tuple[etree._Element, ...] = ()) -> etree._Element:
    """签发人 (§7.2.6): the label in 仿宋, the name in 楷体, after the runs ``before``."""
    p = ox.element("w:p")
    p.append(ppr)
    p.extend(before)
    label, sep, name = text.partition("：")
    if not sep:
        ox.text_run(text, base.run_rpr, parent=p)
        return p
    p.append(ox.text_run(label + sep, base.run_rpr))
    p.append(ox.text_run(name, base.signer_name_rpr))
    return p


def _docno_with_signer(block: Block, joined: JoinedDocno, base: Base, profile: Profile) -> etree._Element:
    """§7.2.4–7.2.5: a tab to the 发文字号 居左空一字, another to the 签发人 居右空一字.

    Tab stops, not indents, so that a red rule under the line (§7.2.7) spans the 版心.
    """
    side = round(joined.side_chars * profile.char_twips)
    ppr = _clone(base.ppr["docno"])
    ox.set_tabs(ppr, [("left", side), ("right", profile.text_width_twips - side)])
    ox.set_jc(ppr, "left")
    before = (ox.tab_run(base.run_rpr), ox.text_run(block.text, base.run_rpr), ox.tab_run(base.run_rpr))
    return _signer(joined.signer, base, ppr, before)


def _signature(
    block: Block, date: Block | None, base: Base, profile: Profile, seal: bool, after_text: bool
) -> list[etree._Element]:
    """§7.3.5: the 署名 and the date as :func:`replygen.layout.place_signature` places them.

    Both are right-aligned with right indents, so neither wraps whatever its width; the 落款
    never stands alone on a page.
    """
    sign, blanks = profile["signature"], profile["blank_lines"]
    place = place_signature(
        block.text, date.text if date is not None else None, seal=seal,
        right_chars=sign["right_chars"], sealed_right_chars=sign["sealed_right_chars"],
        shift_chars=sign["shift_chars"],
        blank_lines=blanks["before_signature"], sealed_blank_lines=blanks["before_sealed_signature"],
        width=printed_width,
    )  # fmt: skip
    result = [_blank(base, keep_next=True) for _ in range(place.blank_lines if after_text else 0)]
    result.append(_placed(block, base, profile, place.signature_right, keep_next=date is not None))
    if date is not None:
        result.append(_placed(date, base, profile, place.date_right, keep_next=False))
    return result


def _placed(block: Block, base: Base, profile: Profile, right_chars: float, *, keep_next: bool) -> etree._Element:
    ppr = copy.deepcopy(base.ppr[block.role])
    ox.set_indent(ppr, char_twips=profile.char_twips, right_chars=right_chars)
    if keep_next:
        ox.set_keep_next(ppr)
    return _paragraph(block, base, ppr)
