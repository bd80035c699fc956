#!/usr/bin/env python3
"""Benchmark the 保密审查 scanners on a generated corpus, cold and warm (with the cache).

Generates (in a temporary directory, in a child process so that its memory does not count)
N Markdown items of 1.5–4 KB of Chinese text with tables, and M attachments split evenly
between PDF, DOCX (with tables), XLSX (a few hundred cells on two sheets) and JPEG (EXIF,
some with GPS). A small share of items and attachments carry real violations so every
detector does its full work. Then scans everything twice (cold: empty cache; warm: same
cache) — Markdown directly, attachments through one ScanCache — and prints files, bytes,
cold and warm seconds (wall and CPU), throughput and peak RSS. Exits 1 if the warm pass
parsed any attachment again.

    .venv/bin/python scripts/bench_scan.py                  # 10,000 items + 1,000 attachments
    .venv/bin/python scripts/bench_scan.py --scale 0.5      # half the corpus (linearity check)
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))  # samples: the sample-file writers of the tests

from samples import write_docx, write_jpeg, write_pdf, write_xlsx  # noqa: E402
from zwgk.core.scan import (  # noqa: E402 - after the path set-up above
    PARSE_COUNTS,
    ScanCache,
    ScanConfig,
    cached_scan_attachment,
    scan_markdown,
)

SENTENCES = [
    "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步提升政务公开标准化规范化水平，现将有关事项通知如下。",
    "各区人民政府，市政府各委、办、局，各有关单位要高度重视，明确责任分工，确保各项工作落到实处。",
    "本市坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
    "对涉及群众切身利益、需要社会广泛知晓的政府信息，应当在信息形成或者变更之日起20个工作日内主动公开。",
    "申请人可以通过信函、网络平台或者现场等方式提出政府信息公开申请，行政机关应当按照规定时限予以答复。",
    "2024年，全市共主动公开政府信息12345条，其中规范性文件86件，政策解读材料132篇。",
    "收到政府信息公开申请568件，已全部按期办结，其中予以公开312件，部分公开45件。",
    "因政府信息公开工作被申请行政复议7件，提起行政诉讼2件，均已依法处理。",
    "下一步，我们将持续完善政务公开制度体系，加强政策解读和回应关切，不断提高政府透明度。",
    "补贴资金将于每月15日前通过社会保障卡发放至申请人账户，请申请人注意查收。",
    "公示期间，如对公示对象有异议，可通过来信、来电或来访方式向区民政局反映，监督电话：010-12345678。",
    "会议听取了关于城市更新行动计划实施情况的汇报，研究部署了下一阶段重点工作任务。",
    "要加强统筹协调，形成工作合力，切实把党中央、国务院决策部署落到实处。",
    "文件自2024年3月1日起施行，有效期5年。此前有关规定与本办法不一致的，以本办法为准。",
    "详细政策内容请登录中国政府网（https://www.gov.cn）查阅，或拨打政务服务便民热线12345咨询。",
    "本次招聘岗位共计35个，报名时间为2024年4月8日至4月12日，资格审查合格人员名单另行公布。",
    "各街道（乡镇）要对辖区内享受最低生活保障待遇的家庭开展动态管理，做到应保尽保、应退尽退。",
    "经审核，以下单位符合专项扶持资金申报条件，现予以公示，公示期为5个工作日。",
]
UNITS = ["东城区民政局", "西城区人社局", "朝阳区财政局", "海淀区教委", "丰台区卫健委", "石景山区住建委", "通州区发改委"]
NAMES = ["张*", "李*", "王*明", "赵*华", "刘*", "陈*芳", "杨*", "黄*强"]
VIOLATIONS = [
    "联系人：张三，电话13812345678。",
    "申请人身份证号：11010519491231002X。",
    "机密★1年",
    "请将款项汇入账号6222021234567890128。",
    "详见 [外部报道](https://news.example.com/a/123)。",
    "截止目前已完成布署。",
    "<script>alert(1)</script>",
    # Hidden forms (the text detectors canonicalise first, and map the spans back only for these).
    "联系人：李四，电话１３８\u200b1234\u00a05678。",
    "身份证号：110105·1949·1231·002X。",
    "绝密\u2b50长期",
]


def _paragraph(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SENTENCES) for _ in range(n))


def _table(rng: random.Random, rows: int) -> list[list[str]]:
    out = [["序号", "单位", "姓名", "联系电话", "金额（元）"]]
    for i in range(1, rows + 1):
        phone = f"1{rng.randint(3, 9)}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}"
        out.append([str(i), rng.choice(UNITS), rng.choice(NAMES), phone, f"{rng.randint(100, 99999)}.00"])
    return out


def markdown_item(rng: random.Random, index: int, violate: bool) -> str:
    target = rng.randint(1500, 4000)
    parts = [
        "---",
        f"title: 关于2024年度第{index}批专项资金拟安排情况的公示",
        f"index_no: 000014349/2024-{index:05d}",
        f"date: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"publisher: {rng.choice(UNITS)}",
        "---",
        "",
        "# 关于2024年度专项资金拟安排情况的公示",
        "",
    ]
    body = "\n".join(parts)
    table = _table(rng, rng.randint(4, 12))
    body += "\n| " + " | ".join(table[0]) + " |\n|" + "---|" * len(table[0]) + "\n"
    body += "".join("| " + " | ".join(row) + " |\n" for row in table[1:])
    while len(body.encode()) < target:
        # A third of the items indent paragraphs with ideographic spaces, as Word documents do:
        # those texts take the canonicalisation's slow path (NFKC of the changed characters).
        indent = "\u3000\u3000" if index % 3 == 0 else ""
        body += "\n" + indent + _paragraph(rng, rng.randint(1, 3)) + "\n"
    if violate:
        body += "\n" + rng.choice(VIOLATIONS) + "\n"
    return body


def generate(root: Path, items: int, attachments: int, seed: int) -> None:
    rng = random.Random(seed)
    content = root / "content"
    files = root / "files"
    content.mkdir(parents=True)
    files.mkdir()
    for i in range(items):
        sub = content / f"col{i % 20:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"item{i:05d}.md").write_text(markdown_item(rng, i, rng.random() < 0.03), encoding="utf-8")
    for i in range(attachments):
        violate = rng.random() < 0.05
        kind = i % 4
        if kind == 0:
            pages = [_paragraph(rng, 6) for _ in range(rng.randint(1, 3))]
            if violate:
                pages[-1] += "\n" + rng.choice(VIOLATIONS[:4])
            write_pdf(files / f"a{i:04d}.pdf", ["\n".join(p[j : j + 40] for j in range(0, len(p), 40)) for p in pages])
        elif kind == 1:
            paragraphs = [_paragraph(rng, 2) for _ in range(6)] + ([rng.choice(VIOLATIONS[:4])] if violate else [])
            write_docx(files / f"a{i:04d}.docx", paragraphs=paragraphs, tables=[_table(rng, 20)],
                       properties={"title": "公示名单", "subject": "专项资金"})
        elif kind == 2:
            detail = _table(rng, 60)
            if violate:
                detail[5][3] = 13812345678  # type: ignore[call-overload]
            write_xlsx(files / f"a{i:04d}.xlsx", {"说明": [[_paragraph(rng, 1)]], "明细": detail})
        else:
            gps = (39.9 + rng.random(), 116.3 + rng.random()) if violate else None
            write_jpeg(files / f"a{i:04d}.jpg", gps=gps, description="现场照片", size=(640, 480), noise=40)


class Timer:
    """Wall and CPU seconds: CPU time is the steadier figure on a shared machine."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        lap = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return lap


