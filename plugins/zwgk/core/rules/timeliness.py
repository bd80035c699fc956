"""主动公开 timeliness: published within N working days of 形成或变更 (same day when urgent),
with the Regulation's 20 working days as the outer bound (computed in :mod:`zwgk.core.clocks.deadline`)."""

from __future__ import annotations

from ..clocks.deadline import deadline, late_reason
from ..findings import Finding, finding
from ..model import Site
from ..workdays import arrangement_advisories


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
        if late_reason(site, item):
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
