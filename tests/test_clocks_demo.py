"""The demo repository under the clocks: clean on the fixed days, and its clocks read right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_clocks_support import clock_findings
from zwgk.core.clocks import ConsultationState, consultation_status, inspection, response_clock
from zwgk.core.pipeline import check_repo

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("today", ["2026-11-29", "2026-12-01"])
def test_demo_has_no_clock_findings(today: str) -> None:
    result = check_repo(ROOT, today=dt.date.fromisoformat(today))
    assert clock_findings(result) == []


def test_demo_consultation_published_its_outcome() -> None:
    result = check_repo(ROOT, today=dt.date(2026, 11, 29))
    assert result.site is not None
    by_path = {i.path: i for i in result.site.items}
    st = consultation_status(result.site, by_path["content/yjzj/2026-011.md"])
    assert st.state is ConsultationState.PUBLISHED
    assert st.outcome is not None and st.outcome.path == "content/yjzj/2026-014.md"
    assert (str(st.closes), str(st.due), st.late_days) == ("2026-08-02", "2026-09-02", 0)


def test_demo_consultation_states_over_time() -> None:
    expected = {"2026-07-10": ConsultationState.OPEN, "2026-08-20": ConsultationState.AWAITING,
                "2026-08-27": ConsultationState.PUBLISHED}
    for day, state in expected.items():
        result = check_repo(ROOT, today=dt.date.fromisoformat(day))
        assert result.site is not None
        item = next(i for i in result.site.items if i.path == "content/yjzj/2026-011.md")
        assert consultation_status(result.site, item).state is state, day


def test_demo_response_on_time() -> None:
    result = check_repo(ROOT, today=dt.date(2026, 11, 29))
    assert result.site is not None
    item = next(i for i in result.site.items if i.path == "content/hygz/2026-016.md")
    clock = response_clock(result.site, item)
    assert clock.level == "一般" and clock.late() == [] and len(clock.checks) == 1


def test_demo_columns_fresh_today_and_gzdt_due_dec_1() -> None:
    result = check_repo(ROOT, today=dt.date(2026, 11, 29))
    assert result.site is not None
    insp = inspection(result.site)
    assert insp.risks == () and insp.blank == [] and insp.stale == []
    gzdt = next(s for s in insp.states if s.column.slug == "gzdt")
    assert gzdt.due is not None and gzdt.due >= dt.date(2026, 12, 1)