def scan_all(
    root: Path, cache: ScanCache, config: ScanConfig
) -> tuple[tuple[float, float], tuple[float, float], Counter[str]]:
    """Markdown is scanned every time (cheaper than a cache file); attachments go through the cache."""
    rules: Counter[str] = Counter()
    timer = Timer()
    for path in sorted((root / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(root).as_posix()
        rules.update(f.rule for f in scan_markdown(text, rel, config))
    markdown = timer.lap()
    for path in sorted((root / "files").iterdir()):
        rules.update(f.rule for f in cached_scan_attachment(cache, path, path.relative_to(root).as_posix(), config))
    return markdown, timer.lap(), rules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--attachments", type=int, default=1_000)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply both counts (linearity check)")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    parser.add_argument("--generate-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    items, attachments = int(args.items * args.scale), int(args.attachments * args.scale)

    if args.generate_only:
        generate(args.generate_only, items, attachments, args.seed)
        return 0

    root = args.keep or Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    try:
        corpus = root / "corpus"
        if not corpus.exists():
            t0 = time.perf_counter()
            # A child process generates the corpus, so peak RSS below is the scanner's alone.
            cmd = [sys.executable, __file__, "--items", str(items), "--attachments", str(attachments),
                   "--seed", str(args.seed), "--generate-only", str(corpus)]
            subprocess.run(cmd, check=True)
            print(f"generated in {time.perf_counter() - t0:.1f} s: {corpus}")
        md = list((corpus / "content").rglob("*.md"))
        att = list((corpus / "files").iterdir())
        md_bytes = sum(p.stat().st_size for p in md)
        att_bytes = sum(p.stat().st_size for p in att)
        total_bytes = md_bytes + att_bytes
        kinds = Counter(p.suffix for p in att)

        config, _ = ScanConfig.from_mapping(None, "bench")
        cache_dir = root / "cache"
        shutil.rmtree(cache_dir, ignore_errors=True)
        cache = ScanCache.at(cache_dir)
        (cold_md, cold_md_cpu), (cold_att, cold_att_cpu), rules = scan_all(corpus, cache, config)
        parsed_cold = sum(PARSE_COUNTS.values())
        (warm_md, warm_md_cpu), (warm_att, warm_att_cpu), warm_rules = scan_all(corpus, cache, config)
        parsed_warm = sum(PARSE_COUNTS.values()) - parsed_cold
        assert warm_rules == rules, "warm results differ from cold results"
        cold, warm = cold_md + cold_att, warm_md + warm_att
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        print(f"files:       {len(md) + len(att):,} ({len(md):,} Markdown, {len(att):,} attachments: "
              + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")")
        print(f"bytes:       {total_bytes / 1e6:.1f} MB (Markdown {md_bytes / 1e6:.1f} MB, "
              f"attachments {att_bytes / 1e6:.1f} MB)")
        print(f"cold:        {cold:.1f} s wall, {cold_md_cpu + cold_att_cpu:.1f} s CPU "
              f"(Markdown {cold_md:.1f} s, attachments {cold_att:.1f} s; {parsed_cold} attachments parsed)")
        print(f"warm:        {warm:.1f} s wall, {warm_md_cpu + warm_att_cpu:.1f} s CPU "
              f"(Markdown {warm_md:.1f} s, rescanned; attachments {warm_att:.1f} s; "
              f"{parsed_warm} attachments parsed, {cache.stats.hits:,} cache hits)")
        print(f"throughput:  cold {total_bytes / 1e6 / cold:.1f} MB/s, {(len(md) + len(att)) / cold:,.0f} files/s "
              f"(Markdown {md_bytes / 1e6 / cold_md:.1f} MB/s, {len(md) / cold_md:,.0f} items/s; "
              f"attachments {len(att) / cold_att:,.0f} files/s)")
        print(f"peak RSS:    {peak_mb:.0f} MB")
        print("findings:    " + ", ".join(f"{k} {v}" for k, v in sorted(rules.items())))
        return 0 if parsed_warm == 0 else 1
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
