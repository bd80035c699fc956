"""Render item pages in several processes: MkDocs itself converts and renders pages one by one.

At 10,000 items MkDocs spends ~16 s converting Markdown and rendering templates in one process
while the second core idles (docs/site.md, "Benchmarks"). After the gates, the files and the nav
are ready (``on_nav``), the build forks: every process runs the rest of MkDocs' own build — the
real ``_populate_page`` and ``_build_page`` with every plugin event — on its share of the item
pages. Nothing is re-implemented, so the output is byte for byte that of one process (tested).

How the share is applied: MkDocs 1.6.1 loops over ``files.documentation_pages(inclusion=…)`` to
convert and to render pages, and calls ``documentation_pages()`` without arguments for the theme's
static templates (``sitemap.xml`` must list every page). :class:`ShardedFiles` filters the first
kind of call only. Helpers (``worker`` > 0) render their item pages and exit from ``on_post_build``
with a status and their warning count; the main process renders the rest and every other page,
copies the static files, writes the static templates, and waits for the helpers before it writes
anything that needs all pages.

Only used for ``mkdocs build`` (never ``serve``: live reload rebuilds in place), on Linux and the
BSDs (fork; not on Windows, which has none, nor on macOS, where a forked child of a process that
has loaded system frameworks may crash; ``ZWGK_FORK=0`` turns it off anywhere),
with MkDocs' build loop as read for this module (:func:`loop_fingerprint`: MkDocs 1.6.1, and ProperDocs
1.6.7, whose loop is the same code renamed), when zwgk is the only
plugin (another plugin's ``on_post_build`` would run in every process) and when anchor links are
not validated as warnings (a helper cannot see anchors of pages another process renders).
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mkdocs
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core import forkjoin

# Fewer item pages than this render in one process: forking costs more than it saves.
AUTO_MIN_PAGES = 300
AUTO_MAX_WORKERS = 4
#: The build loop this module was written against: :func:`loop_fingerprint` of MkDocs 1.6.1.
#: ProperDocs 1.6.7 (a renamed continuation of MkDocs 1.6) has the very same loop; so would any later
#: release that left it alone. A release whose loop differs renders in one process — the same site,
#: only slower — until someone re-reads the loop against the module docstring and records it here.
TESTED_LOOP = "ea4a13a8b29ef9d4d161bc2e5d77b9e0b979ad323465fe8faaefb30c26b60746"
TMP_PREFIX = ".zwgk-build-"  # beside site_dir: the staged search index and the helpers' results
STALE_AFTER = 6 * 3600  # seconds; no build runs that long, so an older folder is a killed build's
_UNSET: Any = object()
FORK_ENV = forkjoin.FORK_ENV  # ``ZWGK_FORK=0``: render everything in the build's own process


class ShardedFiles(Files):
    """MkDocs' file collection; the page loops of this process see only its share of the pages."""

    def __init__(self, files: Iterable[File]) -> None:
        super().__init__(files)
        self.elsewhere: frozenset[str] = frozenset()  # src_uris of pages another process renders
        self.copy_static = True

    def documentation_pages(
        self, *, inclusion: Callable[[InclusionLevel], bool] = _UNSET
    ) -> Sequence[File]:
        if inclusion is _UNSET:  # context of the static templates (sitemap.xml): every page
            return super().documentation_pages()
        pages = super().documentation_pages(inclusion=inclusion)
        if not self.elsewhere:
            return pages
        return [f for f in pages if f.src_uri not in self.elsewhere]

    def copy_static_files(self, dirty: bool = False, *,
                          inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included) -> None:
        if self.copy_static:
            super().copy_static_files(dirty, inclusion=inclusion)


