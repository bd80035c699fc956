"""What a reader does on the built site, in Chromium: browse, page, search, filter, download, read, print.

Expected results come from the content model (``zwgk check`` of the same demo copy), never from the
generated pages themselves, so a page that lists the wrong items fails here.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pytest
from browser_support import (
    DESKTOP,
    MOVED,
    OLD_ADDRESS,
    OLD_NOTICE,
    PAGE_SIZE,
    VIEWED,
    SiteServer,
    Tab,
    new_tab,
    require_playwright,
)
from support import run_check
from zwgk.core.model import Item, Site

require_playwright()  # before the import below: no Playwright, the module is skipped

from playwright.sync_api import Browser, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def model(browser_demo: Path) -> Site:
    result = run_check(browser_demo)
    site: Site | None = result.site
    assert site is not None
    return site


def listed(site: Site) -> list[Item]:
    """What readers may find: public and not withdrawn (withdrawn items keep only their notice)."""
    return [i for i in site.items if i.is_public(site.today) and not i.meta.get("withdrawn")]


def newest_first(items: list[Item]) -> list[Item]:
    dates = [i.published for i in items]
    assert len(set(dates)) == len(dates), "two items share a date: the expected order would be ambiguous"
    return sorted(items, key=lambda i: i.published or i.formed, reverse=True)  # type: ignore[arg-type,return-value]


def item(site: Site, path: str) -> Item:
    return next(i for i in site.items if i.path == path)


def heading(page: Page) -> str:
    return page.locator("article h1").first.inner_text().strip()


def content_link(page: Page, name: str) -> None:
    """Click a link with this exact text inside the page content (not the nav)."""
    page.locator(".md-content").get_by_role("link", name=name, exact=True).first.click()


def test_home_to_column_to_item_to_interpretation_and_back(tab: Tab, model: Site, site_server: SiteServer) -> None:
    policy = item(model, "content/zcwj/2026-003.md")
    interp = next(i for i in model.interpretations.values() if i.interprets == policy.index_no)
    assert interp.material is not None
    column = model.columns[policy.column]
    assert column.parent is not None
    parent = model.columns[column.parent]

    page = tab.open("home")
    content_link(page, parent.name)
    expect(page).to_have_url(site_server.url(parent.slug + "/"))
    content_link(page, column.name)
    expect(page).to_have_url(site_server.url(column.slug + "/"))
    assert heading(page) == column.name
    # The policy is not among the newest PAGE_SIZE items: page on until it is listed.
    for n in range(2, 10):
        # count() does not wait: on a page still being parsed it could miss the link and page past it
        # (the likely cause of this test's rare failure at stop 9).
        page.wait_for_load_state("domcontentloaded")
        if page.locator(".zwgk-column").get_by_role("link", name=policy.title, exact=True).count():
            break
        page.locator(".zwgk-pager a[rel=next]").click()
        expect(page).to_have_url(site_server.url(f"{column.slug}/page/{n}/"))
    content_link(page, policy.title)
    expect(page).to_have_url(site_server.url(policy.url))
    assert heading(page) == policy.title

    # 双向关联: the policy links its interpretation, the interpretation links the policy.
    related = page.locator(".zwgk-related")
    expect(related).to_contain_text("相关解读")
    related.get_by_role("link", name=interp.material.title, exact=True).click()
    expect(page).to_have_url(site_server.url(interp.material.url))
    assert heading(page) == interp.material.title
    related = page.locator(".zwgk-related")
    expect(related).to_contain_text("原文件")
    related.get_by_role("link", name=policy.title, exact=True).click()
    expect(page).to_have_url(site_server.url(policy.url))

    page.go_back()
    expect(page).to_have_url(site_server.url(interp.material.url))
    page.go_back()
    expect(page).to_have_url(site_server.url(policy.url))


def test_column_pages_list_every_item_newest_first(tab: Tab, model: Site, site_server: SiteServer) -> None:
    expected = [i.title for i in newest_first([i for i in listed(model) if i.column == "zcwj"])]
    pages = math.ceil(len(expected) / PAGE_SIZE)
    assert pages >= 2, "the demo column must need a second page"
    page = tab.open("column")
    seen: list[str] = []
    for n in range(1, pages + 1):
        expect(page.locator(".zwgk-pager__current")).to_have_text(str(n))
        expect(page.locator("article h1")).to_have_count(1)  # every page has one title, page 2 too
        assert heading(page).startswith(model.columns["zcwj"].name)
        expect(page.locator(".zwgk-pager__info")).to_contain_text(f"共 {len(expected)} 条，第 {n}/{pages} 页")
        titles = page.locator(".zwgk-column .zwgk-list__title").all_inner_texts()
        assert 1 <= len(titles) <= PAGE_SIZE
        seen += titles
        if n < pages:
            page.locator(".zwgk-pager a[rel=next]").click()
            expect(page).to_have_url(site_server.url(f"zcwj/page/{n + 1}/"))
    assert seen == expected
    assert page.locator(".zwgk-pager a[rel=next]").count() == 0  # the last page has no 下一页
    page.locator(".zwgk-pager a", has_text="首页").click()
    expect(page).to_have_url(site_server.url("zcwj/"))


def distinctive_word(site: Site, target: Item, candidates: list[str]) -> str:
    """The first candidate that only ``target``'s text contains among the searchable items."""
    others = [i for i in listed(site) if i is not target]
    for word in candidates:
        if word in target.body and not any(word in i.body or word in i.title for i in others):
            return word
    raise AssertionError(f"none of {candidates} is distinctive for {target.path}")


