"""适老化 in Chromium (issue 17 §2): one type scale, the 字号 control on every page, a 属性表 that
reflows at every step on a phone, links marked by more than colour, tap targets of 44×44 px.

The largest step is reached the way a reader does (A+ until it stops growing); the step is kept in
localStorage, so every page opened afterwards in the same tab is at that step.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import (
    LARGEST_STEP,
    PHONE,
    VIEWED,
    VIEWPORTS,
    Tab,
    blocking,
    require_axe,
    require_playwright,
    run_axe,
    to_largest_step,
    viewport_fits,
)

require_playwright()  # before the import below: no Playwright, the module is skipped

from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser
LARGEST = LARGEST_STEP
# Demo pages a reader reads on a phone (the 404 and the withdrawn notice included).
READ = [name for name in VIEWED]


@pytest.fixture(scope="module")
def axe_js() -> Path:
    return require_axe()


def settle(page: Page) -> None:
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("Array.from(document.images).every(i => i.complete) && document.fonts.status === 'loaded'")


def px(page: Page, selector: str) -> float:
    return float(page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


@pytest.mark.parametrize("name", READ)
def test_the_font_size_control_is_on_every_page(tab: Tab, name: str) -> None:
    page = tab.open(name)
    bar = page.locator(".zwgk-tools")
    expect(bar).to_have_count(1)
    expect(bar).to_be_visible()
    expect(bar.locator("[data-zwgk-font-step='1']")).to_be_visible()


# Text a reader reads: paragraphs, list items, table cells, definition lists, and the links in them.
SMALL_TEXT = """() => {
  const out = [];
  for (const e of document.querySelectorAll('.md-content p, .md-content li, .md-content td, .md-content th, .md-content dd, .md-content dt, .md-content a, .md-content .zwgk-crumbs')) {
    if (!e.getClientRects().length || getComputedStyle(e).visibility !== 'visible') continue;
    if (e.closest('.zwgk-sr-only, sup, sub')) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 16) out.push(`${e.tagName}.${e.className} ${size}px: ${(e.textContent || '').trim().slice(0, 30)}`);
  }
  return out;
}"""


@pytest.mark.parametrize("name", ["home", "column", "item", "interpretation", "catalogue", "catalogue-year", "withdrawn"])
def test_body_and_table_text_is_at_least_16px_on_a_phone(tab: Tab, name: str) -> None:
    tab.page.set_viewport_size(PHONE)
    page = tab.open(name)
    small = page.evaluate(SMALL_TEXT)
    assert not small, "\n".join(small[:20])


def test_every_step_enlarges_tables_breadcrumbs_the_catalogue_and_the_footer(tab: Tab) -> None:
    parts = {"item": [".zwgk-meta td", ".zwgk-crumbs", ".md-copyright", "article p"],
             "catalogue": ["table.zwgk-catalogue td", ".zwgk-filters", ".zwgk-crumbs"]}
    before = {(n, s): px(tab.open(n), s) for n, ss in parts.items() for s in ss}
    to_largest_step(tab.page)
    for (name, selector), size in before.items():
        page = tab.open(name)
        assert px(page, selector) >= size * 1.5, (name, selector, size, px(page, selector))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", READ)
def test_largest_step_reflows_and_axe_finds_nothing_serious(tab: Tab, axe_js: Path, name: str, viewport: str) -> None:
    """Issue 17: axe 0 serious/critical at desktop and 375 px including the largest 字号."""
    tab.page.set_viewport_size(VIEWPORTS[viewport])
    to_largest_step(tab.open("home"))
    page = tab.open(name)
    expect(page.locator("html")).to_have_attribute("data-zwgk-font", str(LARGEST))
    settle(page)
    width, inner = viewport_fits(page)
    assert width <= inner, f"{name}: the page is {width} px wide at a {inner} px viewport"
    found = blocking(run_axe(page, axe_js))
    assert not found, f"{name} at {viewport} width, largest step:\n" + "\n".join(map(str, found))


def test_the_property_table_reflows_at_every_step(tab: Tab) -> None:
    tab.page.set_viewport_size(PHONE)
    page = tab.open("item")
    for step in range(LARGEST + 1):
        if step:
            page.locator("[data-zwgk-font-step='1']").click()
            expect(page.locator("html")).to_have_attribute("data-zwgk-font", str(step))
        right = page.locator("table.zwgk-meta").evaluate("t => t.getBoundingClientRect().right")
        assert right <= PHONE["width"], (step, right)
        assert viewport_fits(page)[0] <= PHONE["width"], step


UNMARKED_LINKS = """() => Array.from(document.querySelectorAll('.md-content a[href]'))
  .filter(a => a.getClientRects().length && !a.matches('.md-button, .zwgk-entrance, .headerlink'))
  .filter(a => !getComputedStyle(a).textDecorationLine.includes('underline'))
  .map(a => a.outerHTML.slice(0, 100))"""


@pytest.mark.parametrize("name", ["home", "column", "item", "interpretation", "catalogue", "withdrawn"])
def test_links_in_the_content_are_underlined(tab: Tab, name: str) -> None:
    page = tab.open(name)
    assert page.evaluate(UNMARKED_LINKS) == []


SMALL_TARGETS = """() => Array.from(document.querySelectorAll('.md-content a[href], .md-content button, .md-footer a[href]'))
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility === 'visible' && !e.closest('p'))
  .map(e => [e.outerHTML.slice(0, 90), e.getBoundingClientRect()])
  .filter(([, r]) => r.width < 44 || r.height < 44)
  .map(([h, r]) => `${Math.round(r.width)}×${Math.round(r.height)} ${h}`)"""


def test_home_page_tap_targets_are_at_least_44px_on_a_phone(tab: Tab) -> None:
    """Links inside a sentence are exempt (WCAG 2.5.5 "inline"); every other link and button is not."""
    tab.page.set_viewport_size(PHONE)
    page = tab.open("home")
    small = page.evaluate(SMALL_TARGETS)
    assert not small, "\n".join(small)
