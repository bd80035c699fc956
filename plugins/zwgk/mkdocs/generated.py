"""Files the plugin adds in ``on_files``: listing pages, catalogue pages and data, feeds, redirects.

Generated pages are ``NOT_IN_NAV`` (like Material's blog pagination): they are built and linked,
but no page's navigation lists them. Their content is a heading only; the templates in
``overrides/zwgk/`` render the lists from :mod:`zwgk.mkdocs.context`.
"""

from __future__ import annotations

from html import escape

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core import catalogue as cat
from ..core.config import PagesOptions
from ..core.model import Site
from ..core.rules.pages import redirect_paths
from . import feeds, govmeta
from .context import CATALOGUE_URL, PageSpec
from .listing import SiteIndex, page_count
from .render import rel_url


def _page(config: MkDocsConfig, files: Files, src: str, title: str, *, in_nav: bool = False) -> None:
    content = f"# {_md_text(title)}\n"
    existing = files.get_file_from_path(src)
    if existing is not None:
        return
    files.append(File.generated(config, src, content=content,
                                inclusion=InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV))


def listing_pages(config: MkDocsConfig, files: Files, site: Site, index: SiteIndex, opts: PagesOptions,
                  specs: dict[str, PageSpec]) -> None:
    """Column page 1 (``<slug>/index.md``, kept if hand-written) and pages 2…N (``<slug>/page/N.md``)."""
    for slug, col in site.columns.items():
        src = f"{slug}/index.md"
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=f"# {_md_text(col.name)}\n\n{_md_text(col.description)}\n"))
        specs[src] = PageSpec("column", column=col, number=1)
        for n in range(2, page_count(len(index.items(slug)), opts.page_size) + 1):
            page_src = f"{slug}/page/{n}.md"
            _page(config, files, page_src, f"{col.name}（第 {n} 页）")
            specs[page_src] = PageSpec("column", column=col, number=n)


def catalogue_files(config: MkDocsConfig, files: Files, site: Site, opts: PagesOptions, gov: govmeta.GovSite,
                    rows: list[cat.Row], specs: dict[str, PageSpec]) -> None:
    """The 目录 page, one static page per year (paginated), the downloads and the JSON shards."""
    _page(config, files, f"{CATALOGUE_URL}index.md", "政府信息公开目录", in_nav=True)
    specs[f"{CATALOGUE_URL}index.md"] = PageSpec("catalogue")
    for year, year_rows in cat.rows_by_year(rows).items():
        for n in range(1, page_count(len(year_rows), opts.catalogue_page_size) + 1):
            src = f"{CATALOGUE_URL}{year}/index.md" if n == 1 else f"{CATALOGUE_URL}{year}/page/{n}.md"
            _page(config, files, src, f"政府信息公开目录（{year} 年）" + (f"（第 {n} 页）" if n > 1 else ""))
            specs[src] = PageSpec("catalogue_year", number=n, year=year)
    _static(config, files, f"{CATALOGUE_URL}catalogue.csv", cat.to_csv(rows, gov.site_url))
    _static(config, files, f"{CATALOGUE_URL}catalogue.json", cat.to_json(rows, gov.site_url))
    order = {c.slug: c.name for c in sorted(site.columns.values(), key=lambda c: c.order)}
    shards = cat.build_shards(rows, order)
    _static(config, files, f"{CATALOGUE_URL}data/index.json", cat.dumps(shards.index, compact=True))
    for name, data in shards.files.items():
        _static(config, files, f"{CATALOGUE_URL}data/{name}", data)


def feed_files(config: MkDocsConfig, files: Files, site: Site, index: SiteIndex, opts: PagesOptions,
               gov: govmeta.GovSite) -> list[tuple[str, str]]:
    """``feeds/atom.xml`` (whole 专栏) and ``feeds/<slug>.xml``; returns (title, path) pairs."""
    names = {slug: c.name for slug, c in site.columns.items()}
    author = gov.values.get("host") or site.config.publisher or gov.site_name
    out = [(f"{gov.site_name} 政务公开", "feeds/atom.xml")]
    whole = feeds.Feed("feeds/atom.xml", out[0][0], "全部栏目最新信息", "")
    _static(config, files, whole.path, feeds.atom(whole, index.listed[:opts.feed_items], gov.site_url, author, names))
    for slug, col in sorted(site.columns.items(), key=lambda kv: kv[1].order):
        feed = feeds.Feed(f"feeds/{slug}.xml", f"{gov.site_name} {col.name}", col.description, f"{slug}/")
        # A parent column's feed carries its sub-columns' items: 法定主动公开内容 has none of its own.
        entries = index.subtree_items(slug, opts.feed_items)
        _static(config, files, feed.path, feeds.atom(feed, entries, gov.site_url, author, names))
        out.append((col.name, feed.path))
    return out


def sitemap_page(config: MkDocsConfig, files: Files, specs: dict[str, PageSpec]) -> None:
    """The 网站地图 (linked from every footer): columns, their listing pages and the catalogue years —
    one line per column and year, never one per item, so it stays small at any number of items."""
    src = f"{govmeta.SITEMAP_URL}index.md"
    _page(config, files, src, "网站地图")
    specs[src] = PageSpec("sitemap")


def redirect_files(config: MkDocsConfig, files: Files, site: Site, env: jinja2.Environment, gov: govmeta.GovSite,
                   base_tags: govmeta.Tags) -> int:
    """A static page at every ``redirect_from`` path: meta refresh, canonical link and a visible link."""
    template = env.get_template("zwgk/redirect.html")
    footer = gov.footer()  # the identity lines, as text: a stub has no stylesheet and no relative base
    count = 0
    for item in site.items:
        if not item.is_public(site.today):
            continue
        col = site.columns.get(item.column)
        tags = gov.site_tags() + (govmeta.column_tags(col) if col else base_tags)
        for old in redirect_paths(item):  # files: old/page.html as itself, old/name/ as old/name/index.html
            target = rel_url(old.rsplit("/", 1)[0] + "/" if "/" in old else "", item.url)
            page = template.render(title=item.title, target=target, canonical=gov.absolute(item.url) or target,
                                   tags=tags, site_name=gov.site_name, lang="zh-CN", footer=footer)
            _static(config, files, old, page.encode("utf-8"))
            count += 1
    return count


def _md_text(text: str) -> str:
    """Configuration text (column names and descriptions) as Markdown text, never as raw HTML:
    Python-Markdown passes HTML through, so ``<`` ``>`` ``&`` and quotes are written as entities."""
    return escape(str(text), quote=True)


def _static(config: MkDocsConfig, files: Files, src: str, content: bytes) -> None:
    existing = files.get_file_from_path(src)
    if existing is not None:
        files.remove(existing)  # generated data wins over a stale copy in docs_dir
    files.append(File.generated(config, src, content=content))
