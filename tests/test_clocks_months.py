"""Calendar-month arithmetic: month ends, 29 February, and years the holiday calendar lacks."""

from __future__ import annotations

import datetime as dt

import pytest
from zwgk.core.clocks import ClockSettings, add_months, add_period, outcome_due, period_label
from zwgk.core.clocks.months import month_bounds

D = dt.date.fromisoformat


@pytest.mark.parametrize(("start", "months", "expected"), [
    ("2026-01-31", 1, "2026-02-28"),   # 01-31 + 1 month: February has no 31st → its last day
    ("2024-01-31", 1, "2024-02-29"),   # leap year
    ("2028-01-31", 1, "2028-02-29"),   # 2028 has no holiday data: month clocks do not need it
    ("2024-02-29", 12, "2025-02-28"),  # 29 February + 1 year
    ("2024-02-29", 1, "2024-03-29"),
    ("2026-08-31", 6, "2027-02-28"),   # 6-month column period across the year end
    ("2026-03-31", 1, "2026-04-30"),
    ("2026-12-15", 1, "2027-01-15"),
    ("2026-03-31", -1, "2026-02-28"),
    ("2026-07-02", 0, "2026-07-02"),
])
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(D(start), months) == D(expected)


@pytest.mark.parametrize(("start", "period", "times", "expected"), [
    ("2026-11-17", (2, "week"), 1, "2026-12-01"),
    ("2026-11-17", (2, "week"), 2, "2026-12-15"),
    ("2026-08-31", (6, "month"), 1, "2027-02-28"),
    ("2026-08-31", (6, "month"), 2, "2027-08-31"),
    ("2024-02-29", (1, "year"), 1, "2025-02-28"),
    ("2024-02-29", (1, "year"), 4, "2028-02-29"),
    ("2026-12-31", (30, "day"), 1, "2027-01-30"),
])
def test_add_period(start: str, period: tuple[int, str], times: int, expected: str) -> None:
    assert add_period(D(start), period, times) == D(expected)


def test_add_period_rejects_unknown_unit() -> None:
    with pytest.raises(ValueError):
        add_period(D("2026-01-01"), (1, "fortnight"))


@pytest.mark.parametrize(("period", "label"), [((2, "week"), "2周"), ((6, "month"), "6个月"), ((1, "year"), "1年"),
                                               ((30, "day"), "30天"), (None, "按需更新")])
def test_period_label(period: tuple[int, str] | None, label: str) -> None:
    assert period_label(period) == label


@pytest.mark.parametrize(("closes", "months", "due"), [
    ("2026-01-31", 1, "2026-02-28"),
    ("2024-01-31", 1, "2024-02-29"),
    ("2026-08-02", 1, "2026-09-02"),
    ("2026-09-30", 1, "2026-10-30"),  # 国庆 does not stop a calendar-month clock
    ("2026-12-31", 2, "2027-02-28"),
])
def test_outcome_due(closes: str, months: int, due: str) -> None:
    assert outcome_due(D(closes), ClockSettings(outcome_months=months)) == D(due)


def test_month_bounds() -> None:
    assert month_bounds(2024, 2) == (D("2024-02-01"), D("2024-02-29"))
    assert month_bounds(2026, 2) == (D("2026-02-01"), D("2026-02-28"))
