"""Every page type at desktop (1280×800) and phone (375×812) width: no sideways scrolling on the phone,
and a full-page screenshot for people to look at (CI keeps ``screenshots/``; ``ZWGK_SCREENSHOTS``
overrides the folder).
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import VIEWED, VIEWPORTS, Tab, require_chromium, require_playwright, viewport_fits
from support import REPO

require_playwright()  # before the import below: no Playwright, the module is skipped

from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("ZWGK_SCREENSHOTS") or REPO / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settle(page: Page) -> None:
    # The 图解 is loading="lazy": below the fold on a phone it is never fetched, so never complete.
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("Array.from(document.images).every(i => i.complete) && document.fonts.status === 'loaded'")


def overflowing(page: Page) -> list[str]:
    """Elements whose right edge is past the viewport: what makes a phone page scroll sideways."""
    return list(page.evaluate("""() => {
      const w = window.innerWidth, out = [];
      for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.width && r.right > w && getComputedStyle(e).visibility !== 'hidden') {
          let clipped = false;  // inside a box that scrolls or clips on its own (a wide table's wrapper)
          for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (s.overflowX !== 'visible' && p.getBoundingClientRect().right <= w) { clipped = true; break; }
          }
          if (!clipped) out.push(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''));
        }
      }
      return out.slice(0, 10);
    }"""))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", VIEWED)
def test_page_fits_and_is_captured(tab: Tab, shots: Path, name: str, viewport: str) -> None:
    tab.page.set_viewport_size(VIEWPORTS[viewport])
    page = tab.open(name)
    settle(page)
    width, inner = viewport_fits(page)
    assert width <= inner, f"{name} scrolls sideways at {viewport} width ({width} > {inner}): {overflowing(page)}"
    page.screenshot(path=shots / f"{name}-{viewport}.png", full_page=True)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_search_results_fit_and_are_captured(tab: Tab, shots: Path, viewport: str) -> None:
    tab.page.set_viewport_size(VIEWPORTS[viewport])
    page = tab.open("item")
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():
        magnifier.click()
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("政务服务")
    expect(page.locator("[data-zwgk-results] a").first).to_be_visible()
    page.wait_for_timeout(500)  # Material's open/close transitions, so the picture is the settled state
    width, inner = viewport_fits(page)
    assert width <= inner, f"search results scroll sideways at {viewport} width: {overflowing(page)}"
    page.screenshot(path=shots / f"search-{viewport}.png")


def test_keyboard_focus_is_captured(tab: Tab, shots: Path) -> None:
    """The skip link as a keyboard user first sees it, and a focused control in the content."""
    page = tab.open("item")
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)  # the skip link slides in
    page.screenshot(path=shots / "focus-skip-link-desktop.png")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.screenshot(path=shots / "focus-content-desktop.png")
    assert page.evaluate("!!document.activeElement.closest('.md-content')")


def test_phone_drawer_is_captured(tab: Tab, shots: Path) -> None:
    """The nav drawer on a phone, opened from the keyboard: the page's section panel, then the list."""
    tab.page.set_viewport_size(VIEWPORTS["phone"])
    page = tab.open("item")
    page.locator("button[data-zwgk-drawer]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#__drawer")).to_be_checked()
    page.wait_for_timeout(500)
    page.screenshot(path=shots / "drawer-section-phone.png")
    page.keyboard.press("Enter")  # focus is on the section panel's "←"
    page.wait_for_timeout(500)
    page.screenshot(path=shots / "drawer-list-phone.png")
    expect(page.locator(".md-sidebar--primary a[href$='catalogue/']")).to_be_visible()


# -- the pictures of docs/贡献指南.md -------------------------------------------------------------
GUIDE = REPO / "docs/贡献指南.md"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def test_screenshots_script_makes_every_picture_the_guide_shows(tmp_path: Path) -> None:
    """scripts/screenshots.py (docs/workflow.md) runs, and makes exactly the pictures the guide links
    to, which are exactly the ones in docs/img: a new picture in the guide needs a way to remake it."""
    require_chromium()
    shown = sorted(set(re.findall(r"\]\(img/([^)\s]+\.png)\)", GUIDE.read_text(encoding="utf-8"))))
    assert shown, "no pictures found in the guide: the pattern no longer matches"
    assert sorted(p.name for p in (REPO / "docs/img").glob("*.png")) == shown
    proc = subprocess.run([sys.executable, str(REPO / "scripts/screenshots.py"), "--out", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    made = sorted(p.name for p in tmp_path.glob("*.png"))
    assert made == shown
    for name in made:
        width, height = png_size(tmp_path / name)
        assert width in (1280, 1240) and height >= 400, (name, width, height)  # the script's viewports
