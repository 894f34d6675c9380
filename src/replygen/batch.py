"""Batch stage: render a folder of drafts, one failure never stopping the others.

Work is spread over processes in chunks; each worker imports the library and builds the
template environment once. Results stream back one small :class:`Outcome` per draft, so
memory does not grow with the number of drafts (only failures are kept, for the summary).
"""

from __future__ import annotations

import glob
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .naming import DEFAULT_PATTERN, name_fields, output_name

__all__ = ["BatchOptions", "Outcome", "Summary", "find_drafts", "render_one", "run_batch"]

_SUFFIXES = (".yaml", ".yml")

# File times come from a coarser clock than time.time(); allow for the difference.
_CLOCK_SLACK = 0.05


@dataclass(frozen=True)
class BatchOptions:
    """What every worker needs to render one draft; small and picklable."""

    out_dir: str
    formats: tuple[str, ...]
    pattern: str = DEFAULT_PATTERN
    force: bool = False
    template_dir: str | None = None
    final: bool = False  # refuse drafts that still hold 【待填写】
    started: float = field(default_factory=time.time)


@dataclass(frozen=True)
class Outcome:
    """One draft's result: the files written, or the lines explaining why it failed."""

    source: str
    outputs: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Summary:
    """Counts, plus the failures a clerk must see at the end."""

    rendered: int = 0
    failures: list[Outcome] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.rendered + len(self.failures)

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0

    def report(self) -> str:
        lines = [f"共 {self.total} 份草稿：成功 {self.rendered} 份，失败 {len(self.failures)} 份。"]
        if self.failures:
            lines.append("失败的草稿（文件:行:列 字段: 原因）：")
            for outcome in self.failures:
                lines.extend(f"  {line}" for line in outcome.errors)
        return "\n".join(lines)


def find_drafts(spec: str) -> list[Path]:
    """A directory (its YAML files, recursively) or a glob pattern, in a stable order."""
    path = Path(spec)
    if path.is_dir():
        found: Iterable[Path] = (
            p
            for p in path.rglob("*")
            # Hidden folders hold editor backups and version control, not drafts.
            if p.suffix.lower() in _SUFFIXES and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    else:
        found = (Path(p) for p in glob.glob(spec, recursive=True))
    return sorted(p for p in found if p.is_file())


# --- one draft (runs in a worker) -------------------------------------------------------


def _warm_up() -> None:
    """Worker initialiser: pay for imports and the template environment once per process."""
    from . import render  # noqa: F401  (imports pydantic, Jinja and the model)

    render._environment(None)


def render_one(source: str | os.PathLike[str], options: BatchOptions) -> Outcome:
    """Load, render and write one draft; every expected failure becomes an Outcome."""
    from .errors import InputError, ReplygenError
    from .formats import available_formats, render_formats
    from .loader import load
    from .placeholders import placeholders_left

    source = str(source)
    try:
        doc = load(source)
        if options.final:
            left = placeholders_left(doc, source)
            if left:
                return Outcome(source, errors=tuple(f"{p}（--final 不生成仍有占位符的草稿）" for p in left))
        stem = output_name(options.pattern, name_fields(doc, source))
        written = []
        registry = available_formats()
        formats = [registry[name] for name in options.formats]
        draft = False if options.final else None
        for fmt, data in render_formats(doc, formats, options.template_dir, draft):
            target = _inside(Path(options.out_dir), f"{stem}{fmt.suffix}")
            _write(target, data, options)
            written.append(str(target))
        return Outcome(source, tuple(written))
    except InputError as exc:
        return Outcome(source, errors=tuple(str(p) for p in exc.problems))
    except ReplygenError as exc:
        return Outcome(source, errors=(f"{source}: {exc}",))
    except Exception as exc:  # a bug must not cost the office the rest of the batch
        return Outcome(source, errors=(f"{source}: 内部错误（{type(exc).__name__}: {exc}），请把这份草稿报告给维护人员",))


def _inside(out_dir: Path, name: str) -> Path:
    """The output path; safe_filename already strips separators, this makes sure of it."""
    from .errors import OutputError

    target = out_dir / name
    if target.resolve().parent != out_dir.resolve():
        raise OutputError("输出文件名会落到输出目录之外，已拒绝写入", target)
    return target


def _write(target: Path, data: bytes, options: BatchOptions) -> None:
    from .errors import OutputError
    from .output import EXISTS_MESSAGE, atomic_write

    if not target.exists():
        try:
            atomic_write(target, data, overwrite=False)
            return
        except OutputError:
            if not target.exists():
                raise
            # Another process created it meanwhile: judge it like any existing file.
    # Never replace a file this batch has just written, --force or not: two drafts
    # mapping to one name must not silently lose one of them.
    if target.stat().st_mtime >= options.started - _CLOCK_SLACK:
        raise OutputError("本批次中另一份草稿已生成同名文件；请用 --pattern 区分，如加上 {stem}", target)
    if not options.force:
        raise OutputError(EXISTS_MESSAGE, target)
    atomic_write(target, data, overwrite=True)


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
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as pool:
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
    """Render every source; returns the summary. Creates the output folder if needed."""
    Path(options.out_dir).mkdir(parents=True, exist_ok=True)
    summary = Summary()
    for outcome in _outcomes(sources, options, jobs):
        if outcome.ok:
            summary.rendered += 1
        else:
            summary.failures.append(outcome)
        if progress:
            progress(outcome)
    return summary


def default_progress(total: int) -> Callable[[Outcome], None]:
    return Progress(total, sys.stderr).update
