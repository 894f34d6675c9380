"""Batch stage: render a folder of drafts, one failure never stopping the others.

Work is spread over processes in chunks; each worker imports the library and builds the
template environment once. Results stream back one small :class:`Outcome` per draft, so
memory stays small (failures are kept for the summary, and each output's name, to catch two
drafts claiming one file).

A batch can be run again after it was interrupted: an output that exists and is not older
than its draft (and the ``--template-dir`` templates) is done and skipped, so only what is
missing is rendered. Workers die with the batch that started them.
"""

from __future__ import annotations

import ctypes
import glob
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from .errors import OutputError
from .naming import DEFAULT_PATTERN, name_fields, output_name
from .output import Inputs, atomic_write, check_target, filesystem_now, make_output_dir, remove_stale_parts, same_name_key

__all__ = ["BatchOptions", "Outcome", "Summary", "find_drafts", "render_one", "run_batch"]

_SUFFIXES = (".yaml", ".yml")

# Linux can kill a worker the moment its parent dies; elsewhere a thread watches the parent.
_USE_PDEATHSIG = sys.platform.startswith("linux")
_PR_SET_PDEATHSIG = 1

COLLISION_ADVICE = "请用 --pattern 区分，如加上 {stem}"
COLLISION_MESSAGE = f"本批次中另一份草稿已生成同名文件；{COLLISION_ADVICE}"
STALE_MESSAGE = "输出文件比草稿（或 --template-dir 中的模板）旧，草稿在生成后改过；重新生成请加 --force"


@dataclass(frozen=True)
class BatchOptions:
    """What every worker needs to render one draft; small and picklable."""

    out_dir: str
    formats: tuple[str, ...]
    pattern: str = DEFAULT_PATTERN
    force: bool = False
    template_dir: str | None = None
    final: bool = False  # refuse drafts that still hold 【待填写】
    publication: bool = False  # the version for 信息公开
    indent: bool = False  # the 办理系统 body with the two-character indent
    # Files in the output folder newer than this (ns, its file system's clock) are this run's.
    started_ns: int = field(default_factory=time.time_ns)
    # Set by run_batch: drafts an output name could coincide with (a glob may pick .txt
    # files), and the newest --template-dir file time an output must not be older than.
    protected: tuple[str, ...] = ()
    templates_mtime_ns: int = 0


@dataclass(frozen=True)
class Outcome:
    """One draft's result: the files written, or the lines explaining why it failed."""

    source: str
    outputs: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # outputs already there and up to date
    warnings: tuple[str, ...] = ()  # written, but the clerk should look (a body over the cap)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def up_to_date(self) -> bool:
        """Nothing needed writing: every output was done before this run."""
        return self.ok and not self.outputs and bool(self.skipped)


@dataclass
class Summary:
    """Counts, plus the failures a clerk must see at the end."""

    rendered: int = 0
    failures: list[Outcome] = field(default_factory=list)
    skipped: int = 0  # drafts whose outputs were all up to date
    stale_parts: int = 0  # temporary files of killed runs removed before starting
    warned: list[Outcome] = field(default_factory=list)  # rendered, with warnings to show

    @property
    def total(self) -> int:
        return self.rendered + self.skipped + len(self.failures)

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def report(self) -> str:
        lines = [f"共 {self.total} 份草稿：成功 {self.rendered} 份，失败 {len(self.failures)} 份。"]
        if self.skipped:
            lines.append(f"已有 {self.skipped} 份草稿的输出且比草稿新，跳过；重写请加 --force")
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
    from . import render  # noqa: F401  (imports pydantic, Jinja and the model)

    render._environment(None)


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


def render_one(source: str | os.PathLike[str], options: BatchOptions) -> Outcome:
    """Load, render and write one draft; every expected failure becomes an Outcome."""
    from .errors import InputError, ReplygenError
    from .formats import Version, available_formats, render_formats
    from .loader import load
    from .versions import body_length, body_limit, limit_warning
    from .placeholders import placeholders_left

    source = str(source)
    try:
        doc = load(source)
        if options.final:
            left = placeholders_left(doc, source)
            if left:
                return Outcome(source, errors=tuple(f"{p}（--final 不生成仍有占位符的草稿）" for p in left))
        stem = output_name(options.pattern, name_fields(doc, source))
        registry = available_formats()
        inputs = Inputs((source, *options.protected))
        targets = {name: _inside(Path(options.out_dir), f"{stem}{registry[name].suffix}") for name in options.formats}
        plans = {name: _plan(target, source, options, inputs) for name, target in targets.items()}
        todo = [registry[name] for name, plan in plans.items() if plan]
        skipped = tuple(str(targets[name]) for name, plan in plans.items() if not plan)
        written = []
        warnings = []
        draft = False if options.final else None
        version = Version(publication=options.publication, indent=options.indent)
        # Done outputs are not rendered again: only the missing formats go through the writers.
        for fmt, data in render_formats(doc, todo, options.template_dir, draft, version, source) if todo else ():
            _write(targets[fmt.name], data, plans[fmt.name] == "replace", options, inputs)
            written.append(str(targets[fmt.name]))
            if fmt.body:
                warning = limit_warning(str(targets[fmt.name]), body_length(data.decode("utf-8")), body_limit(doc))
                warnings += [warning] if warning else []
        return Outcome(source, tuple(written), skipped=skipped, warnings=tuple(warnings))
    except InputError as exc:
        return Outcome(source, errors=tuple(str(p) for p in exc.problems))
    except ReplygenError as exc:
        return Outcome(source, errors=(f"{source}: {exc}",))
    except Exception as exc:  # a bug must not cost the office the rest of the batch
        return Outcome(source, errors=(f"{source}: 内部错误（{type(exc).__name__}: {exc}），请把这份草稿报告给维护人员",))


