"""Regenerate the screenshots of docs/贡献指南.md (docs/img/贡献指南-*.png) from the real demo.

    PYTHONPATH=plugins .venv/bin/python scripts/screenshots.py            # build, capture, write docs/img/
    PYTHONPATH=plugins .venv/bin/python scripts/screenshots.py --site DIR # use an already built demo site

Every picture is of output the tools really produce, in headless Debian Chromium (Playwright, no
browser download), at a 1280×800 viewport, full page up to MAX_HEIGHT (1400 px; the check summary 1240 px wide):

- 信息页面 / 栏目列表 / 政策解读: pages of the demo site built by ``mkdocs build``, served on
  127.0.0.1 under the path of ``site_url`` (/zwgk/) as the web server would;
- 本地预览: ``zwgk preview --build-only`` of a draft, scheduled notice added to a scratch copy of the
  demo, opened from disk as a reviewer opens the pull request's artifact;
- 检查摘要: ``zwgk check --format markdown`` on that copy with the notice broken the way the guide
  describes, rendered to HTML by Python-Markdown inside a plain card (the platforms' summary pages
  style it their own way; the table, rows and wording are the tool's, unchanged). The check runs on
  the whole repository, so the demo's deliberate register advisories are in the table too.

"Today" is fixed (TODAY) so that reruns give the same pages; nothing is fetched from outside
127.0.0.1 (requests elsewhere are aborted and make the script fail).
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs/img"
TODAY = "2026-11-29"  # tests/support.py DEMO_TODAY: the date the demo's content and registers are written for
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
MAX_HEIGHT = 1400  # px: pictures are cut here (a page with a 图解 is over 5,000 px tall)
SUMMARY_WIDTH = 1240  # the check summary card: about the width of a platform's summary column
SITE_PREFIX = "/zwgk/"  # the path of site_url in mkdocs.yml (404.html links its assets absolutely)
DEMO_PARTS = ("mkdocs.yml", "content", "interpretations", "governance", "overrides")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

# docs/img file -> page of the public demo site (path under site_url).
SITE_SHOTS = {
    "贡献指南-信息页面.png": "ysqgk/2026-007/",  # an item with an attachment, as the guide's example has
    "贡献指南-栏目列表.png": "tzgg/",
    "贡献指南-政策解读.png": "zcjd/yijianshi/",
}
PREVIEW_SHOT = "贡献指南-本地预览.png"
SUMMARY_SHOT = "贡献指南-检查摘要.png"

NOTICE_HEAD = """---
title: 关于2027年元旦假期政务服务大厅开放安排的通知
index_no: {index_no}
division: 政务服务中心
genre: 通知
topic: 综合政务\\政务公开
{fields}
---

各办事企业和群众：

2027 年 1 月 1 日至 3 日，政务服务大厅暂停现场办理，政务服务网和移动端正常受理，节后第一个工作日起依次办结。

