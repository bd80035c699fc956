"""指南 (条例第十二条) and 法定主动公开内容 (条例第二十条), issue 16 §5.

Must-fail and must-pass fixtures for every ``guide.*`` and ``statutory.*`` rule on a copy of the
demo; the staleness clock at its edge with ``today`` passed in; the monthly 督查 lists what is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from support import run_check
from zwgk.core.reports.monthly import build_monthly

GUIDE = "content/zfxxgkzn/2026-001.md"
ORGAN = "content/jgzn/2026-005.md"  # 机构职能, published 2026-03-27, max_age 1年 in the demo list
LIST = "governance/statutory.yml"


def configure(root: Path, block: str) -> None:
    cfg = root / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace("interpretation_column: zcjd", f"interpretation_column: zcjd\n      {block}"),
                   encoding="utf-8")


def replace_in(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return apply


def edit_list(change: Callable[[list[dict[str, object]]], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / LIST
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data["items"])
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return apply


def chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


FAIL: list[tuple[str, Callable[[Path], None], str, str, str, str]] = [
    ("no fax", replace_in(GUIDE, "| 传真号码 | 0000-12345600 |\n", ""), "guide.content", GUIDE, "正文", "传真"),
    ("no e-mail", replace_in(GUIDE, "| 电子邮箱 | zwgk@example.gov.cn |\n", ""), "guide.content", GUIDE, "正文", "电子邮箱"),
    ("no 编排体系", replace_in(GUIDE, "编排体系", "编排"), "guide.content", GUIDE, "正文", "编排体系"),
    ("no 获取方式", replace_in(GUIDE, "## 二、获取方式", "## 二、公开方式"), "guide.content", GUIDE, "正文", "获取方式"),
    ("no 监督和救济", replace_in(GUIDE, "投诉、举报；也可以依法申请行政复议或者提起行政诉讼", "反映意见"),
     "guide.content", GUIDE, "正文", "监督和救济"),
    ("phone differs from extra.gov", replace_in("mkdocs.yml", "phone: 0000-12345678", "phone: 0000-87654321"),
     "guide.identity", GUIDE, "正文", "extra.gov.phone"),
    ("fax differs from extra.gov", replace_in("mkdocs.yml", "fax: 0000-12345600", "fax: 0000-12345699"),
     "guide.identity", GUIDE, "正文", "传真号码"),
    ("guide found by path", lambda r: configure(r, f"guide: {{paths: [{ORGAN}]}}"), "guide.content", ORGAN, "正文",
     "编排体系"),
    ("unknown guide option", lambda r: configure(r, "guide: {genre: [指南]}"), "config.unknown", "mkdocs.yml",
     "plugins -> zwgk -> guide -> genre", "genres"),
    ("list: no items", replace_in(LIST, "items:", "entries:"), "statutory.invalid", LIST, "items", "items"),
    ("list: unknown column", replace_in(LIST, "where: zcwj", "where: zcwjj"), "statutory.invalid", LIST,
     "items -> [0] -> where", "zcwj"),
    ("list: file does not exist", replace_in(LIST, "where: content/jgzn/2026-005.md", "where: content/jgzn/2026-099.md"),
     "statutory.invalid", LIST, "items -> [1] -> where", "2026-099"),
    ("list: bad max_age", replace_in(LIST, "max_age: 1年\n    mentions", "max_age: 一年\n    mentions"),
     "statutory.invalid", LIST, "items -> [1] -> max_age", "一年"),
    ("list: not applicable without reason", edit_list(lambda items: items[2].pop("reason")), "statutory.invalid", LIST,
     "items -> [2] -> reason", "理由"),
    ("list: unknown field", edit_list(lambda items: items[0].update(column="zcwj")), "statutory.invalid", LIST,
     "items -> [0] -> column", "column"),
    ("list: 预决算 not published", lambda r: None, "statutory.missing", LIST, "items -> [6] -> where", "财政预算"),
    ("list: 机构职能 without 负责人", replace_in(ORGAN, "## 负责人", "## 领导"), "statutory.incomplete", ORGAN, "正文",
     "负责人"),
]


@pytest.mark.parametrize(("case", "change", "rule", "path", "field", "says"), FAIL, ids=[c[0] for c in FAIL])
def test_must_fail(demo: Path, case: str, change: Callable[[Path], None], rule: str, path: str, field: str,
                   says: str) -> None:
    change(demo)
    result = run_check(demo)
    hits = [f for f in result.findings if f.rule == rule and f.path == path and f.field == field]
    assert hits, (case, sorted((f.rule, f.path, f.field) for f in result.findings))
    assert any(says in f.message + f.hint for f in hits), [f.message for f in hits]
    assert all(chinese(f.message) and chinese(f.hint) for f in hits)


def test_demo_guide_and_list_pass(demo: Path) -> None:
    """The demo's 指南 has every 第十二条 element matching extra.gov; its list is valid and only the 预决算
    (not yet published by the fictional office) is missing."""
    found = run_check(demo).findings
    assert not [f for f in found if f.rule.startswith("guide.") or f.rule == "statutory.invalid"]
    assert not [f for f in found if f.rule.startswith("config.")]
    assert [(f.rule, f.field) for f in found if f.rule.startswith("statutory.")] == [
        ("statutory.missing", "items -> [6] -> where")]
    assert all(f.severity == "warning" for f in found if f.rule.startswith("statutory."))


def test_missing_item_passes_once_published(demo: Path) -> None:
    """The must-pass twin of statutory.missing: the 预决算 entry matched by an item that exists."""
    edit_list(lambda items: items[6].update(match="好差评"))(demo)
    assert "statutory.missing" not in {f.rule for f in run_check(demo).findings}


@pytest.mark.parametrize(("today", "stale"), [(dt.date(2027, 3, 27), False), (dt.date(2027, 3, 28), True)])
def test_stale_at_the_edge(demo: Path, today: dt.date, stale: bool) -> None:
    """机构职能 published 2026-03-27 with max_age 1年: current through 2027-03-27, stale the day after."""
    hits = [f for f in run_check(demo, today).findings if f.rule == "statutory.stale" and "机关职能" in f.message]
    assert bool(hits) is stale
    if stale:
        assert hits[0].severity == "warning" and "2027-03-27" in hits[0].message


def test_guide_identity_falls_back_to_contact(demo: Path) -> None:
    """Without extra.gov.phone the number in extra.gov.contact is the one the 指南 must give."""
    replace_in("mkdocs.yml", "    phone: 0000-12345678\n", "")(demo)
    assert "guide.identity" not in {f.rule for f in run_check(demo).findings}
    replace_in("mkdocs.yml", "contact: 0000-12345678", "contact: 0000-11112222")(demo)
    assert "guide.identity" in {f.rule for f in run_check(demo).findings}


def test_statutory_advisories_never_block(demo: Path) -> None:
    from zwgk.core.rules import ADVISORY_RULES

    assert {"statutory.missing", "statutory.stale", "statutory.incomplete"} <= ADVISORY_RULES
    # The 指南's contents too: shown in every check and the 督查, never a reason to stop publishing.
    replace_in("mkdocs.yml", "    phone: 0000-12345678\n", "    phone: 0000-11112222\n")(demo)
    result = run_check(demo)
    assert "guide.identity" in {f.rule for f in result.advisories}
    assert not [f for f in result.blocking_warnings if f.rule.startswith("guide.")]


def test_monthly_report_lists_missing_and_stale(demo: Path) -> None:
    site = run_check(demo).site
    assert site is not None
    report = build_monthly(site, 2026, 11)
    assert [e.title for e in report.select("statutory_missing")] == ["财政预算、决算信息"]
    assert report.select("statutory_missing")[0].divisions == ("综合处",)
    assert report.count("statutory_stale") == 0
    (demo / LIST).unlink()
    replace_in(GUIDE, "genre: 指南", "genre: 其他")(demo)
    site = run_check(demo).site
    assert site is not None
    titles = [e.title for e in build_monthly(site, 2026, 11).select("statutory_missing")]
    assert titles == ["法定主动公开内容清单", "政府信息公开指南"]
