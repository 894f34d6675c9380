"""会办 merge: the opinion a 会办 unit sent the 主办, read from the file it came in.

A 主办 draft names each opinion under ``handling.opinions``: a short ``text``, or a ``file``
that is a 会办意见 draft of replygen's own (.yaml), or the letter the unit sent (.docx, .txt),
read through the importer's reading stages. What the reply quotes is the opinion's substance: its paragraphs
after the salutation and opening, its 下一步, not its title, opening formula or signature.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["opinion_paragraphs", "read_opinion"]

_SUFFIXES = (".yaml", ".yml", ".docx", ".txt")


def read_opinion(file: str) -> tuple[str | None, list[str]]:
    """The unit (its 发文机关) and the paragraphs of the 会办意见 in ``file``.

    Raises ``ValueError`` in Chinese, which the model reports at the opinion's field.
    """
    from .errors import ReplygenError

    path = Path(file)
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        raise ValueError(f"会办意见文件“{file}”应是 .yaml（会办意见草稿）、.docx 或 .txt")
    if not path.is_file():
        raise ValueError(f"找不到会办意见文件“{file}”；相对路径从草稿所在目录算起")
    try:
        if suffix in (".yaml", ".yml"):
            from .loader import load

            doc = load(path)
        else:
            # The importer's reading stages, without its last one, which renders to compare
            # the formulas (title, salutation, closing) with the templates': an opinion's
            # substance is its body, and rendering belongs to a layer above the model.
            from .importer.build import build_text
            from .loader import read_text, validate

            if suffix == ".docx":
                from .importer.docx import docx_text

                text, page = docx_text(path).text, True
            else:
                text, page = read_text(path), False
            doc = validate(build_text(text, str(path), page=page).data, filename="<导入>")
    except ReplygenError as exc:
        raise ValueError(f"会办意见文件“{file}”无法读取：{exc}") from None
    if doc.kind != "reply":
        raise ValueError(f"会办意见文件“{file}”是一份实施意见，不是会办意见")
    paragraphs = opinion_paragraphs(doc)
    if not paragraphs:
        raise ValueError(f"会办意见文件“{file}”中没有找到意见正文")
    return doc.issuer, paragraphs


def opinion_paragraphs(doc: Any) -> list[str]:
    """The substance of a 会办意见: preamble, each section's answer and plans, its 下一步."""
    from .genre import NEXT_STEPS_LEAD
    from .process import answer_paragraphs

    out = list(doc.preamble)
    by_section: dict[int, list[str]] = {}
    for path, text in answer_paragraphs(doc):
        by_section.setdefault(int(path[1]), []).append(text)
    for index, section in enumerate(doc.sections):
        out += by_section.get(index, [])
        out += _plans(section.next_steps, NEXT_STEPS_LEAD)
    out += _plans(doc.next_steps, NEXT_STEPS_LEAD)
    return out


def _plans(next_steps: Any, lead: str) -> list[str]:
    if next_steps is None:
        return []
    first = [lead + next_steps.text] if next_steps.text else []
    return [*first, *next_steps.paragraphs, *(item.text or item.lead or "" for item in next_steps.items)]
