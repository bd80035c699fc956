"""``zwgk review``: the diff since the last review, signing, snapshots, and refusing self-review.

Real throwaway Git repositories with configured authors; no mocks.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import DEMO_TODAY, edit_front_matter, zwgk

ITEM = "content/ysqgk/2026-007.md"
ATTACHMENT = "content/ysqgk/2026-007/政府信息公开申请表.docx"
RECORD = "governance/reviews/content/ysqgk/2026-007.yml"
SNAPSHOT = "governance/reviews/.snapshots/content/ysqgk/2026-007.md.json"
ON = DEMO_TODAY.isoformat()  # signing is dated today: the edits the tests make are uncommitted (changed today)
SIGNERS = ["--handler", "李明", "--division-head", "王芳", "--secrecy-reviewer", "赵强", "--leader", "陈静"]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def commit_as(root: Path, name: str, email: str, message: str = "提交") -> None:
    git(root, "add", "-A")
    git(root, "-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "-q", "-m", message)


@pytest.fixture
def repo(demo: Path) -> Path:
    """The demo as a Git repository whose every file was first committed by 李明 (a division clerk)."""
    git(demo, "init", "-q", "-b", "main")
    commit_as(demo, "李明", "liming@example.gov.cn", "处室提交")
    git(demo, "config", "user.name", "王审查")  # the general office reviewer on this machine
    git(demo, "config", "user.email", "wangshencha@example.gov.cn")
    return demo


def make_docx(path: Path, *paragraphs: str) -> int:
    import docx

    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    doc.save(str(path))
    return path.stat().st_size


def republish(root: Path) -> None:
    """A corrected item is published again: its dates move to the day of the new review."""
    # Two date objects: one object twice would be written as a YAML anchor/alias, which the loader refuses.
    edit_front_matter(root / ITEM, lambda m: m.update(formed=dt.date.fromisoformat(ON), published=dt.date.fromisoformat(ON)))


def test_diff_shows_a_changed_attachment_with_sizes(repo: Path) -> None:
    from zwgk.core.review.diff import human_size

    old_size = (repo / ATTACHMENT).stat().st_size
    new_size = make_docx(repo / ATTACHMENT, "政府信息公开申请表（2026年修订）", "申请人姓名：", "联系电话：")
    proc = zwgk(repo, "review", ITEM, "--diff-only")
    assert proc.returncode == 0, proc.stderr
    assert "与上次审查的版本（Git 提交" in proc.stdout  # the demo record predates snapshots: found in history
    assert f"修改 2026-007/政府信息公开申请表.docx（{human_size(old_size)} → {human_size(new_size)}，内容不同）" in proc.stdout
    assert "正文：" not in proc.stdout and "信息字段：" not in proc.stdout  # only the attachment changed
    assert not (repo / SNAPSHOT).exists()  # --diff-only writes nothing


def test_sign_writes_digest_and_snapshot_then_diffs_against_it(repo: Path) -> None:
    from zwgk.core.review.diff import human_size

    make_docx(repo / ATTACHMENT, "政府信息公开申请表（2026年修订）")
    republish(repo)
    proc = zwgk(repo, "review", ITEM, *SIGNERS, "--date", ON, "--yes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"published（发布日期）：2026-01-22 → {ON}" in proc.stdout
    record = yaml.safe_load((repo / RECORD).read_text(encoding="utf-8"))
    assert record["conclusion"] == "同意公开" and record["leader"]["date"].isoformat() == ON
    assert (repo / SNAPSHOT).is_file()
    assert zwgk(repo, "check").returncode == 0

    # Next round: the clerk edits the attachment and the body again; the diff comes from the snapshot.
    signed_size = (repo / ATTACHMENT).stat().st_size
    new_size = make_docx(repo / ATTACHMENT, "政府信息公开申请表（2026年第二次修订）", "新增：电子邮箱")
    item = repo / ITEM
    item.write_text(item.read_text(encoding="utf-8") + "\n申请表可在政务服务大厅领取。\n", encoding="utf-8")
    check = zwgk(repo, "check")
    assert check.returncode == 1 and "review.stale" in check.stdout
    diff = zwgk(repo, "review", ITEM, "--diff-only")
    assert f"与上次审查的版本（快照 {SNAPSHOT}）相比" in diff.stdout
    assert "+申请表可在政务服务大厅领取。" in diff.stdout
    assert f"修改 2026-007/政府信息公开申请表.docx（{human_size(signed_size)} → {human_size(new_size)}，内容不同）" in diff.stdout


def test_added_and_removed_attachments(repo: Path) -> None:
    extra = repo / "content/ysqgk/2026-007/填写说明.txt"
    extra.write_text("请用黑色签字笔填写。\n", encoding="utf-8")
    edit_front_matter(repo / ITEM, lambda m: m.update(attachments=[{"file": "2026-007/填写说明.txt", "title": "填写说明"}]))
    proc = zwgk(repo, "review", ITEM, "--diff-only")
    assert "新增 2026-007/填写说明.txt（31 字节）" in proc.stdout
    assert "删除 2026-007/政府信息公开申请表.docx（原 36.3 KB）" in proc.stdout
    assert "attachments（附件）：" in proc.stdout


def test_text_files_of_an_interpretation_are_diffed_line_by_line(repo: Path) -> None:
    plan = repo / "interpretations/haochaping/plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("文字解读和政策问答。", "文字解读、政策问答和图解。"),
                    encoding="utf-8")
    proc = zwgk(repo, "review", "interpretations/haochaping/material.md", "--diff-only")
    assert "修改 plan.md" in proc.stdout
    assert "    -文字解读和政策问答。" in proc.stdout and "    +文字解读、政策问答和图解。" in proc.stdout


def test_unchanged_item_needs_no_signature(repo: Path) -> None:
    before = (repo / RECORD).read_bytes()
    proc = zwgk(repo, "review", ITEM, "--yes")
    assert proc.returncode == 0
    assert "审查后没有改动" in proc.stdout and "无需重新签署" in proc.stdout
    assert (repo / RECORD).read_bytes() == before


def test_self_review_is_refused(demo: Path) -> None:
    git(demo, "init", "-q", "-b", "main")
    commit_as(demo, "张三", "zhangsan@example.gov.cn")
    git(demo, "config", "user.name", "张三")
    git(demo, "config", "user.email", "zhangsan@example.gov.cn")
    make_docx(demo / ATTACHMENT, "修订后的申请表")
    republish(demo)
    before = (demo / RECORD).read_bytes()
    proc = zwgk(demo, "review", ITEM, *SIGNERS, "--date", ON, "--yes")
    assert proc.returncode == 1
    assert "拒绝审查" in proc.stderr and "张三" in proc.stderr and "forbid_self_review" in proc.stderr
    assert (demo / RECORD).read_bytes() == before and not (demo / SNAPSHOT).exists()

    # Same person under another name in git config: the e-mail still gives them away.
    git(demo, "config", "user.name", "Zhang San")
    assert zwgk(demo, "review", ITEM, *SIGNERS, "--date", ON, "--yes").returncode == 1

    # Another member of the general office may review it.
    proc = zwgk(demo, "review", ITEM, *SIGNERS, "--date", ON, "--yes", "--reviewer", "李四")
    assert proc.returncode == 0, proc.stderr
    assert (demo / RECORD).read_bytes() != before


def test_self_review_check_can_be_switched_off(demo: Path) -> None:
    git(demo, "init", "-q", "-b", "main")
    commit_as(demo, "张三", "zhangsan@example.gov.cn")
    git(demo, "config", "user.name", "张三")
    cfg = demo / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "      interpretation_column: zcjd\n", "      interpretation_column: zcjd\n      review: {forbid_self_review: false}\n"),
        encoding="utf-8")
    make_docx(demo / ATTACHMENT, "修订后的申请表")
    republish(demo)
    proc = zwgk(demo, "review", ITEM, *SIGNERS, "--date", ON, "--yes")
    assert proc.returncode == 0, proc.stderr


def test_uncommitted_item_author_is_the_handler_on_the_form(demo: Path) -> None:
    """Not in Git yet (or no Git at all): the 经办人 on the review form is taken as the author."""
    make_docx(demo / ATTACHMENT, "修订后的申请表")
    republish(demo)
    proc = zwgk(demo, "review", ITEM, *SIGNERS, "--date", ON, "--yes", "--reviewer", "李明")
    assert proc.returncode == 1 and "经办人" in proc.stderr


def answering(root: Path, answer: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``zwgk`` with a person typing ``answer`` at the prompt."""
    env = {**os.environ, "ZWGK_TODAY": DEMO_TODAY.isoformat()}
    return subprocess.run([sys.executable, "-m", "zwgk.cli.main", *args], cwd=root, input=answer, env=env,
                          capture_output=True, text=True, timeout=120)


