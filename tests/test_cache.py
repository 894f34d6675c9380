"""The cache folder: entries are reused, marked when used and pruned when new ones appear."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import replygen
from replygen.cache import cache_dir, mark_used, prune

from conftest import EXAMPLES

DAY = 86_400


def aged(path: Path, days: float) -> Path:
    """Give ``path`` the modification time it would have if last used ``days`` ago."""
    when = time.time() - days * DAY
    os.utime(path, (when, when))
    return path


def test_prune_keeps_the_most_recently_used_entries_and_leaves_others_alone(tmp_path: Path) -> None:
    for n in range(6):
        folder = tmp_path / f"jinja-{n}"
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "t.cache").write_bytes(b"x")
        aged(folder, days=n)
    aged(tmp_path / "jinja-5", days=0.5)  # made long ago, but used most recently
    (tmp_path / "docx-base").mkdir()
    prune(tmp_path, "jinja-*", keep=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docx-base", "jinja-0", "jinja-1", "jinja-5"]


def test_prune_removes_files_too(tmp_path: Path) -> None:
    for n in range(4):
        entry = tmp_path / f"{n}.zip"
        entry.write_bytes(b"x")
        aged(entry, days=n)
    (tmp_path / "notes.txt").write_text("not an entry")
    prune(tmp_path, "*.zip", keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.zip", "1.zip", "notes.txt"]


def test_a_new_folder_prunes_the_ones_it_replaces_and_a_reused_one_is_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLYGEN_CACHE_DIR", str(tmp_path))
    for n in range(5):
        old = cache_dir(f"jinja-old{n}")
        assert old is not None
        aged(old, days=10 + n)
    current = cache_dir("jinja-new", replaces="jinja-*", keep=3)
    assert current is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jinja-new", "jinja-old0", "jinja-old1"]
    aged(current, days=30)
    assert cache_dir("jinja-new", replaces="jinja-*", keep=1) == current  # existed: used, no pruning
    assert current.stat().st_mtime > (tmp_path / "jinja-old0").stat().st_mtime
    assert len(list(tmp_path.iterdir())) == 3


def test_mark_used_on_a_missing_entry_is_harmless(tmp_path: Path) -> None:
    mark_used(tmp_path / "gone.zip")
    assert not (tmp_path / "gone.zip").exists()


def test_compiled_templates_of_earlier_versions_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from replygen import render

    monkeypatch.setenv("REPLYGEN_CACHE_DIR", str(tmp_path))
    for n in range(6):
        old = tmp_path / f"jinja-3.0.0-old{n}"
        old.mkdir()
        aged(old, days=n + 1)
    render._environment.cache_clear()
    try:
        assert "答复" in replygen.render_text(replygen.load(EXAMPLES / "reply-004-kjt-2023-92.yaml"))
        left = sorted(p.name for p in tmp_path.iterdir())
        assert len(left) == 4 and {"jinja-3.0.0-old0", "jinja-3.0.0-old1", "jinja-3.0.0-old2"} < set(left)
        assert any(name.startswith("jinja-") and "old" not in name for name in left)
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
        entry = bases / f"old{n:02d}.zip"
        entry.write_bytes(b"x")
        aged(entry, days=n + 1)
    doc = replygen.load(EXAMPLES / "reply-004-kjt-2023-92.yaml")
    docx_writer._cached_base.cache_clear()
    try:
        replygen.docx_bytes(doc)
        left = sorted(p.name for p in bases.iterdir())
        assert len(left) == 16 and "old14.zip" in left and "old15.zip" not in left
        [new] = [name for name in left if not name.startswith("old")]
        aged(bases / new, days=100)
        docx_writer._cached_base.cache_clear()  # a new process reads the stored base
        replygen.docx_bytes(doc)
        assert (bases / new).stat().st_mtime > (bases / "old00.zip").stat().st_mtime  # used: newest again
        assert len(list(bases.iterdir())) == 16  # a reused entry prunes nothing
    finally:
        docx_writer._cached_base.cache_clear()
