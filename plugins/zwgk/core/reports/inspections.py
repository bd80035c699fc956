"""Monthly 督查: which divisions sent their month's checks to 综合处 by the due date (the 29th, or the
preceding working day), which sent late, and which have not yet (before or after the due date)."""

from __future__ import annotations

import datetime as dt

from ..clocks.settings import settings_for
from ..inspections import INSPECTIONS_DIR, load_inspections, required_divisions
from ..model import Site
from .common import Entry, Metric, report_due

METRICS: tuple[Metric, ...] = (
    Metric("inspection_submitted", "处室督查情况已报送", "份", "发现问题（个）"),
    Metric("inspection_missing", "处室督查情况逾期未报或逾期报送", "份", "逾期天数"),
    Metric("inspection_pending", "处室督查情况尚未报送（未到截止日）", "份"),
)


def entries(view: Site, first: dt.date) -> list[Entry]:
    due = report_due(view.calendar, first.year, first.month, settings_for(view).report_day).due
    subs = {s.division: s for s in load_inspections(view)[0] if (s.year, s.month) == (first.year, first.month)}
    required, _problems = required_divisions(view)  # problems are zwgk check's (config.value)
    out: list[Entry] = []
    for division in dict.fromkeys([*required, *subs]):
        sub = subs.get(division)
        rel = f"{INSPECTIONS_DIR}/{first.year:04d}-{first.month:02d}/{division}.yml"
        title = f"{division} {first.year}年{first.month}月督查情况"
        if sub is not None and sub.submitted <= view.today:
            targets = "、".join(c.target for c in sub.checks)
            text = f"{sub.submitted} 报送（截止 {due}）；检查 {targets}；发现问题 {sub.problem_count} 个"
            out.append(Entry("inspection_submitted", rel, title, (division,), date=sub.submitted, detail=text,
                             value=float(sub.problem_count)))
            if sub.submitted > due:
                late = (sub.submitted - due).days
                out.append(Entry("inspection_missing", rel, title, (division,), date=sub.submitted,
                                 detail=f"{sub.submitted} 才报送，截止 {due}，逾期 {late} 天", value=float(late)))
        elif view.today > due:
            late = (view.today - due).days
            out.append(Entry("inspection_missing", rel, title, (division,),
                             detail=f"截止 {due}，至 {view.today} 未报送（逾期 {late} 天）", value=float(late)))
        else:
            out.append(Entry("inspection_pending", rel, title, (division,), detail=f"截止 {due}，尚未报送"))
    return out
