"""Per-column item lists, computed once per build (no MkDocs import).

Every listing page, feed, home block and catalogue page reads these precomputed lists: nothing scans
all items per page, and page N of a column is a slice of a list sorted once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..core.catalogue import is_listed
from ..core.model import Column, Item, Site


def newest_first(item: Item) -> tuple[str, str, str]:
    return (item.published.isoformat() if item.published else "", item.formed.isoformat() if item.formed else "",
            item.index_no)


@dataclass(frozen=True)
class Pager:
    """Page ``number`` (1-based) of ``pages``; URLs are site-relative directory URLs."""

    column_url: str  # e.g. "zcwj/" (page 1)
    number: int
    pages: int
    total: int

    def url(self, n: int) -> str:
        return self.column_url if n <= 1 else f"{self.column_url}page/{n}/"

    @property
    def previous_url(self) -> str | None:
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.number + 1) if self.number < self.pages else None

    @property
    def first_url(self) -> str:
        return self.url(1)

    @property
    def last_url(self) -> str:
        return self.url(self.pages)

    def window(self, radius: int = 2) -> list[int]:
        """Page numbers to show as direct links around the current one."""
        low, high = max(1, self.number - radius), min(self.pages, self.number + radius)
        return list(range(low, high + 1))


def page_count(total: int, size: int) -> int:
    """A column always has page 1, even when empty ("本栏目暂无信息")."""
    return max(1, math.ceil(total / size))


def page_slice(items: list[Item], number: int, size: int) -> list[Item]:
    return items[(number - 1) * size:number * size]


@dataclass
class SiteIndex:
    site: Site
    listed: list[Item] = field(default_factory=list)  # newest first, across columns
    by_column: dict[str, list[Item]] = field(default_factory=dict)
    children: dict[str, list[Column]] = field(default_factory=dict)
    by_index: dict[str, Item] = field(default_factory=dict)  # public items (listed or withdrawn)

    @classmethod
    def build(cls, site: Site) -> SiteIndex:
        idx = cls(site)
        public = [i for i in site.items if i.is_public(site.today)]
        idx.by_index = {i.index_no: i for i in public if i.index_no}
        idx.listed = sorted((i for i in public if is_listed(i, site.today)), key=newest_first, reverse=True)
        idx.by_column = {slug: [] for slug in site.columns}
        for item in idx.listed:  # stays sorted: appended in global order
            idx.by_column.setdefault(item.column, []).append(item)
        for col in sorted(site.columns.values(), key=lambda c: c.order):
            if col.parent and col.parent in site.columns:
                idx.children.setdefault(col.parent, []).append(col)
        return idx

    def items(self, slug: str) -> list[Item]:
        return self.by_column.get(slug, [])

    def subtree_items(self, slug: str, limit: int) -> list[Item]:
        """Newest ``limit`` items of a column and its sub-columns (a parent column's landing block)."""
        slugs = {slug}
        stack = [slug]
        while stack:
            for child in self.children.get(stack.pop(), []):
                if child.slug not in slugs:
                    slugs.add(child.slug)
                    stack.append(child.slug)
        out: list[Item] = []
        for item in self.listed:  # global order: the first `limit` matches are the newest
            if item.column in slugs:
                out.append(item)
                if len(out) >= limit:
                    break
        return out

    def ancestors(self, slug: str) -> list[Column]:
        """Root first, ending with the column itself (for breadcrumbs)."""
        out: list[Column] = []
        seen: set[str] = set()
        cur = self.site.columns.get(slug)
        while cur is not None and cur.slug not in seen:
            seen.add(cur.slug)
            out.append(cur)
            cur = self.site.columns.get(cur.parent) if cur.parent else None
        return out[::-1]

    def column_of_type(self, column_type: str) -> Column | None:
        for col in sorted(self.site.columns.values(), key=lambda c: c.order):
            if col.type == column_type:
                return col
        return None
