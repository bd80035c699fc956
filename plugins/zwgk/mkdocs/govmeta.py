"""Government page metadata (《政府网站网页设计规范》网页标签) and footer fields, from ``extra.gov``.

Three groups of ``<meta name=… content=…>`` tags:
- site tags on every page: SiteName, SiteDomain, SiteIDCode;
- column tags on every page: ColumnName, ColumnDescription, ColumnKeywords, ColumnType (the
  item's or column's own values; site-level values on the home page and other pages);
- article tags on item pages: ArticleTitle, PubDate, ContentSource, and Keywords, Author,
  Description, Url when known.
An unset value omits its tag (never an empty ``content``). No MkDocs import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.model import Column, Item

Tags = list[tuple[str, str]]

# Footer lines: (extra.gov key, label). Each line is omitted when its value is unset.
FOOTER_FIELDS: tuple[tuple[str, str], ...] = (
    ("host", "主办单位"),
    ("address", "地址"),
    ("contact", "联系方式"),
    ("site_id_code", "网站标识码"),
    ("icp", "ICP备案号"),
    ("psb", "公安机关备案号"),
)


@dataclass(frozen=True)
class GovSite:
    site_name: str
    site_domain: str
    site_id_code: str
    description: str
    keywords: str
    values: Mapping[str, str]  # every extra.gov value as text (unset ones absent)
    site_url: str  # absolute, ends with "/" (or "" when mkdocs.yml has no site_url)

    @classmethod
    def from_config(cls, extra: Mapping[str, Any], site_name: str, site_description: str, site_url: str,
                    columns: Mapping[str, Column]) -> GovSite:
        raw = extra.get("gov")
        gov = raw if isinstance(raw, Mapping) else {}
        values = {str(k): str(v).strip() for k, v in gov.items() if v not in (None, "") and str(v).strip()}
        keywords = values.get("keywords") or ",".join(dict.fromkeys(
            ["政务公开", "政府信息公开", *(c.name for c in sorted(columns.values(), key=lambda c: c.order))]))
        return cls(
            site_name=values.get("site_name") or site_name,
            site_domain=values.get("site_domain", ""),
            site_id_code=values.get("site_id_code", ""),
            description=values.get("description") or site_description or site_name,
            keywords=keywords,
            values=values,
            site_url=(site_url.rstrip("/") + "/") if site_url else "",
        )

    def footer(self) -> list[tuple[str, str]]:
        return [(label, self.values[key]) for key, label in FOOTER_FIELDS if self.values.get(key)]

    def site_tags(self) -> Tags:
        return _clean([("SiteName", self.site_name), ("SiteDomain", self.site_domain),
                       ("SiteIDCode", self.site_id_code)])

    def default_column_tags(self, name: str = "首页", column_type: str = "首页", description: str = "") -> Tags:
        """Column tags for pages that are not a column (home, catalogue, notices): the site's own values."""
        return _clean([("ColumnName", name), ("ColumnDescription", description or self.description),
                       ("ColumnKeywords", self.keywords), ("ColumnType", column_type)])

    def absolute(self, url: str) -> str:
        return self.site_url + url if self.site_url else ""


def column_tags(col: Column) -> Tags:
    return _clean([("ColumnName", col.name), ("ColumnDescription", col.description),
                   ("ColumnKeywords", ",".join(col.keywords)), ("ColumnType", col.type)])


def article_tags(gov: GovSite, item: Item) -> Tags:
    keywords = item.meta.get("keywords")
    kw = ",".join(str(k) for k in keywords) if isinstance(keywords, list) else ""
    return _clean([
        ("ArticleTitle", item.title),
        ("PubDate", pub_date(item)),
        ("ContentSource", item.publisher),
        ("Keywords", kw),
        ("Author", item.division),
        ("Description", item.summary),
        ("Url", gov.absolute(item.url)),
    ])


def pub_date(item: Item) -> str:
    """``YYYY-MM-DD HH:MM`` (网页设计规范) in Beijing time when the author gave a time, else the date
    alone: an invented ``00:00`` would state a publication time nobody recorded."""
    if item.published_at is not None:
        return item.published_at.strftime("%Y-%m-%d %H:%M")
    return item.published.isoformat() if item.published else ""


def _clean(tags: Tags) -> Tags:
    return [(k, " ".join(v.split())) for k, v in tags if v and v.strip()]
