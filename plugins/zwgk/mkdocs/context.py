"""What the templates in ``overrides/zwgk/`` receive as ``zwgk`` (no MkDocs import).

URLs here are site-relative directory URLs (``zcwj/2026-003/``); the templates pass them through
MkDocs' ``url`` filter, which makes them relative to the page being rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.catalogue import CSV_NOTE, Row, rows_by_year
from ..core.config import PagesOptions
from ..core.model import Column, Item, Site
from ..core.rules.pages import normalize_path, withdrawal, withdrawn_on
from ..core.schema import KINDS
from . import govmeta, render
from .listing import Pager, SiteIndex, page_count, page_slice

VALIDITY_NOTES = {
    "已修订": "本文件已被修订，请以修订后的文件为准。",
    "失效": "本文件已失效，仅供查阅，不再作为依据。",
    "废止": "本文件已废止，仅供查阅，不再作为依据。",
}
CATALOGUE_URL = "catalogue/"
# ASCII characters that end or change a path inside a URL (" ' < > break out of an attribute only
# when unescaped — the templates escape every value too — but # ? % \ space and controls would point
# the link elsewhere). Non-ASCII stays readable, as in the site's other links; browsers encode it.
_HREF_UNSAFE = frozenset(chr(c) for c in range(0x21)) | frozenset("\x7f\"#%'<>?\\^`{|}")


def href_path(url: str, *, encoded: bool = False) -> str:
    """A site-relative path made from file names, percent-encoded for an href. ``encoded``: the path
    is a URL already (MkDocs' ``File.url``), so its ``%`` escapes are kept."""
    unsafe = _HREF_UNSAFE - {"%"} if encoded else _HREF_UNSAFE
    if not any(c in unsafe for c in url):
        return url
    return "".join("".join(f"%{b:02X}" for b in c.encode()) if c in unsafe else c for c in url)


def row_view(row: Row) -> dict[str, str]:
    """A catalogue row as the templates print it (its link percent-encoded)."""
    return row.as_dict() | {"url": href_path(row.url)}


@dataclass(frozen=True)
class PageSpec:
    """What a page is, decided in ``on_files``: the plugin looks it up by ``src_uri``."""

    kind: str  # item | withdrawn | column | home | catalogue | catalogue_year | sitemap | page
    item: Item | None = None
    column: Column | None = None
    number: int = 1
    year: str = ""


@dataclass
class Builder:
    site: Site
    index: SiteIndex
    gov: govmeta.GovSite
    opts: PagesOptions
    attachment_urls: dict[str, str] = field(default_factory=dict)  # attachment rel_path -> site-relative URL
    catalogue_years: dict[str, list[Row]] = field(default_factory=dict)
    images: dict[str, str] = field(default_factory=dict)  # item src_uri -> site-relative URL of its 图解/lead image
    # Extra blocks on item pages (zwgk.mkdocs.blocks.ITEM_BLOCKS): passed in, because they import MkDocs.
    blocks: render.ItemBlocks = ()

    def set_catalogue(self, rows: list[Row]) -> None:
        self.catalogue_years = rows_by_year(rows)

    # -- shared ------------------------------------------------------------------------
    def entry(self, item: Item) -> dict[str, Any]:
        col = self.site.columns.get(item.column)
        return {
            "title": item.title, "url": href_path(item.url), "date": item.published.isoformat() if item.published else "",
            "kind": KINDS[item.kind] if item.kind in ("policy", "consultation", "outcome", "response") else "",
            "doc_no": item.doc_no, "column": col.name if col else item.column, "column_url": f"{item.column}/",
            "validity": item.validity if item.validity != "有效" else "",
        }

    def crumbs(self, slug: str | None, *tail: tuple[str, str]) -> list[tuple[str, str]]:
        out = [("首页", "")]
        if slug:
            out += [(c.name, f"{c.slug}/") for c in self.index.ancestors(slug)]
        return out + list(tail)

    def base(self, kind: str, tags: govmeta.Tags, crumbs: list[tuple[str, str]], feed: tuple[str, str] | None,
             **extra: Any) -> dict[str, Any]:
        return {"kind": kind, "tags": self.gov.site_tags() + tags, "crumbs": crumbs,
                "feed": feed or ("全部信息", "feeds/atom.xml"), "search_enabled": self.opts.search, **extra}

    def column_feed(self, col: Column | None) -> tuple[str, str] | None:
        """The column's Atom feed, linked only when it has entries (its own or its sub-columns')."""
        if col is None or not self.index.subtree_items(col.slug, 1):
            return None
        return (col.name, f"feeds/{col.slug}.xml")

    # -- pages -------------------------------------------------------------------------
    def for_page(self, spec: PageSpec) -> dict[str, Any]:
        if spec.kind == "item" and spec.item is not None:
            return self.item(spec.item)
        if spec.kind == "withdrawn" and spec.item is not None:
            return self.withdrawn(spec.item)
        if spec.kind == "column" and spec.column is not None:
            return self.column(spec.column, spec.number)
        if spec.kind == "home":
            return self.home()
        if spec.kind == "catalogue":
            return self.catalogue()
        if spec.kind == "catalogue_year":
            return self.catalogue_year(spec.year, spec.number)
        if spec.kind == "sitemap":
            return self.sitemap()
        return self.base("page", self.gov.default_column_tags(self.gov.site_name, "其他"), self.crumbs(None), None)

    def item(self, item: Item) -> dict[str, Any]:
        col = self.site.columns.get(item.column)
        signed = item.signed or item.formed
        rows = [
            ("索引号", item.index_no), ("主题分类", item.topic or "—"), ("发布机构", item.publisher),
            ("成文日期", signed.isoformat() if signed else "—"), ("文号", item.doc_no or "—"),
            ("发布日期", item.published.isoformat() if item.published else "—"), ("有效性", item.validity),
            ("公开方式", item.disclosure),
        ]
        banner = None
        if item.validity in VALIDITY_NOTES:
            successor = self.index.by_index.get(item.superseded_by) if item.superseded_by else None
            banner = {"validity": item.validity, "text": VALIDITY_NOTES[item.validity],
                      "successor": self.entry(successor) if successor and successor is not item else None,
                      "successor_index": item.superseded_by}
        attachments = []
        for att in item.attachments:
            url = self.attachment_urls.get(att.rel_path)
            if url is None:
                continue
            try:
                size = render.human_size(att.abs_path.stat().st_size)
            except OSError:
                size = ""
            attachments.append({"title": att.title, "url": href_path(url, encoded=True), "type": render.file_type(att.file), "size": size})
        tags = (govmeta.column_tags(col) if col else self.gov.default_column_tags()) + govmeta.article_tags(
            self.gov, item, self.images.get(item.src_uri, ""))
        year = (item.formed or item.published)
        return self.base(
            "item", tags, self.crumbs(item.column), self.column_feed(col),
            item=self.entry(item) | {"index_no": item.index_no, "summary": item.summary, "publisher": item.publisher},
            rows=rows, banner=banner, related=self.related(item), attachments=attachments,
            blocks_before=render.item_blocks(self.site, item, "before", self.blocks),
            blocks_after=render.item_blocks(self.site, item, "after", self.blocks),
            filters={"column": col.name if col else item.column, "year": str(year.year) if year else ""},
        )

    def related(self, item: Item) -> list[dict[str, str]]:
        """双向关联: a policy links to its interpretation, an interpretation to its policy."""
        out: list[dict[str, str]] = []
        if item.interpretation_id is None:  # any item may carry an interpretation, not only a policy
            interp = self.site.interpretation_for(item)
            mat = interp.material if interp else None
            if mat is not None and mat.is_public(self.site.today) and not withdrawal(mat):
                out.append({"label": "相关解读", "title": mat.title, "url": href_path(mat.url)})
        if item.kind == "outcome":  # 决策文件出台后及时向社会公布 (zwgk.core.rules.decision)
            target = self.index.by_index.get(str(item.meta.get("decision") or "").strip())
            if target is not None and target.is_public(self.site.today) and not withdrawal(target):
                out.append({"label": "决策文件", "title": target.title, "url": href_path(target.url)})
        if item.interpretation_id:
            interp = self.site.interpretations.get(item.interpretation_id)
            policy = self.index.by_index.get(interp.interprets) if interp else None
            if policy is not None and not withdrawal(policy):
                out.append({"label": "原文件", "title": policy.title, "url": href_path(policy.url)})
        return out

    def withdrawn(self, item: Item) -> dict[str, Any]:
        col = self.site.columns.get(item.column)
        w = withdrawal(item) or {}
        when = withdrawn_on(item)
        repl = str(w.get("replacement") or "").strip()
        replacement: dict[str, str] | None = None
        if repl:
            target = self.index.by_index.get(repl)
            if target is not None:
                replacement = {"title": target.title, "url": href_path(target.url), "external": ""}
            elif repl.startswith(("http://", "https://")):
                replacement = {"title": repl, "url": "", "external": repl}
            elif (path := normalize_path(repl)) is not None:
                replacement = {"title": repl, "url": href_path(path), "external": ""}
        # The notice is not the withdrawn article: its own title, and no summary or keywords of the old text.
        tags = (govmeta.column_tags(col) if col else self.gov.default_column_tags()) + [
            (k, f"{govmeta.WITHDRAWN_PREFIX}{v}" if k == "ArticleTitle" else v)
            for k, v in govmeta.article_tags(self.gov, item) if k not in ("Description", "Keywords")]
        return self.base(
            "withdrawn", tags, self.crumbs(item.column), None,
            item=self.entry(item) | {"index_no": item.index_no},
            notice={"date": when.isoformat() if when else "", "reason": str(w.get("reason") or "").strip(),
                    "replacement": replacement},
        )

    def column(self, col: Column, number: int) -> dict[str, Any]:
        items = self.index.items(col.slug)
        size = self.opts.page_size
        pager = Pager(f"{col.slug}/", number, page_count(len(items), size), len(items))
        children = [
            {"name": c.name, "url": f"{c.slug}/", "description": c.description,
             "count": len(self.index.items(c.slug)),
             "entries": [self.entry(i) for i in self.index.subtree_items(c.slug, self.opts.column_preview)]}
            for c in self.index.children.get(col.slug, [])
        ] if number == 1 else []
        tail = [(f"第 {number} 页", pager.url(number))] if number > 1 else []
        return self.base(
            "column", govmeta.column_tags(col), self.crumbs(col.slug, *tail), self.column_feed(col),
            column={"name": col.name, "description": col.description, "slug": col.slug},
            children=children, entries=[self.entry(i) for i in page_slice(items, number, size)], pager=pager,
            # A parent column with sub-columns and no items of its own shows only the landing blocks.
            show_list=bool(items) or not children,
        )

    def home(self) -> dict[str, Any]:
        entrances = []
        for ctype, fallback, desc in (("信息公开指南", "政府信息公开指南", "公开范围、方式和程序"),
                                      (None, "政府信息公开目录", "按栏目、年份、主题检索全部信息"),
                                      ("依法申请公开", "依申请公开", "申请渠道、流程和申请表"),
                                      ("信息公开年报", "政府信息公开年报", "历年政府信息公开工作年度报告")):
            col = self.index.column_of_type(ctype) if ctype else None
            if ctype is None:
                entrances.append({"title": fallback, "url": CATALOGUE_URL, "description": desc})
            elif col is not None:
                entrances.append({"title": col.name, "url": f"{col.slug}/", "description": desc})
        tops = [c for c in sorted(self.site.columns.values(), key=lambda c: c.order)
                if not c.parent or c.parent not in self.site.columns]
        blocks = [{"name": c.name, "url": f"{c.slug}/",
                   "entries": [self.entry(i) for i in self.index.subtree_items(c.slug, self.opts.column_preview)]}
                  for c in tops]
        return self.base(
            "home", self.gov.default_column_tags(), [], None,
            latest=[self.entry(i) for i in self.index.listed[:self.opts.home_items]],
            entrances=entrances, blocks=[b for b in blocks if b["entries"]],
        )

    def catalogue(self) -> dict[str, Any]:
        newest = [r for rows in self.catalogue_years.values() for r in rows][:self.opts.catalogue_newest]
        years = [{"year": y, "count": len(rows), "url": f"{CATALOGUE_URL}{y}/"} for y, rows in self.catalogue_years.items()]
        return self.base(
            "catalogue", self.gov.default_column_tags("政府信息公开目录", "信息公开目录", "本机关主动公开的政府信息目录"),
            [("首页", ""), ("政府信息公开目录", CATALOGUE_URL)], None,
            rows=[row_view(r) for r in newest], years=years, total=sum(y["count"] for y in years),
            columns=[{"slug": c.slug, "name": c.name} for c in sorted(self.site.columns.values(), key=lambda c: c.order)],
            data_url=f"{CATALOGUE_URL}data/index.json", csv_url=f"{CATALOGUE_URL}catalogue.csv",
            json_url=f"{CATALOGUE_URL}catalogue.json",
            csv_note=CSV_NOTE,
        )

    def sitemap(self) -> dict[str, Any]:
        """网站地图: the column tree with each column's count and listing pages, the catalogue by year."""
        size = self.opts.page_size

        def node(col: Column) -> dict[str, Any]:
            count = len(self.index.items(col.slug))
            return {"name": col.name, "url": f"{col.slug}/", "count": count, "pages": page_count(count, size),
                    "children": [node(c) for c in self.index.children.get(col.slug, [])]}

        tops = [c for c in sorted(self.site.columns.values(), key=lambda c: c.order)
                if not c.parent or c.parent not in self.site.columns]
        years = [{"year": y, "count": len(rows), "url": f"{CATALOGUE_URL}{y}/"} for y, rows in self.catalogue_years.items()]
        return self.base(
            "sitemap", self.gov.default_column_tags("网站地图", "网站地图", f"{self.gov.site_name}的栏目和页面一览"),
            [("首页", ""), ("网站地图", govmeta.SITEMAP_URL)], None,
            columns=[node(c) for c in tops], years=years, catalogue_url=CATALOGUE_URL,
        )

    def catalogue_year(self, year: str, number: int) -> dict[str, Any]:
        rows = self.catalogue_years.get(year, [])
        size = self.opts.catalogue_page_size
        pager = Pager(f"{CATALOGUE_URL}{year}/", number, page_count(len(rows), size), len(rows))
        crumbs = [("首页", ""), ("政府信息公开目录", CATALOGUE_URL), (f"{year} 年", pager.url(1))]
        if number > 1:
            crumbs.append((f"第 {number} 页", pager.url(number)))
        return self.base(
            "catalogue_year", self.gov.default_column_tags(f"政府信息公开目录（{year} 年）", "信息公开目录"), crumbs, None,
            year=year, rows=[row_view(r) for r in rows[(number - 1) * size:number * size]], pager=pager,
            years=[{"year": y, "count": len(r), "url": f"{CATALOGUE_URL}{y}/"} for y, r in self.catalogue_years.items()],
        )
