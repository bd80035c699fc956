"""舆情回应 clocks, in hours of Beijing wall time (holidays and nights do not stop them).

Sources: 国务院办公厅《关于在政务公开工作中进一步做好政务舆情回应的通知》(国办发〔2016〕61号):
一般舆情 48 小时内回应, 特别重大、重大突发事件最迟 24 小时内举行新闻发布会; the 5-hour limit for
authoritative information on such events is 《〈关于全面推进政务公开工作的意见〉实施细则》
(国办发〔2016〕80号), not 61号. The hour limits are configurable (``clocks:``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Item, Site
from ..schema import RESPONSE_LEVELS
from .settings import ClockSettings, settings_for, to_shanghai

LEVELS = RESPONSE_LEVELS
MAJOR = ("重大", "特别重大")


@dataclass(frozen=True)
class ClockCheck:
    """One deadline of a response: due time, when it was met (if recorded), how late."""

    key: str  # response | authoritative | press_conference (the front-matter field is in ``field``)
    label: str
    field: str
    limit_hours: int
    due: dt.datetime
    done: dt.datetime | None

    @property
    def late_by(self) -> dt.timedelta | None:
        if self.done is None or self.done <= self.due:
            return None
        return self.done - self.due

    def missing(self, today: dt.date) -> bool:
        """Not recorded and the deadline lay before ``today`` began (same-day deadlines may still be met)."""
        return self.done is None and self.due.date() < today


@dataclass(frozen=True)
class ResponseClock:
    level: str
    surfaced: dt.datetime | None
    checks: tuple[ClockCheck, ...] = ()

    def late(self) -> list[ClockCheck]:
        return [c for c in self.checks if c.late_by is not None]

    def missing(self, today: dt.date) -> list[ClockCheck]:
        return [c for c in self.checks if c.missing(today)]


def press_conference(item: Item) -> Mapping[str, object]:
    value = item.meta.get("press_conference")
    return value if isinstance(value, Mapping) else {}


def response_clock(site: Site, item: Item, settings: ClockSettings | None = None) -> ResponseClock:
    """Deadlines of a ``kind: response`` item; an unreadable ``surfaced_at`` yields no checks
    (the schema rule already names the field)."""
    return clock_for(settings or settings_for(site), str(item.meta.get("level") or "一般"),
                     to_shanghai(item.meta.get("surfaced_at")), to_shanghai(item.meta.get("responded_at")),
                     to_shanghai(item.meta.get("authoritative_at")), to_shanghai(press_conference(item).get("at")),
                     fields=("responded_at", "authoritative_at", "press_conference -> at"))


def clock_for(s: ClockSettings, level: str, surfaced: dt.datetime | None, responded: dt.datetime | None,
              authoritative: dt.datetime | None, press: dt.datetime | None, *,
              fields: tuple[str, str, str]) -> ResponseClock:
    """The one 48 h / 5 h / 24 h clock, for a public 回应关切 item and for the internal 舆情 register
    (zwgk.core.sentiment) alike; ``fields`` names where each time is recorded, for the findings."""
    if surfaced is None:
        return ResponseClock(level, None)
    checks = [ClockCheck("response", "回应", fields[0], s.response_hours,
                         surfaced + dt.timedelta(hours=s.response_hours), responded)]
    if level in MAJOR:
        checks.append(ClockCheck("authoritative", "发布权威信息", fields[1], s.authoritative_hours,
                                 surfaced + dt.timedelta(hours=s.authoritative_hours), authoritative))
        checks.append(ClockCheck("press_conference", "举行新闻发布会", fields[2], s.press_conference_hours,
                                 surfaced + dt.timedelta(hours=s.press_conference_hours), press))
    return ResponseClock(level, surfaced, tuple(checks))
