"""Test helpers: a private copy of the demo repository, checks and real MkDocs builds on it."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEMO_PARTS = ("mkdocs.yml", "content", "interpretations", "governance", "overrides")
#: The build tool the tests drive, as ``python -m <MKDOCS>``: ``mkdocs`` (MkDocs 1.6.1, the default) or
#: ``properdocs`` (ZWGK_MKDOCS=properdocs, set by ``scripts/test.sh --properdocs``). Under ProperDocs
#: conftest.py also routes the tests' own ``mkdocs.*`` imports to it (docs/site.md, "用哪个 MkDocs 部署").
MKDOCS = os.environ.get("ZWGK_MKDOCS", "mkdocs")
if MKDOCS not in ("mkdocs", "properdocs"):
    raise SystemExit(f"ZWGK_MKDOCS={MKDOCS!r}: expected mkdocs or properdocs")
# The demo is checked as of a fixed day; tests never read the wall clock.
DEMO_TODAY = dt.date(2026, 11, 29)
# From 1 November the demo carries one advisory to 综合处: next year's holiday arrangement is not yet
# entered (governance/calendar/2027.yml). It is a reminder, not a defect of the demo's content.
YEAR_END = "calendar.next_year_missing"
# The demo's governance registers deliberately show their clocks on DEMO_TODAY: a late-answered and an
# overdue 依申请公开 request, a 舆情 still inside its 48 hours, a 法定主动公开 item the office has not
# published. Advisories to 综合处 / 组宣人事处, never blocking; (rule, path) as `zwgk check` reports them.
DEMO_ADVISORIES = frozenset({
    (YEAR_END, "governance/calendar/2027.yml"),
    ("requests.reply_late", "governance/requests/2026/006.yml"),
    ("requests.overdue", "governance/requests/2026/007.yml"),
    ("sentiment.due", "governance/sentiment/2026/002.yml"),
    ("statutory.missing", "governance/statutory.yml"),
})

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


def copy_demo(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in DEMO_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy(src, dest / part)
    return dest


def run_check(root: Path, today: dt.date = DEMO_TODAY):  # type: ignore[no-untyped-def]
    from zwgk.core.pipeline import check_repo

    return check_repo(root, today=today)


def rules_of(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.rule for f in result.findings}


def mkdocs_build(root: Path, *, strict: bool = True, today: dt.date = DEMO_TODAY,
                 extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZWGK_TODAY": today.isoformat(), **(extra_env or {})}
    cmd = [sys.executable, "-m", MKDOCS, "build", "-f", str(root / "mkdocs.yml")]
    cmd.append("--strict" if strict else "--no-strict")
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=root, timeout=600)


def zwgk(root: Path, *args: str, today: dt.date | None = DEMO_TODAY) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if today is not None:
        env["ZWGK_TODAY"] = today.isoformat()
    return subprocess.run([sys.executable, "-m", "zwgk.cli.main", *args], capture_output=True, text=True,
                          env=env, cwd=root, timeout=300)


def edit_front_matter(path: Path, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    """Apply ``change`` to the parsed front matter and write the file back (body untouched)."""
    text = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert m, path
    meta = yaml.safe_load(m[1])
    change(meta)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{head}---\n" + text[m.end():], encoding="utf-8")


def resign(root: Path, item_path: str, today: dt.date = DEMO_TODAY) -> None:
    """Re-review an item after a test changed it, the way the general office would."""
    from zwgk.core.pipeline import check_repo
    from zwgk.core.review import record as review_record

    result = check_repo(root, today=today)
    assert result.site is not None
    from zwgk.core.rules.publish import governed_pages

    item = next(i for i in [*result.site.items, *governed_pages(result.site)] if i.path == item_path)
    rec = root / result.site.review_path_for(item_path)
    base = yaml.safe_load(rec.read_text(encoding="utf-8")) if rec.exists() else None
    data = review_record.signed(result.site, item, review_record.Signers("李明", "王芳", "赵强", "陈静"),
                                reviewed_on=item.formed or today, approved_on=item.published or today, base=base)
    rec.parent.mkdir(parents=True, exist_ok=True)
    rec.write_text(review_record.dump(data), encoding="utf-8")


def search_urls(bundle: Path, query: str) -> list[str]:
    """The page URLs a search in the built site finds, best first (the Python twin of the client)."""
    from search_reader import Bundle

    index = Bundle(bundle)
    return [index.fragment(hit.id)["url"] for hit in index.search(query).hits]
