"""The 1月31日 clock (条例 第四十九条): last year's 年报 published in the 年报 column by 31 January.

From 1 January until the report is public in the column, ``zwgk check`` and the monthly 督查 carry
an advisory (``annual.report_due``); once the deadline has passed, a warning (``annual.report_late``).
The deadline is 31 January, moved to the next working day when that day is a rest day (民法典
第二百零三条: a period whose last day is a statutory holiday ends on the day after the holiday) —
e.g. 2026-01-31 is a Saturday, so the 2025 report is due on Monday 2026-02-02. A year without
holiday data keeps 31 January (never a later, guessed day).

A site without a 年报 column is not watched. The report is found by its place and name, not by a new front-matter field: an item in the column
whose ColumnType is 信息公开年报 (or slug ``zfxxgknb``) with a title naming the year, as the
generator writes it (``…2025年政府信息公开工作年度报告``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Column, Item, Site
from ..workdays import CalendarYearMissing, WorkCalendar

COLUMN_TYPE = "信息公开年报"
COLUMN_SLUG = "zfxxgknb"
TITLE = re.compile(r"(\d{4})\s*年度?\s*政府信息公开工作年度报告")


def report_column(site: Site) -> Column | None:
    """The 政府信息公开年报 column: by ColumnType, else by the conventional slug."""
    for col in site.columns.values():
        if col.type == COLUMN_TYPE:
            return col
    return site.columns.get(COLUMN_SLUG)


def report_year(item: Item) -> int | None:
    m = TITLE.search(item.title)
    return int(m.group(1)) if m else None


def report_items(site: Site, column: Column | None = None) -> dict[int, Item]:
    """The column's 年报 by the year they report on (drafts and scheduled ones included)."""
    col = column or report_column(site)
    if col is None:
        return {}
    out: dict[int, Item] = {}
    for item in sorted(site.items, key=lambda i: i.path):
        year = report_year(item) if item.column == col.slug else None
        if year is not None:
            out.setdefault(year, item)
    return out


def due_date(calendar: WorkCalendar, year: int) -> tuple[dt.date, str]:
    """(the day the ``year`` report must be public by, how it was found). ``year`` is the year reported on."""
    nominal = dt.date(year + 1, 1, 31)
    day = nominal
    try:
        while not calendar.is_workday(day):
            day += dt.timedelta(days=1)
    except CalendarYearMissing:
        return nominal, f"{nominal}（尚未录入 {year + 1} 年节假日安排，按 1 月 31 日计）"
    if day == nominal:
        return day, f"{nominal}"
    return day, f"{day}（1 月 31 日为休息日，顺延至其后第一个工作日）"


@dataclass(frozen=True)
class AnnualClock:
    year: int  # the year the report covers
    due: dt.date
    due_text: str
    late: bool  # today is after the due date
    column: Column | None


def pending_report(site: Site) -> AnnualClock | None:
    """The clock on ``site.today``; None once last year's report is public in the column.

    A site without a 年报 column does not publish its 年报 here (it goes to the government portal's
    年报 platform, say): the clock then has nothing to watch and does not run."""
    year = site.today.year - 1
    column = report_column(site)
    if column is None:
        return None
    item = report_items(site, column).get(year)
    if item is not None and item.is_public(site.today):
        return None
    due, text = due_date(site.calendar, year)
    return AnnualClock(year, due, text, site.today > due, column)



def annual_notes(site: Site) -> list[str]:
    """The same clock as one line for the monthly 督查's notes (empty when the report is out)."""
    clock = pending_report(site)
    if clock is None:
        return []
    where = f"“{clock.column.name}”栏目" if clock.column else "年报栏目"
    if clock.late:
        return [f"【警告】{clock.year} 年政府信息公开工作年度报告应于 {clock.due_text} 前公开，已逾期 "
                f"{(site.today - clock.due).days} 天仍未在{where}公开（条例第四十九条）：综合处用 zwgk report annual {clock.year} 生成。"]
    return [f"【致综合处】{clock.year} 年政府信息公开工作年度报告尚未公开，应于 {clock.due_text} 前在{where}公开"
            f"（条例第四十九条）：用 zwgk report annual {clock.year} 生成，见 docs/annual.md。"]
