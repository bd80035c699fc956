"""sitemap.xml: which pages it lists, and the date each last changed (no MkDocs import).

MkDocs writes every page into sitemap.xml with the build date as ``lastmod``, so a crawler re-reads
an unchanged 2019 notice after every build, and a withdrawn notice (``noindex``) is offered to it
as well. Here a page's date is the date of what it shows: an item page the item's own date, a list
the newest item on it; a page with no date of its own gets no ``lastmod`` (an honest omission
rather than the build date). Withdrawn notices are left out.

The template is MkDocs' own ``sitemap.xml`` with two additions, served to the theme's Jinja
environment in ``on_env`` (so nothing under overrides/ publishes a template file). It reads
``file.page`` like MkDocs' template, so pages another process renders are listed too
(``parallel.pages_for_sitemap``). Computing the dates is linear in the items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..core.catalogue import Row
from ..core.model import Item
from .context import PageSpec
from .listing import SiteIndex

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for file in pages -%}
    {% if not file.page.is_link and (file.page.abs_url or file.page.canonical_url) and file.src_uri not in zwgk_sitemap.skip %}
    <url>
         <loc>{% if file.page.canonical_url %}{{ file.page.canonical_url|e }}{% else %}{{ file.page.abs_url|e }}{% endif %}</loc>
         {% if zwgk_sitemap.lastmod.get(file.src_uri) %}<lastmod>{{ zwgk_sitemap.lastmod[file.src_uri] }}</lastmod>{% endif %}
    </url>
    {%- endif -%}
{% endfor %}
</urlset>
"""


@dataclass(frozen=True)
class SitemapPlan:
    skip: frozenset[str]  # src_uris left out (withdrawn notices: noindex)
    lastmod: dict[str, str]  # src_uri -> YYYY-MM-DD


def item_date(item: Item) -> dt.date | None:
    """The day the item's page last changed: its publication, or a later 变更 recorded in ``formed``."""
    dates = [d for d in (item.published, item.formed) if d is not None]
    return max(dates) if dates else None


def plan(specs: Mapping[str, PageSpec], index: SiteIndex, catalogue_years: Mapping[str, list[Row]]) -> SitemapPlan:
    own: dict[str, dt.date] = {}  # column slug -> newest item date of the column itself
    for item in index.listed:
        d = item_date(item)
        if d is not None and (item.column not in own or d > own[item.column]):
            own[item.column] = d
    subtree: dict[str, dt.date | None] = {}

    def newest(slug: str) -> dt.date | None:
        if slug not in subtree:
            subtree[slug] = None  # a cycle in the column tree cannot recurse forever
            dates = [d for d in (own.get(slug), *(newest(c.slug) for c in index.children.get(slug, []))) if d]
            subtree[slug] = max(dates) if dates else None
        return subtree[slug]

    overall = max(own.values(), default=None)
    years = {y: max((max(r.formed, r.published) for r in rows), default="") for y, rows in catalogue_years.items()}
    skip: set[str] = set()
    lastmod: dict[str, str] = {}
    for uri, spec in specs.items():
        when: dt.date | str | None = None
        if spec.kind == "withdrawn":
            skip.add(uri)
        elif spec.kind == "item" and spec.item is not None:
            when = item_date(spec.item)
        elif spec.kind == "column" and spec.column is not None:
            when = newest(spec.column.slug)
        elif spec.kind in ("home", "catalogue", "sitemap"):
            when = overall
        elif spec.kind == "catalogue_year":
            when = years.get(spec.year)
        if when:
            lastmod[uri] = when if isinstance(when, str) else when.isoformat()
    return SitemapPlan(frozenset(skip), lastmod)
