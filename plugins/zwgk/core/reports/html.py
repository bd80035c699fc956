"""Self-contained HTML for the internal reports: inline CSS and SVG, no script, no CDN, no fonts.

Every figure links to the entries behind it (``#late--d2`` → the detail table listing the file
paths), so a 督查 reader can go from a number to the files without another tool. The output is
a pure function of the report: the same report gives the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..assessment_registers import WEIGHTS
from .assessment import AssessmentReport
from .common import Entry, Metric, anchor
from .monthly import TIMELINESS, MonthlyReport, timeliness_by_division

e = html.escape

CSS = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",SimSun,sans-serif;
margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1a1a1a;line-height:1.6}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;border-bottom:2px solid #b71c1c;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.internal{color:#b71c1c;font-weight:bold;border:1px solid #b71c1c;display:inline-block;padding:.1rem .6rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:bold;background:#fafafa}
a{color:#0d47a1}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.meta dt{font-weight:bold}
dl.meta dd{margin:0}.bad{color:#b71c1c;font-weight:bold}.ok{color:#2e7d32}
section.detail{margin-bottom:1rem}code{font-size:.85rem;word-break:break-all}
@media print{a{color:inherit;text-decoration:none}section.detail{page-break-inside:avoid}}
""".strip()

COLORS = {"on_time": "#2e7d32", "late": "#c62828", "undetermined": "#9e9e9e", "scheduled": "#1565c0"}
LABELS = {"on_time": "按时发布", "late": "逾期发布", "undetermined": "无法判断", "scheduled": "定时发布"}


@dataclass(frozen=True)
class Segment:
    value: float
    color: str
    href: str
    title: str


