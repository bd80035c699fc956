#!/usr/bin/env python3
"""Benchmark ``zwgk preview`` on a large corpus: time to a served page, to a live reload, to findings.

    python scripts/make_corpus.py --items 10000 /tmp/c10k
    python scripts/bench_preview.py /tmp/c10k            # picks a policy that has an interpretation

Each run starts ``zwgk preview <item> --root <corpus> --port <port>`` as a separate process and
measures, from the moment the process is started:

- ready:    the item's page answers HTTP 200 on 127.0.0.1 (what a clerk waits for);
- findings: the background whole-repository ``zwgk check`` printed this item's result;
- reload:   after appending a line to the item file, the served page contains it (live reload).

The item file is restored afterwards and the preview process is stopped (SIGTERM, by its pid).
Only loopback is contacted; every wait is bounded.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ZWGK = [sys.executable, "-m", "zwgk.cli.main"]


def pick_policy(corpus: Path) -> str:
    """A policy whose interpretation exists, so the benchmark includes the interpretation pages."""
    for material in sorted((corpus / "interpretations").glob("*/material.md")):
        m = re.search(r"^interprets:\s*(\S+)", material.read_text(encoding="utf-8"), re.M)
        if not m:
            continue
        for policy in sorted((corpus / "content" / "zcwj").glob("*.md")):
            if f"index_no: {m[1]}\n" in policy.read_text(encoding="utf-8"):
                return policy.relative_to(corpus).as_posix()
    raise SystemExit("no policy with an interpretation in the corpus")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:  # loopback only
            return str(resp.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(pred: Callable[[], bool], timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if pred():
            return time.perf_counter()
        time.sleep(0.05)
    return None


def run_once(corpus: Path, item: str, port: int, today: str) -> dict[str, float | None]:
    url = f"http://127.0.0.1:{port}/{item.removeprefix('content/').removesuffix('.md')}/"
    fd, log_name = tempfile.mkstemp(suffix=".log")
    log = Path(log_name)
    t0 = time.perf_counter()
    with os.fdopen(fd, "w") as sink:
        proc = subprocess.Popen([*ZWGK, "preview", item, "--root", str(corpus), "--port", str(port), "--today", today],
                                stdout=sink, stderr=subprocess.STDOUT, cwd=REPO)
    path = corpus / item
    original = path.read_bytes()
    out: dict[str, float | None] = {"ready": None, "findings": None, "reload": None}
    try:
        ready = wait_for(lambda: fetch(url) is not None or proc.poll() is not None, 120)
        if ready is None or proc.poll() is not None:
            return out
        out["ready"] = ready - t0
        seen = wait_for(lambda: "全库检查" in log.read_text(encoding="utf-8"), 120)
        out["findings"] = (seen - t0) if seen else None
        marker = f"基准测试标记{int(time.time() * 1000)}"
        t1 = time.perf_counter()
        path.write_bytes(original + f"\n{marker}\n".encode())
        done = wait_for(lambda: marker in (fetch(url) or ""), 60)
        out["reload"] = (done - t1) if done else None
    finally:
        path.write_bytes(original)
        proc.send_signal(signal.SIGTERM)  # zwgk preview stops cleanly on SIGTERM (and on Ctrl+C)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.unlink()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--item", help="repository-relative item path (default: a policy with an interpretation)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--today", default="2026-11-25", help="fixed 'today' for the preview and its checks")
    args = ap.parse_args()
    corpus = args.corpus.resolve()
    item = args.item or pick_policy(corpus)
    n_items = sum(1 for _ in (corpus / "content").rglob("*.md")) + sum(1 for _ in corpus.glob("interpretations/*/material.md"))
    print(f"corpus {corpus} ({n_items} Markdown items), item {item}, {args.runs} runs")
    rows = []
    for i in range(args.runs):
        r = run_once(corpus, item, free_port(), args.today)
        rows.append(r)
        print(f"  run {i + 1}: " + ", ".join(f"{k} {v:.2f} s" if v is not None else f"{k} FAILED" for k, v in r.items()))
    for key in ("ready", "findings", "reload"):
        values = [v for r in rows if (v := r[key]) is not None]
        if values:
            print(f"{key:>9}: median {statistics.median(values):.2f} s, min {min(values):.2f} s, max {max(values):.2f} s")
    if any((ready := r["ready"]) is None or ready >= 5 for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
