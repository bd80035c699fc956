"""The annual 考核: register validation (location chains), scores, 评先评优 eligibility."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from test_clocks_support import check, make_repo
from test_reports_support import ASSESSMENT, golden_repo
from zwgk.core.assessment_registers import load_assessment, load_notices
from zwgk.core.pipeline import check_repo
from zwgk.core.reports.assessment import AssessmentReport, YearNotStarted, build_assessment, snapshot_days

D = dt.date.fromisoformat
GOOD_NOTICE = "  - {date: 2026-05-12, level: 省级, issuer: 测试省政务公开办, division: 综合处, finding: 问题}\n"


def register_findings(tmp_path: Path, notices: str | None = None, assessment: str | None = None) -> list[Any]:
    files = {}
    if notices is not None:
        files["governance/notices.yml"] = notices
    if assessment is not None:
        files["governance/assessment.yml"] = assessment
    result = check(make_repo(tmp_path, {}, files=files), "2026-11-29")
    return [f for f in result.findings if f.rule.startswith(("notices.", "assessment."))]


# -- notices.yml -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "rule", "field", "hint_part"), [
    ("notices:\n" + GOOD_NOTICE, None, None, ""),
    ("notices: []\n", None, None, ""),
    ("notices:\n" + GOOD_NOTICE.replace("省级", "区级"), "notices.invalid", "notices -> [0] -> level", "国家级"),
    ("notices:\n" + GOOD_NOTICE + GOOD_NOTICE.replace("综合处", "综和处"), "notices.division",
     "notices -> [1] -> division", "综合处"),
    ("notices:\n" + GOOD_NOTICE.replace("2026-05-12", "2026年5月12日"), "notices.invalid", "notices -> [0] -> date",
     "YYYY-MM-DD"),
    ("notices:\n" + GOOD_NOTICE.replace("}", ", rectified_on: 2026-05-01}"), "notices.date",
     "notices -> [0] -> rectified_on", "rectified_on"),
    ("notices:\n" + GOOD_NOTICE.replace("}", ", rectifed_on: 2026-05-20}"), "notices.invalid",
     "notices -> [0] -> rectifed_on", "rectified_on"),
    ("notices:\n" + GOOD_NOTICE.replace(", finding: 问题", ""), "notices.invalid", "notices -> [0] -> finding", ""),
    ("notices:\n" + GOOD_NOTICE.replace("}", ", item: 11459900MB0012345X/2026-09999}"), "notices.invalid",
     "notices -> [0] -> item", "索引号"),
    ("notices:\n  - 综合处被通报\n", "notices.invalid", "notices -> [0]", ""),
    ("- 综合处被通报\n", "notices.invalid", "notices", "notices:"),
    ("notices:\n  - {date: 2026-05-12, level: 省级\n", "notices.invalid", None, ""),  # YAML error, with a line
])
def test_notices_validation(tmp_path: Path, text: str, rule: str | None, field: str | None, hint_part: str) -> None:
    found = register_findings(tmp_path, notices=text)
    if rule is None:
        assert found == []
        return
    assert [(f.rule, f.field, f.path, f.severity) for f in found] == [(rule, field, "governance/notices.yml", "error")]
    assert hint_part in found[0].hint
    if field is None:
        assert found[0].line is not None


def test_notice_dated_after_today_is_not_an_error(tmp_path: Path) -> None:
    # --today may rebuild an earlier state; the register legitimately holds later notices.
    assert register_findings(tmp_path, notices="notices:\n" + GOOD_NOTICE.replace("2026-05-12", "2026-12-20")) == []


# -- assessment.yml --------------------------------------------------------------------------

FULL = ("divisions:\n  - {name: 综合处, responsible: 周立}\n  - {name: 政务服务处, responsible: 王芳}\n"
        "  - {name: 政策法规处, responsible: 吴敏}\n")


@pytest.mark.parametrize(("text", "rule", "field", "severity", "hint_part"), [
    (FULL, None, None, None, ""),
    ("base: 100\n" + FULL + "weights: {late_item: 0.5}\n", None, None, None, ""),
    (FULL + "weights: {late_itme: 0.5}\n", "assessment.invalid", "weights -> late_itme", "error", "late_item"),
    (FULL + "weights: {late_item: -1}\n", "assessment.invalid", "weights -> late_item", "error", "不扣分写 0"),
    (FULL + "weights: {late_item: 半分}\n", "assessment.invalid", "weights -> late_item", "error", ""),
    ("base: 一百\n" + FULL, "assessment.invalid", "base", "error", "base: 100"),
    (FULL.replace("周立}", "周立, base: -5}"), "assessment.invalid", "divisions -> 综合处 -> base", "error", ""),
    (FULL.replace(", responsible: 王芳", ""), "assessment.invalid", "divisions -> 政务服务处 -> responsible", "error",
     "评先评优"),
    (FULL + "  - {name: 宣传处, responsible: 钱某}\n", "assessment.division", "divisions -> 宣传处 -> name", "error",
     "columns.yml"),
    (FULL.replace("  - {name: 政策法规处, responsible: 吴敏}\n", ""), "assessment.division", "divisions", "warning",
     "政策法规处"),
    (FULL + "  - {responsible: 钱某}\n", "assessment.invalid", "divisions -> [3]", "error", ""),
    (FULL.replace("周立}", "周立, score: 1}"), "assessment.invalid", "divisions -> 综合处 -> score", "error", ""),
    (FULL + "bonus: 1\n", "assessment.invalid", "bonus", "error", "weights"),
])
def test_assessment_validation(tmp_path: Path, text: str, rule: str | None, field: str | None, severity: str | None,
                               hint_part: str) -> None:
    found = register_findings(tmp_path, assessment=text)
    if rule is None:
        assert found == []
        return
    assert [(f.rule, f.field, f.severity) for f in found] == [(rule, field, severity)]
    assert hint_part in found[0].hint


def test_registers_absent_is_fine(tmp_path: Path) -> None:
    assert register_findings(tmp_path) == []


# -- scoring ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> AssessmentReport:
    root = golden_repo(tmp_path_factory.mktemp("assess"))
    result = check_repo(root, today=D("2026-11-29"))
    assert result.site is not None
    notices, p1 = load_notices(result.site)
    table, p2 = load_assessment(result.site)
    assert p1 == [] and p2 == []
    return build_assessment(result.site, 2026, notices, table)


def row(report: AssessmentReport, division: str) -> Any:
    return next(r for r in report.rows if r.division == division)


def counts(report: AssessmentReport, division: str) -> dict[str, int]:
    return {d.key: d.count for d in row(report, division).deductions if d.count}


def test_notices_of_the_year_only(report: AssessmentReport) -> None:
    # 2025-12-20 (previous year) and 2026-12-10 (after today) are left out
    assert [n.date.isoformat() for n in report.notices] == ["2026-03-10", "2026-06-05", "2026-08-01"]


def test_higher_notice_costs_a_point_and_eligibility(report: AssessmentReport) -> None:
    zcfg = row(report, "政策法规处")
    assert counts(report, "政策法规处")["notice_higher"] == 1  # 国家级
    assert not zcfg.eligible and zcfg.responsible == "吴敏"
    zwfw = row(report, "政务服务处")
    assert counts(report, "政务服务处")["notice_higher"] == 1  # 省级, not rectified
    assert counts(report, "政务服务处")["unrectified"] == 1
    assert not zwfw.eligible and zwfw.base == 95
    zhc = row(report, "综合处")
    assert zhc.eligible  # a 市级 notice deducts (weight 0.5) but keeps 评先评优
    assert counts(report, "综合处")["notice_city"] == 1


def test_record_deductions(report: AssessmentReport) -> None:
    zhc = counts(report, "综合处")
    assert zhc["late_item"] == 1            # n3 (urgent, 1 working day)
    assert zhc["response_late"] == 1        # r2: press conference never recorded
    zwfw = counts(report, "政务服务处")
    assert zwfw["late_item"] == 1           # n2
    assert zwfw["consultation_overdue"] == 2  # c1 never published, c2 published 39 days late
    assert zwfw["response_late"] == 1       # r1: one hour late (+00:00 converted)
    zcfg = counts(report, "政策法规处")
    assert zcfg["late_item"] == 1 and zcfg["no_interpretation"] == 1   # p1


def test_column_months_go_to_the_lead_division(report: AssessmentReport) -> None:
    stale = report.select("stale_column_month")
    assert {e.divisions for e in stale} == {("综合处",)}  # gzdt and jgzn are led by 综合处
    blank = report.select("blank_column_month", division="综合处")
    assert len([e for e in blank if e.column == "ghjh"]) == 11  # Jan..Oct month ends and 11-29


def test_score_arithmetic(report: AssessmentReport) -> None:
    for r in report.rows:
        expected = max(0.0, round(r.base - sum(d.count * d.weight for d in r.deductions), 2))
        assert r.score == expected
    zwfw = row(report, "政务服务处")
    # 95 − (1 省级 + 1 unrectified + 0.5 late + 2 consultations + 1 response
    #       + 0.25 × 15 blank column-months: 意见征集 Jan–Jun, 回应关切 Jan–Sep) = 85.75
    assert counts(report, "政务服务处")["blank_column_month"] == 15
    assert zwfw.score == 85.75


def test_score_never_below_zero(tmp_path: Path) -> None:
    text = ASSESSMENT.replace("notice_higher: 1", "notice_higher: 500")
    root = golden_repo(tmp_path)
    (root / "governance" / "assessment.yml").write_text(text, encoding="utf-8")
    result = check_repo(root, today=D("2026-11-29"))
    assert result.site is not None
    notices, _ = load_notices(result.site)
    table, _ = load_assessment(result.site)
    rep = build_assessment(result.site, 2026, notices, table)
    assert row(rep, "政策法规处").score == 0.0


def test_defaults_without_assessment_file(tmp_path: Path) -> None:
    root = golden_repo(tmp_path)
    (root / "governance" / "assessment.yml").unlink()
    result = check_repo(root, today=D("2026-11-29"))
    assert result.site is not None
    notices, _ = load_notices(result.site)
    table, problems = load_assessment(result.site)
    assert problems == [] and not table.found
    rep = build_assessment(result.site, 2026, notices, table)
    assert row(rep, "政策法规处").score == 99.0  # only the −1 per provincial-or-higher item applies
    assert any("未找到考核责任分解表" in n for n in rep.notes)


def test_future_year_refused(report: AssessmentReport, tmp_path: Path) -> None:
    root = golden_repo(tmp_path)
    result = check_repo(root, today=D("2026-11-29"))
    assert result.site is not None
    with pytest.raises(YearNotStarted):
        build_assessment(result.site, 2027, [], load_assessment(result.site)[0])


@pytest.mark.parametrize(("year", "as_of", "days"), [
    (2026, "2026-11-29", 11),   # Jan..Oct month ends + the running day
    (2026, "2026-12-31", 12),
    (2024, "2024-12-31", 12),
    (2024, "2024-02-29", 2),    # 01-31 and 02-29 (a month end in a leap year)
])
def test_snapshot_days(year: int, as_of: str, days: int) -> None:
    got = snapshot_days(year, D(as_of))
    assert len(got) == days and got[-1] == D(as_of)
