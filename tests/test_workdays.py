"""Working-day clock: holiday edges of 2024–2026, 调休 make-up days, refusal of unknown years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import zwgk
from zwgk.core.workdays import CalendarYearMissing, WorkCalendar

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    c, problems = WorkCalendar.load()
    assert problems == []
    return c


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"),
    [
        ("2026-09-27", 5, "2026-10-09", "中秋 ends Sunday 27th; 国庆 1–7 off; Fri 9th is the 5th"),
        ("2026-09-30", 5, "2026-10-13", "Sat 10-10 is a 调休 working day"),
        ("2026-09-19", 1, "2026-09-20", "Sun 09-20 is a 国庆 make-up working day"),
        ("2026-02-13", 1, "2026-02-14", "Sat 02-14 is a 春节 make-up working day"),
        ("2026-02-14", 1, "2026-02-24", "春节 15–23 off"),
        ("2026-02-27", 1, "2026-02-28", "Sat 02-28 make-up day"),
        ("2025-01-24", 1, "2025-01-26", "Sun 01-26 make-up before 春节 2025"),
        ("2025-01-27", 1, "2025-02-05", "春节 2025: 01-28 … 02-04 off"),
        ("2025-09-26", 2, "2025-09-29", "Sun 09-28 make-up then Mon"),
        ("2025-09-30", 1, "2025-10-09", "国庆+中秋 2025: 10-01 … 10-08 off"),
        ("2025-10-09", 2, "2025-10-11", "Sat 10-11 make-up"),
        ("2024-09-13", 1, "2024-09-14", "Sat 09-14 make-up before 中秋 2024"),
        ("2024-09-27", 2, "2024-09-30", "Sun 09-29 make-up, then Mon 09-30"),
        ("2024-09-30", 1, "2024-10-08", "国庆 2024 1–7 off"),
        ("2024-02-08", 1, "2024-02-09", "Fri before 春节 2024"),
        ("2024-02-09", 1, "2024-02-18", "春节 10–17 off; Sun 02-18 make-up"),
        ("2026-03-02", 0, "2026-03-02", "N = 0: same day (urgent)"),
        ("2026-03-07", 0, "2026-03-07", "N = 0 even on a Saturday"),
        ("2026-03-06", 1, "2026-03-09", "weekend skipped"),
        ("2026-12-30", 2, "2026-12-31", "crossing into an unknown year is refused — see below; this stays in 2026"),
    ],
)
def test_add_workdays(cal: WorkCalendar, start: str, n: int, expected: str, why: str) -> None:
    if start == "2026-12-30":
        with pytest.raises(CalendarYearMissing):
            cal.add_workdays(D(start), n)
        return
    assert cal.add_workdays(D(start), n) == D(expected), why


def test_first_day_not_counted(cal: WorkCalendar) -> None:
    # 民法典 第二百零一条: a Monday deadline of "1 working day" is Tuesday, not Monday itself.
    assert cal.add_workdays(D("2026-03-02"), 1) == D("2026-03-03")


@pytest.mark.parametrize("day", ["2027-01-04", "2023-12-29"])
def test_unknown_year_is_refused(cal: WorkCalendar, day: str) -> None:
    with pytest.raises(CalendarYearMissing) as exc:
        cal.add_workdays(D(day), 1)
    assert f"缺少 {D(day).year} 年的节假日安排" in str(exc.value)
    assert "governance/calendar" in str(exc.value)


def test_workdays_between(cal: WorkCalendar) -> None:
    assert cal.workdays_between(D("2026-09-30"), D("2026-10-13")) == 5
    assert cal.workdays_between(D("2026-10-13"), D("2026-09-30")) == 0
    assert cal.workdays_between(D("2026-03-02"), D("2026-03-02")) == 0


def test_agrees_with_chinesecalendar_every_day(cal: WorkCalendar) -> None:
    """Independent cross-check: our data files vs the chinesecalendar package, day by day."""
    chinese_calendar = pytest.importorskip("chinese_calendar")
    day, mismatches = D("2024-01-01"), []
    while day <= D("2026-12-31"):
        if cal.is_workday(day) != chinese_calendar.is_workday(day):
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []


@pytest.mark.parametrize(("year", "workdays"), [(2024, 251), (2025, 248), (2026, 248)])
def test_yearly_totals(cal: WorkCalendar, year: int, workdays: int) -> None:
    day, count = D(f"{year}-01-01"), 0
    while day.year == year:
        count += cal.is_workday(day)
        day += dt.timedelta(days=1)
    assert count == workdays


def test_office_adds_next_year(tmp_path: Path) -> None:
    folder = tmp_path / "calendar"
    folder.mkdir()
    (folder / "2027.yml").write_text(
        "year: 2027\nholidays:\n  - {name: 元旦, days: [2027-01-01, 2027-01-03], makeup: [2027-01-09]}\n",
        encoding="utf-8")
    cal, problems = WorkCalendar.load(folder, tmp_path)
    assert problems == []
    assert cal.add_workdays(D("2026-12-31"), 1) == D("2027-01-04")
    assert cal.is_workday(D("2027-01-09"))


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("year: 2027\nholidays: []\n", "holidays"),
        ("year: 二〇二七\nholidays: [{name: 元旦, days: [2027-01-01, 2027-01-01]}]\n", "year"),
        ("year: 2027\nholidays:\n  - {name: 元旦, days: [2027-01-03, 2027-01-01]}\n", "holidays -> [0] -> days"),
        ("year: 2027\nholidays:\n  - {name: 元旦, days: [2027-01-01, 2027-01-01], makeup: [2027-01-05]}\n",
         "holidays -> [0] -> makeup -> [0]"),
    ],
)
def test_bad_calendar_file_is_a_finding(tmp_path: Path, text: str, field: str) -> None:
    (tmp_path / "2027.yml").write_text(text, encoding="utf-8")
    cal, problems = WorkCalendar.load(tmp_path, tmp_path)
    assert [p.field for p in problems] == [field]
    assert problems[0].rule == "calendar.invalid" and problems[0].path == "2027.yml"
    assert 2027 not in cal.years


def test_quoted_and_unquoted_dates_are_the_same_holiday(tmp_path: Path) -> None:
    # Holiday files read dates with schema.coerce_date, like front matter: a quoted ISO date is a date.
    (tmp_path / "2027.yml").write_text(
        "year: 2027\nholidays:\n  - {name: 元旦, days: ['2027-01-01', 2027-01-01], makeup: ['2027-01-02']}\n",
        encoding="utf-8")
    cal, problems = WorkCalendar.load(tmp_path, tmp_path)
    assert problems == []
    assert not cal.is_workday(D("2027-01-01")) and cal.is_workday(D("2027-01-02"))


def test_cli_deadline(demo: Path) -> None:
    ok = zwgk(demo, "calendar", "deadline", "2026-09-27", "5")
    assert (ok.returncode, ok.stdout.strip()) == (0, "2026-10-09")
    same = zwgk(demo, "calendar", "deadline", "2026-09-27", "0")
    assert same.stdout.strip() == "2026-09-27"
    missing = zwgk(demo, "calendar", "deadline", "2027-03-01", "5")
    assert missing.returncode == 2 and "缺少 2027 年的节假日安排" in missing.stderr and "Traceback" not in missing.stderr
    bad = zwgk(demo, "calendar", "deadline", "2026-13-01", "5")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
