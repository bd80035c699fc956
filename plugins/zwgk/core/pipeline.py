"""One entry point for "load the repository and run every rule" — used by the build and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .findings import Finding, sort_findings
from .loader import load_site
from .model import Site
from .project import Project, load_project
from .rules import ADVISORY_RULES, run_rules


@dataclass
class CheckResult:
    project: Project | None
    site: Site | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def blocking_warnings(self) -> list[Finding]:
        """Warnings that fail a --strict build (advisory clock warnings never do)."""
        return [f for f in self.warnings if f.rule not in ADVISORY_RULES]

    @property
    def advisories(self) -> list[Finding]:
        return [f for f in self.warnings if f.rule in ADVISORY_RULES]


def check_project(project: Project, config_findings: list[Finding] | None = None,
                  on_loaded: Callable[[Site], None] | None = None) -> CheckResult:
    """``on_loaded`` sees the site before the rules run (the build starts its search index there)."""
    site, findings = load_site(project)
    if on_loaded is not None:
        on_loaded(site)
    findings = list(config_findings or []) + findings + run_rules(site)
    return CheckResult(project, site, sort_findings(set(findings)))


def check_repo(root: Path, config_file: str = "mkdocs.yml", today: dt.date | None = None) -> CheckResult:
    """``today`` (from ``--today``) wins over ``ZWGK_TODAY`` and the ``today`` option."""
    project, problems = load_project(root, config_file)
    if project is None:
        return CheckResult(None, None, problems)
    if today is not None:
        project = replace(project, config=replace(project.config, today=today))
    return check_project(project, problems)
