"""Column pagination, moved and withdrawn items, footer and identity settings — real builds of demo copies."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml
from support import DEMO_TODAY, copy_demo, edit_front_matter, mkdocs_build, resign, rules_of, run_check, search_urls
from zwgk.core.masking import mask_text

PAGE_SIZE = 2


def set_plugin_option(root: Path, key: str, value: object) -> None:
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=True).strip()[1:-1]
    text = text.replace("      interpretation_column: zcjd\n", f"      interpretation_column: zcjd\n      {dumped}\n")
    path.write_text(text, encoding="utf-8")


def set_gov(root: Path, **values: object) -> None:
    """Change extra.gov (None removes a key)."""
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text = re.sub(rf"(?m)^    {key}: .*\n", "", text)
        if value is not None:
            text = text.replace("  gov:\n", f"  gov:\n    {key}: {yaml.safe_dump(value, allow_unicode=True).splitlines()[0]}\n")
    path.write_text(text, encoding="utf-8")


def titles(html: str) -> list[str]:
    part = html[html.index('id="zwgk-list-h"'):] if 'id="zwgk-list-h"' in html else ""
    return re.findall(r'class="zwgk-list__title" href="[^"]+">([^<]+)</a>', part)


# -- pagination ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("paged") / "repo")
    set_plugin_option(root, "pages", {"page_size": PAGE_SIZE})
    cols = root / "governance/columns.yml"
    cols.write_text(cols.read_text(encoding="utf-8") + """
  - slug: qtxx
    name: 其他信息
    type: 其他
    description: 暂无信息的栏目（测试用）
    keywords: [其他]
    divisions: [综合处]
    parent: fdzdgknr
