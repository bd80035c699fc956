"""重要紧急 = same-day review, never publish-before-review (rulebook: "5个工作日内（重要、紧急事项
当日）…发布，发布前应填写信息发布审查表进行保密审查").

An urgent item needs a complete signed record before publication like any other; the same-day
path is made fast instead: ``zwgk review`` prints exactly what to sign and the one command, the
gate adds the advisory ``review.urgent`` (CI labels the pull request), the monthly report lists
urgent items with how long their review took.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from support import run_check, zwgk

ITEM = "content/tzgg/2026-030.md"
RECORD = "governance/reviews/content/tzgg/2026-030.yml"
DAY = dt.date(2026, 9, 30)  # a Wednesday before the National Day holiday
SIGNERS = ("--handler", "李明", "--division-head", "王芳", "--secrecy-reviewer", "赵强", "--leader", "陈静")


def write_item(root: Path, *, urgent: bool = True, body: str = "国庆假期政务服务大厅临时调整开放时间。\n",
               formed: dt.date = DAY, published: dt.date = DAY) -> None:
    meta = {"title": "关于国庆假期政务服务大厅临时调整开放时间的紧急通知", "index_no": "11459900MB0012345X/2026-00030",
            "division": "综合处", "summary": "国庆假期政务服务大厅临时调整开放时间。", "formed": formed.isoformat(),
            "published": published.isoformat(), "urgent": urgent}
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).replace("'", "")
    (root / ITEM).write_text("---\n" + text + "---\n\n" + body, encoding="utf-8")


def mine(root: Path, today: dt.date) -> list[tuple[str, str]]:
    return sorted((f.rule, f.severity) for f in run_check(root, today).findings if f.path in (ITEM, RECORD))


def sign(root: Path, on: dt.date, *extra: str, today: dt.date | None = None) -> tuple[int, str]:
    proc = zwgk(root, "review", ITEM, *SIGNERS, "--date", on.isoformat(), "--reviewer", "综合处审查员", "--yes", *extra,
                today=today or on)
    return proc.returncode, proc.stdout + proc.stderr


def test_urgent_item_without_record_blocks(demo: Path) -> None:
    write_item(demo)
    assert mine(demo, DAY) == [("review.missing", "error"), ("review.urgent", "warning")]
    missing = next(f for f in run_check(demo, DAY).findings if f.rule == "review.missing")
    assert "重要紧急信息也须先审查后发布" in missing.hint


def test_not_urgent_item_without_record_blocks_without_the_notice(demo: Path) -> None:
    write_item(demo, urgent=False)
    assert mine(demo, DAY) == [("review.missing", "error")]


def test_urgent_item_reviewed_the_same_day_passes(demo: Path) -> None:
    write_item(demo)
    code, out = sign(demo, DAY)
    assert code == 0, out
    assert mine(demo, DAY) == []
    assert mine(demo, dt.date(2026, 10, 12)) == []
    # The digest applies as to any item: a later change needs a new review.
    write_item(demo, body="国庆假期政务服务大厅临时调整开放时间，10月8日起恢复正常。\n")
    assert mine(demo, dt.date(2026, 10, 12)) == [("review.stale", "error"), ("review.urgent", "warning")]


def test_signing_after_publication_is_refused(demo: Path) -> None:
    write_item(demo)
    code, out = sign(demo, dt.date(2026, 10, 9))
    assert code == 2 and "先审查、后发布" in out and "review.after_publication" in out
    assert not (demo / RECORD).exists()


def test_a_hand_written_late_signature_blocks(demo: Path) -> None:
    write_item(demo)
    assert sign(demo, DAY)[0] == 0
    record = yaml.safe_load((demo / RECORD).read_text(encoding="utf-8"))
    record["leader"]["date"] = dt.date(2026, 10, 9)
    (demo / RECORD).write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    assert ("review.after_publication", "error") in mine(demo, dt.date(2026, 10, 12))


def test_review_prints_what_to_sign_today(demo: Path) -> None:
    write_item(demo)
    proc = zwgk(demo, "review", ITEM, "--diff-only", today=DAY)
    assert proc.returncode == 0, proc.stderr
    assert "重要紧急信息：发布前须完成审查" in proc.stdout
    assert "需要签署：经办人、处室负责人审核、保密审查" in proc.stdout
    assert f"签署命令：zwgk review {ITEM} --handler <姓名> --division-head <姓名> --secrecy-reviewer <姓名> " \
           f"--leader <姓名> --date {DAY}" in proc.stdout
    # After a change to a signed item: the changed parts and the command with the names already known.
    assert sign(demo, DAY)[0] == 0
    write_item(demo, body="国庆假期政务服务大厅临时调整开放时间（更正）。\n")
    proc = zwgk(demo, "review", ITEM, "--diff-only", today=DAY)
    assert "需要审查的改动：正文" in proc.stdout
    assert f"签署命令：zwgk review {ITEM} --handler 李明 --division-head 王芳 --secrecy-reviewer 赵强 --leader 陈静 " \
           f"--date {DAY}" in proc.stdout


def test_the_old_follow_up_record_field_is_a_clear_error(demo: Path) -> None:
    write_item(demo)
    assert sign(demo, DAY)[0] == 0
    record = yaml.safe_load((demo / RECORD).read_text(encoding="utf-8"))
    record["urgent_followup"] = "节后补审"
    (demo / RECORD).write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    found = [f for f in run_check(demo, DAY).findings if f.path == RECORD]
    assert [f.rule for f in found] == ["review.urgent_followup_removed"]
    assert "已废止" in found[0].message and found[0].field == "urgent_followup"


def test_the_old_urgent_reason_option_is_a_clear_error(demo: Path) -> None:
    write_item(demo)
    code, out = sign(demo, DAY, "--urgent-reason", "值班")
    assert code == 2 and "已废止" in out and "Traceback" not in out


def set_review_option(root: Path, text: str) -> None:
    cfg = root / "mkdocs.yml"
    old = cfg.read_text(encoding="utf-8")
    assert "      review: {history_start: 2027-01-01}\n" in old
    cfg.write_text(old.replace("      review: {history_start: 2027-01-01}\n", f"      review: {text}\n"), encoding="utf-8")


def test_the_old_follow_up_option_is_a_clear_error(demo: Path) -> None:
    set_review_option(demo, "{urgent_followup_workdays: 3}")
    found = [f for f in run_check(demo).findings if f.rule == "config.removed"]
    assert found and found[0].path == "mkdocs.yml" and "已废止" in found[0].message
    assert found[0].field == "plugins -> zwgk -> review -> urgent_followup_workdays"


@pytest.mark.parametrize(("value", "rule"), [
    ("{forbid_self_review: 是}", "config.type"),
    ("{urgent_follow_workdays: 3}", "config.unknown"),
    ("{general_office: ''}", "config.value"),
    ("{distinct_roles: [经办人, 局长]}", "config.value"),
    ("{distinct_roles: 经办人}", "config.type"),
    ("{history_start: 2026年1月1日}", "config.value"),
])
def test_review_option_is_validated(demo: Path, value: str, rule: str) -> None:
    set_review_option(demo, value)
    found = [f for f in run_check(demo).findings if f.rule == rule]
    assert found and found[0].path == "mkdocs.yml" and found[0].field.startswith("plugins -> zwgk -> review")


def test_monthly_report_lists_urgent_items_with_review_time(demo: Path) -> None:
    from zwgk.core.reports.monthly import build_monthly

    write_item(demo, formed=dt.date(2026, 9, 29), published=dt.date(2026, 9, 30))
    code, out = sign(demo, dt.date(2026, 9, 30))
    assert code == 0, out
    site = run_check(demo, dt.date(2026, 10, 12)).site
    assert site is not None
    (entry,) = build_monthly(site, 2026, 9).select("urgent")
    assert entry.path == ITEM and entry.value == 1.0
    assert "2026-09-29" in entry.detail and "2026-09-30" in entry.detail and "1 个工作日" in entry.detail
