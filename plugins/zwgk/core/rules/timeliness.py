"""主动公开 timeliness: published within N working days of 形成或变更 (same day when urgent),
with the Regulation's 20 working days as the outer bound."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..findings import Finding, finding
from ..model import Item, Site
from ..workdays import CalendarYearMissing, arrangement_advisories


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


def timeliness(site: Site) -> list[Finding]:
    out: list[Finding] = []
    sev = site.config.timeliness_severity
    for item in site.items:
        if not item.will_publish or item.published is None:
            continue
        d = deadline(site, item)
        if d.error:
            if d.late_workdays == 0:
                continue  # provably on time; calendar.next_year_missing tells 综合处 about the file
            out.append(finding("calendar.year_missing", item.path, d.error,
                               f"请综合处录入节假日安排后重新检查（格式见 {site.config.calendar_dir}/README.md）",
                               field="formed"))
            continue
        if d.due is None or d.late_workdays == 0 or item.published <= d.due:
            continue
        record = site.reviews.get(item.path)
        if record is not None and str(record.data.get("late_reason") or "").strip():
            continue  # lateness acknowledged by 综合处 with a reason; the monthly report still counts it
        limit = "当日" if item.urgent else f"{site.config.timeliness_workdays} 个工作日内"
        rule, severity = "timeliness.late", sev
        if d.legal_due and item.published > d.legal_due:
            rule = "timeliness.legal"
        by = f"晚了 {d.late_workdays} 个工作日" if d.late_workdays else "已逾期"
        out.append(finding(
            rule, item.path,
            f"逾期发布：信息形成于 {item.formed}，应在 {d.due} 前（{limit}）发布，实际 {item.published}，{by}"
            + (f"，已超过《政府信息公开条例》规定的 {site.config.legal_workdays} 个工作日" if rule == "timeliness.legal" else ""),
            "信息仍应发布；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入逾期",
            field="published", severity=severity))
        if d.legal_error:
            out.append(finding(
                "timeliness.legal_unknown", item.path, d.legal_error + "（本条信息已逾期，需核对是否超过法定时限）",
                f"请综合处录入 {site.config.calendar_dir} 中缺少的年度节假日安排；信息仍应发布",
                field="published", severity="warning"))
    return out


def calendar_arrangements(site: Site) -> list[Finding]:
    """From 1 November: tell 综合处 that next year's holiday arrangement is missing (advisory)."""
    return arrangement_advisories(site.calendar, site.today, site.config.calendar_dir)