def test_search_box_finds_an_item_by_a_word_of_its_body(tab: Tab, model: Site, site_server: SiteServer) -> None:
    target = item(model, "content/hygz/2026-016.md")
    word = distinctive_word(model, target, ["停车", "车位"])
    page = tab.open("home")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word)
    results = page.locator("[data-zwgk-results] a.md-search-result__link")
    expect(results.first).to_be_visible()
    expect(page.locator(".zwgk-search [data-zwgk-status]")).to_have_text(re.compile(r"找到 \d+ 条结果"))
    expect(results.first).to_contain_text(target.title)
    expect(results.first.locator("mark").first).to_have_text(word)  # the match is highlighted in the excerpt
    expect(page.locator(".zwgk-search [data-zwgk-more]")).to_be_hidden()  # fewer than 10 results: no "more"
    results.first.click()
    expect(page).to_have_url(site_server.url(target.url))
    assert heading(page) == target.title


def test_search_finds_every_item_with_a_phrase(tab: Tab, model: Site, site_server: SiteServer) -> None:
    """一件事一次办: Pagefind 1.5.2 found 1 of the demo's items with it (segmentation differed between
    indexing and querying); the site's own index matches the phrase itself, so it finds them all."""
    phrase = "一件事一次办"
    expected = {site_server.url(i.url) for i in listed(model)
                if phrase in "".join((i.title + i.summary + i.body).split())}
    assert len(expected) >= 3
    page = tab.open("home")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(phrase)
    expect(page.locator(".zwgk-search [data-zwgk-status]")).to_have_text(f"找到 {len(expected)} 条结果")
    hrefs = page.locator("[data-zwgk-results] a.md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    assert set(hrefs) == expected


def test_search_does_not_find_withdrawn_text(tab: Tab, model: Site) -> None:
    withdrawn = item(model, OLD_NOTICE)
    # In the demo as published (nothing withdrawn) this query finds exactly that notice.
    word = distinctive_word(model, withdrawn, ["窗口办公时间"])
    page = tab.open("home")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word)
    expect(page.locator(".zwgk-search [data-zwgk-status]")).to_have_text(re.compile("没有找到|找到"))
    hrefs = page.locator("[data-zwgk-results] a").evaluate_all("els => els.map(e => e.href)")
    assert not any(withdrawn.url in h for h in hrefs)


def test_catalogue_filters_by_year_and_column(tab: Tab, model: Site) -> None:
    rows = listed(model)
    years = sorted({(i.formed or i.published).isoformat()[:4] for i in rows}, reverse=True)  # type: ignore[union-attr]
    page = tab.open("catalogue")
    form = page.locator("form.zwgk-filters")
    expect(form).to_be_visible()  # shown once the script has loaded the index of shards
    more = page.locator(".md-content [data-zwgk-more]")
    expect(more).to_be_hidden()  # every row of the first view is shown: nothing more to show
    year_options = form.locator("select[name=year] option").all_inner_texts()
    assert year_options == ["全部年份"] + [f"{y} 年" for y in years]
    expect(form.locator("select[name=year]")).to_have_value(years[0])  # the newest year: one year's shards
    year = years[0]
    in_year = [i for i in rows if (i.formed or i.published).isoformat()[:4] == year]  # type: ignore[union-attr]

    form.locator("select[name=year]").select_option(year)
    form.locator("select[name=column]").select_option(label=model.columns["zcwj"].name)
    wanted = newest_first([i for i in in_year if i.column == "zcwj"])
    expect(form.locator("[data-zwgk-status]")).to_have_text(f"共 {len(wanted)} 条")
    titles = page.locator("table.zwgk-catalogue tbody tr td:nth-child(2)").all_inner_texts()
    assert titles == [i.title for i in wanted]
    expect(more).to_be_hidden()

    form.locator("select[name=column]").select_option("")
    expect(form.locator("[data-zwgk-status]")).to_have_text(f"共 {len(in_year)} 条")
    index_nos = page.locator("table.zwgk-catalogue tbody tr td:first-child").all_inner_texts()
    assert sorted(index_nos) == sorted(i.index_no for i in in_year)
    assert item(model, OLD_NOTICE).index_no not in index_nos  # withdrawn


