"""Write stage: put rendered bytes on disk atomically, never destroying what is not ours.

Rules every writer follows (the CLI, ``batch``, ``import``, ``new``, the library):

- only a regular file is ever replaced: a symlink, a named pipe, a device, a socket or a
  directory at the target is refused, so ``-o /dev/null`` or a link into another folder
  cannot be swapped for a file;
- a command never writes over one of its own inputs (same file, also through a hard link);
- the bytes go to a temporary ``.part`` file beside the target that is renamed into place, so
  a reader sees the old file or the new one, never half of one. The temporary name carries
  the writer's host and process id, so a later run can prove that one left behind by a killed
  run is replygen's and abandoned, and remove it (:func:`remove_stale_parts`).
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import stat
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .errors import OutputError, os_reason

__all__ = [
    "EXISTS_MESSAGE",
    "Inputs",
    "atomic_write",
    "atomic_write_many",
    "check_target",
    "file_in_the_way",
    "file_kind",
    "filesystem_now",
    "make_output_dir",
    "remove_stale_parts",
    "same_name_key",
]

EXISTS_MESSAGE = "文件已存在；确认要覆盖时请加 --force"

# What a target that is not a regular file is, in the message that refuses it.
_KINDS = {
    stat.S_IFIFO: "命名管道（FIFO）",
    stat.S_IFCHR: "字符设备",
    stat.S_IFBLK: "块设备",
    stat.S_IFSOCK: "套接字",
    stat.S_IFDIR: "目录",
}


def file_kind(info: os.stat_result) -> str:
    """What a file that is not a regular one is, in Chinese: 目录, 命名管道（FIFO） …"""
    return _KINDS.get(stat.S_IFMT(info.st_mode), "特殊文件")


SYMLINK_MESSAGE = "这是一个符号链接；为免替换链接或写到它指向的别处，replygen 不写符号链接，请直接指定目标文件"
INPUT_MESSAGE = "输出文件就是本命令的输入文件{input}，写入会覆盖输入；请用 -o 指定另一个文件"

# Within a 255-byte file name, the temporary name needs about 40 bytes beside the target's.
_PART_NAME_BYTES = 200
# .<target name>.rg-<host>-<pid>.<mkstemp's 8 characters>.part
_PART = re.compile(r"^\..+\.rg-(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.part$")

FileId = tuple[int, int]


class Inputs:
    """The files a command reads: none of its outputs may replace one of them."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]] = ()) -> None:
        self._ids: dict[FileId, Path] = {}
        for path in paths:
            try:
                info = os.stat(path)
            except (OSError, ValueError):
                continue  # an input that is not there cannot be overwritten
            self._ids.setdefault((info.st_dev, info.st_ino), Path(path))

    def holding(self, info: os.stat_result) -> Path | None:
        """The input that is the file ``info`` describes, if any (hard links included)."""
        return self._ids.get((info.st_dev, info.st_ino))


def check_target(target: Path, inputs: Inputs | None = None) -> os.stat_result | None:
    """Refuse a target that is not a regular file or is one of ``inputs``; its stat, or None."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"无法查看输出文件：{os_reason(exc)}", target) from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(SYMLINK_MESSAGE, target)
    if not stat.S_ISREG(info.st_mode):
        kind = file_kind(info)
        raise OutputError(f"这是一个{kind}，不是普通文件；replygen 只写普通文件，不会替换它", target)
    held = inputs.holding(info) if inputs else None
    if held is not None:
        named = "" if os.path.abspath(held) == os.path.abspath(target) else f"“{held}”"
        raise OutputError(INPUT_MESSAGE.format(input=named), target)
    return info


def atomic_write(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True, inputs: Inputs | None = None
) -> Path:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place.

    A failure or interruption leaves ``path`` as it was (absent or the old version). An
    existing ``path`` must be a regular file that is none of ``inputs``; without
    ``overwrite`` it must not exist at all.
    """
    target = Path(path)
    temp_name = _write_temp(target, data, overwrite, inputs, sync=True)
    _move_into_place(temp_name, target, overwrite, inputs)
    return target


def atomic_write_many(
    files: list[tuple[Path, bytes]], *, overwrite: bool = True, inputs: Inputs | None = None
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
                temps[index] = _write_temp(Path(target), data, overwrite, inputs, sync=False)
            except OutputError as exc:
                errors[index] = exc
        _flush(list(temps.values()))
        for index, temp_name in list(temps.items()):
            temps.pop(index)
            try:
                _move_into_place(temp_name, Path(files[index][0]), overwrite, inputs)
            except OutputError as exc:
                errors[index] = exc
    finally:
        for temp_name in temps.values():  # interrupted: leave no temporary file behind
            _discard(temp_name)
    return errors


def _write_temp(target: Path, data: bytes, overwrite: bool, inputs: Inputs | None, *, sync: bool) -> str:
    """The temporary file holding ``data`` beside ``target``, after the target's checks."""
    directory = target.parent if str(target.parent) else Path(".")
    if not os.path.isdir(directory):
        raise OutputError("输出目录不存在，请先创建它或换一个目录", directory)
    existing = check_target(target, inputs)
    if not overwrite and existing is not None:
        raise OutputError(EXISTS_MESSAGE, target)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=_part_prefix(target), suffix=".part", dir=directory)
    except OSError as exc:
        raise OutputError(f"无法在输出目录中写文件：{os_reason(exc)}", directory) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode an ordinary new file would
        # get, or the replaced file's, so colleagues on a shared folder can still open it.
        os.chmod(temp_name, stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask())
    except BaseException as exc:
        _discard(temp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"写入失败：{os_reason(exc)}", target) from None
        raise
    return temp_name


