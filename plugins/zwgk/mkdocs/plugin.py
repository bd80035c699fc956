"""The ``zwgk`` MkDocs plugin: gates before anything is written, then the public pages.

Event plan (mkdocs-notes.md §1.1, docs/site.md):
- ``load_config``: the plugin options go through the core schema (one schema for build and CLI);
  the ``pages:`` keys are checked here.
- ``on_config``: nav from the 栏目任务分解表 (never from items).
- ``on_pre_build``: load the repository and run every rule. Runs *before* MkDocs cleans
  ``site_dir``, so a blocked build leaves the last good site untouched. As soon as the repository
  is loaded, the search index starts in a process of its own (it depends on the data only).
- ``on_files``: drop drafts and scheduled items, keep items out of the nav, add generated pages
  (column lists and their pages, catalogue, interpretation pages) and files (feeds, catalogue
  data, redirects).
- ``on_nav``: everything every page needs is known: for large sites, helper processes render
  shares of the item pages from here on (parallel.py).
- ``on_page_markdown``/``on_page_context``: each page gets its template and its ``zwgk`` context.
- ``on_post_build``: wait for those processes; any failure or warning of theirs fails the build.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import sys
from pathlib import Path
from typing import Any, cast

import jinja2
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core.catalogue import build_rows
from ..core.columns import load_columns
from ..core.config import PagesOptions, SiteConfig
from ..core.findings import Finding
from ..core.inventory import published_files
from ..core.mdrender import TOO_DEEP
from ..core.model import Item, Site
from ..core.pipeline import check_project
from ..core.preview import findings_banner, pages_for_findings
from ..core.project import Project, apply_env_today
from ..core.rules.pages import gov_identity_findings, withdrawal
from ..core.rules.publish import governed_pages
from ..core.searchdocs import index_findings, site_docs
from ..core.searchindex import write_index
from . import blocks, diagram, generated, govmeta, parallel, sitemap, staging, verify
from .context import Builder, PageSpec
from .listing import SiteIndex
from .navigation import columns_nav, nav_sources

log = get_plugin_logger(__name__)
# Material's own search (lunr, its language packs and its web worker, ~1.2 MB) is copied with the
# theme although zwgk's search replaces it: left out unless Material's search plugin is configured.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
NOT_FOUND_TITLE = "页面不存在"  # the 404 page's title and ColumnName (overrides/404.html)
SEARCH_DIR = "search"  # the index and its script, under site_dir (overrides/partials/zwgk-search.html)
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _error_text(errors: list[Finding]) -> str:
    lines = [f"zwgk 检查发现 {len(errors)} 个问题，已停止构建（网站未更新）："]
    lines += ["  " + f.format_text() for f in errors]
    lines.append("修正后重新构建；也可运行 zwgk check 查看全部问题。")
    return "\n".join(lines)


def published_items(site: Site) -> list[Item]:
    """Items that get a page — public content items and public interpretation materials — for the
    pages (on_files) and the search index alike."""
    items = [i for i in site.items if i.interpretation_id is None and i.is_public(site.today)]
    items += [t.material for t in site.interpretations.values()
              if t.material is not None and t.material.is_public(site.today)]
    return items


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
        self._no_memo = os.environ.get("ZWGK_MEMO") == "0"  # debugging: render every block every time
        self._command: str | None = None
        self._fork: parallel.Fork | None = None
        self.gate = verify.OutputGate()  # what MkDocs writes, checked as written
        self._stage: staging.Stage | None = None  # build/gh-deploy write here; swapped in by on_shutdown
        self._staged_config: MkDocsConfig | None = None
        # `mkdocs serve` shows the gate's findings on the pages they concern instead of stopping: a
        # failed serve rebuild leaves the browser waiting with the error only in the terminal.
        self._serving = False
        self._local_findings: dict[str, list[Finding]] = {}  # src_uri -> findings shown on that page

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = None if dirty else command  # only a clean `mkdocs build` renders in parallel
        self._serving = command == "serve"
        self._stage = None  # a clean build or gh-deploy is staged (a dirty build adds to site_dir in place)

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        self.config_file_path = config_file_path
        cfg, problems = SiteConfig.from_mapping(options)
        self.site_config = cfg
        self.pages_options = cfg.pages
        errors: base.ConfigErrors = [(f.field or "zwgk", ValidationError(f"{f.message}。{f.hint}"))
                                     for f in problems if f.is_error]
        warnings: base.ConfigWarnings = [(f.field or "zwgk", f"{f.message}。{f.hint}") for f in problems if not f.is_error]
        return errors, warnings

    # -- config --------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._stage is None and self._staged_config is None:
            self._stage = staging.begin(config.site_dir, self._command)
            if self._stage is not None:
                self._staged_config = config
                config.site_dir = str(self._stage.site)  # everything, forked helpers included, writes here
        root = Path(config.config_file_path).parent.resolve()
        docs_rel = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        cfg = apply_env_today(SiteConfig(**{**self.site_config.__dict__, "docs_dir": docs_rel}))
        exts = tuple({name: config.mdx_configs[name]} if name in (config.mdx_configs or {}) else name
                     for name in config.markdown_extensions if isinstance(name, str))
        self.project = Project(root, Path(config.config_file_path), cfg, config.site_name, dict(config.extra),
                               exts, config.site_url or "")
        if config.nav is None:
            columns, _, _ = load_columns(root, cfg.columns_file)  # problems are reported once, in on_pre_build
            config.nav = columns_nav(columns)
        return config

    # -- gates ---------------------------------------------------------------------------
    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.project is not None
        self._fork = None
        result = check_project(self.project, gov_identity_findings(config.extra),
                               on_loaded=lambda site: self._start_search(site, config))
        self.site = result.site
        for f in result.advisories:
            # Clock warnings (late, urgent review pending, stale column) must not stop publication.
            log.info("提示：" + f.format_text())
        self._local_findings = {}
        if self._serving and result.site is not None:
            self._show_locally([*result.errors, *result.blocking_warnings])
            return
        for f in result.blocking_warnings:
            log.warning(f.format_text())
        if result.errors:
            raise PluginError(_error_text(result.errors))
        if config.strict and result.blocking_warnings:
            # Fail before MkDocs cleans site_dir: strict mode would abort at the end anyway.
            raise PluginError(f"严格模式（--strict）下有 {len(result.blocking_warnings)} 个警告，已停止构建（网站未更新）。")
        log.info("%d 条信息通过检查", len(result.site.items) if result.site else 0)

    def _show_locally(self, findings: list[Finding]) -> None:
        """Serve mode: each finding goes on its page as a banner (core/preview.py, shared with
        ``zwgk preview``) and in the log at INFO, so ``strict: true`` cannot turn it into a failed
        rebuild. ``mkdocs build`` never gets here: publishing still refuses."""
        assert self.site is not None
        self._local_findings = pages_for_findings(self.site, findings)
        for f in findings:
            log.info("仅本地预览（正式构建会拒绝）：" + f.format_text())
        if findings:
            log.info("仅本地预览：%d 个问题显示在相关页面顶部；mkdocs build 会拒绝构建，修正后才能发布", len(findings))

    # -- files ---------------------------------------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self.site
        assert site is not None
        docs_prefix = site.config.docs_dir + "/"
        self._items_by_src = {i.src_uri: i for i in published_items(site)}
        self._specs = {}
        content_items = {i.src_uri: i for i in site.items if i.interpretation_id is None}
        hidden_attachments = {a.rel_path.removeprefix(docs_prefix) for i in content_items.values()
                              if i.src_uri not in self._items_by_src for a in i.attachments}
        attachment_urls: dict[str, str] = {}
        in_nav = nav_sources(config.nav)
        material_search = "search" in config.plugins or "material/search" in config.plugins
        docs_real = Path(config.docs_dir).resolve()
        for file in list(files):
            if (not material_search and file.src_uri.startswith(MATERIAL_SEARCH_ASSETS) and not file.generated_by
                    and file.abs_src_path and not Path(file.abs_src_path).resolve().is_relative_to(docs_real)):
                files.remove(file)  # a theme file: never written, so the output gate expects none
            elif file.src_uri in hidden_attachments:
                files.remove(file)
            elif file.is_documentation_page():
                found = content_items.get(file.src_uri)
                if found is not None and found.src_uri not in self._items_by_src:
                    files.remove(file)  # drafts and scheduled items are never built, not even unlisted
                    continue
                if found is not None:
                    # The gates already split and parsed the front matter: MkDocs gets the body only.
                    file.content_string = found.body
                if found is not None or file.src_uri not in in_nav:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        for mat in self._items_by_src.values():
            if mat.interpretation_id is None:
                continue  # content items are files in docs_dir already; materials are generated
            files.append(File.generated(config, mat.src_uri, content=mat.body, inclusion=InclusionLevel.NOT_IN_NAV))
            folder = mat.src_uri.rsplit("/", 1)[0]
            for att in mat.attachments:
                files.append(File.generated(config, f"{folder}/{att.file}", abs_src_path=str(att.abs_path)))
                attachment_urls[att.rel_path] = f"{folder}/{att.file}"
        for item in self._items_by_src.values():
            self._specs[item.src_uri] = PageSpec("withdrawn" if withdrawal(item) else "item", item=item)
            if item.interpretation_id is None:
                attachment_urls.update({a.rel_path: a.rel_path.removeprefix(docs_prefix) for a in item.attachments})
        diagram.DIAGRAMS.add_files(site, files, config)
        allowed_docs = self._allowed_docs(site)  # before images are re-encoded (they become generated)
        diagram.sanitize_content_images(site, files, config)
        self._add_generated(files, config, site, attachment_urls)
        self.gate.begin(site, config, self._items_by_src.values(), site.config.scan)
        self.gate.expect(files, Path(config.docs_dir), allowed_docs)
        return parallel.ShardedFiles(files)

    def _allowed_docs(self, site: Site) -> set[str]:
        """docs_dir files that may be published: public item pages, governed pages, the attachments and
        images of public items (core/inventory.py decides what is governed; this is the build's list)."""
        prefix = site.config.docs_dir + "/"
        # The pages the review gate governs, exactly (not "any index.md": content/page/a/index.md is
        # in no column and was published unreviewed); any other Markdown file is unexpected output.
        allowed = {p.path.removeprefix(prefix) for p in governed_pages(site)}
        for item in self._items_by_src.values():
            if item.interpretation_id is not None:
                continue
            allowed.add(item.src_uri)
            allowed.update(published_files(site, item))
        return allowed

    def _add_generated(self, files: Files, config: MkDocsConfig, site: Site, attachment_urls: dict[str, str]) -> None:
        opts = self.pages_options
        index = SiteIndex.build(site)
        gov = govmeta.GovSite.from_config(config.extra, config.site_name, config.site_description or "",
                                          config.site_url or "", site.columns)
        self.builder = Builder(site, index, gov, opts, attachment_urls={
            k: (files.get_file_from_path(v).url if files.get_file_from_path(v) else v)  # type: ignore[union-attr]
            for k, v in attachment_urls.items()}, blocks=blocks.ITEM_BLOCKS)
        self.builder.images = self._item_images(files)
        generated.listing_pages(config, files, site, index, opts, self._specs)
        rows = build_rows(site)
        self.builder.set_catalogue(rows)
        generated.catalogue_files(config, files, site, opts, gov, rows, self._specs)
        generated.feed_files(config, files, site, index, opts, gov)
        generated.sitemap_page(config, files, self._specs)
        generated.redirect_files(config, files, site, config.theme.get_env(), gov, gov.default_column_tags())
        self._specs.setdefault("index.md", PageSpec("home"))
        # Pages that are not in the nav are shown under their column's section (see on_pre_page).
        self._parents = {}
        self._memo = {}

    def _item_images(self, files: Files) -> dict[str, str]:
        """Each item page's picture for its ``Image`` tag: its 图解, else the body's first picture
        when that is a file the site publishes (an external or missing picture is no page image)."""
        out: dict[str, str] = {}
        for uri, item in self._items_by_src.items():
            target = diagram.DIAGRAMS.images.get(uri)
            if target is None:
                lead = govmeta.lead_image(item.body).split("#", 1)[0].split("?", 1)[0]
                if not lead or "://" in lead or lead.startswith(("/", "data:")):
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), lead))
            file = files.get_file_from_path(target)
            if file is not None:
                out[uri] = file.url
        return out

    @event_priority(-100)  # last: the fork below must see the nav every plugin has finished
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.site is not None
        for slug in self.site.columns:
            file = files.get_file_from_path(f"{slug}/index.md")
            if file is not None and file.page is not None:
                self._parents[slug] = file.page.parent
        self._start_workers(config, files)
        return nav

    def _start_search(self, site: Site, config: MkDocsConfig) -> None:
        """The search index depends on the repository only: it is written in a process of its own
        from here on, while the rules run and MkDocs renders, into a folder moved into site_dir at
        the end (MkDocs empties site_dir after this event). A build the rules stop discards it."""
        if not self.pages_options.search or parallel.why_single(config, self._command) is not None:
            return  # written in on_post_build, in this process
        fork = self._begin_fork(config)
        if fork is not None:
            self._fork = fork
            fork.aside("站内搜索索引", lambda: self._write_search(site, config, fork.tmp / SEARCH_DIR))

    def _start_workers(self, config: MkDocsConfig, files: Files) -> None:
        """Helper processes render shares of the item pages (parallel.py)."""
        items = sorted(uri for uri, spec in self._specs.items() if spec.item is not None)
        workers = parallel.worker_count(self.pages_options.workers, len(items))
        why = parallel.why_single(config, self._command)
        if workers <= 1 or why is not None or not isinstance(files, parallel.ShardedFiles):
            log.debug("单进程渲染：%s", why or f"{len(items)} 个条目页面")
            return
        fork = self._fork or self._begin_fork(config)
        if fork is None:
            return
        log.info("%d 个进程并行渲染 %d 个条目页面", workers, len(items))
        self._fork = fork.render(files, config, parallel.split(items, workers))

    @staticmethod
    def _begin_fork(config: MkDocsConfig) -> parallel.Fork | None:
        """The staging folder beside site_dir; None (one process, same result) when it cannot be made."""
        try:
            return parallel.Fork.begin(Path(config.site_dir).parent)
        except OSError as exc:
            log.info("不能在 site_dir 旁边建立临时文件夹（%s），改为单进程构建", exc)
            return None

    def _write_search(self, site: Site, config: MkDocsConfig, out: Path) -> None:
        """Index every published item page; withdrawn ones are not searchable (their text is gone)."""
        items = [i for i in published_items(site) if not withdrawal(i)]
        urls = {i.src_uri: File(i.src_uri, src_dir=None, dest_dir=config.site_dir,
                                use_directory_urls=config.use_directory_urls).url for i in items}
        items = [i for i in items if i.src_uri in urls]
        docs = site_docs(site, urls, items)
        problems = [f for f in index_findings(site, items, docs, site.config.scan) if f.is_error]
        if problems:
            for f in problems:
                log.error(f.format_text())
            raise ValueError(f"站内搜索索引的文字中有 {len(problems)} 个问题（见上文），索引未生成")
        stats = write_index(docs, out)
        log.info("站内搜索索引：%d 个页面，%d 个文件", stats.docs, stats.files)

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
        local = self._local_findings.get(page.file.src_uri, ())
        body = self._page_markdown(markdown, page)
        if any(f.rule == TOO_DEEP for f in local):
            body = ""  # serve only: a body Markdown cannot convert would stop the preview; the banner says why
        return findings_banner(local) + body

    def _page_markdown(self, markdown: str, page: Page) -> str:
        spec = self._specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        if spec.item is not None:
            page.meta = {**spec.item.meta, **page.meta}
            if spec.kind == "withdrawn":
                # The notice's own title; no description of the withdrawn text; not for search engines.
                page.meta["title"] = f"{govmeta.WITHDRAWN_PREFIX}{spec.item.title}"
                page.meta.pop("description", None)
                page.meta["robots"] = "noindex"
            else:
                page.meta.setdefault("description", spec.item.summary)
        template = {"item": "zwgk/item.html", "withdrawn": "zwgk/withdrawn.html", "column": "zwgk/column.html",
                    "home": "zwgk/home.html", "catalogue": "zwgk/catalogue.html",
                    "catalogue_year": "zwgk/catalogue-year.html", "sitemap": "zwgk/sitemap.html"}.get(spec.kind)
        if template:
            page.meta.setdefault("template", template)
        if spec.kind in ("column", "home", "catalogue", "catalogue_year", "sitemap"):
            page.meta.setdefault("hide", ["toc"])  # lists and tables need the width; they have no sections
        if spec.kind == "withdrawn":
            return ""  # the notice replaces the withdrawn text: it is no longer published
        return markdown

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        assert self.builder is not None
        b = self.builder
        env.globals["zwgk_site"] = {
            # Only the static 404 page has no page data of its own: its own column tags, not 首页's.
            "tags": b.gov.site_tags() + b.gov.default_column_tags(NOT_FOUND_TITLE, "其他", "您访问的页面不存在或已被移除"),
            "not_found_title": NOT_FOUND_TITLE, "footer": b.gov.footer(),
            "footer_links": b.gov.footer_links(),
            "search_enabled": self.pages_options.search,
            # Filter choices are known at build time: the search box needs no extra request for them.
            "search_columns": [c.name for c in sorted(b.site.columns.values(), key=lambda c: c.order)
                               if b.index.items(c.slug)],
            "search_years": list(b.catalogue_years),
        }
        env.globals["zwgk_memo"] = self._memoize
        if self._fork is not None and not self._fork.is_helper and isinstance(files, parallel.ShardedFiles):
            parallel.pages_for_sitemap(files, config, files.elsewhere)
        # sitemap.xml: withdrawn notices left out, lastmod from the items' dates (sitemap.py).
        plan = sitemap.plan(self._specs, b.index, b.catalogue_years)
        env.globals["zwgk_sitemap"] = {"skip": plan.skip, "lastmod": plan.lastmod}
        theme = [env.loader] if env.loader is not None else []
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({"sitemap.xml": sitemap.TEMPLATE}), *theme])
        return env

    def _memoize(self, key: str, caller: Any) -> Markup:
        """Render a block once per key: the nav of every unlisted page in one folder is the same HTML."""
        hit = self._memo.get((key,))
        if hit is None or self._no_memo:
            hit = self._memo[(key,)] = Markup(caller())
        self.gate.block(str(hit))
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
        fork, self._fork = self._fork, None
        if fork is not None and fork.is_helper:
            parallel.finish_helper(fork, self.gate.payload())  # does not return
        warnings = 0
        if fork is None:
            if self.pages_options.search:
                assert self.site is not None
                try:
                    self._write_search(self.site, config, Path(config.site_dir) / SEARCH_DIR)
                except (ValueError, OSError) as exc:
                    raise PluginError(f"站内搜索索引生成失败：{exc}") from None
        else:
            try:
                payloads, warnings, failures = parallel.collect(fork)
                if failures:
                    raise PluginError("；".join(failures) + "。网站输出不完整，请修正后重新构建。")
                self.gate.merge(payloads)
                staged = fork.tmp / SEARCH_DIR
                if staged.is_dir():
                    target = Path(config.site_dir) / SEARCH_DIR
                    shutil.rmtree(target, ignore_errors=True)
                    staged.rename(target)
            finally:
                parallel.cleanup(fork)
        if warnings:
            # Counted here too, so that strict mode stops the build as it would in one process.
            log.warning("并行渲染的页面中有 %d 个警告（见上文）", warnings)
        self._verify_output(config)

    def _verify_output(self, config: MkDocsConfig) -> None:
        """The finished site, as written: every file expected, every page checked (verify.py)."""
        extra = [f"{SEARCH_DIR}/", *config.theme.static_templates, *config.extra_templates]
        self.gate.walk_site(Path(config.site_dir), extra)
        # Verdicts for the next build (kept even when this one fails: they are facts about their input).
        self.gate.bodies.save()
        self.gate.pages.save()
        log.info("发布内容检查：%d 个页面，处理器时间 %.2f s（各进程合计）", len(self.gate.checked), self.gate.seconds)
        errors = sorted(set(f for f in self.gate.findings if f.is_error))
        for f in sorted(set(f for f in self.gate.findings if not f.is_error)):
            (log.info if self._serving else log.warning)(f.format_text())
        if errors and self._serving:
            for f in errors:  # the pages are written already: the terminal is the place for these
                log.info("仅本地预览（正式构建会拒绝）：" + f.format_text())
        elif errors:
            raise PluginError(_error_text(errors).replace("已停止构建", "发布内容检查未通过，已停止构建"))

    @event_priority(-100)  # last: check and clean the body exactly as it will be written
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.gate.page_content(html, page)

    @event_priority(-100)  # last: nothing may change the page after it was checked
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.gate.post_page(output, page)
        return output

    def on_build_error(self, error: Exception) -> None:
        if self._stage is not None:
            self._stage.failed = True  # on_shutdown drops the stage: the last good site stays
        failure = staging.describe(error, self._source_path)
        message = failure.text(staged=self._stage is not None)
        fork, self._fork = self._fork, None
        if fork is not None and fork.is_helper:
            # MkDocs would log this after the event, but a helper never returns from it.
            log.error("并行渲染进程 %d：%s", fork.worker, message,
                      exc_info=os.environ.get(staging.DEBUG_ENV) == "1")
            parallel.fail_helper(fork)
        if fork is not None:
            parallel.abandon(fork)
        if not isinstance(error, PluginError):  # the gates' own message is already the whole story
            log.error(message)
        if not isinstance(error, (BuildError, Abort)):
            staging.quiet_traceback(error, "（详细信息：设置环境变量 ZWGK_DEBUG=1 后重新构建）")

    def _source_path(self, src_uri: str) -> str:
        """The repository file behind a page, for messages (items and interpretation materials)."""
        item = self._items_by_src.get(src_uri)
        if item is not None:
            return item.path
        docs = self.site.config.docs_dir if self.site is not None else self.site_config.docs_dir
        return f"{docs}/{src_uri}"

    def on_shutdown(self) -> None:
        """Swap the staged site in only when the whole build succeeded (MkDocs raises the strict-mode
        Abort after on_post_build, and calls this in ``finally``): staging.py."""
        stage, self._stage = self._stage, None
        config, self._staged_config = self._staged_config, None
        if stage is None or config is None:
            return
        ok = not stage.failed and sys.exc_info()[0] is None  # Ctrl-C skips on_build_error
        try:
            staging.finish(stage, ok=ok)
        except OSError as exc:
            raise Abort(f"新网站未能替换 {stage.configured}（{exc}）；旧网站保持不变，请检查权限后重新构建") from None
        finally:
            config.site_dir = stage.configured  # gh-deploy reads it after this event
