"""The CLI contract that outside tests rely on (README.md, "Commands"): check, show, calendar."""

from __future__ import annotations

import json
from pathlib import Path

from support import DEMO_ADVISORIES, edit_front_matter, zwgk

FINDING_KEYS = {"rule", "severity", "path", "field", "message", "hint"}


def test_check_clean_demo(demo: Path) -> None:
    proc = zwgk(demo, "check", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    expected = sorted(DEMO_ADVISORIES)  # deliberate, never blocking (support.py)
    assert sorted((f["rule"], f["path"]) for f in json.loads(proc.stdout)) == expected
    text = zwgk(demo, "check")
    assert text.returncode == 0 and f"0 个错误，{len(expected)} 个警告" in text.stdout


def test_check_json_errors_exit_1(demo: Path) -> None:
    edit_front_matter(demo / "content/gzdt/2026-008.md", lambda m: m.pop("formed"))
    proc = zwgk(demo, "check", "--format", "json")
    assert proc.returncode == 1
    findings = json.loads(proc.stdout)
    assert findings and all(set(f) >= FINDING_KEYS for f in findings)
    missing = next(f for f in findings if f["rule"] == "schema.missing")
    assert missing == {**missing, "severity": "error", "path": "content/gzdt/2026-008.md", "field": "formed"}
    assert "Traceback" not in proc.stderr


def test_check_warnings_only_exit_0(demo: Path) -> None:
    (demo / "governance/reviews/content/gzdt/old.yml").write_text("title: x\n", encoding="utf-8")
    proc = zwgk(demo, "check", "--format", "json")
    assert proc.returncode == 0
    orphan = [f for f in json.loads(proc.stdout) if f["path"] == "governance/reviews/content/gzdt/old.yml"]
    assert [f["severity"] for f in orphan] == ["warning"]


def test_show_json_contract(demo: Path) -> None:
    proc = zwgk(demo, "show", "content/zcwj/2026-003.md", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data == {
        "index_no": "11459900MB0012345X/2026-00003",
        "path": "content/zcwj/2026-003.md",
        "kind": "policy",
        "review": "governance/reviews/content/zcwj/2026-003.yml",
        "interpretation": {"plan": "interpretations/yijianshi/plan.md",
                           "material": "interpretations/yijianshi/material.md",
                           "diagram": data["interpretation"]["diagram"]},
        "deadline": {"formed": "2026-03-02", "due": "2026-03-09", "published": "2026-03-05", "late_workdays": 0,
                     "legal_due": None},
        "findings": [],
    }
    by_index = zwgk(demo, "show", "11459900MB0012345X/2026-00008", "--format", "json")
    plain = json.loads(by_index.stdout)
    assert plain["path"] == "content/gzdt/2026-008.md" and plain["interpretation"] is None


def test_show_reports_findings_of_the_item(demo: Path) -> None:
    (demo / "governance/reviews/content/gzdt/2026-008.yml").unlink()
    data = json.loads(zwgk(demo, "show", "content/gzdt/2026-008.md", "--format", "json").stdout)
    assert data["review"] is None
    assert [f["rule"] for f in data["findings"]] == ["review.missing"]


def test_show_unknown_item(demo: Path) -> None:
    proc = zwgk(demo, "show", "content/nope.md", "--format", "json")
    assert proc.returncode == 2 and "找不到" in proc.stderr


def test_check_outside_a_repo(tmp_path: Path) -> None:
    proc = zwgk(tmp_path, "check", "--format", "json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)[0]["rule"] == "config.missing"


def test_impossible_date_in_mkdocs_yml_is_a_finding_not_a_traceback(demo: Path) -> None:
    config = demo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra_date: 2026-13-01\n", encoding="utf-8")
    proc = zwgk(demo, "check", "--format", "json")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert [f["path"] for f in json.loads(proc.stdout)] == ["mkdocs.yml"]


def test_a_real_date_in_mkdocs_yml_is_fine(demo: Path) -> None:
    config = demo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra_date: 2026-12-01\n", encoding="utf-8")
    assert zwgk(demo, "check", "--format", "json").returncode == 0
