"""The 年报's three tables as an XLSX in the official layout (merged headers, the 勾稽关系 note),
for the office's submission to the 政务公开办.

Traceability as in the monthly report: every non-zero figure links to its rows in the 来源 sheet,
which lists the files it was counted from (register records, policy items, the annual data
file). A 校验 sheet lists the checks that failed (empty when the tables add up).
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ..findings import sort_findings
from ..requests.model import APPLICANT_TYPES
from ..requests.outcomes import GROUPS, LEAVES, TOTAL
from .annual import COLS, DOC_COLS, DOC_ROWS, T4_COLS, T4_KEYS
from .annual_md import NOTE, T2_HEAD, T4_HEAD
from .annual_report import AnnualReport
from .xlsx import BOLD, HEAD_FILL, LINK, _fit, _header, workbook_bytes

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


class _Sheet:
    def __init__(self, ws: Worksheet, sources: dict[tuple[str, str, str], str]) -> None:
        self.ws, self.sources = ws, sources

    def head(self, row: int, col: int, text: str, rows: int = 1, cols: int = 1, *, left: bool = False) -> None:
        ws = self.ws
        if rows > 1 or cols > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, LEFT if left else CENTER
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                ws.cell(row=r, column=c).border = BOX

    def value(self, row: int, col: int, value: Any, key: tuple[str, str, str], cols: int = 1) -> None:
        ws = self.ws
        if cols > 1:
            ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + cols - 1)
        cell = ws.cell(row=row, column=col, value=value)
        cell.alignment, cell.border = CENTER, BOX
        target = self.sources.get(key)
        if value and target:
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
            cell.font = LINK
        for c in range(col + 1, col + cols):
            ws.cell(row=row, column=c).border = BOX


def _sources_sheet(wb: Workbook, r: AnnualReport) -> dict[tuple[str, str, str], str]:
    ws = wb.create_sheet("来源")
    _header(ws, 1, ["表格", "行", "列", "计入的文件"])
    first: dict[tuple[str, str, str], str] = {}
    row = 2
    names = {"table2": "表二", "table3": "表三", "table4": "表四"}
    for key in sorted(r.sources):
        for path in r.sources[key]:
            first.setdefault(key, f"'来源'!A{row}")
            for col, v in enumerate((names[key[0]], key[1], key[2], path), start=1):
                ws.cell(row=row, column=col, value=v)
            row += 1
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:D{max(row - 1, 1)}"
    _fit(ws)
    return first


def _table2(wb: Workbook, r: AnnualReport, src: dict[tuple[str, str, str], str]) -> None:
    s = _Sheet(wb.create_sheet("表二 主动公开"), src)
    s.ws.cell(row=1, column=1, value="二、主动公开政府信息情况").font = Font(bold=True, size=13)
    s.head(2, 1, "第二十条第（一）项", cols=4)
    s.head(3, 1, "信息内容")
    for i, c in enumerate(DOC_COLS, start=2):
        s.head(3, i, T2_HEAD[c])
    row = 4
    for name in DOC_ROWS:
        s.head(row, 1, name, left=True)
        for i, c in enumerate(DOC_COLS, start=2):
            s.value(row, i, r.table2[name][c], ("table2", name, c))
        row += 1
    for title, head, keys in (("第二十条第（五）项", "本年处理决定数量", ("行政许可",)),
                              ("第二十条第（六）项", "本年处理决定数量", ("行政处罚", "行政强制")),
                              ("第二十条第（八）项", "本年收费金额（单位：万元）", ("行政事业性收费万元",))):
        s.head(row, 1, title, cols=4)
        s.head(row + 1, 1, "信息内容")
        s.head(row + 1, 2, head, cols=3)
        row += 2
        for k in keys:
            s.head(row, 1, k.removesuffix("万元"), left=True)
            s.value(row, 2, r.table2[k], ("table2", k, ""), cols=3)
            row += 1
    for col, width in zip("ABCD", (26, 18, 18, 18), strict=True):
        s.ws.column_dimensions[col].width = width


def _table3(wb: Workbook, r: AnnualReport, src: dict[tuple[str, str, str], str]) -> None:
    s = _Sheet(wb.create_sheet("表三 依申请公开"), src)
    s.ws.cell(row=1, column=1, value="三、收到和处理政府信息公开申请情况").font = Font(bold=True, size=13)
    s.head(2, 1, NOTE, rows=3, cols=3)
    s.head(2, 4, "申请人情况", cols=7)
    s.head(3, 4, APPLICANT_TYPES[0], rows=2)
    s.head(3, 5, "法人或其他组织", cols=5)
    s.head(3, 10, "总计", rows=2)
    for i, name in enumerate(APPLICANT_TYPES[1:], start=5):
        s.head(4, i, name)

    def values(row: int, code: str) -> None:
        for i, c in enumerate(COLS, start=4):
            s.value(row, i, r.table3[code][c], ("table3", code, c))

    s.head(5, 1, "一、本年新收政府信息公开申请数量", cols=3, left=True)
    values(5, "一")
    s.head(6, 1, "二、上年结转政府信息公开申请数量", cols=3, left=True)
    values(6, "二")
    row = 7
    s.head(row, 1, "三、本年度办理结果", rows=len(LEAVES) + 1)
    seen: set[str] = set()
    for leaf in LEAVES:
        if leaf.group is None:
            s.head(row, 2, f"{leaf.numbering}{leaf.label}", cols=2, left=True)
        else:
            if leaf.group not in seen:
                seen.add(leaf.group)
                n = sum(1 for x in LEAVES if x.group == leaf.group)
                s.head(row, 2, f"（{leaf.group[-1]}）{GROUPS[leaf.group]}", rows=n)
            s.head(row, 3, f"{leaf.code.rsplit('.', 1)[-1]}.{leaf.label}", left=True)
        values(row, leaf.code)
        row += 1
    s.head(row, 2, f"（{TOTAL.code[-1]}）{TOTAL.label}", cols=2, left=True)
    values(row, TOTAL.code)
    s.head(row + 1, 1, "四、结转下年度继续办理", cols=3, left=True)
    values(row + 1, "四")
    for col, width in zip("ABCDEFGHIJ", (10, 12, 36, 9, 9, 9, 11, 11, 9, 9), strict=True):
        s.ws.column_dimensions[col].width = width
    s.ws.freeze_panes = "D5"


def _table4(wb: Workbook, r: AnnualReport, src: dict[tuple[str, str, str], str]) -> None:
    s = _Sheet(wb.create_sheet("表四 复议诉讼"), src)
    s.ws.cell(row=1, column=1, value="四、政府信息公开行政复议、行政诉讼情况").font = Font(bold=True, size=13)
    n = len(T4_COLS)
    s.head(2, 1, "行政复议", rows=2, cols=n)
    s.head(2, n + 1, "行政诉讼", cols=2 * n)
    s.head(3, n + 1, "未经复议直接起诉", cols=n)
    s.head(3, 2 * n + 1, "复议后起诉", cols=n)
    col = 1
    for key in T4_KEYS:
        for c in T4_COLS:
            s.head(4, col, T4_HEAD[c])
            s.value(5, col, r.table4[key][c], ("table4", key, c))
            s.ws.column_dimensions[s.ws.cell(row=4, column=col).column_letter].width = 10
            col += 1


def _checks(wb: Workbook, r: AnnualReport) -> None:
    ws = wb.create_sheet("校验")
    _header(ws, 1, ["级别", "规则", "文件", "字段", "问题", "处理"])
    row = 2
    for f in sort_findings(r.findings):
        for col, v in enumerate(("错误" if f.is_error else "警告", f.rule, f.path, f.field or "", f.message, f.hint),
                                start=1):
            ws.cell(row=row, column=col, value=v)
        row += 1
    if row == 2:
        ws.cell(row=2, column=1, value="全部校验通过：表三每列第一项加第二项等于第三项加第四项，各项之和与总计一致。")
    _fit(ws)


def annual_workbook(r: AnnualReport) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "说明"
    ws.cell(row=1, column=1, value=r.title).font = Font(bold=True, size=14)
    lines = [("统计期限", f"{r.year}-01-01 至 {r.year}-12-31"), ("生成日期", r.today.isoformat()),
             ("数据来源", "表二：仓库中的规范性文件（kind: policy）及 " + r.input_path + "；表三、表四：依申请公开登记簿 governance/requests/"),
             ("追溯", "点击表中带下划线的数字，跳到“来源”表中计入该数字的文件"),
             ("校验", f"{len(r.errors)} 个错误，{len(r.findings) - len(r.errors)} 个警告（见“校验”表）")]
    for i, (k, v) in enumerate(lines, start=3):
        ws.cell(row=i, column=1, value=k).font = BOLD
        ws.cell(row=i, column=2, value=v)
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 100
    # 来源 first (its rows are link targets), then moved behind the tables.
    src = _sources_sheet(wb, r)
    _table2(wb, r, src)
    _table3(wb, r, src)
    _table4(wb, r, src)
    _checks(wb, r)
    wb.move_sheet("来源", offset=len(wb.sheetnames) - 1 - wb.sheetnames.index("来源"))
    return workbook_bytes(wb, r.today, r.title)
