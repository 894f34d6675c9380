"""Write stage: outputs are complete or absent, readable like any other new file, and never
replace a special file, a link or an input; temporary files of killed runs are cleaned up."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from replygen import output
from replygen.errors import OutputError
from replygen.output import Inputs, atomic_write, make_output_dir

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


@posix_only
def test_new_file_gets_the_umask_mode_not_a_private_one(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = atomic_write(tmp_path / "a.docx", b"data")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@posix_only
def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_refuses_to_overwrite_without_permission(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="已存在"):
        atomic_write(target, b"new", overwrite=False)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# --- what a write may replace -------------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    # A twin of /dev/null inside the test folder: the real one must never be put at risk.
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs administrator rights")


def _link_to_file(path: Path) -> None:
    (path.parent / "real.txt").write_bytes(b"real")
    path.symlink_to(path.parent / "real.txt")


def _dangling_link(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.txt")


def _directory(path: Path) -> None:
    path.mkdir()


SPECIAL = {
    "fifo": (_fifo, stat.S_ISFIFO, "命名管道"),
    "device": (_device, stat.S_ISCHR, "字符设备"),
    "symlink": (_link_to_file, stat.S_ISLNK, "符号链接"),
    "dangling-symlink": (_dangling_link, stat.S_ISLNK, "符号链接"),
    "directory": (_directory, stat.S_ISDIR, "目录"),
}


@posix_only
@pytest.mark.parametrize("overwrite", [True, False], ids=["overwrite", "no-overwrite"])
@pytest.mark.parametrize("kind", list(SPECIAL))
def test_only_a_regular_file_is_ever_replaced(kind: str, overwrite: bool, tmp_path: Path) -> None:
    make, is_kind, word = SPECIAL[kind]
    target = tmp_path / "out.txt"
    make(target)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(OutputError, match=word) as caught:
        atomic_write(target, b"new", overwrite=overwrite)
    assert str(target) in str(caught.value)
    assert is_kind(os.lstat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    if kind == "symlink":
        assert (tmp_path / "real.txt").read_bytes() == b"real"


@pytest.mark.parametrize("how", ["same-path", "other-spelling", "hard-link"])
def test_never_writes_over_an_input(how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "letter.txt"
    source.write_bytes(b"original")
    target = {"same-path": source, "other-spelling": Path("sub/../letter.txt"), "hard-link": tmp_path / "copy.txt"}[how]
    if how == "hard-link":
        os.link(source, target)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError, match="输出文件就是本命令的输入文件"):
        atomic_write(target, b"yaml", inputs=Inputs([source]))
    assert source.read_bytes() == b"original"
    assert atomic_write(tmp_path / "other.txt", b"yaml", inputs=Inputs([source])).read_bytes() == b"yaml"


# --- temporary files left by killed runs --------------------------------------------------


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=30)
    return process.pid


def _part(directory: Path, pid: int, host: str | None = None, name: str = "a.docx") -> Path:
    path = directory / f".{name}.rg-{host or output._host()}-{pid}.abcd_123.part"
    path.write_bytes(b"half")
    return path


def test_the_temporary_name_carries_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_fsync = os.fsync

    def look(fd: int) -> None:
        seen.extend(p.name for p in tmp_path.iterdir())
        real_fsync(fd)

    monkeypatch.setattr(output.os, "fsync", look)
    atomic_write(tmp_path / "报告.docx", b"data")
    [name] = seen
    match = output._PART.match(name)
    assert match and name.startswith(".报告.docx.")
    assert int(match["pid"]) == os.getpid() and match["host"] == output._host()


@posix_only
def test_stale_parts_of_dead_writers_are_removed_and_nothing_else(tmp_path: Path) -> None:
    dead = _dead_pid()
    stale = _part(tmp_path, dead)
    live = _part(tmp_path, os.getpid(), name="b.docx")
    elsewhere = _part(tmp_path, dead, host="0" * 8 if output._host() != "0" * 8 else "1" * 8, name="c.docx")
    lookalike = tmp_path / ".a.docx.abcd_123.part"  # another program's temporary file
    lookalike.write_bytes(b"not ours")
    users = tmp_path / "notes.part"
    users.write_bytes(b"a clerk's file")
    link = tmp_path / f".d.docx.rg-{output._host()}-{dead}.abcd_123.part"
    link.symlink_to(users)
    assert output.remove_stale_parts(tmp_path) == 1
    assert not stale.exists()
    assert live.exists() and elsewhere.exists() and lookalike.exists() and users.exists() and link.is_symlink()


def test_stale_parts_are_kept_when_the_writer_cannot_be_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output.sys, "platform", "win32")
    part = _part(tmp_path, _dead_pid())
    assert output.remove_stale_parts(tmp_path) == 0
    assert part.exists()


# --- output folders -----------------------------------------------------------------------


def test_output_folder_under_a_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(OutputError, match="无法创建输出目录") as caught:
        make_output_dir(tmp_path / "file" / "out")
    assert f"{tmp_path / 'file'} 是文件而不是目录" in str(caught.value)


def test_output_folder_without_permission_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated: the tests may run with administrator rights, which ignore permissions.
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(OutputError, match="无法创建输出目录：没有权限"):
        make_output_dir(tmp_path / "new")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_writer_that_ended_but_was_not_reaped_counts_as_gone(tmp_path: Path) -> None:
    # Orphans of a killed batch can linger as zombies where nothing reaps them.
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 30
        while (Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z":
            assert time.monotonic() < deadline, "the child never ended"
            time.sleep(0.01)
        part = _part(tmp_path, process.pid)
        assert output.remove_stale_parts(tmp_path) == 1
        assert not part.exists()
    finally:
        process.wait(timeout=30)


def test_a_missing_output_parent_is_said_in_chinese(tmp_path: Path) -> None:
    # A parent that cannot be made (under a path that does not exist on a read-only mount is
    # not portable; a name too long for the file system is).
    with pytest.raises(OutputError) as caught:
        make_output_dir(tmp_path / ("长" * 200) / "out")
    assert str(caught.value).endswith("无法创建输出目录：文件名或路径过长"), str(caught.value)
    assert not re.search("[A-Za-z]{4,}", str(caught.value).split(": ", 1)[1])
