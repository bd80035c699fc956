#!/usr/bin/env python3
"""Warm ``zwgk check`` on a corpus, N runs; optionally alternating with another checkout of zwgk.

    python scripts/make_corpus.py --items 10000 /tmp/p10k
    python scripts/bench_check.py /tmp/p10k -n 15
    python scripts/bench_check.py /tmp/p10k -n 15 --against /path/to/older/checkout

This machine's speed drifts by ±20 % over minutes, so a comparison alternates the two versions run
by run (each with its own warm cache) and prints both series: a change is judged against runs made
in the same minutes, never against last week's figure. Each run is a fresh process, as in CI; the
first run of each version fills its cache and is not counted. Prints wall and CPU (user + sys of the
run and its forked child) per run, then min, median and max.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(corpus: Path, plugins: Path, cache: Path, today: str) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(plugins), "ZWGK_CACHE_DIR": str(cache), "ZWGK_TODAY": today}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled modules are cached, as on a user's machine
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "zwgk.cli.main", "check"], cwd=corpus, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def summary(label: str, runs: list[tuple[float, float]]) -> str:
    walls = [w for w, _ in runs]
    cpus = [c for _, c in runs]
    return (f"{label}: wall {min(walls):.2f}–{max(walls):.2f} s, median {statistics.median(walls):.2f} s; "
            f"CPU median {statistics.median(cpus):.2f} s ({len(runs)} runs)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="a repository, e.g. from scripts/make_corpus.py")
    ap.add_argument("-n", type=int, default=10, help="counted runs per version (default 10)")
    ap.add_argument("--against", type=Path, help="another zwgk checkout to alternate with (its plugins/)")
    ap.add_argument("--today", default="2026-12-01", help="ZWGK_TODAY for every run (default 2026-12-01)")
    args = ap.parse_args()
    versions = {"this checkout": ROOT / "plugins"}
    if args.against is not None:
        versions[f"{args.against}"] = args.against.resolve() / "plugins"
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-check-") as tmp:
        caches = {label: Path(tmp) / str(i) for i, label in enumerate(versions)}
        for label, plugins in versions.items():
            run_once(args.corpus, plugins, caches[label], args.today)  # fills the cache: not counted
        results: dict[str, list[tuple[float, float]]] = {label: [] for label in versions}
        for n in range(args.n):
            for label, plugins in versions.items():
                wall, cpu = run_once(args.corpus, plugins, caches[label], args.today)
                results[label].append((wall, cpu))
                print(f"run {n + 1:2d}  {label}: {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
    for label, runs in results.items():
        print(summary(label, runs))


if __name__ == "__main__":
    main()