def why_single(config: MkDocsConfig, command: str | None, *, platform: str = sys.platform) -> str | None:
    """Why this build must render in one process, or None when it may fork.  The single-process
    path is MkDocs' own loop: the same site, byte for byte, only slower (tested)."""
    if command != "build":
        return "只有 mkdocs build 并行渲染"
    refused = forkjoin.refusal(platform=platform, threads=False)
    if refused is not None:
        return refused
    if loop_fingerprint() != TESTED_LOOP:
        return f"当前 {mkdocs.__name__} {mkdocs.__version__} 的构建流程与并行渲染所验证的不同"
    others = [name for name in config.plugins if name != "zwgk"]
    if others:
        return "配置了其他插件（" + "、".join(others) + "）"
    if config.validation.links.anchors >= logging.WARNING:
        return "validation.links.anchors 为 warn：锚点检查需要在同一进程中渲染全部页面"
    return None


def _loop_code() -> tuple[Callable[..., Any], ...]:
    """What the call pattern in the module docstring depends on: MkDocs' build loop and its helpers,
    and the two Files methods ShardedFiles overrides."""
    return (mkdocs_build.build, mkdocs_build._populate_page, mkdocs_build._build_page,
            mkdocs_build._build_theme_template, Files.documentation_pages, Files.copy_static_files)


@functools.cache
def loop_fingerprint() -> str:
    """SHA-256 of the source of :func:`_loop_code`, ``properdocs`` read as ``mkdocs``, whitespace and
    trailing commas dropped: a version number says nothing about the code (ProperDocs 1.6.7 runs MkDocs
    1.6.1's loop under another name and reformatted), the code itself does. Source text rather than its
    syntax tree, whose dump changes with the Python version. "" when the source cannot be read."""
    try:
        text = "\n".join(inspect.getsource(fn) for fn in _loop_code())
    except (OSError, TypeError):  # e.g. installed from a zip without sources
        return ""
    text = "".join(text.replace("properdocs", "mkdocs").replace("ProperDocs", "MkDocs").split())
    text = re.sub(r",([)\]}])", r"\1", text)  # black-style "one per line" argument lists end in a comma
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def worker_count(setting: int, item_pages: int) -> int:
    """``setting`` 0 = automatic: one process per core (at most four) from AUTO_MIN_PAGES item pages."""
    if setting:
        return setting
    if item_pages < AUTO_MIN_PAGES:
        return 1
    return max(1, min(os.cpu_count() or 1, AUTO_MAX_WORKERS))


def split(uris: Sequence[str], workers: int) -> list[list[str]]:
    """Deal the item pages out in turn (items of one column are spread, so are long and short ones).

    The main process also renders every non-item page and writes static files and templates,
    so it gets a smaller share of items.
    """
    shares: list[list[str]] = [[] for _ in range(workers)]
    # Measured at 10,000 items on 2 cores: with 0.75 the main process waited ~2 s for its helper;
    # with 0.85 the helper finishes 0.2–0.4 s before the main process.
    weights = [0.85] + [1.0] * (workers - 1)
    loads = [0.0] * workers
    for uri in uris:
        k = min(range(workers), key=lambda i: (loads[i] + 1) / weights[i])
        shares[k].append(uri)
        loads[k] += 1
    return shares


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class Helper:
    pid: int
    label: str
    result: Path | None = None  # a render helper's payload; None for a background task


@dataclass
class Fork:
    """The forked processes of one build, seen from the process that runs this code."""

    tmp: Path
    worker: int = 0  # 0 = the main process
    helpers: list[Helper] = field(default_factory=list)  # main process: the processes to wait for
    result: Path | None = None  # render helper: where its payload goes
    counter: _Count | None = None  # render helper: its warnings, reported to the main process

    @classmethod
    def begin(cls, near: Path) -> Fork:
        """``near``: a folder on the same file system as site_dir, so results can be moved in by rename.

        A build that was killed (Ctrl-C, out of memory) cannot clean up after itself: folders of
        earlier builds older than STALE_AFTER are removed here (.gitignore lists them meanwhile)."""
        return cls(tmp=make_temp_dir(near))

    @property
    def is_helper(self) -> bool:
        return self.worker > 0

    def aside(self, label: str, work: Callable[[], None]) -> None:
        """Run ``work`` in a process of its own; it reports back nothing but its exit status."""
        pid = forkjoin.fork()
        if pid == 0:
            status = 0
            try:
                work()
            except Exception as exc:
                logging.getLogger("mkdocs").error("%s失败：%s", label, exc,
                                                  exc_info=not isinstance(exc, (ValueError, OSError)))
                status = 2
            _exit(status)
        self.helpers.append(Helper(pid, label))

    def render(self, files: ShardedFiles, config: MkDocsConfig, shares: list[list[str]]) -> Fork:
        """Fork one render helper per share after the first; returns this process's view."""
        everything = frozenset(u for share in shares for u in share)
        for worker, share in enumerate(shares[1:], start=1):
            result = self.tmp / f"worker-{worker}.json"
            pid = forkjoin.fork()
            if pid == 0:
                files.elsewhere = frozenset(files.src_uris) - frozenset(share)
                files.copy_static = False
                config.theme.static_templates.clear()
                config.extra_templates = []
                counter = _Count()
                logging.getLogger("mkdocs").addHandler(counter)
                return Fork(tmp=self.tmp, worker=worker, result=result, counter=counter)
            self.helpers.append(Helper(pid, f"并行渲染进程 {worker}", result))
        files.elsewhere = everything - frozenset(shares[0])
        return self


