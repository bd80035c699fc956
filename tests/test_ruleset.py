"""The ruleset (zwgk.core.rules.ruleset) and the code agree: every rule id the code can report is
catalogued, every catalogued id is still reported somewhere, and the checks run are listed explicitly."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import sys
from pathlib import Path

from support import DEMO_TODAY, REPO, run_check
from zwgk.core import rules
from zwgk.core.clocks.settings import ADJUSTABLE
from zwgk.core.rules import ADVISORY_RULES, all_rules
from zwgk.core.rules.ruleset import BY_ID, GROUPS, RULES

PLUGIN = REPO / "plugins" / "zwgk"
RULESET = PLUGIN / "core" / "rules" / "ruleset.py"
RULE_ID = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
# Literals shaped like a rule id that are file names ("index.md", "review.yaml", "tujie.png").
FILE_SUFFIXES = {"md", "yml", "yaml", "json", "py", "png", "jpg", "jpeg", "gif", "webp", "pdf", "docx", "doc", "xlsx",
                 "xls", "csv", "html", "htm", "txt", "css", "js", "svg", "zip", "ofd", "wps", "xml", "gz", "ttf", "otf",
                 "ttc", "woff", "woff2", "bin", "map", "tmp", "lock"}


def _looks_like_rule(text: str) -> bool:
    group, _, name = text.partition(".")
    return bool(RULE_ID.fullmatch(text)) and group in GROUPS and name not in FILE_SUFFIXES


def _source_ids() -> tuple[dict[str, str], dict[re.Pattern[str], str]]:
    """Rule-id literals in the plugin's code, and f-string ids (``f"interp.{what}_section_missing"``) as
    patterns, each with the file it is in. The ruleset itself is left out: it must not count as a use."""
    literals: dict[str, str] = {}
    templates: dict[re.Pattern[str], str] = {}
    for path in sorted(PLUGIN.rglob("*.py")):
        if path == RULESET:
            continue
        rel = path.relative_to(REPO).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _looks_like_rule(node.value):
                literals.setdefault(node.value, rel)
            elif isinstance(node, ast.JoinedStr):
                parts = [v.value if isinstance(v, ast.Constant) else None for v in node.values]
                text = "".join(p if isinstance(p, str) else "\0" for p in parts)
                group, dot, name = text.partition(".")
                # f"{group}.secrecy" and f"interp.{what}_section_missing" count; f"{stem}.md" and
                # f"scan.{field}" (a setting's name) do not: the name must say which rule it is.
                if (dot and (group == "\0" or group in GROUPS) and len(name.replace("\0", "")) >= 3
                        and RULE_ID.fullmatch(text.replace("\0", "x")) and name not in FILE_SUFFIXES):
                    pattern = "".join(re.escape(p) if isinstance(p, str) else "[a-z0-9_]+" for p in parts)
                    templates.setdefault(re.compile(pattern), rel)
    return literals, templates


def test_ruleset_is_well_formed() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)), "a rule id is catalogued twice"
    for rule in RULES:
        assert RULE_ID.fullmatch(rule.id), rule.id
        assert rule.group in GROUPS, f"{rule.id}: add its group to ruleset.GROUPS"
        assert rule.title.strip() and rule.hint.strip(), rule.id
        assert not rule.advisory or rule.severity == "warning", f"{rule.id}: an advisory is a warning by default"
    # The 贡献指南 shows one table per group, in GROUPS order: the ruleset keeps each group together.
    seen = list(dict.fromkeys(r.group for r in RULES))
    assert seen == [g for g in GROUPS if g in seen]


def test_advisory_and_adjustable_are_declared_once() -> None:
    assert frozenset(r.id for r in RULES if r.advisory) == ADVISORY_RULES
    assert {r.id for r in RULES if r.adjustable} == set(ADJUSTABLE)
    for rid, level in ADJUSTABLE.items():
        assert BY_ID[rid].severity == level, rid


def test_every_rule_id_in_the_code_is_catalogued() -> None:
    literals, templates = _source_ids()
    missing = {rid: where for rid, where in literals.items() if rid not in BY_ID}
    assert not missing, f"add these to zwgk/core/rules/ruleset.py: {missing}"
    for pattern, where in templates.items():
        assert any(pattern.fullmatch(rid) for rid in BY_ID), f"{where}: no catalogued id matches {pattern.pattern}"


def test_every_catalogued_rule_is_reported_by_some_code() -> None:
    literals, templates = _source_ids()
    unused = [rid for rid in BY_ID if rid not in literals and not any(p.fullmatch(rid) for p in templates)]
    assert not unused, f"nothing reports these any more; remove them from the ruleset: {unused}"


def test_the_demo_reports_only_catalogued_rules(demo: Path) -> None:
    found = run_check(demo, DEMO_TODAY).findings
    assert found  # the demo carries deliberate advisories
    assert {f.rule for f in found} <= set(BY_ID)


def test_every_check_in_the_rule_modules_is_listed() -> None:
    """A check written but not listed in all_rules() would silently never run."""
    listed = set(all_rules())
    for info in pkgutil.iter_modules(rules.__path__):
        module = importlib.import_module(f"{rules.__name__}.{info.name}")
        for name, fn in vars(module).items():
            if not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            sig = inspect.signature(fn)
            if list(sig.parameters) == ["site"] and str(sig.return_annotation) == "list[Finding]":
                assert fn in listed, f"{module.__name__}.{name} is not listed in zwgk.core.rules.all_rules()"
    assert len(listed) == len(all_rules()), "a check is listed twice"


def test_rules_table_is_read_from_the_ruleset() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import rules_table

    table = rules_table.rules_table()
    assert table.count("| `") == len(RULES)
    for group in {r.group for r in RULES}:
        assert f"#### {GROUPS[group]}（{group}.*）" in table
    assert "| `timeliness.late` | 警告（不阻止发布） |" in table
    assert "| `consultation.outcome_overdue` | 错误（可调整） |" in table
