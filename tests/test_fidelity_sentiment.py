"""The 舆情 register (issue 16 §3): governance/sentiment/<year>/<no>.yml, clocks from ``surfaced``.

Must-fail and must-pass fixtures for every ``sentiment.*`` rule on a copy of the demo; the 48 h / 5 h /
24 h clocks (the response clock of zwgk.core.clocks.response, not a second one) at their edges with
``today`` passed in; the monthly report before any public page exists; a real build proving the
register never reaches site/.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from support import mkdocs_build, run_check
from zwgk.core.reports.monthly import build_monthly

DIR = "governance/sentiment/2026"
GOOD = """id: 2026-009
surfaced: 2026-10-10 08:00
where: 市政务办官方微博
summary: 网民反映自助服务终端无法打印
level: 一般
division: 电子政务管理处
transferred: {to: 电子政务管理处, at: 2026-10-10 09:00}
response: {at: 2026-10-11 10:00, how: 微博回复}
"""
MAJOR = """id: 2026-010
surfaced: 2026-10-20 08:00
where: 本地新闻网站
summary: 政务服务大厅系统故障导致大面积无法办件
level: 重大
division: 电子政务管理处
report: {to: 党组, at: 2026-10-20 08:40}
releases:
  - {at: 2026-10-20 12:30, what: 通报故障原因和恢复时间}
  - {at: 2026-10-21 18:00, what: 通报处置结果}
press_conference: {at: 2026-10-21 07:30}
response: {at: 2026-10-20 12:30, how: 官方微博发布情况通报}
"""


def write(root: Path, name: str, text: str) -> str:
    rel = f"{DIR}/{name}"
    (root / rel).write_text(text, encoding="utf-8")
    return rel


def chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


FAIL = [
    ("no surfaced", GOOD.replace("surfaced: 2026-10-10 08:00\n", ""), "sentiment.invalid", "surfaced"),
    ("date without time", GOOD.replace("response: {at: 2026-10-11 10:00", "response: {at: 2026年10月11日"),
     "sentiment.invalid", "response -> at"),
    ("unknown level", GOOD.replace("level: 一般", "level: 较大"), "sentiment.invalid", "level"),
    ("unknown field", GOOD + "handled_by: 张三\n", "sentiment.invalid", "handled_by"),
    ("identity field", GOOD + "phone: 略\n", "sentiment.personal_data", "phone"),
    ("mobile number in text", GOOD.replace("网民反映", "网民（13812345678）反映"), "sentiment.personal_data", None),
    ("secrecy mark", GOOD.replace("网民反映", "机密★10年 网民反映"), "sentiment.secrecy", None),
    ("unknown division", GOOD.replace("division: 电子政务管理处", "division: 信息中心"), "sentiment.division", "division"),
    ("response before surfaced", GOOD.replace("2026-10-11 10:00", "2026-10-09 10:00"), "sentiment.order",
     "response -> at"),
    ("response item unknown", GOOD.replace("how: 微博回复", "how: 微博回复, item: 11459900MB0012345X/2026-09999"),
     "sentiment.item", "response -> item"),
    ("year folder", GOOD.replace("surfaced: 2026-10-10", "surfaced: 2025-10-10"), "sentiment.invalid", "surfaced"),
    ("response late", GOOD.replace("2026-10-11 10:00", "2026-10-12 08:01"), "sentiment.late", "response -> at"),
    ("major: no report", MAJOR.replace("report: {to: 党组, at: 2026-10-20 08:40}\n", ""), "sentiment.report_missing",
     "report"),
    ("major: authoritative late", MAJOR.replace("2026-10-20 12:30, what", "2026-10-20 13:01, what"), "sentiment.late",
     "releases -> [0] -> at"),
    ("major: no press conference", MAJOR.replace("press_conference: {at: 2026-10-21 07:30}\n", ""),
     "sentiment.overdue", "press_conference -> at"),
]


@pytest.mark.parametrize(("case", "text", "rule", "field"), FAIL, ids=[c[0] for c in FAIL])
def test_must_fail(demo: Path, case: str, text: str, rule: str, field: str | None) -> None:
    rel = write(demo, "009.yml", text)
    hits = [f for f in run_check(demo).findings if f.rule == rule and f.path == rel]
    assert hits, (case, sorted((f.rule, f.field) for f in run_check(demo).findings if f.path == rel))
    assert field is None or any(f.field == field for f in hits), [f.field for f in hits]
    assert all(chinese(f.message) and chinese(f.hint) for f in hits)


@pytest.mark.parametrize("text", [GOOD, MAJOR], ids=["一般, answered in time", "重大, every step in time"])
def test_must_pass(demo: Path, text: str) -> None:
    rel = write(demo, "009.yml", text)
    assert [f for f in run_check(demo).findings if f.path == rel] == []


def test_demo_register(demo: Path) -> None:
    """The demo's open 舆情 is visible to 组宣人事处 before any public page exists; nothing is an error."""
    found = [f for f in run_check(demo).findings if f.rule.startswith("sentiment.")]
    assert [(f.rule, f.path) for f in found] == [("sentiment.due", f"{DIR}/002.yml")]
    assert found[0].severity == "warning" and found[0].message.startswith("致组宣人事处")


