"""Deadlines from the built-in rule (3 months 主办/分办, 1 month 会办, +3 extended) and an office's own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from replygen.deadlines import DeadlineRules, add_months, due_date, load_rules
from replygen.errors import InputError

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (D(2024, 3, 15), 3, D(2024, 6, 15)),
        (D(2024, 11, 30), 3, D(2025, 2, 28)),  # no 30 February: the month's last day
        (D(2023, 11, 30), 3, D(2024, 2, 29)),  # a leap year
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 1, 30), 2, D(2024, 3, 30)),  # the 30th stays the 30th in a month of 31 days
        (D(2024, 5, 31), 0, D(2024, 5, 31)),
        (D(2024, 12, 1), 12, D(2025, 12, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_month_s_last(day: dt.date, months: int, result: dt.date) -> None:
    assert add_months(day, months) == result


def test_the_built_in_rule() -> None:
    rules = load_rules()
    assert rules.months == {"主办": 3, "分办": 3, "会办": 1} and rules.extension_months == 3 and rules.fixed == {}
    assigned = D(2024, 3, 15)
    assert due_date("主办", assigned, rules=rules) == D(2024, 6, 15)
    assert due_date(None, assigned, rules=rules) == D(2024, 6, 15)  # 主办 when the role is not said
    assert due_date("会办", assigned, rules=rules) == D(2024, 4, 15)
    assert due_date("主办", assigned, extended=True, rules=rules) == D(2024, 9, 15)


def test_the_draft_s_own_date_wins_and_nothing_is_due_without_a_date() -> None:
    assert due_date("主办", D(2024, 3, 15), due_on=D(2024, 5, 1)) == D(2024, 5, 1)
    assert due_date("主办", None) is None


def test_fixed_dates_replace_the_month_count() -> None:
    rules = DeadlineRules(months={"主办": 3}, fixed={"主办": (6, 30), "会办": D(2024, 4, 1)})
    assert due_date("主办", D(2024, 3, 15), rules=rules) == D(2024, 6, 30)
    assert due_date("会办", None, rules=rules) == D(2024, 4, 1)
    leap = DeadlineRules(fixed={"主办": (2, 29)})
    assert due_date("主办", D(2023, 1, 5), rules=leap) == D(2023, 2, 28)


def test_an_office_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("months:\n  会办: 2\nfixed:\n  分办: 06-30\n", encoding="utf-8")
    rules = load_rules(path)
    assert rules.months == {"主办": 3, "分办": 3, "会办": 2}
    assert rules.extension_months == 3 and rules.fixed == {"分办": (6, 30)}


def test_every_mistake_of_an_office_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("months:\n  主办: 三\n  协办: 2\nextension_months: 30\nfixed:\n  主办: 02-30\ndays: 5\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rules(path)
    where = {(p.field, p.line) for p in caught.value.problems}
    assert where == {("months.主办", 2), ("months.协办", 3), ("extension_months", 4), ("fixed.主办", 6), ("days", 7)}
    assert all(p.file == str(path) for p in caught.value.problems)
