"""The one render path: a draft → its output files, for ``render``, ``batch`` and the library.

:func:`render_draft` loads a draft, refuses it under ``--final`` while it holds 【待填写】,
names its outputs, decides for each whether it is written, kept as done or refused (one rule,
:func:`plan_output`), renders the templates once for every format still to write, writes
atomically and returns an :class:`Outcome`: every expected failure is a line in it, never an
exception, so a command can report it and go on with the next draft.

The rule for names: an output is the file ``-o`` names (one draft, one format), or
``folder / (pattern filled for the draft) + suffix``, the folder being ``-o``'s or the
draft's own. Two drafts claiming one output are refused with one message (:class:`Claims`).

The rule for existing outputs: without ``force`` an output not older than its inputs (the
draft, the style file it names, the ``--template-dir`` files) is kept as done and an older one
is refused, as it may hold a clerk's hand edits; with ``force`` it is replaced. ``render``
of named drafts means the clerk wants them again, so it always passes ``force``.

The front doors of the library, :func:`render_text`, :func:`docx_bytes` and
:func:`render_docx`, live here too: the writers below know nothing of drafts and templates.
"""

from __future__ import annotations

import functools
import os
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from .errors import OutputError
from .naming import STEM_PATTERN
from .output import Inputs, atomic_write, check_target, make_output_dir, same_name_key

if TYPE_CHECKING:
    from .docx.profile import ProfileSpec
    from .formats import Format
    from .model import Opinion, Reply

__all__ = [
    "COLLISION_ADVICE",
    "STALE_MESSAGE",
    "STYLE_FILE_MESSAGE",
    "THIS_RUN_MESSAGE",
    "TakenThisRun",
    "Claims",
    "Outcome",
    "RenderOptions",
    "docx_bytes",
    "newest_mtime_ns",
    "output_targets",
    "plan_output",
    "names_need_the_draft",
    "protected_inputs",
    "render_docx",
    "render_draft",
    "render_text",
    "style_file",
    "template_files",
]

PathLike = Union[str, "os.PathLike[str]"]

COLLISION_ADVICE = "请用 --pattern 区分，如加上 {stem}，或分别输出到不同目录"
THIS_RUN_MESSAGE = f"本次运行中另一份草稿已生成同名文件；{COLLISION_ADVICE}"
STALE_MESSAGE = "输出文件比草稿（或其格式文件、--template-dir 中的模板）旧，草稿在生成后改过；重新生成请加 --force"
STYLE_FILE_MESSAGE = "这是本单位的格式文件（style），不是草稿，不单独生成；引用它的草稿生成时会用到它"
_FINAL = "--final 不生成仍有占位符的草稿"


@dataclass(frozen=True)
class RenderOptions:
    """How one draft is rendered and where it goes; small and picklable for batch workers."""

    formats: tuple[str, ...]
    folder: str | None = None  # None: beside the draft
    file: str | None = None  # the one file -o names (one draft, one format)
    pattern: str = STEM_PATTERN
    to_screen: tuple[str, ...] = ()  # formats printed rather than written (text without -o)
    force: bool = False  # replace outputs even when up to date or older than their inputs
    template_dir: str | None = None
    final: bool = False  # refuse drafts that still hold 【待填写】
    publication: bool = False  # the version for 信息公开
    indent: bool = False  # the 办理系统 body with the two-character indent
    # Files newer than this (ns, the output folder's clock) are this run's: never replaced.
    started_ns: int | None = None
    # Files an output must never replace besides the draft (other drafts, the templates),
    # and the newest --template-dir file time an output must not be older than.
    protected: tuple[str, ...] = ()
    templates_mtime_ns: int = 0


