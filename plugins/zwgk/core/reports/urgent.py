"""重要紧急 items in the monthly report: how long their review took (formed → 分管领导审批).

The rulebook wants urgent items reviewed and published the same working day; the report lists
every urgent item of the month with its review time so 综合处 sees whether the same-day path held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ..model import Item, Site
from ..schema import coerce_date
from ..workdays import CalendarYearMissing
from .common import Entry, item_entry


def urgent_entries(view: Site, items: Iterable[Item]) -> list[Entry]:
    """Urgent items of the month and how long their review took: 形成 → 分管领导审批, in working days
    (0 = the same day, as the rulebook wants). Record dates are days, so hours are not available."""
    out: list[Entry] = []
    for item in sorted((i for i in items if i.urgent), key=lambda i: (i.published or dt.date.min, i.path)):
        record = view.reviews.get(item.path)
        block = record.data.get("leader") if record is not None and not record.broken else None
        approved = coerce_date(block.get("date")) if isinstance(block, Mapping) else None
        if item.formed is None or approved is None:
            why = "未填写信息形成日期" if item.formed is None else "审查表没有分管领导审批日期"
            out.append(item_entry("urgent", item, f"发布于 {item.published}；无法计算审查用时（{why}）"))
            continue
        try:
            took = view.calendar.workdays_between(item.formed, approved)
        except CalendarYearMissing as exc:
            out.append(item_entry("urgent", item, f"形成于 {item.formed}，分管领导审批 {approved}；无法计算工作日（{exc}）"))
            continue
        when = "当日完成" if took <= 0 else f"{took} 个工作日"
        out.append(item_entry("urgent", item, f"形成于 {item.formed}，分管领导审批 {approved}，发布于 {item.published}："
                                              f"审查用时 {when}", float(max(took, 0))))
    return out
