"""A failed build never touches the last good site; every failure is a Chinese message naming the file.

Real strict builds of the demo copy (tests/support.py). Each failure class (a gate error on an item,
the safety net for a page the gate does not govern, an exception inside a template, a strict-mode
warning raised while pages render) must exit non-zero without a traceback, name the file, and
leave site/ byte for byte as the previous good build left it. The clean twin swaps the new site in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

import pytest
from support import copy_demo, edit_front_matter, mkdocs_build, resign
from zwgk.mkdocs import staging

ITEM = "content/zcwj/2026-003.md"


def _tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("staging") / "demo")
    res = mkdocs_build(root)
    assert res.returncode == 0, res.stderr
    return root


@pytest.fixture()
def demo(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    shutil.copytree(built, root, symlinks=True)
    return root


def _fails_cleanly(root: Path, *names: str) -> str:
    before = _tree(root / "site")
    res = mkdocs_build(root)
    assert res.returncode != 0, res.stderr[-2000:]
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout, res.stderr[-3000:]
    for name in names:
        assert name in res.stderr, res.stderr[-3000:]
    assert _tree(root / "site") == before, "the last good site was changed by a failed build"
    assert not list(root.glob(".zwgk-build-*")), "the stage of a failed build was left behind"
    return res.stderr


def _set_item(root: Path, key: str, value: object) -> None:
    edit_front_matter(root / ITEM, lambda m: m.__setitem__(key, value))
    resign(root, ITEM)  # the review gate passes: the build reaches the templates


def _set_page(root: Path, line: str) -> None:
    """A page outside the columns (content/index.md): its front matter goes to MkDocs as written."""
    page = root / "content/index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", f"---\n{line}\n", 1), encoding="utf-8")


@pytest.mark.parametrize(("key", "value", "field"), [
    ("template", "nope.html", "template"),
    ("hide", 5, "hide"),
    ("redirect_from", ["zcwj/old\x00name/"], "redirect_from"),
    ("redirect_from", ["zcwj/" + "长" * 100 + "/"], "redirect_from"),
])
def test_item_fields_that_would_break_rendering_stop_at_the_gate(demo: Path, key: str, value: object,
                                                                 field: str) -> None:
    _set_item(demo, key, value)
    err = _fails_cleanly(demo, ITEM, field)
    assert "网站未更新" in err


@pytest.mark.parametrize("line", ["template: nope.html", "hide: 5", "template: ../mkdocs.yml"])
def test_a_page_outside_the_gate_fails_with_a_message_naming_it(demo: Path, line: str) -> None:
    _set_page(demo, line)
    resign(demo, "content/index.md")  # reviewed: the gate passes, the failure comes while rendering
    err = _fails_cleanly(demo, "content/index.md")
    assert "zwgk 构建失败（网站未更新" in err and "修正：" in err


def test_strict_warning_while_rendering_keeps_the_old_site(demo: Path) -> None:
    page = demo / "content/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    resign(demo, "content/index.md")
    err = _fails_cleanly(demo, "no-such-page.md")
    assert "严格模式" in err


def test_debug_keeps_the_traceback(demo: Path) -> None:
    _set_page(demo, "hide: 5")
    resign(demo, "content/index.md")
    res = mkdocs_build(demo, extra_env={"ZWGK_DEBUG": "1"})
    assert res.returncode != 0 and "Traceback" in res.stderr


def test_success_swaps_the_new_site_in_and_keeps_dot_entries(demo: Path) -> None:
    site = demo / "site"
    (site / ".git-deploy-marker").write_text("keep", encoding="utf-8")
    (site / "stale.html").write_text("old", encoding="utf-8")
    inode = site.stat().st_ino
    res = mkdocs_build(demo)
    assert res.returncode == 0, res.stderr
    assert not (site / "stale.html").exists()  # a fresh site, as a clean build makes it
    assert (site / ".git-deploy-marker").read_text(encoding="utf-8") == "keep"
    assert site.stat().st_ino != inode  # swapped in, not rewritten in place
    assert (site / "index.html").is_file()
    assert not list(demo.glob(".zwgk-build-*"))


def test_site_dir_symlink_is_kept_and_its_target_replaced(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "www"
    shutil.move(str(demo / "site"), target)
    (demo / "site").symlink_to(target)
    res = mkdocs_build(demo)
    assert res.returncode == 0, res.stderr
    assert (demo / "site").is_symlink() and (target / "index.html").is_file()
    assert not list(tmp_path.glob(".zwgk-build-*"))


def test_first_build_without_a_previous_site(demo: Path) -> None:
    shutil.rmtree(demo / "site")
    res = mkdocs_build(demo)
    assert res.returncode == 0, res.stderr
    assert (demo / "site/index.html").is_file()
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(demo / "site").st_mode) == 0o777 & ~mask  # not mkdtemp's 0700


# -- the swap itself ---------------------------------------------------------------------------

def test_publish_exchanges_two_folders(tmp_path: Path) -> None:
    final, new = tmp_path / "site", tmp_path / "stage"
    final.mkdir()
    (final / "a.html").write_text("old")
    (final / ".keep").write_text("dot")
    new.mkdir()
    (new / "a.html").write_text("new")
    staging.publish(new, final, aside=tmp_path / "aside")
    assert (final / "a.html").read_text() == "new" and (final / ".keep").read_text() == "dot"
    leftover = new if new.exists() else tmp_path / "aside"
    assert (leftover / "a.html").read_text() == "old"


def test_publish_falls_back_to_two_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staging, "_renameat2", lambda: None)  # a kernel or libc without renameat2
    final, new = tmp_path / "site", tmp_path / "stage"
    final.mkdir()
    (final / "a.html").write_text("old")
    new.mkdir()
    (new / "a.html").write_text("new")
    staging.publish(new, final, aside=tmp_path / "aside")
    assert (final / "a.html").read_text() == "new"
    assert (tmp_path / "aside/a.html").read_text() == "old"


def test_serve_folders_are_never_staged(tmp_path: Path) -> None:
    import tempfile

    serve_dir = tempfile.mkdtemp(prefix="mkdocs_")
    try:
        assert staging.begin(serve_dir, "build") is None
    finally:
        os.rmdir(serve_dir)
    assert staging.begin(str(tmp_path / "site"), "serve") is None
    stage = staging.begin(str(tmp_path / "site"), "gh-deploy")
    assert stage is not None and stage.site.is_dir() and stage.root.parent == tmp_path
    staging.finish(stage, ok=False)
    assert not stage.root.exists() and not (tmp_path / "site").exists()
