"""Compare rendered text with a source document after a documented normalisation.

The sources are plain text extracted from published PDFs and web pages. Their extraction
left flaws that are not part of the real documents (see the corpus README). Both sides are
normalised the same way, then compared exactly:

1. Markdown heading marks (``#`` at the start of a line, 003) are dropped.
2. All whitespace is removed: paragraphs broken across page breaks, stray spaces inside
   words, indentation by full-width spaces or tabs, and the layout padding of our own text
   output all vanish.
3. Half-width punctuation ``, : ; ( ) ? !`` becomes full-width, and straight double quotes
   become “ ” in turn (002 was extracted with half-width punctuation throughout).
4. ``【2023】`` and ``[2023]`` become ``〔2023〕`` (001 and 004 write 发文字号 with 【】).
5. The OCR error ``宏引号。`` becomes ``索引号：`` (002's metadata label).
6. ``and`` between Chinese characters becomes ``和`` (003).

What still differs after that is listed per document in ``fixtures/differences/<source>.yaml``
as ``source`` → ``rendered`` fragments (in normalised form) with the reason.

Comparing paragraphs
--------------------
Removing all whitespace also removes the paragraph boundaries, so a paragraph split in two,
two paragraphs run together, a run-in lead turned into a heading of its own or two swapped
paragraphs would all still compare equal. :func:`paragraphs` therefore normalises *within*
each non-empty line (steps 1 and 3–6, and whitespace inside the line) and keeps the lines
apart; :func:`paragraph_text` joins them with ``\n``, the form the difference files use for a
fragment that spans a boundary.

:func:`score` pairs source and rendered paragraphs one to one and in order (identical
paragraphs first, then, between two identical ones, the pairing that matches the most
characters) and counts a character as found only inside its pair. *Recall* is the share of
the source's characters found, *precision* the share of the rendered characters found. So a
split paragraph loses its smaller part, a merge loses one of the two paragraphs, a moved
paragraph loses itself, and a dropped or doubled line loses its length. The loss is counted
against the whole letter: in a 13 000-character document such as 004, a split whose smaller
part is under 130 characters keeps recall above 0.99, so a long letter's score says less
about one broken paragraph than a short letter's does (``test_fidelity_measure.py`` shows
the figures for a short county reply).

The extractions of the five sources break paragraphs where the published documents do not:

- **page breaks** split a paragraph into two lines (000 ``中国海归创业联`` / ``盟长春创业中心``,
  003 ``退役军人创业就`` / ``业`` and others);
- **the website header is a table**: the 信息公开 header has one field per line, but the
  extraction of 002 and 003 keeps two fields on a line (``宏引号。… 分类: …``), and that of
  001 sets each label and its value on lines of their own (``索引号：`` / ``1122…``).

Each of these is listed with its reason in the difference file of its source, written with
``\n`` at the break, so the comparison after the listed differences is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import yaml

import replygen
from replygen.render import render_block_texts

_HALF_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})
_CJK = r"[\u4e00-\u9fff“”（）]"


def _curl_quotes(text: str) -> str:
    out: list[str] = []
    opening = True
    for char in text:
        if char == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(char)
    return "".join(out)


def _normalise_run(text: str) -> str:
    """Steps 2–6 on text that holds no paragraph boundary we want to keep."""
    text = re.sub(r"\s+", "", text)  # \s covers U+3000 and NBSP in Python's re
    text = _curl_quotes(text.translate(_HALF_TO_FULL))
    text = re.sub(r"[【\[](\d{4})[】\]]", r"〔\1〕", text)
    text = text.replace("宏引号。", "索引号：")
    text = re.sub(rf"(?<={_CJK})and(?={_CJK})", "和", text)
    return text


def _strip_heading_marks(text: str) -> str:
    return re.sub(r"(?m)^[ \t\u3000]*#+[ \t]*", "", text)


def normalise(text: str) -> str:
    """The whole text as one run of characters: paragraph boundaries are not kept."""
    return _normalise_run(_strip_heading_marks(text))


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of ``text``, each normalised on its own."""
    lines = (_normalise_run(line) for line in _strip_heading_marks(text).splitlines())
    return [line for line in lines if line]


