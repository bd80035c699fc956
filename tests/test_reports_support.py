"""The fixture repository behind the golden reports, and golden-file helpers (no tests here).

Golden files live in ``tests/golden/reports/``. After an intended change to a report, regenerate
them with ``ZWGK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reports_golden.py`` and review the
diff before committing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from test_clocks_support import COLUMNS, column, index_no, item, make_repo

GOLDEN = Path(__file__).resolve().parent / "golden" / "reports"
UPDATE = os.environ.get("ZWGK_UPDATE_GOLDEN") == "1"
D = dt.date.fromisoformat

NOTICES = """\
notices:
  - date: 2026-03-10
    level: 国家级
    issuer: 国务院办公厅政府信息与政务公开办公室
    doc_no: 国办公开函〔2026〕3号
    division: 政策法规处
    finding: 政策文件未标注有效性
    item: content/zcwj/p2.md
    rectified_on: 2026-03-20
  - date: 2026-06-05
    level: 省级
    issuer: 测试省人民政府办公厅
    division: 政务服务处
    finding: 意见征集未公布采纳情况
  - date: 2026-08-01
    level: 市级
    issuer: 测试市人民政府办公室
    division: 综合处
    finding: 工作动态栏目更新不及时
    rectified_on: 2026-08-10
  - date: 2025-12-20
    level: 省级
    issuer: 测试省人民政府办公厅
    division: 综合处
    finding: 上一年度的问题（不计入 2026 年）
  - date: 2026-12-10
    level: 省级
    issuer: 测试省人民政府办公厅
    division: 综合处
    finding: 统计日之后的通报（不计入截至 11-29 的考核）
"""

ASSESSMENT = """\
base: 100
divisions:
  - {name: 综合处, responsible: 周立}
  - {name: 政务服务处, responsible: 王芳, base: 95}
  - {name: 政策法规处, responsible: 吴敏}
weights:
  notice_higher: 1
  notice_city: 0.5
  unrectified: 1
  late_item: 0.5
  no_interpretation: 1
  consultation_overdue: 1
  response_late: 1
  stale_column_month: 0.25
  blank_column_month: 0.25
"""

INTERPRETATION = """\
---
title: 《测试信息2》解读
index_no: {index}
division: 综合处
summary: 解读材料。
formed: 2026-10-09
signed: 2026-10-09
published: 2026-10-10
interprets: {target}
---

## 背景依据

正文。
"""


def golden_items() -> dict[str, dict[str, Any]]:
    """Every edge the reports must get right, in one small repository."""
    return {
        # 国庆 2026: off 10-01..10-07, make-up working days 09-20 (Sun) and 10-10 (Sat).
        "content/zcwj/p1.md": item(1, formed="2026-09-28", published="2026-10-12", division="政策法规处", kind="policy",
                                   signed=D("2026-09-28")),  # due 10-10 (make-up Saturday): 1 working day late
        "content/zcwj/p2.md": item(2, formed="2026-10-09", published="2026-10-10", kind="policy",
                                   signed=D("2026-10-09")),  # published on the make-up Saturday: on time
        "content/tzgg/n1.md": item(3, formed="2026-09-30", published="2026-10-09"),  # due 10-13 across the holiday
        "content/tzgg/n2.md": item(4, formed="2026-10-20", published="2026-10-30", division="政务服务处"),  # 3 late
        "content/tzgg/n3.md": item(5, formed="2026-10-21", published="2026-10-22", urgent=True),  # same-day rule
        "content/gzdt/g1.md": item(6, formed="2026-10-15", published="2026-10-16", division="政务服务处"),
        "content/gzdt/d1.md": item(7, formed="2026-10-20", published="2026-10-20", draft=True),
        "content/gzdt/g2.md": item(8, formed="2026-11-02", published="2026-11-03"),
        "content/yjzj/c1.md": item(9, formed="2026-08-14", published="2026-08-15", division="政务服务处",
                                   kind="consultation", opens=D("2026-08-15"), closes=D("2026-09-14"),
                                   how_to_submit="电子邮件"),  # outcome due 10-14, never published
        "content/yjzj/c2.md": item(10, formed="2026-06-30", published="2026-07-01", division="政务服务处",
                                   kind="consultation", opens=D("2026-07-01"), closes=D("2026-07-31"),
                                   how_to_submit="电子邮件"),
        "content/yjzj/o2.md": item(11, formed="2026-10-08", published="2026-10-09", division="政策法规处",
                                   kind="outcome", consultation=index_no(10, 2026),
                                   opinions=[{"summary": "意见", "adopted": "采纳"}]),  # due 08-31: 39 days late
        "content/hygz/r1.md": item(12, formed="2026-10-02", published="2026-10-02", division="政务服务处",
                                   kind="response", level="一般",
                                   surfaced_at=dt.datetime(2026, 9, 30, 10, 0, tzinfo=dt.UTC),  # 18:00 BJ
                                   responded_at="2026-10-02 19:00"),  # 1 hour late
        "content/hygz/r2.md": item(13, formed="2026-10-20", published="2026-10-20", kind="response", level="重大",
                                   surfaced_at="2026-10-20 08:00", responded_at="2026-10-20 12:00",
                                   authoritative_at="2026-10-20 12:00"),  # press conference never recorded
        "content/tzgg/u1.md": {k: v for k, v in item(14, published="2026-10-26").items() if k != "formed"},
        "content/tzgg/s1.md": item(15, formed="2026-11-27", published="2026-11-30"),  # scheduled on 11-29
        "content/jgzn/j1.md": item(16, formed="2025-03-01", published="2025-03-03"),  # 1-year column: stale since 2026-03-04
    }


def golden_repo(root: Path) -> Path:
    cols = [*COLUMNS, column("ghjh", "规划计划", ["综合处"], "1年"),
            column("zcjd", "政策解读", ["综合处", "政策法规处"], "6个月")]
    files = {"governance/notices.yml": NOTICES, "governance/assessment.yml": ASSESSMENT,
             "interpretations/jd2/material.md": INTERPRETATION.format(index=index_no(17, 2026), target=index_no(2, 2026))}
    return make_repo(root, golden_items(), columns=cols, files=files)


def xlsx_text(data: bytes) -> str:
    """A reviewable dump of a workbook: properties, then every sheet's cells and internal links."""
    wb = load_workbook(io.BytesIO(data))
    p = wb.properties
    lines = [f"# properties: creator={p.creator} title={p.title} created={p.created} modified={p.modified}"]
    for ws in wb.worksheets:
        lines.append(f"## {ws.title} (freeze {ws.freeze_panes}, filter {ws.auto_filter.ref})")
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if v is None:
                    cells.append("")
                    continue
                text = v.date().isoformat() if isinstance(v, dt.datetime) else str(v)
                if c.hyperlink is not None and c.hyperlink.location:
                    text += f" →{c.hyperlink.location}"
                cells.append(text)
            while cells and cells[-1] == "":
                cells.pop()
            lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"缺少 golden 文件 {path}：运行 ZWGK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reports_golden.py"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} 与 golden 文件不同；如属预期改动，用 ZWGK_UPDATE_GOLDEN=1 重新生成并审阅 diff"
