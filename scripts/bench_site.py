#!/usr/bin/env python3
"""Benchmark the public site build against plain Material on the same pages; prints a table.

    python scripts/bench_site.py                      # 1,000 and 10,000 items, one run each
    python scripts/bench_site.py --sizes 1000 --repeat 3 --workdir /tmp/zwgk-bench

For every size, one ``scripts/make_corpus.py`` corpus is built three ways in the same run:

- **zwgk**: the corpus as generated (this repository's mkdocs.yml and overrides/): every gate,
  every generated page (column pages, catalogue, feeds, redirects) and the search index, with the
  page rendering spread over the machine's cores (the default); and once more in one process
  (``pages: {workers: 1}``) to show what the parallel rendering gains;
- **Material + search**: the same Markdown pages (items, interpretation materials copied to
  ``zcjd/<id>/index.md``, one index page per column), the same markdown_extensions, an explicit
  nav of the columns, items ``not_in_nav``, no zwgk plugin, Material's built-in ``search``;
- **Material**: the same without the search plugin.

Each build runs in a fresh wrapper process that reports the wall time and the peak RSS of its
children (``getrusage(RUSAGE_CHILDREN)``: the largest single process — MkDocs, one of its render
helpers or the search indexer). With
``--repeat N`` the fastest run is reported. "First search" is what a browser transfers for its
first query: measured in headless Chromium against a byte-counting local HTTP server when
``/usr/bin/chromium`` exists (zwgk: the client script, the index metadata, the shards of the query's
terms and the documents of the first 10 results; Material: the worker and search_index.json),
otherwise estimated from file sizes (marked "≈").
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))
TODAY = "2026-12-01"  # after every date make_corpus writes (all items published), before columns go stale
QUERIES = ("不动产登记", "电子证照", "跨省通办", "好差评", "政务服务")  # subjects of make_corpus; 政务服务 is in every item
CHROMIUM = Path("/usr/bin/chromium")
FULL = "zwgk（全部检查 + 生成页面 + 搜索索引）"
BARE = "zwgk（无搜索，单进程渲染）"  # like for like with plain Material: the plugin's own overhead

_WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps({"wall": wall, "rss_kib": rss, "rc": proc.returncode, "err": proc.stderr.decode()[-2000:]}))
"""


@dataclass
class Result:
    name: str
    items: int
    wall: float
    rss_mb: float
    out_mb: float
    files: int
    search: Search | None


def run_build(config: Path, site: Path, repeat: int) -> dict[str, Any]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ZWGK_TODAY": TODAY}
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    best: dict[str, Any] | None = None
    for _ in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        out = subprocess.run([sys.executable, "-c", _WRAPPER, mkdocs, "build", "-q", "-f", str(config),
                              "-d", str(site)], env=env, capture_output=True, text=True, check=True)
        res = json.loads(out.stdout)
        if res["rc"] != 0:
            raise SystemExit(f"build of {config} failed:\n{res['err']}")
        if best is None or res["wall"] < best["wall"]:
            best = res
    assert best is not None
    return best


def tree_size(path: Path) -> tuple[int, int]:
    total = count = 0
    for p in path.rglob("*"):
        if p.is_file():
            total += p.stat().st_size
            count += 1
    return total, count


