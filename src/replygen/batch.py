"""Batch stage: render a folder of drafts, one failure never stopping the others.

Each draft goes through the one render path, :func:`replygen.pipeline.render_draft`, as
with ``render``: the same names, the same rule for existing outputs, the same messages. Work
is spread over processes in chunks; each worker imports the library and builds the template
environment once. Results stream back one small :class:`Outcome` per draft, so memory stays
small (failures are kept for the summary, and each output's name, to catch two drafts
claiming one file).

A batch can be run again after it was interrupted: an output that exists and is not older
than its inputs is done and skipped, so only what is missing is rendered. Workers die with
the batch that started them.
"""

from __future__ import annotations

import ctypes
import glob
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .naming import DEFAULT_PATTERN
from .output import filesystem_now, make_output_dir, remove_stale_parts
from .pipeline import STALE_MESSAGE, Claims, Outcome, RenderOptions, newest_mtime_ns, protected_inputs, render_draft

__all__ = ["STALE_MESSAGE", "BatchOptions", "Outcome", "Summary", "find_drafts", "render_one", "run_batch"]

_SUFFIXES = (".yaml", ".yml")

# Linux can kill a worker the moment its parent dies; elsewhere a thread watches the parent.
_USE_PDEATHSIG = sys.platform.startswith("linux")
_PR_SET_PDEATHSIG = 1

@dataclass(frozen=True)
class BatchOptions:
    """What a batch is asked for; :meth:`render_options` is what each worker gets."""

    out_dir: str
    formats: tuple[str, ...]
    pattern: str = DEFAULT_PATTERN
    force: bool = False
    template_dir: str | None = None
    final: bool = False  # refuse drafts that still hold 【待填写】
    publication: bool = False  # the version for 信息公开
    indent: bool = False  # the 办理系统 body with the two-character indent

    def render_options(self, **run: Any) -> RenderOptions:
        """The per-draft options; ``run`` adds what only the whole run knows (its start…)."""
        return RenderOptions(
            formats=self.formats,
            folder=self.out_dir,
            pattern=self.pattern,
            force=self.force,
            template_dir=self.template_dir,
            final=self.final,
            publication=self.publication,
            indent=self.indent,
            **run,
        )


@dataclass
class Summary:
    """Counts, plus the failures a clerk must see at the end."""

    rendered: int = 0
    failures: list[Outcome] = field(default_factory=list)
    skipped: int = 0  # drafts whose outputs were all up to date
    stale_parts: int = 0  # temporary files of killed runs removed before starting
    warned: list[Outcome] = field(default_factory=list)  # rendered, with warnings to show
    style_files: list[str] = field(default_factory=list)  # an office's style files among the drafts

    @property
    def total(self) -> int:
        return self.rendered + self.skipped + len(self.failures)

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def report(self) -> str:
        lines = [f"共 {self.total} 份草稿：成功 {self.rendered} 份，失败 {len(self.failures)} 份。"]
        if self.skipped:
            lines.append(f"已有 {self.skipped} 份草稿的输出比草稿、格式文件和模板都新，跳过；重写请加 --force")
        if self.style_files:
            names = "、".join(self.style_files)
            lines.append(f"另有 {len(self.style_files)} 个格式文件（style）不是草稿，未生成：{names}")
        if self.stale_parts:
            lines.append(f"已清理 {self.stale_parts} 个此前中断时留下的临时文件（.part）")
        warnings = [line for outcome in self.warned for line in outcome.warnings]
        if warnings:
            lines.append("已生成但请注意：")
            lines.extend(f"  {line}" for line in warnings)
        if self.failures:
            lines.append("失败的草稿（文件:行:列 字段: 原因）：")
            for outcome in self.failures:
                lines.extend(f"  {line}" for line in outcome.errors)
        return "\n".join(lines)


def find_drafts(spec: str) -> list[Path]:
    """A directory (its YAML files, recursively) or a glob pattern, in a stable order."""
    path = Path(spec)
    if os.path.isdir(path):
        found: Iterable[Path] = (
            p
            for p in path.rglob("*")
            # Hidden folders hold editor backups and version control, not drafts.
            if p.suffix.lower() in _SUFFIXES and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    else:
        found = (Path(p) for p in glob.glob(spec, recursive=True))
    return sorted(p for p in found if os.path.isfile(p))


# --- one draft (runs in a worker) -------------------------------------------------------


def _warm_up(parent: int) -> None:
    """Worker initialiser: die with ``parent``, then pay for imports and templates once."""
    _die_with_parent(parent)
    from .render import warm_up  # imports pydantic, Jinja and the model

    warm_up()


def _die_with_parent(parent: int) -> None:
    """Make sure this worker never outlives ``parent``, not even after a ``kill -9`` of it.

    Linux kills the worker itself the moment the parent dies (``PR_SET_PDEATHSIG``). Everywhere,
    and as a second line on Linux, a thread waits on multiprocessing's pipe from the parent,
    which closes when the parent is gone, and ends the process. Either way an output in
    progress is abandoned before its rename, so no partial file appears; its temporary file
    is removed by the next run.
    """
    # Only a worker forked by the batch itself can follow it this way; under "forkserver" the
    # parent is the server, which ends with the batch and so takes the worker along.
    if _USE_PDEATHSIG and os.getppid() == parent:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the watching thread below still applies
        if os.getppid() != parent:
            os._exit(1)  # the parent died before we could ask to follow it
    import multiprocessing
    from multiprocessing.connection import wait

    here = multiprocessing.parent_process()
    if here is None or here.sentinel is None:
        return

    def watch(sentinel: int) -> None:
        wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, args=(here.sentinel,), name="replygen-parent-watch", daemon=True).start()


