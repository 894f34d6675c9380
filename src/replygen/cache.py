"""Where replygen keeps what it can rebuild: compiled templates and .docx base packages.

Everything here is an optimisation. A cache that cannot be created or written is skipped,
never an error, and ``REPLYGEN_CACHE_DIR=off`` turns caching off.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "cache_key"]

_OFF = {"", "0", "off", "no"}


def cache_dir(name: str) -> Path | None:
    """``REPLYGEN_CACHE_DIR/name`` (or the user's cache directory), created; ``None`` if unusable."""
    setting = os.environ.get("REPLYGEN_CACHE_DIR")
    if setting is not None and setting.strip().lower() in _OFF:
        return None
    base = Path(setting) if setting else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "replygen"
    directory = base / name
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return directory


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
