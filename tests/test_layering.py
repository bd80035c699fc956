"""The package's layering, read from the source (direct imports only, so a failure names the line).

- ``zwgk.core`` is the pure domain: it imports neither MkDocs nor click (the adapters do).
- ``core/rules`` and ``core/reports`` never import each other: what both need (the deadline in
  ``core/clocks``, the 考核 registers in ``core/assessment_registers``) lives beside them, so a
  report cannot drift from the rule it counts and the rules can load without the reports.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "plugins" / "zwgk" / "core"


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in ``path``, relative imports resolved."""
    package = ["zwgk", *path.relative_to(CORE.parent).with_suffix("").parts[:-1]]
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            out += [(node.lineno, f"{module}.{a.name}" if not node.module else module) for a in node.names]
    return out


def _offenders(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{p.relative_to(CORE)}:{line} imports {name}"
            for p in sorted(folder.rglob("*.py")) for line, name in _imports(p)
            if any(name == f or name.startswith(f + ".") for f in forbidden)]


def test_core_imports_neither_mkdocs_nor_click() -> None:
    assert _offenders(CORE, ("mkdocs", "click", "zwgk.mkdocs", "zwgk.cli")) == []


def test_rules_and_reports_do_not_import_each_other() -> None:
    assert _offenders(CORE / "rules", ("zwgk.core.reports",)) == []
    assert _offenders(CORE / "reports", ("zwgk.core.rules",)) == []


def test_the_import_resolver_sees_relative_imports() -> None:
    # Guards the guard: a resolver that missed relative imports would pass every test above.
    names = {name for _, name in _imports(CORE / "rules" / "governance_registers.py")}
    assert "zwgk.core.assessment_registers" in names
    assert "zwgk.core.clocks.settings" in names  # `from ..clocks.settings import …`: two levels up
