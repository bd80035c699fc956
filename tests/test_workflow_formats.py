"""``zwgk check`` CI formats: GitHub annotations + step summary, GitLab Code Quality, Markdown."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import DEMO_ADVISORIES, DEMO_TODAY, YEAR_END, edit_front_matter, zwgk
from zwgk.cli.check import github_annotations, gitlab_report, markdown_summary
from zwgk.core.findings import finding

CODE_QUALITY_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture
def broken(demo: Path) -> Path:
    """One error with a line (a broken link), one without (a missing field), one warning (an orphan record)."""
    edit_front_matter(demo / "content/gzdt/2026-008.md", lambda m: m.pop("formed"))
    item = demo / "content/tzgg/2026-004.md"
    item.write_text(item.read_text(encoding="utf-8") + "\n见[旧通知](../tzgg/none.md)。\n", encoding="utf-8")
    (demo / "governance/reviews/content/gzdt/old.yml").write_text("title: x\n", encoding="utf-8")
    return demo


def test_github_annotations(broken: Path) -> None:
    proc = zwgk(broken, "check", "--format", "github")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert all(re.match(r"^::(error|warning) file=[^,:]+(,line=\d+)?,title=[^:]+::.+", ln) for ln in lines), lines
    assert any(ln.startswith("::error file=content/gzdt/2026-008.md,title=schema.missing（formed）::缺少字段 formed")
               for ln in lines)
    link = next(ln for ln in lines if "link.broken" in ln)
    assert re.match(r"^::error file=content/tzgg/2026-004\.md,line=\d+,title=link\.broken（正文）::", link)
    assert any(ln.startswith("::warning file=governance/reviews/content/gzdt/old.yml,") for ln in lines)
    assert all(" 处理：" in ln for ln in lines)  # the fix travels with the annotation


def test_github_step_summary_is_appended(broken: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    env = {**os.environ, "ZWGK_TODAY": DEMO_TODAY.isoformat(), "GITHUB_STEP_SUMMARY": str(summary)}
    proc = subprocess.run([sys.executable, "-m", "zwgk.cli.main", "check", "--format", "github"], cwd=broken,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n## zwgk 检查结果")
    assert "**未通过**" in text and "| `content/gzdt/2026-008.md` | 错误 | `schema.missing（formed）` |" in text


def test_github_escaping() -> None:
    f = finding("x.rule", "a,b:c%.md", "第一行\n第二行 100%", "改成 a:b", field="f", line=3)
    (line,) = github_annotations([f]).splitlines()
    assert line == "::error file=a%2Cb%3Ac%25.md,line=3,title=x.rule（f）::第一行%0A第二行 100%25 处理：改成 a:b"


def test_gitlab_code_quality_report(broken: Path) -> None:
    proc = zwgk(broken, "check", "--format", "gitlab")
    assert proc.returncode == 1
    issues = json.loads(proc.stdout)
    assert issues
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in CODE_QUALITY_SEVERITIES
        assert isinstance(issue["location"]["path"], str) and issue["location"]["path"]
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    link = next(i for i in issues if i["check_name"] == "link.broken")
    assert link["location"]["path"] == "content/tzgg/2026-004.md" and link["location"]["lines"]["begin"] > 1
    assert {i["severity"] for i in issues} == {"critical", "minor"}


def test_gitlab_fingerprints_are_stable_and_unique() -> None:
    a = finding("r.x", "p.md", "m", "h", line=3)
    moved = finding("r.x", "p.md", "m", "h", line=9)
    first = json.loads(gitlab_report([a]))[0]["fingerprint"]
    assert json.loads(gitlab_report([moved]))[0]["fingerprint"] == first  # lines moving keep the identity
    twins = json.loads(gitlab_report([a, moved]))
    assert twins[0]["fingerprint"] != twins[1]["fingerprint"]


def test_markdown_summary(broken: Path) -> None:
    proc = zwgk(broken, "check", "--format", "markdown")
    assert proc.returncode == 1
    assert proc.stdout.startswith("## zwgk 检查结果")
    assert "| 文件 | 级别 | 规则 | 问题 | 怎么改 |" in proc.stdout
    ok = markdown_summary([], 21)
    assert "**通过**" in ok and "|" not in ok
    waiting = markdown_summary([finding("review.missing", "content/x.md", "没有信息发布审查表，不能发布", "由综合处审查")], 22)
    assert "**待审查**" in waiting  # a clerk's PR whose only error is the record 综合处 signs
    piped = markdown_summary([finding("r.x", "a|b.md", "x|y", "多行\n提示")], 1)
    assert "`a\\|b.md`" in piped and "x\\|y" in piped and "多行<br>提示" in piped


def test_clean_repo_exits_0_in_every_format(demo: Path) -> None:
    for fmt in ("text", "json", "github", "gitlab", "markdown"):
        proc = zwgk(demo, "check", "--format", fmt)
        assert proc.returncode == 0, (fmt, proc.stdout, proc.stderr)
    gitlab = json.loads(zwgk(demo, "check", "--format", "gitlab").stdout)
    # The only findings: the demo's advisories (support.py).
    assert sorted(issue["check_name"] for issue in gitlab) == sorted(rule for rule, _ in DEMO_ADVISORIES)
    github = zwgk(demo, "check", "--format", "github").stdout.strip().splitlines()
    assert len(github) == len(DEMO_ADVISORIES) and all(line.startswith("::warning") for line in github)
    assert any(YEAR_END in line for line in github)


def test_text_and_json_unchanged(broken: Path) -> None:
    """The contract formats: one line per finding + a summary; the JSON list of findings."""
    from zwgk.core.findings import to_json
    from zwgk.core.pipeline import check_repo

    result = check_repo(broken, today=DEMO_TODAY)
    assert zwgk(broken, "check", "--format", "json").stdout == to_json(result.findings) + "\n"
    text = zwgk(broken, "check")
    assert text.stdout.splitlines() == [f.format_text() for f in result.findings]
    assert re.search(r"检查了 \d+ 条信息：\d+ 个错误，\d+ 个警告", text.stderr)
