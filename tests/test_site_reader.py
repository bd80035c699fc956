"""The public site for every reader (issue 17): legacy addresses, the footer and the 网站地图 — real builds.

Browser checks of the same points are in tests/test_browser_reader.py.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
import yaml
from browser_support import SiteServer
from support import edit_front_matter, mkdocs_build, resign
from zwgk.core.rules.pages import LEGACY_SUFFIXES, redirect_file

MOVED = "content/zcwj/2026-010.md"
OLD_NOTICE = "content/tzgg/2026-004.md"  # withdrawn in the built copy
WITH_PHOTO = "content/gzdt/2026-008.md"  # gets a picture in its body in the built copy
PHOTO = "content/gzdt/2026-008/photo.png"


# -- legacy addresses ------------------------------------------------------------------------------
@pytest.mark.parametrize(("address", "written"), [
    ("old/site/page.html", "old/site/page.html"),  # a CMS page address: that exact file
    ("/art/2018/2/28/art_46355_1634538.html", "art/2018/2/28/art_46355_1634538.html"),
    ("col/col1229214366/index.htm", "col/col1229214366/index.htm"),
    ("zwgk/202301/t20230104_1868472.shtml", "zwgk/202301/t20230104_1868472.shtml"),
    ("News_showGkmlNews.jsp", "News_showGkmlNews.jsp"),
    ("Pages_23_166.aspx", "Pages_23_166.aspx"),
    ("show.asp", "show.asp"),
    ("show-260254.php", "show-260254.php"),
    ("OLD/PAGE.HTML", "OLD/PAGE.HTML"),  # the case the old server used is kept
    # Directory addresses (and a directory's own index) stay directory indexes:
    ("zcwj/old-name/", "zcwj/old-name/index.html"),
    ("zcwj/old-name", "zcwj/old-name/index.html"),
    ("zcwj/old-name/index.html", "zcwj/old-name/index.html"),
    ("zcwj/old.md", "zcwj/old/index.html"),
    ("zcwj/2024.html-notes/", "zcwj/2024.html-notes/index.html"),  # a suffix only counts at the end
])
def test_redirect_file(address: str, written: str) -> None:
    assert redirect_file(address) == written


@pytest.mark.parametrize("address", ["https://old.example.gov.cn/a.html", "../a.html", "a/../../b.html", "#top"])
def test_redirect_file_refuses_what_is_not_a_site_path(address: str) -> None:
    assert redirect_file(address) is None


def test_every_legacy_suffix_is_written_as_a_file() -> None:
    for suffix in LEGACY_SUFFIXES:
        assert redirect_file(f"old/page{suffix}") == f"old/page{suffix}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from support import copy_demo

    root = copy_demo(tmp_path_factory.mktemp("reader") / "repo")
    edit_front_matter(root / MOVED, lambda m: m.update(redirect_from=["old/site/page.html", "zcwj/haochaping/"]))
    edit_front_matter(root / OLD_NOTICE, lambda m: m.update(withdrawn={"date": "2026-11-25", "reason": "窗口办公时间已再次调整"}))
    # A lead picture in an item's own folder (published with its page, in its review digest).
    from PIL import Image

    (root / PHOTO).parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (60, 40), (200, 30, 30)).save(root / PHOTO, "PNG")
    item = root / WITH_PHOTO
    item.write_text(item.read_text(encoding="utf-8") + "\n\n![活动现场](2026-008/photo.png)\n", encoding="utf-8")
    for path in (MOVED, OLD_NOTICE, WITH_PHOTO):
        resign(root, path)
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    return root


def test_legacy_address_is_served_as_that_file(built: Path) -> None:
    site = built / "site"
    assert (site / "old/site/page.html").is_file()
    assert not (site / "old/site/page").exists()  # not old/site/page/index.html
    assert (site / "zcwj/haochaping/index.html").is_file()
    server = SiteServer(site)
    try:
        with urllib.request.urlopen(server.url("old/site/page.html"), timeout=10) as resp:
            assert resp.status == 200
            html = resp.read().decode("utf-8")
    finally:
        server.close()
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
    assert target is not None and target.group(1) == "../../zcwj/2026-010/"
    assert (site / "old/site" / target.group(1) / "index.html").resolve() == (site / "zcwj/2026-010/index.html").resolve()
    assert '<html lang="zh-CN">' in html
    # A minimal footer with the site's identity, as text and the ICP link (the stub loads no stylesheet).
    assert "<footer>" in html and "主办单位：示例市政务服务管理办公室" in html
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">' in html


# -- footer and 网站地图 -------------------------------------------------------------------------------
def footer(html: str) -> str:
    return html[html.index('class="md-copyright zwgk-footer"'):html.index("</footer>")]


def test_footer_links_icp_psb_sitemap_and_error_report(built: Path) -> None:
    for page in ("index.html", "zcwj/2026-003/index.html", "catalogue/2026/index.html", "404.html"):
        html = (built / "site" / page).read_text(encoding="utf-8")
        part = footer(html)
        assert '<a href="https://beian.miit.gov.cn/" rel="noopener">示ICP备00000001号</a>' in part, page
        assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=45990002000001"' in part, page
        icon = re.search(r'<img class="zwgk-footer__icon" src="([^"]+)"', part)
        assert icon is not None and not icon.group(1).startswith(("http:", "https:", "//")), page  # shipped locally
        assert ">网站地图</a>" in part and ">我为政府网站找错</a>" in part, page
    assert (built / "site/assets/zwgk/psb.svg").is_file()


def test_error_report_entry_only_when_configured(demo: Path) -> None:
    text = (demo / "mkdocs.yml").read_text(encoding="utf-8")
    (demo / "mkdocs.yml").write_text(re.sub(r"(?m)^    error_report_url: .*\n", "", text), encoding="utf-8")
    proc = mkdocs_build(demo)
    assert proc.returncode == 0, proc.stderr
    part = footer((demo / "site/index.html").read_text(encoding="utf-8"))
    assert "我为政府网站找错" not in part and ">网站地图</a>" in part


def test_sitemap_page_lists_columns_and_years_not_items(built: Path) -> None:
    html = (built / "site/sitemap/index.html").read_text(encoding="utf-8")
    body = html[html.index("<h1"):html.index("</article>")]
    assert "<h1>网站地图</h1>" in body
    for slug in ("zcwj", "zcjd", "tzgg", "fdzdgknr"):
        assert f'href="../{slug}/"' in body
    assert 'href="../catalogue/2026/"' in body
    assert "2026-003" not in body  # no item is listed: the page grows with columns and years only
    assert '<meta name="ColumnName" content="网站地图">' in html


# -- metadata -----------------------------------------------------------------------------------------
def meta(html: str, name: str) -> list[str]:
    return re.findall(rf'<meta name="{name}" content="([^"]*)"', html)


def test_withdrawn_notice_has_its_own_title_no_summary_and_noindex(built: Path) -> None:
    html = (built / "site/tzgg/2026-004/index.html").read_text(encoding="utf-8")
    summary = yaml.safe_load((built / OLD_NOTICE).read_text(encoding="utf-8").split("---")[1])["summary"]
    title = re.search(r"<title>([^<]*)</title>", html)
    assert title is not None and title.group(1).startswith("已撤回：")
    assert meta(html, "ArticleTitle") and meta(html, "ArticleTitle")[0].startswith("已撤回：")
    assert summary not in html  # neither as description nor as Description
    assert meta(html, "robots") == ["noindex"]
    live = (built / "site/tzgg/2026-020/index.html").read_text(encoding="utf-8")
    assert meta(live, "robots") == [] and meta(live, "description")  # a live item keeps both


def test_every_page_is_zh_cn_and_every_item_has_keywords(built: Path) -> None:
    site = built / "site"
    for page in ("index.html", "404.html", "zcwj/2026-003/index.html", "sitemap/index.html"):
        assert '<html lang="zh-CN"' in (site / page).read_text(encoding="utf-8"), page
    items = [p for p in sorted(site.glob("*/20*/index.html")) if p.parent.parent.name != "catalogue"]
    assert len(items) > 10
    for path in items:
        html = path.read_text(encoding="utf-8")
        if meta(html, "robots"):
            continue  # a withdrawn notice has no Keywords of the withdrawn text
        assert meta(html, "Keywords") and all(meta(html, "Keywords")), path


def test_parent_column_feed_has_its_sub_columns_items_and_is_linked(built: Path) -> None:
    feed = (built / "site/feeds/fdzdgknr.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") > 0 and "1970-01-01" not in feed
    page = (built / "site/fdzdgknr/index.html").read_text(encoding="utf-8")
    assert 'href="../feeds/fdzdgknr.xml"' in page


# -- sitemap.xml, Image, 404, theme assets --------------------------------------------------------------
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(site: Path) -> dict[str, str | None]:
    """loc (site-relative) -> lastmod of every entry of sitemap.xml."""
    import xml.etree.ElementTree as ET

    out: dict[str, str | None] = {}
    for url in ET.parse(site / "sitemap.xml").getroot().findall("s:url", SITEMAP_NS):
        loc = url.findtext("s:loc", "", SITEMAP_NS).split("/zwgk/", 1)[1]
        out[loc] = url.findtext("s:lastmod", None, SITEMAP_NS)
    return out


def item_dates(root: Path) -> dict[str, str]:
    """Item page URL -> the later of its published and formed dates (from the front matter)."""
    out = {}
    for path in (root / "content").glob("*/20*.md"):
        meta_ = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        dates = [str(meta_[k]) for k in ("published", "formed") if meta_.get(k)]
        out[f"{path.parent.name}/{path.stem}/"] = max(dates)
    return out


def test_sitemap_leaves_out_withdrawn_notices_and_dates_pages_by_their_items(built: Path) -> None:
    entries = sitemap_entries(built / "site")
    dates = item_dates(built)
    assert "tzgg/2026-004/" not in entries  # withdrawn: noindex, so not offered to crawlers either
    assert "tzgg/2026-020/" in entries
    assert entries["zcwj/2026-003/"] == dates["zcwj/2026-003/"]
    items = {loc: d for loc, d in entries.items() if loc in dates}
    assert len(items) > 10 and all(d == dates[loc] for loc, d in items.items()), items
    # A list page: its newest item (a parent column: the newest of its sub-columns too); the home page: the newest of all.
    zcwj = [d for loc, d in dates.items() if loc.startswith("zcwj/")]
    assert entries["zcwj/"] == max(zcwj)
    live = [d for loc, d in dates.items() if loc in entries]
    assert entries[""] == max(live) and entries["catalogue/"] == max(live)
    assert entries["fdzdgknr/"] is not None and entries["fdzdgknr/"] <= max(live)
    # No page claims the build date: every lastmod is some item's date.
    assert set(entries.values()) <= set(dates.values()), set(entries.values()) - set(dates.values())


def test_image_tag_on_pages_with_a_tujie_or_a_lead_picture(built: Path) -> None:
    site = built / "site"
    tujie = (site / "zcjd/yijianshi/index.html").read_text(encoding="utf-8")
    assert meta(tujie, "Image") == ["https://zwb.example.gov.cn/zwgk/zcjd/yijianshi/tujie.png"]
    assert (site / "zcjd/yijianshi/tujie.png").is_file()
    photo = (site / "gzdt/2026-008/index.html").read_text(encoding="utf-8")
    assert meta(photo, "Image") == ["https://zwb.example.gov.cn/zwgk/gzdt/2026-008/photo.png"]
    assert (site / "gzdt/2026-008/photo.png").is_file()
    plain = (site / "zcwj/2026-003/index.html").read_text(encoding="utf-8")
    assert meta(plain, "Image") == []  # no picture, no tag (never an empty or invented one)


def test_404_page_has_its_own_title_and_column_tags(built: Path) -> None:
    html = (built / "site/404.html").read_text(encoding="utf-8")
    title = re.search(r"<title>([^<]*)</title>", html)
    assert title is not None and title.group(1).startswith("页面不存在 - ")
    assert meta(html, "ColumnName") == ["页面不存在"] and meta(html, "ColumnType") == ["其他"]
    home = (built / "site/index.html").read_text(encoding="utf-8")
    assert meta(home, "ColumnName") == ["首页"]  # the home page keeps its own


def test_material_search_assets_are_not_shipped(built: Path) -> None:
    js = built / "site/assets/javascripts"
    assert list(js.glob("bundle.*.min.js"))  # the theme itself is there
    assert not (js / "lunr").exists() and not list(js.glob("workers/search.*"))
