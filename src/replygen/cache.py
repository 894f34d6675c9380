"""Where replygen keeps what it can rebuild: compiled templates and .docx base packages.

Everything here is an optimisation. A cache that cannot be created or written is skipped,
never an error, and ``REPLYGEN_CACHE_DIR=off`` turns caching off. Each upgrade, template edit
or new reference document makes new entries; when one is made, the oldest of its kind beyond
a few are removed, so the cache stays small.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "cache_key", "mark_used", "prune"]

_OFF = {"", "0", "off", "no"}


def cache_dir(name: str, *, replaces: re.Pattern[str] | None = None, keep: int = 4) -> Path | None:
    """``REPLYGEN_CACHE_DIR/name`` (or the user's cache directory), created; ``None`` if unusable.

    ``replaces``: the names of the folders this one supersedes (older versions of it). Using the
    folder marks it as used; making it new keeps only the ``keep`` most recently used of them.
    """
    setting = os.environ.get("REPLYGEN_CACHE_DIR")
    if setting is not None and setting.strip().lower() in _OFF:
        return None
    base = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "replygen"
    directory = base / name
    existed = directory.is_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if replaces is not None:
        if existed:
            mark_used(directory)
        else:
            prune(base, replaces, keep, made=directory)
    return directory


def mark_used(path: Path) -> None:
    """Note that ``path`` has just served, so that :func:`prune` keeps it over unused ones."""
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache still serves; its entries just age


def prune(directory: Path, names: re.Pattern[str], keep: int, *, made: Path) -> None:
    """Keep ``made``, just made, and the most recently used of the other entries of ``directory``
    whose whole name matches ``names``, ``keep`` in all; remove the rest.

    Only names replygen gives its entries match, so a cache directory shared with other files
    loses none of them. Another process (an older version installed elsewhere) may be using an
    entry removed here: it then builds that entry again, as after a first install.
    """
    entries = []
    try:
        for entry in directory.iterdir():
            if entry != made and names.fullmatch(entry.name):
                try:
                    entries.append((entry.stat().st_mtime, entry))
                except OSError:
                    continue  # removed meanwhile
    except OSError:
        return
    entries.sort(key=lambda pair: pair[0], reverse=True)
    for _, entry in entries[max(keep - 1, 0) :]:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            try:
                entry.unlink()
            except OSError:
                pass


def cache_key(sources: Iterable[str | os.PathLike[str]], *material: Any, length: int = 32) -> str:
    """A key that changes with replygen's version, ``material`` and the ``sources`` files.

    What is cached was built by code; the files that code lives in are stamped by size and
    modification time, so an upgrade or an edit is never served a stale result.
    """
    from . import __version__

    stamps = []
    for source in sources:
        try:
            stat = os.stat(source)
            stamps.append([str(source), stat.st_mtime_ns, stat.st_size])
        except OSError:
            stamps.append([str(source), None, None])
    text = json.dumps([__version__, list(material), stamps], ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]
