"""The 政府信息公开目录 on a corpus far larger than one page of rows (issue 17 §1), in Chromium.

One corpus of CORPUS_ITEMS items (scripts/make_corpus.py) is built once for this module. Expected rows
come from the items' own front matter, read here with PyYAML, never from the generated pages or shards.
The catalogue page also holds the header search, whose 显示更多 uses the same hook name as the
catalogue's: the tests drive both on one page. The corpus's pages also go through the Nu HTML Checker.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from browser_support import (
    DESKTOP,
    LARGEST_STEP,
    VIEWPORTS,
    SiteServer,
    blocking,
    iter_html,
    new_tab,
    require_axe,
    require_playwright,
    require_vnu,
    run_axe,
    run_vnu,
    to_largest_step,
    viewport_fits,
)
from support import REPO, mkdocs_build

require_playwright()  # before the import below: no Playwright, the module is skipped

from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

CORPUS_ITEMS = 1000
CORPUS_TODAY = dt.date(2026, 11, 27)  # scripts/make_corpus.py: CORPUS_TODAY
PAGE_ROWS = 100  # catalogue.js: PAGE
JS_DIR = REPO / "overrides/assets/zwgk"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("catalogue") / "corpus"
    subprocess.run([sys.executable, str(REPO / "scripts/make_corpus.py"), "--items", str(CORPUS_ITEMS), str(root)],
                   check=True, capture_output=True, timeout=300)
    proc = mkdocs_build(root, today=CORPUS_TODAY)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root


@pytest.fixture(scope="module")
def rows(corpus: Path) -> list[dict[str, str]]:
    """Every published item's catalogue fields, from its Markdown front matter."""
    out = []
    for path in [*corpus.glob("content/*/*.md"), *corpus.glob("interpretations/*/material.md")]:
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if "index_no" not in meta or meta["published"] > CORPUS_TODAY:
            continue
        out.append({k: str(v) for k, v in meta.items()})
    assert len(out) == CORPUS_ITEMS
    return out


@pytest.fixture(scope="module")
def server(corpus: Path) -> Iterator[SiteServer]:
    s = SiteServer(corpus / "site")
    yield s
    s.close()


@pytest.fixture
def page(chromium: Browser, server: SiteServer) -> Iterator[Page]:
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN", service_workers="block")
    try:
        context.set_default_timeout(15_000)
        tab = new_tab(context, server)
        yield tab.open("catalogue/")
        assert tab.external_requests() == []
    finally:
        context.close()


def year_of(row: dict[str, str]) -> str:
    return row["formed"][:4]


def busiest_year(rows: list[dict[str, str]]) -> tuple[str, int]:
    year, count = Counter(year_of(r) for r in rows).most_common(1)[0]
    assert count > PAGE_ROWS * 2, "the corpus must give a year of more than two pages of rows"
    return year, count


def body_rows(page: Page) -> Locator:
    return page.locator(".zwgk-catalogue-app table tbody tr")


def show_all(page: Page, expected: int) -> None:
    """Press the catalogue's own 显示更多 until every row is on the page."""
    more = page.locator(".zwgk-catalogue-app [data-zwgk-more]")
    for shown in range(PAGE_ROWS, expected, PAGE_ROWS):
        expect(body_rows(page)).to_have_count(shown)
        expect(more).to_be_visible()
        more.click()
    expect(body_rows(page)).to_have_count(expected)
    expect(more).to_be_hidden()


def column_texts(page: Page, field: str) -> list[str]:
    n = page.locator(".zwgk-catalogue-app th[data-zwgk-field]").evaluate_all(
        "(ths, f) => ths.findIndex(th => th.dataset.zwgkField === f) + 1", field)
    return body_rows(page).locator(f"td:nth-child({n})").all_inner_texts()


