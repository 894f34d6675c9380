"""Render check: every example through LibreOffice to PDF, then measured with poppler.

Full body pages hold 22 lines on a 28.95 pt pitch, body lines hold 28 characters, page numbers
read “— N —” on the correct side, and the 落款 never stands alone on the last page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import replygen
from conftest import EXAMPLES
from pdfpages import MM, Page, is_wide, read_pages
from replygen.docx import docx_bytes
from replygen.render import render_blocks

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler (pdftotext) is not installed",
)

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
TOP, LEFT, WIDTH, HEIGHT = 37, 28, 156, 225  # mm, GB/T 9704 §5.2.1
PITCH = 579 / 20  # points
FOOT_ROLES = {"signature", "date", "note", "contact", "cc"}
PUNCTUATION = "，。、；：？！”’）》」』】〕"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Page]]:
    """All examples converted in one soffice run (starting LibreOffice dominates the time)."""
    tmp = tmp_path_factory.mktemp("render")
    for path in EXAMPLE_FILES:
        (tmp / f"{path.stem}.docx").write_bytes(docx_bytes(replygen.load(path)))
    (tmp / "letter.docx").write_bytes(docx_bytes(replygen.load(EXAMPLE_FILES[0]), profile="letter"))
    profile = tmp / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp), *sorted(str(p) for p in tmp.glob("*.docx"))],
        check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp)},
    )
    return {pdf.stem: read_pages(pdf) for pdf in tmp.glob("*.pdf")}


def body(page: Page) -> list:
    return page.body(TOP, HEIGHT)


def leading_headings(page: Page, headings: list[str]) -> int:
    """How many lines at the top of ``page`` open a heading (keep-with-next carries them)."""
    count = 0
    for line in body(page):
        if not any(h.startswith(line.text.replace(" ", "")[:8]) for h in headings):
            break
        count += 1
    return count


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_full_pages_hold_22_lines_on_the_grid(pdfs: dict[str, list[Page]], path: Path) -> None:
    pages = pdfs[path.stem]
    blocks = render_blocks(replygen.load(path))
    headings = [b.text for b in blocks if b.role in {"h1", "h2", "h3", "h4"}]
    for page, following in zip(pages[1:-1], pages[2:]):
        lines = body(page)
        # keep-with-next may carry headings over to the next page, one line each
        carried = leading_headings(following, headings)
        assert 22 - carried <= len(lines) <= 22, (path.stem, page.number, len(lines))
        gaps = {round(b.y_max - a.y_max, 1) for a, b in zip(lines, lines[1:])}
        assert all(abs(gap - PITCH) < 0.3 for gap in gaps), (page.number, gaps)
    assert len(body(pages[0])) <= 22


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_body_lines_hold_28_characters(pdfs: dict[str, list[Page]], path: Path) -> None:
    left, right = LEFT * MM, (LEFT + WIDTH) * MM
    counts = []
    for page in pdfs[path.stem]:
        for line in body(page):
            if abs(line.x_min - left) > 2 or line.x_max < right - 10 or not is_wide(line.text):
                continue  # only full lines of Chinese text: digits and Latin are narrower
            text = line.text
            if line.x_max > right + 2:
                # LibreOffice hangs a closing punctuation mark past the 版心 (Word does not,
                # with overflowPunct off); the line still holds 28 characters inside it.
                assert text[-1] in PUNCTUATION, text
                text = text[:-1]
            counts.append(len(text))
    assert counts and max(counts) == 28
    # a line ends early only where the line-breaking rules forbid splitting
    assert sum(c == 28 for c in counts) >= 0.9 * len(counts), counts


@pytest.mark.parametrize("path", [*EXAMPLE_FILES, Path("letter")], ids=lambda p: p.stem)
def test_page_numbers_sit_odd_right_even_left(pdfs: dict[str, list[Page]], path: Path) -> None:
    pages = pdfs[path.stem]
    letter = path.stem == "letter"
    bottom = (TOP + HEIGHT) * MM
    for page in pages:
        foot = [line for line in page.lines if line.y_min > bottom + 2]
        if letter and page.number == 1:
            assert foot == []  # 信函格式: no number on the first page
            continue
        assert [line.text.replace(" ", "") for line in foot] == [f"—{page.number}—"]
        (line,) = foot
        # §7.5: the dash (drawn at mid-height of the line box) about 7 mm below the 版心
        assert 5 * MM < (line.y_min + line.y_max) / 2 - bottom < 9 * MM
        one_char = 14  # 空一字 of the 4号 number
        if page.number % 2:
            assert abs((LEFT + WIDTH) * MM - one_char - line.x_max) < 3
        else:
            assert abs(LEFT * MM + one_char - line.x_min) < 3


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_last_page_holds_body_text_with_the_signature(pdfs: dict[str, list[Page]], path: Path) -> None:
    blocks = render_blocks(replygen.load(path))
    foot = {b.text for b in blocks if b.role in FOOT_ROLES}
    last = [line.text.replace(" ", "") for line in body(pdfs[path.stem][-1])]
    assert last
    assert any(text not in foot for text in last), last
