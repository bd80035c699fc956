"""Item pages rendered in several processes (zwgk/mkdocs/parallel.py): same site, same failures.

Real builds and real forks: the demo is built in one process and in three, and every byte of the
two sites is compared; the helpers' reporting (warnings, failures, a killed process) is exercised
with real child processes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from support import DEMO_TODAY, MKDOCS, mkdocs_build
from test_site_pages import set_plugin_option
from zwgk.mkdocs import parallel

# macOS has fork but zwgk does not use it there (parallel.why_single): the tests below expect forks.
pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin",
                                reason="parallel rendering needs fork (Linux, BSD)")


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_three_processes_build_the_same_site_byte_for_byte(demo: Path, tmp_path: Path) -> None:
    set_plugin_option(demo, "pages", {"workers": 1})
    one = mkdocs_build(demo)
    assert one.returncode == 0, one.stderr
    single = tree(demo / "site")
    (demo / "site").rename(tmp_path / "single")

    text = (demo / "mkdocs.yml").read_text(encoding="utf-8")
    (demo / "mkdocs.yml").write_text(text.replace("workers: 1", "workers: 3"), encoding="utf-8")
    three = mkdocs_build(demo)
    assert three.returncode == 0, three.stderr
    assert "3 个进程并行渲染" in three.stderr  # the fork really happened
    parallel_site = tree(demo / "site")
    assert parallel_site == single
    items = [p for p in parallel_site if p.startswith("zcwj/20") and p.endswith("index.html")]
    assert len(items) >= 3  # item pages rendered by the helpers are there
    sitemap = (demo / "site/sitemap.xml").read_text(encoding="utf-8")
    assert all(f"/{p.removesuffix('index.html')}<" in sitemap for p in items)  # and listed once each
    assert not list(demo.glob(".zwgk-build-*"))  # the helpers' results and the staged index are gone


def test_a_dirty_build_in_one_process_writes_the_same_search_index(demo: Path) -> None:
    """``--dirty`` (like ``serve``) never forks: the index is written in the build's own process.
    Not strict: MkDocs itself warns about every dirty build."""
    forked = mkdocs_build(demo)
    assert forked.returncode == 0, forked.stderr
    expected = tree(demo / "site/search")
    env = {**os.environ, "ZWGK_TODAY": DEMO_TODAY.isoformat()}
    inline = subprocess.run([sys.executable, "-m", MKDOCS, "build", "--dirty", "--no-strict", "-d", "site-dirty"],
                            capture_output=True, text=True, env=env, cwd=demo, timeout=600)
    assert inline.returncode == 0, inline.stderr
    assert "站内搜索索引：" in inline.stderr and "并行渲染" not in inline.stderr
    assert tree(demo / "site-dirty/search") == expected
    assert not list(demo.glob(".zwgk-build-*"))


def test_a_failing_gate_still_stops_before_anything_forks(demo: Path) -> None:
    set_plugin_option(demo, "pages", {"workers": 3})
    item = demo / "content/zcwj/2026-003.md"
    item.write_text(item.read_text(encoding="utf-8").replace("title:", "title_typo:", 1), encoding="utf-8")
    proc = mkdocs_build(demo)
    assert proc.returncode != 0
    assert "并行渲染" not in proc.stderr and "已停止构建" in proc.stderr
    assert not list(demo.glob(".zwgk-build-*")) and not (demo / "site").exists()


def test_workers_option_is_validated(demo: Path) -> None:
    set_plugin_option(demo, "pages", {"workers": 99})
    proc = mkdocs_build(demo)
    assert proc.returncode != 0 and "pages.workers" in proc.stderr and "0～16" in proc.stderr


# -- the pieces, with real processes -------------------------------------------------------------
def config(tmp: Path) -> MkDocsConfig:
    (tmp / "docs").mkdir(exist_ok=True)
    cfg = MkDocsConfig(config_file_path=str(tmp / "mkdocs.yml"))
    # The site's theme, named: MkDocs' default theme ("mkdocs") is not bundled with ProperDocs.
    cfg.load_dict({"site_name": "t", "docs_dir": str(tmp / "docs"), "site_dir": str(tmp / "site"), "plugins": [],
                   "theme": "material"})
    assert not cfg.validate()[0]
    return cfg


def files(cfg: MkDocsConfig, names: list[str]) -> parallel.ShardedFiles:
    return parallel.ShardedFiles(File(name, src_dir=cfg.docs_dir, dest_dir=cfg.site_dir, use_directory_urls=True,
                                      inclusion=InclusionLevel.NOT_IN_NAV) for name in names)


def test_each_process_loops_over_its_share_and_the_sitemap_sees_all(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    fs = files(cfg, ["a.md", "b.md", "c.md", "index.md"])
    fs.elsewhere = frozenset({"b.md"})
    looped = [f.src_uri for f in fs.documentation_pages(inclusion=InclusionLevel.is_included)]
    assert looped == ["a.md", "c.md", "index.md"]
    assert [f.src_uri for f in fs.documentation_pages()] == ["a.md", "b.md", "c.md", "index.md"]


def test_split_gives_every_page_to_exactly_one_process_and_less_to_the_main_one() -> None:
    uris = [f"p{i:03}.md" for i in range(700)]
    shares = parallel.split(uris, 2)
    assert sorted(u for s in shares for u in s) == uris
    assert len(shares[0]) < len(shares[1])
    assert sum(map(len, parallel.split(uris[:1], 3))) == 1


def test_automatic_worker_count() -> None:
    assert parallel.worker_count(0, parallel.AUTO_MIN_PAGES - 1) == 1
    assert parallel.worker_count(0, 10_000) == max(1, min(os.cpu_count() or 1, parallel.AUTO_MAX_WORKERS))
    assert parallel.worker_count(2, 5) == 2  # an explicit setting wins


def test_only_a_clean_mkdocs_build_forks(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    cfg.plugins["zwgk"] = object()  # type: ignore[assignment]
    assert parallel.why_single(cfg, "build") is None
    assert "build" in (parallel.why_single(cfg, "serve") or "")
    assert parallel.why_single(cfg, None)  # --dirty
    cfg.plugins["search"] = object()  # type: ignore[assignment]
    assert "search" in (parallel.why_single(cfg, "build") or "")


def test_the_running_build_loop_is_the_one_parallel_rendering_was_written_against() -> None:
    """Run under MkDocs 1.6.1 and, in CI's ProperDocs job, under ProperDocs 1.6.7 (scripts/test.sh
    --properdocs): both have this loop, so both fork (test_three_processes_… above then checks the site)."""
    assert parallel.loop_fingerprint() == parallel.TESTED_LOOP, (parallel.mkdocs.__name__, parallel.mkdocs.__version__)


def test_a_changed_build_loop_renders_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the version number says: a loop that differs from the one read is not trusted."""
    cfg = config(tmp_path)
    cfg.plugins["zwgk"] = object()  # type: ignore[assignment]
    assert parallel.why_single(cfg, "build") is None

    def documentation_pages(self, *, inclusion=None):  # type: ignore[no-untyped-def]
        return []  # e.g. a release that no longer passes inclusion= from its page loop

    real = parallel._loop_code()
    monkeypatch.setattr(parallel, "_loop_code", lambda: (*real[:-2], documentation_pages, real[-1]))
    parallel.loop_fingerprint.cache_clear()
    try:
        assert "构建流程与并行渲染所验证的不同" in (parallel.why_single(cfg, "build") or "")
    finally:
        monkeypatch.undo()
        parallel.loop_fingerprint.cache_clear()
    assert parallel.why_single(cfg, "build") is None


