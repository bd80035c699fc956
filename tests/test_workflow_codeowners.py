"""CODEOWNERS generated from the 栏目任务分解表: golden file, drift detection, ordering."""

from __future__ import annotations

import shutil
from pathlib import Path

from support import REPO, zwgk

GOLDEN = REPO / "tests/golden/workflow/CODEOWNERS"


def test_demo_codeowners_matches_golden(demo: Path) -> None:
    proc = zwgk(demo, "codeowners")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == GOLDEN.read_text(encoding="utf-8")


def test_repository_codeowners_is_current() -> None:
    """The committed .github/CODEOWNERS is what the columns table says (CI runs the same check)."""
    proc = zwgk(REPO, "codeowners", "--check")
    assert proc.returncode == 0, proc.stderr


def test_order_lets_the_general_office_win_on_governance() -> None:
    lines = [ln.split()[0] for ln in GOLDEN.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    assert lines[0] == "*"  # catch-all first: the host applies the *last* matching pattern
    assert lines.index("/content/zcwj/") < lines.index("/governance/")
    owners = {ln.split()[0]: ln.split()[1:] for ln in GOLDEN.read_text(encoding="utf-8").splitlines()
              if ln and not ln.startswith("#")}
    assert owners["/content/jgzn/"] == ["@example-gov/zuxuanrenshi"]
    assert owners["/content/yjzj/"] == ["@example-gov/zhengcefagui", "@example-gov/zhengwufuwu"]
    for path in ("/governance/", "/mkdocs.yml", "/plugins/", "/.github/"):
        assert owners[path] == ["@example-gov/zonghechu"]
    # Interpretations belong to the divisions that draft policies (谁起草、谁解读).
    assert owners["/interpretations/"] == ["@example-gov/zhengcefagui", "@example-gov/zhengwufuwu",
                                           "@example-gov/zonghechu"]
    assert "/content/zcjd/" not in owners  # generated from interpretations/, no folder to own


def test_drift_fails_check_until_written(demo: Path) -> None:
    assert zwgk(demo, "codeowners", "--check").returncode == 1  # no file yet
    assert zwgk(demo, "codeowners", "--write").returncode == 0
    assert zwgk(demo, "codeowners", "--check").returncode == 0
    columns = demo / "governance/columns.yml"
    columns.write_text(columns.read_text(encoding="utf-8").replace(
        "divisions: [组宣人事处]\n    update_period: 1年\n    parent: fdzdgknr",
        "divisions: [组宣人事处, 综合处]\n    update_period: 1年\n    parent: fdzdgknr"), encoding="utf-8")
    drift = zwgk(demo, "codeowners", "--check")
    assert drift.returncode == 1
    assert "不一致" in drift.stderr and "zwgk codeowners --write" in drift.stderr
    assert "+/content/jgzn/" in drift.stderr  # the diff shows the new line
    assert zwgk(demo, "codeowners", "--write").returncode == 0
    assert zwgk(demo, "codeowners", "--check").returncode == 0


def test_hand_edit_is_drift(demo: Path) -> None:
    zwgk(demo, "codeowners", "--write")
    target = demo / ".github/CODEOWNERS"
    target.write_text(target.read_text(encoding="utf-8") + "/content/ @someone\n", encoding="utf-8")
    assert zwgk(demo, "codeowners", "--check").returncode == 1


def test_gitlab_path(demo: Path) -> None:
    assert zwgk(demo, "codeowners", "--write", "--path", ".gitlab/CODEOWNERS").returncode == 0
    assert (demo / ".gitlab/CODEOWNERS").read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    assert zwgk(demo, "codeowners", "--check", "--path", ".gitlab/CODEOWNERS").returncode == 0


def test_general_office_without_team_is_refused(demo: Path) -> None:
    columns = demo / "governance/columns.yml"
    columns.write_text(columns.read_text(encoding="utf-8").replace(
        '{name: 综合处, team: "@example-gov/zonghechu"}', "{name: 综合处}"), encoding="utf-8")
    proc = zwgk(demo, "codeowners")
    assert proc.returncode == 2
    assert "综合处" in proc.stderr and "team" in proc.stderr and "Traceback" not in proc.stderr


def test_division_without_team_falls_back_to_the_general_office(demo: Path) -> None:
    columns = demo / "governance/columns.yml"
    columns.write_text(columns.read_text(encoding="utf-8").replace(
        '{name: 组宣人事处, team: "@example-gov/zuxuanrenshi"}', "{name: 组宣人事处}"), encoding="utf-8")
    proc = zwgk(demo, "codeowners")
    assert proc.returncode == 0
    assert "组宣人事处 未登记 team" in proc.stdout
    jgzn = next(ln for ln in proc.stdout.splitlines() if ln.startswith("/content/jgzn/"))
    assert jgzn.split()[1:] == ["@example-gov/zonghechu"]


def test_configurable_general_office(demo: Path) -> None:
    cfg = demo / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "      interpretation_column: zcjd\n", "      interpretation_column: zcjd\n      review: {general_office: 政策法规处}\n"),
        encoding="utf-8")
    proc = zwgk(demo, "codeowners")
    assert proc.returncode == 0, proc.stderr
    assert next(ln for ln in proc.stdout.splitlines() if ln.startswith("/governance/")).split()[1] == \
        "@example-gov/zhengcefagui"
    shutil.rmtree(demo / "content")  # content is never read: the table alone decides
    assert zwgk(demo, "codeowners").returncode == 0
