"""HTML validity: the Nu HTML Checker (vnu.jar, as used by validator.w3.org/nu) finds no error in the
generated pages — every page type, then every other page of the demo.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import PAGES, iter_html, page_file, require_vnu, run_vnu

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def vnu() -> tuple[str, Path]:
    return require_vnu()  # before the build: skipping costs nothing


@pytest.fixture(scope="module")
def vnu_errors(vnu: tuple[str, Path], browser_demo: Path) -> dict[Path, list[str]]:
    """One vnu run over every HTML page of the built demo (the JVM takes seconds to start)."""
    java, jar = vnu
    pages = list(iter_html(browser_demo / "site"))
    assert len(pages) > 30
    return run_vnu(java, jar, pages)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_is_valid_html(browser_demo: Path, vnu_errors: dict[Path, list[str]], name: str) -> None:
    path = page_file(browser_demo / "site", name).resolve()
    assert path in vnu_errors, f"{path} was not built"
    assert not vnu_errors[path], f"{path}:\n" + "\n".join(vnu_errors[path])


def test_every_page_is_valid_html(browser_demo: Path, vnu_errors: dict[Path, list[str]]) -> None:
    site = (browser_demo / "site").resolve()
    bad = {p.relative_to(site).as_posix(): e for p, e in vnu_errors.items() if e}
    assert not bad, "\n".join(f"{p}:\n  " + "\n  ".join(e) for p, e in sorted(bad.items()))
