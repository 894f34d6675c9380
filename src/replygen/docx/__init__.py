""".docx writer: the block stream laid out per GB/T 9704-2012.

The layout numbers come from a profile (:mod:`.profile`); the styles, settings, page setup
and footers are built once per (profile, reference document) by :mod:`.base` and kept in
memory and on disk (:mod:`.frozen`);
each document then only adds its paragraphs (:mod:`.writer`).

This package is a writer and nothing more: it lays out blocks it is given. Rendering a draft
through the templates first (``replygen.docx_bytes``, ``replygen.render_docx``) is the upper
layer's work, :mod:`replygen.pipeline`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Union

from ..blocks import Block
from ..docinfo import DocInfo
from ..errors import InputError, Problem
from .frozen import Base, assemble, cache_key, load_parts, save_parts
from .profile import Profile, ProfileSpec, builtin_profiles, load_profile
from .writer import write_package

if TYPE_CHECKING:
    from ..feedback import FeedbackForm

__all__ = ["Profile", "builtin_profiles", "form_docx", "load_profile", "write_docx"]

PathLike = Union[str, "os.PathLike[str]"]


def write_docx(
    blocks: Iterable[Block],
    *,
    profile: ProfileSpec = None,
    reference: PathLike | None = None,
    info: DocInfo | None = None,
) -> bytes:
    """Lay ``blocks`` out as a .docx and return its bytes (the same input gives the same bytes).

    ``info`` (:func:`replygen.docinfo.doc_info`) gives the seal and the document properties.
    """
    chosen = load_profile(profile)
    return write_package(blocks, _base_for(chosen, reference), chosen, info)


def form_docx(form: FeedbackForm, *, profile: ProfileSpec = None) -> bytes:
    """A 征询意见表 (:func:`replygen.feedback.feedback_forms`) as .docx bytes, in ``profile``."""
    from .form import write_form

    chosen = load_profile(profile)
    return write_form(form, _base_for(chosen, None), chosen, DocInfo(issuer=form.issuer))


def _base_for(profile: Profile, reference: PathLike | None) -> Base:
    if reference is None:
        return _cached_base(profile, None, 0.0, 0)
    path = Path(reference)
    if not path.is_file():
        raise InputError(Problem("找不到参考文档（.docx），请检查路径", str(path)))
    stat = path.stat()
    return _cached_base(profile, str(path.resolve()), stat.st_mtime, stat.st_size)


_BASE_ENTRY = re.compile(r"[0-9a-f]{32}\.zip")  # named by docx.frozen.cache_key


@lru_cache(maxsize=8)
def _cached_base(profile: Profile, reference: str | None, mtime: float, size: int) -> Base:
    # mtime and size are part of the key so an edited reference document is read again.
    from ..cache import cache_dir, mark_used, prune

    directory = cache_dir("docx-base")
    key = cache_key(profile, None if reference is None else (reference, mtime, size))
    parts = None if directory is None else load_parts(directory, key)
    if parts is None:
        from .base import build_parts  # python-docx is imported only to build a new base

        parts = build_parts(profile, Path(reference) if reference else None)
        if directory is not None:
            save_parts(directory, key, parts)
            # One entry per version, profile and reference document: keep those used lately.
            prune(directory, _BASE_ENTRY, keep=16, made=directory / f"{key}.zip")
    elif directory is not None:
        mark_used(directory / f"{key}.zip")
    return assemble(parts)
