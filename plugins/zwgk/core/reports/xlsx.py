"""XLSX workbooks for the internal reports (openpyxl), byte-for-byte reproducible for a fixed day.

openpyxl stamps ``docProps/core.xml`` with the wall clock on save and every ZIP entry with the
current time; both are replaced here by the report's "today", so the same report gives the same
bytes (golden tests, and no spurious diffs when reports are archived).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from ..assessment_registers import WEIGHTS
from .assessment import AssessmentReport
from .common import Entry, Metric
from .monthly import MonthlyReport

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="F3F3F3")
LINK = Font(color="0D47A1", underline="single")
RED = Font(color="B71C1C", bold=True)
DATE_FORMAT = "yyyy-mm-dd"
CORE_XML = "docProps/core.xml"


def _width(value: Any) -> int:
    text = value.isoformat() if isinstance(value, dt.date) else str(value if value is not None else "")
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _fit(ws: Worksheet, minimum: int = 6, maximum: int = 60) -> None:
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                widths[cell.column] = max(widths.get(cell.column, 0), _width(cell.value))
    for col, w in sorted(widths.items()):
        ws.column_dimensions[get_column_letter(col)].width = max(minimum, min(maximum, w + 2))


def _header(ws: Worksheet, row: int, labels: Sequence[str]) -> None:
    for i, label in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=i, value=label)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def _link(ws: Worksheet, row: int, col: int, value: int, target: str | None) -> None:
    """A count that jumps to the first 明细 row of its metric (filter the sheet by 处室/栏目)."""
    cell = ws.cell(row=row, column=col, value=value)
    if value and target:
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
        cell.font = LINK


def _detail_sheet(wb: Workbook, title: str, metrics: Sequence[Metric], entries: Sequence[Entry]) -> dict[str, str]:
    """One row per entry, grouped by metric; returns metric → location of its first row."""
    ws = wb.create_sheet(title)
    _header(ws, 1, ["指标", "文件", "位置", "名称", "索引号", "责任处室", "栏目", "日期", "说明", "数值", "数值含义"])
    first: dict[str, str] = {}
    row = 2
    for m in metrics:
        for en in (x for x in entries if x.metric == m.key):
            first.setdefault(m.key, f"'{title}'!A{row}")
            values: list[Any] = [m.label, en.path, en.location, en.title, en.index_no, en.division_text, en.column,
                                 en.date, en.detail, en.value, m.value_label if en.value is not None else ""]
            for col, v in enumerate(values, start=1):
                _put(ws, row, col, v)
            row += 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:K{max(row - 1, 1)}"
    _fit(ws)
    return first


def workbook_bytes(wb: Workbook, day: dt.date, title: str) -> bytes:
    """Serialise with fixed metadata and ZIP timestamps (the report's day, 00:00)."""
    stamp = dt.datetime(day.year, day.month, day.day)
    props = wb.properties
    props.creator = "zwgk"
    props.title = title
    props.lastModifiedBy = None
    props.created = stamp
    buf = io.BytesIO()
    wb.save(buf)
    props.modified = stamp  # save() has just set it to the wall clock
    core = tostring(props.to_tree())
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = core if info.filename == CORE_XML else src.read(info.filename)
            fixed = zipfile.ZipInfo(info.filename, date_time=(max(day.year, 1980), day.month, day.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)
    return out.getvalue()


# -- monthly -------------------------------------------------------------------------------


def monthly_workbook(r: MonthlyReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "汇总"
    # 明细 is built before 汇总 is filled so 汇总 can link to its rows; sheet order stays 汇总, 明细, …
    first = _detail_sheet(wb, "明细", (*r.metrics, *r.request_metrics), r.entries)
    ws.cell(row=1, column=1, value=f"{r.org} {r.title}（内部材料，不公开）").font = Font(bold=True, size=14)
    meta: list[tuple[str, Any]] = [("统计月份", f"{r.year}-{r.month:02d}"), ("统计截至", r.as_of),
                                   ("报送截止", r.due.due), ("报送说明", r.due.note), ("生成日期", r.today)]
    row = 2
    for label, value in meta:
        ws.cell(row=row, column=1, value=label).font = BOLD
        _put(ws, row, 2, value)
        row += 1
    for note in r.notes:
        ws.cell(row=row, column=1, value="说明").font = BOLD
        ws.cell(row=row, column=2, value=note)
        row += 1
    row += 1
    _header(ws, row, ["处室", *(m.label for m in r.metrics)])
    head_row = row
    for d in r.divisions:
        row += 1
        ws.cell(row=row, column=1, value=d)
        for col, m in enumerate(r.metrics, start=2):
            _link(ws, row, col, r.count(m.key, division=d), first.get(m.key))
    row += 1
    ws.cell(row=row, column=1, value="合计").font = BOLD
    for col, m in enumerate(r.metrics, start=2):
        _link(ws, row, col, r.count(m.key), first.get(m.key))
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2).coordinate
    row += 2
    ws.cell(row=row, column=1, value="单项否决风险").font = BOLD
    if not r.risks:
        ws.cell(row=row, column=2, value="未达到风险线")
    for risk in r.risks:
        ws.cell(row=row, column=2, value=risk.label).font = RED
        _link(ws, row, 3, risk.count, first.get(risk.metric))
        ws.cell(row=row, column=4, value=f"风险线 {risk.threshold} 个")
        row += 1
    _fit(ws, maximum=40)

    wc = wb.create_sheet("栏目")
    _header(wc, 1, ["栏目", "标识", "责任处室", "更新周期", "最近更新", "最近更新文件", "应更新日期", "状态", "超期天数",
                    "本月发布", "按时发布", "逾期发布", "定时发布"])
    for i, c in enumerate(r.columns, start=2):
        values: list[Any] = [c.name, c.slug, "、".join(c.divisions), c.period, c.newest, c.newest_path, c.due, c.state,
                             c.overdue_days or None]
        for col, v in enumerate(values, start=1):
            _put(wc, i, col, v)
        if c.state in ("未更新", "长期未更新", "空白栏目"):
            wc.cell(row=i, column=8).font = RED
        for col, key in enumerate(("published", "on_time", "late", "scheduled"), start=10):
            _link(wc, i, col, r.count(key, column=c.slug), first.get(key))
    wc.freeze_panes = "B2"
    _fit(wc)
    _requests_sheet(wb, r, first)
    return workbook_bytes(wb, r.today, f"{r.org} {r.title}")


def _requests_sheet(wb: Workbook, r: MonthlyReport, first: dict[str, str]) -> None:
    """依申请公开: the register's figures by 承办处室, each linking to its 明细 rows (reports/requests.py)."""
    ws = wb.create_sheet("依申请公开")
    ms = r.request_metrics
    _header(ws, 1, ["处室", *(m.label.split("：")[-1] for m in ms)])
    row = 1
    for d in (d for d in r.divisions if any(r.count(m.key, division=d) for m in ms)):
        row += 1
        ws.cell(row=row, column=1, value=d)
        for col, m in enumerate(ms, start=2):
            _link(ws, row, col, r.count(m.key, division=d), first.get(m.key))
    row += 1
    ws.cell(row=row, column=1, value="合计").font = BOLD
    for col, m in enumerate(ms, start=2):
        _link(ws, row, col, r.count(m.key), first.get(m.key))
    ws.freeze_panes = "B2"
    _fit(ws)


# -- assessment ----------------------------------------------------------------------------


def assessment_workbook(r: AssessmentReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "汇总"
    first = _detail_sheet(wb, "明细", r.metrics, r.entries)
    ws.cell(row=1, column=1, value=f"{r.org} {r.title}（内部材料，不公开）").font = Font(bold=True, size=14)
    row = 2
    for label, value in (("考核年度", str(r.year)), ("统计截至", r.as_of), ("生成日期", r.today),
                         ("考核责任分解表", r.table.path + ("" if r.table.found else "（未找到，使用默认值）"))):
        ws.cell(row=row, column=1, value=label).font = BOLD
        _put(ws, row, 2, value)
        row += 1
    for note in r.notes:
        ws.cell(row=row, column=1, value="说明").font = BOLD
        ws.cell(row=row, column=2, value=note)
        row += 1
    row += 1
    keys = list(WEIGHTS)
    _header(ws, row, ["处室", "负责人", "基础分", *(f"{WEIGHTS[k][0]}（每项 {r.table.weights.get(k, 0):g} 分）" for k in keys),
                      "扣分合计", "得分", "评先评优", "取消原因"])
    for sc in r.rows:
        row += 1
        ws.cell(row=row, column=1, value=sc.division)
        ws.cell(row=row, column=2, value=sc.responsible or "（未填写）")
        ws.cell(row=row, column=3, value=sc.base)
        for col, d in enumerate(sc.deductions, start=4):
            _link(ws, row, col, d.count, first.get(d.key))
        col = 4 + len(sc.deductions)
        ws.cell(row=row, column=col, value=sc.total_deduction)
        ws.cell(row=row, column=col + 1, value=sc.score).font = BOLD
        ws.cell(row=row, column=col + 2, value="保留" if sc.eligible else "取消")
        if not sc.eligible:
            ws.cell(row=row, column=col + 2).font = RED
            ws.cell(row=row, column=col + 3, value="；".join(f"{n.date} {n.level}通报（{n.issuer}）：{n.finding}"
                                                             for n in sc.disqualifying))
    _fit(ws, maximum=40)

    wn = wb.create_sheet("通报")
    _header(wn, 1, ["位置", "日期", "级别", "通报单位", "文号", "责任处室", "问题", "涉及信息", "整改完成"])
    for i, n in enumerate(r.notices, start=2):
        values: list[Any] = [f"notices -> [{n.position}]", n.date, n.level, n.issuer, n.doc_no, n.division, n.finding,
                             n.item, n.rectified_on or "未整改"]
        for col, v in enumerate(values, start=1):
            _put(wn, i, col, v)
    wn.freeze_panes = "A2"
    _fit(wn)

    ww = wb.create_sheet("扣分标准")
    _header(ww, 1, ["扣分项", "说明", "每项扣分"])
    for i, k in enumerate(keys, start=2):
        ww.cell(row=i, column=1, value=k)
        ww.cell(row=i, column=2, value=WEIGHTS[k][0])
        ww.cell(row=i, column=3, value=r.table.weights.get(k, 0.0))
    _fit(ww)
    return workbook_bytes(wb, r.today, f"{r.org} {r.title}")
