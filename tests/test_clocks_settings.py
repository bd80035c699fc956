"""The ``clocks:`` plugin option: every key validated with a location chain, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_clocks_support import check, make_repo
from zwgk.core.clocks import ClockSettings, parse_settings


def test_defaults() -> None:
    s, problems = parse_settings({})
    assert problems == []
    assert (s.consultation_min_days, s.outcome_months, s.response_hours, s.authoritative_hours,
            s.press_conference_hours, s.long_stale_factor, s.veto_stale, s.veto_long_stale, s.veto_blank,
            s.report_day) == (30, 1, 48, 5, 24, 2, 5, 10, 5, 29)
    assert s.level("consultation.outcome_overdue") == "error"
    assert s.level("column.stale") == "warning"
    assert s.level("inspection.single_veto_risk") == "warning"


def test_values_are_read() -> None:
    s, problems = parse_settings({"consultation_min_days": 20, "outcome_months": 2, "report_day": 25,
                                  "notices_file": "governance/tb.yml",
                                  "severity": {"column.blank": "off", "response.late": "error"}})
    assert problems == []
    assert s == ClockSettings(consultation_min_days=20, outcome_months=2, report_day=25,
                              notices_file="governance/tb.yml",
                              severities={"column.blank": "off", "response.late": "error"})


@pytest.mark.parametrize(("raw", "rule", "field", "hint_part"), [
    ({"consultation_min_day": 30}, "config.unknown", "plugins -> zwgk -> clocks -> consultation_min_day",
     "consultation_min_days"),
    ({"outcome_months": "一个月"}, "config.type", "plugins -> zwgk -> clocks -> outcome_months", "outcome_months: 1"),
    ({"outcome_months": True}, "config.type", "plugins -> zwgk -> clocks -> outcome_months", ""),
    ({"outcome_months": 0}, "config.value", "plugins -> zwgk -> clocks -> outcome_months", ""),
    ({"report_day": 32}, "config.value", "plugins -> zwgk -> clocks -> report_day", ""),
    ({"long_stale_factor": 1}, "config.value", "plugins -> zwgk -> clocks -> long_stale_factor", ""),
    ({"notices_file": ""}, "config.type", "plugins -> zwgk -> clocks -> notices_file", "governance/notices.yml"),
    ({"severity": "warning"}, "config.type", "plugins -> zwgk -> clocks -> severity", ""),
    ({"severity": {"column.stal": "off"}}, "config.unknown", "plugins -> zwgk -> clocks -> severity -> column.stal",
     "column.stale"),
    ({"severity": {"consultation.dates": "off"}}, "config.unknown",
     "plugins -> zwgk -> clocks -> severity -> consultation.dates", ""),
    ({"severity": {"column.stale": "fatal"}}, "config.value", "plugins -> zwgk -> clocks -> severity -> column.stale",
     "off"),
])
def test_bad_settings(raw: dict[str, Any], rule: str, field: str, hint_part: str) -> None:
    s, problems = parse_settings(raw)
    assert [(p.rule, p.field, p.path, p.severity) for p in problems] == [(rule, field, "mkdocs.yml", "error")]
    assert hint_part in problems[0].hint
    assert s == ClockSettings()  # a bad value falls back to the default


def test_settings_problems_reach_zwgk_check(tmp_path: Path) -> None:
    result = check(make_repo(tmp_path, {}, clocks={"outcome_month": 2}), "2026-11-29")
    found = [f for f in result.findings if f.rule == "config.unknown"]
    assert [f.field for f in found] == ["plugins -> zwgk -> clocks -> outcome_month"]
    assert "outcome_months" in found[0].hint


def test_good_settings_pass_zwgk_check(tmp_path: Path) -> None:
    result = check(make_repo(tmp_path, {}, clocks={"outcome_months": 2, "severity": {"column.blank": "off"}}),
                   "2026-11-29")
    assert [f for f in result.findings if f.rule.startswith("config.")] == []
