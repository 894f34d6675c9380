"""Read a proposal (提案/建议 as .docx or .txt) for the facts a reply draft starts from.

A proposal names its 案由 and 提案人, argues, and ends with its suggestions, written as
一是…二是…, as 1. 2., as （一）（二）, or one paragraph per point under a 建议 heading. Each
point becomes a section of the draft: the topic from its lead sentence, the restatement
from the point itself; the answer is the clerk's to write.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DecodeError, InputError, Problem, os_reason

__all__ = ["ProposalText", "parse_proposal", "read_proposal", "split_names"]

_CN = "一二三四五六七八九十"
_TITLE = re.compile(r"^(?:案\s*由|标\s*题|题\s*目|提案名称|建议名称)\s*[:：]\s*(?P<value>.+)$")
_PROPOSER = re.compile(r"^(?:提案人|领衔人|领衔代表|提案者|提出人|代表|委员)\s*[:：]\s*(?P<value>.+)$")
_NUMBER = re.compile(r"^(?:提案号|案号|建议号|编号)\s*[:：]\s*第?\s*(?P<value>[^\s号]+)号?\s*$")
_TITLE_LINE = re.compile(r"^《?关于.+的(?:提案|建议)》?$")
# The line that opens the suggestions: 建议：, 二、对策建议, 为此，提出以下建议：…, maybe with text after it.
_HEADING = re.compile(
    rf"^(?:[{_CN}]+[、.．]\s*|[（(][{_CN}]+[）)]\s*)?(?:[^。：:]{{0,20}}?)"
    r"(?:建议|对策|措施|意见)(?:如下|内容|措施)?\s*[:：]\s*(?P<rest>.*)$"
    rf"|^(?:[{_CN}]+[、.．]\s*)?(?:[^。：:]{{0,8}})(?:建议|对策建议|几点建议|措施建议)\s*$"
)
_END = re.compile(r"^(?:以上建议|以上|附件|联系人|联系电话|提案人|领衔人|\d{4}\s*年\s*\d{1,2}\s*月)")
_MARKERS = [
    re.compile(rf"^[（(]\s*[{_CN}]+\s*[）)]\s*"),  # （一）
    re.compile(r"^\d+\s*[.．、]\s*(?!\d)|^[（(]\s*\d+\s*[）)]\s*"),  # 1. or （1）
]
_ORDINAL = re.compile(rf"(?:^|(?<=[。；;！!\s]))(?:第)?[{_CN}]+是\s*[，,：:]?")
_LEAD_END = re.compile(r"[。；;！!？?：:]")
_SPLIT_NAMES = re.compile(r"[、，,;；\n/]+|\s{1,}")


@dataclass
class ProposalText:
    """What a proposal tells the reply: each field empty when the text does not say."""

    title: str = ""
    number: str = ""
    proposers: list[str] = field(default_factory=list)
    suggestions: list[tuple[str, str]] = field(default_factory=list)  # (topic, restatement)


def split_names(value: str) -> list[str]:
    """``张三、李四`` or ``张三，李四`` or one per line → the names, in order."""
    return [name for name in (part.strip() for part in _SPLIT_NAMES.split(value)) if name]


def read_proposal(path: str | os.PathLike[str]) -> ProposalText:
    """Read the proposal at ``path`` (.docx or text); unreadable files are InputErrors."""
    name = str(path)
    if Path(path).suffix.lower() == ".docx":
        paragraphs = _docx_paragraphs(path)
    else:
        from .loader import read_text

        paragraphs = read_text(path).splitlines()
    return parse_proposal(paragraphs)


def _docx_paragraphs(path: str | os.PathLike[str]) -> list[str]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = str(path)
    try:
        document = docx.Document(name)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise DecodeError(Problem("不是有效的 .docx 文件（可能已损坏，或是 .doc 改了扩展名），请用 Word 另存为 .docx", name)) from None
    except OSError as exc:
        raise DecodeError(Problem(f"无法读取文件：{os_reason(exc)}", name)) from None
    return [p.text for p in document.paragraphs]


def parse_proposal(paragraphs: list[str]) -> ProposalText:
    """The facts in a proposal given as its paragraphs (one line each)."""
    lines = [re.sub(r"\s+", " ", line).strip().replace("\u3000", " ") for line in paragraphs]
    lines = [line for line in lines if line]
    out = ProposalText()
    start = None
    for index, line in enumerate(lines):
        if start is not None:
            break
        if match := _TITLE.match(line):
            out.title = out.title or match.group("value").strip("《》 ")
        elif match := _PROPOSER.match(line):
            out.proposers = out.proposers or split_names(match.group("value"))
        elif match := _NUMBER.match(line):
            out.number = out.number or match.group("value")
        elif not out.title and _TITLE_LINE.match(line):
            out.title = line.strip("《》")
        elif match := _HEADING.match(line):
            rest = (match.group("rest") or "").strip()
            start = index + 1
            if rest:
                lines.insert(start, rest)
    if start is not None:
        body: list[str] = []
        for line in lines[start:]:
            if _END.match(line) and body:
                break
            body.append(line)
        out.suggestions = [_topic_and_restatement(point) for point in _points(body)]
    return out


def _points(body: list[str]) -> list[str]:
    """The suggestions in ``body``, each without its marker, in whichever form it is written."""
    for marker in _MARKERS:
        if any(marker.match(line) for line in body):
            points: list[str] = []
            for line in body:
                if marker.match(line):
                    points.append(marker.sub("", line, count=1))
                elif points:
                    points[-1] += line  # a point's later paragraphs stay with it
            return points
    joined = "".join(body)
    if len(_ORDINAL.findall(joined)) >= 2:
        parts = _ORDINAL.split(joined)
        return [part.strip() for part in parts[1:] if part.strip()]
    return body


def _topic_and_restatement(point: str) -> tuple[str, str]:
    point = point.strip()
    match = _LEAD_END.search(point)
    lead = point[: match.start()] if match else point
    head = lead.split("，", 1)[0]
    if len(head) >= 4:  # a lead sentence's first clause names the point; the rest argues it
        lead = head
    lead = re.sub(r"^(?:建议|要|应当|应)", "", lead).strip("，,。 ")
    return lead or point, point
