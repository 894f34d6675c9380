"""The base package: styles, settings, page setup and footers, built once per profile.

python-docx builds it (from its default template or a user's reference .docx); the gaps in
its API are filled through :mod:`.ooxml`. The result is :class:`.frozen.Parts`: the document part's
empty skeleton, the section properties, the style ids every block role uses, and a zip of
every part except ``word/document.xml``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.rel import Relationships
from docx.shared import Mm
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.styles.styles import Styles
from docx.text.paragraph import Paragraph
from lxml import etree

from .._pydocx import drop_package_relationship, paragraph_element
from ..errors import InputError, Problem
from . import ooxml as ox
from .frozen import DOCUMENT_PART, Parts, zip_info
from .profile import Profile
from .props import CORE_PART, CUSTOM_CONTENT_TYPE, CUSTOM_PART, CUSTOM_REL

__all__ = ["build_parts"]


_DROP_RELS = ("stylesWithEffects", "customXml", "thumbnail")


def build_parts(profile: Profile, reference: Path | None) -> Parts:
    document = _open(reference)
    _slim(document, keep_styles=reference is not None)
    ids = _define_styles(document, profile)
    _setup_section(document, profile)
    _setup_settings(document, profile)
    _footers(document, profile, ids)
    return _freeze(document, ids)


def _open(reference: Path | None) -> docx.document.Document:
    if reference is None:
        return docx.Document()
    try:
        return docx.Document(str(reference))
    except Exception as exc:  # python-docx raises several kinds for a bad package
        raise InputError(Problem(f"参考文档不是有效的 .docx 文件（{type(exc).__name__}）", str(reference))) from None


def _slim(document: docx.document.Document, *, keep_styles: bool) -> None:
    """Drop parts and styles nobody uses: they cost file size and every clerk's scrolling."""
    part, package = document.part, document.part.package
    for r_id in _unwanted(part.rels):
        part.drop_rel(r_id)  # none is referenced from document.xml, so each is dropped
    for r_id in _unwanted(package.rels):
        drop_package_relationship(package, r_id)
    if keep_styles:
        return
    styles = document.styles.element
    for style in styles.findall(ox.qn("w:style")):
        if style.get(ox.qn("w:default")) != "1":
            styles.remove(style)
    latent = styles.find(ox.qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)


def _unwanted(rels: Relationships) -> list[str]:
    return [r_id for r_id, rel in rels.items() if any(rel.reltype.endswith(name) for name in _DROP_RELS)]


def _body_sectpr(document: docx.document.Document) -> etree._Element:
    """The last section's properties (what ``document.sections[-1]`` wraps): the body's own."""
    sectpr: etree._Element = document.element.body.find(ox.qn("w:sectPr"))
    return sectpr


def _base_rpr(rpr: etree._Element, profile: Profile, font_key: str, size_pt: float) -> None:
    ox.set_fonts(rpr, profile.font(font_key), profile["fonts"]["latin"])
    ox.set_size(rpr, size_pt)
    ox.set_lang(rpr, profile["layout"]["lang"])


