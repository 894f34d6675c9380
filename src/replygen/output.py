"""Write stage: put rendered bytes on disk atomically, never leaving a partial file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError

__all__ = ["EXISTS_MESSAGE", "atomic_write", "atomic_write_many"]

EXISTS_MESSAGE = "文件已存在；确认要覆盖时请加 --force"


def atomic_write(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True) -> Path:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place.

    A failure or interruption leaves ``path`` as it was (absent or the old version).
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError("输出目录不存在，请先创建它或换一个目录", directory)
    if not overwrite and target.exists():
        raise OutputError(EXISTS_MESSAGE, target)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise OutputError(f"无法在输出目录中写文件：{exc.strerror}", directory) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode an ordinary new file would
        # get, or the replaced file's, so colleagues on a shared folder can still open it.
        os.chmod(temp_name, _mode_for(target))
        if not overwrite:
            # link() fails if the target appeared meanwhile, so we never clobber a file.
            try:
                os.link(temp_name, target)
            except FileExistsError:
                raise OutputError(EXISTS_MESSAGE, target) from None
            os.unlink(temp_name)
        else:
            os.replace(temp_name, target)
    except OutputError:
        _discard(temp_name)
        raise
    except BaseException as exc:
        _discard(temp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"写入失败：{exc.strerror}", target) from None
        raise
    return target


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _discard(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def atomic_write_many(
    files: list[tuple[Path, bytes]], *, overwrite: bool = True
) -> list[OutputError | None]:
    """:func:`atomic_write` for many small files at once, with one flush to disk for all.

    Each file is written to a temporary file, the disk is flushed once, and then each is
    renamed into place: every file is whole or absent, as with :func:`atomic_write`, but a
    list of a thousand drafts costs one flush instead of a thousand. Returns, per file, None
    or the error that kept it from being written; one failure never stops the others.
    """
    errors: list[OutputError | None] = [None] * len(files)
    temps: dict[int, str] = {}
    try:
        for index, (target, data) in enumerate(files):
            try:
                temps[index] = _write_temp(Path(target), data, overwrite)
            except OutputError as exc:
                errors[index] = exc
        _flush([name for name in temps.values()])
        for index, temp_name in list(temps.items()):
            target = Path(files[index][0])
            try:
                _move_into_place(temp_name, target, overwrite)
            except OutputError as exc:
                errors[index] = exc
            temps.pop(index)
    finally:
        for temp_name in temps.values():  # interrupted: leave no temporary file behind
            _discard(temp_name)
    return errors


def _write_temp(target: Path, data: bytes, overwrite: bool) -> str:
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError("输出目录不存在，请先创建它或换一个目录", directory)
    if not overwrite and target.exists():
        raise OutputError(EXISTS_MESSAGE, target)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise OutputError(f"无法在输出目录中写文件：{exc.strerror}", directory) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp_name, _mode_for(target))
    except BaseException as exc:
        _discard(temp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"写入失败：{exc.strerror}", target) from None
        raise
    return temp_name


def _flush(names: list[str]) -> None:
    """Put the files' data on disk before any is renamed: one sync where the system has it."""
    if not names:
        return
    if hasattr(os, "sync"):
        os.sync()
        return
    for name in names:  # pragma: no cover - systems without sync(2)
        with open(name, "rb+") as handle:
            os.fsync(handle.fileno())


def _move_into_place(temp_name: str, target: Path, overwrite: bool) -> None:
    try:
        if not overwrite:
            try:
                os.link(temp_name, target)  # fails if the target appeared meanwhile
            except FileExistsError:
                raise OutputError(EXISTS_MESSAGE, target) from None
            os.unlink(temp_name)
        else:
            os.replace(temp_name, target)
    except OutputError:
        _discard(temp_name)
        raise
    except OSError as exc:
        _discard(temp_name)
        raise OutputError(f"写入失败：{exc.strerror}", target) from None
