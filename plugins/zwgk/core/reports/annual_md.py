"""The 年报 as a Markdown item for the 政府信息公开年报 column.

Sections 一、五、六 are the office's text, inserted as written. Sections 二、三、四 are the three
tables as HTML, laid out like the official format (merged header cells), because a Markdown pipe
table cannot merge cells. The wide table 3 sits in a labelled region that takes keyboard focus
(``tabindex="0" role="region" aria-label``): on a phone the table scrolls inside it, and a keyboard
user can reach and scroll it (WCAG 2.1.1 / 1.4.10). Nothing else is written but headings, table
labels and the statistics period.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..requests.model import APPEAL_RESULTS, APPLICANT_TYPES
from ..requests.outcomes import GROUPS, LEAVES, TOTAL
from ..scaffold import yaml_scalar
from .annual import COLS, DOC_COLS, DOC_ROWS, T4_COLS, T4_KEYS
from .annual_report import SECTIONS, AnnualReport

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T2_HEAD = {"制发": "本年制发件数", "废止": "本年废止件数", "现行有效": "现行有效件数"}
T4_HEAD = {"维持": "结果维持", "纠正": "结果纠正", "其他": "其他结果", "未审结": "尚未审结", "总计": "总计"}


def _num(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return escape(str(value))


def _region(label: str, table: str) -> str:
    return (f'<div class="zwgk-table-scroll" tabindex="0" role="region" aria-label="{escape(label)}">\n'
            f"{table}\n</div>")


def table2_html(t2: dict[str, Any]) -> str:
    rows = ['<table class="zwgk-annual-table">', "<caption>主动公开政府信息情况</caption>"]
    rows.append('<thead><tr><th scope="col" colspan="4">第二十条第（一）项</th></tr>')
    rows.append('<tr><th scope="col">信息内容</th>' + "".join(f'<th scope="col">{T2_HEAD[c]}</th>' for c in DOC_COLS)
                + "</tr></thead>")
    rows.append("<tbody>")
    for r in DOC_ROWS:
        rows.append(f'<tr><th scope="row">{r}</th>' + "".join(f"<td>{_num(t2[r][c])}</td>" for c in DOC_COLS) + "</tr>")
    blocks = (("第二十条第（五）项", "本年处理决定数量", ("行政许可",)),
              ("第二十条第（六）项", "本年处理决定数量", ("行政处罚", "行政强制")),
              ("第二十条第（八）项", "本年收费金额（单位：万元）", ("行政事业性收费万元",)))
    for title, head, keys in blocks:
        rows.append(f'<tr><th scope="colgroup" colspan="4">{title}</th></tr>')
        rows.append(f'<tr><th scope="col">信息内容</th><th scope="col" colspan="3">{head}</th></tr>')
        for k in keys:
            name = k.removesuffix("万元")
            rows.append(f'<tr><th scope="row">{name}</th><td colspan="3">{_num(t2[k])}</td></tr>')
    rows.append("</tbody></table>")
    return "\n".join(rows)


def table3_html(t3: dict[str, dict[str, Any]]) -> str:
    orgs = APPLICANT_TYPES[1:]

    def cells(code: str) -> str:
        return "".join(f"<td>{_num(t3[code][c])}</td>" for c in COLS)

    rows = ['<table class="zwgk-annual-table">', "<caption>收到和处理政府信息公开申请情况</caption>", "<thead>"]
    rows.append(f'<tr><th rowspan="3" colspan="3">{NOTE}</th><th scope="colgroup" colspan="7">申请人情况</th></tr>')
    rows.append(f'<tr><th scope="col" rowspan="2">{APPLICANT_TYPES[0]}</th>'
                f'<th scope="colgroup" colspan="{len(orgs)}">法人或其他组织</th><th scope="col" rowspan="2">总计</th></tr>')
    rows.append("<tr>" + "".join(f'<th scope="col">{o}</th>' for o in orgs) + "</tr>")
    rows.append("</thead><tbody>")
    rows.append(f'<tr><th scope="row" colspan="3">一、本年新收政府信息公开申请数量</th>{cells("一")}</tr>')
    rows.append(f'<tr><th scope="row" colspan="3">二、上年结转政府信息公开申请数量</th>{cells("二")}</tr>')
    span = len(LEAVES) + 1
    first = True
    done_groups: set[str] = set()
    for leaf in LEAVES:
        head = f'<th scope="rowgroup" rowspan="{span}">三、本年度办理结果</th>' if first else ""
        first = False
        if leaf.group is None:
            num = leaf.numbering
            rows.append(f'<tr>{head}<th scope="row" colspan="2">{num}{escape(leaf.label)}</th>{cells(leaf.code)}</tr>')
            continue
        group_cell = ""
        if leaf.group not in done_groups:
            done_groups.add(leaf.group)
            n = sum(1 for x in LEAVES if x.group == leaf.group)
            group_cell = f'<th scope="rowgroup" rowspan="{n}">（{leaf.group[-1]}）{GROUPS[leaf.group]}</th>'
        sub = leaf.code.rsplit(".", 1)[-1]
        rows.append(f'<tr>{head}{group_cell}<th scope="row">{sub}.{escape(leaf.label)}</th>{cells(leaf.code)}</tr>')
    rows.append(f'<tr><th scope="row" colspan="2">（{TOTAL.code[-1]}）{TOTAL.label}</th>{cells(TOTAL.code)}</tr>')
    rows.append(f'<tr><th scope="row" colspan="3">四、结转下年度继续办理</th>{cells("四")}</tr>')
    rows.append("</tbody></table>")
    return "\n".join(rows)


def table4_html(t4: dict[str, dict[str, Any]]) -> str:
    n = len(T4_COLS)
    rows = ['<table class="zwgk-annual-table">', "<caption>政府信息公开行政复议、行政诉讼情况</caption>", "<thead>"]
    rows.append(f'<tr><th scope="colgroup" colspan="{n}" rowspan="2">行政复议</th>'
                f'<th scope="colgroup" colspan="{2 * n}">行政诉讼</th></tr>')
    rows.append(f'<tr><th scope="colgroup" colspan="{n}">未经复议直接起诉</th><th scope="colgroup" colspan="{n}">复议后起诉</th></tr>')
    rows.append("<tr>" + "".join(f'<th scope="col">{T4_HEAD[c]}</th>' for _ in T4_KEYS for c in T4_COLS) + "</tr>")
    rows.append("</thead><tbody><tr>" + "".join(f"<td>{_num(t4[k][c])}</td>" for k in T4_KEYS for c in T4_COLS)
                + "</tr></tbody></table>")
    assert tuple(T4_HEAD) == (*APPEAL_RESULTS, "总计")
    return "\n".join(rows)


def item_markdown(r: AnnualReport) -> str:
    """The whole item: front matter, the period line, six sections."""
    front = ["---", *(f"{k}: {yaml_scalar(v)}" for k, v in r.front.items() if v is not None), "---", ""]
    parts = [f"本报告所列数据的统计期限自 {r.year} 年 1 月 1 日起至 {r.year} 年 12 月 31 日止。"]

    def prose(key: str) -> None:
        parts.append(f"## {SECTIONS[key][0]}")
        parts.append(r.sections[key].text)

    prose("overview")
    parts.append("## 二、主动公开政府信息情况")
    parts.append(_region("表二：主动公开政府信息情况（表格可左右滚动）", table2_html(r.table2)))
    parts.append("## 三、收到和处理政府信息公开申请情况")
    parts.append(_region("表三：收到和处理政府信息公开申请情况（表格可左右滚动）", table3_html(r.table3)))
    parts.append("## 四、政府信息公开行政复议、行政诉讼情况")
    parts.append(_region("表四：政府信息公开行政复议、行政诉讼情况（表格可左右滚动）", table4_html(r.table4)))
    prose("problems")
    prose("other")
    return "\n".join(front) + "\n" + "\n\n".join(parts) + "\n"
