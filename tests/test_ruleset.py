"""The ruleset (zwgk.core.rules.ruleset) and the code agree: every rule id the code can report is
catalogued, every catalogued id is still reported somewhere, each rule names the checks and modules that
write it (exactly), and the checks run are listed explicitly."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from support import DEMO_TODAY, REPO, edit_front_matter, run_check
from zwgk.core import rules
from zwgk.core.clocks.settings import ADJUSTABLE
from zwgk.core.findings import Finding
from zwgk.core.model import Site
from zwgk.core.rules import ADVISORY_RULES, Check, all_rules
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


def _written(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a module, leaving out comparisons: ``f.rule == "review.stale"`` or
    ``f.rule in ("calendar.invalid", ...)`` reads a finding some other code wrote."""
    if isinstance(node, ast.Compare):
        return
    yield node
    for child in ast.iter_child_nodes(node):
        yield from _written(child)


def _writers() -> dict[str, set[str]]:
    """Rule id -> every module (dotted, relative to zwgk) whose code writes it, as a literal or an f-string."""
    out: dict[str, set[str]] = {}
    for path in sorted(PLUGIN.rglob("*.py")):
        if path == RULESET:
            continue
        module = ".".join(path.relative_to(PLUGIN).with_suffix("").parts).removesuffix(".__init__")
        literals, templates = _source_ids([path])
        for rid in BY_ID:
            if rid in literals or any(p.fullmatch(rid) for p in templates):
                out.setdefault(rid, set()).add(module)
    return out


def _check_name(fn: Check) -> str:
    return f"{fn.__module__.removeprefix('zwgk.core.')}.{fn.__name__}"


def _source_ids(paths: Iterable[Path] | None = None) -> tuple[dict[str, str], dict[re.Pattern[str], str]]:
    """Rule-id literals in the plugin's code, and f-string ids (``f"interp.{what}_section_missing"``) as
    patterns, each with the file it is in. The ruleset itself is left out: it must not count as a use."""
    literals: dict[str, str] = {}
    templates: dict[re.Pattern[str], str] = {}
    for path in sorted(PLUGIN.rglob("*.py")) if paths is None else paths:
        if path == RULESET:
            continue
        rel = path.relative_to(REPO).as_posix()
        for node in _written(ast.parse(path.read_text(encoding="utf-8"))):
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
        # The table is read before any finding exists: a title with the message's blanks (…) or a hint
        # that only points at the message tells a clerk nothing.
        assert "…" not in rule.title, f"{rule.id}: say what is checked, without the message's blanks"
        assert "见错误信息" not in rule.hint, f"{rule.id}: say how to fix it"
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


def test_checks_and_sources_name_real_code() -> None:
    checks = {_check_name(fn) for fn in all_rules()}
    for rule in RULES:
        assert rule.checks or rule.sources, f"{rule.id}: say which check or module reports it"
        for name in rule.checks:
            assert name in checks, f"{rule.id}: {name} is not a check in zwgk.core.rules.all_rules()"
        for module in rule.sources:
            path = PLUGIN.joinpath(*module.split("."))
            assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file(), f"{rule.id}: no module zwgk.{module}"


def test_checks_and_sources_are_exactly_the_code_that_writes_each_id() -> None:
    """Both ways: a module that writes the id is named (as a check's module or a source), and a named
    module writes it. A check must be in a module that writes the id itself."""
    writers = _writers()
    for rule in RULES:
        named = {f"core.{name.rsplit('.', 1)[0]}" for name in rule.checks} | set(rule.sources)
        assert named == writers.get(rule.id, set()), (
            f"{rule.id}: written in {sorted(writers.get(rule.id, set()))}, ruleset names {sorted(named)}")


def _imports(module: str, seen: set[str] | None = None) -> set[str]:
    """The zwgk modules ``module`` imports, directly or through others (module names relative to zwgk)."""
    seen = set() if seen is None else seen
    path = PLUGIN.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or not node.level:
            continue
        base = package.split(".") if package else []
        base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
        target = ".".join([*base, *([node.module] if node.module else [])])
        names = [f"{target}.{a.name}".strip(".") for a in node.names] + [target]
        for name in names:
            p = PLUGIN.joinpath(*name.split(".")) if name else PLUGIN
            if name and name not in seen and (p.with_suffix(".py").is_file() or (p / "__init__.py").is_file()):
                seen.add(name)
                _imports(name, seen)
    return seen


def _break_demo(root: Path) -> None:
    """A few everyday mistakes, so the checks have more than the demo's advisories to report."""
    def policy(meta: dict[str, object]) -> None:
        meta.update(doc_no="示政务办规2026-1", foo="bar", division="不存在处")

    def news(meta: dict[str, object]) -> None:
        meta.update(index_no="11459900MB0012345X/2026-00003", published="2026-13-01")

    edit_front_matter(root / "content/zcwj/2026-003.md", policy)
    edit_front_matter(root / "content/gzdt/2026-008.md", news)
    (root / "content/gzdt/2026-013.md").write_text(
        (root / "content/gzdt/2026-013.md").read_text(encoding="utf-8") + "\n[外链](http://example.com/x) [旧文](../zcwj/none.md) <script>x()</script>\n",
        encoding="utf-8")


@pytest.mark.parametrize("broken", [False, True], ids=["demo", "broken"])
def test_each_check_reports_only_rules_that_name_it(demo: Path, broken: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check, run on the demo (today and half a year on, when the clocks have run out) and on a
    copy with everyday mistakes: each id it reports names the check, or names a source module the
    check imports (a helper it calls: the review record, a loader, a scanner)."""
    if broken:
        _break_demo(demo)
    seen: dict[str, set[str]] = {}

    def recording(fn: Check) -> Check:
        def run(site: Site) -> list[Finding]:
            found = fn(site)
            seen.setdefault(_check_name(fn), set()).update(f.rule for f in found)
            return found
        return run

    original = rules.all_rules
    monkeypatch.setattr(rules, "all_rules", lambda: [recording(fn) for fn in original()])
    for today in (DEMO_TODAY, DEMO_TODAY.replace(year=DEMO_TODAY.year + 1, month=6)):
        run_check(demo, today)
    assert len(seen) == len(original())
    reported = set().union(*seen.values())
    assert len(reported) >= (20 if broken else 5), sorted(reported)  # the run exercised the checks
    for check, ids in seen.items():
        reachable = _imports(f"core.{check.rsplit('.', 1)[0]}")
        for rid in ids:
            rule = BY_ID[rid]
            assert check in rule.checks or reachable & set(rule.sources), (
                f"{check} reported {rid}, whose ruleset entry names neither it nor a module it imports")