def test_catalogue_csv_downloads_with_bom_and_header(tab: Tab, model: Site) -> None:
    page = tab.open("catalogue")
    with page.expect_download() as info:
        page.locator(".md-content").get_by_role("link", name=re.compile("CSV")).click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel and WPS would show mojibake"
    table = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    shown = page.locator("table.zwgk-catalogue thead th").all_inner_texts()
    assert len(shown) >= 7
    assert table[0][:len(shown)] == shown  # the 目录's columns, in the order the page shows them
    assert sorted(r[0] for r in table[1:]) == sorted(i.index_no for i in listed(model))


def article_font_px(page: Page) -> float:
    return float(page.locator("article.md-typeset").evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def test_font_size_control_enlarges_and_persists(tab: Tab) -> None:
    page = tab.open("item")
    default = article_font_px(page)
    tools = page.get_by_role("toolbar", name="阅读工具")
    tools.get_by_role("button", name=re.compile("放大")).click()
    larger = article_font_px(page)
    assert larger > default
    tools.get_by_role("button", name=re.compile("放大")).click()
    largest = article_font_px(page)
    assert largest > larger
    page.reload()
    assert article_font_px(page) == largest  # kept across a reload…
    tab.open("column")
    assert article_font_px(page) > default  # …and on other pages
    tab.open("item")
    page.get_by_role("toolbar", name="阅读工具").get_by_role("button", name=re.compile("默认")).click()
    assert article_font_px(page) == default
    page.reload()
    assert article_font_px(page) == default


def test_print_stylesheet_hides_navigation(tab: Tab) -> None:
    page = tab.open("item")
    expect(page.locator(".md-header")).to_be_visible()
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
                     ".md-footer", ".zwgk-tools", ".zwgk-crumbs", ".md-top"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator("table.zwgk-meta")).to_be_visible()  # the 属性表 is part of the document
    expect(page.locator(".zwgk-body")).to_be_visible()


def test_redirect_page_forwards_to_the_new_address(tab: Tab, model: Site, site_server: SiteServer) -> None:
    moved = item(model, MOVED)
    page = tab.page
    # "commit", not "load": the meta refresh may start the next navigation before this page's load event.
    page.goto(site_server.url(OLD_ADDRESS), wait_until="commit")
    expect(page).to_have_url(site_server.url(moved.url))
    assert heading(page) == moved.title


def test_missing_page_shows_the_styled_404(tab: Tab) -> None:
    page = tab.page
    response = page.goto(tab.server.url("no/such/page/"))
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text("页面不存在")
    expect(page.locator(".md-header")).to_be_visible()  # styled: its CSS loaded from /zwgk/
    page.locator(".md-content").get_by_role("link", name="政府信息公开目录").click()
    expect(page.locator("article h1")).to_have_text("政府信息公开目录")


def test_pages_work_without_javascript(chromium: Browser, site_server: SiteServer, model: Site) -> None:
    """Controls that need a script are not shown without one; the content and the static catalogue are."""
    context = chromium.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        tab = new_tab(context, site_server)
        page = tab.open("item")
        expect(page.locator("table.zwgk-meta")).to_be_visible()
        expect(page.locator(".zwgk-tools")).to_be_hidden()  # 字号/打印 buttons would do nothing
        page = tab.open("catalogue")
        expect(page.locator("form.zwgk-filters")).to_be_hidden()
        expect(page.locator(".md-content [data-zwgk-more]")).to_be_hidden()
        rows = page.locator("table.zwgk-catalogue tbody tr")
        expect(rows).to_have_count(min(len(listed(model)), 50))  # catalogue_newest: the newest 50
        page.locator(".zwgk-years a").first.click()
        expect(page.locator("table.zwgk-catalogue tbody tr").first).to_be_visible()
        assert tab.external_requests() == []
    finally:
        context.close()


def test_no_page_requests_another_host(tab: Tab) -> None:
    """Fonts, scripts, images, search index: everything comes from this site (政务内网 too)."""
    for name in VIEWED:
        tab.open(name)
    page = tab.open("item")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("政务")
    expect(page.locator("[data-zwgk-results] li").first).to_be_visible()
    tab.open("catalogue")
    page.locator("select[name=column]").select_option("zcwj")
    expect(page.locator("form.zwgk-filters [data-zwgk-status]")).to_contain_text("共")
    paths = [u for u in tab.requests if u.startswith(tab.server.origin)]
    assert any(u.endswith("zwgk.css") for u in paths) and any("/search/" in u for u in paths)
    assert tab.external_requests() == []
