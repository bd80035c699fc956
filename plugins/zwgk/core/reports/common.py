"""Shared report values: one :class:`Entry` per thing counted, so every figure can list its items.

A report is pure data (frozen dataclasses) built from a :class:`Site` for a fixed day; the HTML
and XLSX writers only lay it out. Reports are internal (督查 and 考核) and never part of the site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..clocks.deadline import Deadline, deadline, late_reason
from ..clocks.months import last_day
from ..model import Item, Site
from ..workdays import CalendarYearMissing, WorkCalendar

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str = "条"
    value_label: str = ""  # what Entry.value means for this metric (逾期工作日, 超时小时 …)


@dataclass(frozen=True)
class Entry:
    """One counted thing: an item, a column, a notice. ``divisions`` are who it is counted for."""

    metric: str
    path: str
    title: str
    divisions: tuple[str, ...]
    column: str = ""
    index_no: str = ""
    date: dt.date | None = None
    detail: str = ""
    value: float | None = None
    location: str = ""  # e.g. ``notices -> [3]`` inside ``path``

    @property
    def division_text(self) -> str:
        return "、".join(self.divisions)


def select(entries: Iterable[Entry], metric: str, *, division: str | None = None,
           column: str | None = None) -> list[Entry]:
    return [e for e in entries if e.metric == metric and (division is None or division in e.divisions)
            and (column is None or e.column == column)]


def anchor(metric: str, *, division_index: int | None = None, column: str | None = None) -> str:
    """Stable ASCII ids (``late--d2``, ``late--c-gzdt``): same report, same links."""
    if division_index is not None:
        return f"{metric}--d{division_index}"
    if column is not None:
        return f"{metric}--c-{column}"
    return metric


def weekday(day: dt.date) -> str:
    return "星期" + WEEKDAYS[day.weekday()]


def as_of_site(site: Site, day: dt.date) -> Site:
    """The site seen on ``day``: every clock (public, stale, overdue) is evaluated then."""
    return replace(site, today=day, _interp_index=None)


def item_entry(metric: str, item: Item, detail: str = "", value: float | None = None) -> Entry:
    return Entry(metric, item.path, item.title or item.path, (item.division or "（未填写处室）",), item.column,
                 item.index_no, item.published, detail, value)


@dataclass(frozen=True)
class Timeliness:
    state: str  # on_time | late | undetermined
    deadline: Deadline
    detail: str


def timeliness(site: Site, item: Item) -> Timeliness:
    d = deadline(site, item)
    if d.error or d.due is None or d.late_workdays is None:
        why = "缺少节假日安排" if d.error else "未填写信息形成日期"
        return Timeliness("undetermined", d, f"无法判断时限（{why}）")
    if d.late_workdays > 0:
        reason = late_reason(site, item)
        ack = f"；迟报说明：{reason}" if reason else ""
        return Timeliness("late", d, f"形成于 {d.formed}，应于 {d.due} 前发布，实际 {d.published}，"
                                     f"逾期 {d.late_workdays} 个工作日{ack}")
    return Timeliness("on_time", d, f"形成于 {d.formed}，应于 {d.due} 前发布，实际 {d.published}")


def counted(item: Item) -> bool:
    """Items reports count: what is or will be published (drafts are nobody's figure yet)."""
    return item.will_publish


@dataclass(frozen=True)
class ReportDue:
    nominal: dt.date  # the report day of the month (29th, or the month's last day)
    due: dt.date
    note: str


def report_due(calendar: WorkCalendar, year: int, month: int, day: int = 29) -> ReportDue:
    """The 督查月报's due date: the ``day``-th of the month, moved to the preceding working day.

    Earlier, not later: the report covers the month and must reach the leadership within it, and
    the preceding working day always exists in the same month for day 29 (no holiday block is
    that long). A month without that day (February) uses its last day.
    """
    nominal = dt.date(year, month, min(day, last_day(year, month)))
    what = f"{nominal.day} 日" if nominal.day == day else f"本月没有 {day} 日，取月末 {nominal.day} 日"
    try:
        due = nominal
        while not calendar.is_workday(due):
            due -= dt.timedelta(days=1)
    except CalendarYearMissing as exc:
        return ReportDue(nominal, nominal, f"{what}（{nominal}，{weekday(nominal)}）；无法判断是否为工作日：{exc}")
    if due == nominal:
        extra = "，调休上班日" if nominal.weekday() >= 5 else ""
        return ReportDue(nominal, due, f"{what}（{nominal}，{weekday(nominal)}{extra}）")
    arrangement = calendar.years.get(nominal.year)
    holiday = arrangement.names.get(nominal) if arrangement else None
    why = f"{holiday}假期" if holiday else weekday(nominal)
    return ReportDue(nominal, due, f"{what}（{nominal}）为{why}，不是工作日，提前至前一个工作日 {due}（{weekday(due)}）")
