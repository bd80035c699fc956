"""The 年报 as a Markdown item for the 政府信息公开年报 column.

Sections 一、五、六 are the office's text, inserted as written. Sections 二、三、四 are the three
tables as HTML, laid out like the official format (merged header cells), because a Markdown pipe
table cannot merge cells. The wide table 3 sits in a labelled region that takes keyboard focus
(``tabindex="0" role="region" aria-label``): on a phone the table scrolls inside it, and a keyboard
user can reach and scroll it (WCAG 2.1.1 / 1.4.10). Nothing else is written but headings, table
labels and the statistics period.

The tables' markup is in ``data/templates/annual/`` (autoescaped, ``core/htmltemplates.py``); this
module decides what goes in the cells.
"""

from __future__ import annotations

from typing import Any

from ..htmltemplates import render
from ..requests.model import APPEAL_RESULTS, APPLICANT_TYPES
from ..requests.outcomes import GROUPS, LEAVES, TOTAL
from ..scaffold import yaml_scalar
from .annual import COLS, DOC_COLS, DOC_ROWS, T4_COLS, T4_KEYS
from .annual_report import SECTIONS, AnnualReport

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T2_HEAD = {"制发": "本年制发件数", "废止": "本年废止件数", "现行有效": "现行有效件数"}
T4_HEAD = {"维持": "结果维持", "纠正": "结果纠正", "其他": "其他结果", "未审结": "尚未审结", "总计": "总计"}


def _num(value: Any) -> str:
    """A cell's figure, as text for the template to escape: floats (the 收费 in 万元) to at most four
    decimals without trailing zeros."""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def _leaf_rows() -> list[dict[str, Any]]:
    """The 三、 rows of table 3: each row's label, and on a group's first row its rowspan cell."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for leaf in LEAVES:
        if leaf.group is None:
            rows.append({"code": leaf.code, "label": f"{leaf.numbering}{leaf.label}", "grouped": False,
                         "group_head": "", "group_span": 0})
            continue
        head, span = "", 0
        if leaf.group not in seen:
            seen.add(leaf.group)
            head = f"（{leaf.group[-1]}）{GROUPS[leaf.group]}"
            span = sum(1 for x in LEAVES if x.group == leaf.group)
        sub = leaf.code.rsplit(".", 1)[-1]
        rows.append({"code": leaf.code, "label": f"{sub}.{leaf.label}", "grouped": True,
                     "group_head": head, "group_span": span})
    return rows


def table2_html(t2: dict[str, Any]) -> str:
    """Table 2 in its scrolling region (markup: ``data/templates/annual/table2.html.j2``)."""
    return render("annual/table2.html.j2", t2=t2, doc_rows=DOC_ROWS, doc_cols=DOC_COLS, head=T2_HEAD, num=_num)


def table3_html(t3: dict[str, dict[str, Any]]) -> str:
    """Table 3 in its scrolling region (markup: ``data/templates/annual/table3.html.j2``)."""
    total = {"code": TOTAL.code, "label": f"（{TOTAL.code[-1]}）{TOTAL.label}"}
    return render("annual/table3.html.j2", t3=t3, cols=COLS, note=NOTE, person=APPLICANT_TYPES[0],
                  orgs=APPLICANT_TYPES[1:], leaves=_leaf_rows(), total=total, num=_num)


def table4_html(t4: dict[str, dict[str, Any]]) -> str:
    """Table 4 in its scrolling region (markup: ``data/templates/annual/table4.html.j2``)."""
    assert tuple(T4_HEAD) == (*APPEAL_RESULTS, "总计")
    return render("annual/table4.html.j2", t4=t4, keys=T4_KEYS, cols=T4_COLS, head=T4_HEAD, num=_num)


def item_markdown(r: AnnualReport) -> str:
    """The whole item: front matter, the period line, six sections."""
    front = ["---", *(f"{k}: {yaml_scalar(v)}" for k, v in r.front.items() if v is not None), "---", ""]
    parts = [f"本报告所列数据的统计期限自 {r.year} 年 1 月 1 日起至 {r.year} 年 12 月 31 日止。"]

    def prose(key: str) -> None:
        parts.append(f"## {SECTIONS[key][0]}")
        parts.append(r.sections[key].text)

    prose("overview")
    parts.append("## 二、主动公开政府信息情况")
    parts.append(table2_html(r.table2))
    parts.append("## 三、收到和处理政府信息公开申请情况")
    parts.append(table3_html(r.table3))
    parts.append("## 四、政府信息公开行政复议、行政诉讼情况")
    parts.append(table4_html(r.table4))
    prose("problems")
    prose("other")
    return "\n".join(front) + "\n" + "\n\n".join(parts) + "\n"
