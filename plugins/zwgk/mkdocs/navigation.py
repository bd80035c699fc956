"""The nav: built from the 栏目任务分解表 only — never from items, never from generated list pages.

Items in the nav would make every page render a nav of 10,000 entries (O(n²) builds) and bury the
columns; items and list pages are ``NOT_IN_NAV`` and open their column's section instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.model import Column

CATALOGUE_SRC = "catalogue/index.md"


def columns_nav(columns: Mapping[str, Column]) -> list[Any]:
    """MkDocs ``nav`` value: 首页, the columns (sub-columns nested under their parent), the 目录."""

    def entry(slug: str) -> dict[str, Any]:
        col = columns[slug]
        kids = sorted((c for c in columns.values() if c.parent == slug), key=lambda c: c.order)
        if not kids:
            return {col.name: f"{slug}/index.md"}
        return {col.name: [f"{slug}/index.md", *(entry(k.slug) for k in kids)]}

    tops = sorted((c for c in columns.values() if not c.parent or c.parent not in columns), key=lambda c: c.order)
    return [{"首页": "index.md"}, *(entry(c.slug) for c in tops), {"政府信息公开目录": CATALOGUE_SRC}]


def nav_sources(nav: Any) -> set[str]:
    """Every source path a ``nav`` value mentions."""
    out: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            out.add(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(nav)
    return out
