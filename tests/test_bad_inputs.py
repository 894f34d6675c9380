"""Every file in tests/bad_inputs/ is refused (or read) exactly as its sidecar declares.

Each case is checked twice: through the library (exception type, message, file, line,
column, field) and through the CLI in a subprocess (exit code, message on stderr, no
traceback, no output file left behind). See tests/bad_inputs/README.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import replygen

from conftest import ROOT

CASES_DIR = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p for p in CASES_DIR.glob("*.yaml") if not p.name.endswith(".expect.yaml"))

# Output formats the CLI is checked with: (--format value, file suffix). Add ("docx", ".docx")
# once the docx writer is in.
CLI_FORMATS = [("text", ".txt"), ("docx", ".docx")]


def expectation(case: Path) -> dict[str, Any]:
    sidecar = case.with_name(case.name.removesuffix(".yaml") + ".expect.yaml")
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{sidecar.name} must be a mapping"
    return data


def fragments(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def test_every_case_has_a_sidecar_and_there_are_enough() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert case.with_name(case.name.removesuffix(".yaml") + ".expect.yaml").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_library(case: Path) -> None:
    expect = expectation(case)
    if expect.get("error") is None:
        text = replygen.render_text(replygen.load(case))
        for fragment in fragments(expect.get("text")):
            assert fragment in text
        return
    error_type = getattr(replygen, expect["error"])
    with pytest.raises(error_type) as caught:
        replygen.load(case)
    problems = caught.value.problems
    for fragment in fragments(expect.get("message")):
        assert any(fragment in p.message for p in problems), (fragment, [str(p) for p in problems])
    first = next(p for p in problems if fragments(expect.get("message"))[0] in p.message)
    assert first.file == str(case)
    for key in ("line", "column", "field"):
        if key in expect:
            assert getattr(first, key) == expect[key], (key, str(first))
    assert "Traceback" not in str(caught.value)


def run_cli(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "replygen", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize("fmt,suffix", CLI_FORMATS, ids=[f for f, _ in CLI_FORMATS])
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_cli(case: Path, fmt: str, suffix: str, tmp_path: Path) -> None:
    expect = expectation(case)
    target = tmp_path / f"out{suffix}"
    result = run_cli("render", case, "--format", fmt, "-o", target)
    assert "Traceback" not in result.stderr
    if expect.get("error") is None:
        assert result.returncode == expect.get("exit", 0), result.stderr
        assert target.is_file()
        if fmt == "text":
            text = target.read_text(encoding="utf-8")
            for fragment in fragments(expect.get("text")):
                assert fragment in text
        return
    assert result.returncode == expect.get("exit", 1), result.stderr
    for fragment in fragments(expect.get("message")):
        assert fragment in result.stderr
    assert str(case) in result.stderr  # the message names the file
    if "line" in expect:
        assert f"{case}:{expect['line']}" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no output, no temporary file
