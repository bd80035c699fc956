"""Monthly 督查: the 舆情 register (zwgk.core.sentiment) — what surfaced in the month, and every clock
missed or still open on ``as_of``, whether or not a public 回应关切 page exists."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..clocks.settings import format_dt, format_duration, hours, settings_for
from ..model import Site
from ..sentiment import load_sentiments
from .common import Entry, Metric

METRICS: tuple[Metric, ...] = (
    Metric("sentiment_registered", "舆情登记（本月出现）", "件"),
    Metric("sentiment_late", "舆情回应超时、缺项或未到期（登记簿）", "件", "最长超时（小时）"),
)


def entries(view: Site, first: dt.date, last: dt.date) -> list[Entry]:
    settings = settings_for(view)
    out: list[Entry] = []
    records, _problems = load_sentiments(view)  # problems are zwgk check's (sentiment.*)
    for s in records:
        day = s.surfaced.date()
        if day > view.today:
            continue
        base = Entry("sentiment_registered", s.path, s.summary, (s.division,), date=day, location=s.id)
        steps = "已回应" if s.responded is not None else "未回应"
        if first <= day <= last:
            out.append(replace(base, detail=f"{s.level}；{format_dt(s.surfaced)} 出现于{s.where}；{steps}"))
        parts: list[str] = []
        worst = 0.0
        clock = s.clock(settings)
        for check in clock.checks:
            if check.late_by is not None and first <= day <= last:
                parts.append(f"{check.label}超时 {format_duration(check.late_by)}（时限 {check.limit_hours} 小时）")
                worst = max(worst, hours(check.late_by))
            elif check.missing(view.today):
                parts.append(f"应于 {format_dt(check.due)} 前{check.label}，未记录")
            elif check.done is None:
                parts.append(f"尚未{check.label}，时限 {format_dt(check.due)}")
        if parts:
            out.append(Entry("sentiment_late", s.path, s.summary, (s.division,), date=day,
                             detail=f"{s.level}：" + "；".join(parts), value=worst or None, location=s.id))
    return out
