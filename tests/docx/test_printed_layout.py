"""Render check: every example through LibreOffice to PDF, then measured with poppler.

Full body pages hold 22 lines on a 28.95 pt pitch, body lines hold 28 characters inside the
margins, page numbers read “— N —” on the correct side, the title is centred and broken where
:func:`replygen.layout.break_title` breaks it, the 署名 and date each take one line at their
places (§7.3.5) whatever their widths, and the 落款 never stands alone on the last page. All
documents go through one LibreOffice run.
"""

from __future__ import annotations

import calendar
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import replygen
from conftest import EXAMPLES
from pdfpages import MM, Page, horizontal_rules, is_wide, read_pages
from replygen.blocks import Block, Run, display_width
from replygen.docinfo import DocInfo
from replygen import docx_bytes
from replygen.docx import write_docx
from replygen.layout import break_title, printed_width
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
CHAR = 16  # points: one 3号 character
RIGHT = (LEFT + WIDTH) * MM
# Every month's first and last day, each under a 署名 of another width, 2 to 20 characters.
ORGANS = "吉林省长春市朝阳区人民政府办公室科学技术与工业信息化局"
DATES = [f"2024年{m}月{d}日" for m in range(1, 13) for d in (1, calendar.monthrange(2024, m)[1])]
SIGNATURES = [ORGANS[: 2 + (n * 7) % 19] for n in range(len(DATES))]
LONG_TITLES = [
    "XX县教育局关于对政协XX县第十届委员会第二次会议第12号提案的答复函",
    "长沙县教育局关于对政协长沙县第十届委员会第二次会议第12号提案的答复函",
    "吉林省科学技术厅关于对省政协十三届一次会议第2023W316号委员提案的会办意见",
]


def _block(role: str, text: str) -> Block:
    return Block(role, (Run(text),))


def _foot_blocks() -> list[Block]:
    """One 落款 per date, each after a line of body text (its 署名 unique by its length)."""
    blocks = []
    for n, (signature, date) in enumerate(zip(SIGNATURES, DATES)):
        blocks += [_block("p", f"第{n + 1}段。"), _block("signature", signature), _block("date", date)]
    return blocks


FILLS = range(14, 24)
IMPRINT = ["抄送：省人大常委会代表工作委员会，省政府督查室。", "吉林省农业农村厅办公室2024年5月21日印发"]


