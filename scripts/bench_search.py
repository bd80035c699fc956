#!/usr/bin/env python3
"""Benchmark the static search index (zwgk.core.searchindex) on synthetic items; prints a table.

    python scripts/bench_search.py                       # 1,000 and 10,000 items
    python scripts/bench_search.py --sizes 10000 --keep /tmp/zwgk-search   # keep the bundle

Items are made from the vocabulary of scripts/make_corpus.py (its subjects, sentence templates and
column mix), rendered to HTML with markdown-it and turned back into text with ``html_text`` as the
site build does; each text starts with the item's 索引号 and, for policies, its 文号. Every size runs
in a fresh process so that its peak RSS (``getrusage``) is its own: "base" is the process after the
items are generated, "peak" after ``write_index``. "First search" is what a browser downloads for
its first query, from the same file selection the client makes (``Bundle.search``): the client,
meta.json, the shards the query's grams hash to and the fragments of the first 10 results; "gzip" is
each file gzip-compressed on its own (level 6, as a web server would send it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))  # search_reader: the Python twin of the browser client

from search_reader import Bundle, first_search_files  # noqa: E402
from zwgk.core.searchindex import SearchDoc, html_text, write_index  # noqa: E402

# Subjects of make_corpus (each in ~6% of items), a table header (~30%), a phrase in almost every
# item; then the 索引号 and the 文号 of an item in the middle of the corpus (see ``id_queries``).
QUERIES = ("不动产登记", "电子证照", "跨省通办", "好差评", "一件事一次办", "办理时限", "政务服务")


def make_docs(n: int, seed: int) -> list[SearchDoc]:
    import make_corpus as mc
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    names = {c["slug"]: c["name"] for c in
             yaml.safe_load((REPO / "governance/columns.yml").read_text(encoding="utf-8"))["columns"]}
    rng = random.Random(seed)
    counters: dict[int, int] = {}
    docs = []
    for k in range(n):
        slug, _, _, genre = rng.choices(mc.COLUMNS, [c[1] for c in mc.COLUMNS])[0]
        year = rng.choice((2024, 2025, 2026))
        counters[year] = counters.get(year, 0) + 1
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        subject = rng.choice(mc.SUBJECTS)
        policy = slug == "zcwj" and rng.random() < 0.5
        head = f"索引号：11459900MB0012345X/{year}-{counters[year]:05d}"
        if policy:
            head += f" 文号：示政务办规〔{year}〕{counters[year]}号"
        html = md.render(f"{head}\n\n{mc.body(rng, subject)}")
        docs.append(SearchDoc(url=f"{slug}/{year}-{k:05d}/", title=f"关于进一步做好{subject}工作的{'实施办法' if policy else genre}",
                              text=html_text(html), column=names.get(slug, slug), year=str(year), date=date))
    return docs


def id_queries(docs: list[SearchDoc]) -> list[str]:
    """The 索引号 of the middle item and the 文号 of the first policy after it (as a reader pastes them)."""
    middle = docs[len(docs) // 2:]
    index_no = re.search(r"索引号：(\S+)", middle[0].text)
    doc_no = next((m for d in middle if (m := re.search(r"文号：(\S+)", d.text))), None)
    return [m.group(1) for m in (index_no, doc_no) if m]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def one(n: int, seed: int, keep: Path | None) -> dict[str, object]:
    docs = make_docs(n, seed)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp) / "search"
        t, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
        stats = write_index(docs, out)
        after = resource.getrusage(resource.RUSAGE_SELF)
        wall = time.perf_counter() - t
        user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        bundle = Bundle(out)
        queries = []
        for q in (*QUERIES, *id_queries(docs)):
            t = time.perf_counter()
            res = bundle.search(q)
            ms = (time.perf_counter() - t) * 1000
            files = first_search_files(res)
            raw = [(out / f).read_bytes() for f in files]
            queries.append({"query": q, "hits": len(res.hits), "files": len(files), "raw": sum(map(len, raw)),
                            "gzip": sum(map(gz, raw)), "ms": ms,
                            "shards": sum(len(b) for f, b in zip(files, raw, strict=True) if f.endswith(".bin")),
                            "shards_gzip": sum(gz(b) for f, b in zip(files, raw, strict=True) if f.endswith(".bin"))})
        fixed = {name: (len(b), gz(b)) for name in ("zwgk-search.js", "meta.json") for b in [(out / name).read_bytes()]}
    return {"docs": stats.docs, "grams": stats.grams, "postings": stats.postings, "files": stats.files,
            "bytes": stats.bytes, "wall": wall, "user": user, "sys": system, "base_mb": base, "peak_mb": peak, "queries": queries, "fixed": fixed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="write the (last) bundle here instead of a temporary folder")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size in this process, JSON out
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seed, args.keep), ensure_ascii=False))
        return
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)]
        if args.keep:
            cmd += ["--keep", str(args.keep)]
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        print(f"\n== {r['docs']:,} items: {r['grams']:,} grams, {r['postings']:,} postings; "
              f"index {r['wall']:.1f} s (user {r['user']:.1f} s, system {r['sys']:.1f} s); RSS base {r['base_mb']:.0f} MB, peak {r['peak_mb']:.0f} MB; "
              f"output {r['files']:,} files, {r['bytes'] / 1e6:.1f} MB")
        for name, (raw, packed) in r["fixed"].items():
            print(f"   {name}: {raw / 1024:.1f} KB, gzip {packed / 1024:.1f} KB")
        print(f"   {'query':<32} {'hits':>6} {'files':>5} {'KB':>7} {'gzip KB':>8} {'shards KB':>9} {'gz':>6} {'ms':>6}")
        for q in r["queries"]:
            print(f"   {q['query']:<32} {q['hits']:>6} {q['files']:>5} {q['raw'] / 1024:>7.1f} {q['gzip'] / 1024:>8.1f} "
                  f"{q['shards'] / 1024:>9.1f} {q['shards_gzip'] / 1024:>6.1f} {q['ms']:>6.0f}")
        print(f"   median first search: {statistics.median(q['raw'] for q in r['queries']) / 1024:.1f} KB, "
              f"gzip {statistics.median(q['gzip'] for q in r['queries']) / 1024:.1f} KB")


if __name__ == "__main__":
    main()
