"""The cache folder: entries are reused, marked when used and pruned when new ones appear."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

import replygen
from replygen.cache import cache_dir, mark_used, prune

from conftest import EXAMPLES

DAY = 86_400
FOLDER = re.compile(r"jinja-[\w.+]+-[0-9a-f]{12}")


def aged(path: Path, days: float) -> Path:
    """Give ``path`` the modification time it would have if last used ``days`` ago."""
    when = time.time() - days * DAY
    os.utime(path, (when, when))
    return path


def folder(base: Path, name: str, days: float) -> Path:
    path = base / name
    (path / "sub").mkdir(parents=True)
    (path / "sub" / "t.cache").write_bytes(b"x")
    return aged(path, days)


def test_prune_keeps_the_new_entry_and_the_most_recently_used_others(tmp_path: Path) -> None:
    made = folder(tmp_path, "jinja-3.1.6-000000000000", days=0)
    for n in range(1, 6):
        folder(tmp_path, f"jinja-3.1.6-00000000000{n}", days=n)
    aged(tmp_path / "jinja-3.1.6-000000000005", days=0.5)  # made long ago, but used lately
    prune(tmp_path, FOLDER, keep=3, made=made)
    left = sorted(p.name[-1] for p in tmp_path.iterdir())
    assert left == ["0", "1", "5"]


def test_prune_leaves_what_replygen_did_not_name_alone(tmp_path: Path) -> None:
    # A cache directory may be shared: only replygen's own entry names are pruned.
    made = folder(tmp_path, "jinja-3.1.6-aaaaaaaaaaaa", days=0)
    keepers = [folder(tmp_path, "jinja-office-templates", days=90), tmp_path / "jinja-notes.txt"]
    keepers[1].write_text("x")
    aged(keepers[1], days=90)
    folder(tmp_path, "jinja-3.1.6-bbbbbbbbbbbb", days=90)
    prune(tmp_path, FOLDER, keep=1, made=made)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jinja-3.1.6-aaaaaaaaaaaa", "jinja-notes.txt", "jinja-office-templates"]


def test_the_entry_just_made_survives_entries_dated_in_the_future(tmp_path: Path) -> None:
    # A clock set back, or a cache copied from another machine, must not evict what was just made.
    made = folder(tmp_path, "jinja-3.1.6-000000000000", days=0)
    for n in range(1, 5):
        folder(tmp_path, f"jinja-3.1.6-00000000000{n}", days=-365)
    prune(tmp_path, FOLDER, keep=2, made=made)
    assert made.is_dir() and len(list(tmp_path.iterdir())) == 2


def test_a_new_folder_prunes_the_ones_it_replaces_and_a_reused_one_is_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLYGEN_CACHE_DIR", str(tmp_path))
    for n in range(5):
        folder(tmp_path, f"jinja-3.0-00000000000{n}", days=10 + n)
    current = cache_dir("jinja-3.1-ffffffffffff", replaces=FOLDER, keep=3)
    assert current is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "jinja-3.0-000000000000", "jinja-3.0-000000000001", "jinja-3.1-ffffffffffff",
    ]  # fmt: skip
    aged(current, days=30)
    assert cache_dir("jinja-3.1-ffffffffffff", replaces=FOLDER, keep=1) == current  # existed: used, not pruning
    assert current.stat().st_mtime > (tmp_path / "jinja-3.0-000000000000").stat().st_mtime
    assert len(list(tmp_path.iterdir())) == 3


def test_mark_used_on_a_missing_entry_is_harmless(tmp_path: Path) -> None:
    mark_used(tmp_path / "gone.zip")
    assert not (tmp_path / "gone.zip").exists()


def test_compiled_templates_of_earlier_versions_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from replygen import render

    monkeypatch.setenv("REPLYGEN_CACHE_DIR", str(tmp_path))
    for n in range(6):
        folder(tmp_path, f"jinja-3.0.0-00000000000{n}", days=n + 1)
    render._environment.cache_clear()
    try:
        assert "答复" in replygen.render_text(replygen.load(EXAMPLES / "reply-004-kjt-2023-92.yaml"))
        left = sorted(p.name for p in tmp_path.iterdir())
        assert left[:3] == ["jinja-3.0.0-000000000000", "jinja-3.0.0-000000000001", "jinja-3.0.0-000000000002"]
        assert len(left) == 4 and FOLDER.fullmatch(left[3]) and not left[3].startswith("jinja-3.0.0")
    finally:
        render._environment.cache_clear()


def test_docx_bases_are_pruned_when_a_new_one_is_stored_and_marked_when_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from replygen import docx as docx_writer

    monkeypatch.setenv("REPLYGEN_CACHE_DIR", str(tmp_path))
    bases = tmp_path / "docx-base"
    bases.mkdir()
    for n in range(20):
        entry = bases / f"{n:032x}.zip"
        entry.write_bytes(b"x")
        aged(entry, days=n + 1)
    (bases / "readme.zip").write_bytes(b"not ours")
    doc = replygen.load(EXAMPLES / "reply-004-kjt-2023-92.yaml")
    docx_writer._cached_base.cache_clear()
    try:
        replygen.docx_bytes(doc)
        left = sorted(p.name for p in bases.iterdir())
        assert len(left) == 17 and "readme.zip" in left
        assert f"{14:032x}.zip" in left and f"{15:032x}.zip" not in left
        [new] = set(left) - {f"{n:032x}.zip" for n in range(20)} - {"readme.zip"}
        aged(bases / new, days=100)
        docx_writer._cached_base.cache_clear()  # a new process reads the stored base
        replygen.docx_bytes(doc)
        assert (bases / new).stat().st_mtime > (bases / f"{0:032x}.zip").stat().st_mtime  # used: newest again
        assert len(list(bases.iterdir())) == 17  # a reused entry prunes nothing
    finally:
        docx_writer._cached_base.cache_clear()


@pytest.mark.parametrize(
    ("module", "key_of"),
    [
        ("docx/writer.py", lambda: _base_key()),
        ("docx/imprint.py", lambda: _base_key()),
        ("layout.py", lambda: _base_key()),
        ("sandbox.py", lambda: _compiler_stamp()),
        ("_jinja.py", lambda: _compiler_stamp()),
    ],
)
def test_a_cached_entry_is_keyed_on_the_code_that_built_it(module: str, key_of: object) -> None:
    # Changing the code that shapes a .docx base or compiles an office's templates must make
    # a new entry, or an upgrade would be served output built by the old code.
    source = Path(replygen.__file__).parent / module
    before = key_of()  # type: ignore[operator]
    info = source.stat()
    try:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        assert key_of() != before  # type: ignore[operator]
    finally:
        os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))


def _base_key() -> str:
    from replygen.docx.frozen import cache_key
    from replygen.docx.profile import load_profile

    return cache_key(load_profile("gbt9704"), None)


def _compiler_stamp() -> str:
    from replygen.render import _compiler_stamp as stamp

    return stamp()
