"""意见征集 clocks: the consultation period and the deadline for publishing 采纳情况.

Sources: 《重大行政决策程序暂行条例》第十五条 (征求意见期限一般不少于 30 日) and this office's
rulebook (《政务公开工作落实机制》二(一)2: 征求活动结束后 1 个月内公开意见征求采纳情况) — the
one-month rule is the office's own, not a national deadline. Both are calendar clocks: holidays do not stop them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from ..model import Item, Site
from ..schema import coerce_date
from .months import add_months
from .settings import ClockSettings, settings_for

ADOPTION = ("采纳", "部分采纳", "未采纳")


class ConsultationState(StrEnum):
    """What the public page shows next to a consultation (the value is the Chinese label)."""

    NOT_STARTED = "未开始"
    OPEN = "征集中"
    AWAITING = "已截止，结果待公布"
    PUBLISHED = "结果已公布"
    UNKNOWN = "征集时间未填写"


@dataclass(frozen=True)
class ConsultationStatus:
    state: ConsultationState
    opens: dt.date | None
    closes: dt.date | None
    due: dt.date | None  # 采纳情况 must be published on or before this day
    outcome: Item | None = None  # the published outcome (结果已公布)
    scheduled_outcome: Item | None = None  # an outcome with a future publication date
    overdue_days: int = 0  # AWAITING past the due date: calendar days since ``due``
    late_days: int = 0  # PUBLISHED after the due date: calendar days late

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def label(self) -> str:
        """One line for the page, e.g. ``已截止，结果待公布（应于 2026-09-02 前公布）``."""
        s = self.state
        if s is ConsultationState.NOT_STARTED and self.opens:
            return f"{s.value}（{self.opens} 开始征集）"
        if s is ConsultationState.OPEN and self.opens and self.closes:
            return f"{s.value}（{self.opens} 至 {self.closes}）"
        if s is ConsultationState.AWAITING and self.due:
            extra = f"，已逾期 {self.overdue_days} 天" if self.overdue else ""
            return f"{s.value}（应于 {self.due} 前公布{extra}）"
        if s is ConsultationState.PUBLISHED and self.outcome and self.outcome.published:
            return f"{s.value}（{self.outcome.published}）"
        return s.value


def period(item: Item) -> tuple[dt.date | None, dt.date | None]:
    return coerce_date(item.meta.get("opens")), coerce_date(item.meta.get("closes"))


def outcome_due(closes: dt.date, settings: ClockSettings) -> dt.date:
    """The last day for 采纳情况: ``outcome_months`` calendar months after the close date."""
    return add_months(closes, settings.outcome_months)


def linked_consultation(item: Item) -> str:
    value = item.meta.get("consultation")
    return str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""


def outcomes_by_consultation(site: Site) -> dict[str, list[Item]]:
    """index_no of a consultation → its outcome items (drafts excluded), earliest first."""
    out: dict[str, list[Item]] = defaultdict(list)
    for item in site.items:
        if item.kind == "outcome" and item.will_publish:
            key = linked_consultation(item)
            if key:
                out[key].append(item)
    for items in out.values():
        items.sort(key=lambda i: (i.published or dt.date.max, i.path))
    return out


def consultation_status(site: Site, item: Item, *, outcomes: dict[str, list[Item]] | None = None) -> ConsultationStatus:
    """The state of a consultation as of ``site.today`` (the site shows it; reports count it).

    ``outcomes`` may be passed by callers looping over many consultations (one index, not one
    scan of every item per consultation).
    """
    settings = settings_for(site)
    today = site.today
    opens, closes = period(item)
    if closes is None:
        return ConsultationStatus(ConsultationState.UNKNOWN, opens, closes, None)
    due = outcome_due(closes, settings)
    if opens is not None and today < opens:
        return ConsultationStatus(ConsultationState.NOT_STARTED, opens, closes, due)
    if today <= closes:
        return ConsultationStatus(ConsultationState.OPEN, opens, closes, due)
    index = outcomes if outcomes is not None else outcomes_by_consultation(site)
    linked = index.get(item.index_no, []) if item.index_no else []
    public = [o for o in linked if o.is_public(today)]
    if public:
        first = public[0]
        assert first.published is not None
        late = max(0, (first.published - due).days)
        return ConsultationStatus(ConsultationState.PUBLISHED, opens, closes, due, outcome=first, late_days=late)
    scheduled = next((o for o in linked if o.published and o.published > today), None)
    overdue = max(0, (today - due).days)
    return ConsultationStatus(ConsultationState.AWAITING, opens, closes, due, scheduled_outcome=scheduled,
                              overdue_days=overdue)
