"""Local preview never blocks (issue #18): under a real ``mkdocs serve`` a gate failure is a banner on the
affected page and the rest of the site keeps serving; ``mkdocs build`` still refuses."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import DEMO_TODAY, MKDOCS, mkdocs_build

ITEM = "content/gzdt/2026-008.md"  # a reviewed demo item
PAGE = "gzdt/2026-008/"
BANNER = "仅本地预览：本页不能发布"
BUILT = "Documentation built in"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


class Serve:
    """``mkdocs serve`` in its own process; its log lines arrive on a queue with the time they were read."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/zwgk/"
        env = {**os.environ, "ZWGK_TODAY": DEMO_TODAY.isoformat()}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{self.port}"],
            cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put((time.monotonic(), line))

    def wait_for(self, text: str, timeout: float = 120) -> float:
        """Block until a log line contains ``text``; the time it was read."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert self.proc.poll() is None, "mkdocs serve exited:\n" + "".join(self.log)
            try:
                at, line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            self.log.append(line)
            if text in line:
                return at
        raise AssertionError(f"no '{text}' in the serve log:\n" + "".join(self.log))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def serve(demo: Path) -> Iterator[Serve]:
    server = Serve(demo)
    try:
        server.wait_for("Serving on")
        yield server
    finally:
        server.stop()


def test_edit_after_review_shows_banner_and_the_site_keeps_serving(demo: Path, serve: Serve) -> None:
    status, before = get(serve.base + PAGE)
    assert status == 200 and BANNER not in before  # reviewed and unchanged: no banner

    item = demo / ITEM
    item.write_text(item.read_text(encoding="utf-8") + "\n审查后补充的一句话。\n", encoding="utf-8")
    built = serve.wait_for(BUILT)  # the rebuild after the edit (the first build was before "Serving on")
    while True:
        status, html = get(serve.base + PAGE)
        if BANNER in html or time.monotonic() - built > 1.0:
            break
        time.sleep(0.05)
    shown = time.monotonic()
    assert BANNER in html, "the banner did not appear within a second of the rebuild:\n" + "".join(serve.log)
    assert shown - built <= 1.0
    assert "review.stale" in html and "zwgk review content/gzdt/2026-008.md" in html  # what is wrong, the fix
    assert "审查后补充的一句话" in html  # the edited page itself is served

    for other in ("", "gzdt/", "zcwj/"):
        status, page = get(serve.base + other)
        assert status == 200 and BANNER not in page, other
    assert serve.proc.poll() is None

    serve.stop()
    build = mkdocs_build(demo)  # publishing still refuses
    assert build.returncode == 1 and "review.stale" in build.stdout + build.stderr


def test_banner_text_is_escaped() -> None:
    from zwgk.core.findings import finding
    from zwgk.core.preview import findings_banner

    md = findings_banner([finding("x.y", "content/a.md", "标题含 <script>alert(1)</script> 和 *星号*", "改正")])
    assert "<script>" not in md and "&lt;script&gt;" in md and r"\*星号\*" in md
    assert findings_banner([]) == ""


def test_a_body_markdown_cannot_convert_is_a_banner_in_the_preview(demo: Path, serve: Serve) -> None:
    """markdown.too_deep under serve: the page shows the banner without its body; the rest keeps serving."""
    item = demo / ITEM
    item.write_text(item.read_text(encoding="utf-8") + "\n" + "*" * 5000 + "a" + "*" * 5000 + "\n", encoding="utf-8")
    serve.wait_for(BUILT)
    deadline = time.monotonic() + 10
    while True:
        status, html = get(serve.base + PAGE)
        if "markdown.too_deep" in html or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert status == 200 and BANNER in html and "markdown.too_deep" in html, "".join(serve.log)
    assert "Traceback" not in "".join(serve.log) and "RecursionError" not in "".join(serve.log)
    status, _ = get(serve.base)
    assert status == 200 and serve.proc.poll() is None
