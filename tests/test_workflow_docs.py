"""The contributor guide, the CI templates and the pre-commit hooks stay true to the code."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import REPO, zwgk

GUIDE = REPO / "docs/贡献指南.md"


def test_guide_tables_are_generated_from_the_code() -> None:
    proc = subprocess.run([sys.executable, "scripts/rules_table.py", "--check", str(GUIDE)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_rules_table_covers_the_rules_this_issue_added() -> None:
    from zwgk.core.rules.ruleset import BY_ID

    guide = GUIDE.read_text(encoding="utf-8")
    for rid in ("review.urgent", "review.same_person", "review.stale", "schema.missing",
                "interp.material_section_empty", "interp.plan_section_missing", "index.duplicate",
                "timeliness.late", "timeliness.legal", "publish.unexpected_output"):
        assert rid in BY_ID, rid
        assert f"`{rid}`" in guide
    assert BY_ID["review.urgent"].severity == "warning" and BY_ID["review.urgent"].advisory
    assert "review.urgent_pending" not in BY_ID and "review.urgent_overdue" not in BY_ID  # publish-before-review is gone


def test_guide_screenshots_exist() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\((img/[^)]+)\)", text)
    assert len(images) >= 4
    for rel in images:
        path = GUIDE.parent / rel
        assert path.is_file(), rel
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def load(rel: str) -> dict[str, object]:
    data = yaml.safe_load((REPO / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[str, object]) -> list[dict[str, object]]:
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    return [s for job in jobs.values() for s in job.get("steps", [])]


def test_github_pr_workflow() -> None:
    wf = load(".github/workflows/pr.yml")
    assert "pull_request" in wf[True]  # type: ignore[index,operator]  # YAML 1.1 reads the key `on` as true
    runs = " ".join(str(s.get("run", "")) for s in steps(wf))
    assert "pip install -e ." in runs and "zwgk check --format github" in runs and "zwgk codeowners --check" in runs
    uses = [str(s.get("uses", "")) for s in steps(wf)]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert not any("deploy" in u for u in uses)  # previews are artifacts, never deployed


def test_github_pr_workflow_also_tests_on_properdocs() -> None:
    """docs/site.md, "用哪个 MkDocs 部署": the build-related tests run again on ProperDocs, and every
    file the job names exists (a renamed test file would otherwise drop out of that run unnoticed)."""
    job = load(".github/workflows/pr.yml")["jobs"]["properdocs"]  # type: ignore[index]
    assert any(str(s.get("run", "")).startswith("scripts/test.sh --properdocs") for s in job["steps"])
    named = job["env"]["TESTS"].split()
    assert "tests/test_parallel_build.py" in named and "tests/test_build.py" in named
    assert [t for t in named if not (REPO / t).is_file()] == []


def test_github_publish_workflow() -> None:
    wf = load(".github/workflows/publish.yml")
    on = wf[True]  # type: ignore[index]
    assert on["push"]["branches"] == ["main"] and on["schedule"][0]["cron"] == "5 16 * * *"  # type: ignore[index]
    runs = " ".join(str(s.get("run", "")) for s in steps(wf))
    assert "mkdocs build --strict" in runs
    uses = [str(s.get("uses", "")) for s in steps(wf)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_gitlab_ci() -> None:
    ci = load(".gitlab-ci.yml")
    check = ci["zwgk-check"]
    assert isinstance(check, dict)
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("zwgk check --format gitlab > gl-code-quality-report.json" in line for line in check["script"])
    assert "public" in ci["pages"]["artifacts"]["paths"]  # type: ignore[index]


def test_pre_commit_hooks() -> None:
    cfg = load(".pre-commit-config.yaml")
    hooks = {h["id"]: h for repo in cfg["repos"] for h in repo["hooks"]}  # type: ignore[attr-defined]
    assert {"trailing-whitespace", "check-yaml", "zwgk-check", "zwgk-codeowners"} <= set(hooks)
    assert hooks["zwgk-check"]["entry"] == "zwgk check" and hooks["zwgk-check"]["language"] == "system"
    # Files whose bytes are in the review digest are never rewritten by the fixer.
    exclude = re.compile(hooks["trailing-whitespace"]["exclude"])
    for path in ("interpretations/p/plan.md", "content/zcwj/2026-003/附件.csv", "governance/reviews/content/x.yml"):
        assert exclude.search(path)
    assert not exclude.search("content/zcwj/2026-003.md")


def template_commands() -> list[str]:
    """Every ``zwgk …`` command the CI templates and hooks run (from the parsed YAML, not comments)."""
    scripts: list[str] = []
    for rel in (".github/workflows/pr.yml", ".github/workflows/publish.yml"):
        scripts += [str(s["run"]) for s in steps(load(rel)) if "run" in s]
    for job in load(".gitlab-ci.yml").values():
        if isinstance(job, dict):
            scripts += [str(line) for line in job.get("script", [])]
    scripts += [h["entry"] for repo in load(".pre-commit-config.yaml")["repos"]  # type: ignore[attr-defined]
                for h in repo["hooks"] if "entry" in h]
    found = set()
    ci_values = {"${{ github.base_ref }}": "main", "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
                 '"$ZWGK_CODEOWNERS"': ".gitlab/CODEOWNERS", "origin/main": "main", "$RUNNER_TEMP": "/tmp"}
    for script in scripts:
        for name, value in ci_values.items():
            script = script.replace(name, value)
        for part in re.split(r"\n|\|\||&&|;|\{|\}", script):
            part = part.split(">")[0].strip()
            if part.startswith("zwgk "):
                found.add(part)
    return sorted(found)


@pytest.mark.parametrize("line", template_commands())
def test_template_commands_work_on_the_demo(demo: Path, line: str) -> None:
    (demo / ".github").mkdir(exist_ok=True)
    for target in (".github/CODEOWNERS", ".gitlab/CODEOWNERS"):
        assert zwgk(demo, "codeowners", "--write", "--path", target).returncode == 0
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=demo, check=True)  # for preview --changed main
    subprocess.run(["git", "add", "-A"], cwd=demo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.gov.cn", "commit", "-q", "-m", "base"],
                   cwd=demo, check=True)
    args = shlex.split(line)[1:]
    proc = zwgk(demo, *args)
    assert proc.returncode == 0, (line, proc.stdout[-2000:], proc.stderr[-2000:])


def test_architecture_names_only_files_that_exist() -> None:
    """docs/architecture.md tells a newcomer the one file for each concept: every path it names
    (package-relative like ``core/options.py`` or repository-relative like ``tests/…``) must exist,
    and every name it gives in ``module.function`` form must be defined there."""
    text = (REPO / "docs/architecture.md").read_text(encoding="utf-8")
    package = REPO / "plugins/zwgk"
    paths = set(re.findall(r"`([\w./-]+\.(?:py|md|yml|html))`|`([\w/-]+/)`", text))
    named = {a or b for a, b in paths}
    assert len(named) > 20, named  # the table was read
    missing = [p for p in sorted(named)
               if not ((package / p).exists() or (REPO / p).exists() or (package / "core" / p).exists())]
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"
    for module, name in re.findall(r"`(\w+(?:\.\w+)*)\.(\w+)`", text):
        if name in ("py", "md", "yml", "html"):
            continue  # a file name, checked above
        candidates = [package / "core" / f"{module.replace('.', '/')}.py", package / f"{module.replace('.', '/')}.py",
                      package / "core" / module.replace(".", "/") / "__init__.py"]
        found = [c for c in candidates if c.is_file()]
        if found:
            assert re.search(rf"^(?:def|class) {name}\b|^{name}\b", found[0].read_text(encoding="utf-8"), re.M), (
                f"docs/architecture.md: {module}.{name} is not defined in {found[0].relative_to(REPO)}")