def make_temp_dir(near: Path) -> Path:
    """A new ``.zwgk-build-*`` folder in ``near``, after removing those older than STALE_AFTER (killed
    builds). Used for the helpers' results and for the staged site (staging.py) alike."""
    near.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in near.glob(f"{TMP_PREFIX}*"):
        try:
            if old.is_dir() and now - old.stat().st_mtime > STALE_AFTER:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue  # another build removed it meanwhile
    return Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=near))


def _exit(status: int) -> None:
    """Leave a forked process at once: it must not return into MkDocs' command line (which would
    log "Documentation built" and run the main process's exit handlers)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def finish_helper(fork: Fork, payload: Any) -> None:
    """In a render helper: hand the payload and the warning count to the main process; exit."""
    assert fork.result is not None and fork.counter is not None
    status = 0
    try:
        with open(fork.result, "w", encoding="utf-8") as fh:
            # JSON: reading a result must not be able to run code (issue 13 §1).
            json.dump({"warnings": fork.counter.count, "payload": payload}, fh, ensure_ascii=False)
    except Exception as exc:
        logging.getLogger("mkdocs").error("并行渲染进程 %d 无法保存结果：%s", fork.worker, exc)
        status = 3
    _exit(status)


def fail_helper(fork: Fork) -> None:
    """In a render helper whose build raised (the plugin has logged why): the main process sees status 2."""
    _exit(2)


def collect(fork: Fork) -> tuple[list[Any], int, list[str]]:
    """In the main process: wait for every helper; their payloads, their warnings and what failed.
    Their files stay in ``fork.tmp`` until :func:`cleanup`."""
    payloads: list[Any] = []
    warnings = 0
    failures: list[str] = []
    for helper in fork.helpers:
        _, status = os.waitpid(helper.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            why = f"被信号 {-code} 终止（内存不足？）" if code < 0 else f"退出码 {code}"
            failures.append(f"{helper.label}失败（{why}），错误见上文")
            continue
        if helper.result is None:
            continue
        try:
            with open(helper.result, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            failures.append(f"{helper.label}的结果无法读取：{exc}")
            continue
        warnings += int(data["warnings"])
        payloads.append(data["payload"])
    fork.helpers = []
    return payloads, warnings, failures


def abandon(fork: Fork) -> None:
    """The main process failed: stop the helpers (their output is moot) and reap them."""
    for helper in fork.helpers:
        try:
            os.kill(helper.pid, signal.SIGTERM)
            os.waitpid(helper.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    fork.helpers = []
    cleanup(fork)


def cleanup(fork: Fork) -> None:
    shutil.rmtree(fork.tmp, ignore_errors=True)


def pages_for_sitemap(files: Files, config: MkDocsConfig, elsewhere: Iterable[str]) -> None:
    """Page objects (not rendered) for pages another process renders: sitemap.xml lists them."""
    for uri in elsewhere:
        file = files.get_file_from_path(uri)
        if file is not None and file.page is None:
            Page(None, file, config)
