"""Import stage: an existing reply or 实施意见 (.txt or .docx) → model data → YAML.

Pipeline: :mod:`.clean` (noise) → :mod:`.classify` (roles) → :mod:`.build` (model data and
待核 notes, using :mod:`.frame` for the lines around the body, :mod:`.body` for the body and
:mod:`.house` for the house style the letter shows)
→ :mod:`.verify` (formulas checked against the templates) → validation by the loader →
:mod:`.emit` (YAML text). The patterns of the genre live in :mod:`.patterns`; .docx input is
read by :mod:`.docx`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Union

from ..errors import InputError, OutputError
from ..loader import validate
from ..model import Opinion, Reply
from .build import build_text
from .data import Built

__all__ = ["import_file", "import_text", "parse_docx", "parse_text", "style_yaml", "to_yaml"]


def import_text(text: str, notes: Sequence[str] = (), source: str = "<导入>", *, page: bool = False) -> Built:
    """Model data and 待核 notes for ``text`` (not yet validated).

    ``notes`` are about the whole document (what a .docx holds outside the letter's body).
    ``page``: the text was read from a .docx, whose 版头 sets the 发文字号 above the title.
    """
    built = build_text(text, source, page=page)
    for note in notes:
        built.note((), note)
    from .verify import verify

    try:
        verify(built, validate(built.data, filename="<导入>"))
    except InputError:
        pass  # reported with its location when the caller validates
    return built


def parse_text(text: str) -> Union[Reply, Opinion]:
    """Read an existing reply or 实施意见 given as text into a validated model."""
    return validate(import_text(text).data, filename="<导入>")


def parse_docx(path: str | os.PathLike[str]) -> Union[Reply, Opinion]:
    """Read an existing .docx reply or 实施意见 into a validated model."""
    from .docx import docx_text

    return validate(import_text(docx_text(path).text, page=True).data, filename="<导入>")


def to_yaml(built: Built, source: str | None = None, style_file: str | None = None) -> str:
    """The YAML a clerk edits: validated first, so it always loads back; keys in schema order.

    The house style learned from the letter comes last, inline, or as the name of the style
    file it was written to (``style_file``).
    """
    from .emit import emit

    document = validate(built.data, filename=source or "<导入>")
    data = document.model_dump(exclude_defaults=True)
    if document.doc_number is not None:
        data["doc_number"] = str(document.doc_number)
    if isinstance(document, Reply) and len(document.proposer.name) == 1:
        data["proposer"]["name"] = document.proposer.name[0]
    if "kind" in data:
        data = {"kind": data.pop("kind"), **data}
    style = data.pop("style", None)
    if style_file is not None:
        data["style"] = style_file
    elif style:
        data["style"] = style
    return emit(data, built.notes, source)


def style_yaml(built: Built, source: str | None = None) -> str:
    """The house style learned from the letter: only the settings that differ from the default."""
    from .emit import emit

    document = validate(built.data, filename=source or "<导入>")
    style = document.style.model_dump(exclude_defaults=True) if document.style is not None else {}
    notes = {path[1:]: note for path, note in built.notes.items() if path[:1] == ("style",) and len(path) > 1}
    header = f"# 本单位的答复格式，由 {source} 学得：只列出与默认格式不同的设置。" if source else ""
    text = emit(style, notes) if style else "{}\n"
    return (header + "\n" if header else "") + text


def import_file(
    path: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    style_out: str | os.PathLike[str] | None = None,
    *,
    overwrite: bool = True,
) -> str | None:
    """Import ``path`` (.txt or .docx); write YAML to ``output`` atomically, or print it.

    ``output`` is never ``path`` itself; without ``overwrite`` it must not exist yet.
    With ``style_out`` the house style learned from the letter is written to that file and
    the draft names it (relative to the draft's folder) instead of carrying it inline. Both
    texts are made, and both folders checked, before either file is written.
    """
    import sys
    from pathlib import Path

    from ..output import EXISTS_MESSAGE, Inputs, atomic_write
    from .source import read_source

    read = read_source(path)
    name = Path(path).name
    built = import_text(read.text, read.notes, str(path), page=Path(path).suffix.lower() == ".docx")
    style_file = None
    style_text = ""
    if style_out is not None:
        folder = Path(output).parent if output is not None else Path(".")
        style_file = Path(os.path.relpath(Path(style_out).resolve(), folder.resolve())).as_posix()
        style_text = style_yaml(built, name)
    result = to_yaml(built, name, style_file)
    if style_out is not None:
        for target in (style_out, output) if output is not None else (style_out,):
            folder = Path(target).parent
            if not folder.is_dir():  # checked for both before either is written
                raise OutputError("输出目录不存在，请先创建它或换一个目录", folder)
            if not overwrite and Path(target).exists():
                raise OutputError(EXISTS_MESSAGE, target)
        atomic_write(style_out, style_text.encode("utf-8"), overwrite=overwrite, inputs=Inputs([Path(path)]))
    if output is None:
        sys.stdout.write(result)
        return None
    return str(atomic_write(output, result.encode("utf-8"), overwrite=overwrite, inputs=Inputs([Path(path)])))