def _move_into_place(temp_name: str, target: Path, overwrite: bool, inputs: Inputs | None) -> None:
    try:
        if not overwrite:
            # link() fails if anything appeared meanwhile, so we never clobber a file.
            try:
                os.link(temp_name, target)
            except FileExistsError:
                raise OutputError(EXISTS_MESSAGE, target) from None
            os.unlink(temp_name)
        else:
            # Look again just before the rename: the gap in which a pipe or a link could
            # take the regular file's place is now as short as it can be.
            check_target(target, inputs)
            os.replace(temp_name, target)
    except BaseException as exc:
        _discard(temp_name)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(f"写入失败：{os_reason(exc)}", target) from None
        raise


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


def same_name_key(name: str | os.PathLike[str]) -> str:
    """What two output names must differ in to be two files on every system a clerk may copy
    them to: Windows and macOS ignore case and treat composed and decomposed characters alike."""
    return unicodedata.normalize("NFC", os.fspath(name)).casefold()


def make_output_dir(path: str | os.PathLike[str]) -> Path:
    """Create the output folder (and its parents) if needed; a clear error when it cannot be."""
    directory = Path(path)
    blocker = file_in_the_way(directory)
    if blocker is not None:
        raise OutputError(f"无法创建输出目录：{blocker} 是文件而不是目录", directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法创建输出目录：{os_reason(exc)}", directory) from None
    return directory


def file_in_the_way(directory: Path) -> Path | None:
    """The existing non-directory that ``directory`` is, or lies under; None when there is none."""
    for candidate in (directory, *directory.parents):
        # os.path.isdir, not Path.is_dir: a name too long (or with a NUL) is "not a folder"
        # here, and making it then fails with a message rather than a traceback.
        if os.path.isdir(candidate):
            return None
        if os.path.lexists(candidate):
            return candidate
    return None


# --- temporary files ----------------------------------------------------------------------


@cache
def _host() -> str:
    """A short, stable tag for this machine: a pid only means something on the host that made it."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _part_prefix(target: Path) -> str:
    name = target.name
    while len(name.encode("utf-8", "surrogateescape")) > _PART_NAME_BYTES:
        name = name[:-1]
    # The pid is read at each write: a batch's workers are forked after import.
    return f".{name}.rg-{_host()}-{os.getpid()}."


def filesystem_now(directory: str | os.PathLike[str], limit: float = 5.0) -> int:
    """The file system's clock in ``directory`` (ns), read from a file made there.

    Returns a time every file written there from now on is newer than (``mtime > result``)
    and no file written before exceeds. File times come from a coarser clock than Python's
    (a tick of a few ms, 2 s on FAT), so we wait until that clock has moved on once.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=f".batch.rg-{_host()}-{os.getpid()}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise OutputError(f"无法在输出目录中写文件：{os_reason(exc)}", directory) from None
    try:
        os.close(fd)
        first = os.stat(name).st_mtime_ns
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            os.utime(name)  # set to the file system's "now"
            if os.stat(name).st_mtime_ns > first:
                break
            time.sleep(0.001)
        return first
    finally:
        _discard(name)


def remove_stale_parts(directory: str | os.PathLike[str]) -> int:
    """Remove the temporary files killed replygen runs left in ``directory``; how many.

    A file is removed only when its name is one replygen's writer makes, it was made on this
    host by a process that no longer runs, it belongs to the current user and it is a regular
    file. Anything else, including every file whose writer might still be alive, stays.
    """
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    removed = 0
    for entry in entries:
        match = _PART.match(entry.name)
        if not match or match["host"] != _host() or _alive(int(match["pid"])):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue  # gone meanwhile, or not ours to remove
    return removed


def _alive(pid: int) -> bool:
    """Whether process ``pid`` may still run; True whenever that cannot be proved false."""
    if sys.platform == "win32" or pid <= 0:
        return True  # os.kill(pid, 0) would send Ctrl-C on Windows: never guess there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass  # exists, but belongs to someone else
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A process that has ended but was not yet reaped (an orphan's fate where nothing reaps)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False  # no /proc here: take the process as running
    return state in (b"Z", b"X")


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

