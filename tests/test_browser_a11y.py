"""Accessibility in Chromium (GB/T 37668-2019 follows WCAG 2.0 AA): axe-core on every page type at
desktop and phone widths, in the states scripts create (search results, a filtered catalogue) at the
default and the largest 字号 step (every page type at the largest step: test_browser_reading.py), and the
whole journey with the keyboard alone — skip link, visible focus, operable reading tools.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    VIEWED,
    VIEWPORTS,
    Tab,
    blocking,
    contrast,
    require_axe,
    require_playwright,
    run_axe,
    tab_to,
    to_largest_step,
)

require_playwright()  # before the import below: no Playwright, the module is skipped

from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_js() -> Path:
    return require_axe()


def settle(page: Page) -> None:
    """Images (the 图解) decoded and web fonts ready: axe judges contrast on what is painted.

    The 图解 is ``loading="lazy"``: below the fold (on a phone) Chromium never fetches it, so it would
    never be ``complete``. Switching it to eager loads it without scrolling the page under axe."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("Array.from(document.images).every(i => i.complete) && document.fonts.status === 'loaded'")


def assert_no_serious(page: Page, axe_js: Path) -> None:
    found = blocking(run_axe(page, axe_js))
    assert not found, f"axe-core on {page.url}:\n" + "\n".join(map(str, found))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", VIEWED)
def test_axe_no_serious_violations(tab: Tab, axe_js: Path, name: str, viewport: str) -> None:
    tab.page.set_viewport_size(VIEWPORTS[viewport])
    page = tab.open(name)
    settle(page)
    assert_no_serious(page, axe_js)


def open_search(page: Page) -> None:
    """Open the header search the way a reader does: on a phone the box sits behind the magnifier."""
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():  # Material shows it below 60em only
        magnifier.click()
    page.locator("input.md-search__input").click()


# The states scripts create, at the default and the largest 字号 step (issue 17: "including the largest 字号").
STEPS = ["default", "largest"]


def open_at_step(tab: Tab, name: str, step: str) -> Page:
    page = tab.open(name)
    if step == "largest":
        to_largest_step(page)
    return page


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_axe_search_results(tab: Tab, axe_js: Path, viewport: str, step: str) -> None:
    tab.page.set_viewport_size(VIEWPORTS[viewport])
    page = open_at_step(tab, "item", step)
    open_search(page)
    page.locator("input.md-search__input").press_sequentially("政务服务")
    expect(page.locator("[data-zwgk-results] a").first).to_be_visible()
    expect(page.locator(".zwgk-search__filters")).to_be_visible()
    assert_no_serious(page, axe_js)
    # axe leaves text over the header's layers "incomplete": check the filter labels' colours directly
    # (they once inherited the header's white on the panel's white).
    fg, bg = page.evaluate("""() => [getComputedStyle(document.querySelector('.zwgk-search__filters label')).color,
                                      getComputedStyle(document.querySelector('.md-search__scrollwrap')).backgroundColor]""")
    assert contrast(fg, bg) >= 4.5, (fg, bg)


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_axe_filtered_catalogue(tab: Tab, axe_js: Path, viewport: str, step: str) -> None:
    tab.page.set_viewport_size(VIEWPORTS[viewport])
    page = open_at_step(tab, "catalogue", step)
    page.locator("select[name=column]").select_option("zcwj")
    expect(page.locator("form.zwgk-filters [data-zwgk-status]")).to_contain_text("共")
    assert_no_serious(page, axe_js)


