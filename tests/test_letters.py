"""The letters corpus: each real or written reply is imported, rendered and checked.

See ``fixtures/letters/README.md``. Today most letters fail; ``known-failures.yaml`` lists
each with what fails and why. A letter that fails and is not listed is a regression; a listed
letter that fails differently (or passes) means the list must be brought up to date.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from letters import FACTS, LETTERS, Outcome, evaluate, facts_of, names, readme_results, results_section

NAMES = names()
KNOWN = yaml.safe_load((LETTERS / "known-failures.yaml").read_text(encoding="utf-8")) or {}
FORMS = yaml.safe_load((LETTERS / "forms.yaml").read_text(encoding="utf-8"))

# The form ids every corpus must cover (the rest of forms.yaml are variants found on the way).
REQUIRED_FORMS = {
    "title-issuer-prefix", "title-no-di", "title-dafuhan", "title-fuhan", "title-huifu", "title-huiban",
    "no-title", "issuer-line-above-title", "header-wenjian", "salutation-no-colon", "salutation-colon",
    "proposal-title-no-shuminghao", "class-top-right", "class-label", "class-after-docno",
    "class-after-body", "date-chinese-numerals", "date-arabic", "date-no-signature", "signature-no-date",
    "contact-person-phone", "contact-unit-phone", "contact-leader-handler",
    "lines-between-closing-and-signature", "closing-thanks", "closing-zhuanci", "closing-teci-hanfu",
    "closing-multi-paragraph", "closing-none", "docno-before-title", "docno-after-title",
    "contacts-before-signature", "contacts-after-signature", "cc-line", "disclosure-note",
    "joint-proposal", "organisation-proposer", "deputy-suggestion",
}


def test_corpus_size() -> None:
    assert len(NAMES) >= 36
    real = [n for n in NAMES if "url" in facts_of(n)["source"]]
    assert len(real) >= 5, "real published letters come first"


@pytest.mark.parametrize("name", NAMES)
def test_facts_file_is_complete(name: str) -> None:
    facts = facts_of(name)
    assert set(facts) == set(FACTS) | {"forms", "source"}, sorted(set(facts) ^ (set(FACTS) | {"forms", "source"}))
    assert facts["kind"] in ("reply", "会办意见")
    assert facts["proposer_type"] in ("member", "deputy", "organisation")
    assert isinstance(facts["proposers"], list)
    assert facts["date"] is None or isinstance(facts["date"], dt.date)
    assert facts["doc_number"] is None or re.fullmatch(r".+〔\d{4}〕\d+号", facts["doc_number"])
    source = facts["source"]
    assert ("url" in source and isinstance(source.get("retrieved"), dt.date)) or source.get("written") is True
    # A fact the letter states must be in its text (after the usual normalisation).
    from fidelity import normalise

    text = normalise((LETTERS / f"{name}.txt").read_text(encoding="utf-8"))
    for key in ("meeting", "proposal_title", "signer"):
        if facts[key]:
            assert normalise(facts[key]) in text, f"{key} {facts[key]!r} is not in the letter"
    for person in facts["proposers"]:
        assert person in text, f"proposer {person!r} is not in the letter"


@pytest.mark.parametrize("name", NAMES)
def test_forms_are_known(name: str) -> None:
    unknown = set(facts_of(name)["forms"]) - set(FORMS)
    assert not unknown, f"form ids not in forms.yaml: {sorted(unknown)}"


def test_every_form_is_exercised_twice() -> None:
    count = {form: 0 for form in FORMS}
    for name in NAMES:
        for form in set(facts_of(name)["forms"]):
            count[form] = count.get(form, 0) + 1
    assert REQUIRED_FORMS <= set(FORMS)
    rare = {form: n for form, n in count.items() if n < 2}
    assert not rare, f"forms exercised by fewer than two letters: {rare}"
    contact_forms = [form for form in FORMS if form.startswith("contact-")]
    assert len(contact_forms) >= 10


def test_known_failures_name_real_letters() -> None:
    assert set(KNOWN) <= set(NAMES), sorted(set(KNOWN) - set(NAMES))
    for name, entry in KNOWN.items():
        assert str(entry.get("reason", "")).strip(), f"{name}: every known failure needs a reason"
        assert set(entry) <= {"fidelity", "facts", "import", "reason"}, name


def _listed(name: str) -> dict[str, object]:
    entry = dict(KNOWN.get(name) or {})
    entry.pop("reason", None)
    if "facts" in entry:
        entry["facts"] = sorted(entry["facts"])  # type: ignore[arg-type]
    return entry


def _explain(outcome: Outcome) -> str:
    lines = [f"{outcome.name}: {outcome.score or outcome.error}"]
    lines += [f"  {key}: want {want!r}, got {got!r}" for key, (want, got) in sorted(outcome.wrong.items())]
    return "\n".join(lines)


@pytest.mark.parametrize("name", NAMES)
def test_letter(name: str) -> None:
    outcome = evaluate(name)
    listed = _listed(name)
    if not listed:
        assert outcome.passes, "regression: a letter not in known-failures.yaml fails\n" + _explain(outcome)
    else:
        assert outcome.failures() == listed, (
            "known-failures.yaml is out of date for this letter "
            f"(listed {listed}, found {outcome.failures()})\n" + _explain(outcome)
        )


def test_readme_results_are_current() -> None:
    """The table in fixtures/letters/README.md is today's (python tests/letters.py --write)."""
    readme = (LETTERS / "README.md").read_text(encoding="utf-8")
    assert readme_results(readme) == results_section([evaluate(name) for name in NAMES])
