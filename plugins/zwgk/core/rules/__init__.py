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

# Warnings that report a clock rather than a defect in what is being published: the item must
# still go out (rulebook: late items are published and counted; review.urgent only flags an
# urgent item awaiting its same-day review, which review.missing/stale block anyway; a stale
# column is fixed by publishing more, not less). The
# build shows them but never lets them block, even under --strict; `zwgk check` lists them as
# warnings and the monthly report counts them. Set a rule to `error` in the configuration to
# make it block.
ADVISORY_RULES = frozenset({
    "timeliness.late", "timeliness.legal", "review.urgent",
    "timeliness.legal_unknown", "calendar.next_year_missing",
    "column.stale", "column.blank", "inspection.single_veto_risk",
    "consultation.too_short", "consultation.outcome_late",
    "response.late", "response.authoritative_late", "response.authoritative_missing",
    "response.press_conference_late", "response.press_conference_missing",
    # 依申请公开 (rules/requests.py): the internal register's clocks, for 综合处's monthly 督查.
    "requests.correction_late", "requests.reply_late", "requests.overdue", "requests.due_unknown",
    "requests.extension_late", "requests.steps",
    # 法定主动公开内容 and the 指南's contents (rules/guide.py): publish more, never less — a 指南 that
    # lacks its fax number is shown in every check and the 督查, it does not stop other publications.
    "statutory.missing", "statutory.stale", "statutory.incomplete", "guide.content", "guide.identity",
    # 舆情 register (rules/sentiment.py): clocks addressed to 组宣人事处.
    "sentiment.late", "sentiment.overdue", "sentiment.due", "sentiment.report_missing",
    # The 年报's 1月31日 clock: shown in every check and the monthly 督查, never a reason to stop other
    # publications (a strict build that refused urgent notices until the 年报 is out would punish the public).
    "annual.report_due", "annual.report_late",
})


def register(rule: Rule) -> Rule:
    RULES.append(rule)
    return rule


# Rules that live with their concept outside this package, by the name they are ordered under.
# The review gate sits with the rest of the review record (core/review/); it keeps its old place in
# the alphabetical run order, so the rules still run, and fill the digest cache, as before.
ELSEWHERE = {"review": "zwgk.core.review.rule"}


def all_rules() -> list[Rule]:
    """Import every module of this package (and :data:`ELSEWHERE`) once; each registers its rules
    with :func:`register`."""
    import importlib
    import pkgutil

    from .. import rules as package

    modules = {info.name: f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(package.__path__)}
    modules.update(ELSEWHERE)
    for name in sorted(modules):
        importlib.import_module(modules[name])
    return list(RULES)


def run_rules(site: Site) -> list[Finding]:
    out: list[Finding] = []
    for rule in all_rules():
        out.extend(rule(site))
    return out