# -- keyboard --------------------------------------------------------------------------------------
# Two animation frames first: Material resizes the sticky sidebar on scroll in a frame callback, and
# until then the sidebar of the moment before the Tab can lie over a footer link just scrolled to.
FOCUSED = """async () => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e), r = e.getClientRects()[0] || e.getBoundingClientRect();
  // The middle of the part on screen: a scroll region taller than the screen has its centre below it.
  const vt = Math.max(r.top, 0), vb = Math.min(r.bottom, innerHeight), vl = Math.max(r.left, 0), vr = Math.min(r.right, innerWidth);
  const hit = document.elementFromPoint((vl + vr) / 2, (vt + vb) / 2);
  return {tag: e.tagName, text: (e.textContent || e.value || '').trim().slice(0, 40), id: e.id,
          href: e.getAttribute('href'), outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
          shadow: s.boxShadow, width: r.width, height: r.height, top: r.top, left: r.left,
          inContent: !!e.closest('.md-content'), onScreen: r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight,
          covered: !(hit && (hit === e || e.contains(hit))),
          path: (function p(n) { return n.parentElement ? p(n.parentElement) + '>' + Array.from(n.parentElement.children).indexOf(n) : ''; })(e)};
}"""

FIRST_IN_CONTENT = """() => {
  const sel = 'a[href], button, select, input, textarea, [tabindex]:not([tabindex="-1"])';
  const all = Array.from(document.querySelectorAll('.md-content ' + sel.split(', ').join(', .md-content ')));
  const e = all.find(el => !el.disabled && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden');
  return e ? e.outerHTML.slice(0, 120) : null;
}"""