def render_one(source: str | os.PathLike[str], options: BatchOptions | RenderOptions) -> Outcome:
    """One draft through :func:`replygen.pipeline.render_draft`; failures become the Outcome."""
    return render_draft(source, options if isinstance(options, RenderOptions) else options.render_options())


def _render_chunk(sources: list[str], options: RenderOptions) -> list[Outcome]:
    return [render_one(source, options) for source in sources]


# --- driving and progress ---------------------------------------------------------------


def _chunks(items: list[Path], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield [str(p) for p in items[start : start + size]]


def _outcomes(sources: list[Path], options: RenderOptions, jobs: int) -> Iterator[Outcome]:
    if jobs <= 1 or len(sources) <= 1:
        for source in sources:
            yield render_one(source, options)
        return
    # Chunks small enough to keep every worker busy and the progress bar moving.
    size = max(1, min(50, len(sources) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up, initargs=(os.getpid(),)) as pool:
        for chunk in pool.map(_render_chunk, _chunks(sources, size), [options] * _count(sources, size)):
            yield from chunk


def _count(items: list[Path], size: int) -> int:
    return (len(items) + size - 1) // size


class Progress:
    """A bar redrawn in place on a terminal; one line per draft otherwise (logs, CI)."""

    def __init__(self, total: int, stream: TextIO, tty: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        if self.tty:
            width = 30
            filled = width * self.done // max(self.total, 1)
            bar = "#" * filled + " " * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
            if self.done == self.total:
                self.stream.write("\n")
        elif outcome.up_to_date or outcome.style_file:
            pass  # the summary says in one line how many were already done, and which were style files
        elif outcome.ok:
            self.stream.write(f"[{self.done}/{self.total}] 已生成 {', '.join(outcome.outputs)}\n")
            # What render says beside an output (the body's length), in the same words.
            self.stream.write("".join(f"  {note}\n" for note in outcome.notes))
        else:
            self.stream.write(f"[{self.done}/{self.total}] 失败 {outcome.source}\n")
        self.stream.flush()


def run_batch(
    sources: list[Path],
    options: BatchOptions,
    *,
    jobs: int = 1,
    progress: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Render every source; returns the summary.

    Creates the output folder if needed and first removes the temporary files earlier runs
    left there when they were killed. Outputs already up to date are skipped.
    """
    make_output_dir(options.out_dir)
    summary = Summary(stale_parts=remove_stale_parts(options.out_dir))
    per_draft = options.render_options(
        started_ns=filesystem_now(options.out_dir),
        protected=protected_inputs(sources, options.formats, options.template_dir),
        templates_mtime_ns=newest_mtime_ns(options.template_dir),
    )
    # Which draft each output name belongs to: a draft whose output is skipped as done may
    # still share its name with another draft, which only the whole run can see.
    claims = Claims()
    for outcome in _outcomes(sources, per_draft, jobs):
        outcome = _claim(outcome, claims)
        if outcome.up_to_date:
            summary.skipped += 1
        elif outcome.style_file:
            summary.style_files.append(outcome.source)
        elif outcome.ok:
            summary.rendered += 1
            if outcome.warnings:
                summary.warned.append(outcome)
        else:
            summary.failures.append(outcome)
        if progress:
            progress(outcome)
    return summary


def _claim(outcome: Outcome, claims: Claims) -> Outcome:
    """``outcome``, or a failure when an output it names belongs to an earlier draft.

    An output a worker found written by this run for another draft is refused in the same
    words as ``render`` uses, naming that draft once its outcome is in (with ``--jobs`` it may
    still be on its way: then the worker's own words stand).
    """
    for name in outcome.taken:
        refusal = claims.refusal(outcome.source, Path(name))
        if refusal is not None:
            return Outcome(outcome.source, errors=(refusal,))
    for name in (*outcome.outputs, *outcome.skipped):
        refusal = claims.claim(outcome.source, Path(name))
        if refusal is not None:
            return Outcome(outcome.source, errors=(refusal,))
    return outcome


def default_progress(total: int) -> Callable[[Outcome], None]:
    return Progress(total, sys.stderr).update
