"""The 主动公开 deadline: N working days from 形成或变更 (same day when urgent), and the Regulation's
20 working days as the outer bound — the main clock, computed here beside the rulebook's other
clocks; :mod:`zwgk.core.rules.timeliness` turns it into findings, the reports count it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Item, Site
from ..workdays import CalendarYearMissing


@dataclass(frozen=True)
class Deadline:
    """An item's own deadline and, only when it matters, the Regulation's outer bound.

    ``error``: the item's own deadline (N working days) cannot be computed — a year of holidays
    it needs is missing; ``late_workdays`` is still 0 when the item is provably on time (published
    within N working days counted in known years). ``legal_error``: the legal bound was needed
    (the item is late, or not published yet) but cannot be computed; that is an advisory, never a
    block: the item's own deadline already decides.
    """

    formed: dt.date | None
    due: dt.date | None
    published: dt.date | None
    late_workdays: int | None
    legal_due: dt.date | None = None
    error: str | None = None
    legal_error: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "formed": self.formed.isoformat() if self.formed else None,
            "due": self.due.isoformat() if self.due else None,
            "published": self.published.isoformat() if self.published else None,
            "late_workdays": self.late_workdays,
            "legal_due": self.legal_due.isoformat() if self.legal_due else None,
        }


def missing_year_text(site: Site, exc: CalendarYearMissing, what: str) -> str:
    """Chinese sentence naming the exact file 综合处 must add."""
    return (f"{what}须待 {site.config.calendar_dir}/{exc.year}.yml（{exc.year} 年节假日安排）录入后才能计算，"
            f"目前无法计算")


def deadline(site: Site, item: Item) -> Deadline:
    cfg = site.config
    if item.formed is None:
        return Deadline(None, None, item.published, None)
    n = cfg.urgent_workdays if item.urgent else cfg.timeliness_workdays
    cal = site.calendar
    try:
        due = cal.add_workdays(item.formed, n)
    except CalendarYearMissing as exc:
        # Without next year's holidays the due date is unknown, but an item published within N
        # working days counted entirely in known years is on time whatever the holidays will be.
        late: int | None = None
        if item.published is not None:
            try:
                late = 0 if cal.workdays_between(item.formed, item.published) <= n else None
            except CalendarYearMissing:
                late = None
        return Deadline(item.formed, None, item.published, late,
                        error=missing_year_text(site, exc, f"发布时限（{n} 个工作日）"))
    count_error: str | None = None
    try:
        # workdays_between needs no calendar when published <= due (the common case).
        late = cal.workdays_between(due, item.published) if item.published else None
    except CalendarYearMissing as exc:
        late, count_error = None, missing_year_text(site, exc, "逾期工作日数")
    if late == 0:
        return Deadline(item.formed, due, item.published, 0)
    # Late (or not published yet, or late by an unknown count): the legal bound is needed now.
    legal_error: str | None = None
    try:
        legal: dt.date | None = cal.add_workdays(item.formed, cfg.legal_workdays)
    except CalendarYearMissing as exc:
        legal, legal_error = None, missing_year_text(site, exc, f"《政府信息公开条例》规定的 {cfg.legal_workdays} 个工作日法定时限")
    if count_error is not None:
        legal_error = "；".join(e for e in (count_error, legal_error) if e)
    return Deadline(item.formed, due, item.published, late, legal, legal_error=legal_error)


def late_reason(site: Site, item: Item) -> str:
    """综合处's 迟报说明 (``late_reason`` in the item's review record), "" when there is none.

    The one exemption of every publication clock: the build stops warning about an explained delay
    (timeliness.late, the response clocks), the monthly report still counts it and shows the reason.
    """
    record = site.reviews.get(item.path)
    return str(record.data.get("late_reason") or "").strip() if record is not None else ""
