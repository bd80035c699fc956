"""The monthly 督查 report: what each division and column did in a month, and what is overdue.

Point in time: every clock is evaluated on ``as_of = min(today, last day of the month)`` — a
report for a past month is the month-end snapshot, the current month's report is "so far".
Items published in the month but after ``as_of`` are 定时发布 (scheduled): counted, not public.
Standing problems (policies without interpretation, consultations past due, stale and blank
columns) are listed whenever they exist on ``as_of``, whatever month they started in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..clocks import consultation as cons
from ..clocks.annual import annual_notes
from ..clocks.months import month_bounds, period_label
from ..clocks.response import response_clock
from ..clocks.settings import ClockSettings, format_duration, hours, settings_for
from ..clocks.staleness import VetoRisk, inspection
from ..interpretation_scope import requires_interpretation
from ..model import Site
from ..workdays import arrangement_notes
from . import fidelity
from .common import Entry, Metric, ReportDue, as_of_site, counted, item_entry, report_due, select, timeliness
from .requests import REQUEST_METRICS, request_entries
from .urgent import urgent_entries

METRICS: tuple[Metric, ...] = (
    Metric("published", "本月发布"),
    Metric("on_time", "按时发布"),
    Metric("late", "逾期发布", value_label="逾期工作日"),
    Metric("undetermined", "无法判断时限"),
    Metric("scheduled", "定时发布（尚未公开）"),
    Metric("no_interpretation", "应解读未解读", "件"),  # scope: zwgk.core.interpretation_scope
    Metric("consultation_overdue", "征集结果逾期未公布", "件", "逾期天数"),
    Metric("outcome_late", "采纳情况逾期公布", "件", "逾期天数"),
    Metric("response_late", "舆情回应超时或缺项", "件", "最长超时（小时）"),
    Metric("stale", "栏目未更新", "个", "超期天数"),
    Metric("long_stale", "栏目长期未更新", "个", "超期天数"),
    Metric("blank", "空白栏目", "个"),
    Metric("urgent", "重要紧急事项", value_label="审查用时（工作日）"),
    *fidelity.METRICS,  # 公开属性, 免于解读 (issue 16)
)
TIMELINESS = ("on_time", "late", "undetermined", "scheduled")  # the chart's stacked segments


@dataclass(frozen=True)
class ColumnRow:
    slug: str
    name: str
    divisions: tuple[str, ...]
    period: str
    newest: dt.date | None
    newest_path: str
    due: dt.date | None
    state: str
    overdue_days: int


@dataclass(frozen=True)
class RiskRow:
    metric: str  # stale | long_stale | blank (anchor of the columns behind it)
    label: str
    count: int
    threshold: int


@dataclass(frozen=True)
class MonthlyReport:
    year: int
    month: int
    today: dt.date
    as_of: dt.date
    org: str
    due: ReportDue
    divisions: tuple[str, ...]
    columns: tuple[ColumnRow, ...]
    entries: tuple[Entry, ...]
    risks: tuple[RiskRow, ...]
    notes: tuple[str, ...]
    veto_lines: tuple[tuple[str, int], ...] = ()  # (label, threshold) as configured
    metrics: tuple[Metric, ...] = METRICS
    request_metrics: tuple[Metric, ...] = REQUEST_METRICS  # the 依申请公开 section (reports/requests.py)

    @property
    def title(self) -> str:
        return f"{self.year}年{self.month}月政务公开督查月报"

    @property
    def slug(self) -> str:
        return f"monthly-{self.year:04d}-{self.month:02d}"

    def select(self, metric: str, *, division: str | None = None, column: str | None = None) -> list[Entry]:
        return select(self.entries, metric, division=division, column=column)

    def count(self, metric: str, *, division: str | None = None, column: str | None = None) -> int:
        return len(self.select(metric, division=division, column=column))


class MonthNotStarted(ValueError):
    """The month lies entirely after today: there is nothing to report yet."""


def build_monthly(site: Site, year: int, month: int) -> MonthlyReport:
    first, last = month_bounds(year, month)
    if site.today < first:
        raise MonthNotStarted(f"{year}年{month}月尚未开始（今天是 {site.today}），无法生成督查月报")
    as_of = min(site.today, last)
    view = as_of_site(site, as_of)
    settings = settings_for(site)
    entries: list[Entry] = []
    notes: list[str] = []
    in_month = [i for i in site.items if counted(i) and i.published is not None and first <= i.published <= last]
    for item in sorted(in_month, key=lambda i: (i.published or first, i.path)):
        if not item.is_public(as_of):
            entries.append(item_entry("scheduled", item, f"定于 {item.published} 发布"))
            continue
        t = timeliness(view, item)
        entries.append(item_entry("published", item, t.detail))
        value = float(t.deadline.late_workdays) if t.state == "late" and t.deadline.late_workdays else None
        entries.append(item_entry(t.state, item, t.detail, value))
        if t.deadline.error and t.deadline.error not in notes:
            notes.append(t.deadline.error)
    entries += _no_interpretation(view)
    entries += urgent_entries(view, in_month)
    entries += fidelity.entries(view, first, last)
    entries += _consultations(view, settings, first, last)
    entries += _responses(view, settings, first, last)
    columns, column_entries, risks = _columns(view, settings)
    entries += column_entries
    request_found, request_notes = request_entries(site, first, last, as_of)  # 依申请公开 register
    entries += request_found
    notes += request_notes
    if as_of < last:
        notes.insert(0, f"本月尚未结束：统计截至 {as_of}。")
    # Year end: 综合处 must enter next year's holidays (zwgk.core.workdays.arrangement_notes).
    notes += arrangement_notes(site.calendar, site.today, site.config.calendar_dir)
    notes += annual_notes(site)  # the 年报's 1月31日 clock (zwgk.core.clocks.annual)
    due = report_due(site.calendar, year, month, settings.report_day)
    registered = list(site.divisions)
    extra = sorted({d for e in entries for d in e.divisions} - set(registered))
    lines = (("未更新栏目", settings.veto_stale), ("长期未更新栏目", settings.veto_long_stale),
             ("空白栏目", settings.veto_blank))
    return MonthlyReport(year, month, site.today, as_of, site.config.publisher, due, (*registered, *extra),
                         tuple(columns), tuple(entries), tuple(risks), tuple(notes), lines)


def _no_interpretation(view: Site) -> list[Entry]:
    out: list[Entry] = []
    for item in sorted(view.public_items(), key=lambda i: i.path):
        if not requires_interpretation(view, item):
            continue
        interp = view.interpretation_for(item)
        if interp is None or interp.material is None:
            out.append(item_entry("no_interpretation", item, f"发布于 {item.published}，没有政策解读"))
        elif not interp.material.is_public(view.today):
            out.append(item_entry("no_interpretation", item,
                                  f"发布于 {item.published}，解读材料 {interp.material.path} 尚未发布"))
    return out


def _consultations(view: Site, settings: ClockSettings, first: dt.date, last: dt.date) -> list[Entry]:
    index = cons.outcomes_by_consultation(view)
    by_index = view.by_index()
    out: list[Entry] = []
    for item in sorted(view.public_items(), key=lambda i: i.path):
        if item.kind == "consultation":
            st = cons.consultation_status(view, item, outcomes=index)
            if st.state is cons.ConsultationState.AWAITING and st.overdue:
                planned = (f"；已安排于 {st.scheduled_outcome.published} 发布" if st.scheduled_outcome else "")
                out.append(item_entry("consultation_overdue", item,
                                      f"征集 {st.closes} 截止，采纳情况应于 {st.due} 前公布，已逾期 {st.overdue_days} 天{planned}",
                                      float(st.overdue_days)))
        elif item.kind == "outcome" and item.published and first <= item.published <= last:
            target = by_index.get(cons.linked_consultation(item))
            closes = cons.period(target)[1] if target is not None and target.kind == "consultation" else None
            if closes is None:
                continue
            due = cons.outcome_due(closes, settings)
            if item.published > due:
                late = (item.published - due).days
                out.append(item_entry("outcome_late", item, f"征集 {closes} 截止，应于 {due} 前公布，实际 {item.published}，"
                                                            f"晚了 {late} 天", float(late)))
    return out


def _responses(view: Site, settings: ClockSettings, first: dt.date, last: dt.date) -> list[Entry]:
    out: list[Entry] = []
    for item in sorted(view.public_items(), key=lambda i: i.path):
        if item.kind != "response" or item.published is None or not first <= item.published <= last:
            continue
        clock = response_clock(view, item, settings)
        parts: list[str] = []
        worst = 0.0
        for check in clock.late():
            assert check.late_by is not None
            parts.append(f"{check.label}超时 {format_duration(check.late_by)}（时限 {check.limit_hours} 小时）")
            worst = max(worst, hours(check.late_by))
        parts += [f"未记录{check.label}（时限 {check.limit_hours} 小时）" for check in clock.missing(view.today)]
        if parts:
            out.append(item_entry("response_late", item, f"{clock.level}：" + "；".join(parts), worst or None))
    return out


def _columns(view: Site, settings: ClockSettings) -> tuple[list[ColumnRow], list[Entry], list[RiskRow]]:
    result = inspection(view, settings)
    docs = view.config.docs_dir
    rows: list[ColumnRow] = []
    entries: list[Entry] = []
    for st in result.states:
        col = st.column
        newest = st.newest.published if st.newest else None
        rows.append(ColumnRow(col.slug, col.name, col.divisions, period_label(col.update_period), newest,
                              st.newest.path if st.newest else "", st.due, st.state, st.overdue_days))
        base = Entry("blank", f"{docs}/{col.slug}", col.name, col.divisions or ("（未填写处室）",), col.slug, date=newest)
        if st.blank:
            entries.append(replace(base, detail="没有任何公开信息"))
        if st.stale and st.newest is not None:
            text = (f"更新周期 {period_label(col.update_period)}，最近更新 {newest}（{st.newest.path}），"
                    f"应于 {st.due} 前更新，已超过 {st.overdue_days} 天")
            entries.append(replace(base, metric="stale", detail=text, value=float(st.overdue_days)))
            if st.long_stale:
                entries.append(replace(base, metric="long_stale", detail=text + f"（{st.long_due} 起为长期未更新）",
                                       value=float(st.overdue_days)))
    risks = [_risk(r) for r in result.risks]
    return rows, entries, risks


def _risk(r: VetoRisk) -> RiskRow:
    return RiskRow(r.key, r.label, r.count, r.threshold)


def timeliness_by_division(report: MonthlyReport) -> list[tuple[str, dict[str, int]]]:
    """(division, {on_time, late, undetermined, scheduled}) for the chart."""
    return [(d, {m: report.count(m, division=d) for m in TIMELINESS}) for d in report.divisions]
