"""The annual 考核: each division's score under the 考核责任分解表, and 评先评优 eligibility.

Score = base − Σ weight × count, never below 0, per division:

- notices in the year from ``governance/notices.yml``: ``notice_higher`` per item of a 国家级 or
  省级 notice (−1 by default), ``notice_city`` per 市级 item, ``unrectified`` per item not
  rectified by ``as_of``. A provincial-or-higher notice also costs the division and its
  responsible person (考核责任分解表) their 评先评优 eligibility for the year.
- the year's own record, evaluated like the monthly report: ``late_item`` (逾期发布),
  ``no_interpretation`` (policies published in the year without a public interpretation),
  ``consultation_overdue`` (采纳情况 due in the year and not published by its due date),
  ``response_late`` (responses published in the year with a late or missing clock),
  ``stale_column_month`` / ``blank_column_month`` (a column stale/blank at a month end — or on
  ``as_of`` for the running month — counted for its 牵头处室, the first listed division).

``as_of = min(today, 12-31)``: an assessment of the running year is "so far".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..assessment_registers import HIGHER_LEVELS, WEIGHTS, AssessmentTable, Notice
from ..clocks import consultation as cons
from ..clocks.months import last_day, period_label
from ..clocks.response import response_clock
from ..clocks.settings import ClockSettings, format_duration, settings_for
from ..clocks.staleness import column_states
from ..model import Site
from .common import Entry, Metric, as_of_site, counted, item_entry, select, timeliness

METRICS: tuple[Metric, ...] = tuple(Metric(k, label.split("（")[0], value_label="") for k, (label, _) in WEIGHTS.items())


@dataclass(frozen=True)
class Deduction:
    key: str
    label: str
    count: int
    weight: float

    @property
    def points(self) -> float:
        return round(self.count * self.weight, 2)


@dataclass(frozen=True)
class DivisionScore:
    division: str
    responsible: str
    base: float
    deductions: tuple[Deduction, ...]
    disqualifying: tuple[Notice, ...]  # 国家级/省级 notices: no 评先评优 this year

    @property
    def total_deduction(self) -> float:
        return round(sum(d.points for d in self.deductions), 2)

    @property
    def score(self) -> float:
        return max(0.0, round(self.base - self.total_deduction, 2))

    @property
    def eligible(self) -> bool:
        return not self.disqualifying


@dataclass(frozen=True)
class AssessmentReport:
    year: int
    today: dt.date
    as_of: dt.date
    org: str
    table: AssessmentTable
    rows: tuple[DivisionScore, ...]
    notices: tuple[Notice, ...]
    entries: tuple[Entry, ...]
    notes: tuple[str, ...]
    notices_file: str
    metrics: tuple[Metric, ...] = METRICS

    @property
    def title(self) -> str:
        return f"{self.year}年度政务公开工作考核"

    @property
    def slug(self) -> str:
        return f"assessment-{self.year:04d}"

    @property
    def divisions(self) -> tuple[str, ...]:
        return tuple(r.division for r in self.rows)

    def select(self, metric: str, *, division: str | None = None, column: str | None = None) -> list[Entry]:
        return select(self.entries, metric, division=division, column=column)


class YearNotStarted(ValueError):
    """The year lies entirely after today."""


def build_assessment(site: Site, year: int, notices: list[Notice], table: AssessmentTable) -> AssessmentReport:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if site.today < first:
        raise YearNotStarted(f"{year} 年尚未开始（今天是 {site.today}），无法生成年度考核")
    as_of = min(site.today, last)
    view = as_of_site(site, as_of)
    settings = settings_for(site)
    entries: list[Entry] = []
    notes: list[str] = []
    if as_of < last:
        notes.append(f"本年度尚未结束：统计截至 {as_of}。")
    if not table.found:
        notes.append(f"未找到考核责任分解表 {table.path}：按默认基础分 {table.base:g} 计分，只扣国家级、省级通报问题。")
    year_notices = [n for n in notices if first <= n.date <= as_of]
    entries += _notice_entries(year_notices, settings.notices_file, as_of)
    entries += _record_entries(view, settings, first, as_of, notes)
    entries += _column_entries(site, settings, year, as_of)
    names = list(site.divisions) + sorted({d for e in entries for d in e.divisions} - set(site.divisions))
    rows: list[DivisionScore] = []
    for name in names:
        row = table.row(name)
        deductions = tuple(Deduction(k, label, len(select(entries, k, division=name)), table.weights.get(k, 0.0))
                           for k, (label, _) in WEIGHTS.items())
        disq = tuple(n for n in year_notices if n.division == name and n.level in HIGHER_LEVELS)
        rows.append(DivisionScore(name, row.responsible, row.base, deductions, disq))
    return AssessmentReport(year, site.today, as_of, site.config.publisher, table, tuple(rows), tuple(year_notices),
                            tuple(entries), tuple(notes), settings.notices_file)


def _notice_entries(notices: list[Notice], path: str, as_of: dt.date) -> list[Entry]:
    out: list[Entry] = []
    for n in notices:
        doc = f"（{n.doc_no}）" if n.doc_no else ""
        text = f"{n.level} {n.issuer}{doc}：{n.finding}"
        key = "notice_higher" if n.level in HIGHER_LEVELS else "notice_city"
        entry = Entry(key, path, text, (n.division,), index_no=n.item, date=n.date,
                      location=f"notices -> [{n.position}]")
        if n.rectified_by(as_of):
            out.append(replace(entry, detail=f"已于 {n.rectified_on} 整改"))
        else:
            out.append(replace(entry, detail="未整改"))
            out.append(replace(entry, metric="unrectified", detail=f"通报于 {n.date}，截至 {as_of} 未整改"))
    return out


def _record_entries(view: Site, settings: ClockSettings, first: dt.date, as_of: dt.date, notes: list[str]) -> list[Entry]:
    out: list[Entry] = []
    index = cons.outcomes_by_consultation(view)
    for item in sorted(view.items, key=lambda i: i.path):
        if not counted(item) or not item.is_public(as_of) or item.published is None:
            continue
        in_year = first <= item.published <= as_of
        if in_year:
            t = timeliness(view, item)
            if t.state == "late":
                out.append(item_entry("late_item", item, t.detail, float(t.deadline.late_workdays or 0)))
            if t.deadline.error and t.deadline.error not in notes:
                notes.append(t.deadline.error)
        if in_year and item.kind == "policy":
            interp = view.interpretation_for(item)
            if interp is None or interp.material is None or not interp.material.is_public(as_of):
                out.append(item_entry("no_interpretation", item, f"发布于 {item.published}，截至 {as_of} 没有公开的政策解读"))
        if item.kind == "consultation":
            st = cons.consultation_status(view, item, outcomes=index)
            if st.due is not None and first <= st.due <= as_of and (st.overdue or st.late_days):
                how = (f"逾期 {st.late_days} 天公布（{st.outcome.published}）" if st.outcome is not None and st.outcome.published
                       else f"截至 {as_of} 未公布，已逾期 {st.overdue_days} 天")
                out.append(item_entry("consultation_overdue", item, f"采纳情况应于 {st.due} 前公布，{how}",
                                      float(st.late_days or st.overdue_days)))
        if in_year and item.kind == "response":
            clock = response_clock(view, item, settings)
            parts = [f"{c.label}超时 {format_duration(c.late_by)}" for c in clock.late() if c.late_by is not None]
            parts += [f"未记录{c.label}" for c in clock.missing(as_of)]
            if parts:
                out.append(item_entry("response_late", item, "；".join(parts)))
    return out


def snapshot_days(year: int, as_of: dt.date) -> list[dt.date]:
    """Month ends of the year up to ``as_of``, plus ``as_of`` itself for a running month."""
    days = [dt.date(year, m, last_day(year, m)) for m in range(1, 13)]
    out = [d for d in days if d <= as_of]
    if as_of.year == year and (not out or out[-1] != as_of):
        out.append(as_of)
    return out


def _column_entries(site: Site, settings: ClockSettings, year: int, as_of: dt.date) -> list[Entry]:
    out: list[Entry] = []
    docs = site.config.docs_dir
    for day in snapshot_days(year, as_of):
        label = f"{day.month}月" + ("末" if day == dt.date(day.year, day.month, last_day(day.year, day.month)) else f"{day.day}日")
        for st in column_states(as_of_site(site, day), settings):
            col = st.column
            lead = (col.divisions[0],) if col.divisions else ("（未填写处室）",)
            if st.blank:
                out.append(Entry("blank_column_month", f"{docs}/{col.slug}", col.name, lead, col.slug, date=day,
                                 detail=f"{label}为空白栏目"))
            elif st.stale and st.newest is not None:
                out.append(Entry("stale_column_month", f"{docs}/{col.slug}", col.name, lead, col.slug, date=day,
                                 detail=f"{label}未更新（更新周期 {period_label(col.update_period)}，"
                                        f"最近更新 {st.newest.published}，应于 {st.due} 前更新）",
                                 value=float(st.overdue_days)))
    return out
