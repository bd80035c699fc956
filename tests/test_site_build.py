"""The public site of the demo, built for real: meta tags, nav, sitemap, search, generated pages.

One ``mkdocs build --strict`` of a demo copy (module fixture); "today" is fixed by support.DEMO_TODAY.
"""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pytest
from support import copy_demo, mkdocs_build, run_check, search_urls

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource")
META = re.compile(r'<meta name="([A-Za-z]+)" content="([^"]*)">')


def meta_tags(html: str) -> dict[str, str]:
    return dict(META.findall(html))


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "search")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("site") / "repo")
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    return root


def test_every_page_has_site_and_column_tags(built: Path) -> None:
    pages = html_pages(built / "site")
    assert len(pages) > 30
    for page in pages:
        tags = meta_tags(page.read_text(encoding="utf-8"))
        for name in SITE_TAGS + COLUMN_TAGS:
            assert tags.get(name), f"{page}: missing <meta name={name}>"
    home = meta_tags((built / "site/index.html").read_text(encoding="utf-8"))
    assert home["SiteIDCode"] == "4599000001" and home["SiteDomain"] == "zwb.example.gov.cn"


def test_item_pages_have_article_tags(built: Path) -> None:
    tags = meta_tags((built / "site/zcwj/2026-003/index.html").read_text(encoding="utf-8"))
    for name in ARTICLE_TAGS:
        assert tags.get(name), name
    # The demo gives a date without a time: PubDate is the date alone, never an invented 00:00
    # (tests/test_times.py covers a given time and offsets in a real build).
    assert tags["PubDate"] == "2026-03-05"
    assert tags["ColumnName"] == "政策文件" and tags["ColumnType"] == "政策文件"
    assert tags["Url"] == "https://zwb.example.gov.cn/zwgk/zcwj/2026-003/"
    assert "一件事一次办" in tags["Keywords"]
    column = meta_tags((built / "site/zcwj/index.html").read_text(encoding="utf-8"))
    assert column["ColumnName"] == "政策文件" and "ArticleTitle" not in column


def test_item_page_header_and_links(built: Path) -> None:
    html = (built / "site/zcwj/2026-003/index.html").read_text(encoding="utf-8")
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "文号", "发布日期", "有效性", "公开方式"):
        assert f'<th scope="row">{label}</th>' in html
    assert "示政务办规〔2026〕1号" in html
    assert 'data-zwgk-font-step="1"' in html and "data-zwgk-print" in html
    assert 'href="../../zcjd/yijianshi/"' in html
    attach = (built / "site/ysqgk/2026-007/index.html").read_text(encoding="utf-8")
    assert f'href="{quote("政府信息公开申请表.docx")}"' in attach
    assert re.search(r"政府信息公开申请表</a> <span[^>]*>（DOCX，\d+\.\d KB）", attach)


def nav_links(html: str) -> list[str]:
    m = re.search(r'data-md-type="navigation".*?data-md-type="toc"', html, re.S)
    assert m, "no primary nav"
    links = re.findall(r'href="([^"]+)"\s+class="md-nav__link', m[0])
    assert links
    return links


def test_no_page_nav_lists_an_item_or_a_list_page(built: Path) -> None:
    site = built / "site"
    result = run_check(built)
    assert result.site is not None
    unlisted = {i.url for i in result.site.items} | {
        p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("page/*/index.html")}
    unlisted |= {p.parent.relative_to(site).as_posix() + "/" for p in site.glob("catalogue/*/index.html")}
    assert "zcwj/2026-003/" in unlisted and "catalogue/2026/" in unlisted
    for page in html_pages(site):
        if page.name != "index.html":
            continue
        here = page.parent.relative_to(site).as_posix()
        for href in nav_links(page.read_text(encoding="utf-8")):
            target = posixpath.normpath(posixpath.join(here, href)).lstrip("./") + "/"
            assert target not in unlisted, f"{page}: the nav links {href}"


MARKDOWN_SYNTAX = re.compile(r"(^|\s)#{1,6}\s|\*\*|__|\|\s*-{3}|\s\|\s|\]\(|\]\[|\{:|^\s*[-*+]\s|!!!|```")


