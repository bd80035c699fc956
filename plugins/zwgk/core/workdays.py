"""Working days under the State Council's annual holiday arrangements (调休 included).

Rules encoded here:
- A working day is Monday–Friday outside a holiday block, plus any 调休 weekend day listed
  as a make-up working day.
- Counting excludes the first day (民法典 第二百零一条): "N working days after D" is the N-th
  working day strictly after D; N = 0 means D itself (the same-day rule for urgent items).
- A year without a published arrangement is refused (:class:`CalendarYearMissing`), never
  guessed: estimating holidays silently shifts deadlines.

Arrangements are data: ``plugins/zwgk/data/holidays/YYYY.yml`` ships with the package, and an
office adds next year's notice each November as ``governance/calendar/YYYY.yml`` (same format),
which takes precedence over the packaged file of the same year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .findings import Finding, finding
from .schema import coerce_date
from .yamlio import load_yaml_file, parse_yaml

Date = dt.date


class CalendarYearMissing(Exception):
    """A computation needed a year for which no holiday arrangement is known."""

    def __init__(self, year: int, known: Iterable[int]) -> None:
        self.year = year
        self.known = sorted(known)
        span = f"{self.known[0]}–{self.known[-1]}" if self.known else "无"
        super().__init__(
            f"缺少 {year} 年的节假日安排（已有年份：{span}）。"
            f"请在国务院办公厅发布《关于{year}年部分节假日安排的通知》后，"
            f"按 governance/calendar/{year}.yml 的格式录入放假和调休上班日期"
        )


@dataclass(frozen=True)
class YearArrangement:
    year: int
    off_days: frozenset[Date]
    makeup_days: frozenset[Date]
    names: dict[Date, str] = field(default_factory=dict, compare=False)
    source: str = ""


def parse_arrangement(data: Any, path: str) -> tuple[YearArrangement | None, list[Finding]]:
    """Validate one year file; every problem becomes a finding with its location chain."""
    problems: list[Finding] = []
    hint_fmt = "格式示例：- {name: 国庆节, days: [2026-10-01, 2026-10-07], makeup: [2026-09-20]}"
    if not isinstance(data, dict):
        return None, [finding("calendar.invalid", path, "节假日文件应为包含 year 和 holidays 的映射", hint_fmt)]
    year = data.get("year")
    if not isinstance(year, int):
        problems.append(finding("calendar.invalid", path, "缺少或错误的 year（年份，整数）", "例如 year: 2027", field="year"))
        return None, problems
    holidays = data.get("holidays")
    if not isinstance(holidays, list) or not holidays:
        problems.append(finding("calendar.invalid", path, "holidays 应为非空列表", hint_fmt, field="holidays"))
        return None, problems
    off: set[Date] = set()
    makeup: set[Date] = set()
    names: dict[Date, str] = {}
    for i, entry in enumerate(holidays):
        where = f"holidays -> [{i}]"
        if not isinstance(entry, dict):
            problems.append(finding("calendar.invalid", path, "每个节日应为映射", hint_fmt, field=where))
            continue
        name = str(entry.get("name") or f"第{i + 1}项")
        days = entry.get("days")
        if not (isinstance(days, list) and len(days) == 2 and all(coerce_date(d) for d in days)):
            problems.append(
                finding("calendar.invalid", path, f"{name} 的 days 应为 [开始日期, 结束日期]", hint_fmt,
                        field=f"{where} -> days")
            )
            continue
        start, end = coerce_date(days[0]), coerce_date(days[1])
        assert start is not None and end is not None
        if end < start:
            problems.append(finding("calendar.invalid", path, f"{name} 的结束日期早于开始日期", "交换两个日期",
                                    field=f"{where} -> days"))
            continue
        d = start
        while d <= end:
            off.add(d)
            names[d] = name
            d += dt.timedelta(days=1)
        for j, m in enumerate(entry.get("makeup") or []):
            md = coerce_date(m)
            if md is None or md.weekday() < 5:
                problems.append(
                    finding("calendar.invalid", path, f"{name} 的调休上班日 {m} 不是周六或周日",
                            "makeup 只列出需要上班的周末日期", field=f"{where} -> makeup -> [{j}]")
                )
                continue
            makeup.add(md)
    if problems:
        return None, problems
    return YearArrangement(year, frozenset(off), frozenset(makeup), names, str(data.get("source") or "")), []


def _packaged_years() -> dict[int, tuple[str, str]]:
    out: dict[int, tuple[str, str]] = {}
    folder = resources.files("zwgk") / "data" / "holidays"
    for entry in folder.iterdir():
        if entry.name.endswith(".yml") and entry.name[:4].isdigit():
            out[int(entry.name[:4])] = (entry.read_text(encoding="utf-8"), f"zwgk/data/holidays/{entry.name}")
    return out


@dataclass
class WorkCalendar:
    years: dict[int, YearArrangement]
    # Precomputed on first use: working days in order, and for every covered date the number of
    # working days up to and including it. Makes each deadline O(1) instead of a day-by-day walk,
    # which matters when 10,000 items are checked.
    _workdays: list[Date] = field(default_factory=list, init=False, repr=False)
    _rank: dict[Date, int] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def load(cls, override_dir: Path | None = None, repo_root: Path | None = None) -> tuple[WorkCalendar, list[Finding]]:
        """Packaged years, then the office's own files (which win for the same year)."""
        problems: list[Finding] = []
        years: dict[int, YearArrangement] = {}
        for _year, (text, label) in sorted(_packaged_years().items()):
            data, errs = parse_yaml(text, label, rule="calendar.invalid")
            arr, errs2 = parse_arrangement(data, label)
            problems += errs + errs2
            if arr:
                years[arr.year] = arr
        if override_dir is not None and override_dir.is_dir():
            for p in sorted(override_dir.glob("*.yml")):
                rel = p.relative_to(repo_root).as_posix() if repo_root else p.name
                data, errs = load_yaml_file(p, rel, rule="calendar.invalid")
                arr, errs2 = parse_arrangement(data, rel) if data is not None else (None, [])
                problems += errs + errs2
                if arr:
                    years[arr.year] = arr
        return cls(years), problems

    def _arrangement(self, day: Date) -> YearArrangement:
        try:
            return self.years[day.year]
        except KeyError:
            raise CalendarYearMissing(day.year, self.years) from None

    def _index(self) -> None:
        if self._rank or not self.years:
            return
        day, last = dt.date(min(self.years), 1, 1), dt.date(max(self.years), 12, 31)
        count = 0
        while day <= last:
            if day.year in self.years and self._is_workday_raw(day):
                count += 1
                self._workdays.append(day)
            self._rank[day] = count
            day += dt.timedelta(days=1)

    def _is_workday_raw(self, day: Date) -> bool:
        arr = self.years[day.year]
        # Make-up days published in a later year's notice (e.g. a late-December Saturday) also count.
        nxt = self.years.get(day.year + 1)
        if day in arr.makeup_days or (nxt is not None and day in nxt.makeup_days):
            return True
        if day in arr.off_days:
            return False
        return day.weekday() < 5

    def _rank_of(self, day: Date) -> int:
        self._arrangement(day)
        self._index()
        return self._rank[day]

    def is_workday(self, day: Date) -> bool:
        self._arrangement(day)
        return self._is_workday_raw(day)

    def add_workdays(self, start: Date, n: int) -> Date:
        """The n-th working day after ``start`` (first day not counted); n = 0 returns ``start``."""
        if n < 0:
            raise ValueError("n must be >= 0")
        rank = self._rank_of(start)
        if n == 0:
            return start
        pos = rank + n - 1  # index into the ordered list of working days
        if pos >= len(self._workdays):
            raise CalendarYearMissing(max(self.years) + 1, self.years)
        result = self._workdays[pos]
        # A gap year (e.g. 2024 and 2026 known, 2025 not) must not be skipped silently.
        for year in range(start.year, result.year + 1):
            if year not in self.years:
                raise CalendarYearMissing(year, self.years)
        return result

    def workdays_between(self, start: Date, end: Date) -> int:
        """Working days in (start, end]: how many working days ``end`` lies after ``start``."""
        if end <= start:
            return 0
        for year in range(start.year, end.year + 1):
            if year not in self.years:
                raise CalendarYearMissing(year, self.years)
        return self._rank_of(end) - self._rank_of(start)


