"""Monthly 督查 figures for the rulebook checks of issue 16: 公开属性 and interpretation exemptions.

Kept out of :mod:`zwgk.core.reports.monthly` so that module only gains one hook: the metrics are
appended to its table and the entries to its list, and the HTML and XLSX writers lay them out like
every other figure (总体情况, 按处室统计, 明细).
"""

from __future__ import annotations

import datetime as dt

from ..interpretation_scope import exempted, scope_for, waiver, why_required
from ..model import Site
from . import inspections, sentiment, statutory
from .common import Entry, Metric, item_entry

METRICS: tuple[Metric, ...] = (
    Metric("withheld_on_request", "依申请公开（不在网站发布）"),
    Metric("withheld_exempt", "不予公开"),
    Metric("interpretation_waived", "免于解读的文件", "件"),
    *statutory.METRICS,  # 指南 and 法定主动公开内容 (条例第十二条、第二十条)
    *sentiment.METRICS,  # the 舆情 register's clocks
    *inspections.METRICS,  # the divisions' monthly 督查 inputs
)
_WITHHELD = {"依申请公开": "withheld_on_request", "不予公开": "withheld_exempt"}


def entries(view: Site, first: dt.date, last: dt.date) -> list[Entry]:
    """依申请公开 / 不予公开 decided in the month (by 信息形成日期: they have no publication date), and
    every public item exempted from interpretation (a standing decision, listed until it is reviewed)."""
    out: list[Entry] = []
    for item in sorted(view.items, key=lambda i: i.path):
        if item.withheld and item.disclosure in _WITHHELD and item.formed is not None and first <= item.formed <= last:
            reason = str(item.meta.get("reason") or "").strip() or "（未填写理由）"
            out.append(item_entry(_WITHHELD[item.disclosure], item, f"形成于 {item.formed}；理由：{reason}"))
    scope = scope_for(view)
    for item in sorted(view.public_items(), key=lambda i: i.path):
        # The rule's own predicate: a refused waiver (a 规范性文件, or no real reason) is not 免于解读;
        # the item stays 应解读未解读 until it is interpreted.
        if exempted(view, item, scope):
            out.append(item_entry("interpretation_waived", item, f"{why_required(view, item, scope)}；不解读的理由：{waiver(item)}"))
    out += statutory.entries(view)
    out += sentiment.entries(view, first, last)
    out += inspections.entries(view, first)
    return out