def _run_helper(tmp: Path, behaviour: str) -> tuple[list[object], int, list[str]]:
    """Fork one render helper that warns, fails or dies; the main process collects it."""
    cfg = config(tmp)
    fs = files(cfg, ["a.md", "b.md"])
    fork = parallel.Fork.begin(tmp)
    view = fork.render(fs, cfg, [["a.md"], ["b.md"]])
    if view.is_helper:  # pragma: no cover - runs in the child, which never returns
        try:
            looped = [f.src_uri for f in fs.documentation_pages(inclusion=InclusionLevel.is_included)]
            if looped != ["b.md"] or fs.copy_static or cfg.theme.static_templates:
                parallel.finish_helper(view, {"wrong share": looped})
            if behaviour == "warn":
                logging.getLogger("mkdocs.structure.pages").warning("a warning in a helper")
            if behaviour == "fail":
                parallel.fail_helper(view)
            if behaviour == "die":
                os.kill(os.getpid(), signal.SIGKILL)
            parallel.finish_helper(view, {"pages": ["b.md"]})
        finally:
            os._exit(99)  # never go back into pytest in the child
    assert [f.src_uri for f in fs.documentation_pages(inclusion=InclusionLevel.is_included)] == ["a.md"]
    try:
        return parallel.collect(fork)
    finally:
        parallel.cleanup(fork)


def test_a_helper_reports_its_payload_and_warnings(tmp_path: Path) -> None:
    payloads, warnings, failures = _run_helper(tmp_path, "ok")
    assert payloads == [{"pages": ["b.md"]}] and warnings == 0 and failures == []
    payloads, warnings, failures = _run_helper(tmp_path, "warn")
    assert warnings == 1 and failures == []


@pytest.mark.parametrize(("behaviour", "why"), [("fail", "退出码 2"), ("die", "被信号 9 终止")])
def test_a_failed_helper_is_a_failure_in_the_main_process(tmp_path: Path, behaviour: str, why: str) -> None:
    payloads, _, failures = _run_helper(tmp_path, behaviour)
    assert payloads == []
    assert len(failures) == 1 and "并行渲染进程 1" in failures[0] and why in failures[0]


def test_background_work_reports_its_failure(tmp_path: Path) -> None:
    fork = parallel.Fork.begin(tmp_path)
    fork.aside("站内搜索索引", lambda: None)

    def broken() -> None:
        raise ValueError("坏数据")

    fork.aside("站内搜索索引", broken)
    sys.stderr.flush()
    _, _, failures = parallel.collect(fork)
    assert failures == ["站内搜索索引失败（退出码 2），错误见上文"]
    parallel.cleanup(fork)
    assert not list(tmp_path.iterdir())


def test_folders_left_by_killed_builds_are_removed_later(tmp_path: Path) -> None:
    stale = tmp_path / (parallel.TMP_PREFIX + "killed")
    (stale / "search").mkdir(parents=True)
    old = time.time() - parallel.STALE_AFTER - 60
    os.utime(stale, (old, old))
    running = tmp_path / (parallel.TMP_PREFIX + "running")  # another build, started a minute ago
    running.mkdir()
    fork = parallel.Fork.begin(tmp_path)
    assert not stale.exists() and running.is_dir() and fork.tmp.is_dir()
    parallel.cleanup(fork)


def test_no_staging_folder_means_one_process_not_a_failure(tmp_path: Path) -> None:
    from zwgk.mkdocs.plugin import ZwgkPlugin

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    cfg = config(tmp_path)
    cfg.site_dir = str(blocker / "deeper" / "site")  # its parent cannot be created
    assert ZwgkPlugin._begin_fork(cfg) is None
    cfg.site_dir = str(tmp_path / "site")
    fork = ZwgkPlugin._begin_fork(cfg)
    assert fork is not None and fork.tmp.parent == tmp_path
    parallel.cleanup(fork)
