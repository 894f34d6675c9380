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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

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


def normalise(text: str) -> str:
    text = re.sub(r"(?m)^[ \t\u3000]*#+[ \t]*", "", text)
    text = re.sub(r"\s+", "", text)  # \s covers U+3000 and NBSP in Python's re
    text = _curl_quotes(text.translate(_HALF_TO_FULL))
    text = re.sub(r"[【\[](\d{4})[】\]]", r"〔\1〕", text)
    text = text.replace("宏引号。", "索引号：")
    text = re.sub(rf"(?<={_CJK})and(?={_CJK})", "和", text)
    return text


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