NOT_COVERED = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return !!hit && (hit === e || e.contains(hit));
}"""


@pytest.mark.parametrize("name", ["home", "column", "item", "interpretation", "catalogue", "withdrawn", "404"])
def test_skip_link_is_the_first_tab_stop_and_reaches_the_content(tab: Tab, name: str) -> None:
    page = tab.open(name)
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first is not None and first["tag"] == "A", first
    assert first["text"] in {"跳到正文", "跳转至"}, first
    expect(page.locator(":focus")).to_be_visible()  # shown while focused, not only to screen readers
    assert first["top"] >= 0 and first["width"] > 0
    page.keyboard.press("Enter")
    # The next Tab lands on the first control of the content: header, search and nav are skipped.
    page.keyboard.press("Tab")
    now = page.evaluate(FOCUSED)
    assert now is not None and now["inContent"], now
    assert page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)") == page.evaluate(FIRST_IN_CONTENT)
    assert page.evaluate(NOT_COVERED), "the focused link is hidden under the sticky header"


def focus_problem(info: dict[str, Any]) -> str | None:
    """What keeps a keyboard user from seeing where the focus is (None: nothing)."""
    if info["width"] == 0 or info["height"] == 0:
        return "focused element has no size (an invisible tab stop)"
    if not info["onScreen"]:
        return "focused element is off-screen (e.g. in a closed drawer)"
    if info["covered"]:
        return "focused element is covered by another element (header, open panel)"
    outline = info["outline"] != "none" and float(info["outlineWidth"]) > 0
    shadow = info["shadow"] not in ("none", "")
    if not outline and not shadow:
        return "no focus indicator (outline and box-shadow are none)"
    return None


NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", ["home", "item", "catalogue"])
def test_every_tab_stop_shows_focus(tab: Tab, name: str, viewport: str) -> None:
    """Each Tab stop is on screen, uncovered and outlined (checked once transitions are switched off)."""
    tab.page.set_viewport_size(VIEWPORTS[viewport])
    page = tab.open(name)
    page.add_style_tag(content=NO_MOTION)
    seen: set[str] = set()
    problems = []
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info is None or info["path"] in seen:
            break  # wrapped around to the address bar / the start
        seen.add(info["path"])
        problem = focus_problem(info)
        if problem:
            problems.append(f"{problem}: <{info['tag']}> {info['text']!r} href={info['href']!r}")
    assert len(seen) > 10, "too few tab stops: the page did not take keyboard focus"
    assert not problems, "\n".join(problems)


def test_phone_nav_drawer_with_the_keyboard(tab: Tab, axe_js: Path) -> None:
    """Below 76.25em the nav is in the drawer: its button takes focus, opens with Enter, closes with Esc."""
    tab.page.set_viewport_size(VIEWPORTS["phone"])
    page = tab.open("item")
    page.add_style_tag(content=NO_MOTION)
    drawer = page.locator("#__drawer")
    button = page.locator("button[data-zwgk-drawer]")
    tab_to(page, "button[data-zwgk-drawer]")
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(drawer).to_be_checked()
    expect(button).to_have_attribute("aria-expanded", "true")
    assert_no_serious(page, axe_js)  # the open drawer, its section panel on top
    # Focus moves into the drawer; every Tab stop there is visible (none behind the section panel);
    # tabbing out of it closes it, so the next stop on the page is not under the drawer either.
    for step in range(20):
        if step:
            page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        assert info is not None
        left = not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
        if left:
            expect(drawer).not_to_be_checked()
            info = page.evaluate(FOCUSED)
        assert focus_problem(info) is None, info
        if left:
            break
    else:
        raise AssertionError("Tab never left the drawer")
    button.focus()
    page.keyboard.press("Enter")
    expect(drawer).to_be_checked()
    page.keyboard.press("Escape")
    expect(drawer).not_to_be_checked()
    expect(button).to_be_focused()
    page.keyboard.press("Space")
    expect(drawer).to_be_checked()
    # The page's section (法定主动公开内容) is open as a panel over the list: focus is on its "←",
    # which takes the list back.
    back = page.locator(".md-sidebar--primary .md-nav .md-nav__title[tabindex='0']")
    expect(back).to_be_focused()
    section = back.get_attribute("for")
    page.keyboard.press("Enter")
    expect(page.locator(f"[id='{section}_label']")).to_be_focused()  # the section's entry in the list
    tab_to(page, ".md-sidebar--primary a[href$='catalogue/']")
    info = page.evaluate(FOCUSED)
    assert info["onScreen"] and not info["covered"], info
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_have_text("政府信息公开目录")


def article_font_px(page: Page) -> float:
    return float(page.locator("article.md-typeset").evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def test_font_size_control_works_with_enter_and_space(tab: Tab) -> None:
    page = tab.open("item")
    default = article_font_px(page)
    tab_to(page, "[data-zwgk-font-step='1']")
    page.keyboard.press("Enter")
    step1 = article_font_px(page)
    assert step1 > default
    page.keyboard.press("Space")
    assert article_font_px(page) > step1
    expect(page.locator("[data-zwgk-font-status]")).to_have_text(re.compile("放大"))  # announced (aria-live)
    tab_to(page, "[data-zwgk-font-step='0']")
    page.keyboard.press("Space")
    assert article_font_px(page) == default


def test_whole_journey_with_the_keyboard_alone(tab: Tab) -> None:
    page = tab.open("home")
    for selector, url in ((".md-content a[href$='fdzdgknr/']", "/fdzdgknr/"),
                          (".md-content a[href$='zcwj/']", "/zcwj/"),
                          (".zwgk-pager a[rel=next]", "/zcwj/page/2/"),
                          (".zwgk-column a.zwgk-list__title", "/zcwj/2026-003/"),
                          (".zwgk-related a", "/zcjd/yijianshi/"),
                          (".zwgk-related a", "/zcwj/2026-003/")):
        tab_to(page, selector)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(re.escape(url) + "$"))
        page.wait_for_load_state("load")  # the URL changes before the page's scripts have run
    # Search: "/" focuses the box; Tab reaches the results; Enter opens one; Esc closes the box.
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("停车")
    expect(page.locator("[data-zwgk-results] a").first).to_be_visible()
    tab_to(page, "[data-zwgk-results] a")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/hygz/2026-016/$"))
    page.wait_for_load_state("load")
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    expect(page.locator("input.md-search__input")).not_to_be_focused()
    expect(page.locator("#__search")).not_to_be_checked()