def test_declining_the_prompt_changes_nothing(repo: Path) -> None:
    make_docx(repo / ATTACHMENT, "修订后的申请表")
    republish(repo)
    before = (repo / RECORD).read_bytes()
    proc = answering(repo, "n\n", "review", ITEM, *SIGNERS, "--date", ON)
    assert proc.returncode == 1 and "未签署" in proc.stderr
    assert (repo / RECORD).read_bytes() == before
    proc = answering(repo, "", "review", ITEM, *SIGNERS, "--date", ON)  # no terminal, no answer: not signed
    assert proc.returncode == 1 and (repo / RECORD).read_bytes() == before
    proc = answering(repo, "y\n", "review", ITEM, *SIGNERS, "--date", ON)
    assert proc.returncode == 0, proc.stderr
    assert (repo / RECORD).read_bytes() != before


def test_review_after_publication_is_refused_with_guidance(repo: Path) -> None:
    make_docx(repo / ATTACHMENT, "修订后的申请表")  # published stays 2026-01-22
    proc = zwgk(repo, "review", ITEM, *SIGNERS, "--date", ON, "--yes")
    assert proc.returncode == 2
    assert "先审查、后发布" in proc.stderr and "published" in proc.stderr


def test_missing_signers_are_named(demo: Path) -> None:
    files = zwgk(demo, "new", "plain", "--column", "gzdt", "--title", "测试动态", "--division", "综合处")
    assert files.returncode == 0
    # The item `zwgk new` reports it wrote (its number is the next free one in the demo).
    item = next(m for m in re.findall(r"^\s+(content/gzdt/\S+\.md)\s", files.stdout, re.M))
    edit_front_matter(demo / item, lambda m: m.update(summary="测试。", formed=dt.date.fromisoformat(ON),
                                                       published=dt.date.fromisoformat(ON)))
    proc = zwgk(demo, "review", item, "--reviewer", "李四", "--yes", "--handler", "李明")
    assert proc.returncode == 2
    assert "处室负责人（--division-head）" in proc.stderr and "经办人" not in proc.stderr