def test_a_year_larger_than_a_page_shows_every_row_next_to_the_header_search(page: Page, rows: list[dict[str, str]]) -> None:
    year, count = busiest_year(rows)
    # The header search first, so that its own 显示更多 is on the page and visible.
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("工作")
    # The count is announced once the results are on the page (zwgk.js).
    expect(page.locator(".zwgk-search [data-zwgk-status]")).to_have_text(re.compile(r"找到 \d+ 条结果"))
    expect(page.locator(".zwgk-search [data-zwgk-more]")).to_be_visible()
    search_results = page.locator("[data-zwgk-results] li").count()
    assert search_results == 10  # zwgk.js: PAGE
    page.keyboard.press("Escape")

    form = page.locator("form.zwgk-filters")
    expect(form).to_be_visible()
    form.locator("select[name=year]").select_option(year)
    expect(form.locator("[data-zwgk-status]")).to_have_text(f"共 {count} 条")
    show_all(page, count)
    wanted = sorted(r["index_no"] for r in rows if year_of(r) == year)
    assert sorted(column_texts(page, "index_no")) == wanted
    # The catalogue's button never touched the search's results.
    assert page.locator("[data-zwgk-results] li").count() == search_results


def test_all_years_and_the_text_filter(page: Page, rows: list[dict[str, str]]) -> None:
    form = page.locator("form.zwgk-filters")
    expect(form).to_be_visible()
    form.locator("select[name=year]").select_option("")
    expect(form.locator("[data-zwgk-status]")).to_have_text(f"共 {len(rows)} 条")
    expect(page.locator(".zwgk-catalogue caption")).to_have_text(f"全部年份，共 {len(rows)} 条")
    word = "通知"  # the genre of one column, in its titles: a few hundred rows
    fields = ("title", "summary", "doc_no", "index_no")  # what the filter reads
    wanted = sorted(r["index_no"] for r in rows if any(word in r.get(f, "") for f in fields))
    assert PAGE_ROWS < len(wanted) < len(rows)
    form.locator("input[name=q]").fill(word)
    expect(form.locator("[data-zwgk-status]")).to_have_text(f"共 {len(wanted)} 条")
    show_all(page, len(wanted))
    assert sorted(column_texts(page, "index_no")) == wanted
    form.locator("input[name=q]").fill("没有这个词的目录")
    expect(form.locator("[data-zwgk-status]")).to_have_text("共 0 条")
    expect(body_rows(page)).to_have_count(0)


def test_sortable_headers_are_keyboard_buttons_with_aria_sort(page: Page, rows: list[dict[str, str]]) -> None:
    year, count = busiest_year(rows)
    form = page.locator("form.zwgk-filters")
    form.locator("select[name=year]").select_option(year)
    expect(form.locator("[data-zwgk-status]")).to_have_text(f"共 {count} 条")
    published = page.locator(".zwgk-catalogue-app th[data-zwgk-field=published]")
    expect(published).to_have_attribute("aria-sort", "descending")
    title_head = page.locator(".zwgk-catalogue-app th[data-zwgk-field=index_no]")
    button = title_head.get_by_role("button")
    button.focus()
    page.keyboard.press("Enter")
    expect(title_head).to_have_attribute("aria-sort", "ascending")
    expect(published).not_to_have_attribute("aria-sort", re.compile("."))
    in_year = sorted(r["index_no"] for r in rows if year_of(r) == year)
    assert column_texts(page, "index_no") == in_year[:PAGE_ROWS]
    page.keyboard.press("Space")
    expect(title_head).to_have_attribute("aria-sort", "descending")
    assert column_texts(page, "index_no") == sorted(in_year, reverse=True)[:PAGE_ROWS]


def test_new_columns_show_genre_validity_and_publication_date(page: Page, rows: list[dict[str, str]]) -> None:
    heads = page.locator(".zwgk-catalogue-app thead th").all_inner_texts()
    for name in ("体裁", "有效性", "发布日期"):
        assert any(h.startswith(name) for h in heads), heads
    year, count = busiest_year(rows)
    form = page.locator("form.zwgk-filters")
    form.locator("select[name=year]").select_option(year)
    expect(form.locator("[data-zwgk-status]")).to_have_text(f"共 {count} 条")
    by_index = {r["index_no"]: r for r in rows}
    shown = zip(column_texts(page, "index_no"), column_texts(page, "genre"), column_texts(page, "published"), strict=True)
    for index_no, genre, published in shown:
        assert genre == by_index[index_no]["genre"] and published == by_index[index_no]["published"]
    assert set(column_texts(page, "validity")) == {"有效"}