def _define_styles(document: docx.document.Document, profile: Profile) -> dict[str, str]:
    """Create the named styles; returns style key → style id."""
    names = profile["styles"]
    sizes, heads, grid = profile["sizes"], profile["headings"], profile["grid"]
    styles = document.styles
    ids: dict[str, str] = {}

    # docDefaults: anything without a style still gets the Chinese font and language.
    defaults = styles.element.find(ox.qn("w:docDefaults"))
    rpr_default = defaults.find(f"{ox.qn('w:rPrDefault')}/{ox.qn('w:rPr')}")
    rpr_default.clear()
    _base_rpr(rpr_default, profile, "fangsong", sizes["body_pt"])
    ppr_default = defaults.find(f"{ox.qn('w:pPrDefault')}/{ox.qn('w:pPr')}")
    if ppr_default is not None:
        ppr_default.clear()

    normal = _paragraph_style(styles, names["body"], None, "Normal")
    ids["body"] = normal.style_id
    ppr, rpr = _props(normal)
    ox.set_widow_control(ppr, False)  # GB/T wants every page full: 22 lines
    ox.set_snap_to_grid(ppr, False)
    ox.set_overflow_punct(ppr, False)  # no punctuation hanging past the 版心: 28 characters a line
    ox.set_line_exact(ppr, grid["line_pitch_twips"])
    ox.set_indent(ppr, char_twips=profile.char_twips, first_chars=2)
    ox.set_jc(ppr, "both")
    _base_rpr(rpr, profile, "fangsong", sizes["body_pt"])
    ox.set_char_spacing(rpr, grid["char_spacing_pt"])

    def para(key: str, *, font: str = "fangsong", size: float | None = None, jc: str = "left",
             first: float = 0, left: float = 0, right: float = 0, hanging: float = 0,
             bold: bool = False, keep_next: bool = False, spacing: float | None = None,
             outline: int | None = None, auto_space: bool = True) -> None:
        if (own := _find(styles, names[key])) is not None:  # a reference document's own style wins
            ids[key] = own.style_id
            return
        style = _paragraph_style(styles, names[key], normal, f"Replygen{key.title()}")
        ids[key] = style.style_id
        ppr, rpr = _props(style)
        if keep_next:
            ox.set_keep_next(ppr)
        step = round((size or sizes["body_pt"]) * 20)
        ox.set_indent(ppr, char_twips=step, first_chars=first, left_chars=left, right_chars=right,
                      hanging_chars=hanging)
        ox.set_jc(ppr, jc)
        _base_rpr(rpr, profile, font, size or sizes["body_pt"])
        if bold:
            ox.set_bold(rpr, True)
        if spacing is not None:
            ox.set_char_spacing(rpr, spacing)
        if outline is not None:
            ox.set_outline_level(ppr, outline)
        if not auto_space:
            ox.set_auto_space(ppr, False)

    # Outline levels put the title and the first two heading levels in Word's navigation pane.
    para("title", font="xiaobiaosong", size=sizes["title_pt"], jc="center", keep_next=True, spacing=0,
         outline=0)
    for n in range(1, 5):
        para(f"h{n}", font=heads[f"h{n}_font"], first=2, jc="both", bold=heads[f"h{n}_bold"],
             keep_next=True, outline=n if n <= 2 else None)
    header = profile["header"]
    docno_align = "right" if profile.letter else header["docno_align"]
    para("docno", jc=docno_align, keep_next=True)
    para("mark", font=header["mark_font"], jc="right", keep_next=True)
    para("draft", font="heiti", keep_next=True)
    para("signer", jc="right", right=header["signer_side_chars"], keep_next=True)
    para("salutation", keep_next=True)
    para("attachment", first=2, jc="both")
    # §7.3.5: set from the right edge, so a date of any width stays on its line; without the
    # extra space between Chinese and digits, the date is as wide as the 署名 is centred for.
    sign = profile["signature"]
    para("signature", jc="right", right=sign["right_chars"], keep_next=True, auto_space=False)
    para("date", jc="right", right=sign["right_chars"], auto_space=False)
    para("note", first=profile["notes"]["indent_chars"])
    para("contact", first=2)
    imprint = profile["imprint"]
    # 抄送 4号: wrapped lines align after “抄送：” (three characters).
    para("cc", size=sizes["small_pt"], left=imprint["side_chars"] + 3, hanging=3,
         right=imprint["side_chars"], jc="both", spacing=0)
    para("printing", size=sizes["small_pt"], left=imprint["side_chars"], right=imprint["side_chars"], spacing=0)
    para("blank", keep_next=False)
    para("page_number", font="songti", size=sizes["small_pt"], spacing=0)

    for n in range(1, 5):
        style = styles.add_style(names[f"lead{n}"], WD_STYLE_TYPE.CHARACTER)
        style.style_id = f"ReplygenLead{n}"
        _, rpr = _props(style)
        ox.set_fonts(rpr, profile.font(heads[f"h{n}_font"]), profile["fonts"]["latin"])
        if heads[f"h{n}_bold"]:
            ox.set_bold(rpr, True)
        ids[f"lead{n}"] = style.style_id
    style = styles.add_style(names["signer_name"], WD_STYLE_TYPE.CHARACTER)
    style.style_id = "ReplygenSignerName"
    _, rpr = _props(style)
    ox.set_fonts(rpr, profile.font(header["signer_name_font"]), profile["fonts"]["latin"])
    ids["signer_name"] = style.style_id
    return ids


def _find(styles: Styles, name: str) -> BaseStyle | None:
    for style in styles:
        if isinstance(style, BaseStyle) and style.type == WD_STYLE_TYPE.PARAGRAPH and style.name == name:
            return style
    return None


def _paragraph_style(styles: Styles, name: str, base: BaseStyle | None, style_id: str) -> BaseStyle:
    """The paragraph style called ``name``, added when missing.

    The body style (Normal) always takes the profile's settings: every .docx has one, so a
    reference document's Normal says nothing about the office's wishes.
    """
    found = _find(styles, name)
    if found is not None:
        return found
    if name == "Normal" or style_id == "Normal":
        style: ParagraphStyle = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = "Normal"
        style.element.set(ox.qn("w:default"), "1")
        return style
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    style.base_style = base
    style.quick_style = True
    return style


def _props(style: BaseStyle) -> tuple[etree._Element | None, etree._Element]:
    element = style.element
    ppr = element.get_or_add_pPr() if style.type == WD_STYLE_TYPE.PARAGRAPH else None
    return ppr, element.get_or_add_rPr()


