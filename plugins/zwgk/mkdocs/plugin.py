"""The ``zwgk`` MkDocs plugin: gates before anything is written, then the public pages.

Event plan (mkdocs-notes.md §1.1, docs/site.md):
- ``load_config``: the plugin options go through the core schema (one schema for build and CLI);
  the ``pages:`` keys are checked here.
- ``on_config``: nav from the 栏目任务分解表 (never from items); Pagefind must be installed.
- ``on_pre_build``: load the repository and run every rule. Runs *before* MkDocs cleans
  ``site_dir``, so a blocked build leaves the last good site untouched.
- ``on_files``: drop drafts and scheduled items, keep items out of the nav, add generated pages
  (column lists and their pages, catalogue, interpretation pages) and files (feeds, catalogue
  data, redirects); start the search indexer.
- ``on_page_markdown``/``on_page_context``: each page gets its template and its ``zwgk`` context.
- ``on_page_content``: item pages go to Pagefind as soon as they are converted.
- ``on_env``/``on_post_build``: the search bundle is written while templates render, then awaited.
"""

from __future__ import annotations

import os
import posixpath
import time
from pathlib import Path
from typing import Any, cast

import jinja2
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core.catalogue import build_rows
from ..core.columns import load_columns
from ..core.config import SiteConfig
from ..core.findings import Finding
from ..core.model import Item, Site
from ..core.pipeline import check_project
from ..core.project import Project, apply_env_today
from ..core.rules.pages import gov_identity_findings, withdrawal
from . import clockblocks, diagram, generated, govmeta  # noqa: F401  (clockblocks registers item blocks)
from .context import Builder, PageSpec
from .listing import SiteIndex
from .navigation import columns_nav, nav_sources
from .options import PagesOptions, parse_pages
from .search import PagefindService, SearchUnavailable, find_binary

log = get_plugin_logger(__name__)
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _error_text(errors: list[Finding]) -> str:
    lines = [f"zwgk 检查发现 {len(errors)} 个问题，已停止构建（网站未更新）："]
    lines += ["  " + f.format_text() for f in errors]
    lines.append("修正后重新构建；也可运行 zwgk check 查看全部问题。")
    return "\n".join(lines)


class _EmptyConfig(base.Config):
    """Options are validated by the core schema in :meth:`ZwgkPlugin.load_config`, not here."""


