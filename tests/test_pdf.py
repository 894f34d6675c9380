"""PDF output and page previews through LibreOffice and poppler."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from replygen.cli import main

needs_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) or poppler (pdftoppm) is not installed",
)
DRAFT = EXAMPLES / "new-draft.yaml"


@needs_tools
def test_render_pdf_and_preview_its_pages(tmp_path: Path) -> None:
    assert main(["render", str(DRAFT), "-o", str(tmp_path / "reply.pdf")]) == 0  # the suffix picks pdf
    assert (tmp_path / "reply.pdf").read_bytes().startswith(b"%PDF")
    assert main(["preview", str(DRAFT), "-o", str(tmp_path), "--pages", "1"]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["new-draft-1.png"]
    assert (tmp_path / "new-draft-1.png").read_bytes()[:4] == b"\x89PNG"


def test_a_missing_libreoffice_is_named_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["render", str(DRAFT), "--format", "pdf", "-o", str(tmp_path)]) == 1
    assert "libreoffice-writer-nogui" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # nothing written
    assert main(["preview", str(DRAFT), "-o", str(tmp_path)]) == 1
    assert "需要 soffice" in capsys.readouterr().err


@needs_tools
def test_preview_creates_its_folder_once_there_are_pages(tmp_path: Path) -> None:
    assert main(["preview", str(DRAFT), "-o", str(tmp_path / "pages" / "new"), "--pages", "1"]) == 0
    assert [p.name for p in (tmp_path / "pages" / "new").iterdir()] == ["new-draft-1.png"]


def test_preview_makes_no_folder_for_a_draft_that_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("issuer: 厅\nclossing: x\n", encoding="utf-8")
    assert main(["preview", str(bad), "-o", str(tmp_path / "none")]) == 1
    assert not (tmp_path / "none").exists()


def test_preview_refuses_a_folder_under_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["preview", str(DRAFT), "-o", str(tmp_path / "file" / "pages")]) == 2
    assert "是文件" in capsys.readouterr().err
