"""Where replygen keeps what it can rebuild: compiled templates and .docx base packages.

Everything here is an optimisation. A cache that cannot be created or written is skipped,
never an error, and ``REPLYGEN_CACHE_DIR=off`` turns caching off.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir"]

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
