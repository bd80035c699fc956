"""``zwgk requests list`` layouts: the --due-within filter, the text table and the XLSX sheet."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import Any

from ..workdays import CalendarYearMissing, WorkCalendar
from .clock import RequestClock, RequestState

HEAD = ("编号", "收到申请", "起算日", "答复期限", "答复日期", "状态", "逾期工作日", "当前步骤", "承办处室")


def due_within(rows: Sequence[RequestClock], calendar: WorkCalendar, n: int) -> list[RequestClock]:
    """Unanswered requests whose due date is at most ``n`` working days after today, overdue ones
    included (they are the most urgent). A request without a due date (待补正, or a year without
    holiday data) is not listed: nothing is due yet that can be named."""
    out: list[RequestClock] = []
    for c in rows:
        if not c.open or c.due is None:
            continue
        try:
            if c.due <= c.today or calendar.workdays_between(c.today, c.due) <= n:
                out.append(c)
        except CalendarYearMissing:
            continue
    return out


def cells(c: RequestClock) -> list[Any]:
    q = c.request
    return [q.id, q.received, c.start, c.due, q.replied, c.state.value, c.late_workdays, c.step, q.division or ""]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(rows: Sequence[RequestClock], today: dt.date) -> str:
    """A fixed-width table for the terminal, widths counted in display columns (CJK = 2)."""
    if not rows:
        return f"截至 {today}，登记簿中没有符合条件的申请。"
    table = [list(HEAD)] + [["—" if v is None else str(v) for v in cells(c)] for c in rows]
    widths = [max(_width(r[i]) for r in table) for i in range(len(HEAD))]
    lines = ["  ".join(v + " " * (w - _width(v)) for v, w in zip(r, widths, strict=True)).rstrip() for r in table]
    overdue = sum(1 for c in rows if c.state is RequestState.OVERDUE)
    lines.append(f"截至 {today}：共 {len(rows)} 件，逾期未答复 {overdue} 件。")
    return "\n".join(lines)


def workbook(rows: Sequence[RequestClock], today: dt.date, org: str) -> bytes:
    from openpyxl import Workbook

    from ..reports.xlsx import RED, _fit, _header, _put, workbook_bytes

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "依申请公开"
    _header(ws, 1, HEAD)
    for r, c in enumerate(rows, start=2):
        for col, value in enumerate(cells(c), start=1):
            _put(ws, r, col, value)
        if c.state in (RequestState.OVERDUE, RequestState.REPLIED_LATE):
            ws.cell(row=r, column=6).font = RED
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:I{max(len(rows) + 1, 1)}"
    _fit(ws)
    return workbook_bytes(wb, today, f"{org} 依申请公开登记簿（截至 {today}，内部材料）")
