"""Benchmark 图解 rendering: cold (empty cache) and warm (everything cached).

    .venv/bin/python scripts/bench_tujie.py            # 20 specs
    .venv/bin/python scripts/bench_tujie.py -n 50 --keep out/bench

Prints milliseconds per image for the cold run, how many images the warm run rendered
(must be 0), and the PNG sizes.  Target: cold ≤ 100 ms per image on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from zwgk.core.tujie import find_font, load_spec, render_cached  # noqa: E402
from zwgk.core.tujie.spec import TujieSpec  # noqa: E402

SAMPLES = ("tests/data/tujie/sample.yml", "tests/data/tujie/sample_blue.yml")


def make_specs(n: int) -> list[TujieSpec]:
    """n distinct specs: the samples with a numbered subtitle, so no two share a cache key."""
    bases: list[TujieSpec] = []
    for rel in SAMPLES:
        spec, findings = load_spec((ROOT / rel).read_text(encoding="utf-8"), rel)
        if spec is None:
            raise SystemExit(f"sample {rel} is invalid: {[f.message for f in findings]}")
        bases.append(spec)
    return [replace(bases[i % len(bases)], subtitle=f"第{i + 1}期 · {bases[i % len(bases)].subtitle or ''}")
            for i in range(n)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=20, help="number of specs (default 20)")
    ap.add_argument("--keep", type=Path, help="use this cache directory and keep the PNGs")
    args = ap.parse_args()

    t0 = time.perf_counter()
    font, findings = find_font(None, ROOT)
    if font is None:
        print("\n".join(f.format_text() for f in findings))
        return 2
    t_font = (time.perf_counter() - t0) * 1000
    specs = make_specs(args.n)

    with tempfile.TemporaryDirectory() as tmp:
        cache = args.keep or Path(tmp)
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob("tujie-*.png"):
            old.unlink()

        # Font digest and face loading happen once per process; time them apart from the
        # per-image cost so the cold numbers mean "one more image".
        t0 = time.perf_counter()
        _ = font.digest
        t_digest = (time.perf_counter() - t0) * 1000

        cold: list[float] = []
        paths: list[Path] = []
        for spec in specs:
            t0 = time.perf_counter()
            path, rendered = render_cached(spec, font, cache)
            cold.append((time.perf_counter() - t0) * 1000)
            assert rendered
            paths.append(path)

        t0 = time.perf_counter()
        warm_rendered = sum(render_cached(spec, font, cache)[1] for spec in specs)
        warm_ms = (time.perf_counter() - t0) * 1000 / len(specs)

        sizes = [p.stat().st_size for p in paths]
        from PIL import Image

        heights = [Image.open(p).size[1] for p in paths]

    print(f"font: {font.regular.name}#{font.regular_index} + "
          f"{font.bold.name if font.bold else '(no bold)'}; find_font {t_font:.0f} ms, "
          f"font digest {t_digest:.0f} ms (once per process)")
    print(f"images: {len(specs)}, 1080 px wide, height {min(heights)}–{max(heights)} px")
    print(f"cold: first {cold[0]:.1f} ms (loads faces), then mean {statistics.mean(cold[1:] or cold):.1f} ms, "
          f"median {statistics.median(cold[1:] or cold):.1f} ms, max {max(cold[1:] or cold):.1f} ms per image")
    print(f"warm: {warm_rendered} rendered, {warm_ms:.2f} ms per image (cache lookups)")
    print(f"png size: mean {statistics.mean(sizes) / 1024:.0f} KiB, max {max(sizes) / 1024:.0f} KiB")
    ok = warm_rendered == 0 and statistics.median(cold[1:] or cold) <= 100
    print("target (cold ≤ 100 ms/image, warm renders 0):", "met" if ok else "NOT met")
    return 0 if warm_rendered == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
