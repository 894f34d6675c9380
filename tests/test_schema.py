"""schema: the committed schemas/ match the model, and every field is explained in Chinese."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from replygen.cli import main
from replygen.schema import SCHEMA_FILES, json_schemas, schema_text

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_committed_schema_is_current(kind: str) -> None:
    committed = (ROOT / "schemas" / SCHEMA_FILES[kind]).read_text(encoding="utf-8")
    assert committed == schema_text(json_schemas()[kind]), "schemas/ 已过期：请运行 replygen schema 并提交"


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, prop in schema.get("properties", {}).items():
        yield name, prop
    for branch in schema.get("anyOf", []):
        yield from properties(branch)
    for definition in schema.get("$defs", {}).values():
        yield from properties(definition)


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_every_field_has_a_chinese_title_and_description(kind: str) -> None:
    schema = json_schemas()[kind]
    fields = list(properties(schema))
    assert len(fields) > (20 if kind == "style" else 30)  # a style has fewer settings than a draft has fields
    missing = [name for name, prop in fields if not (CHINESE.search(prop.get("title", "")) and CHINESE.search(prop.get("description", "")))]
    assert missing == []
    assert CHINESE.search(schema["title"]) and CHINESE.search(schema["description"])


def test_schema_accepts_the_short_forms_the_loader_accepts() -> None:
    defs = json_schemas()["reply"]["$defs"]
    assert {"type": "string"} in defs["DocNumber"]["anyOf"]
    object_branch = next(b for b in defs["DocNumber"]["anyOf"] if b.get("type") == "object")
    assert object_branch["additionalProperties"] is False
    assert "委员" in defs["Proposer"]["properties"]["type"]["enum"]
    paragraphs = defs["Section"]["properties"]["paragraphs"]
    assert {"type": "string"} in paragraphs["anyOf"]
    # A date is typed text (2023年5月17日 too), or left out when the style prints no date.
    date = defs["Signature"]["properties"]["date"]["anyOf"]
    assert {"type": "null"} in date and {"type": "string"} in [{"type": b["type"]} for b in date]
    assert not any("format" in branch for branch in date)


def test_schema_command_writes_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "-o", str(tmp_path / "out")]) == 0
    for kind, name in SCHEMA_FILES.items():
        written = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert json.loads(written) == json_schemas()[kind]
    assert "已生成" in capsys.readouterr().err


def test_readme_shows_the_schema_comment() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in readme
