"""The 年报 end to end on a copy of the demo: JSON contract, prose rules, XLSX layout, the rendered
item in a real build, and the 1月31日 clock in ``zwgk check`` and the monthly 督查 at its edges."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from support import copy_demo, edit_front_matter, mkdocs_build, run_check, zwgk

D = dt.date.fromisoformat
JAN = D("2026-01-20")  # report season: the 2025 report is generated in January
ITEM = "content/zfxxgknb/2026-006.md"
INPUT = "governance/annual/2025.yml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_demo(tmp_path / "repo")


def _edit_input(root: Path, **changes: object) -> None:
    path = root / INPUT
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _json(root: Path, year: str = "2025", today: dt.date = JAN) -> tuple[int, dict[str, object]]:
    proc = zwgk(root, "report", "annual", year, "--format", "json", today=today)
    return proc.returncode, json.loads(proc.stdout)


def test_json_contract_on_the_demo(repo: Path) -> None:
    code, data = _json(repo)
    assert code == 0
    assert list(data) == ["year", "table2", "table3", "table4", "checks"] and data["year"] == 2025
    rows = ["一", "二", "三.一", "三.二", *(f"三.三.{i}" for i in range(1, 9)), *(f"三.四.{i}" for i in range(1, 4)),
            *(f"三.五.{i}" for i in range(1, 6)), *(f"三.六.{i}" for i in range(1, 4)), "三.七", "四"]
    cols = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    t3 = data["table3"]
    assert isinstance(t3, dict) and list(t3) == rows and all(list(v) == cols for v in t3.values())
    assert [t3[r]["总计"] for r in ("一", "二", "三.七", "四")] == [14, 1, 14, 1]
    t4 = data["table4"]
    assert isinstance(t4, dict) and list(t4) == ["复议", "诉讼-直接", "诉讼-复议后"]
    assert all(list(v) == ["维持", "纠正", "其他", "未审结", "总计"] for v in t4.values())
    assert t4["复议"]["维持"] == 1
    t2 = data["table2"]
    assert isinstance(t2, dict)
    assert list(t2) == ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费万元"]
    assert t2["规章"] == {"制发": 0, "废止": 0, "现行有效": 0} and t2["行政许可"] == 36
    assert data["checks"] == []


def test_broken_register_is_listed_in_checks_and_blocks_the_item(repo: Path) -> None:
    rec = repo / "governance/requests/2025/003.yml"
    rec.write_text(rec.read_text(encoding="utf-8").replace("outcome: 三.四.1", "outcome: 查无此类"), encoding="utf-8")
    before = (repo / ITEM).read_text(encoding="utf-8")
    code, data = _json(repo)
    assert code == 1
    rules = {c["rule"] for c in data["checks"]}  # type: ignore[union-attr,index]
    assert {"annual.outcome", "annual.leaves", "requests.outcome"} <= rules
    proc = zwgk(repo, "report", "annual", "2025", "--format", "md", today=JAN)
    assert proc.returncode == 1 and "未生成年报信息" in proc.stderr
    assert (repo / ITEM).read_text(encoding="utf-8") == before


def test_table2_counts_policies_by_signing_and_end_dates(repo: Path) -> None:
    code, data = _json(repo, "2026", D("2027-01-10"))
    t2 = data["table2"]
    assert isinstance(t2, dict)
    assert t2["行政规范性文件"] == {"制发": 2, "废止": 0, "现行有效": 2}  # the demo's two 2026 policies
    assert code == 1  # no governance/annual/2026.yml yet: named as the fix
    assert "annual.input" in {c["rule"] for c in data["checks"]}  # type: ignore[union-attr,index]


def test_missing_prose_is_an_error_never_invented(repo: Path) -> None:
    _edit_input(repo, problems=None)
    (repo / ITEM).unlink()  # no draft to preserve the section from
    proc = zwgk(repo, "report", "annual", "2025", "--format", "md", today=JAN)
    assert proc.returncode == 1
    assert "annual.prose_missing" in proc.stderr and "五、存在的主要问题及改进情况" in proc.stderr
    assert not (repo / ITEM).exists()


def test_prose_preserved_from_the_existing_draft(repo: Path) -> None:
    draft = (repo / ITEM).read_text(encoding="utf-8")
    kept = draft.split("## 五、存在的主要问题及改进情况\n\n", 1)[1].split("\n## ", 1)[0].strip()
    _edit_input(repo, problems=None)
    proc = zwgk(repo, "report", "annual", "2025", "--format", "md", today=JAN)
    assert proc.returncode == 0, proc.stderr
    assert kept and kept in (repo / ITEM).read_text(encoding="utf-8")


def test_last_years_text_copied_is_refused(repo: Path) -> None:
    this = yaml.safe_load((repo / INPUT).read_text(encoding="utf-8"))
    # Last year's file with the same overview, only the year and the figures different.
    old = {**this, "year": 2024, "overview": re.sub(r"\d+", "7", this["overview"].replace("2025", "2024"))}
    (repo / "governance/annual/2024.yml").write_text(yaml.safe_dump(old, allow_unicode=True), encoding="utf-8")
    code, data = _json(repo)
    assert code == 1
    copied = [c for c in data["checks"] if c["rule"] == "annual.prose_copied"]  # type: ignore[union-attr,index]
    assert sorted(c["field"] for c in copied) == ["other", "overview", "problems"]  # type: ignore[index]
    # Rewritten text passes.
    old.update(overview="2024 年的工作重点是专栏改版。", problems="2024 年栏目更新不及时。", other="2024 年未收取信息处理费。")
    (repo / "governance/annual/2024.yml").write_text(yaml.safe_dump(old, allow_unicode=True), encoding="utf-8")
    assert _json(repo)[0] == 0


def test_section_six_must_state_the_processing_fee(repo: Path) -> None:
    _edit_input(repo, other="本年度无其他需要报告的事项。")
    code, data = _json(repo)
    assert code == 1 and [c["rule"] for c in data["checks"]] == ["annual.prose_fee"]  # type: ignore[union-attr,index]


def test_bad_input_file_is_a_finding_not_a_traceback(repo: Path) -> None:
    (repo / INPUT).write_text("year: 2025\ntable2: [1, 2]\nreport: {index_no: &a x, formed: *a}\n", encoding="utf-8")
    proc = zwgk(repo, "report", "annual", "2025", "--format", "json", today=JAN)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{INPUT}" in proc.stderr and "锚点" in proc.stderr


def test_xlsx_has_the_official_layout_and_traceability(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = zwgk(repo, "report", "annual", "2025", "--format", "xlsx", "--out", str(out), today=JAN)
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(out / "annual-2025.xlsx")
    assert wb.sheetnames == ["说明", "表二 主动公开", "表三 依申请公开", "表四 复议诉讼", "校验", "来源"]
    t3 = wb["表三 依申请公开"]
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "E3:I3", "D3:D4", "J3:J4", "A7:A28", "B9:B16"} <= merged
    assert "勾稽关系" in str(t3["A2"].value)
    assert t3["D5"].value == 9 and t3["J5"].value == 14 and t3["J28"].value == 14 and t3["J29"].value == 1
    link = t3["J6"].hyperlink
    assert link is not None and link.location.startswith("'来源'!A")
    row = int(link.location.rsplit("A", 1)[1])
    assert wb["来源"].cell(row=row, column=4).value == "governance/requests/2024/017.yml"
    t4 = wb["表四 复议诉讼"]
    assert {"A2:E3", "F2:O2", "F3:J3", "K3:O3"} <= {str(r) for r in t4.merged_cells.ranges}
    assert {"A2:D2", "B7:D7"} <= {str(r) for r in wb["表二 主动公开"].merged_cells.ranges}


def test_generated_item_renders_proper_tables_in_a_real_build(repo: Path) -> None:
    proc = mkdocs_build(repo)
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = (repo / "site/zfxxgknb/2026-006/index.html").read_text(encoding="utf-8")
    regions = re.findall(r'<div class="zwgk-table-scroll" tabindex="0" role="region" aria-label="([^"]+)">\s*<table', html)
    assert len(regions) == 3 and regions[1].startswith("表三")
    assert html.count('<table class="zwgk-annual-table">') == 3
    assert '<th rowspan="3" colspan="3">（本列数据的勾稽关系为' in html
    assert '<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>' in html
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert f">{heading}</h2>" in html
    assert "html.cleaned" not in proc.stderr
    assert not list((repo / "site").rglob("*annual*")) and not (repo / "site/governance").exists()


# -- the 1月31日 clock ----------------------------------------------------------------------------


def _withhold(root: Path) -> None:
    """The 2025 report not yet out: a draft."""
    edit_front_matter(root / ITEM, lambda m: m.update(draft=True))


def _clock(root: Path, day: str) -> list[tuple[str, str]]:
    result = run_check(root, D(day))
    return [(f.rule, f.severity) for f in result.findings if f.rule.startswith("annual.")]


def test_clock_edges(repo: Path) -> None:
    # Published on 2026-01-14: the advisory runs until the day before, nothing from that day.
    assert _clock(repo, "2026-01-13") == [("annual.report_due", "warning")]
    assert _clock(repo, "2026-01-14") == []
    _withhold(repo)
    assert _clock(repo, "2026-01-01") == [("annual.report_due", "warning")]
    # 2026-01-31 is a Saturday: due on Monday 2 February (the calendar), late from the 3rd.
    assert _clock(repo, "2026-02-02") == [("annual.report_due", "warning")]
    assert _clock(repo, "2026-02-03") == [("annual.report_late", "warning")]
    result = run_check(repo, D("2026-02-03"))
    # Shown, never blocking: other publications (urgent notices) must not wait for the 年报.
    assert [f.rule for f in result.blocking_warnings if f.rule.startswith("annual.")] == []
    assert [f.rule for f in result.advisories if f.rule.startswith("annual.")] == ["annual.report_late"]


def test_clock_due_date_follows_the_holiday_calendar() -> None:
    from zwgk.core.clocks.annual import due_date
    from zwgk.core.workdays import WorkCalendar

    cal, _ = WorkCalendar.load()
    assert due_date(cal, 2024)[0] == D("2025-02-05")  # 31 January 2025 falls in the Spring Festival holiday
    assert due_date(cal, 2025)[0] == D("2026-02-02")  # Saturday
    assert due_date(cal, 2022)[0] == D("2023-01-31")  # Tuesday: the day itself


def test_clock_in_check_command_and_monthly_report(repo: Path, tmp_path: Path) -> None:
    _withhold(repo)
    proc = zwgk(repo, "check", today=D("2026-01-05"))
    assert "annual.report_due" in proc.stdout + proc.stderr
    zwgk(repo, "report", "monthly", "2026-01", "--format", "html", "--out", str(tmp_path / "m"), today=D("2026-01-05"))
    page = (tmp_path / "m/monthly-2026-01.html").read_text(encoding="utf-8")
    assert "【致综合处】2025 年政府信息公开工作年度报告尚未公开" in page
    zwgk(repo, "report", "monthly", "2026-02", "--format", "html", "--out", str(tmp_path / "m"), today=D("2026-02-10"))
    assert "【警告】2025 年政府信息公开工作年度报告应于 2026-02-02" in (tmp_path / "m/monthly-2026-02.html").read_text(encoding="utf-8")
