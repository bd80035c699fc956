"""The statutory clocks of one 依申请公开 request (《政府信息公开条例》第三十条至第三十四条).

Counting rules (docs/requests.md states them for 综合处; tests/test_requests_clock.py holds them):

* Working days follow the State Council's notice (``core.workdays``); the first day is not
  counted, so "20 working days from D" is the 20th working day after D.
* **start** is ``received`` (Art. 31's day of receipt) or, when a 补正 was requested, the day the
  corrected request arrived (Art. 30). While it has not arrived there is no start and no due date.
* **excluded days** (Art. 32/34, not counted under Art. 33): for each consultation, the working
  days after ``sent`` up to and including ``answered``; an unanswered one counts at most
  15 working days (the consulted party's own deadline), and only up to the reply or ``today``.
  Two consultations running at the same time exclude each day once; days before the start are
  not excluded (the clock was not running).
* **due** = start + 20 working days + excluded days, + the extension (at most 20) when it was
  approved by the GIO head *and* notified to the applicant no later than the due date it extends.
* A year without holiday data makes the due date unknown (``due`` None, ``unknown_year`` set):
  reported as an advisory, never guessed.
* **late_workdays**: working days after ``due`` up to and including the reply, or ``today``
  while there is no reply; 0 when on time.

Everything is computed *as of* ``today``: an event dated later (a reply, a correction, an answer)
has not happened yet on that day, so ``--today`` replays the register as it stood.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from ..workdays import CalendarYearMissing, WorkCalendar
from .model import Consultation, Request

REPLY_DAYS = 20  # Art. 33
EXTENSION_MAX = 20  # Art. 33
CORRECTION_DAYS = 7  # Art. 30
CONSULTATION_CAP = 15  # Art. 32 / 34: the consulted party answers within 15 working days


class RequestState(StrEnum):
    """The JSON contract's ``state`` values."""

    IN_PROGRESS = "办理中"
    REPLIED = "已答复"
    OVERDUE = "逾期未答复"
    REPLIED_LATE = "逾期答复"
    AWAITING_CORRECTION = "待补正"


# The rulebook's steps in order (综合处登记 → 转办 → 起草 → 分管领导审核 → 统一答复 → 归档).
STEPS = ("登记", "转办", "起草", "分管领导审核", "统一答复", "归档")


@dataclass(frozen=True)
class RequestClock:
    request: Request  # as of ``today`` (later events removed)
    today: dt.date
    start: dt.date | None
    excluded: int  # working days not counted (consultations)
    extension: int  # working days added by a valid extension
    due: dt.date | None
    state: RequestState
    late_workdays: int  # 0 when on time or not computable
    correction_due: dt.date | None  # last day for the 补正 notice (received + 7 working days)
    unknown_year: int | None = None  # the year without holiday data that stopped a computation

    @property
    def replied(self) -> dt.date | None:
        return self.request.replied

    @property
    def open(self) -> bool:
        return self.request.replied is None

    @property
    def step(self) -> str:
        """The last step done, e.g. ``分管领导审核``; 待补正 while the corrected request is awaited."""
        q = self.request
        done = [True, q.transferred is not None, q.drafted is not None, q.leader_review is not None,
                q.replied is not None, q.archived is not None]
        last = max(i for i, d in enumerate(done) if d)
        if self.state is RequestState.AWAITING_CORRECTION:
            return "待补正"
        if q.joint_review is not None and q.joint_review.conclusion is None and q.replied is None:
            return "会商"
        return STEPS[last]

    def to_json(self) -> dict[str, Any]:
        """One entry of ``zwgk requests list --format json`` (a contract: keys and meanings fixed)."""
        return {
            "id": self.request.id,
            "received": self.request.received.isoformat(),
            "start": _iso(self.start),
            "due": _iso(self.due),
            "replied": _iso(self.request.replied),
            "state": self.state.value,
            "late_workdays": self.late_workdays,
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def as_of(request: Request, today: dt.date) -> Request:
    """The record as it stood at the end of ``today``: events dated later have not happened."""
    def by(day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= today else None

    correction = request.correction
    if correction is not None and correction.received is not None and correction.received > today:
        correction = replace(correction, received=None)
    consultations = tuple(replace(c, answered=by(c.answered)) for c in request.consultations if c.sent <= today)
    extension = request.extension
    if extension is not None:
        extension = replace(extension, approved=by(extension.approved), notified=by(extension.notified))
    review = request.leader_review if request.leader_review and request.leader_review.date <= today else None
    replied = by(request.replied)
    return replace(
        request, correction=correction, consultations=consultations, extension=extension,
        transferred=by(request.transferred), drafted=by(request.drafted), leader_review=review,
        replied=replied, archived=by(request.archived), outcome=request.outcome if replied else None,
        appeals=tuple(a for a in request.appeals if a.filed <= today),
    )


def _excluded(calendar: WorkCalendar, start: dt.date, consultations: tuple[Consultation, ...],
              end: dt.date) -> int:
    """Working days after ``start`` covered by at least one consultation (see the module rules)."""
    days: set[dt.date] = set()
    for c in consultations:
        last = c.answered if c.answered is not None else end
        cap = None if c.answered is not None else CONSULTATION_CAP
        day, counted = c.sent, 0
        while day < last and (cap is None or counted < cap):
            day += dt.timedelta(days=1)
            if calendar.is_workday(day):
                counted += 1
                if day > start:
                    days.add(day)
    return len(days)


def extension_counts(request: Request, base_due: dt.date) -> bool:
    """Art. 33: approved by the GIO head and notified to the applicant, within the period it extends."""
    e = request.extension
    return (e is not None and e.approved is not None and e.notified is not None
            and e.approved <= base_due and e.notified <= base_due)


def compute(record: Request, calendar: WorkCalendar, today: dt.date) -> RequestClock:
    """The clock of ``record`` as of ``today``; never raises for a year without holiday data."""
    q = as_of(record, today)
    correction_due: dt.date | None = None
    start: dt.date | None = q.received
    if q.correction is not None:
        start = q.correction.received
    excluded = extension = 0
    due: dt.date | None = None
    unknown: int | None = None
    try:
        correction_due = calendar.add_workdays(q.received, CORRECTION_DAYS)
        if start is not None:
            excluded = _excluded(calendar, start, q.consultations, q.replied or today)
            due = calendar.add_workdays(start, REPLY_DAYS + excluded)
            if extension_counts(q, due) and q.extension is not None:
                extension = min(q.extension.days, EXTENSION_MAX)
                due = calendar.add_workdays(due, extension)
    except CalendarYearMissing as exc:
        unknown, due = exc.year, None

    end = q.replied or today
    late = 0
    if due is not None and end > due:
        try:
            late = calendar.workdays_between(due, end)
        except CalendarYearMissing as exc:
            unknown = exc.year  # overdue for certain; by how many working days is unknown
    if start is None and q.replied is None:
        state = RequestState.AWAITING_CORRECTION
    elif q.replied is not None:
        state = RequestState.REPLIED_LATE if due is not None and q.replied > due else RequestState.REPLIED
    else:
        state = RequestState.OVERDUE if due is not None and today > due else RequestState.IN_PROGRESS
    return RequestClock(q, today, start, excluded, extension, due, state, late, correction_due, unknown)


def clocks(requests: list[Request], calendar: WorkCalendar, today: dt.date) -> list[RequestClock]:
    """Clocks of the requests received on or before ``today`` (later ones do not exist yet)."""
    return [compute(q, calendar, today) for q in requests if q.received <= today]