# -- the largest 字号 step on a phone, on the whole corpus ------------------------------------------
# The control sits on the page as shown; what keeps it usable there: nothing wider than the screen
# but the table's own scroll region, every filter control on screen, the filters still filtering.
CONTROLS_OFF_SCREEN = """(w) => Array.from(document.querySelectorAll('form.zwgk-filters select, form.zwgk-filters input, form.zwgk-filters label'))
  .filter(e => e.getClientRects().length)
  .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
  .filter(([, r]) => r.left < 0 || r.right > w)
  .map(([h, r]) => `${Math.round(r.left)}..${Math.round(r.right)} ${h}`)"""


def assert_fits_and_axe_is_clean(page: Page, axe_js: Path, when: str) -> None:
    page.wait_for_function("document.fonts.status === 'loaded'")
    width, inner = viewport_fits(page)
    assert width <= inner, f"{when}: the page is {width} px wide at a {inner} px viewport"
    off = page.evaluate(CONTROLS_OFF_SCREEN, inner)
    assert not off, f"{when}: filter controls off screen:\n" + "\n".join(off)
    found = blocking(run_axe(page, axe_js))
    assert not found, f"{when}, axe-core:\n" + "\n".join(map(str, found))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_largest_step_fits_filters_and_has_no_serious_axe_violation(chromium: Browser, server: SiteServer,
                                                                      rows: list[dict[str, str]], viewport: str) -> None:
    axe_js = require_axe()
    context = chromium.new_context(viewport=VIEWPORTS[viewport], locale="zh-CN", service_workers="block")
    try:
        context.set_default_timeout(15_000)
        tab = new_tab(context, server)
        page = tab.open("catalogue/")
        cell = body_rows(page).first.locator("td").first
        default_px = float(cell.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        to_largest_step(page)  # A+ the way a reader presses it, until it stops growing
        assert float(cell.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= default_px * 1.5
        form = page.locator("form.zwgk-filters")
        expect(form).to_be_visible()
        expect(body_rows(page).first).to_be_visible()  # the static table the page is served with
        assert_fits_and_axe_is_clean(page, axe_js, f"{viewport}, largest step, the page as served")

        # The year filter, then a second page of rows (the 显示更多 of the catalogue, not the search's).
        year, count = busiest_year(rows)
        form.locator("select[name=year]").select_option(year)
        expect(form.locator("[data-zwgk-status]")).to_have_text(f"共 {count} 条")
        page.locator(".zwgk-catalogue-app [data-zwgk-more]").click()
        expect(body_rows(page)).to_have_count(PAGE_ROWS * 2)
        shown = column_texts(page, "index_no")
        assert set(shown) <= {r["index_no"] for r in rows if year_of(r) == year} and len(set(shown)) == len(shown)

        # The text filter on top of the year: the rows of that year whose fields hold the word.
        word = "通知"
        fields = ("title", "summary", "doc_no", "index_no")
        wanted = sorted(r["index_no"] for r in rows if year_of(r) == year and any(word in r.get(f, "") for f in fields))
        assert 0 < len(wanted) < count
        form.locator("input[name=q]").fill(word)
        expect(form.locator("[data-zwgk-status]")).to_have_text(f"共 {len(wanted)} 条")
        show_all(page, len(wanted))
        assert sorted(column_texts(page, "index_no")) == wanted
        assert_fits_and_axe_is_clean(page, axe_js, f"{viewport}, largest step, filtered to {year} and “{word}”")
        assert tab.external_requests() == []
    finally:
        context.close()


def corpus_pages(site: Path) -> dict[str, str]:
    """One page of each type in the corpus (path under the site), found in what was built."""
    column = "zcwj"
    last = max(int(p.name) for p in (site / column / "page").iterdir() if p.name.isdigit())
    item = min(p.name for p in (site / column).iterdir() if re.fullmatch(r"\d{4}-\d{5}", p.name))
    reading = min(p.name for p in (site / "zcjd").iterdir() if (p / "index.html").is_file() and p.name != "page")
    year = max(p.name for p in (site / "catalogue").iterdir() if p.name.isdigit())
    return {"home": "", "column": f"{column}/", "column-last-page": f"{column}/page/{last}/",
            "item": f"{column}/{item}/", "interpretation": f"zcjd/{reading}/", "catalogue-year": f"catalogue/{year}/",
            "sitemap": "sitemap/", "404": "no-such-page/"}


@pytest.mark.parametrize("step", ["default", "largest"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page_type_of_the_corpus_fits_and_has_no_serious_axe_violation(
        chromium: Browser, server: SiteServer, corpus: Path, viewport: str, step: str) -> None:
    """The demo's page types again, at the size a thousand items give them (long pagers, a year's
    catalogue of hundreds of rows), at both widths and at the default and largest 字号 step."""
    axe_js = require_axe()
    pages = corpus_pages(corpus / "site")
    context = chromium.new_context(viewport=VIEWPORTS[viewport], locale="zh-CN", service_workers="block")
    problems: list[str] = []
    try:
        context.set_default_timeout(15_000)
        tab = new_tab(context, server)
        if step == "largest":
            to_largest_step(tab.open(""))  # kept in localStorage for every page opened after
        for name, path in pages.items():
            page = tab.open(path)
            if step == "largest":
                expect(page.locator("html")).to_have_attribute("data-zwgk-font", str(LARGEST_STEP))
            page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
            page.wait_for_function("Array.from(document.images).every(i => i.complete) && document.fonts.status === 'loaded'")
            width, inner = viewport_fits(page)
            if width > inner:
                problems.append(f"{name} ({path}): {width} px wide at a {inner} px viewport")
            problems += [f"{name} ({path}): {v}" for v in blocking(run_axe(page, axe_js))]
        assert tab.external_requests() == []
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def vnu() -> tuple[str, Path]:
    return require_vnu()  # asked for before the corpus: skipping then costs no build


def test_every_page_of_the_corpus_is_valid_html(vnu: tuple[str, Path], corpus: Path) -> None:
    """The Nu HTML Checker on all the corpus's pages: a thousand rows, long pagers and every year's
    catalogue are markup the few dozen demo pages never produce."""
    java, jar = vnu
    site = (corpus / "site").resolve()
    pages = list(iter_html(site))
    assert len(pages) > CORPUS_ITEMS
    bad = {p.relative_to(site).as_posix(): e for p, e in run_vnu(java, jar, pages).items() if e}
    assert not bad, f"{len(bad)} pages with errors:\n" + "\n".join(f"{p}:\n  " + "\n  ".join(e[:3]) for p, e in sorted(bad.items())[:10])


# -- the class of fault: a component's hook looked up in the whole document -------------------------
# document-wide look-ups allowed in the site's scripts, each a component root or a page singleton.
DOCUMENT_LOOKUPS = {
    "[data-zwgk-catalogue]": "the catalogue component roots (each set up on its own)",
    "[data-zwgk-search]": "the header search component root (one per page, from header.html)",
    ".zwgk-tools": "the reading toolbars (each set up on its own)",
    "[data-zwgk-font-status]": "every toolbar's status line is updated together, by intent",
    "[data-zwgk-table-wrap]": "the scroll regions of wide tables (each set up on its own)",
    ".md-sidebar--primary": "Material's one primary sidebar",
    "[data-zwgk-drawer]": "the one drawer button of the header",
    ".md-header label[for='__drawer']": "Material's one drawer label",
    ".md-nav--primary .md-nav .md-nav__title[for]": "every nav panel title, each handled on its own",
}


def test_scripts_look_up_only_component_roots_in_the_document() -> None:
    found: list[tuple[str, str]] = []
    for js in sorted(JS_DIR.glob("*.js")):
        text = js.read_text(encoding="utf-8")
        for m in re.finditer(r"document\.querySelector(?:All)?\(\s*(\"[^\"]*\"|'[^']*')", text):
            found.append((js.name, m.group(1)[1:-1]))
        assert not re.search(r"document\.querySelector(?:All)?\(\s*[^\"'\s]", text), f"{js.name}: a computed document-wide selector"
    assert found, "no look-ups found: the pattern no longer matches the scripts"
    stray = [f"{name}: {sel}" for name, sel in found if sel not in DOCUMENT_LOOKUPS]
    assert not stray, "component hooks must be looked up inside their component, not in the document: " + ", ".join(stray)