咨询电话：0000-12345678（值班时间 9:00—17:00）。
"""
# The preview: a draft that is also scheduled (published after TODAY), complete otherwise.
DRAFT_FIELDS = ("summary: 2027年元旦假期政务服务大厅暂停现场办理，网上和移动端正常受理。\n"
                "formed: 2026-12-25\npublished: 2026-12-28\ndraft: true")
# The check summary: the mistakes the guide walks through (no summary, a date written in words, a
# link to a file that does not exist) on a new item nobody has reviewed yet.
BROKEN_FIELDS = "formed: 2026年12月25日\npublished: 2026-12-28"
BROKEN_LINK = "\n详见[政策文件](../zcwj/2026-15.md)。\n"

SUMMARY_CSS = """
body { margin: 0; padding: 24px; background: #fff; color: #1f2328;
       font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
.card { border: 1px solid #d0d7de; border-radius: 6px; }
.card > header { padding: 16px 24px; border-bottom: 1px solid #d0d7de; color: #59636e; font-size: 14px; }
.card > main { padding: 8px 24px 16px; }
h2 { font-size: 24px; border-bottom: 1px solid #d8dee4; padding-bottom: 6px; }
table { border-collapse: collapse; width: 100%; margin: 12px 0; }
th, td { border: 1px solid #d0d7de; padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
th:nth-child(2), td:nth-child(2) { white-space: nowrap; }  /* 错误/警告 on one line */
code { font-size: 13px; background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
"""


def run(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZWGK_TODAY": TODAY}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return proc


def copy_demo(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in DEMO_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / part)
    return dest


def next_index_no(root: Path) -> str:
    """The next free index number, as ``zwgk check`` proposes it for an item written ``待分配`` (never a
    hard-coded one that a later demo item would take)."""
    probe = root / "content/tzgg/待分配.md"
    probe.write_text(NOTICE_HEAD.format(index_no="待分配", fields=DRAFT_FIELDS), encoding="utf-8")
    proc = run([sys.executable, "-m", "zwgk.cli.main", "check", "--format", "json"], root, ok=(0, 1))
    probe.unlink()
    for finding in json.loads(proc.stdout):
        if finding["path"] == "content/tzgg/待分配.md" and finding["rule"] == "index.format":
            m = re.search(r"改为 (\S+/\d{4}-\d{5})", finding["hint"])
            if m:
                return m[1]
    sys.exit(f"zwgk check proposed no index number for a 待分配 item:\n{proc.stdout[-2000:]}")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The built site under SITE_PREFIX, as the web server serves it."""

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(SITE_PREFIX):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(SITE_PREFIX):])

    def log_message(self, format: str, *args: Any) -> None:
        pass


def capture(site: Path, preview: Path | None, summary_html: Path | None, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Chromium is not installed (Debian: apt-get install chromium)")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{SITE_PREFIX}"
    written: list[Path] = []
    outside: list[str] = []

    def local(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in {"file", "data", "blob", "about"} or parts.hostname == "127.0.0.1"

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", service_workers="block")

            def refuse(route: Any) -> None:
                outside.append(route.request.url)
                route.abort()

            context.route(lambda url: not local(url), refuse)
            page = context.new_page()

            def shoot(url: str, name: str, max_height: int = MAX_HEIGHT) -> None:
                page.goto(url, wait_until="load")
                # The 图解 is lazy: below the fold it is never fetched, and the picture would have a hole.
                page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
                page.wait_for_function("Array.from(document.images).every(i => i.complete) && document.fonts.status === 'loaded'")
                path = out / name
                # Full page, cut at MAX_HEIGHT: the interpretation with its 图解 is over 5,000 px tall,
                # and the guide shows the top of it.
                width, height = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
                page.screenshot(path=path, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(height, max_height)})
                written.append(path)

            for name, path in SITE_SHOTS.items():
                shoot(base + path, name)
            if preview is not None:
                shoot(preview.as_uri(), PREVIEW_SHOT)
            if summary_html is not None:
                page.set_viewport_size({"width": SUMMARY_WIDTH, "height": 400})
                shoot(summary_html.as_uri(), SUMMARY_SHOT, max_height=10_000)  # the whole table, never cut
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    if outside:
        sys.exit(f"requests outside 127.0.0.1 (aborted): {outside}")
    return written


def summary_page(markdown_text: str) -> str:
    import markdown

    body = markdown.markdown(markdown_text, extensions=["tables"])
    return (f"<!doctype html><html lang=zh-CN><meta charset=utf-8><title>zwgk check 摘要</title>"
            f"<style>{SUMMARY_CSS}</style><div class=card><header>合并请求检查 · {html.escape('zwgk check 摘要')}"
            f"</header><main>{body}</main></div></html>")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", type=Path, help="an already built demo site (mkdocs build of this repo); default: build one")
    ap.add_argument("--out", type=Path, default=OUT, help=f"where the PNGs go (default {OUT.relative_to(REPO)})")
    ap.add_argument("--only-site", action="store_true", help="only the public-site pages (no preview, no check summary)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zwgk-screenshots-") as tmp:
        work = Path(tmp)
        root = copy_demo(work / "demo")
        site = args.site
        if site is None:
            site = work / "site"
            run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)], root)
        preview = summary = None
        if not args.only_site:
            index_no = next_index_no(root)
            notice = root / f"content/tzgg/{index_no.rsplit('/', 1)[1]}.md"
            notice.write_text(NOTICE_HEAD.format(index_no=index_no, fields=DRAFT_FIELDS), encoding="utf-8")
            proc = run([sys.executable, "-m", "zwgk.cli.main", "preview", str(notice.relative_to(root)),
                        "--build-only", str(work / "preview"), "--no-check"], root)
            preview = work / "preview" / notice.relative_to(root / "content").with_suffix("") / "index.html"
            if not preview.is_file():
                sys.exit(f"zwgk preview wrote no {preview}:\n{proc.stdout}{proc.stderr}")
            notice.write_text(NOTICE_HEAD.format(index_no=index_no, fields=BROKEN_FIELDS) + BROKEN_LINK, encoding="utf-8")
            proc = run([sys.executable, "-m", "zwgk.cli.main", "check", "--format", "markdown"], root, ok=(1,))
            summary = work / "summary.html"
            summary.write_text(summary_page(proc.stdout), encoding="utf-8")
        for path in capture(site, preview, summary, args.out):
            print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}")


if __name__ == "__main__":
    main()
