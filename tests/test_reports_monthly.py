"""The monthly 督查 report: due date, figures, scheduled items, self-contained HTML, deterministic XLSX."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from test_reports_support import golden_repo
from zwgk.core.pipeline import check_repo
from zwgk.core.reports.common import report_due
from zwgk.core.reports.html import monthly_html
from zwgk.core.reports.monthly import MonthlyReport, MonthNotStarted, build_monthly
from zwgk.core.reports.xlsx import monthly_workbook
from zwgk.core.workdays import WorkCalendar

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    cal, problems = WorkCalendar.load()
    assert problems == []
    return cal


@pytest.mark.parametrize(("year", "month", "due", "note_part"), [
    (2026, 10, "2026-10-29", "星期四"),
    (2026, 11, "2026-11-27", "为星期日，不是工作日，提前至前一个工作日 2026-11-27（星期五）"),
    (2026, 3, "2026-03-27", "星期日"),
    (2026, 2, "2026-02-28", "本月没有 29 日，取月末 28 日"),   # 02-28 is a Saturday make-up working day (春节)
    (2024, 2, "2024-02-29", "星期四"),                          # 29 February exists in 2024
    (2024, 9, "2024-09-29", "调休上班日"),                      # a Sunday, but a 国庆 make-up working day
    (2025, 1, "2025-01-27", "春节假期"),                         # 01-29 is 春节: back to Monday 01-27
    (2025, 6, "2025-06-27", "星期日"),
    (2028, 2, "2028-02-29", "无法判断是否为工作日"),             # no 2028 arrangement: say so, keep the 29th
])
def test_report_due(calendar: WorkCalendar, year: int, month: int, due: str, note_part: str) -> None:
    d = report_due(calendar, year, month)
    assert d.due == D(due)
    assert note_part in d.note


def test_report_day_is_configurable(calendar: WorkCalendar) -> None:
    assert report_due(calendar, 2026, 10, 5).due == D("2026-09-30")  # 10-01..10-07 off: back into September
    assert report_due(calendar, 2026, 11, 30).due == D("2026-11-30")


def _report(tmp_path: Path, today: str, month: str) -> MonthlyReport:
    root = golden_repo(tmp_path)
    result = check_repo(root, today=D(today))
    assert result.site is not None
    y, m = month.split("-")
    return build_monthly(result.site, int(y), int(m))


@pytest.fixture(scope="module")
def october(tmp_path_factory: pytest.TempPathFactory) -> MonthlyReport:
    return _report(tmp_path_factory.mktemp("oct"), "2026-11-05", "2026-10")


def paths(report: MonthlyReport, metric: str, **kw: str) -> list[str]:
    return sorted(e.path for e in report.select(metric, **kw))


def test_october_is_a_month_end_snapshot(october: MonthlyReport) -> None:
    assert (october.as_of, october.today) == (D("2026-10-31"), D("2026-11-05"))
    # Generated on 5 November: the only note is the year-end advisory (2027's holidays missing).
    assert october.notes == ("【致综合处】尚未录入 2027 年节假日安排：国务院办公厅发布通知后，请新增 "
                             "governance/calendar/2027.yml（格式见 governance/calendar/README.md）；"
                             "在此之前，跨入 2027 年的发布时限和法定时限无法计算。",)
    assert october.count("published") == 11  # drafts and the November item are not counted
    assert "content/gzdt/d1.md" not in {e.path for e in october.entries}
    assert "content/gzdt/g2.md" not in {e.path for e in october.entries}


def test_october_timeliness_across_national_day(october: MonthlyReport) -> None:
    late = {e.path: e.value for e in october.select("late")}
    # formed 09-28, due 10-10 (make-up Saturday), published Monday 10-12: one working day late
    assert late == {"content/zcwj/p1.md": 1.0, "content/tzgg/n3.md": 1.0, "content/tzgg/n2.md": 3.0}
    on_time = paths(october, "on_time")
    assert "content/tzgg/n1.md" in on_time  # formed 09-30, due 10-13 across the holiday
    assert "content/zcwj/p2.md" in on_time  # published on the make-up Saturday
    assert paths(october, "undetermined") == ["content/tzgg/u1.md"]


def test_october_by_division(october: MonthlyReport) -> None:
    assert paths(october, "late", division="政务服务处") == ["content/tzgg/n2.md"]
    assert paths(october, "late", division="综合处") == ["content/tzgg/n3.md"]
    assert october.divisions == ("综合处", "政务服务处", "政策法规处")


def test_october_standing_problems(october: MonthlyReport) -> None:
    assert paths(october, "no_interpretation") == ["content/zcwj/p1.md"]
    [c] = october.select("consultation_overdue")
    assert c.path == "content/yjzj/c1.md" and c.value == 17.0  # due 10-14, as of 10-31
    [o] = october.select("outcome_late")
    assert o.path == "content/yjzj/o2.md" and o.value == 39.0
    resp = {e.path: e.detail for e in october.select("response_late")}
    assert resp["content/hygz/r1.md"] == "一般：回应超时 1 小时（时限 48 小时）"  # +00:00 converted
    assert "未记录举行新闻发布会" in resp["content/hygz/r2.md"]


def test_october_columns(october: MonthlyReport) -> None:
    assert paths(october, "stale") == ["content/gzdt", "content/jgzn"]  # gzdt: 10-16 + 2 weeks = 10-30 < 10-31
    assert paths(october, "long_stale") == []
    assert paths(october, "blank") == ["content/ghjh"]
    # multi-division columns are listed under each responsible division
    assert paths(october, "stale", division="政务服务处") == ["content/gzdt"]
    states = {c.slug: c.state for c in october.columns}
    assert states["gzdt"] == "未更新" and states["ghjh"] == "空白栏目" and states["fdzdgknr"] == "按需更新"
    assert october.risks == ()


def test_running_month_counts_scheduled(tmp_path: Path) -> None:
    report = _report(tmp_path, "2026-11-29", "2026-11")
    assert report.as_of == D("2026-11-29")
    assert report.notes[0] == "本月尚未结束：统计截至 2026-11-29。"
    [s] = report.select("scheduled")
    assert (s.path, s.detail) == ("content/tzgg/s1.md", "定于 2026-11-30 发布")
    assert "content/tzgg/s1.md" not in paths(report, "published")
    assert report.due.due == D("2026-11-27")


def test_future_month_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MonthNotStarted, match="尚未开始"):
        _report(tmp_path, "2026-11-29", "2026-12")


def test_html_is_self_contained_and_every_link_resolves(october: MonthlyReport) -> None:
    text = monthly_html(october)
    assert "<script" not in text and "<link" not in text and "@import" not in text
    assert re.findall(r"https?://[^\s\"'<>]+", text) == ["http://www.w3.org/2000/svg"]  # only the SVG namespace
    ids = set(re.findall(r'id="([^"]+)"', text))
    hrefs = set(re.findall(r'href="#([^"]+)"', text))
    assert hrefs and hrefs <= ids
    assert "内部材料" in text and "noindex" in text
    assert "<svg" in text and 'href="#late--d1"' in text  # 政务服务处's late bar links to its items
    section = text.split('id="late--d1"', 1)[1].split("</section>", 1)[0]
    assert "content/tzgg/n2.md" in section and "content/tzgg/n3.md" not in section


def test_html_is_deterministic(october: MonthlyReport) -> None:
    assert monthly_html(october) == monthly_html(october)


def test_xlsx_is_deterministic_and_dated_today(october: MonthlyReport) -> None:
    a, b = monthly_workbook(october), monthly_workbook(october)
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 5, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2026-11-05T00:00:00Z") == 2  # created and modified: the given today, not the wall clock


def test_xlsx_sheets(october: MonthlyReport) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(monthly_workbook(october)))
    assert wb.sheetnames == ["汇总", "明细", "栏目", "依申请公开"]
    detail = wb["明细"]
    rows = [[c.value for c in r] for r in detail.iter_rows(min_row=2)]
    late = [r for r in rows if r[0] == "逾期发布"]
    assert sorted(r[1] for r in late) == ["content/tzgg/n2.md", "content/tzgg/n3.md", "content/zcwj/p1.md"]
    summary = wb["汇总"]
    linked = [c for r in summary.iter_rows() for c in r if c.hyperlink is not None]
    assert linked and all(c.hyperlink.location.startswith("'明细'!A") for c in linked)


def test_single_veto_risk_in_report(tmp_path: Path) -> None:
    from test_clocks_support import column, make_repo

    cols = [column(f"c{i}", f"栏目{i}", ["综合处"]) for i in range(5)]
    root = make_repo(tmp_path, {}, columns=cols, clocks={"veto_stale": 3})
    result = check_repo(root, today=D("2026-11-29"))
    assert result.site is not None
    report = build_monthly(result.site, 2026, 11)
    assert [(r.metric, r.count, r.threshold) for r in report.risks] == [("blank", 5, 5)]
    assert ("未更新栏目", 3) in report.veto_lines
    text = monthly_html(report)
    assert '<td class="bad">空白栏目</td><td class="n"><a href="#blank">5</a>' in text
    assert 'id="blank"' in text