def test_search_snippets_are_the_rendered_text_never_the_markdown(built: Path) -> None:
    """What a result shows under its title (d/<id>.json "text") is the page's text: the demo's
    bodies have headings, bold, tables and links in Markdown, and none of that syntax is served."""
    result = run_check(built)
    by_url = {i.url.strip("/") + "/": i for i in result.site.items}
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((built / "site/search/d").glob("*.json"))]
    assert len(docs) > 10
    bad = {d["url"]: m.group(0) for d in docs if (m := MARKDOWN_SYNTAX.search(d["text"]))}
    assert not bad, bad
    for d in docs:
        item = by_url[d["url"]]
        assert not d["text"].startswith(item.index_no), d["url"]  # the body first, the 索引号 labelled at the end
        assert f"索引号：{item.index_no}" in d["text"]
    # The ones the audit saw: "## 申请渠道" and "**第一条**" are served as 申请渠道 and 第一条.
    guide = next(d for d in docs if d["url"] == "ysqgk/2026-007/")
    assert guide["text"].startswith("申请渠道") or " 申请渠道 " in guide["text"]
    policy = next(d for d in docs if d["url"] == "zcwj/2026-003/")
    assert policy["text"].startswith("第一条 为推动政务服务")


def test_sitemap_has_generated_pages_and_no_drafts(built: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.parse(built / "site/sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    base = "https://zwb.example.gov.cn/zwgk/"
    for url in ("", "zcwj/", "zcwj/2026-003/", "zcjd/yijianshi/", "catalogue/", "catalogue/2026/", "fdzdgknr/"):
        assert base + url in locs, url
    drafts = [p for p in (built / "content").rglob("*.md") if "draft: true" in p.read_text(encoding="utf-8")]
    for draft in drafts:
        rel = draft.relative_to(built / "content").with_suffix("").as_posix() + "/"
        assert base + rel not in locs


def test_search_index_replaces_material_search(built: Path) -> None:
    from zwgk.core.model import Site

    site = built / "site"
    assert (site / "search/zwgk-search.js").is_file() and (site / "search/meta.json").is_file()
    assert not (site / "search/search_index.json").exists()
    assert not (site / "pagefind").exists()
    model: Site = run_check(built).site
    item = next(i for i in model.items if i.src_uri == "zcwj/2026-003.md")
    found = search_urls(site / "search", item.title)
    assert "zcwj/2026-003/" in found[:2]  # by its title (its interpretation quotes that title too)
    assert all(url.count("/") >= 2 for url in found)  # only item pages, never lists
    published = [p for p in site.rglob("index.html") if "zwgk-item" in p.read_text(encoding="utf-8")]
    assert len(search_urls(site / "search", "")) == 0
    from search_reader import Bundle

    assert Bundle(site / "search").meta["docs"] == len(published)  # every item page, and only those
    listing = (site / "zcwj/index.html").read_text(encoding="utf-8")
    assert "data-zwgk-search" in listing and "md-search__input" in listing


def test_home_page_entries_and_newest_items(built: Path) -> None:
    html = (built / "site/index.html").read_text(encoding="utf-8")
    for entry in ("政府信息公开指南", "政府信息公开目录", "依申请公开", "政府信息公开年报"):
        assert f"<strong>{entry}</strong>" in html
    latest = html[html.index("最新信息"):]
    dates = re.findall(r'<time class="zwgk-list__date" datetime="([\d-]+)"', latest)[:10]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2026-11-24"


def test_no_external_requests(built: Path) -> None:
    for page in html_pages(built / "site"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            # Only links a reader clicks may leave the site; nothing the page loads by itself.
            assert not re.search(r"fonts\.googleapis|fonts\.gstatic|cdn|unpkg|jsdelivr", url), (page, url)
        loads = r'<(?:script|img|iframe)[^>]+src="https?://|<link rel="(?:stylesheet|preconnect|preload|modulepreload|icon)"[^>]+href="https?://'
        assert not re.search(loads, html), page


def test_memoized_blocks_render_like_unmemoized(tmp_path: Path, built: Path) -> None:
    """Nav, header and footer rendered once per folder must equal rendering them for every page."""
    root = copy_demo(tmp_path / "repo")
    proc = mkdocs_build(root, extra_env={"ZWGK_MEMO": "0"})
    assert proc.returncode == 0, proc.stderr
    for page in html_pages(built / "site"):
        other = root / "site" / page.relative_to(built / "site")
        assert page.read_text(encoding="utf-8") == other.read_text(encoding="utf-8"), page
