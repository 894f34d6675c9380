"""House style: how the imported letter differs from the genre's default, as style settings.

Each form the frame stage recognised (a title with the issuer in front, a salutation without
a colon, the class beside the 发文字号, contact lines under their own labels, a date in Chinese
numerals …) becomes the setting that makes the templates write it again; a line the importer
does not understand is kept verbatim in its place (a header line, a line under the title, a
line after the 落款), so the draft renders the letter as it was.
"""

from __future__ import annotations

import re
from typing import Any

from .. import genre
from ..formulas import DEFAULTS as DEFAULT_STYLE
from ..formulas import fill
from . import patterns as P
from .classify import same
from .data import Built

__all__ = ["contact_patterns", "learn_head", "learn_foot", "title_pattern"]

_FIELD_OF = {
    "联系单位及电话": ("承办单位", "联系电话"),
    "联系人及电话": ("联系人", "联系电话"),
    "联系人及联系电话": ("联系人", "联系电话"),
    "承办人及联系电话": ("联系人", "联系电话"),
    "承办人及电话": ("联系人", "联系电话"),
    "联系单位": ("承办单位",),
    "承办单位": ("承办单位",),
    "承办科室": ("承办单位",),
    "承办处室": ("承办单位",),
    "联系人": ("联系人",),
    "承办人": ("联系人",),
    "联系电话": ("联系电话",),
    "电话": ("联系电话",),
    "承办负责人": ("承办负责人",),
    "单位负责人": ("承办负责人",),
    "主管领导": ("承办负责人",),
}
_LABEL = re.compile(
    r"(?P<label>" + "|".join(sorted((k.replace("联系人", "联\\s*系\\s*人") for k in _FIELD_OF), key=len, reverse=True))
    + rf")\s*{P.COLON}\s*"
)
_NAME_PHONE = re.compile(r"^(?P<name>.*?[^\s　，,])[\s　，,]*(?P<phone>[0-9（）()\-—xX]{5,}[0-9xX])$")
_KEY = {"承办单位": "unit", "联系人": "person", "联系电话": "phone", "承办负责人": "head"}


def _parts(label: str, value: str) -> list[tuple[str, int, int]] | None:
    """(placeholder, start, end) of each value in ``value`` under ``label``."""
    names = _FIELD_OF[re.sub(r"\s", "", label)]
    if len(names) == 1:
        return [(names[0], 0, len(value))] if value else None
    match = _NAME_PHONE.match(value)
    if not match:
        return None
    return [(names[0], match.start("name"), match.end("name")), (names[1], match.start("phone"), match.end("phone"))]