@dataclass(frozen=True)
class Outcome:
    """One draft's result: what was written, kept or printed, or the lines saying why not."""

    source: str
    outputs: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()  # 文件:行:列 字段: 原因
    skipped: tuple[str, ...] = ()  # outputs already there and up to date
    warnings: tuple[str, ...] = ()  # written, but the clerk should look (a body over the cap)
    notes: tuple[str, ...] = ()  # said beside the outputs (the body's length)
    printed: tuple[str, ...] = ()  # text for the screen, per format sent there
    taken: tuple[str, ...] = ()  # outputs refused as written by this run for another draft
    style_file: bool = False  # the source is an office's style file, not a draft (see errors)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def up_to_date(self) -> bool:
        """Nothing needed writing: every output was done before this run."""
        return self.ok and not self.outputs and not self.printed and bool(self.skipped)


# --- names --------------------------------------------------------------------------------


def _pattern_fields(pattern: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(pattern) if name}


def names_need_the_draft(options: RenderOptions) -> bool:
    """Whether the outputs' names depend on the draft's content, not only its file name."""
    return options.file is None and not _pattern_fields(options.pattern) <= {"stem"}


def output_targets(source: str, doc: Any, options: RenderOptions) -> dict[str, Path | None]:
    """Each format's output path (None: the screen); ``doc`` may be None when the pattern
    only uses the file name (:func:`names_need_the_draft`)."""
    from .formats import available_formats
    from .naming import name_fields, output_name

    registry = available_formats()
    if options.file is not None:
        return {name: Path(options.file) for name in options.formats}
    fields = name_fields(doc, source) if doc is not None else {"stem": Path(source).stem}
    stem = output_name(options.pattern, fields)
    folder = Path(options.folder) if options.folder is not None else Path(source).parent
    return {
        name: None if name in options.to_screen else _inside(folder, stem + registry[name].suffix)
        for name in options.formats
    }


def _inside(folder: Path, name: str) -> Path:
    """The output path; safe_filename already strips separators, this makes sure of it."""
    target = folder / name
    # Judged on the name alone: a link at the target is refused by the write, with its own reason.
    if Path(name).name != name or name in {"", ".", ".."} or target.parent != folder:
        raise OutputError("输出文件名会落到输出目录之外，已拒绝写入", target)
    return target


class Claims:
    """Which draft each output belongs to; the second draft claiming one is refused.

    Names differing only in case or Unicode composition count as one, as on Windows and macOS.
    """

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}

    def claim(self, source: str, target: Path) -> str | None:
        """None when ``target`` is free or already ``source``'s (and now is); else the refusal."""
        owner = self._owners.setdefault(self._key(target), source)
        return None if owner == source else self._refusal(source, target, owner)

    def refusal(self, source: str, target: Path) -> str | None:
        """The refusal when another draft has claimed ``target``; claims nothing itself."""
        owner = self._owners.get(self._key(target), source)
        return None if owner == source else self._refusal(source, target, owner)

    @staticmethod
    def _key(target: Path) -> str:
        return f"{os.path.realpath(target.parent)}{os.sep}{same_name_key(target.name)}"

    @staticmethod
    def _refusal(source: str, target: Path, owner: str) -> str:
        return f"{source}: {target}: 与 {owner} 的输出同名；{COLLISION_ADVICE}"


# --- what may be written ------------------------------------------------------------------


def protected_inputs(sources: Iterable[str | os.PathLike[str]], formats: Iterable[str], template_dir: str | None) -> tuple[str, ...]:
    """The files a run reads that an output name could coincide with: drafts with an output's
    suffix (a glob may pick .txt files) and the --template-dir files."""
    from .formats import available_formats

    registry = available_formats()
    suffixes = tuple(registry[name].suffix for name in formats)
    drafts = [str(p) for p in sources if str(p).lower().endswith(suffixes)]
    return (*drafts, *(str(p) for p in template_files(template_dir)))


def template_files(template_dir: str | None) -> list[Path]:
    """The files of a --template-dir (none without one): inputs a run reads and must not replace."""
    if template_dir is None or not os.path.isdir(template_dir):
        return []
    return [p for p in Path(template_dir).rglob("*") if os.path.isfile(p)]