# From this day of the year on, next year's arrangement is expected (国务院办公厅 publishes the
# notice around November) and its absence is announced to 综合处 in `zwgk check` and the report.
NOTICE_FROM = (11, 1)


def missing_arrangements(calendar: WorkCalendar, today: Date) -> list[int]:
    """Years whose arrangement should be entered by now and is not: this year always, next year
    from 1 November."""
    wanted = [today.year]
    if (today.month, today.day) >= NOTICE_FROM:
        wanted.append(today.year + 1)
    return [y for y in wanted if y not in calendar.years]


def arrangement_notice(year: int, today: Date, calendar_dir: str) -> tuple[str, str]:
    """(message, hint) addressed to 综合处, naming the exact file to add."""
    when = "今年" if year == today.year else "明年"
    message = (f"致综合处：尚未录入{when}（{year} 年）的节假日安排。缺少时，跨入 {year} 年的发布时限和"
               f"《政府信息公开条例》法定时限无法计算，涉及的信息会报“无法计算”")
    hint = (f"国务院办公厅发布《关于{year}年部分节假日安排的通知》后，新增 {calendar_dir}/{year}.yml"
            f"（格式见 {calendar_dir}/README.md：year: {year}，holidays 逐项列出放假日期和调休上班日），提交合并")
    return message, hint


def arrangement_advisories(calendar: WorkCalendar, today: Date, calendar_dir: str) -> list[Finding]:
    """``calendar.next_year_missing`` warnings (advisory: they never block a build)."""
    out: list[Finding] = []
    for year in missing_arrangements(calendar, today):
        message, hint = arrangement_notice(year, today, calendar_dir)
        out.append(finding("calendar.next_year_missing", f"{calendar_dir}/{year}.yml", message, hint,
                           field="year", severity="warning"))
    return out


def arrangement_notes(calendar: WorkCalendar, today: Date, calendar_dir: str) -> list[str]:
    """The same advisories as one line each, for the monthly report's notes."""
    return [f"【致综合处】尚未录入 {y} 年节假日安排：国务院办公厅发布通知后，请新增 {calendar_dir}/{y}.yml"
            f"（格式见 {calendar_dir}/README.md）；在此之前，跨入 {y} 年的发布时限和法定时限无法计算。"
            for y in missing_arrangements(calendar, today)]
