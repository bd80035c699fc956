"""Government page metadata (《政府网站网页设计规范》网页标签) and footer fields, from ``extra.gov``.

Three groups of ``<meta name=… content=…>`` tags:
- site tags on every page: SiteName, SiteDomain, SiteIDCode;
- column tags on every page: ColumnName, ColumnDescription, ColumnKeywords, ColumnType (the
  item's or column's own values; site-level values on the home page and other pages);
- article tags on item pages: ArticleTitle, PubDate, ContentSource, and Keywords, Author,
  Description, Image (the 图解 or the body's first picture), Url when known.
An unset value omits its tag (never an empty ``content``). No MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.model import Column, Item

Tags = list[tuple[str, str]]
WITHDRAWN_PREFIX = "已撤回："  # title of a withdrawn item's notice page
SITEMAP_URL = "sitemap/"  # the generated 网站地图 page (zwgk.mkdocs.generated.sitemap_page)

# Footer lines: (extra.gov key, label, key of its link). Each line is omitted when its value is unset.
# The ICP 备案号 links to the MIIT filing system (《非经营性互联网信息服务备案管理办法》第十三条 requires
# the number and a link to it at the bottom of the home page); the 公安机关备案号 links to the record
# the site's own configuration names (psb_url), with a locally shipped icon (psb_icon).
FOOTER_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("host", "主办单位", ""),
    ("address", "地址", ""),
    ("contact", "联系方式", ""),
    ("site_id_code", "网站标识码", ""),
    ("icp", "ICP备案号", "icp_url"),
    ("psb", "公安机关备案号", "psb_url"),
)
PSB_ICON = "assets/zwgk/psb.svg"  # shipped with the theme overrides: no request to another host
ICP_URL = "https://beian.miit.gov.cn/"  # the MIIT ICP/IP地址/域名信息备案管理系统 (default of icp_url)


@dataclass(frozen=True)
class FooterLine:
    label: str
    value: str
    href: str = ""  # absolute URL of the record, or "" (no link)
    icon: str = ""  # site-relative path of a local icon, or ""


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

    def footer(self) -> list[FooterLine]:
        defaults = {"icp_url": ICP_URL}
        return [FooterLine(label, self.values[key], self.values.get(link) or defaults.get(link, "") if link else "",
                           self.values.get("psb_icon", PSB_ICON) if key == "psb" else "")
                for key, label, link in FOOTER_FIELDS if self.values.get(key)]

    def footer_links(self) -> list[tuple[str, str]]:
        """(text, href) of the footer's links: the 网站地图 (site-relative) and 我为政府网站找错 when configured."""
        out = [("网站地图", SITEMAP_URL)]
        if self.values.get("error_report_url"):
            out.append(("我为政府网站找错", self.values["error_report_url"]))
        return out

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


# The first picture of a body, in Markdown or as an <img> (the sanitizer allows it): the page's lead image.
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)""", re.I)


def lead_image(body: str) -> str:
    """The target of the body's first picture as written (a path relative to the item), or ""."""
    found = [m for m in (_MD_IMAGE.search(body), _HTML_IMAGE.search(body)) if m]
    return min(found, key=lambda m: m.start()).group(1) if found else ""


def article_tags(gov: GovSite, item: Item, image: str = "") -> Tags:
    """``image``: site-relative URL of the page's 图解 or lead image ("" when it has none)."""
    keywords = item.meta.get("keywords")
    # The item's own keywords, else its 主题分类 (一级\二级 → two words): every article page has Keywords.
    kw = ",".join(str(k) for k in keywords) if isinstance(keywords, list) and keywords else ",".join(
        w for w in item.topic.replace("\\", ",").split(",") if w.strip())
    return _clean([
        ("ArticleTitle", item.title),
        ("PubDate", pub_date(item)),
        ("ContentSource", item.publisher),
        ("Keywords", kw),
        ("Author", item.division),
        ("Description", item.summary),
        ("Image", gov.absolute(image) if image else ""),
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