def newest_mtime_ns(template_dir: str | None) -> int:
    """The newest file time in the template folder: an output older than it is out of date."""
    return max((p.stat().st_mtime_ns for p in template_files(template_dir)), default=0)


def style_file(source: str) -> str | None:
    """The style file the draft at ``source`` names, if any: an output older than it is stale."""
    from .loader import parse_yaml, read_text

    data, _ = parse_yaml(read_text(source), source)
    value = data.get("style") if isinstance(data, dict) else None
    written = value.get("file") if isinstance(value, dict) else value
    if not isinstance(written, str) or not written.strip():
        return None
    path = Path(written.strip())
    # Relative to the draft's folder, as the loader reads it.
    return str(path if path.is_absolute() else Path(source).parent / path)


def _inputs_mtime_ns(source: str, options: RenderOptions) -> int:
    times = [os.stat(source).st_mtime_ns, options.templates_mtime_ns]
    style = style_file(source)
    if style is not None and os.path.isfile(style):
        times.append(os.stat(style).st_mtime_ns)
    return max(times)


def plan_output(target: Path, options: RenderOptions, inputs: Inputs, newest_input_ns: Callable[[], int]) -> str | None:
    """``"new"`` or ``"replace"`` when ``target`` must be written, None when it is done.

    Done means: it exists, is complete (every write is atomic, so an existing file is whole)
    and is not older than its inputs (``newest_input_ns``, asked only when it matters: it reads
    the draft again for the style file it names). An older one is refused, not replaced,
    unless ``force``: the clerk may have edited it by hand. Special files, links and inputs at ``target``, and
    a file this run wrote for another draft, raise, ``force`` or not.
    """
    # No folder yet (made once there is something to write): nothing there to look at.
    existing = check_target(target, inputs) if os.path.isdir(target.parent) else None
    if existing is None:
        return "new"
    _refuse_this_runs_file(target, existing.st_mtime_ns, options)
    if options.force:
        return "replace"
    if existing.st_mtime_ns >= newest_input_ns():
        return None
    raise OutputError(STALE_MESSAGE, target)


class TakenThisRun(OutputError):
    """The output was written by this run for another draft."""

    def __init__(self, target: Path) -> None:
        super().__init__(THIS_RUN_MESSAGE, target)
        self.target = target


def _refuse_this_runs_file(target: Path, mtime_ns: int, options: RenderOptions) -> None:
    """Two drafts mapping to one name must not silently lose one of them."""
    if options.started_ns is not None and mtime_ns > options.started_ns:
        raise TakenThisRun(target)


def _write(target: Path, data: bytes, replace_it: bool, options: RenderOptions, inputs: Inputs) -> None:
    try:
        # A file that was absent is created with link(), which never clobbers: another
        # worker may be writing the same name right now.
        atomic_write(target, data, overwrite=replace_it, inputs=inputs)
    except OutputError:
        if replace_it or not os.path.exists(target):
            raise
        _refuse_this_runs_file(target, target.stat().st_mtime_ns, options)
        raise


# --- one draft ----------------------------------------------------------------------------


def render_draft(source: str | os.PathLike[str], options: RenderOptions) -> Outcome:
    """Load, render and write one draft; every expected failure becomes an Outcome."""
    from .errors import InputError, ReplygenError

    from .loader import is_style_file

    source = str(source)
    try:
        return _render(source, options)
    except InputError as exc:
        if is_style_file(source):
            return Outcome(source, errors=(f"{source}: {STYLE_FILE_MESSAGE}",), style_file=True)
        return Outcome(source, errors=tuple(str(p) for p in exc.problems))
    except TakenThisRun as exc:  # the run, knowing which draft wrote it, may say so instead
        return Outcome(source, errors=(f"{source}: {exc}",), taken=(str(exc.target),))
    except ReplygenError as exc:
        return Outcome(source, errors=(f"{source}: {exc}",))
    except Exception as exc:  # a bug must not cost the office the other drafts
        return Outcome(source, errors=(f"{source}: 内部错误（{type(exc).__name__}: {exc}），请把这份草稿报告给维护人员",))