def _inside(out_dir: Path, name: str) -> Path:
    """The output path; safe_filename already strips separators, this makes sure of it."""
    target = out_dir / name
    # Judged on the name alone: a link at the target is refused by the write, with its own reason.
    if Path(name).name != name or name in {"", ".", ".."} or target.parent != out_dir:
        raise OutputError("输出文件名会落到输出目录之外，已拒绝写入", target)
    return target


def _plan(target: Path, source: str, options: BatchOptions, inputs: Inputs) -> str | None:
    """``"new"`` or ``"replace"`` when ``target`` must be written, None when it is done.

    Done means: it exists, it is complete (every write is atomic, so an existing file is
    whole) and it is not older than its draft or the templates. An older one is reported,
    not replaced, unless ``--force``: the clerk may have edited the output by hand. Special
    files, links and inputs at ``target`` raise, as in every write.
    """
    existing = check_target(target, inputs)
    if existing is None:
        return "new"
    _refuse_this_runs_file(target, existing.st_mtime_ns, options)
    if options.force:
        return "replace"
    if existing.st_mtime_ns >= max(os.stat(source).st_mtime_ns, options.templates_mtime_ns):
        return None
    raise OutputError(STALE_MESSAGE, target)


def _refuse_this_runs_file(target: Path, mtime_ns: int, options: BatchOptions) -> None:
    """Never replace a file this batch has just written, --force or not: two drafts mapping
    to one name must not silently lose one of them."""
    if mtime_ns > options.started_ns:
        raise OutputError(COLLISION_MESSAGE, target)


def _write(target: Path, data: bytes, replace_it: bool, options: BatchOptions, inputs: Inputs) -> None:
    try:
        # A file that was absent is created with link(), which never clobbers: another
        # worker may be writing the same name right now.
        atomic_write(target, data, overwrite=replace_it, inputs=inputs)
    except OutputError:
        if replace_it or not os.path.exists(target):
            raise
        _refuse_this_runs_file(target, target.stat().st_mtime_ns, options)
        raise


def _render_chunk(sources: list[str], options: BatchOptions) -> list[Outcome]:
    return [render_one(source, options) for source in sources]


# --- driving and progress ---------------------------------------------------------------


def _chunks(items: list[Path], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield [str(p) for p in items[start : start + size]]


def _outcomes(sources: list[Path], options: BatchOptions, jobs: int) -> Iterator[Outcome]:
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
        elif outcome.up_to_date:
            pass  # the summary says in one line how many were already done
        elif outcome.ok:
            self.stream.write(f"[{self.done}/{self.total}] 已生成 {', '.join(outcome.outputs)}\n")
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
    from .formats import available_formats

    make_output_dir(options.out_dir)
    summary = Summary(stale_parts=remove_stale_parts(options.out_dir))
    suffixes = {available_formats()[name].suffix for name in options.formats}
    options = replace(
        options,
        started_ns=filesystem_now(options.out_dir),
        protected=tuple(str(p) for p in sources if p.suffix.lower() in suffixes),
        templates_mtime_ns=_newest_mtime_ns(options.template_dir),
    )
    # Which draft each output name belongs to (an index, to stay small): a draft whose output
    # is skipped as done may still share its name with another draft, which only the whole
    # run can see.
    claimed: dict[str, int] = {}
    for index, outcome in enumerate(_outcomes(sources, options, jobs)):
        outcome = _claim(outcome, index, sources, claimed)
        if outcome.up_to_date:
            summary.skipped += 1
        elif outcome.ok:
            summary.rendered += 1
            if outcome.warnings:
                summary.warned.append(outcome)
        else:
            summary.failures.append(outcome)
        if progress:
            progress(outcome)
    return summary


def _claim(outcome: Outcome, index: int, sources: list[Path], claimed: dict[str, int]) -> Outcome:
    """``outcome``, or a failure when an output it names belongs to an earlier draft."""
    for name in (*outcome.outputs, *outcome.skipped):
        owner = claimed.setdefault(same_name_key(Path(name).name), index)  # all in one folder
        if owner != index:
            message = f"{outcome.source}: {name}: 与 {sources[owner]} 的输出同名；{COLLISION_ADVICE}"
            return Outcome(outcome.source, errors=(message,))
    return outcome


def _newest_mtime_ns(template_dir: str | None) -> int:
    """The newest file time in the template folder: an output older than it is out of date."""
    if template_dir is None or not os.path.isdir(template_dir):
        return 0
    return max((p.stat().st_mtime_ns for p in Path(template_dir).rglob("*") if os.path.isfile(p)), default=0)


def default_progress(total: int) -> Callable[[Outcome], None]:
    return Progress(total, sys.stderr).update
