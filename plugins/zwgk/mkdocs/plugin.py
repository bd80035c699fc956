"""The ``zwgk`` MkDocs plugin: gates before anything is written, then generated pages.

Event plan (mkdocs-notes.md §1.1):
- ``load_config``: the plugin options go through the core schema (one schema for build and CLI).
- ``on_config``: nav from the 栏目任务分解表 (never from items).
- ``on_pre_build``: load the repository and run every rule. Runs *before* MkDocs cleans
  ``site_dir``, so a blocked build leaves the last good site untouched.
- ``on_files``: drop drafts and scheduled items, keep items out of the nav, add generated pages
  (column indexes, interpretation pages and their files).
- ``on_page_markdown``: item header, 双向关联 links, attachment list, column listings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core.columns import load_columns
from ..core.config import SiteConfig
from ..core.findings import Finding
from ..core.model import Item, Site
from ..core.pipeline import check_project
from ..core.project import Project, apply_env_today
from . import render

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
        self.site: Site | None = None
        self.project: Project | None = None
        self._config_findings: list[Finding] = []
        self._items_by_src: dict[str, Item] = {}

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        self.config_file_path = config_file_path
        cfg, problems = SiteConfig.from_mapping(options)
        self.site_config = cfg
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
            config.nav = self._nav(columns)
        return config

    @staticmethod
    def _nav(columns: dict[str, Any]) -> list[Any]:
        def entry(slug: str) -> dict[str, Any]:
            col = columns[slug]
            kids = sorted((c for c in columns.values() if c.parent == slug), key=lambda c: c.order)
            if not kids:
                return {col.name: f"{slug}/index.md"}
            return {col.name: [f"{slug}/index.md", *(entry(k.slug) for k in kids)]}

        tops = sorted((c for c in columns.values() if not c.parent or c.parent not in columns), key=lambda c: c.order)
        return [{"首页": "index.md"}, *(entry(c.slug) for c in tops)]

    # -- gates ---------------------------------------------------------------------------
    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.project is not None
        result = check_project(self.project)
        self.site = result.site
        for f in result.warnings:
            log.warning(f.format_text())
        if result.errors:
            raise PluginError(_error_text(result.errors))
        if config.strict and result.warnings:
            # Fail before MkDocs cleans site_dir: strict mode would abort at the end anyway.
            raise PluginError(f"严格模式（--strict）下有 {len(result.warnings)} 个警告，已停止构建（网站未更新）。")
        log.info("%d 条信息通过检查", len(result.site.items) if result.site else 0)

    # -- files ---------------------------------------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self.site
        assert site is not None
        docs_prefix = site.config.docs_dir + "/"
        self._items_by_src = {}
        content_items = {i.src_uri: i for i in site.items if i.interpretation_id is None}
        hidden_attachments: set[str] = set()
        for item in content_items.values():
            if item.is_public(site.today):
                self._items_by_src[item.src_uri] = item
            else:
                hidden_attachments |= {a.rel_path.removeprefix(docs_prefix) for a in item.attachments}
        in_nav = self._nav_sources(config)
        for file in list(files):
            if file.src_uri in hidden_attachments:
                files.remove(file)
            elif file.is_documentation_page():
                found = content_items.get(file.src_uri)
                if found is not None and not found.is_public(site.today):
                    files.remove(file)  # drafts and scheduled items are never built, not even unlisted
                elif found is not None or file.src_uri not in in_nav:
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        for slug, col in site.columns.items():
            src = f"{slug}/index.md"
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, content=f"# {col.name}\n\n{col.description}\n"))
        for interp in site.interpretations.values():
            mat = interp.material
            if mat is None or not mat.is_public(site.today):
                continue
            text = (site.root / mat.path).read_text(encoding="utf-8-sig")
            files.append(File.generated(config, mat.src_uri, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
            self._items_by_src[mat.src_uri] = mat
            base = mat.src_uri.rsplit("/", 1)[0]
            for att in mat.attachments:
                files.append(File.generated(config, f"{base}/{att.file}", abs_src_path=str(att.abs_path)))
        return files

    @staticmethod
    def _nav_sources(config: MkDocsConfig) -> set[str]:
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

        walk(config.nav)
        return out

    # -- pages ---------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        site = self.site
        assert site is not None
        src = page.file.src_uri
        item = self._items_by_src.get(src)
        if item is not None:
            uri_for = self._attachment_uris(item)
            return (render.item_header(site, item) + markdown + render.related_links(site, item)
                    + render.attachments_block(item, uri_for))
        slug = src[:-len("/index.md")] if src.endswith("/index.md") else None
        if slug in site.columns:
            return markdown + render.column_listing(site, site.columns[slug], src)
        return markdown

    def _attachment_uris(self, item: Item) -> dict[str, str]:
        assert self.site is not None
        if item.interpretation_id:
            base = item.src_uri.rsplit("/", 1)[0]
            return {a.rel_path: f"{base}/{a.file}" for a in item.attachments}
        prefix = self.site.config.docs_dir + "/"
        return {a.rel_path: a.rel_path.removeprefix(prefix) for a in item.attachments}
