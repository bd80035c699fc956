"""Calendar-month arithmetic for clocks counted in months (意见采纳情况 1 个月, 栏目 6 个月).

Month clocks never need the holiday arrangement: "one month after 01-31" is the last day of
February whatever the holidays are, so these work for years the working-day calendar does not
cover yet (2028 and later).
"""

from __future__ import annotations

import calendar
import datetime as dt

Period = tuple[int, str]  # (amount, "day" | "week" | "month" | "year"), as parsed from columns.yml

_UNIT_LABELS = {"day": "天", "week": "周", "month": "个月", "year": "年"}


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day-of-month ``n`` months later, clamped to the month's last day.

    民法典 第二百零三条: a period in months ends on the corresponding day of the last month,
    or the month's last day when that day does not exist (01-31 + 1 month → 02-28/29).
    """
    index = day.year * 12 + (day.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, last_day(year, month)))


def add_period(day: dt.date, period: Period, times: int = 1) -> dt.date:
    """``day`` plus ``times`` × ``period`` (calendar days/weeks, calendar months/years)."""
    amount, unit = period
    amount *= times
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit == "week":
        return day + dt.timedelta(weeks=amount)
    if unit == "month":
        return add_months(day, amount)
    if unit == "year":
        return add_months(day, 12 * amount)
    raise ValueError(f"unknown period unit {unit!r}")


def period_label(period: Period | None) -> str:
    """``(6, "month")`` → ``6个月``; None → ``按需更新``."""
    if period is None:
        return "按需更新"
    amount, unit = period
    return f"{amount}{_UNIT_LABELS.get(unit, unit)}"


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, last_day(year, month))
