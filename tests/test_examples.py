"""Every example renders, matches its snapshot, and holds content only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import replygen
from conftest import EXAMPLES, SOURCES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))

# Wording the templates generate; an example that types it would print it twice.
FORMULAS = [
    re.compile(r"收悉.{0,3}经认真研究"),
    re.compile(r"现答复如下"),
    re.compile(r"^感谢(您|贵单位|你们)对"),
    re.compile(r"^下一步\s*[，,]"),
    re.compile(r"^《[^》]+》提出"),
    re.compile(r"以下简称《"),
    re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d))"),
]


def strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, f"{path}[{index}]")


def test_every_source_document_has_an_example() -> None:
    assert {p.name for p in EXAMPLE_FILES} >= set(SOURCES.values())
    assert (EXAMPLES / "new-draft.yaml").exists()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_text_output_of_each_example(path: Path, snapshot: Any) -> None:
    # A regression snapshot of our own output; test_fidelity.py compares with the sources.
    assert replygen.render_text(replygen.load(path)) == snapshot


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_holds_content_only(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "an example opens with a comment naming its source"
    offenders = [
        (where, value[:30])
        for where, value in strings(yaml.safe_load(text))
        if not where.startswith("publication") and any(f.search(value.strip()) for f in FORMULAS)
    ]
    assert offenders == []


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_example_names_its_source(source: str) -> None:
    first_line = (EXAMPLES / SOURCES[source]).read_text(encoding="utf-8").splitlines()[0]
    assert source in first_line
