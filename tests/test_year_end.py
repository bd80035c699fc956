"""The year end: next year's holidays missing never block an item whose own deadline is computable.

- the item's own 5-working-day deadline decides; the Regulation's 20-working-day bound is computed
  only when the item is late, and an uncomputable bound is an advisory naming the file to add;
- ``calendar.year_missing`` (error) remains only when the item's own deadline is needed and cannot
  be computed (published in the missing year, not provably on time);
- from 1 November ``zwgk check`` and the monthly report tell 综合处 which file to add;
- the demo passes ``zwgk check`` on every day of 2026 and January 2027.

Never the wall clock: every check passes its ``today``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import DEMO_TODAY, REPO, edit_front_matter, resign, run_check, zwgk
from zwgk.core.model import Item, Site
from zwgk.core.reports.monthly import build_monthly
from zwgk.core.rules import ADVISORY_RULES, run_rules
from zwgk.core.schema import coerce_date

NEWS = "content/gzdt/2026-008.md"  # 工作动态, formed 2026-04-08
D = dt.date.fromisoformat
# A made-up arrangement for tests only (the real 2027 notice is not in the package): weekends
# only, one holiday block. It stands for "综合处 entered next year's file".
HYPOTHETICAL_2027 = "year: 2027\nsource: 测试用（非真实安排）\nholidays:\n  - {name: 元旦, days: [2027-01-01, 2027-01-01], makeup: []}\n"


def move(root: Path, today: dt.date, **changes: Any) -> None:
    def change(meta: dict[str, Any]) -> None:
        meta.update(changes)
    edit_front_matter(root / NEWS, change)
    resign(root, NEWS, today=today)


def rules_on(root: Path, today: dt.date, path: str = NEWS) -> list[tuple[str, str]]:
    return sorted((f.rule, f.severity) for f in run_check(root, today).findings if f.path == path)


# -- the item's own deadline ------------------------------------------------------------------------


def test_on_time_in_december_needs_no_next_year(demo: Path) -> None:
    """Formed 12-10, due 12-17 (computable), published 12-16: nothing at all."""
    move(demo, D("2026-12-29"), formed=D("2026-12-10"), published=D("2026-12-16"))
    assert rules_on(demo, D("2026-12-29")) == []


def test_late_in_december_legal_bound_is_an_advisory(demo: Path) -> None:
    """Late against its own deadline: the 20-day bound is needed but lies in 2027 (unknown)."""
    move(demo, D("2026-12-29"), formed=D("2026-12-10"), published=D("2026-12-28"))
    result = run_check(demo, D("2026-12-29"))
    mine = [f for f in result.findings if f.path == NEWS]
    assert sorted((f.rule, f.severity) for f in mine) == [("timeliness.late", "warning"),
                                                          ("timeliness.legal_unknown", "warning")]
    assert all(f.rule in ADVISORY_RULES for f in mine)
    legal = next(f for f in mine if f.rule == "timeliness.legal_unknown")
    assert "governance/calendar/2027.yml" in legal.message and "无法计算" in legal.message
    assert not result.errors


def test_legal_bound_computed_when_year_known(demo: Path) -> None:
    """Clean twin: with 2027 entered, the bound is computed and exceeded (timeliness.legal)."""
    (demo / "governance/calendar/2027.yml").write_text(HYPOTHETICAL_2027, encoding="utf-8")
    move(demo, D("2027-01-20"), formed=D("2026-12-01"), published=D("2027-01-15"))
    assert rules_on(demo, D("2027-01-20")) == [("timeliness.legal", "warning")]


def test_provably_on_time_across_the_year_end(demo: Path) -> None:
    """Formed 12-28, published 12-29: the due date lies in 2027, but one working day is on time."""
    move(demo, D("2026-12-30"), formed=D("2026-12-28"), published=D("2026-12-29"))
    assert rules_on(demo, D("2026-12-30")) == []


def test_own_deadline_truly_needed_is_an_error(demo: Path) -> None:
    """Formed 12-28, published 2027-01-06: the deadline is needed and cannot be computed."""
    move(demo, D("2027-01-07"), formed=D("2026-12-28"), published=D("2027-01-06"),
         index_no="11459900MB0012345X/2026-00008")
    result = run_check(demo, D("2027-01-07"))
    missing = [f for f in result.findings if f.rule == "calendar.year_missing"]
    assert [(f.path, f.field, f.severity) for f in missing] == [(NEWS, "formed", "error")]
    assert "governance/calendar/2027.yml" in missing[0].message
    # Twin: 综合处 adds the year file, the same item is checked normally.
    (demo / "governance/calendar/2027.yml").write_text(HYPOTHETICAL_2027, encoding="utf-8")
    assert rules_on(demo, D("2027-01-07")) == [("timeliness.late", "warning")]


# -- the advisory to 综合处 --------------------------------------------------------------------------


def test_advisory_from_first_of_november(demo: Path) -> None:
    def advisories(day: str) -> list[str]:
        return [f.path for f in run_check(demo, D(day)).findings if f.rule == "calendar.next_year_missing"]

    assert advisories("2026-10-31") == []
    assert advisories("2026-11-01") == ["governance/calendar/2027.yml"]
    assert advisories("2027-01-05") == ["governance/calendar/2027.yml"]  # this year's file still missing
    (demo / "governance/calendar/2027.yml").write_text(HYPOTHETICAL_2027, encoding="utf-8")
    assert advisories("2026-11-01") == []


def test_advisory_in_check_output_and_monthly_report() -> None:
    """The real command on the shipped demo: exit 0 (advisory only), the message names the file."""
    proc = zwgk(REPO, "check", today=DEMO_TODAY)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "calendar.next_year_missing" in proc.stdout and "致综合处" in proc.stdout
    assert "governance/calendar/2027.yml" in proc.stdout
    result = run_check(REPO)
    assert result.site is not None
    report = build_monthly(result.site, 2026, 11)
    assert any("governance/calendar/2027.yml" in n and "综合处" in n for n in report.notes)


# -- the demo on every day ----------------------------------------------------------------------------


def _dates(value: Any) -> Iterator[dt.date]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _dates(v)
    elif isinstance(value, list):
        for v in value:
            yield from _dates(v)
    elif (day := coerce_date(value)) is not None:
        yield day


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _blocking(site: Site, skip: tuple[str, ...] = ()) -> list[str]:
    return [f.format_text() for f in run_rules(site)
            if (f.is_error or f.rule not in ADVISORY_RULES)
            and not any(f.path.startswith(m) or m in f.message for m in skip)]


def test_demo_passes_every_day_of_2026_and_january_2027() -> None:
    """Load the demo once, then run the rules for each day (the rules are pure functions of the site).

    From DEMO_TODAY on, the demo is checked as shipped (time passes over a finished repository,
    2027's holidays still missing). Before it, the demo is checked as it stood that day: an item
    exists once it is formed and its review record is signed (scheduled items included); findings
    that only name things from the future (a register row about an item not yet written) are
    artefacts of the replay and are skipped.
    """
    started = time.perf_counter()
    result = run_check(REPO)
    assert result.site is not None and not result.errors
    site = result.site
    items, reviews, interps = list(site.items), dict(site.reviews), dict(site.interpretations)

    def born(item: Item) -> dt.date:
        record = reviews.get(item.path)
        return max([item.formed or dt.date.min, *(_dates(record.data) if record else [])])

    birth = {i.path: born(i) for i in items}
    problems: dict[dt.date, list[str]] = {}
    for day in _days(D("2026-01-01"), DEMO_TODAY - dt.timedelta(days=1)):
        site.today = day
        site.items = [i for i in items if birth[i.path] <= day]
        present = {i.path for i in site.items}
        future = [i for i in items if i.path not in present]
        skip = tuple(m for i in future for m in (i.path, i.path[:-3] + "/", i.index_no)
                     if m) + tuple(reviews[i.path].path for i in future if i.path in reviews)
        site.reviews = {k: v for k, v in reviews.items() if k in present}
        site.interpretations = {k: v for k, v in interps.items() if v.material is None or v.material.path in present}
        site._interp_index = None
        if found := _blocking(site, skip):
            problems[day] = found
    site.items, site.reviews, site.interpretations, site._interp_index = items, reviews, interps, None
    for day in _days(DEMO_TODAY, D("2027-01-31")):
        site.today = day
        if found := _blocking(site):
            problems[day] = found
    elapsed = time.perf_counter() - started
    assert not problems, {str(k): v[:3] for k, v in list(problems.items())[:5]}
    print(f"demo checked on {(D('2027-01-31') - D('2026-01-01')).days + 1} days in {elapsed:.1f} s")


@pytest.mark.parametrize("day", ["2026-12-31", "2027-01-01", "2027-01-04"])
def test_demo_check_command_on_year_end_days(day: str) -> None:
    """The real command (not the replay) on the days that used to fail."""
    proc = zwgk(REPO, "check", today=D(day))
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
