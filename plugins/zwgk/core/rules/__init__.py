"""Rules: pure functions ``rule(site) -> list[Finding]``, shared by the build and the CLI.

A module that adds rules appends them to :data:`RULES` at import time and is imported in
:func:`all_rules`, so the build and ``zwgk check`` always run the same list.
"""

from __future__ import annotations

from collections.abc import Callable

from ..findings import Finding
from ..model import Site

Rule = Callable[[Site], list[Finding]]
RULES: list[Rule] = []


def register(rule: Rule) -> Rule:
    RULES.append(rule)
    return rule


def all_rules() -> list[Rule]:
    """Import every module of this package once; each registers its rules with :func:`register`."""
    import importlib
    import pkgutil

    from .. import rules as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"{package.__name__}.{info.name}")
    return list(RULES)


def run_rules(site: Site) -> list[Finding]:
    out: list[Finding] = []
    for rule in all_rules():
        out.extend(rule(site))
    return out
