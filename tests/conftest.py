"""Shared fixtures (helpers live in support.py and browser_support.py so test modules can import them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from support import MKDOCS, copy_demo

if MKDOCS == "properdocs":
    # The builds the tests start run under `python -m properdocs`, whose startup aliases every
    # `mkdocs.*` import to `properdocs.*`; the tests' own imports (MkDocsConfig, load_config, the
    # plugin built in-process) must see the same modules, so the alias is set up here too. Checked,
    # so that a real MkDocs installed beside ProperDocs can never quietly answer in its place.
    import importlib

    importlib.import_module("properdocs.replacement")  # installs the alias: before any `import mkdocs`
    mkdocs = importlib.import_module("mkdocs")
    assert mkdocs.__name__ == "properdocs", f"ZWGK_MKDOCS=properdocs but mkdocs is {mkdocs.__file__}"

if TYPE_CHECKING:
    from browser_support import SiteServer, Tab
    from playwright.sync_api import Browser


# Fixtures are written the way a clerk writes YAML: a date used twice is written twice. PyYAML's
# dumper would emit an anchor and an alias instead, which zwgk's loader rightly refuses (aliases are
# a denial-of-service vector), so the tests' dumps never use them.
yaml.SafeDumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests (and the builds and commands they start) cache in a folder of their own, never in the
    user's ~/.cache/zwgk: a developer's warm cache must not decide what a test sees."""
    import os

    folder = tmp_path_factory.mktemp("zwgk-cache")
    old = {k: os.environ.get(k) for k in ("ZWGK_CACHE_DIR", "ZWGK_CACHE_KEY")}
    os.environ["ZWGK_CACHE_DIR"] = str(folder)
    os.environ["ZWGK_CACHE_KEY"] = "tests-" + folder.name
    yield
    for key, value in old.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A writable copy of the demo site."""
    return copy_demo(tmp_path / "repo")


# -- real-browser tests (tests/test_browser_*.py): one site, one server, one Chromium per session ----
@pytest.fixture(scope="session")
def browser_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Repo root of the demo copy built for the browser tests (the site is in ``site/``)."""
    from browser_support import build_browser_demo

    return build_browser_demo(tmp_path_factory.mktemp("browser") / "repo")


@pytest.fixture(scope="session")
def site_server(browser_demo: Path) -> Iterator[SiteServer]:
    from browser_support import SiteServer

    server = SiteServer(browser_demo / "site")
    yield server
    server.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    from browser_support import CHROMIUM_ARGS, require_chromium

    executable = require_chromium()  # before the build: skipping costs nothing
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium: Browser, site_server: SiteServer) -> Iterator[Tab]:
    """A fresh desktop page (own storage) that must not request anything outside 127.0.0.1."""
    from browser_support import DESKTOP, new_tab

    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN", service_workers="block", accept_downloads=True)
    try:
        context.set_default_timeout(10_000)  # a local static site: anything slower is a failure
        t = new_tab(context, site_server)
        yield t
        external = t.external_requests()
        assert not external, f"requests outside 127.0.0.1: {external}"
    finally:
        context.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs Chromium/axe-core/Java (deselect with -m 'not browser')")
