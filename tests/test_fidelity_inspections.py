"""Monthly 督查 inputs (issue 16 §4): governance/inspections/<YYYY-MM>/<division>.yml.

Must-fail and must-pass fixtures for every ``inspections.*`` rule; who must submit (default and
configured); the due date (the 29th, or the preceding working day) at its edges with ``today`` passed
in; the folder never reaches site/.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from support import mkdocs_build, run_check
from zwgk.core.inspections import required_divisions
from zwgk.core.reports.monthly import build_monthly

NOV = "governance/inspections/2026-11"
GOOD = """division: 组宣人事处
submitted: 2026-11-27
checks:
  - target: 微信公众号
    scope: 政务咨询回复情况
    problems: [2 条咨询超过 3 个工作日才回复]
    fixes: 已回复并提醒值班人员
"""


def write(root: Path, name: str, text: str) -> str:
    rel = f"{NOV}/{name}"
    (root / rel).write_text(text, encoding="utf-8")
    return rel


FAIL = [
    ("no submitted", GOOD.replace("submitted: 2026-11-27\n", ""), "inspections.invalid", "submitted"),
    ("no checks", GOOD.split("checks:")[0], "inspections.invalid", "checks"),
    ("problem without fix", GOOD.replace("    fixes: 已回复并提醒值班人员\n", ""), "inspections.invalid",
     "checks -> [0] -> fixes"),
    ("unknown field", GOOD + "remark: 无\n", "inspections.invalid", "remark"),
    ("division differs from file name", GOOD.replace("division: 组宣人事处", "division: 政务服务中心"),
     "inspections.division", "division"),
    ("mobile number", GOOD.replace("2 条咨询", "13812345678 等 2 条咨询"), "inspections.personal_data", None),
]


@pytest.mark.parametrize(("case", "text", "rule", "field"), FAIL, ids=[c[0] for c in FAIL])
def test_must_fail(demo: Path, case: str, text: str, rule: str, field: str | None) -> None:
    rel = write(demo, "组宣人事处.yml", text)
    hits = [f for f in run_check(demo).findings if f.rule == rule and f.path == rel]
    assert hits, case
    assert field is None or any(f.field == field for f in hits)
    assert all(re.search(r"[\u4e00-\u9fff]", f.message + f.hint) for f in hits)
    assert all(f.severity == "error" for f in hits)


def test_must_pass(demo: Path) -> None:
    rel = write(demo, "组宣人事处.yml", GOOD)
    assert [f for f in run_check(demo).findings if f.path.startswith(NOV)] == [], rel


def test_stray_file_is_reported(demo: Path) -> None:
    (demo / "governance/inspections/11月.yml").write_text(GOOD, encoding="utf-8")
    assert "inspections.invalid" in {f.rule for f in run_check(demo).findings
                                     if f.path == "governance/inspections/11月.yml"}


def test_who_must_submit(demo: Path) -> None:
    site = run_check(demo).site
    assert site is not None
    assert required_divisions(site) == (("电子政务管理处", "政务服务中心", "组宣人事处"), [])
    cfg = demo / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "interpretation_column: zcjd", "interpretation_column: zcjd\n      inspection_divisions: [政务服务处, 信息中心]"),
        encoding="utf-8")
    result = run_check(demo)
    hit = [f for f in result.findings if f.field == "plugins -> zwgk -> inspection_divisions"]
    assert hit and "信息中心" in hit[0].message


def states(root: Path, today: dt.date, year: int = 2026, month: int = 11) -> dict[str, str]:
    site = run_check(root, today).site
    assert site is not None
    report = build_monthly(site, year, month)
    out: dict[str, str] = {}
    for metric in ("inspection_submitted", "inspection_missing", "inspection_pending"):
        for e in report.select(metric):
            out.setdefault(e.divisions[0], metric)  # a late submission is listed as submitted and as late
            if metric == "inspection_missing":
                out[e.divisions[0]] = metric
    return out


def test_demo_november(demo: Path) -> None:
    """29 November 2026 is a Sunday: due Friday the 27th; 组宣人事处 has not submitted."""
    assert states(demo, dt.date(2026, 11, 29)) == {"电子政务管理处": "inspection_submitted",
                                                   "政务服务中心": "inspection_submitted",
                                                   "组宣人事处": "inspection_missing"}


@pytest.mark.parametrize(("today", "state"), [(dt.date(2026, 11, 27), "inspection_pending"),
                                              (dt.date(2026, 11, 28), "inspection_missing")])
def test_due_date_edge(demo: Path, today: dt.date, state: str) -> None:
    assert states(demo, today)["组宣人事处"] == state


def test_late_submission(demo: Path) -> None:
    write(demo, "组宣人事处.yml", GOOD.replace("2026-11-27", "2026-11-28"))
    site = run_check(demo, dt.date(2026, 11, 30)).site
    assert site is not None
    late = build_monthly(site, 2026, 11).select("inspection_missing", division="组宣人事处")
    assert len(late) == 1 and late[0].value == 1.0 and "逾期 1 天" in late[0].detail


def test_october(demo: Path) -> None:
    """October's due date is the 29th itself (a Thursday): 组宣人事处's file of the 30th is late."""
    assert states(demo, dt.date(2026, 11, 29), 2026, 10) == {"电子政务管理处": "inspection_submitted",
                                                             "政务服务中心": "inspection_submitted",
                                                             "组宣人事处": "inspection_missing"}


def test_inputs_never_reach_site(demo: Path) -> None:
    result = mkdocs_build(demo)
    assert result.returncode == 0, result.stderr[-3000:]
    needles = ("办理时限与实施清单不一致", "监督举报电话仍为旧号码")
    for path in (demo / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert not any(n in text for n in needles), path
    assert not list((demo / "site").rglob("*.yml"))