class ZwgkPlugin(BasePlugin[_EmptyConfig]):
    """Options are validated by :class:`zwgk.core.config.SiteConfig` (documented there)."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site_config = SiteConfig()
        self.pages_options = PagesOptions()
        self.site: Site | None = None
        self.project: Project | None = None
        self.builder: Builder | None = None
        self._items_by_src: dict[str, Item] = {}
        self._specs: dict[str, PageSpec] = {}
        self._parents: dict[str, Any] = {}  # column slug -> nav section of its index page
        self._memo: dict[tuple[str, ...], Markup] = {}
        self._search: PagefindService | None = None
        self._search_write: int | None = None
        self._pagefind_bin: Path | None = None
        self._no_memo = os.environ.get("ZWGK_MEMO") == "0"  # debugging: render every block every time

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        self.config_file_path = config_file_path
        cfg, problems = SiteConfig.from_mapping(options)
        self.site_config = cfg
        self.pages_options, more = parse_pages(cfg.pages if isinstance(cfg.pages, dict) else {})
        problems += more
        errors: base.ConfigErrors = [(f.field or "zwgk", ValidationError(f"{f.message}。{f.hint}"))
                                     for f in problems if f.is_error]
        warnings: base.ConfigWarnings = [(f.field or "zwgk", f"{f.message}。{f.hint}") for f in problems if not f.is_error]
        return errors, warnings

    # -- config --------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent.resolve()
        docs_rel = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        cfg = apply_env_today(SiteConfig(**{**self.site_config.__dict__, "docs_dir": docs_rel}))
        self.project = Project(root, Path(config.config_file_path), cfg, config.site_name, dict(config.extra))
        if config.nav is None:
            columns, _, _ = load_columns(root, cfg.columns_file)  # problems are reported once, in on_pre_build
            config.nav = columns_nav(columns)
        if self.pages_options.search:
            try:
                self._pagefind_bin = find_binary()
            except SearchUnavailable as exc:
                raise PluginError(str(exc)) from None
        return config

    # -- gates ---------------------------------------------------------------------------
    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.project is not None
        result = check_project(self.project, gov_identity_findings(config.extra))
        self.site = result.site
        for f in result.advisories:
            # Clock warnings (late, urgent review pending, stale column) must not stop publication.
            log.info("提示：" + f.format_text())
        for f in result.blocking_warnings:
            log.warning(f.format_text())
        if result.errors:
            raise PluginError(_error_text(result.errors))
        if config.strict and result.blocking_warnings:
            # Fail before MkDocs cleans site_dir: strict mode would abort at the end anyway.
            raise PluginError(f"严格模式（--strict）下有 {len(result.blocking_warnings)} 个警告，已停止构建（网站未更新）。")
        log.info("%d 条信息通过检查", len(result.site.items) if result.site else 0)

    # -- files ---------------------------------------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self.site
        assert site is not None
        docs_prefix = site.config.docs_dir + "/"
        self._items_by_src, self._specs = {}, {}
        content_items = {i.src_uri: i for i in site.items if i.interpretation_id is None}
        hidden_attachments: set[str] = set()
        attachment_urls: dict[str, str] = {}
        for item in content_items.values():
            if item.is_public(site.today):
                self._items_by_src[item.src_uri] = item
            else:
                hidden_attachments |= {a.rel_path.removeprefix(docs_prefix) for a in item.attachments}
        in_nav = nav_sources(config.nav)
        for file in list(files):
            if file.src_uri in hidden_attachments:
                files.remove(file)
            elif file.is_documentation_page():
                found = content_items.get(file.src_uri)
                if found is not None and not found.is_public(site.today):
                    files.remove(file)  # drafts and scheduled items are never built, not even unlisted
                    continue
                if found is not None:
                    # The gates already split and parsed the front matter: MkDocs gets the body only.
                    file.content_string = found.body
                if found is not None or file.src_uri not in in_nav:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        for interp in site.interpretations.values():
            mat = interp.material
            if mat is None or not mat.is_public(site.today):
                continue
            files.append(File.generated(config, mat.src_uri, content=mat.body, inclusion=InclusionLevel.NOT_IN_NAV))
            self._items_by_src[mat.src_uri] = mat
            folder = mat.src_uri.rsplit("/", 1)[0]
            for att in mat.attachments:
                files.append(File.generated(config, f"{folder}/{att.file}", abs_src_path=str(att.abs_path)))
                attachment_urls[att.rel_path] = f"{folder}/{att.file}"
        for item in self._items_by_src.values():
            self._specs[item.src_uri] = PageSpec("withdrawn" if withdrawal(item) else "item", item=item)
            if item.interpretation_id is None:
                attachment_urls.update({a.rel_path: a.rel_path.removeprefix(docs_prefix) for a in item.attachments})
        diagram.DIAGRAMS.add_files(site, files, config)
        diagram.sanitize_content_images(site, files, config)
        self._add_generated(files, config, site, attachment_urls)
        return files

    def _add_generated(self, files: Files, config: MkDocsConfig, site: Site, attachment_urls: dict[str, str]) -> None:
        opts = self.pages_options
        index = SiteIndex.build(site)
        gov = govmeta.GovSite.from_config(config.extra, config.site_name, config.site_description or "",
                                          config.site_url or "", site.columns)
        self.builder = Builder(site, index, gov, opts, attachment_urls={
            k: (files.get_file_from_path(v).url if files.get_file_from_path(v) else v)  # type: ignore[union-attr]
            for k, v in attachment_urls.items()})
        generated.listing_pages(config, files, site, index, opts, self._specs)
        rows = build_rows(site)
        self.builder.set_catalogue(rows)
        generated.catalogue_files(config, files, site, opts, gov, rows, self._specs)
        generated.feed_files(config, files, site, index, opts, gov)
        generated.redirect_files(config, files, site, config.theme.get_env(), gov, gov.default_column_tags())
        self._specs.setdefault("index.md", PageSpec("home"))
        # Pages that are not in the nav are shown under their column's section (see on_pre_page).
        self._parents = {}
        self._memo = {}
        if self._pagefind_bin is not None:
            self._close_search()
            self._search = PagefindService(self._pagefind_bin)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.site is not None
        for slug in self.site.columns:
            file = files.get_file_from_path(f"{slug}/index.md")
            if file is not None and file.page is not None:
                self._parents[slug] = file.page.parent
        return nav

    # -- pages ---------------------------------------------------------------------------
    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        spec = self._specs.get(page.file.src_uri)
        if spec is not None and page.parent is None and not page.file.inclusion.is_in_nav():
            slug = spec.item.column if spec.item else (spec.column.slug if spec.column else None)
            if slug is not None:
                # The column's section opens in the nav (Material marks it active) without listing the page.
                page.parent = self._parents.get(slug)
        return page

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self._specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        if spec.item is not None:
            page.meta = {**spec.item.meta, **page.meta}
            page.meta.setdefault("description", spec.item.summary)
        template = {"item": "zwgk/item.html", "withdrawn": "zwgk/withdrawn.html", "column": "zwgk/column.html",
                    "home": "zwgk/home.html", "catalogue": "zwgk/catalogue.html",
                    "catalogue_year": "zwgk/catalogue-year.html"}.get(spec.kind)
        if template:
            page.meta.setdefault("template", template)
        if spec.kind in ("column", "home", "catalogue", "catalogue_year"):
            page.meta.setdefault("hide", ["toc"])  # lists and tables need the width; they have no sections
        if spec.kind == "withdrawn":
            return ""  # the notice replaces the withdrawn text: it is no longer published
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self._specs.get(page.file.src_uri)
        if self._search is not None and spec is not None and spec.kind == "item" and spec.item is not None:
            assert self.site is not None
            self._search.add("/" + page.url, generated.item_search_document(self.site, spec.item, html))
        return html

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        assert self.builder is not None
        b = self.builder
        env.globals["zwgk_site"] = {
            "tags": b.gov.site_tags() + b.gov.default_column_tags(), "footer": b.gov.footer(),
            "search_enabled": self.pages_options.search,
            # Filter choices are known at build time: the search box needs no extra request for them.
            "search_columns": [c.name for c in sorted(b.site.columns.values(), key=lambda c: c.order)
                               if b.index.items(c.slug)],
            "search_years": list(b.catalogue_years),
        }
        env.globals["zwgk_memo"] = self._memoize
        if self._search is not None:
            # Every item page has been sent: Pagefind writes its bundle while MkDocs renders templates.
            self._search_write = self._search.start_writing(Path(config.site_dir) / "pagefind")
        return env

    def _memoize(self, key: str, caller: Any) -> Markup:
        """Render a block once per key: the nav of every unlisted page in one folder is the same HTML."""
        hit = self._memo.get((key,))
        if hit is None or self._no_memo:
            hit = self._memo[(key,)] = Markup(caller())
        return hit

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        assert self.builder is not None
        spec = self._specs.get(page.file.src_uri)
        extra = cast(dict[str, Any], context)  # TemplateContext is a TypedDict of MkDocs' own keys
        extra["zwgk"] = self.builder.for_page(spec or PageSpec("page"))
        if not page.file.inclusion.is_in_nav():
            # Same folder, same depth, same (inactive) nav: identical nav HTML, rendered once.
            folder = posixpath.dirname(page.url.rstrip("/"))
            extra["zwgk_nav_key"] = f"{folder}|{id(page.parent)}"
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._search is not None and self._search_write is not None:
            out = Path(config.site_dir) / "pagefind"
            pages = self._search.pages
            started = time.perf_counter()
            try:
                self._search.finish(self._search_write, out)
            except RuntimeError as exc:
                raise PluginError(str(exc)) from None
            finally:
                self._search, self._search_write = None, None
            log.info("站内搜索索引已生成（%s，%d 个页面；构建结束后又等待 %.1f 秒）", out, pages,
                     time.perf_counter() - started)

    def on_build_error(self, error: Exception) -> None:
        self._close_search()

    def on_shutdown(self) -> None:
        self._close_search()

    def _close_search(self) -> None:
        if self._search is not None:
            self._search.close()
            self._search, self._search_write = None, None
