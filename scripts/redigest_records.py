"""Re-pin review-record digests after the *digest format* changed (not the content).

When the digest starts to cover something new (e.g. the public address), every existing record
becomes ``review.stale`` although nobody changed what was reviewed. This script rewrites only the
``digest`` block of records whose reviewed content is unchanged — body, every field and every
file hash as recorded — and keeps names, dates and everything else. A record whose content *did*
change is left alone and listed: that one needs a real review (``zwgk review``).

    python scripts/redigest_records.py            # rewrite (the demo: governance/reviews/**)
    python scripts/redigest_records.py --check    # exit 1 if any record would be rewritten
    python scripts/redigest_records.py --root /path/to/repo

Moves are not migrations: a record whose recorded address differs from the item's current one is
left alone as well.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from zwgk.core.loader import load_site
from zwgk.core.project import load_project
from zwgk.core.review import record as review_record


def same_content(recorded: Mapping[str, Any], now: Mapping[str, Any]) -> bool:
    address = recorded.get("address")
    return (recorded.get("body") == now["body"] and dict(recorded.get("fields") or {}) == now["fields"]
            and dict(recorded.get("files") or {}) == now["files"]
            and (not isinstance(address, Mapping) or dict(address) == now["address"]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    ap.add_argument("--check", action="store_true", help="report only; exit 1 when a record would change")
    args = ap.parse_args()
    project, problems = load_project(args.root.resolve())
    if project is None:
        print("\n".join(p.format_text() for p in problems), file=sys.stderr)
        return 2
    site, _ = load_site(project)
    rewritten, refused = [], []
    for item in site.items:
        record = site.reviews.get(item.path)
        if record is None or record.broken or not review_record.is_signed(record):
            continue
        recorded = record.data["digest"]
        now = review_record.item_digest(site, item).to_record()
        if recorded == now:
            continue
        if not same_content(recorded, now):
            refused.append(record.path)
            continue
        rewritten.append(record.path)
        if not args.check:
            data = dict(record.data)
            data["digest"] = now
            text = (site.root / record.path).read_text(encoding="utf-8")
            head = "".join(ln for ln in text.splitlines(keepends=True)[:1] if ln.startswith("#"))
            body = yaml.dump(data, Dumper=review_record._NoAliasDumper, allow_unicode=True, sort_keys=False,
                             width=120)
            (site.root / record.path).write_text((head or review_record.HEADER) + body, encoding="utf-8")
    verb = "需要更新" if args.check else "已更新"
    for path in rewritten:
        print(f"{verb}摘要：{path}")
    for path in refused:
        print(f"内容已改动，须由综合处重新审查（未修改）：{path}", file=sys.stderr)
    return 1 if (args.check and rewritten) or refused else 0


if __name__ == "__main__":
    sys.exit(main())
