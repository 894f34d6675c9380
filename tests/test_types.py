"""The package type-checks under the project's mypy settings, so a new type error fails the suite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "replygen"


def test_mypy_reports_no_error_in_the_package(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    # pyproject.toml holds the settings (strict, the untyped libraries); the cache goes to a
    # temporary folder so the check neither reuses a stale one nor writes into the repository.
    stdout, stderr, status = api.run(
        ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path), str(PACKAGE)]
    )
    report = stdout + stderr
    assert status == 0, report
    # Every module was checked: a path that matched nothing would also report no error.
    checked = re.search(r"no issues found in (\d+) source files", report)
    assert checked is not None, report
    assert int(checked[1]) == len(list(PACKAGE.rglob("*.py"))), report