def paragraph_text(text: str) -> str:
    """The normalised paragraphs of ``text`` joined by ``\n``."""
    return "\n".join(paragraphs(text))


def rendered_text(doc: replygen.Reply | replygen.Opinion, *, draft: bool | None = None) -> str:
    """A document's rendered paragraphs, one line each.

    Taken from the blocks every writer lays out rather than from the text writer's page, which
    breaks a long title over several lines as print does: that is layout, not a paragraph break.
    """
    return "\n".join(text for _, text in render_block_texts(doc, draft=draft))


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    source_chars: int
    rendered_chars: int
    found_chars: int

    def passes(self, recall: float = 0.99, precision: float = 0.98) -> bool:
        return self.recall >= recall and self.precision >= precision

    def __str__(self) -> str:
        return f"recall {self.recall:.4f}, precision {self.precision:.4f}"


def _common(a: str, b: str) -> int:
    """Characters of ``a`` matched in ``b`` (difflib's matching blocks, no junk heuristic)."""
    if not a or not b:
        return 0
    return sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def _best_pairing(source: list[str], rendered: list[str]) -> int:
    """Most characters found by an in-order, one-to-one pairing of two paragraph runs."""
    if not source or not rendered:
        return 0
    # best[i][j]: the most characters found pairing source[:i] with rendered[:j].
    best = [[0] * (len(rendered) + 1) for _ in range(len(source) + 1)]
    for i, src in enumerate(source, 1):
        for j, out in enumerate(rendered, 1):
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + _common(src, out))
    return best[-1][-1]


def score_paragraphs(source: list[str], rendered: list[str]) -> Score:
    """Character recall and precision of ``rendered`` against ``source``, paragraph by paragraph."""
    found = 0
    matcher = SequenceMatcher(None, source, rendered, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            found += sum(len(p) for p in source[i1:i2])
        elif tag == "replace":
            found += _best_pairing(source[i1:i2], rendered[j1:j2])
    total_source = sum(map(len, source))
    total_rendered = sum(map(len, rendered))
    return Score(
        recall=found / total_source if total_source else float(not total_rendered),
        precision=found / total_rendered if total_rendered else float(not total_source),
        source_chars=total_source,
        rendered_chars=total_rendered,
        found_chars=found,
    )


def score(source: str, rendered: str) -> Score:
    """:func:`score_paragraphs` of two texts, each normalised paragraph by paragraph."""
    return score_paragraphs(paragraphs(source), paragraphs(rendered))


def first_paragraph_mismatch(source: list[str], rendered: list[str], context: int = 2) -> str:
    """Where two paragraph sequences part, with a few paragraphs either side."""
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, source, rendered, autojunk=False).get_opcodes():
        if tag != "equal":
            before = source[max(0, i1 - context) : i1]
            return (
                f"paragraphs differ from source paragraph {i1 + 1} / rendered paragraph {j1 + 1}:\n"
                + "".join(f"    = {p[:60]}\n" for p in before)
                + "".join(f"  - {p[:60]}\n" for p in source[i1 : min(i2, i1 + context + 1)])
                + "".join(f"  + {p[:60]}\n" for p in rendered[j1 : min(j2, j1 + context + 1)])
            )
    return "paragraphs are identical"


@dataclass(frozen=True)
class Difference:
    source: str
    rendered: str
    reason: str


def load_differences(path: Path) -> list[Difference]:
    if not path.exists():
        return []
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [Difference(str(e["source"]), str(e.get("rendered") or ""), str(e["reason"])) for e in entries]


def first_mismatch(expected: str, actual: str, context: int = 30) -> str:
    """A short report of where two normalised texts part."""
    for index, (a, b) in enumerate(zip(expected, actual)):
        if a != b:
            break
    else:
        index = min(len(expected), len(actual))
    return (
        f"first difference at character {index}:\n"
        f"  source:   …{expected[max(0, index - context): index + context]}…\n"
        f"  rendered: …{actual[max(0, index - context): index + context]}…"
    )
