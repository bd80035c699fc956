#!/usr/bin/env python3
"""Write a complete, valid zwgk site of N items for benchmarks.

    python scripts/make_corpus.py --items 10000 /tmp/corpus-10k
    mkdocs build -f /tmp/corpus-10k/mkdocs.yml --strict

About 10% of the items are policies, each with a 解读方案 and 解读材料; every item has a signed
review record with the digest of its content. The configuration (mkdocs.yml, overrides/,
columns) is copied from this repository so the corpus builds exactly like the real site.
Output is deterministic for a given --items and --seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from zwgk.core.loader import load_site  # noqa: E402
from zwgk.core.project import load_project  # noqa: E402
from zwgk.core.review import record as review_record  # noqa: E402
from zwgk.core.workdays import WorkCalendar  # noqa: E402

# (column, share, divisions it may come from, genre) — weights follow a real column's volume.
COLUMNS = [
    ("gzdt", 0.40, ["综合处", "政务服务处", "电子政务管理处", "政务服务中心"], "工作动态"),
    ("tzgg", 0.30, ["综合处", "政务服务处", "政务服务中心"], "通知"),
    ("zcwj", 0.20, ["政策法规处", "政务服务处"], "办法"),
    ("hygz", 0.04, ["政务服务中心", "组宣人事处"], "其他"),
    ("zfxxgkzd", 0.03, ["综合处"], "制度"),
    ("jgzn", 0.02, ["组宣人事处"], "机构职能"),
    ("zfxxgkzn", 0.003, ["综合处"], "指南"),
    ("zfxxgknb", 0.003, ["综合处"], "报告"),
    ("ysqgk", 0.003, ["综合处"], "其他"),
    ("yjzj", 0.005, ["政策法规处", "政务服务处"], "公告"),
]
# The corpus is checked as of this day, so its clocks (column staleness…) never depend on when it is built.
CORPUS_TODAY = dt.date(2026, 11, 27)
SUBJECTS = ["政务服务事项", "一网通办", "电子证照", "帮办代办", "企业开办", "不动产登记", "社保经办", "公积金业务",
            "好差评", "适老化服务", "跨省通办", "免申即享", "一件事一次办", "12345热线", "政务公开", "窗口服务"]
SENTENCES = [
    "为进一步优化{s}，提升企业和群众的办事体验，现就有关工作安排如下。",
    "各相关单位要按照职责分工，认真落实{s}的各项要求，确保工作取得实效。",
    "{s}实行清单化管理，清单内容每年至少更新一次，并及时向社会公布。",
    "办事群众可以通过政务服务网、移动端或政务服务大厅综合窗口办理{s}相关业务。",
    "对已由政府部门核发的材料，不再要求申请人重复提交，切实减少办事材料。",
    "各窗口单位应当落实首问负责、一次性告知和限时办结制度，提高办事效率。",
    "市政务服务管理办公室将定期对{s}落实情况进行督查，并通报督查结果。",
    "在推进{s}过程中，要充分听取企业和群众意见，不断改进服务方式。",
    "相关数据显示，{s}平均办理时间较上年缩短了三分之一，群众满意度持续提升。",
    "本通知自发布之日起施行，执行中遇到的问题请及时向市政务服务管理办公室反映。",
]
MATERIAL_SECTIONS = ("背景依据", "目标任务", "主要内容", "涉及范围", "执行标准", "执行期限", "注意事项", "关键词诠释",
                     "惠民利民举措", "新旧政策差异")
PLAN_SECTIONS = ("解读重点", "解读时间", "解读形式", "解读渠道", "其他事项")
SIGNERS = review_record.Signers("李明", "王芳", "赵强", "陈静")


def paragraph(rng: random.Random, subject: str, n: int) -> str:
    return "".join(rng.choice(SENTENCES).format(s=subject) for _ in range(n))


def body(rng: random.Random, subject: str) -> str:
    parts = [paragraph(rng, subject, rng.randint(3, 5))]
    for i in range(rng.randint(2, 4)):
        parts.append(f"## {'一二三四'[i]}、{subject}工作要求\n\n{paragraph(rng, subject, rng.randint(3, 6))}")
    if rng.random() < 0.3:
        rows = "\n".join(f"| {j + 1} | {rng.choice(SUBJECTS)} | {rng.randint(1, 20)} 个工作日 |" for j in range(rng.randint(3, 8)))
        parts.append(f"| 序号 | 事项 | 办理时限 |\n| --- | --- | --- |\n{rows}")
    return "\n\n".join(parts) + "\n"


def front(meta: dict[str, object]) -> str:
    lines = ["---"]
    for k, v in meta.items():
        if isinstance(v, list):
            lines.append(f"{k}: [{', '.join(str(x) for x in v)}]")
        elif isinstance(v, str) and any(c in v for c in ":#\\\"'"):
            lines.append(f"{k}: \"{v.replace(chr(92), chr(92) * 2)}\"")
        else:
            lines.append(f"{k}: {v}")
    lines.append("---\n")
    return "\n".join(lines)


def copy_config(out: Path) -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - zwgk:\n", f"  - zwgk:\n      today: {CORPUS_TODAY.isoformat()}\n", 1)
    (out / "mkdocs.yml").write_text(text, encoding="utf-8")
    for folder in ("overrides",):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, out / folder, dirs_exist_ok=True)
    (out / "governance").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "governance" / "columns.yml", out / "governance" / "columns.yml")
    if (REPO / "governance" / "calendar").is_dir():
        shutil.copytree(REPO / "governance" / "calendar", out / "governance" / "calendar", dirs_exist_ok=True)
    (out / "content").mkdir(exist_ok=True)
    shutil.copy(REPO / "content" / "index.md", out / "content" / "index.md")
    # The home page is governed like an item; same text, same address, so the demo's record still fits.
    (out / "governance" / "reviews" / "content").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "governance" / "reviews" / "content" / "index.yml",
                out / "governance" / "reviews" / "content" / "index.yml")


def make(out: Path, n_items: int, seed: int) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_config(out)
    project, problems = load_project(out)
    assert project is not None, problems
    org = project.config.org_code
    cal, _ = WorkCalendar.load(out / "governance" / "calendar")
    start, span = dt.date(2024, 1, 2), (dt.date(2026, 11, 20) - dt.date(2024, 1, 2)).days
    # Policies need their interpretation numbered too: one policy ⇒ two index numbers.
    formed_days = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(n_items))
    # Every column gets recent items first so no column is blank or stale on CORPUS_TODAY.
    recent = [CORPUS_TODAY - dt.timedelta(days=3 + i) for i in range(len(COLUMNS))]
    formed_days = recent + formed_days[len(recent):]
    counters: dict[int, int] = {}
    weights = [c[1] for c in COLUMNS]
    made = 0
    for position, formed in enumerate(formed_days):
        if made >= n_items:
            break
        while not cal.is_workday(formed):
            formed += dt.timedelta(days=1)
        if position < len(COLUMNS):
            col, _, divisions, genre = COLUMNS[position]
        else:
            col, _, divisions, genre = rng.choices(COLUMNS, weights)[0]
        # A policy needs room for its interpretation (two items); the last slot never holds one.
        is_policy = col == "zcwj" and rng.random() < 0.5 and made + 1 < n_items
        # The per-column recent items are published on the day they are formed, before CORPUS_TODAY.
        published = formed if position < len(COLUMNS) else cal.add_workdays(formed, rng.randint(0, 4))
        year = formed.year
        counters[year] = counters.get(year, 0) + 1
        index_no = f"{org}/{year}-{counters[year]:05d}"
        subject = rng.choice(SUBJECTS)
        division = rng.choice(divisions)
        slug = f"{year}-{counters[year]:05d}"
        title = f"关于进一步做好{subject}工作的{'实施办法' if is_policy else genre}"
        meta: dict[str, object] = {
            "title": title, "index_no": index_no, "division": division, "genre": genre,
            "topic": "综合政务\\政务公开", "summary": f"部署{subject}相关工作，明确工作要求和办理时限。",
            "formed": formed.isoformat(),
        }
        if is_policy:
            meta.update({"kind": "policy", "doc_no": f"示政务办规〔{year}〕{counters[year]}号", "signed": formed.isoformat()})
        meta["published"] = published.isoformat()
        path = out / "content" / col / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front(meta) + "\n" + body(rng, subject), encoding="utf-8")
        made += 1
        if is_policy and made < n_items:
            counters[year] += 1
            mat_index = f"{org}/{year}-{counters[year]:05d}"
            folder = out / "interpretations" / f"p{slug}"
            folder.mkdir(parents=True, exist_ok=True)
            plan = front({"title": f"《{title}》解读方案", "interprets": index_no, "signed": formed.isoformat(),
                          "division": division})
            plan += "\n".join(f"\n## {s}\n\n{paragraph(rng, subject, 1)}" for s in PLAN_SECTIONS) + "\n"
            (folder / "plan.md").write_text(plan, encoding="utf-8")
            mat = front({"title": f"《{title}》政策解读", "index_no": mat_index, "division": division, "genre": "解读",
                         "topic": "综合政务\\政务公开", "summary": f"解读{subject}实施办法的主要内容。",
                         "formed": formed.isoformat(), "signed": formed.isoformat(),
                         "published": published.isoformat(), "interprets": index_no})
            mat += "\n".join(f"\n## {s}\n\n{paragraph(rng, subject, 2)}" for s in MATERIAL_SECTIONS) + "\n"
            (folder / "material.md").write_text(mat, encoding="utf-8")
            made += 1
    project, _ = load_project(out)
    assert project is not None
    site, problems = load_site(project)
    for item in site.items:
        if item.published is None:
            continue
        record = review_record.signed(site, item, SIGNERS, reviewed_on=item.formed or item.published,
                                      approved_on=item.published)
        rec = out / site.review_path_for(item.path)
        rec.parent.mkdir(parents=True, exist_ok=True)
        rec.write_text(review_record.dump(record), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, required=True, help="number of items (policies + interpretations count)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    t = time.perf_counter()
    make(args.out, args.items, args.seed)
    print(f"wrote {args.items} items to {args.out} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
