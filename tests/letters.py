"""Import, render and check one letter of ``fixtures/letters`` against its facts.

A letter passes when its import renders back to the same paragraphs (recall ≥ 0.99 and
precision ≥ 0.98 by :func:`fidelity.score`) and every fact in its ``.facts.yaml`` is found.
``python tests/letters.py`` prints the ``known-failures.yaml`` entries today's results call for
(reasons to be written by hand); ``--write`` also rewrites the results section of
``fixtures/letters/README.md``, which ``test_letters.py`` keeps current.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

import replygen
from fidelity import Score, normalise, rendered_text, score
from replygen.placeholders import PLACEHOLDER

LETTERS = Path(__file__).resolve().parent / "fixtures" / "letters"
RECALL, PRECISION = 0.99, 0.98
FACTS = (
    "kind", "issuer", "doc_number", "meeting", "proposal_number", "proposal_title", "proposers",
    "proposer_type", "result_class", "date", "signer", "signature",
)


def names() -> list[str]:
    return sorted(path.name[: -len(".txt")] for path in LETTERS.glob("*.txt"))


def facts_of(name: str) -> dict[str, Any]:
    return yaml.safe_load((LETTERS / f"{name}.facts.yaml").read_text(encoding="utf-8"))


def found_facts(doc: replygen.Reply | replygen.Opinion) -> dict[str, Any]:
    """Each fact as the imported draft states it; None where the draft leaves it to be filled."""
    if not isinstance(doc, replygen.Reply):
        return {"kind": doc.kind}

    def given(value: str | None) -> str | None:
        return None if value in (None, PLACEHOLDER) else value

    signature = doc.signature
    printed_signature = doc.style is None or doc.style.signature_name
    return {
        "kind": "会办意见" if doc.handling and doc.handling.role == "会办" else "reply",
        "issuer": given(doc.issuer),
        "doc_number": str(doc.doc_number) if doc.doc_number else None,
        "meeting": given(doc.proposal.meeting),
        "proposal_number": given(doc.proposal.number),
        "proposal_title": given(doc.proposal.title),
        "proposers": [name for name in doc.proposer.name if name != PLACEHOLDER],
        "proposer_type": doc.proposer.type,
        "result_class": doc.result_class,
        "date": signature.date if signature else None,
        "signer": doc.signer,
        # What the letter prints as its 署名: the template prints the issuer when no name is given,
        # and none when the house style prints the date alone.
        "signature": given(signature.name or doc.issuer) if signature and printed_signature else None,
    }


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, list):
        return isinstance(actual, list) and [normalise(str(e)) for e in expected] == [normalise(str(a)) for a in actual]
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, dt.date):
        return expected == actual
    return normalise(str(expected)) == normalise(str(actual))


@dataclass
class Outcome:
    name: str
    score: Score | None = None
    wrong: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    error: str | None = None

    @property
    def fidelity_ok(self) -> bool:
        return self.score is not None and self.score.passes(RECALL, PRECISION)

    @property
    def passes(self) -> bool:
        return self.error is None and self.fidelity_ok and not self.wrong

    def failures(self) -> dict[str, Any]:
        """What fails, in the shape of a ``known-failures.yaml`` entry (without its reason)."""
        out: dict[str, Any] = {}
        if self.error is not None:
            out["import"] = "fails"
            return out
        if not self.fidelity_ok:
            out["fidelity"] = "below"
        if self.wrong:
            out["facts"] = sorted(self.wrong)
        return out


@lru_cache(maxsize=None)  # the per-letter test and the README check share one run
def evaluate(name: str) -> Outcome:
    text = (LETTERS / f"{name}.txt").read_text(encoding="utf-8")
    facts = facts_of(name)
    outcome = Outcome(name)
    try:
        doc = replygen.parse_text(text)
        rendered = rendered_text(doc, draft=False)
    except replygen.ReplygenError as exc:
        outcome.error = str(exc).splitlines()[0]
        return outcome
    outcome.score = score(text, rendered)
    found = found_facts(doc)
    for key in FACTS:
        if not _same(facts[key], found.get(key)):
            outcome.wrong[key] = (facts[key], found.get(key))
    return outcome


def _mark(value: float, bar: float) -> str:
    return f"{value:.3f}" + ("" if value >= bar else " ✗")


def table(outcomes: list[Outcome]) -> str:
    rows = ["| letter | recall | precision | facts wrong |", "|---|---|---|---|"]
    for o in outcomes:
        if o.error is not None or o.score is None:
            rows.append(f"| {o.name} | — | — | import refused: {o.error} |")
            continue
        rows.append(
            f"| {o.name} | {_mark(o.score.recall, RECALL)} | {_mark(o.score.precision, PRECISION)} | "
            f"{', '.join(sorted(o.wrong)) or '—'} |"
        )
    return "\n".join(rows)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})"


def summary(outcomes: list[Outcome]) -> str:
    total = len(outcomes)
    real = [o for o in outcomes if o.name.startswith("r")]
    return (
        f"Of {total} letters, {_share(sum(o.fidelity_ok for o in outcomes), total)} render back at "
        f"recall ≥ {RECALL} and precision ≥ {PRECISION}, "
        f"{_share(sum(o.error is None and not o.wrong for o in outcomes), total)} have every fact right, "
        f"and {_share(sum(o.passes for o in outcomes), total)} pass both; "
        f"of the {len(real)} real letters, {_share(sum(o.passes for o in real), len(real))} pass both."
    )


RESULTS_START = "## Results today\n"
RESULTS_END = "\n✗: below the bar."


def results_section(outcomes: list[Outcome]) -> str:
    """The README's results, from its heading up to the legend."""
    return f"{RESULTS_START}\n{summary(outcomes)}\n\n{table(outcomes)}\n"


def readme_results(readme: str) -> str:
    return readme[readme.index(RESULTS_START) : readme.index(RESULTS_END)]


if __name__ == "__main__":
    results = [evaluate(n) for n in names()]
    print(summary(results))
    if "--details" in sys.argv:
        for o in results:
            for key, (want, got) in o.wrong.items():
                print(f"{o.name}: {key}: want {want!r}, got {got!r}")
    if "--write" in sys.argv:
        readme = LETTERS / "README.md"
        text = readme.read_text(encoding="utf-8")
        readme.write_text(text.replace(readme_results(text), results_section(results)), encoding="utf-8")
    print()
    print(yaml.safe_dump({o.name: o.failures() for o in results if not o.passes}, allow_unicode=True, sort_keys=True))