def bar_chart(title: str, rows: Sequence[tuple[str, Sequence[Segment]]], legend: Sequence[tuple[str, str]],
              *, unit: str = "条", empty: str = "无数据") -> str:
    """A horizontal stacked bar chart as inline SVG; each segment is a link."""
    label_w, bar_w, row_h, top = 150, 520, 26, 30
    width = label_w + bar_w + 70
    height = top + row_h * max(1, len(rows)) + 10
    biggest = max((sum(s.value for s in segs) for _, segs in rows), default=0)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" font-size="13" '
             f'font-family="PingFang SC,Microsoft YaHei,Noto Sans CJK SC,sans-serif"><title>{e(title)}</title>']
    x = label_w
    for name, color in legend:
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{color}"/>'
                     f'<text x="{x + 16}" y="17">{e(name)}</text>')
        x += 16 + 14 * len(name) + 18
    if biggest <= 0:
        parts.append(f'<text x="{label_w}" y="{top + 17}">{e(empty)}</text></svg>')
        return "".join(parts)
    scale = bar_w / biggest
    for i, (name, segs) in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{e(name)}</text>')
        x0 = float(label_w)
        for seg in segs:
            if seg.value <= 0:
                continue
            w = seg.value * scale
            parts.append(f'<a href="#{e(seg.href)}"><rect x="{x0:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                         f'fill="{seg.color}"><title>{e(seg.title)}</title></rect></a>')
            x0 += w
        total = sum(s.value for s in segs)
        parts.append(f'<text x="{x0 + 6:.1f}" y="{y + 17}">{_num(total)}{e(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def fig(n: int, href: str) -> str:
    """A count that links to its entries (0 links nowhere: there is nothing behind it)."""
    return f'<a href="#{e(href)}">{n}</a>' if n else "0"


def page(title: str, body: Iterable[str]) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"robots\" content=\"noindex,nofollow\">\n"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
            f"<title>{e(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
            "<p class=\"internal\">内部材料 · 不公开 · 不得发布到网站</p>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def _entry_table(entries: Sequence[Entry], metric: Metric) -> str:
    head = ["文件", "名称", "索引号", "责任处室", "栏目", "日期", "说明"]
    if metric.value_label:
        head.append(metric.value_label)
    rows = ["<tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>"]
    for en in entries:
        where = f"<code>{e(en.path)}</code>" + (f"<br><code>{e(en.location)}</code>" if en.location else "")
        cells = [where, e(en.title), e(en.index_no), e(en.division_text), e(en.column),
                 e(en.date.isoformat() if en.date else ""), e(en.detail)]
        if metric.value_label:
            cells.append(f'{_num(en.value) if en.value is not None else ""}')
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _details(metrics: Sequence[Metric], entries: Sequence[Entry], divisions: Sequence[str],
             columns: Sequence[tuple[str, str]]) -> list[str]:
    """One section per linked figure: all, per division, per column (only where there are entries)."""
    out: list[str] = []
    for m in metrics:
        mine = [x for x in entries if x.metric == m.key]
        if not mine:
            continue
        out.append(f'<section class="detail" id="{anchor(m.key)}"><h3>{e(m.label)}（全部，{len(mine)} {e(m.unit)}）</h3>'
                   + _entry_table(mine, m) + "</section>")
        for i, d in enumerate(divisions):
            sub = [x for x in mine if d in x.divisions]
            if sub:
                out.append(f'<section class="detail" id="{anchor(m.key, division_index=i)}"><h3>{e(m.label)} · {e(d)}'
                           f"（{len(sub)} {e(m.unit)}）</h3>" + _entry_table(sub, m) + "</section>")
        for slug, name in columns:
            sub = [x for x in mine if x.column == slug]
            if sub:
                out.append(f'<section class="detail" id="{anchor(m.key, column=slug)}"><h3>{e(m.label)} · 栏目“{e(name)}”'
                           f"（{len(sub)} {e(m.unit)}）</h3>" + _entry_table(sub, m) + "</section>")
    return out


# -- monthly -------------------------------------------------------------------------------


def monthly_html(r: MonthlyReport) -> str:
    body: list[str] = [f"<h1>{e(r.org)} {e(r.title)}</h1>", '<dl class="meta">',
                       f"<dt>统计月份</dt><dd>{r.year}年{r.month}月</dd>",
                       f"<dt>统计截至</dt><dd>{r.as_of}</dd>",
                       f"<dt>报送截止</dt><dd><strong>{r.due.due}</strong>（{e(r.due.note)}）</dd>",
                       f"<dt>生成日期</dt><dd>{r.today}</dd>", "</dl>"]
    if r.notes:
        body.append("<ul>" + "".join(f"<li>{e(n)}</li>" for n in r.notes) + "</ul>")
    body.append("<h2>一、总体情况</h2><table><tr><th>指标</th><th>数量</th></tr>")
    for m in r.metrics:
        body.append(f"<tr><td>{e(m.label)}</td><td class=\"n\">{fig(r.count(m.key), anchor(m.key))} {e(m.unit)}</td></tr>")
    body.append("</table>")
    body.append("<h2>二、各处室本月发布时效</h2>")
    rows = []
    for i, (d, counts) in enumerate(timeliness_by_division(r)):
        rows.append((d, [Segment(counts[k], COLORS[k], anchor(k, division_index=i), f"{d} {LABELS[k]} {counts[k]} 条")
                         for k in TIMELINESS]))
    body.append(bar_chart(f"{r.title}：各处室发布时效", rows, [(LABELS[k], COLORS[k]) for k in TIMELINESS],
                          empty="本月没有发布信息"))
    body.append("<h2>三、按处室统计</h2><table><tr><th>处室</th>"
                + "".join(f"<th>{e(m.label)}</th>" for m in r.metrics) + "</tr>")
    for i, d in enumerate(r.divisions):
        body.append(f"<tr><td>{e(d)}</td>" + "".join(
            f'<td class="n">{fig(r.count(m.key, division=d), anchor(m.key, division_index=i))}</td>' for m in r.metrics)
                    + "</tr>")
    body.append('<tr class="total"><td>合计（不重复计数）</td>' + "".join(
        f'<td class="n">{fig(r.count(m.key), anchor(m.key))}</td>' for m in r.metrics) + "</tr></table>")
    body.append("<h2>四、按栏目统计</h2><table><tr><th>栏目</th><th>责任处室</th><th>更新周期</th><th>最近更新</th>"
                "<th>应更新日期</th><th>状态</th><th>本月发布</th><th>按时</th><th>逾期</th><th>定时发布</th></tr>")
    for c in r.columns:
        state_metric = {"空白栏目": "blank", "长期未更新": "long_stale", "未更新": "stale"}.get(c.state)
        state = (f'<a class="bad" href="#{anchor(state_metric, column=c.slug)}">{e(c.state)}</a>' if state_metric
                 else e(c.state))
        newest = f"{c.newest}" if c.newest else "—"
        body.append(f"<tr><td>{e(c.name)}（{e(c.slug)}）</td><td>{e('、'.join(c.divisions))}</td><td>{e(c.period)}</td>"
                    f"<td>{newest}</td><td>{c.due or '—'}</td><td>{state}</td>" + "".join(
                        f'<td class="n">{fig(r.count(k, column=c.slug), anchor(k, column=c.slug))}</td>'
                        for k in ("published", "on_time", "late", "scheduled")) + "</tr>")
    body.append("</table>")
    body.append("<h2>五、单项否决风险</h2>")
    if r.risks:
        body.append("<table><tr><th>指标</th><th>栏目数</th><th>风险线</th></tr>" + "".join(
            f'<tr><td class="bad">{e(k.label)}</td><td class="n">{fig(k.count, anchor(k.metric))}</td>'
            f'<td class="n">{k.threshold}</td></tr>' for k in r.risks) + "</table>")
    else:
        lines = "、".join(f"{label} {n} 个" for label, n in r.veto_lines)
        body.append(f'<p class="ok">未达到单项否决风险线（{e(lines)}）。</p>')
    body += _requests_section(r)
    body.append("<h2>七、明细</h2>")
    details = _details((*r.metrics, *r.request_metrics), r.entries, r.divisions, [(c.slug, c.name) for c in r.columns])
    body += details or ["<p>本月没有需要列出的信息。</p>"]
    return page(f"{r.org} {r.title}", body)


def _requests_section(r: MonthlyReport) -> list[str]:
    """六、依申请公开: the register's figures, overall and by 承办处室 (reports/requests.py)."""
    ms = r.request_metrics
    divisions = [(i, d) for i, d in enumerate(r.divisions) if any(r.count(m.key, division=d) for m in ms)]
    out = ["<h2>六、依申请公开</h2><table><tr><th>处室</th>" + "".join(f"<th>{e(m.label.split('：')[-1])}</th>" for m in ms)
           + "</tr>"]
    for i, d in divisions:
        out.append(f"<tr><td>{e(d)}</td>" + "".join(
            f'<td class="n">{fig(r.count(m.key, division=d), anchor(m.key, division_index=i))}</td>' for m in ms)
            + "</tr>")
    out.append('<tr class="total"><td>合计</td>' + "".join(
        f'<td class="n">{fig(r.count(m.key), anchor(m.key))}</td>' for m in ms) + "</tr></table>")
    return out


# -- assessment ----------------------------------------------------------------------------


def assessment_html(r: AssessmentReport) -> str:
    body: list[str] = [f"<h1>{e(r.org)} {e(r.title)}</h1>", '<dl class="meta">',
                       f"<dt>考核年度</dt><dd>{r.year}</dd>", f"<dt>统计截至</dt><dd>{r.as_of}</dd>",
                       f"<dt>考核责任分解表</dt><dd><code>{e(r.table.path)}</code>{'' if r.table.found else '（未找到，使用默认值）'}</dd>",
                       f"<dt>通报登记表</dt><dd><code>{e(r.notices_file)}</code></dd>",
                       f"<dt>生成日期</dt><dd>{r.today}</dd>", "</dl>"]
    if r.notes:
        body.append("<ul>" + "".join(f"<li>{e(n)}</li>" for n in r.notes) + "</ul>")
    keys = list(WEIGHTS)
    body.append("<h2>一、考核得分</h2><table><tr><th>处室</th><th>负责人</th><th>基础分</th>"
                + "".join(f"<th>{e(WEIGHTS[k][0])}<br>（每项 {r.table.weights.get(k, 0):g} 分）</th>" for k in keys)
                + "<th>扣分合计</th><th>得分</th><th>评先评优</th></tr>")
    for i, row in enumerate(r.rows):
        cells = []
        for d in row.deductions:
            link = fig(d.count, anchor(d.key, division_index=i))
            cells.append(f'<td class="n">{link}' + (f" / −{d.points:g}" if d.points else "") + "</td>")
        if row.eligible:
            elig = '<span class="ok">保留</span>'
        else:
            why = "；".join(f"{n.date} {n.level}通报" for n in row.disqualifying)
            who = f"{row.division}及负责人{row.responsible}" if row.responsible else f"{row.division}（负责人未填写）"
            elig = (f'<a class="bad" href="#{anchor("notice_higher", division_index=i)}">取消</a>'
                    f"：{e(who)}（{e(why)}）")
        body.append(f'<tr id="score--d{i}"><td>{e(row.division)}</td><td>{e(row.responsible or "（未填写）")}</td>'

                    f'<td class="n">{row.base:g}</td>' + "".join(cells)
                    + f'<td class="n">{row.total_deduction:g}</td><td class="n"><strong>{row.score:g}</strong></td>'
                      f"<td>{elig}</td></tr>")
    body.append("</table>")
    body.append("<h2>二、得分对比</h2>")
    body.append(bar_chart(f"{r.title}：各处室得分", [
        (row.division, [Segment(row.score, "#2e7d32", f"score--d{i}", f"{row.division} 得分 {row.score:g}"),
                        Segment(row.total_deduction, "#c62828", f"score--d{i}", f"{row.division} 扣分 {row.total_deduction:g}")])
        for i, row in enumerate(r.rows)],
        [("得分", "#2e7d32"), ("扣分", "#c62828")], unit="分"))
    body.append("<h2>三、本年度通报登记</h2>")
    if r.notices:
        body.append("<table><tr><th>位置</th><th>日期</th><th>级别</th><th>通报单位</th><th>文号</th><th>责任处室</th>"
                    "<th>问题</th><th>涉及信息</th><th>整改完成</th></tr>")
        for n in r.notices:
            body.append(f"<tr><td><code>notices -&gt; [{n.position}]</code></td><td>{n.date}</td><td>{e(n.level)}</td>"
                        f"<td>{e(n.issuer)}</td><td>{e(n.doc_no)}</td><td>{e(n.division)}</td><td>{e(n.finding)}</td>"
                        f"<td>{e(n.item)}</td><td>{n.rectified_on or '未整改'}</td></tr>")
        body.append("</table>")
    else:
        body.append("<p>本年度没有登记通报。</p>")
    body.append("<h2>四、扣分明细</h2>")
    details = _details(r.metrics, r.entries, r.divisions, [])
    body += details or ["<p>本年度没有扣分项。</p>"]
    return page(f"{r.org} {r.title}", body)