@pytest.mark.parametrize(("today", "rule"), [(dt.date(2026, 11, 29), "sentiment.due"),
                                             (dt.date(2026, 11, 30), "sentiment.overdue")])
def test_48_hours_edge(demo: Path, today: dt.date, rule: str) -> None:
    """Surfaced 2026-11-27 16:00: due 2026-11-29 16:00; still open that day, overdue the next."""
    rules = {f.rule for f in run_check(demo, today).findings if f.path == f"{DIR}/002.yml"}
    assert rules == {rule}


@pytest.mark.parametrize(("responded", "late"), [("2026-10-12 08:00", False), ("2026-10-12 08:01", True)])
def test_response_minute_edge(demo: Path, responded: str, late: bool) -> None:
    rel = write(demo, "009.yml", GOOD.replace("2026-10-11 10:00", responded))
    assert ("sentiment.late" in {f.rule for f in run_check(demo).findings if f.path == rel}) is late


def test_clock_hours_follow_settings(demo: Path) -> None:
    """The hour limits are the response clock's settings (clocks: response_hours), not a second clock."""
    rel = write(demo, "009.yml", GOOD)
    cfg = demo / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "interpretation_column: zcjd", "interpretation_column: zcjd\n      clocks: {response_hours: 24}"), encoding="utf-8")
    assert "sentiment.late" in {f.rule for f in run_check(demo).findings if f.path == rel}


def test_monthly_report(demo: Path) -> None:
    write(demo, "009.yml", GOOD.replace("2026-10-11 10:00", "2026-10-12 20:00"))
    site = run_check(demo).site
    assert site is not None
    october = build_monthly(site, 2026, 10)
    assert [e.location for e in october.select("sentiment_registered")] == ["2026-009"]
    late = october.select("sentiment_late", division="电子政务管理处")
    assert len(late) == 1 and late[0].value == 12.0 and "回应超时 12 小时" in late[0].detail
    november = build_monthly(site, 2026, 11)
    assert [e.location for e in november.select("sentiment_late")] == ["2026-002"]  # open, no public page
    assert "尚未回应" in november.select("sentiment_late")[0].detail


def test_register_never_reaches_site(demo: Path) -> None:
    write(demo, "009.yml", GOOD)
    result = mkdocs_build(demo)
    assert result.returncode == 0, result.stderr[-3000:]
    site = demo / "site"
    assert not list(site.rglob("*.yml"))
    needles = ("自助服务终端无法打印", "办不成事”反映窗口的受理时间", "市政务办官方微博评论")
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert not any(n in text for n in needles), path
