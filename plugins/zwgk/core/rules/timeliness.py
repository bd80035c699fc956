"""主动公开 timeliness: published within N working days of 形成或变更 (same day when urgent),
with the Regulation's 20 working days as the outer bound."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..calendar import CalendarYearMissing
from ..findings import Finding, finding
from ..model import Item, Site
from . import register


@dataclass(frozen=True)
class Deadline:
    formed: dt.date | None
    due: dt.date | None
    published: dt.date | None
    late_workdays: int | None
    legal_due: dt.date | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "formed": self.formed.isoformat() if self.formed else None,
            "due": self.due.isoformat() if self.due else None,
            "published": self.published.isoformat() if self.published else None,
            "late_workdays": self.late_workdays,
        }


def deadline(site: Site, item: Item) -> Deadline:
    cfg = site.config
    if item.formed is None:
        return Deadline(None, None, item.published, None)
    n = cfg.urgent_workdays if item.urgent else cfg.timeliness_workdays
    try:
        due = site.calendar.add_workdays(item.formed, n)
        legal = site.calendar.add_workdays(item.formed, cfg.legal_workdays)
        late = site.calendar.workdays_between(due, item.published) if item.published else None
    except CalendarYearMissing as exc:
        return Deadline(item.formed, None, item.published, None, error=str(exc))
    return Deadline(item.formed, due, item.published, late, legal)


@register
def timeliness(site: Site) -> list[Finding]:
    out: list[Finding] = []
    sev = site.config.timeliness_severity
    for item in site.items:
        if item.draft or item.published is None:
            continue
        d = deadline(site, item)
        if d.error:
            out.append(finding("calendar.year_missing", item.path, d.error, "节假日安排录入后重新检查", field="formed"))
            continue
        if not d.late_workdays or d.due is None:
            continue
        record = site.reviews.get(item.path)
        if record is not None and str(record.data.get("late_reason") or "").strip():
            continue  # lateness acknowledged by 综合处 with a reason; the monthly report still counts it
        limit = "当日" if item.urgent else f"{site.config.timeliness_workdays} 个工作日内"
        rule, severity = "timeliness.late", sev
        if d.legal_due and item.published and item.published > d.legal_due:
            rule = "timeliness.legal"
        out.append(finding(
            rule, item.path,
            f"逾期发布：信息形成于 {item.formed}，应在 {d.due} 前（{limit}）发布，实际 {item.published}，"
            f"晚了 {d.late_workdays} 个工作日" + (f"，已超过《政府信息公开条例》规定的 {site.config.legal_workdays} 个工作日" if rule == "timeliness.legal" else ""),
            "信息仍应发布；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入逾期",
            field="published", severity=severity))
    return out
