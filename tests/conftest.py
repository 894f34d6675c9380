from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# tests/ and its sub-folders are packages (tests.docx.test_writer ...), so a test folder named
# like an installed package (tests/docx) never stands in for it and test files in different
# folders may share a name. The shared helpers (conftest, fidelity, letters, pdfpages) are still
# imported by their plain names: their folder is put last on the path, behind every installed
# package.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.append(_HERE)


def pytest_configure(config: pytest.Config) -> None:
    """Keep the suite out of the user's own cache (~/.cache/replygen): a cache folder of its own,
    made fresh for each run and inherited by the CLI processes the tests start."""
    if "REPLYGEN_CACHE_DIR" not in os.environ:
        _OWN_CACHE.append(tempfile.mkdtemp(prefix="replygen-test-cache-"))
        os.environ["REPLYGEN_CACHE_DIR"] = _OWN_CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    if _OWN_CACHE:
        shutil.rmtree(_OWN_CACHE.pop(), ignore_errors=True)
        del os.environ["REPLYGEN_CACHE_DIR"]


_OWN_CACHE: list[str] = []  # the folder made above, removed when the run ends

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = FIXTURES / "corpus"

# Each source document and the example that reproduces it.
SOURCES = {
    "000_52944b6879b5e41d.txt": "reply-000-kjt-2020-111.yaml",
    "001_bd5a3f7e5805ea1a.txt": "reply-001-kjt-2023-71.yaml",
    "002_51d1023257007988.txt": "reply-002-fgw-2019-5.yaml",
    "003_b03074a8d46b10ec.txt": "opinion-003-jzf-2019-1.yaml",
    "004_ab4402e884154ba1.txt": "reply-004-kjt-2023-92.yaml",
}


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES
