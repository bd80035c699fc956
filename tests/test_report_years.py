"""A report period outside what the office can mean (year 0000, 9999) is a Chinese message, never a
traceback (a reviewer's `zwgk report monthly 0000-01` raised ValueError: year 0 is out of range)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import zwgk


@pytest.mark.parametrize("args", [("monthly", "0000-01"), ("monthly", "9999-12"), ("monthly", "2026-13"),
                                  ("assessment", "0000"), ("annual", "0000"), ("annual", "9999")])
def test_impossible_periods_are_refused_in_chinese(demo: Path, args: tuple[str, str]) -> None:
    res = zwgk(demo, "report", *args)
    assert res.returncode != 0 and "Traceback" not in res.stderr + res.stdout
    assert "无效" in res.stderr + res.stdout


def test_a_real_month_still_reports(demo: Path, tmp_path: Path) -> None:
    res = zwgk(demo, "report", "monthly", "2026-10", "--out", str(tmp_path / "out"))
    assert res.returncode == 0, res.stderr[-2000:]
