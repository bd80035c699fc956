"""Rules: pure functions ``check(site) -> list[Finding]``, shared by the build and the CLI.

:func:`all_rules` lists every check explicitly, in the order they run, so the build and ``zwgk check``
always run the same list and nothing depends on which modules happen to be imported. What each rule id
means (level, advisory or not, what to fix) is declared in :mod:`zwgk.core.rules.ruleset`.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import forkjoin
from ..findings import Finding
from ..model import Site
from .ruleset import ADVISORY

Check = Callable[[Site], list[Finding]]

# Warnings that report a clock rather than a defect in what is being published (ruleset:
# ``advisory=True``): the item must still go out (rulebook: late items are published and counted;
# a stale column is fixed by publishing more, not less). The build shows them but never lets them
# block, even under --strict; `zwgk check` lists them as warnings and the monthly report counts them.
# Set a rule to `error` in the configuration to make it block.
ADVISORY_RULES: frozenset[str] = ADVISORY


def all_rules() -> list[Check]:
    """Every check, in the order the findings have always been reported (module by module).

    The rule modules are imported here rather than at the top: they import the loaders and the
    models, which import this package.
    """
    # The review gate lives with the rest of the review record (core/review/); it keeps its place in
    # the run order, so the findings and the digest cache are filled as before.
    from ..review import rule as review
    from . import (
        annual,
        clocks,
        decision,
        diagram,
        disclosure,
        governance_registers,
        guide,
        inspections,
        integrity,
        interpretation,
        pages,
        placeholder,
        publish,
        requests,
        scan,
        sentiment,
        timeliness,
    )

    return [
        annual.annual_report_clock,
        clocks.consultations, clocks.outcomes, clocks.responses, clocks.column_freshness,
        decision.decisions,
        diagram.diagrams, diagram.images,
        disclosure.disclosure,
        governance_registers.registers,
        guide.guide, guide.statutory,
        inspections.inspections,
        integrity.index_numbers, integrity.doc_numbers, integrity.responsibility, integrity.dates_and_validity,
        integrity.attachments, integrity.links,
        interpretation.interpretations,
        pages.redirects, pages.withdrawals,
        placeholder.placeholders,
        publish.publication_inventory, publish.page_reviews,
        requests.requests_register,
        review.reviews,
        scan.confidentiality,
        sentiment.sentiment,
        timeliness.timeliness, timeliness.calendar_arrangements,
    ]


def run_rules(site: Site, *, fork: bool = False) -> list[Finding]:
    """Every check's findings. ``fork`` (``zwgk check``): the review gate runs in a forked process
    meanwhile (:mod:`zwgk.core.forkjoin`); the findings are the same, in another order (callers sort)."""
    if not fork or len(site.items) < forkjoin.MIN_ITEMS:
        return [f for check in all_rules() for f in check(site)]
    aside = _review_gate()
    # all_rules() imports every rule module (a tenth of a second): after the fork, beside the review gate.
    theirs, mine = forkjoin.split_run(lambda: [f for check in aside for f in check(site)],
                                      lambda: [f for check in all_rules() if check not in aside for f in check(site)])
    return mine + theirs


def _review_gate() -> tuple[Check, ...]:
    """The checks of the 信息发布审查表 (about half of a warm check at 10,000 items): they share the
    digest store, which the last of them saves, so they run in the same process."""
    from ..review import rule as review
    from . import publish

    return (publish.page_reviews, review.reviews)