def test_item_with_errors_is_not_reviewed(demo: Path) -> None:
    edit_front_matter(demo / ITEM, lambda m: m.pop("summary"))
    proc = zwgk(demo, "review", ITEM, *SIGNERS, "--yes", "--reviewer", "李四")
    assert proc.returncode == 2 and "schema.missing" in proc.stderr


def test_tampered_snapshot_is_not_trusted(demo: Path) -> None:
    make_docx(demo / ATTACHMENT, "修订后的申请表")
    republish(demo)
    assert zwgk(demo, "review", ITEM, *SIGNERS, "--date", ON, "--yes", "--reviewer", "李四").returncode == 0
    snap = demo / SNAPSHOT
    original = snap.read_text(encoding="utf-8")
    tampered = original.replace("申请", "申办", 1)
    assert tampered != original
    snap.write_text(tampered, encoding="utf-8")
    item = demo / ITEM
    item.write_text(item.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    proc = zwgk(demo, "review", ITEM, "--diff-only")
    # No Git here and the snapshot no longer matches the record's digest: only the changed parts are named.
    assert "找不到上次审查时的版本" in proc.stdout and "  正文" in proc.stdout


def test_unknown_item(demo: Path) -> None:
    proc = zwgk(demo, "review", "content/gzdt/none.md")
    assert proc.returncode == 2 and "找不到" in proc.stderr and "Traceback" not in proc.stderr
