"""The monthly 督查's 依申请公开 section: figures from the register, one Entry per request counted.

Entries are counted for the request's 承办处室 (``（未转办）`` before it is handed on), so the
report's per-division table and the 明细 work for them as for every other figure. Clocks are
evaluated as of the report's day (the month's last day, or today while the month runs).
"""

from __future__ import annotations

import datetime as dt

from ..model import Site
from ..requests.clock import RequestClock, RequestState, clocks
from ..requests.register import load_register
from ..workdays import CalendarYearMissing
from .common import Entry, Metric

DUE_SOON = 5  # working days: the "due within 5 working days"
UNASSIGNED = "（未转办）"

REQUEST_METRICS: tuple[Metric, ...] = (
    Metric("req_received", "依申请公开：本月收到", "件"),
    Metric("req_open", "依申请公开：办理中（含待补正）", "件"),
    Metric("req_due_soon", f"依申请公开：{DUE_SOON} 个工作日内到期", "件", "剩余工作日"),
    Metric("req_overdue", "依申请公开：逾期未答复", "件", "逾期工作日"),
    Metric("req_replied", "依申请公开：本月答复", "件"),
    Metric("req_replied_late", "依申请公开：本月逾期答复", "件", "逾期工作日"),
)


def _entry(metric: str, c: RequestClock, detail: str, day: dt.date | None, value: float | None = None) -> Entry:
    q = c.request
    title = f"申请 {q.id}" + (f"：{q.subject}" if q.subject else "")
    return Entry(metric, q.path, title, (q.division or UNASSIGNED,), date=day, detail=detail, value=value,
                 index_no=q.id)


def _state(c: RequestClock) -> str:
    due = f"，答复期限 {c.due}" if c.due else ("，答复期限暂时无法计算（缺少节假日安排）" if c.unknown_year else "")
    return f"{c.state.value}（当前步骤：{c.step}{due}）"


def request_entries(site: Site, first: dt.date, last: dt.date, as_of: dt.date) -> tuple[list[Entry], list[str]]:
    """(entries, notes) of the section for the month ``first``–``last`` seen on ``as_of``."""
    requests, problems = load_register(site)
    notes: list[str] = []
    if any(p.is_error for p in problems):
        notes.append(f"依申请公开登记簿有 {sum(p.is_error for p in problems)} 个错误，相关申请可能未计入：运行 zwgk check 查看")
    out: list[Entry] = []
    for c in clocks(requests, site.calendar, as_of):
        q = c.request
        if first <= q.received <= last:
            out.append(_entry("req_received", c, f"{q.channel}，{q.applicant_type}；{_state(c)}", q.received))
        if c.state in (RequestState.IN_PROGRESS, RequestState.AWAITING_CORRECTION):
            out.append(_entry("req_open", c, _state(c), c.due))
            if c.state is RequestState.IN_PROGRESS and c.due is not None:
                try:
                    left = site.calendar.workdays_between(as_of, c.due)
                except CalendarYearMissing:
                    left = None
                if left is not None and left <= DUE_SOON:
                    out.append(_entry("req_due_soon", c, _state(c), c.due, float(left)))
        if c.state is RequestState.OVERDUE:
            out.append(_entry("req_overdue", c, "致综合处：已过答复期限仍未答复，" + _state(c), c.due,
                              float(c.late_workdays)))
        if q.replied is not None and first <= q.replied <= last:
            out.append(_entry("req_replied", c, _state(c), q.replied))
            if c.state is RequestState.REPLIED_LATE:
                out.append(_entry("req_replied_late", c, f"{q.replied} 答复，期限 {c.due}", q.replied,
                                  float(c.late_workdays)))
        if c.unknown_year is not None:
            note = f"缺少 {c.unknown_year} 年的节假日安排，部分依申请公开的答复期限暂时无法计算"
            if note not in notes:
                notes.append(note)
    return out, notes
