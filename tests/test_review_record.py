"""The review record is validated in the gate: every class of record 综合处 would not sign fails,
beside a clean twin that passes. Real demo copies, real Git repositories, the real CLI."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import DEMO_TODAY, edit_front_matter, run_check, zwgk

ITEM = "content/tzgg/2026-004.md"  # formed 2026-03-20, published 2026-03-23
RECORD = "governance/reviews/content/tzgg/2026-004.yml"


def load_record(root: Path, rel: str = RECORD) -> dict[str, Any]:
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def save_record(root: Path, data: dict[str, Any], rel: str = RECORD) -> None:
    from zwgk.core.review import record as review_record

    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(review_record.dump(data), encoding="utf-8")


def rules_on(root: Path, *paths: str, today: dt.date = DEMO_TODAY) -> list[str]:
    return sorted(f.rule for f in run_check(root, today).findings if f.path in (paths or (ITEM, RECORD)))


def edit(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        data = load_record(root)
        change(data)
        save_record(root, data)
    return apply


def names(h: str, dh: str, sr: str, ld: str) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        d["handler"]["name"], d["division_head"]["name"], d["secrecy"]["reviewer"], d["leader"]["name"] = h, dh, sr, ld
    return change


def dates(h: str, dh: str, sr: str, ld: str) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        for key, day in zip(("handler", "division_head", "secrecy", "leader"), (h, dh, sr, ld), strict=True):
            d[key]["date"] = dt.date.fromisoformat(day)
    return change


def setitem(block: str | None, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        (d[block] if block else d)[key] = value
    return change


# (id, record edit, rules expected on the item and its record) — failing fixtures and clean twins
CASES: list[tuple[str, Callable[[dict[str, Any]], None], list[str]]] = [
    ("clean: the demo record", lambda d: None, []),
    ("one person in all four roles", names("李明", "李明", "李明", "李明"), ["review.same_person"]),
    ("same name, traditional characters", names("陈静", "王芳", "赵强", "陳靜"), ["review.same_person"]),
    ("same name, full-width and spaced", names("Li Ming", "王芳", "赵强", "ＬＩ　ＭＩＮＧ"), ["review.same_person"]),
    ("same name, interpunct and zero-width space", names("阿依·古丽", "王芳", "阿依古\u200b丽", "陈静"),
     ["review.same_person"]),
    ("clean: four different people", names("李明", "王芳", "赵强", "陈静"), []),
    ("dates before formed", dates("2026-03-01", "2026-03-01", "2026-03-01", "2026-03-02"),
     ["review.before_formed"] * 4),
    ("dates out of signing order", dates("2026-03-21", "2026-03-20", "2026-03-20", "2026-03-23"),
     ["review.date_order"]),
    ("leader before the secrecy review", dates("2026-03-20", "2026-03-20", "2026-03-23", "2026-03-22"),
     ["review.date_order"]),
    ("clean: same day for all", dates("2026-03-20", "2026-03-20", "2026-03-20", "2026-03-20"), []),
    ("a date after publication", dates("2026-03-20", "2026-03-20", "2026-03-20", "2026-03-24"),
     ["review.after_publication"]),
    ("YAML no instead of 否", setitem("secrecy", "privacy", False), ["review.secrecy_value"]),
    ("否 with a trailing space", setitem("secrecy", "state_secret", "否 "), ["review.secrecy_value"]),
    ("不涉及 instead of 否", setitem("secrecy", "work_secret", "不涉及"), ["review.secrecy_value"]),
    ("是: secret content", setitem("secrecy", "commercial_secret", "是"), ["review.secrecy"]),
    ("conclusion with a space", setitem(None, "conclusion", " 同意公开"), ["review.conclusion"]),
    ("a number as a name", setitem("leader", "name", 123), ["review.field_type"]),
    ("only punctuation as a name", setitem("handler", "name", "·"), ["review.field_type"]),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_record_classes(demo: Path, change: Callable[[dict[str, Any]], None], expected: list[str]) -> None:
    edit(change)(demo)
    assert rules_on(demo) == sorted(expected)


def test_the_gate_accepts_records_signed_after_the_checked_day(demo: Path) -> None:
    """A check "as of" an earlier day (--today, a month-end report) sees records signed later; only
    signing (zwgk review) refuses a date after today — see test_review_cannot_back_date_or_post_date."""
    assert rules_on(demo, today=dt.date(2026, 3, 22)) == []


def test_distinct_roles_is_configurable(demo: Path) -> None:
    edit(names("李明", "王芳", "王芳", "陈静"))(demo)  # the division head is also the secrecy reviewer
    assert rules_on(demo) == ["review.same_person"]
    cfg = demo / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "review: {history_start: 2027-01-01}", "review: {history_start: 2027-01-01, distinct_roles: [经办人, 处室负责人, 分管领导]}"),
        encoding="utf-8")
    assert rules_on(demo) == []
    edit(names("李明", "王芳", "王芳", "李明"))(demo)
    assert rules_on(demo) == ["review.same_person"]


def test_same_person_message_names_the_roles(demo: Path) -> None:
    edit(names("陈静", "王芳", "赵强", "陳靜"))(demo)
    (f,) = [f for f in run_check(demo).findings if f.rule == "review.same_person"]
    assert f.path == RECORD and f.field == "leader -> name"
    assert "经办人、分管领导" in f.message and "陈静" in f.message and "陳靜" in f.message


def test_normalise_name() -> None:
    from zwgk.core.review.record import normalise_name

    same = ["陈静", "陳靜", "陈 静", "陈　静", "陈·静", "陈・静", "陈•静", "陈\u200b静", "\ufeff陈静\n"]
    assert {normalise_name(n) for n in same} == {"陈静"}
    assert normalise_name("ＬＩ Ming") == normalise_name("liming")
    assert normalise_name("李明") != normalise_name("李鸣")


# -- the digest covers the public address -----------------------------------------------------


def move(root: Path, src: str, dst: str) -> None:
    for a, b in ((src, dst), (f"governance/reviews/{src[:-3]}.yml", f"governance/reviews/{dst[:-3]}.yml")):
        (root / b).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(root / a, root / b)


def test_renamed_item_needs_a_new_signature(demo: Path) -> None:
    move(demo, ITEM, "content/tzgg/2026-004-new.md")
    found = [f for f in run_check(demo).findings if f.path == "content/tzgg/2026-004-new.md"]
    assert [f.rule for f in found] == ["review.stale"]
    assert "发布地址" in found[0].message and "tzgg/2026-004/ → tzgg/2026-004-new/" in found[0].message


def test_moved_item_needs_a_new_signature(demo: Path) -> None:
    move(demo, ITEM, "content/gzdt/2026-004.md")
    edit_record = load_record(demo, "governance/reviews/content/gzdt/2026-004.yml")
    edit_record["column"] = "gzdt"  # even with the record's column corrected by hand
    save_record(demo, edit_record, "governance/reviews/content/gzdt/2026-004.yml")
    found = [f for f in run_check(demo).findings if f.rule.startswith("review.") and "2026-004" in f.path]
    assert [f.rule for f in found] == ["review.stale"]
    assert "栏目 tzgg → gzdt" in found[0].message


def test_digest_cmd_prints_the_address(demo: Path) -> None:
    proc = zwgk(demo, "digest", ITEM)
    assert proc.returncode == 0, proc.stderr
    digest = yaml.safe_load(proc.stdout)["digest"]
    assert digest["address"] == {"column": "tzgg", "path": ITEM, "url": "tzgg/2026-004/"}
    assert digest == load_record(demo)["digest"]


# -- a page (not an item) as the subject -------------------------------------------------------


def test_a_top_level_page_can_be_checked(demo: Path) -> None:
    from zwgk.core import frontmatter
    from zwgk.core.model import Item
    from zwgk.core.review import record as review_record

    (demo / "governance/reviews/content/index.yml").unlink()  # the demo's own record: start unsigned
    site = run_check(demo).site
    assert site is not None
    meta, body, line, _ = frontmatter.split((demo / "content/index.md").read_text(encoding="utf-8"), "content/index.md")
    page = Item(path="content/index.md", src_uri="index.md", column="", kind="page", meta=meta, body=body,
                body_line=line, title=str(meta.get("title") or "首页"))
    assert [f.rule for f in review_record.check_record(site, page)] == ["review.missing"]
    who = review_record.Signers("李明", "王芳", "赵强", "陈静")
    data = review_record.signed(site, page, who, reviewed_on=DEMO_TODAY, approved_on=DEMO_TODAY)
    assert data["digest"]["address"] == {"column": "", "path": "content/index.md", "url": ""}
    save_record(demo, data, "governance/reviews/content/index.yml")
    site = run_check(demo).site
    assert site is not None
    assert review_record.check_record(site, page) == []
    assert not [f for f in run_check(demo).findings if f.rule == "review.orphan"]
    data["title"] = "另一个标题"
    save_record(demo, data, "governance/reviews/content/index.yml")
    site = run_check(demo).site
    assert site is not None
    assert [f.rule for f in review_record.check_record(site, page)] == ["review.mismatch"]


# -- a signature cannot precede the last content change (Git) ------------------------------------


def git(root: Path, *args: str, when: str = "2025-12-31T10:00:00+08:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "李明",
           "GIT_AUTHOR_EMAIL": "liming@example.gov.cn", "GIT_COMMITTER_NAME": "李明",
           "GIT_COMMITTER_EMAIL": "liming@example.gov.cn"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(demo: Path) -> Path:
    """The demo as a Git repository whose whole history counts (no import boundary)."""
    cfg = demo / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("review: {history_start: 2027-01-01}", "review: {}"),
                   encoding="utf-8")
    git(demo, "init", "-q", "-b", "main")
    git(demo, "add", "-A")
    git(demo, "commit", "-q", "-m", "导入")
    return demo


def change_body(root: Path, text: str = "\n另：节假日安排另行通知。\n") -> None:
    item = root / ITEM
    item.write_text(item.read_text(encoding="utf-8") + text, encoding="utf-8")


def resign(root: Path, on: str, published: str | None = None) -> None:
    """Sign the item as it stands, all four signatures dated ``on`` (names and format as zwgk review)."""
    from zwgk.core.review import record as review_record

    if published:
        edit_front_matter(root / ITEM, lambda m: m.update(formed=dt.date.fromisoformat(published),
                                                           published=dt.date.fromisoformat(published)))
    site = run_check(root).site
    assert site is not None
    item = next(i for i in site.items if i.path == ITEM)
    day = dt.date.fromisoformat(on)
    save_record(root, review_record.signed(site, item, review_record.Signers("李明", "王芳", "赵强", "陈静"),
                                           reviewed_on=day, approved_on=day))


def test_git_clean_history_passes(repo: Path) -> None:
    assert rules_on(repo) == []


def test_back_dated_signature_after_a_commit_fails(repo: Path) -> None:
    change_body(repo)
    resign(repo, "2026-03-20")  # the old dates: as if the change had been approved in March
    git(repo, "commit", "-q", "-am", "修改", when="2026-11-20T09:00:00+08:00")
    found = [f for f in run_check(repo).findings if f.path in (ITEM, RECORD)]
    assert [f.rule for f in found] == ["review.signed_before_change"]
    assert "2026-03-20" in found[0].message and "2026-11-20" in found[0].message and ITEM in found[0].message
    assert found[0].field == "handler -> date"


def test_signature_dated_on_or_after_the_change_passes(repo: Path) -> None:
    change_body(repo)
    resign(repo, "2026-11-20", published="2026-11-20")  # republished on the day of the new review
    git(repo, "commit", "-q", "-am", "修改并重新审查", when="2026-11-20T09:00:00+08:00")
    assert rules_on(repo) == []


def test_commit_time_is_beijing_time(repo: Path) -> None:
    change_body(repo)
    resign(repo, "2026-11-20", published="2026-11-20")
    # 2026-11-19 20:00 in New York is 2026-11-20 09:00 in Beijing: same day, passes.
    git(repo, "commit", "-q", "-am", "修改", when="2026-11-19T20:00:00-05:00")
    assert rules_on(repo) == []
    change_body(repo, "\n再补充一句。\n")
    resign(repo, "2026-11-20", published="2026-11-20")
    # 2026-11-20 17:00 UTC is 2026-11-21 01:00 in Beijing: after the signature.
    git(repo, "commit", "-q", "-am", "再修改", when="2026-11-20T17:00:00+00:00")
    assert rules_on(repo) == ["review.signed_before_change"]


def test_whitespace_only_commit_does_not_invalidate_the_signature(repo: Path) -> None:
    item = repo / ITEM
    item.write_text(item.read_text(encoding="utf-8").rstrip("\n") + "  \r\n\n", encoding="utf-8")  # trailing blanks
    git(repo, "commit", "-q", "-am", "空白", when="2026-11-20T09:00:00+08:00")
    assert rules_on(repo) == []


def test_uncommitted_change_counts_as_today(repo: Path) -> None:
    change_body(repo)
    resign(repo, "2026-11-20", published="2026-11-20")
    assert rules_on(repo) == ["review.signed_before_change"]  # changed today (2026-11-29), signed 11-20
    resign(repo, DEMO_TODAY.isoformat(), published=DEMO_TODAY.isoformat())
    assert rules_on(repo) == []


def test_changed_attachment_after_the_signature_fails(repo: Path) -> None:
    item = "content/ysqgk/2026-007.md"
    attachment = repo / "content/ysqgk/2026-007/政府信息公开申请表.docx"
    attachment.write_bytes(attachment.read_bytes() + b"\0")
    from zwgk.core.review import record as review_record

    site = run_check(repo).site
    assert site is not None
    it = next(i for i in site.items if i.path == item)
    rec = "governance/reviews/content/ysqgk/2026-007.yml"
    data = load_record(repo, rec)
    data["digest"] = review_record.item_digest(site, it).to_record()  # pinned, but with the old dates
    save_record(repo, data, rec)
    git(repo, "commit", "-q", "-am", "换附件", when="2026-11-20T09:00:00+08:00")
    found = [f for f in run_check(repo).findings if f.path == rec]
    assert [f.rule for f in found] == ["review.signed_before_change"] and "政府信息公开申请表.docx" in found[0].message


def test_review_cannot_back_date_or_post_date(repo: Path) -> None:
    change_body(repo)
    edit_front_matter(repo / ITEM, lambda m: m.update(formed=dt.date(2026, 11, 20), published=dt.date(2026, 11, 29)))
    git(repo, "commit", "-q", "-am", "修改", when="2026-11-25T09:00:00+08:00")
    before = (repo / RECORD).read_bytes()
    args = ("review", ITEM, "--reviewer", "综合处审查员", "--yes")
    back = zwgk(repo, *args, "--date", "2026-11-21")
    assert back.returncode == 2 and "review.signed_before_change" in back.stderr and "不能签署" in back.stderr
    ahead = zwgk(repo, *args, "--date", "2026-11-30", today=DEMO_TODAY)
    assert ahead.returncode == 2 and "review.date_future" in ahead.stderr
    assert (repo / RECORD).read_bytes() == before
    ok = zwgk(repo, *args, "--date", "2026-11-26")
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_review_refuses_one_person_in_several_roles(demo: Path) -> None:
    change_body(demo)
    edit_front_matter(demo / ITEM, lambda m: m.update(formed=DEMO_TODAY, published=dt.date(2026, 11, 30)))
    before = (demo / RECORD).read_bytes()
    proc = zwgk(demo, "review", ITEM, "--reviewer", "综合处审查员", "--yes", "--leader", "李明")  # 李明 is the 经办人
    assert proc.returncode == 2 and "review.same_person" in proc.stderr
    assert (demo / RECORD).read_bytes() == before


def test_self_review_with_a_traditional_spelling_is_refused(repo: Path) -> None:
    change_body(repo)
    edit_front_matter(repo / ITEM, lambda m: m.update(formed=DEMO_TODAY, published=dt.date(2026, 11, 30)))
    proc = zwgk(repo, "review", ITEM, "--reviewer", "李 明", "--yes")  # the commit author is 李明
    assert proc.returncode == 1 and "拒绝审查" in proc.stderr


def test_no_git_skips_only_the_git_check(demo: Path) -> None:
    """A copy without .git: the Git date check is skipped; every other check still applies."""
    change_body(demo)
    resign(demo, "2026-03-20")
    assert rules_on(demo) == []
    edit(names("李明", "李明", "赵强", "陈静"))(demo)
    assert rules_on(demo) == ["review.same_person"]
