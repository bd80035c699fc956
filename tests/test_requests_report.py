"""The monthly 督查's 依申请公开 section, built from the demo register (governance/requests/2026)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

from openpyxl import load_workbook
from support import run_check
from zwgk.core.reports.html import monthly_html
from zwgk.core.reports.monthly import build_monthly
from zwgk.core.reports.xlsx import monthly_workbook

D = dt.date.fromisoformat


def report(demo: Path, year: int, month: int, today: str):  # type: ignore[no-untyped-def]
    # Only the 2026 register (other years belong to the 年报's fixtures and may change).
    for folder in (demo / "governance/requests").iterdir():
        if folder.name != "2026":
            shutil.rmtree(folder)
    result = run_check(demo, D(today))
    assert result.site is not None
    return build_monthly(result.site, year, month)


def ids(r, metric: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.index_no for e in r.select(metric)]


def test_october_across_national_day(demo: Path) -> None:
    r = report(demo, 2026, 10, "2026-11-29")  # seen on 10-31, the month's last day
    assert ids(r, "req_received") == ["2026-007", "2026-008"]
    assert ids(r, "req_replied") == ["2026-006"]
    late = r.select("req_replied_late")
    assert [(e.index_no, e.value) for e in late] == [("2026-006", 3.0)]  # due 10-16, replied 10-21
    assert ids(r, "req_overdue") == []  # 2026-007 is due 11-05
    assert [(e.index_no, e.value) for e in r.select("req_due_soon")] == [("2026-007", 4.0)]  # 11-02…05
    assert sorted(ids(r, "req_open")) == ["2026-007", "2026-008"]


def test_november_and_by_division(demo: Path) -> None:
    r = report(demo, 2026, 11, "2026-11-29")
    assert ids(r, "req_received") == ["2026-009"]
    assert [(e.index_no, e.value) for e in r.select("req_overdue")] == [("2026-007", 16.0)]
    assert sorted(ids(r, "req_open")) == ["2026-008", "2026-009"]
    assert r.count("req_overdue", division="电子政务管理处") == 1
    assert r.count("req_open", division="（未转办）") == 1  # 2026-009 awaits its correction
    page = monthly_html(r)
    section = page[page.index("六、依申请公开"):page.index("七、明细")]
    assert "电子政务管理处" in section and 'href="#req_overdue"' in section
    assert 'id="req_overdue"' in page  # the figure links to its 明细
    wb = load_workbook(io.BytesIO(monthly_workbook(r)))
    ws = wb["依申请公开"]
    rows = {row[0].value: [c.value for c in row[1:]] for row in ws.iter_rows(min_row=2)}
    labels = [c.value for c in ws[1]][1:]
    assert rows["合计"][labels.index("逾期未答复")] == 1
    assert rows["电子政务管理处"][labels.index("逾期未答复")] == 1
    detail = [[c.value for c in row] for row in wb["明细"].iter_rows(min_row=2)]
    assert any(row[0] == "依申请公开：逾期未答复" and row[1] == "governance/requests/2026/007.yml" for row in detail)


def test_register_errors_are_noted_not_hidden(demo: Path) -> None:
    (demo / "governance/requests/2026/010.yml").write_text("id: 2026-010\nreceived: 2026-11-02\nchannel: 微信\n",
                                                            encoding="utf-8")
    r = report(demo, 2026, 11, "2026-11-29")
    assert any("登记簿有" in n and "zwgk check" in n for n in r.notes)
