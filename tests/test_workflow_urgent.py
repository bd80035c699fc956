"""重要紧急: publish the same day, sign the 信息发布审查表 within N working days after.

Fixed "today" across the 2026 National Day holiday (10-01…10-07 off, Saturday 10-10 a make-up
working day): an item published on Wednesday 2026-09-30 with the default 3 working days must be
reviewed by 10-10 — 10-08, 10-09 and the make-up Saturday 10-10.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from support import run_check, zwgk
from zwgk.core.rules.review import urgent_pending

ITEM = "content/tzgg/2026-030.md"
RECORD = "governance/reviews/content/tzgg/2026-030.yml"
PUBLISHED = dt.date(2026, 9, 30)
DUE = dt.date(2026, 10, 10)


def write_item(root: Path, *, urgent: bool = True, body: str = "国庆假期政务服务大厅临时调整开放时间。\n") -> None:
    meta = {"title": "关于国庆假期政务服务大厅临时调整开放时间的紧急通知", "index_no": "11459900MB0012345X/2026-00030",
            "division": "综合处", "summary": "国庆假期政务服务大厅临时调整开放时间。", "formed": PUBLISHED,
            "published": PUBLISHED, "urgent": urgent}
    (root / ITEM).write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body,
                             encoding="utf-8")


def mine(root: Path, today: dt.date) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in run_check(root, today).findings if f.path in (ITEM, RECORD)]


def sign(root: Path, on: dt.date, *extra: str) -> int:
    proc = zwgk(root, "review", ITEM, "--handler", "李明", "--division-head", "王芳", "--secrecy-reviewer", "赵强",
                "--leader", "陈静", "--date", on.isoformat(), "--reviewer", "综合处审查员", "--yes", *extra,
                today=on)
    return proc.returncode


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2026, 9, 30), [("review.urgent_pending", "warning")]),   # published today, nothing signed yet
    (dt.date(2026, 10, 5), [("review.urgent_pending", "warning")]),   # holiday: the clock does not run
    (dt.date(2026, 10, 9), [("review.urgent_pending", "warning")]),
    (dt.date(2026, 10, 10), [("review.urgent_pending", "warning")]),  # make-up Saturday: the last day
    (dt.date(2026, 10, 11), [("review.urgent_overdue", "error")]),
    (dt.date(2026, 10, 12), [("review.urgent_overdue", "error")]),
])
def test_pending_then_overdue_across_the_holiday(demo: Path, today: dt.date, expected: list[tuple[str, str]]) -> None:
    write_item(demo)
    assert mine(demo, today) == expected


def test_pending_message_names_the_deadline(demo: Path) -> None:
    write_item(demo)
    f = next(f for f in run_check(demo, dt.date(2026, 10, 8)).findings if f.rule == "review.urgent_pending")
    assert "2026-10-10" in f.message and "3 个工作日" in f.message
    assert f"zwgk review {ITEM}" in f.hint and f.field == "review"


def test_not_urgent_needs_the_record_before_publication(demo: Path) -> None:
    write_item(demo, urgent=False)
    assert mine(demo, PUBLISHED) == [("review.missing", "error")]


def test_a_blank_form_is_still_pending(demo: Path) -> None:
    write_item(demo)
    from zwgk.core import review_record
    from zwgk.core.loader import build_item

    item = build_item({"title": "关于国庆假期政务服务大厅临时调整开放时间的紧急通知", "division": "综合处"}, "", 1,
                      path=ITEM, src_uri=ITEM[len("content/"):], column="tzgg", kind="plain", root=demo, publisher="")
    (demo / RECORD).write_text(review_record.dump(review_record.blank(item)), encoding="utf-8")
    assert mine(demo, dt.date(2026, 10, 9)) == [("review.urgent_pending", "warning")]


def test_urgent_pending_lists_them_for_reports(demo: Path) -> None:
    write_item(demo)
    site = run_check(demo, dt.date(2026, 10, 9)).site
    assert site is not None
    (entry,) = urgent_pending(site)
    assert (entry.path, entry.record, entry.published, entry.due, entry.overdue) == (ITEM, RECORD, PUBLISHED, DUE, False)
    late = run_check(demo, dt.date(2026, 10, 12)).site
    assert late is not None and urgent_pending(late)[0].overdue


def test_signed_within_the_window_is_clean_and_the_digest_still_applies(demo: Path) -> None:
    write_item(demo)
    assert sign(demo, dt.date(2026, 10, 9)) == 0  # after publication: that is the urgent path
    assert mine(demo, dt.date(2026, 10, 12)) == []
    site = run_check(demo, dt.date(2026, 10, 12)).site
    assert site is not None and urgent_pending(site) == []
    write_item(demo, body="国庆假期政务服务大厅临时调整开放时间，10月8日起恢复正常。\n")
    assert mine(demo, dt.date(2026, 10, 12)) == [("review.stale", "error")]


def test_signed_after_the_window_needs_a_reason(demo: Path) -> None:
    write_item(demo)
    assert sign(demo, dt.date(2026, 10, 12)) == 2  # the CLI asks for the reason first
    assert sign(demo, dt.date(2026, 10, 12), "--urgent-reason", "节后值班人员调整，补审延误") == 0
    assert mine(demo, dt.date(2026, 10, 12)) == []
    record = yaml.safe_load((demo / RECORD).read_text(encoding="utf-8"))
    assert record["urgent_followup"] == "节后值班人员调整，补审延误"
    # Without the reason in the record, a late follow-up is reported on the record.
    del record["urgent_followup"]
    (demo / RECORD).write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    assert set(mine(demo, dt.date(2026, 10, 12))) == {("review.urgent_overdue", "error")}


def set_review_option(root: Path, text: str) -> None:
    cfg = root / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "      interpretation_column: zcjd\n", f"      interpretation_column: zcjd\n      review: {text}\n"), encoding="utf-8")


def test_window_is_configurable(demo: Path) -> None:
    write_item(demo)
    set_review_option(demo, "{urgent_followup_workdays: 0}")
    assert mine(demo, PUBLISHED) == [("review.urgent_pending", "warning")]
    assert mine(demo, dt.date(2026, 10, 8)) == [("review.urgent_overdue", "error")]


@pytest.mark.parametrize(("value", "rule"), [
    ("{urgent_followup_workdays: -1}", "config.value"),
    ("{urgent_followup_workdays: 二}", "config.type"),
    ("{forbid_self_review: 是}", "config.type"),
    ("{urgent_follow_workdays: 3}", "config.unknown"),
    ("{general_office: ''}", "config.value"),
])
def test_review_option_is_validated(demo: Path, value: str, rule: str) -> None:
    set_review_option(demo, value)
    found = [f for f in run_check(demo).findings if f.rule == rule]
    assert found and found[0].path == "mkdocs.yml" and found[0].field.startswith("plugins -> zwgk -> review")