def _setup_section(document: docx.document.Document, profile: Profile) -> None:
    page, grid = profile["page"], profile["grid"]
    section = document.sections[-1]
    section.page_width, section.page_height = Mm(page["width_mm"]), Mm(page["height_mm"])
    section.top_margin, section.bottom_margin = Mm(page["top_mm"]), Mm(page["bottom_mm"])
    section.left_margin, section.right_margin = Mm(page["left_mm"]), Mm(page["right_mm"])
    section.footer_distance = Mm(profile["page_numbers"]["footer_distance_mm"])
    section.header_distance = Mm(15)
    section.gutter = 0
    ox.doc_grid(_body_sectpr(document), grid["line_pitch_twips"])
    # A reference document's own first-page letterhead keeps its first page distinct.
    section.different_first_page_header_footer = (
        section.different_first_page_header_footer or not _first_page_numbered(profile)
    )


def _first_page_numbered(profile: Profile) -> bool:
    return bool(profile["page_numbers"]["first_page"]) and not profile.letter


def _setup_settings(document: docx.document.Document, profile: Profile) -> None:
    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    element = settings.element
    lang = element.find(ox.qn("w:themeFontLang"))
    if lang is not None:
        lang.set(ox.qn("w:eastAsia"), profile["layout"]["lang"])
    for tag in ("w:rsids", "w:attachedTemplate"):
        found = element.find(ox.qn(tag))
        if found is not None:
            element.remove(found)


def _footers(document: docx.document.Document, profile: Profile, ids: dict[str, str]) -> None:
    """Page numbers “— N —” (§7.5): odd pages right, even pages left, each 空一字."""
    numbers = profile["page_numbers"]
    section = document.sections[-1]
    footers = [(section.footer, "right" if numbers["enabled"] else None),
               (section.even_page_footer, "left" if numbers["enabled"] else None)]
    if section.different_first_page_header_footer:
        first = "right" if _first_page_numbered(profile) and numbers["enabled"] else None
        footers.insert(0, (section.first_page_footer, first))
    for footer, side in footers:
        footer.is_linked_to_previous = False  # a footer of its own, whatever a reference document had
        _footer_paragraph(footer.paragraphs[0], ids, side, profile)


def _footer_paragraph(paragraph: Paragraph, ids: dict[str, str], side: str | None, profile: Profile) -> None:
    p = paragraph_element(paragraph)
    for child in list(p):
        p.remove(child)
    ppr = p.get_or_add_pPr()
    ox.set_style(ppr, ids["page_number"])
    if side is None:
        return
    numbers = profile["page_numbers"]
    step = round(profile["sizes"]["small_pt"] * 20)
    ox.set_indent(ppr, char_twips=step, **{f"{'right' if side == 'right' else 'left'}_chars": numbers["side_chars"]})
    ox.set_jc(ppr, side)
    dash = numbers["dash"]
    p.append(ox.text_run(f"{dash} ", None))
    for run in ox.page_field():
        p.append(run)
    p.append(ox.text_run(f" {dash}", None))


def _freeze(document: docx.document.Document, ids: dict[str, str]) -> Parts:
    body = document.element.body
    sectpr = _body_sectpr(document)
    prefix = [etree.tostring(el) for el in body if etree.QName(el).localname != "sectPr"]
    sectpr_xml = etree.tostring(sectpr)
    for el in list(body):
        body.remove(el)
    buffer = io.BytesIO()
    document.save(buffer)
    skeleton, document_xml = _skeleton(buffer.getvalue())
    return Parts(skeleton, document_xml, tuple(prefix), sectpr_xml, dict(ids))


_PER_DOCUMENT = (DOCUMENT_PART, CORE_PART, CUSTOM_PART)  # written by the writer for each document
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _skeleton(package: bytes) -> tuple[bytes, bytes]:
    """Re-zip every part but those written per document, in a fixed order, fixed timestamps."""
    source = zipfile.ZipFile(io.BytesIO(package))
    names = source.namelist()
    first = ["[Content_Types].xml", "_rels/.rels"]
    order = [n for n in first if n in names] + sorted(n for n in names if n not in first and n not in _PER_DOCUMENT)
    parts = {name: source.read(name) for name in order}
    if CUSTOM_PART not in names:  # a reference document may have its own; ours replaces it
        parts["[Content_Types].xml"] = _add_child(
            parts["[Content_Types].xml"], f"{_CT}Override", PartName=f"/{CUSTOM_PART}", ContentType=CUSTOM_CONTENT_TYPE
        )
        parts["_rels/.rels"] = _add_child(
            parts["_rels/.rels"], f"{_PR}Relationship", Id="rIdReplygenCustom", Type=CUSTOM_REL, Target=CUSTOM_PART
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            target.writestr(zip_info(name), parts[name])
    return out.getvalue(), source.read(DOCUMENT_PART)


def _add_child(xml: bytes, tag: str, **attrs: str) -> bytes:
    root = etree.fromstring(xml)
    etree.SubElement(root, tag, attrs)
    changed: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return changed
