"""An equivalent docxtpl template for the benchmark, built with python-docx.

The template holds one styled paragraph per 公文 role inside Jinja paragraph loops
(``{%p for … %}``) over the document's head, its sections, each section's subsections and
their paragraphs, and the foot. The context is ``doc.model_dump()`` plus the strings
replygen's templates generate (numbering and formulas), grouped the same way, so docxtpl
lays out exactly the paragraphs replygen's writers receive, with the same styles.
"""

from __future__ import annotations

import io
from typing import Any

# Paragraph style of each block role (the names a GB/T 9704 writer would define).
ROLE_STYLE = {
    "meta": "信息公开",
    "mark": "分类标识",
    "draft": "稿本标识",
    "signer": "签发人",
    "docno": "发文字号",
    "title": "公文标题",
    "salutation": "主送机关",
    "p": "公文正文",
    "h1": "一级标题",
    "h2": "二级标题",
    "h3": "三级标题",
    "h4": "四级标题",
    "attachment": "附件说明",
    "signature": "署名",
    "date": "成文日期",
    "note": "附注",
    "contact": "联系人",
    "cc": "抄送",
}
LEAD_STYLE = "引领句"  # character style of a run-in lead
_FOOT = {"attachment", "signature", "date", "note", "contact", "cc"}


def _para(block: Any) -> dict[str, str]:
    lead = "".join(r.text for r in block.runs if r.lead)
    text = "".join(r.text for r in block.runs if not r.lead)
    return {"style": ROLE_STYLE[block.role], "lead": lead, "text": text}


def build_context(doc: Any, blocks: list[Any]) -> dict[str, Any]:
    """``doc.model_dump()`` plus the generated strings, grouped as the template loops over them."""
    end = len(blocks)
    while end and blocks[end - 1].role in _FOOT:
        end -= 1
    head: list[dict[str, str]] = []
    sections: list[dict[str, Any]] = []
    for block in blocks[:end]:
        if block.role == "h1":
            sections.append({"heading": block.text, "subs": [{"head": None, "paras": []}]})
        elif not sections:
            head.append(_para(block))
        elif block.level == 2:  # a subsection opens: its heading or its lead paragraph
            sections[-1]["subs"].append({"head": _para(block), "paras": []})
        else:
            sections[-1]["subs"][-1]["paras"].append(_para(block))
    foot = [_para(b) for b in blocks[end:]]
    return {"doc": doc.model_dump(mode="json"), "head": head, "sections": sections, "foot": foot}


def expected_paragraphs(blocks: list[Any]) -> list[tuple[str, str]]:
    """(style, text) of every paragraph the docxtpl output must hold."""
    return [(ROLE_STYLE[b.role], b.text) for b in blocks]


def _styles_in(blocks_lists: list[list[Any]]) -> dict[str, list[str]]:
    """Which styles can appear in each loop, so each loop's if-chain holds only those."""
    where: dict[str, set[str]] = {"head": set(), "sub": set(), "paras": set(), "foot": set()}
    for blocks in blocks_lists:
        ctx = build_context(_Dummy(), blocks)
        where["head"].update(p["style"] for p in ctx["head"])
        where["foot"].update(p["style"] for p in ctx["foot"])
        for section in ctx["sections"]:
            for sub in section["subs"]:
                if sub["head"]:
                    where["sub"].add(sub["head"]["style"])
                where["paras"].update(p["style"] for p in sub["paras"])
    # Every role a body may hold, not only those the examples use: the template is general.
    where["paras"].update(ROLE_STYLE[r] for r in ("p", "h2", "h3", "h4"))
    where["head"].update(ROLE_STYLE[r] for r in ("meta", "mark", "draft", "signer", "docno", "title", "salutation", "p"))
    where["foot"].update(ROLE_STYLE[r] for r in _FOOT)
    where["sub"].update(ROLE_STYLE[r] for r in ("p", "h2"))
    return {k: sorted(v) for k, v in where.items()}


class _Dummy:
    def model_dump(self, mode: str = "json") -> dict[str, Any]:
        return {}


def build_template(blocks_lists: list[list[Any]], *, slim: bool = True) -> bytes:
    """The template as .docx bytes. ``slim`` strips what the fast writer's base also omits."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def east_asian(font: Any, name: str) -> None:
        font.name = name
        rpr = font.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)

    centred = {"公文标题", "发文字号"}
    right = {"分类标识", "署名", "成文日期"}
    for role, name in ROLE_STYLE.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        face = {"title": "方正小标宋简体", "h1": "黑体", "h2": "楷体_GB2312"}.get(role, "仿宋_GB2312")
        east_asian(style.font, face)
        style.font.size = Pt(22 if role == "title" else 16)
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(28)
        if name in centred:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif name in right:
            fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif role not in {"meta", "salutation", "cc", "signer", "draft"}:
            fmt.first_line_indent = Pt(32)
    lead = document.styles.add_style(LEAD_STYLE, WD_STYLE_TYPE.CHARACTER)
    lead.font.bold = True

    styles = _styles_in(blocks_lists)
    body = document.add_paragraph

    def chain(var: str, names: list[str]) -> None:
        for i, name in enumerate(names):
            body("{%p " + ("if" if i == 0 else "elif") + f' {var}.style == "{name}" %}}')
            para = body(style=name)
            para.add_run("{{ " + var + ".lead }}", style=LEAD_STYLE)
            para.add_run("{{ " + var + ".text }}")
        body("{%p endif %}")

    body("{%p for b in head %}")
    chain("b", styles["head"])
    body("{%p endfor %}")
    body("{%p for s in sections %}")
    body("{{ s.heading }}", style=ROLE_STYLE["h1"])
    body("{%p for sub in s.subs %}")
    body("{%p if sub.head %}")
    chain("sub.head", styles["sub"])
    body("{%p endif %}")
    body("{%p for b in sub.paras %}")
    chain("b", styles["paras"])
    body("{%p endfor %}")
    body("{%p endfor %}")
    body("{%p endfor %}")
    body("{%p for b in foot %}")
    chain("b", styles["foot"])
    body("{%p endfor %}")
    # Document() starts empty apart from the section properties; nothing to delete.

    if slim:
        _slim(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _slim(document: Any) -> None:
    """Drop what no letter needs: latent styles, unused styles, stylesWithEffects, thumbnail."""
    from docx.oxml.ns import qn

    used = {"Normal", "Default Paragraph Font", LEAD_STYLE, *ROLE_STYLE.values()}
    root = document.styles.element
    for child in list(root):
        if child.tag == qn("w:latentStyles"):
            root.remove(child)
        elif child.tag == qn("w:style"):
            name = child.find(qn("w:name"))
            if name is None or name.get(qn("w:val")) not in used:
                root.remove(child)
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            part.rels.pop(rid)
    package_rels = part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rid)


def render(template: Any, context: dict[str, Any], jinja_env: Any) -> bytes:
    """docxtpl's normal cycle: render the context, save the package."""
    template.render(context, jinja_env=jinja_env)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def check(data: bytes, blocks: list[Any]) -> str | None:
    """None when the docxtpl output holds the expected paragraphs, else what differs."""
    import docx

    got = [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]
    want = expected_paragraphs(blocks)
    if got == want:
        return None
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return f"paragraph {i + 1}: got {g!r}, want {w!r}"
    return f"{len(got)} paragraphs, want {len(want)}"
