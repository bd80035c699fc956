"""Column freshness under the national website inspection (《政府网站与政务新媒体检查指标》).

Each column's ``update_period`` (栏目任务分解表) is compared with its newest public item as of
``site.today``:

- 未更新 (stale): today is after ``newest + period`` (calendar arithmetic; months clamp at the
  month's end, so 6 months after 08-31 is 02-28/29).
- 长期未更新 (long-stale): today is after ``newest + factor × period`` (factor 2 by default,
  ``clocks: {long_stale_factor: N}``). The inspection names the category without a number;
  twice the column's own period is this project's definition (docs/clocks.md).
- 空白栏目 (blank): no public item at all. A parent column with sub-columns is a container,
  never blank; its sub-columns are judged on their own.

A column's items include those of its sub-columns (the parent page lists them).
单项否决 risk: stale ≥ ``veto_stale`` (5), long-stale ≥ ``veto_long_stale`` (10),
blank ≥ ``veto_blank`` (5).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..model import Column, Item, Site
from .months import add_period
from .settings import ClockSettings, settings_for


@dataclass(frozen=True)
class ColumnState:
    column: Column
    newest: Item | None
    count: int  # public items in the column and its sub-columns
    has_children: bool
    as_of: dt.date
    due: dt.date | None = None  # last day the column is still fresh
    long_due: dt.date | None = None  # last day before it counts as 长期未更新
    stale: bool = False
    long_stale: bool = False
    blank: bool = False

    @property
    def overdue_days(self) -> int:
        """Calendar days since the column should have been updated (0 when fresh)."""
        return (self.as_of - self.due).days if self.stale and self.due is not None else 0

    @property
    def state(self) -> str:
        if self.blank:
            return "空白栏目"
        if self.long_stale:
            return "长期未更新"
        if self.stale:
            return "未更新"
        if self.column.update_period is None:
            return "按需更新"
        if self.newest is None:
            return "仅有子栏目"
        return "正常"


@dataclass(frozen=True)
class VetoRisk:
    key: str  # stale | long_stale | blank
    label: str
    count: int
    threshold: int
    columns: tuple[ColumnState, ...]


@dataclass(frozen=True)
class Inspection:
    states: tuple[ColumnState, ...]
    risks: tuple[VetoRisk, ...]

    @property
    def stale(self) -> list[ColumnState]:
        return [s for s in self.states if s.stale]

    @property
    def long_stale(self) -> list[ColumnState]:
        return [s for s in self.states if s.long_stale]

    @property
    def blank(self) -> list[ColumnState]:
        return [s for s in self.states if s.blank]


def _subtree(site: Site) -> dict[str, list[str]]:
    """slug → slugs whose items count for it (itself and every descendant)."""
    children: dict[str, list[str]] = defaultdict(list)
    for col in site.columns.values():
        if col.parent and col.parent in site.columns:
            children[col.parent].append(col.slug)
    out: dict[str, list[str]] = {}
    for slug in site.columns:
        seen: list[str] = []
        stack = [slug]
        while stack:
            cur = stack.pop()
            if cur in seen:
                continue  # a parent loop is reported by columns.parent; do not hang on it
            seen.append(cur)
            stack.extend(children.get(cur, []))
        out[slug] = seen
    return out


def column_states(site: Site, settings: ClockSettings | None = None) -> list[ColumnState]:
    """Every column's freshness as of ``site.today``, in the order of the 栏目任务分解表."""
    s = settings or settings_for(site)
    today = site.today
    newest: dict[str, Item] = {}
    counts: dict[str, int] = defaultdict(int)
    for item in site.items:
        if not item.is_public(today) or item.published is None:
            continue
        counts[item.column] += 1
        cur = newest.get(item.column)
        if cur is None or (item.published, item.path) > (cur.published or dt.date.min, cur.path):
            newest[item.column] = item
    tree = _subtree(site)
    out: list[ColumnState] = []
    for col in sorted(site.columns.values(), key=lambda c: c.order):
        slugs = tree[col.slug]
        has_children = len(slugs) > 1
        candidates = [newest[x] for x in slugs if x in newest]
        top = max(candidates, key=lambda i: (i.published or dt.date.min, i.path)) if candidates else None
        count = sum(counts[x] for x in slugs)
        if top is None or top.published is None:
            out.append(ColumnState(col, None, 0, has_children, today, blank=not has_children))
            continue
        if col.update_period is None:
            out.append(ColumnState(col, top, count, has_children, today))
            continue
        due = add_period(top.published, col.update_period)
        long_due = add_period(top.published, col.update_period, s.long_stale_factor)
        out.append(ColumnState(col, top, count, has_children, today, due, long_due, stale=today > due,
                               long_stale=today > long_due))
    return out


def inspection(site: Site, settings: ClockSettings | None = None) -> Inspection:
    s = settings or settings_for(site)
    states = tuple(column_states(site, s))
    risks: list[VetoRisk] = []
    for key, label, threshold in (("stale", "栏目未更新", s.veto_stale),
                                  ("long_stale", "栏目长期未更新", s.veto_long_stale),
                                  ("blank", "空白栏目", s.veto_blank)):
        hit = tuple(st for st in states if getattr(st, key))
        if len(hit) >= threshold:
            risks.append(VetoRisk(key, label, len(hit), threshold, hit))
    return Inspection(states, tuple(risks))
