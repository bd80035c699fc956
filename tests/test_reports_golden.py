"""Golden reports: the fixture repository's 督查 and 考核 reports, byte for byte.

Regenerate after an intended change: ``ZWGK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reports_golden.py``
then review the diff of ``tests/golden/reports/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_reports_support import assert_golden, golden_repo, xlsx_text
from zwgk.core.assessment_registers import load_assessment, load_notices
from zwgk.core.pipeline import check_repo
from zwgk.core.reports.assessment import build_assessment
from zwgk.core.reports.html import assessment_html, monthly_html
from zwgk.core.reports.monthly import build_monthly
from zwgk.core.reports.xlsx import assessment_workbook, monthly_workbook


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return golden_repo(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize(("today", "year", "month"), [
    ("2026-11-05", 2026, 10),   # a closed month: the month-end snapshot, 国庆 edges
    ("2026-11-29", 2026, 11),   # the running month: scheduled item, 29th is a Sunday
])
def test_monthly_golden(root: Path, today: str, year: int, month: int) -> None:
    result = check_repo(root, today=dt.date.fromisoformat(today))
    assert result.site is not None
    report = build_monthly(result.site, year, month)
    assert_golden(f"{report.slug}.html", monthly_html(report))
    assert_golden(f"{report.slug}.xlsx.txt", xlsx_text(monthly_workbook(report)))


def test_assessment_golden(root: Path) -> None:
    result = check_repo(root, today=dt.date(2026, 11, 29))
    assert result.site is not None
    notices, _ = load_notices(result.site)
    table, _ = load_assessment(result.site)
    report = build_assessment(result.site, 2026, notices, table)
    assert_golden(f"{report.slug}.html", assessment_html(report))
    assert_golden(f"{report.slug}.xlsx.txt", xlsx_text(assessment_workbook(report)))
