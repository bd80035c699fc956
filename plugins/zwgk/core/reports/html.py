"""Self-contained HTML for the internal reports: inline CSS and SVG, no script, no CDN, no fonts.

Every figure links to the entries behind it (``#late--d2`` → the detail table listing the file
paths), so a 督查 reader can go from a number to the files without another tool. The output is
a pure function of the report: the same report gives the same bytes.

The markup lives in ``data/templates/reports/`` (autoescaped, see ``core/htmltemplates.py``);
this module computes what the templates print: the chart geometry and the detail sections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..assessment_registers import WEIGHTS
from ..htmltemplates import render
from .assessment import AssessmentReport
from .common import Entry, Metric, anchor
from .monthly import TIMELINESS, MonthlyReport, timeliness_by_division

COLORS = {"on_time": "#2e7d32", "late": "#c62828", "undetermined": "#9e9e9e", "scheduled": "#1565c0"}
LABELS = {"on_time": "按时发布", "late": "逾期发布", "undetermined": "无法判断", "scheduled": "定时发布"}
# 四、按栏目统计: a column's state links to the detail section of the metric behind it.
STATE_METRICS = {"空白栏目": "blank", "长期未更新": "long_stale", "未更新": "stale"}


@dataclass(frozen=True)
class Segment:
    value: float
    color: str
    href: str
    title: str


@dataclass(frozen=True)
class _Bar:
    x: float
    width: float
    segment: Segment


@dataclass(frozen=True)
class _ChartRow:
    name: str
    y: int
    bars: tuple[_Bar, ...]
    end: float  # where the total is written, after the last bar
    total: float


@dataclass(frozen=True)
class _LegendKey:
    x: int
    name: str
    color: str


@dataclass(frozen=True)
class BarChart:
    """A horizontal stacked bar chart (inline SVG, each segment a link), laid out for the template."""
    title: str
    width: int
    height: int
    label_w: int
    top: int
    row_h: int
    legend: tuple[_LegendKey, ...]
    rows: tuple[_ChartRow, ...]  # empty: nothing to draw, the chart says ``empty``
    unit: str
    empty: str


def bar_chart(title: str, rows: Sequence[tuple[str, Sequence[Segment]]], legend: Sequence[tuple[str, str]],
              *, unit: str = "条", empty: str = "无数据") -> BarChart:
    label_w, bar_w, row_h, top = 150, 520, 26, 30
    biggest = max((sum(s.value for s in segs) for _, segs in rows), default=0)
    keys: list[_LegendKey] = []
    x = label_w
    for name, color in legend:
        keys.append(_LegendKey(x, name, color))
        x += 16 + 14 * len(name) + 18
    laid: list[_ChartRow] = []
    if biggest > 0:
        scale = bar_w / biggest
        for i, (name, segs) in enumerate(rows):
            x0 = float(label_w)
            bars: list[_Bar] = []
            for seg in segs:
                if seg.value <= 0:
                    continue
                bars.append(_Bar(x0, seg.value * scale, seg))
                x0 += seg.value * scale
            laid.append(_ChartRow(name, top + i * row_h, tuple(bars), x0, sum(s.value for s in segs)))
    return BarChart(title, label_w + bar_w + 70, top + row_h * max(1, len(rows)) + 10, label_w, top, row_h,
                    tuple(keys), tuple(laid), unit, empty)


@dataclass(frozen=True)
class _Detail:
    id: str
    heading: str
    entries: tuple[Entry, ...]
    metric: Metric


def _details(metrics: Sequence[Metric], entries: Sequence[Entry], divisions: Sequence[str],
             columns: Sequence[tuple[str, str]]) -> list[_Detail]:
    """One section per linked figure: all, per division, per column (only where there are entries)."""
    out: list[_Detail] = []
    for m in metrics:
        mine = tuple(x for x in entries if x.metric == m.key)
        if not mine:
            continue
        out.append(_Detail(anchor(m.key), f"{m.label}（全部，{len(mine)} {m.unit}）", mine, m))
        for i, d in enumerate(divisions):
            sub = tuple(x for x in mine if d in x.divisions)
            if sub:
                out.append(_Detail(anchor(m.key, division_index=i), f"{m.label} · {d}（{len(sub)} {m.unit}）", sub, m))
        for slug, name in columns:
            sub = tuple(x for x in mine if x.column == slug)
            if sub:
                out.append(_Detail(anchor(m.key, column=slug), f"{m.label} · 栏目“{name}”（{len(sub)} {m.unit}）", sub, m))
    return out


# -- monthly -------------------------------------------------------------------------------


def monthly_html(r: MonthlyReport) -> str:
    rows = [(d, [Segment(counts[k], COLORS[k], anchor(k, division_index=i), f"{d} {LABELS[k]} {counts[k]} 条")
                 for k in TIMELINESS])
            for i, (d, counts) in enumerate(timeliness_by_division(r))]
    chart = bar_chart(f"{r.title}：各处室发布时效", rows, [(LABELS[k], COLORS[k]) for k in TIMELINESS],
                      empty="本月没有发布信息")
    # 六、依申请公开 lists only the divisions with a figure in it
    request_divisions = [(i, d) for i, d in enumerate(r.divisions)
                         if any(r.count(m.key, division=d) for m in r.request_metrics)]
    details = _details((*r.metrics, *r.request_metrics), r.entries, r.divisions, [(c.slug, c.name) for c in r.columns])
    return render("reports/monthly.html.j2", title=f"{r.org} {r.title}", r=r, anchor=anchor, chart=chart,
                  state_metrics=STATE_METRICS, veto_text="、".join(f"{label} {n} 个" for label, n in r.veto_lines),
                  request_divisions=request_divisions, details=details)


# -- assessment ----------------------------------------------------------------------------


def assessment_html(r: AssessmentReport) -> str:
    chart = bar_chart(f"{r.title}：各处室得分", [
        (row.division, [Segment(row.score, "#2e7d32", f"score--d{i}", f"{row.division} 得分 {row.score:g}"),
                        Segment(row.total_deduction, "#c62828", f"score--d{i}", f"{row.division} 扣分 {row.total_deduction:g}")])
        for i, row in enumerate(r.rows)],
        [("得分", "#2e7d32"), ("扣分", "#c62828")], unit="分")
    return render("reports/assessment.html.j2", title=f"{r.org} {r.title}", r=r, anchor=anchor, chart=chart,
                  weights=[(WEIGHTS[k][0], r.table.weights.get(k, 0)) for k in WEIGHTS],
                  details=_details(r.metrics, r.entries, r.divisions, []))