""", encoding="utf-8")
    proc = mkdocs_build(root, strict=False)  # the empty column is reported (column.blank), not blocked
    assert proc.returncode == 0, proc.stderr
    return root


def test_pagination_boundaries(paged: Path) -> None:
    """Columns with 0, 1, page_size and page_size + 1 items: pages, slices, order and links."""
    result = run_check(paged)
    assert result.site is not None
    listed = {slug: sorted((i for i in result.site.items if i.column == slug and i.is_public(DEMO_TODAY)),
                           key=lambda i: (i.published.isoformat() if i.published else "", i.formed, i.index_no),
                           reverse=True) for slug in result.site.columns}
    counts = {len(v) for slug, v in listed.items() if slug != "fdzdgknr"}
    assert {0, 1, PAGE_SIZE, PAGE_SIZE + 1} <= counts, counts  # the demo must keep covering the boundaries
    site = paged / "site"
    for slug, items in listed.items():
        if slug == "fdzdgknr":
            continue
        pages = max(1, math.ceil(len(items) / PAGE_SIZE))
        for n in range(1, pages + 1):
            path = site / slug / ("index.html" if n == 1 else f"page/{n}/index.html")
            html = path.read_text(encoding="utf-8")
            assert titles(html) == [i.title for i in items[(n - 1) * PAGE_SIZE:n * PAGE_SIZE]], path
            if pages > 1:
                assert f"共 {len(items)} 条，第 {n}/{pages} 页" in html
            if n < pages:
                assert 'rel="next"' in html
            if n > 1:
                assert 'rel="prev"' in html
        assert not (site / slug / f"page/{pages + 1}").exists()
        assert not (site / slug / "page/1").exists()  # page 1 is the column URL itself
        if not items:
            assert "本栏目暂无信息。" in (site / slug / "index.html").read_text(encoding="utf-8")


def test_parent_column_is_a_landing_page(paged: Path) -> None:
    html = (paged / "site/fdzdgknr/index.html").read_text(encoding="utf-8")
    for name in ("机构职能", "政策文件", "通知公告", "其他信息"):
        assert f">{name}</a></h2>" in html
    assert "更多“政策文件”信息" in html
    page2 = (paged / "site/tzgg/page/2/index.html").read_text(encoding="utf-8")
    assert "当前位置" in page2 and "第 2 页" in page2


def test_pages_option_keys_are_validated(demo: Path) -> None:
    set_plugin_option(demo, "pages", {"page_sise": 10})
    proc = mkdocs_build(demo)
    assert proc.returncode != 0
    assert "pages 下有未知的设置项 page_sise" in proc.stderr and "page_size" in proc.stderr
    assert not (demo / "site").exists()


# -- moved and withdrawn items ------------------------------------------------------------------
OLD_NOTICE = "content/tzgg/2026-004.md"
NEW_NOTICE = "content/tzgg/2026-020.md"
MOVED = "content/zcwj/2026-010.md"
REVISED = "content/zcwj/2026-003.md"


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("moved") / "repo")
    new_index = yaml.safe_load((root / NEW_NOTICE).read_text(encoding="utf-8").split("---")[1])["index_no"]
    edit_front_matter(root / OLD_NOTICE, lambda m: m.update(
        withdrawn={"date": "2026-11-25", "reason": "窗口办公时间已再次调整", "replacement": new_index}))
    edit_front_matter(root / MOVED, lambda m: m.update(redirect_from=["zcwj/haochaping/", "old/zcwj/10.html"]))
    successor = yaml.safe_load((root / MOVED).read_text(encoding="utf-8").split("---")[1])["index_no"]
    edit_front_matter(root / REVISED, lambda m: m.update(validity="已修订", superseded_by=successor))
    for path in (OLD_NOTICE, MOVED, REVISED):
        resign(root, path)
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    return root


def test_redirect_pages(moved: Path) -> None:
    # A directory address gets a directory index; a legacy file address (.html) is that exact file.
    for old, target in (("zcwj/haochaping/index.html", "../2026-010/"), ("old/zcwj/10.html", "../../zcwj/2026-010/")):
        html = (moved / "site" / old).read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in html
        assert '<link rel="canonical" href="https://zwb.example.gov.cn/zwgk/zcwj/2026-010/">' in html
        assert f'<a href="{target}">示例市政务服务“好差评”管理办法</a>' in html
        assert '<meta name="SiteIDCode" content="4599000001">' in html
    sitemap = (moved / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "haochaping" not in sitemap.replace("zcjd/haochaping", "")


def test_withdrawn_item_leaves_a_notice(moved: Path) -> None:
    html = (moved / "site/tzgg/2026-004/index.html").read_text(encoding="utf-8")
    assert "本信息已撤回" in html and "2026-11-25" in html and "窗口办公时间已再次调整" in html
    assert 'href="../2026-020/"' in html  # where to find the current version
    # Both notices contain 政务服务大厅; only the one still published is found.
    found = search_urls(moved / "site/search", "政务服务大厅")
    assert "tzgg/2026-020/" in found and "tzgg/2026-004/" not in found  # the withdrawn text is not searchable
    body = (moved / OLD_NOTICE).read_text(encoding="utf-8").split("---", 2)[2].strip().splitlines()[0]
    assert body[:12] not in html  # nor shown
    listing = (moved / "site/tzgg/index.html").read_text(encoding="utf-8")
    assert "2026-004/" not in listing
    assert "2026-004" not in (moved / "site/catalogue/catalogue.csv").read_text(encoding="utf-8-sig")
    assert "tzgg/2026-004/" not in (moved / "site/feeds/tzgg.xml").read_text(encoding="utf-8")


def test_validity_banner_links_the_successor(moved: Path) -> None:
    html = (moved / "site/zcwj/2026-003/index.html").read_text(encoding="utf-8")
    banner = html[html.index("zwgk-validity"):html.index('class="zwgk-meta"')]
    assert "有效性：已修订" in banner and "请以修订后的文件为准" in banner
    assert '现行文件：<a href="../2026-010/">示例市政务服务“好差评”管理办法</a>' in banner
    listing = (moved / "site/zcwj/index.html").read_text(encoding="utf-8")
    assert '<span class="zwgk-tag zwgk-tag--warn">已修订</span>' in listing
    current = (moved / "site/zcwj/2026-010/index.html").read_text(encoding="utf-8")
    assert "zwgk-validity" not in current


def test_redirect_and_withdrawal_rules(demo: Path) -> None:
    edit_front_matter(demo / MOVED, lambda m: m.update(redirect_from=["zcwj/2026-003/", "catalogue/", "https://x.cn/a"]))
    edit_front_matter(demo / OLD_NOTICE, lambda m: m.update(withdrawn={"date": "2026-01-01", "because": "x",
                                                                       "replacement": "11459900MB0012345X/2026-09999"}))
    found = [f for f in run_check(demo).findings if f.rule.startswith("pages.")]
    text = "\n".join(f.format_text() for f in found)
    assert "已被 content/zcwj/2026-003.md 使用" in text
    assert "与自动生成的 catalogue/ 页面冲突" in text
    assert "不是本站的页面路径" in text
    assert "撤回说明中有未知字段 because" in text
    assert "缺少撤回原因 reason" in text
    assert "早于发布日期" in text
    assert "不是已发布信息的索引号或本站页面" in text
    assert all(f.is_error for f in found)
    assert "schema.unknown_field" not in rules_of(run_check(demo))  # both fields are registered


@pytest.mark.parametrize(("written", "valid"), [("2026-06-01", True), ("20260601", False), ("2026-W23-1", False)])
def test_withdrawal_date_is_read_like_every_other_date(demo: Path, written: str, valid: bool) -> None:
    # The withdrawal rule and the notice page (withdrawn_on) read withdrawn.date with schema.coerce_date,
    # like the successor check and every other date; they used to accept Python's looser ISO forms
    # (basic 20260601, week dates) that the rest of zwgk reads as no date.
    edit_front_matter(demo / OLD_NOTICE, lambda m: m.update(withdrawn={"date": written, "reason": "已被新文件替代"}))
    text = "\n".join(f.format_text() for f in run_check(demo).findings if f.rule == "pages.withdrawn")
    assert ("缺少有效的撤回日期" in text) is not valid, text


# -- identity, footer, search -------------------------------------------------------------------
def test_footer_omits_unset_fields(demo: Path) -> None:
    set_gov(demo, icp=None, psb=None, contact=None, site_id_code=None)
    proc = mkdocs_build(demo)
    assert proc.returncode == 0, proc.stderr
    html = (demo / "site/index.html").read_text(encoding="utf-8")
    footer = html[html.index("zwgk-footer"):]
    assert "主办单位" in footer and "地址" in footer
    for label in ("ICP备案号", "公安机关备案号", "联系方式", "网站标识码"):
        assert label not in footer
    assert 'name="SiteIDCode"' not in html and 'name="SiteName"' in html


def test_footer_without_any_gov_values(demo: Path) -> None:
    set_gov(demo, host=None, address=None, icp=None, psb=None, contact=None, site_id_code=None)
    proc = mkdocs_build(demo)
    assert proc.returncode == 0, proc.stderr
    html = (demo / "site/index.html").read_text(encoding="utf-8")
    assert "zwgk-footer__list" not in html


@pytest.mark.parametrize("code", ["459900001", "bm4500001", "BM45000001", "45990000012"])
def test_bad_site_id_code_blocks_the_build(demo: Path, code: str) -> None:
    set_gov(demo, site_id_code=code)
    proc = mkdocs_build(demo)
    assert proc.returncode != 0
    # An 11-digit value is masked like a mobile number (every finding masks; zwgk.core.masking).
    shown = mask_text(code)
    assert f"网站标识码 site_id_code '{shown}' 格式不正确" in proc.stderr
    assert "10 位数字" in proc.stderr


@pytest.mark.parametrize("code", ["4599000001", "bm45000001"])
def test_good_site_id_codes(demo: Path, code: str) -> None:
    set_gov(demo, site_id_code=code)
    proc = mkdocs_build(demo)
    assert proc.returncode == 0, proc.stderr
    assert f'<meta name="SiteIDCode" content="{code}">' in (demo / "site/index.html").read_text(encoding="utf-8")


def test_search_can_be_switched_off(demo: Path) -> None:
    set_plugin_option(demo, "pages", {"search": False})
    proc = mkdocs_build(demo)
    assert proc.returncode == 0, proc.stderr
    assert not (demo / "site/search").exists()
    assert "data-zwgk-search" not in (demo / "site/index.html").read_text(encoding="utf-8")