def _render(source: str, options: RenderOptions) -> Outcome:
    from .formats import Version, available_formats, render_draft_blocks
    from .loader import load
    from .placeholders import placeholders_left

    doc = load(source)
    if options.final:
        left = placeholders_left(doc, source)
        if left:
            head = f"{source}: 仍有 {len(left)} 处占位符，{_FINAL}；请填写后再试："
            return Outcome(source, errors=(head, *(f"  {p}" for p in left)))
    registry = available_formats()
    targets = output_targets(source, doc, options)
    inputs = Inputs((source, *options.protected))
    # Asked once for all the draft's outputs, and only if one of them already exists.
    newest_input_ns = functools.cache(lambda: _inputs_mtime_ns(source, options))
    plans = {
        name: "screen" if target is None else plan_output(target, options, inputs, newest_input_ns)
        for name, target in targets.items()
    }
    todo: list[Format] = [registry[name] for name, plan in plans.items() if plan]
    skipped = tuple(str(targets[name]) for name, plan in plans.items() if not plan)
    if not todo:  # done outputs are not rendered again
        return Outcome(source, skipped=skipped)
    written: list[str] = []
    printed: list[str] = []
    notes: list[str] = []
    warnings: list[str] = []
    version = Version(publication=options.publication, indent=options.indent)
    rendered = render_draft_blocks(doc, options.template_dir, False if options.final else None, version, source)
    for fmt in todo:
        data = fmt.write(rendered)
        if fmt.notes is not None:
            said, warned = fmt.notes(rendered, data)
            notes += said
            warnings += warned
        target = targets[fmt.name]
        if target is None:
            printed.append(data.decode("utf-8"))
            continue
        if options.folder is not None:
            make_output_dir(target.parent)  # made once there is something to put in it
        _write(target, data, plans[fmt.name] == "replace", options, inputs)
        written.append(str(target))
    return Outcome(source, tuple(written), skipped=skipped, warnings=tuple(warnings), notes=tuple(notes), printed=tuple(printed))


# --- the library's front doors ------------------------------------------------------------


def render_text(
    doc: Reply | Opinion,
    *,
    template_dir: PathLike | None = None,
    draft: bool | None = None,
) -> str:
    """Render ``doc`` as plain text: one paragraph per line, body indented two full-width spaces.

    ``draft`` adds the 征求意见稿 mark; by default it is added while the letter shows a placeholder.
    """
    from .docinfo import doc_info
    from .render import render_block_texts
    from .text import write_paragraphs

    # Roles and texts straight from the stream: text needs no runs, and skipping them is faster.
    return write_paragraphs(render_block_texts(doc, template_dir, draft=draft), doc_info(doc))


def docx_bytes(
    doc: Reply | Opinion,
    *,
    template_dir: PathLike | None = None,
    draft: bool | None = None,
    profile: ProfileSpec = None,
    reference: PathLike | None = None,
) -> bytes:
    """Render ``doc`` through the templates and return the .docx bytes."""
    from .docinfo import doc_info
    from .docx import write_docx
    from .render import render_blocks

    blocks = render_blocks(doc, template_dir, draft=draft)
    return write_docx(blocks, profile=profile, reference=reference, info=doc_info(doc))


def render_docx(
    doc: Reply | Opinion,
    path: PathLike,
    *,
    template_dir: PathLike | None = None,
    draft: bool | None = None,
    profile: ProfileSpec = None,
    reference: PathLike | None = None,
    overwrite: bool = True,
) -> Path:
    """Write ``doc`` as a .docx at ``path``; a failure leaves no partial file."""
    data = docx_bytes(doc, template_dir=template_dir, draft=draft, profile=profile, reference=reference)
    return atomic_write(path, data, overwrite=overwrite)
