"""The build stages' shared result: model data in schema shape and the 待核 notes."""

from __future__ import annotations

from typing import Any

__all__ = ["Built", "Path_"]

Path_ = tuple[Any, ...]


class Built:
    """Model data and the 待核 notes, keyed by field path."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.notes: dict[Path_, str] = {}
        # The source wording of each formula, for checking against what the templates write.
        self.sources: dict[str, str] = {}

    def note(self, path: Path_, message: str) -> None:
        self.notes[path] = f"{self.notes[path]}；{message}" if path in self.notes else message