def make_plain(corpus: Path, out: Path, search: bool) -> None:
    """The plain-Material twin of a corpus (see the module docstring)."""
    from zwgk.core.columns import load_columns
    from zwgk.mkdocs.navigation import columns_nav

    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(corpus / "content", docs)
    for folder in sorted((corpus / "interpretations").glob("*/")):
        if (folder / "material.md").is_file():
            target = docs / "zcjd" / folder.name
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy(folder / "material.md", target / "index.md")
    columns, _, _ = load_columns(corpus, "governance/columns.yml")
    for slug, col in columns.items():
        index = docs / slug / "index.md"
        if not index.exists():
            index.parent.mkdir(parents=True, exist_ok=True)
            index.write_text(f"# {col.name}\n\n{col.description}\n", encoding="utf-8")
    ours = yaml.safe_load((corpus / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
    nav = columns_nav(columns)[:-1]  # the same columns nav, without the zwgk catalogue page
    config = {
        "site_name": ours["site_name"], "site_url": ours.get("site_url"), "docs_dir": "docs",
        "use_directory_urls": True, "theme": theme, "markdown_extensions": ours["markdown_extensions"],
        "nav": nav, "not_in_nav": "/*/*.md\n!/*/index.md\n/zcjd/*/index.md\n",
        "plugins": ["search"] if search else [],
    }
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    served: ClassVar[list[tuple[str, int, int]]] = []
    done: ClassVar[threading.Event] = threading.Event()
    result: ClassVar[str] = ""

    def do_GET(self) -> None:
        if self.path.startswith("/__done"):
            type(self).result = self.path
            self.send_response(204)
            self.end_headers()
            type(self).done.set()
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        type(self).served.append((self.path, len(data), _wire(self.path, data)))


def _probe_page(query: str) -> str:
    """What the header search does on first use: load the client, run one query, show 10 results."""
    script = f"""
const pf = await import("/search/zwgk-search.js");
await pf.options({{baseUrl: "/"}});
const r = await pf.search({json.dumps(query)});
const shown = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
await fetch("/__done?n=" + r.results.length + "&shown=" + shown.length);"""
    return ('<!doctype html><html lang="zh"><head><meta charset="utf-8"></head><body><pre id="o">wait</pre>'
            f'<script type="module">try {{{script}\n}} catch (e) {{ fetch("/__done?error=" + encodeURIComponent(e)); }}'
            "</script></body></html>")


def _wire(path: str, data: bytes) -> int:
    """Bytes on the wire when the server gzips text (JS, JSON, HTML, CSS)."""
    text = path.split("?")[0].endswith((".js", ".json", ".html", ".css"))
    return len(gzip.compress(data, 6)) if text else len(data)


@dataclass
class Search:
    raw_kb: float
    wire_kb: float
    note: str


def first_search(site: Path, kind: str) -> Search | None:
    """What the browser transfers for its first query (median over QUERIES, measured in Chromium)."""
    if kind == "none":
        return None
    if kind == "material":
        worker = next((site / "assets/javascripts/workers").glob("search.*.min.js"), None)
        index = site / "search/search_index.json"
        if worker is None or not index.is_file():
            return None
        # The worker downloads the whole index before the first result, whatever the query.
        raw = worker.read_bytes() + index.read_bytes()
        return Search(len(raw) / 1024, (_wire(worker.name, worker.read_bytes()) + _wire(index.name, index.read_bytes())) / 1024,
                      "worker + search_index.json（不含分词脚本）")
    if not CHROMIUM.exists():
        return Search(float("nan"), float("nan"), "未测（没有 Chromium）")
    runs: list[tuple[float, float, int, str]] = []
    for query in QUERIES:
        probe = site / "_bench_search.html"
        probe.write_text(_probe_page(query), encoding="utf-8")
        _CountingHandler.served, _CountingHandler.result = [], ""
        _CountingHandler.done = threading.Event()
        handler = functools.partial(_CountingHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/_bench_search.html"
            with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
                browser = subprocess.Popen([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                                            "--disable-background-networking", "--disable-component-update",
                                            "--no-first-run", f"--user-data-dir={profile}", url],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
                try:
                    _CountingHandler.done.wait(120)
                finally:
                    os.killpg(browser.pid, signal.SIGTERM)  # the browser we started, with its helpers
                    browser.wait(30)
        finally:
            server.shutdown()
            probe.unlink()
        done = re.search(r"n=(\d+)&shown=(\d+)", _CountingHandler.result)
        if not done or int(done[1]) == 0 or int(done[2]) == 0:
            raise SystemExit(f"search probe failed for {query!r}: {_CountingHandler.result or 'timeout'}")
        pf = [(p, n, w) for p, n, w in _CountingHandler.served if p.startswith("/search/")]
        runs.append((sum(n for _, n, _ in pf) / 1024, sum(w for _, _, w in pf) / 1024, len(pf), query))
    runs.sort()
    mid = runs[len(runs) // 2]
    worst = runs[-1]
    return Search(mid[0], mid[1], f"中位数：“{mid[3]}” {mid[2]} 个文件；最多：“{worst[3]}” {worst[0]:,.0f} KB")


def bench(size: int, workdir: Path, repeat: int) -> list[Result]:
    corpus = workdir / f"corpus-{size}"
    subprocess.run([sys.executable, str(REPO / "scripts/make_corpus.py"), "--items", str(size), "--seed",
                    os.environ.get("BENCH_SEED", "1"), str(corpus)], check=True, capture_output=True)
    out: list[Result] = []
    # `zwgk check` alone (design target: ≤ 3 s at 10,000 items): cold caches, then warm.
    zwgk = str(Path(sys.executable).with_name("zwgk"))
    from zwgk.core.cachestore import repo_folder  # the caches live outside the repository (per repository)

    shutil.rmtree(repo_folder(corpus) or corpus / ".cache", ignore_errors=True)
    for label in ("zwgk check（冷缓存）", "zwgk check（热缓存）"):
        res = json.loads(subprocess.run([sys.executable, "-c", _WRAPPER, zwgk, "check", "--root", str(corpus)],
                                        env={**os.environ, "ZWGK_TODAY": TODAY}, capture_output=True, text=True,
                                        check=True).stdout)
        out.append(Result(label, size, res["wall"], res["rss_kib"] / 1024, 0.0, 0, None))
        print(f"  {label} @ {size}: {res['wall']:.1f} s", file=sys.stderr)
    # Our plugins without search, to compare with plain Material without search (plugin overhead).
    nosearch = corpus / "mkdocs-nosearch.yml"
    text = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    nosearch.write_text(text.replace("  - zwgk:\n", "  - zwgk:\n      pages: {search: false, workers: 1}\n", 1), encoding="utf-8")
    single = corpus / "mkdocs-single.yml"
    single.write_text(text.replace("  - zwgk:\n", "  - zwgk:\n      pages: {workers: 1}\n", 1), encoding="utf-8")
    plan = [(FULL, corpus / "mkdocs.yml", "zwgk"),
            ("zwgk（同上，单进程渲染）", single, "none"),
            (BARE, nosearch, "none"),
            ("Material + 内置搜索", workdir / f"plain-search-{size}" / "mkdocs.yml", "material"),
            ("Material（无搜索）", workdir / f"plain-{size}" / "mkdocs.yml", "none")]
    make_plain(corpus, workdir / f"plain-search-{size}", search=True)
    make_plain(corpus, workdir / f"plain-{size}", search=False)
    for name, config, kind in plan:
        site = workdir / f"site-{config.parent.name}-{config.stem}"
        res = run_build(config, site, repeat)
        size_bytes, files = tree_size(site)
        out.append(Result(name, size, res["wall"], res["rss_kib"] / 1024, size_bytes / 1e6, files, first_search(site, kind)))
        print(f"  {name} @ {size}: {res['wall']:.1f} s", file=sys.stderr)
    return out


def table(results: list[Result]) -> str:
    base = {r.items: r.wall for r in results if r.name.startswith("Material + ")}
    plain = {r.items: r.wall for r in results if r.name == "Material（无搜索）"}
    bare = {r.items: r.wall for r in results if r.name == BARE}
    lines = ["| 条目数 | 构建 | 用时 (s) | 相对 Material+搜索 | 峰值内存 (MB) | 输出 (MB) | 文件数 "
             "| 首次搜索 (KB) | 压缩传输 (KB) | 说明 |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results:
        s = r.search
        raw, wire, note = ("—", "—", "") if s is None else (f"{s.raw_kb:,.0f}", f"{s.wire_kb:,.0f}", s.note)
        lines.append(f"| {r.items:,} | {r.name} | {r.wall:.1f} | {r.wall / base[r.items]:.2f} | {r.rss_mb:,.0f} | "
                     f"{r.out_mb:,.1f} | {r.files:,} | {raw} | {wire} | {note} |")
    for n in sorted(set(plain) & set(bare)):
        lines.append("")
        lines.append(f"插件开销（{n:,} 条，均无搜索、单进程）：zwgk / Material = {bare[n] / plain[n]:.2f}")
    ours = {r.items: r.wall for r in results if r.name == FULL}
    if len(ours) >= 2:
        small, large = min(ours), max(ours)
        lines.append("")
        lines.append(f"zwgk 扩展性：time({large:,}) / time({small:,}) = {ours[large] / ours[small]:.1f}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=1, help="builds per configuration; the fastest is reported")
    ap.add_argument("--workdir", type=Path, default=None, help="kept after the run (default: a temporary folder)")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    try:
        for size in args.sizes:
            results += bench(size, work, args.repeat)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))


if __name__ == "__main__":
    main()