def contact_patterns(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """The contact facts of ``lines`` and each line as a pattern that writes it again.

    A line whose values cannot all be placed (or repeat a fact with another value) stays as
    written: a pattern without placeholders prints as it is.
    """
    contact: dict[str, str] = {}
    patterns: list[str] = []
    for line in lines:
        labels = list(_LABEL.finditer(line))
        spans: list[tuple[str, int, int]] = []
        found: dict[str, str] = {}
        for n, label in enumerate(labels):
            stop = labels[n + 1].start() if n + 1 < len(labels) else len(line)
            value = line[label.end() : stop].rstrip(" \u3000，,；;）)")
            parts = _parts(label["label"], value)
            for name, start, end in parts or ():
                text = value[start:end]
                if found.get(name, text) != text or contact.get(_KEY[name], text) != text:
                    spans = []
                    break
                found[name] = text
                spans.append((name, label.end() + start, label.end() + end))
        pattern = line
        for name, start, end in sorted(spans, key=lambda s: -s[1]):
            pattern = pattern[:start] + "{" + name + "}" + pattern[end:]
        if "{" in line or "}" in line or fill(pattern, found) != line:
            pattern, found = line, {}
        else:
            pattern = _separated(pattern)
        contact.update({_KEY[name]: text for name, text in found.items()})
        patterns.append(pattern)
    return contact, patterns


def _separated(pattern: str) -> str:
    """A full-width space between a value and the next label or value, as the genre sets it
    (extraction drops such spaces; the pattern would run a name into a telephone number)."""
    return re.sub(r"(?<=\})(?=[^\s\u3000，,；;）)。])", "\u3000", pattern)


def _default_contact(contact: dict[str, str]) -> list[str]:
    """The contact lines the default style writes for ``contact``."""
    values = {name: contact.get(key, "") for name, key in _KEY.items()}
    lines = []
    for pattern in DEFAULT_STYLE.contact:
        parts = [fill(part, values) for part in pattern.split("\u3000") if any(values[n] for n in re.findall(r"\{(.+?)\}", part))]
        lines.append("\u3000".join(parts))
    return [line for line in lines if line]


def title_pattern(title: str, match: re.Match[str], values: dict[str, str], with_label: bool) -> str | None:
    """The title as a pattern of the draft's facts, or None when it cannot say the title again."""
    spans = [("发文机关", "issuer"), ("会议", "meeting"), ("提案号", "number")] + ([("提案类别", "label")] if with_label else [])
    pattern = title
    for name, group in sorted(spans, key=lambda s: -match.start(s[1])):
        if match[group] and match[group] == values.get(name):
            pattern = pattern[: match.start(group)] + "{" + name + "}" + pattern[match.end(group) :]
    if "{" in title or "}" in title or fill(pattern, values) != title:
        return None
    return pattern


def _line(text: str, issuer: str) -> str | None:
    """A head line as a header pattern: the issuer's name as {发文机关}; None when it cannot be held."""
    if "{" in text or "}" in text:
        return None
    if issuer and issuer in text and text.count(issuer) == 1:
        return text.replace(issuer, "{发文机关}")
    return text


def learn_head(head: dict[str, Any], data: dict[str, Any], style: dict[str, Any], out: Built, *, page: bool) -> list[str]:
    """The head's layout: lines above and below the title, the 发文字号's place, the class label.

    On a .docx ``page`` the 版头 sets the 发文字号 above the title by default. Returns the head
    lines no pattern can hold (they contain braces).
    """
    order = [(kind, text) for kind, text in head.get("order", []) if kind not in ("draft", "salutation")]
    kinds = [kind for kind, _ in order]
    title_at = kinds.index("title") if "title" in kinds else len(order)
    issuer = data.get("issuer", "")
    # Lines the default layout cannot place (an organ's name, a 版头, a line not understood), or
    # a 签发人 below other lines than the class: then every head line keeps the letter's order.
    verbatim = bool(set(kinds) & {"letterhead", "organ", "extra"}) or (
        "signer" in kinds and set(kinds[: kinds.index("signer")]) - {"class"}
    )
    above: list[str] = []
    below: list[str] = []
    leftover: list[str] = []
    for n, (kind, text) in enumerate(order):
        if kind == "title":
            continue
        line: str | None = None
        if kind in ("letterhead", "organ", "extra"):
            line = _line(text, issuer)
            if line is None:
                leftover.append(text)
            elif kind == "extra":
                out.note(("style",), f"原文标题前后的“{text}”不认识，已照录在原处")
        elif not verbatim:
            continue
        elif kind == "signer" and head.get("signer") and head["signer"] in text and "{" not in text:
            line, style["signer_place"] = text.replace(head["signer"], "{签发人}"), "版头行"
        elif kind == "docno":
            beside = head["class_label"] if "class" not in kinds and head.get("class_label") else ""
            pattern = "{发文字号}" + beside
            if fill(pattern, {"发文字号": data.get("doc_number", ""), "类别": head.get("class", "")}) != text:
                pattern = _line(text, "") or "{发文字号}"  # written another way: kept as it stands
            line, style["doc_number_place"] = pattern, "版头行"
            if beside:
                style["class_place"] = "版头行"
        elif kind == "class":
            line, style["class_place"] = head["class_label"], "版头行"
        if line is not None:
            (below if n > title_at else above).append(line)
    if above:
        style["header_lines"] = above
    if below:
        style["after_title"] = below
    if "docno" in kinds and kinds.index("docno") < title_at < len(order) and not page:
        style.setdefault("doc_number_place", "标题前")
    label = head.get("class_label")
    if label and label != DEFAULT_STYLE.class_label and style.get("class_place") != "版头行":
        style["class_label"] = label
    if "docno" in kinds and head.get("class_label") and "class" not in kinds and style.get("doc_number_place") != "版头行":
        style["class_place"] = "文号后"
    if head.get("salutation") and head.get("salutation_colon") is False:
        style["salutation"] = genre.SALUTATION.rstrip("：:")
    return leftover


def learn_foot(foot: dict[str, Any], data: dict[str, Any], style: dict[str, Any], out: Built) -> list[str]:
    """The foot's layout; the contact lines (and lines kept as written) as patterns.

    Returns the lines below the date that no pattern can hold (they contain braces).
    """
    order = foot.get("order", [])
    kinds = [kind for kind, _ in order]
    dated = next((n for n, k in enumerate(kinds) if k in ("date", "signature")), len(order))
    if "date" in kinds and "signature" not in kinds:
        style["signature_name"] = False
    if "signature" in kinds and "date" not in kinds:
        style["signature_date"] = False
    date_line = next((text for kind, text in order if kind == "date"), "")
    if re.search("[〇零一二三四五六七八九十]", date_line):
        style["date_numerals"] = "汉字"
    if foot.get("class_label"):
        data.setdefault("result_class", foot["class"])
        if foot["class_label"] != DEFAULT_STYLE.class_label:
            style["class_label"] = foot["class_label"]
        style["class_place"] = "正文后" if kinds.index("class") < dated else "落款后"
    for kind, text in order:
        if kind == "disclosure":
            key = {"主动公开": "disclosure_public", "依申请公开": "disclosure_on_request", "不予公开": "disclosure_withheld"}
            setting = key[foot["disclosure"]]
            if text != getattr(DEFAULT_STYLE, setting):
                style[setting] = text
    kept: list[tuple[str, str]] = []  # (kind, line) of each line printed with the contact lines
    after: list[str] = []  # lines after the date, when no contact line stands there
    leftover: list[str] = []  # lines no pattern can hold (braces): the caller keeps them as text
    contact_after = any(kind == "contact" for kind, _ in order[dated + 1 :])
    for kind, text in order:
        if kind == "cc" and not same(text, "抄送：" + "，".join(foot["cc"]) + "。"):
            data.pop("cc", None)  # written another way: kept as it stands
            kind = "extra"
        if kind == "signer" and not data.get("signer"):
            data["signer"] = foot["signer"]
            style["signer_place"] = "版头行"
            kept.append(("pattern", text.replace(foot["signer"], "{签发人}")))
        elif kind == "contact":
            kept.append((kind, text))
        elif kind == "extra" and ("{" in text or "}" in text):
            leftover.append(text)
        elif kind == "extra":
            (kept.append((kind, text)) if contact_after else after.append(text))
            where = "contact" if contact_after else "after_signature"
            out.note(("style", where), f"落款后的“{text}”不认识，已照录在原处")
    contact, patterns = contact_patterns([text for kind, text in kept if kind != "pattern"])
    found = iter(patterns)
    patterns = [text if kind == "pattern" else next(found) for kind, text in kept]
    if contact:
        data["contact"] = contact
    default = _default_contact(contact)
    written = [text for _, text in kept]
    if patterns and not (len(default) == len(written) and all(map(same, written, default))):
        style["contact"] = patterns
    if after:
        style["after_signature"] = after
    first = next((n for n, k in enumerate(kinds) if k == "contact"), len(order))
    if first < dated and "date" in kinds:
        style["contact_place"] = "落款前"
    return leftover