def _fill_blocks(paragraphs: int) -> list[Block]:
    """A body of two-line paragraphs, a 落款 and a 版记 (抄送, 印发)."""
    body = [_block("p", f"第{n:02d}段" + "正文" * 12 + "。") for n in range(paragraphs)]
    return [*body, _block("signature", "吉林省农业农村厅"), _block("date", "2024年5月20日"), _block("cc", IMPRINT[0]),
            _block("printer", "吉林省农业农村厅办公室"), _block("printed", "2024年5月21日印发")]  # fmt: skip


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All examples converted in one soffice run (starting LibreOffice dominates the time)."""
    tmp = tmp_path_factory.mktemp("render")
    for path in EXAMPLE_FILES:
        (tmp / f"{path.stem}.docx").write_bytes(docx_bytes(replygen.load(path)))
    (tmp / "letter.docx").write_bytes(docx_bytes(replygen.load(EXAMPLE_FILES[0]), profile="letter"))
    for name, base in (("head", "gbt9704"), ("head-letter", "letter")):  # the built-in 版头
        data = docx_bytes(replygen.load(EXAMPLE_FILES[0]), profile={"base": base, "letterhead": True})
        (tmp / f"{name}.docx").write_bytes(data)
    for name, seal in (("foot", False), ("sealed", True)):
        (tmp / f"{name}.docx").write_bytes(write_docx(_foot_blocks(), info=DocInfo(seal=seal)))
    for n in FILLS:  # the 版记 below a body that leaves the last page more or less room
        (tmp / f"fill-{n:02d}.docx").write_bytes(write_docx(_fill_blocks(n)))
    titles = [b for title in LONG_TITLES for b in (_block("title", title), _block("p", "正文。"))]
    (tmp / "titles.docx").write_bytes(write_docx(titles))
    profile = tmp / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp), *sorted(str(p) for p in tmp.glob("*.docx"))],
        check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(tmp)},
    )
    return tmp


@pytest.fixture(scope="module")
def pdfs(pdf_dir: Path) -> dict[str, list[Page]]:
    return {pdf.stem: read_pages(pdf) for pdf in pdf_dir.glob("*.pdf")}


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


def _line(pages: list[Page], text: str):  # -> the one printed line that reads ``text``
    found = [line for page in pages for line in body(page) if line.text.replace(" ", "") == text]
    assert len(found) == 1, (text, [line.text for page in pages for line in body(page) if text[:4] in line.text])
    return found[0]


def _run_of_lines(pages: list[Page], texts: list[str]) -> list:
    """The consecutive printed lines that read ``texts``, in order (found once)."""
    lines = [line for page in pages for line in body(page)]
    read = [line.text.replace(" ", "") for line in lines]
    starts = [i for i in range(len(lines)) if read[i : i + len(texts)] == texts]
    assert len(starts) == 1, (texts, starts)
    return lines[starts[0] : starts[0] + len(texts)]


def _signature_lines(pages: list[Page]):  # -> (署名, date) printed line pairs, in DATES order
    lines = [line for page in pages for line in body(page)]
    for signature, date in zip(SIGNATURES, DATES):
        day = _line(pages, date)
        sig = lines[lines.index(day) - 1]
        assert sig.text.replace(" ", "") == signature  # the whole 署名 on the line above: no wrap
        assert abs(day.y_max - sig.y_max - PITCH) < 1
        yield signature, sig, day


def test_unsealed_date_starts_two_characters_right_of_the_signature(pdfs: dict[str, list[Page]]) -> None:
    """§7.3.5.2: 署名 右空二字, the date two characters right of its first character; a date
    too long for that is 右空二字 and the 署名 moves left. Nothing passes the 版心."""
    tolerance = CHAR / 4
    for signature, sig, day in _signature_lines(pdfs["foot"]):
        assert abs(day.x_min - sig.x_min - 2 * CHAR) < tolerance, (signature, day.x_min - sig.x_min)
        sig_gap, day_gap = RIGHT - sig.x_max, RIGHT - day.x_max
        assert sig_gap > 2 * CHAR - tolerance and day_gap > 2 * CHAR - tolerance, signature
        # one of them sits exactly 右空二字: the 署名, unless the date would pass that
        assert min(abs(sig_gap - 2 * CHAR), abs(day_gap - 2 * CHAR)) < tolerance, (signature, sig_gap, day_gap)


def test_sealed_date_is_four_from_the_right_and_the_signature_centred(pdfs: dict[str, list[Page]]) -> None:
    for signature, sig, day in _signature_lines(pdfs["sealed"]):
        assert abs(RIGHT - day.x_max - 4 * CHAR) < 3, (signature, RIGHT - day.x_max)  # 右空四字
        if printed_width(signature) <= printed_width(day.text.replace(" ", "")) + 8:
            # centred on the date, to within a quarter of a character
            assert abs((sig.x_min + sig.x_max) / 2 - (day.x_min + day.x_max) / 2) < CHAR / 4, signature
        else:  # a 署名 too long to centre stays inside the 版心
            assert sig.x_max <= RIGHT + 1


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_docno_is_centred_or_shares_its_line_with_the_signer(pdfs: dict[str, list[Page]], path: Path) -> None:
    """§7.2.4–7.2.5: 发文字号 居左空一字 and 签发人 居右空一字 on one line, else centred."""
    doc = replygen.load(path)
    if doc.doc_number is None:
        pytest.skip("no 发文字号")
    docno = str(doc.doc_number)
    first = body(pdfs[path.stem][0])
    if doc.signer:
        [line] = [ln for ln in first if "签发人" in ln.text]
        assert line.text.replace(" ", "") == f"{docno}签发人：{doc.signer}"
        assert abs(line.x_min - (LEFT * MM + CHAR)) < 3 and abs(RIGHT - CHAR - line.x_max) < 3, line
    else:
        [line] = [ln for ln in first if ln.text.replace(" ", "") == docno]
        assert abs((line.x_min + line.x_max) / 2 - (LEFT + WIDTH / 2) * MM) < 3, line


@pytest.mark.parametrize("path", [*EXAMPLE_FILES, Path("letter")], ids=lambda p: p.stem)
def test_imprint_closes_the_last_page_on_the_bottom_edge(pdfs: dict[str, list[Page]], pdf_dir: Path, path: Path) -> None:
    """§7.4: 抄送 and the 印发 line are the last lines of the last page, between full-width
    rules (thick, thin, thick) whose last lies on the 版心's lower edge; §10.1: the 信函格式
    prints the 抄送 alone at the foot, without rules."""
    letter = path.stem == "letter"
    doc = replygen.load(EXAMPLE_FILES[0] if letter else path)
    if not doc.cc and not doc.printing:
        pytest.skip("no 版记")
    expected = [f"抄送：{'，'.join(doc.cc)}。"] if doc.cc else []
    if doc.printing and not letter:
        printed = doc.printing.date
        expected.append(f"{doc.printing.organ}{printed.year}年{printed.month}月{printed.day}日印发")
    last = pdfs[path.stem][-1]
    lines = body(last)
    assert [line.text.replace(" ", "") for line in lines[-len(expected) :]] == expected
    bottom = (TOP + HEIGHT) * MM
    assert bottom - PITCH < lines[-1].y_max <= bottom + 1  # on the last line of the 版心
    small = 14  # 左空一字 and 右空一字 in 4号 (§7.4.2, §7.4.3)
    assert abs(lines[-len(expected)].x_min - (LEFT * MM + small)) < 2
    if doc.printing and not letter:
        assert abs(RIGHT - small - lines[-1].x_max) < 2
    rules = horizontal_rules(pdf_dir / f"{path.stem}.pdf", last.number, min_length=0.95 * WIDTH * MM)
    if letter:
        assert rules == []
        return
    assert len(rules) == len(expected) + 1, rules
    for y, x_min, x_max in rules:  # the 版心's width, from its left edge
        assert abs(x_min - LEFT * MM) < 2 and abs(x_max - RIGHT) < 2
    assert abs(rules[-1][0] - bottom) < 2  # the last rule on the bottom edge
    # each 版记 line between two rules
    for line, (above, _, _), (below, _, _) in zip(lines[-len(expected) :], rules, rules[1:]):
        assert above < line.y_min and line.y_max < below + 1


@pytest.mark.parametrize("fill", FILLS)
def test_imprint_keeps_to_the_foot_however_full_the_last_page(pdfs: dict[str, list[Page]], fill: int) -> None:
    """However much room the body leaves, the 版记 ends the last page on its bottom line and
    never overlaps the text: when it does not fit below the 落款, it takes the next page."""
    pages = pdfs[f"fill-{fill:02d}"]
    last = body(pages[-1])
    assert [line.text.replace(" ", "") for line in last[-2:]] == IMPRINT
    assert (TOP + HEIGHT) * MM - PITCH < last[-1].y_max <= (TOP + HEIGHT) * MM + 1
    for page in pages:
        lines = body(page)
        assert all(a.y_max <= b.y_min + 1 for a, b in zip(lines, lines[1:])), page.number
    seen = [line.text.replace(" ", "") for page in pages for line in body(page)]
    assert seen.count(IMPRINT[0]) == 1 and sum(text.startswith("第") for text in seen) == fill


def test_letterhead_file_format(pdfs: dict[str, list[Page]], pdf_dir: Path) -> None:
    """§7.2: the 标志 centred 35 mm below the top of the 版心, the 发文字号 two lines below
    it, the red rule 4 mm below the 发文字号 and as wide as the 版心; the title two lines on."""
    doc = replygen.load(EXAMPLE_FILES[0])
    first = pdfs["head"][0]
    lines = body(first)
    texts = [line.text.replace(" ", "") for line in lines]
    mark = lines[texts.index(f"{doc.issuer}文件")]
    assert abs(mark.y_min - (TOP + 35) * MM) < 2 * MM
    assert abs((mark.x_min + mark.x_max) / 2 - (LEFT + WIDTH / 2) * MM) < 4
    docno = lines[texts.index(f"{doc.doc_number}签发人：{doc.signer}")]
    assert 2.5 * PITCH < docno.y_max - mark.y_max < 3.5 * PITCH  # two blank lines between
    [(y, x_min, x_max)] = horizontal_rules(pdf_dir / "head.pdf", 1, min_length=0.95 * WIDTH * MM)
    assert abs(y - docno.y_max - 4 * MM) < 1 * MM
    assert abs(x_min - LEFT * MM) < 2 and abs(x_max - RIGHT) < 2
    [title] = [b.text for b in render_blocks(doc) if b.role == "title"]
    top_line = lines[texts.index(break_title(title)[0])]
    assert 2 * PITCH < top_line.y_max - y < 3.5 * PITCH  # two blank lines below the rule (§7.3.1)


def test_letterhead_letter_format(pdfs: dict[str, list[Page]], pdf_dir: Path) -> None:
    """§10.1: the 标志 30 mm from the top of the page, a red double rule 4 mm below it and
    another 20 mm from the bottom, both 170 mm long; no page number on page 1."""
    doc = replygen.load(EXAMPLE_FILES[0])
    first = pdfs["head-letter"][0]
    [mark] = [line for line in first.lines if line.text.replace(" ", "") == doc.issuer]
    assert abs(mark.y_min - 30 * MM) < 2 * MM
    rules = horizontal_rules(pdf_dir / "head-letter.pdf", 1, min_length=165 * MM)
    assert len(rules) == 4, rules  # two double rules
    for y, x_min, x_max in rules:
        assert abs((x_max - x_min) - 170 * MM) < 2 * MM
    upper, lower = rules[:2], rules[2:]
    assert 0 < upper[0][0] - mark.y_max < 5 * MM and upper[1][0] - upper[0][0] < 2 * MM
    assert abs(lower[1][0] - (297 - 20) * MM) < 1.5 * MM
    # the body starts below the upper rule, and page 1 carries no number
    assert min(line.y_min for line in first.lines if line is not mark) > upper[1][0]
    assert all(line.y_max < (TOP + HEIGHT) * MM + 2 for line in first.lines)


@pytest.mark.parametrize("path", [*EXAMPLE_FILES, Path("titles")], ids=lambda p: p.stem)
def test_title_is_centred_and_broken_by_meaning(pdfs: dict[str, list[Page]], path: Path) -> None:
    titles = LONG_TITLES if path.stem == "titles" else [
        b.text for b in render_blocks(replygen.load(path)) if b.role == "title"
    ]  # fmt: skip
    for title in titles:
        lines = break_title(title)
        assert len(lines) > 1 or display_width(title) <= 18
        printed = _run_of_lines(pdfs[path.stem], lines)  # each line as broken, whole
        for line in printed:
            assert abs((line.x_min + line.x_max) / 2 - (LEFT + WIDTH / 2) * MM) < 4, line.text
        assert all(0 < b.y_min - a.y_min < 2 * PITCH for a, b in zip(printed, printed[1:]))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_text_stays_inside_the_margins(pdfs: dict[str, list[Page]], path: Path) -> None:
    """§5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; only the page number lies below it."""
    for page in pdfs[path.stem]:
        assert abs(page.width - 210 * MM) < 1 and abs(page.height - 297 * MM) < 1
        lines = body(page)
        assert len(lines) == len(page.lines) - 1  # everything but the page number is in the 版心
        assert lines[0].y_min >= TOP * MM - 2
        for line in lines:
            assert line.x_min >= LEFT * MM - 1, line.text
            # LibreOffice may hang one closing punctuation mark past the right edge
            assert line.x_max <= RIGHT + 1 or (line.text[-1] in PUNCTUATION and line.x_max <= RIGHT + CHAR + 1), line.text
