"""The 政府信息公开工作年度报告's three tables (国办公开办函〔2021〕30号), computed and checked.

Pure functions: table 2 from the office's ``kind: policy`` items plus the figures that live in
other business systems (``governance/annual/<YYYY>.yml``); tables 3 and 4 from the 依申请公开
register (:class:`~zwgk.core.requests.model.Request`). Each figure keeps the files it was counted
from (:data:`Sources`), so the XLSX can show where every number comes from.

The checks (:func:`check_table2`, :func:`check_table3`, :func:`check_table4`) take the tables as
plain data — the same shape as the JSON contract — so they hold a hand-made or imported table to
the same arithmetic as a generated one: per column 一 + 二 = 三.七 + 四; 三.七 = the sum of the
leaf rows; 总计 = the sum of the six applicant columns; table 4's 总计 = the sum of its four; no
negative or non-integer count. The totals are counted independently of the parts (a request
whose applicant type or outcome is not a known column/row still counts in 总计/三.七), so a defect
in the data shows up as a failed check instead of being summed away.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding, finding
from ..model import Item
from ..requests.model import APPEAL_RESULTS, APPLICANT_TYPES, Request
from ..requests.outcomes import BY_CODE, LEAF_CODES, TOTAL, label
from ..schema import coerce_date

ANNUAL_DIR = "governance/annual"
REGISTER_DIR = "governance/requests"  # where findings about table 3/4 point when no single file is at fault

# JSON contract (issue #15): row codes, column names, table 4 keys.
ROWS: tuple[str, ...] = ("一", "二", *LEAF_CODES, TOTAL.code, "四")
COLS: tuple[str, ...] = (*APPLICANT_TYPES, "总计")
T4_KEYS: tuple[str, ...] = ("复议", "诉讼-直接", "诉讼-复议后")
T4_COLS: tuple[str, ...] = (*APPEAL_RESULTS, "总计")
# The register's appeal kinds → table 4 blocks. A lawsuit after 复议 counts under 诉讼-复议后 only
# (its 复议 is a separate record of kind 复议).
APPEAL_BLOCK = {"复议": "复议", "诉讼": "诉讼-直接", "复议后诉讼": "诉讼-复议后"}
ROW_LABELS: dict[str, str] = {
    "一": "一、本年新收政府信息公开申请数量",
    "二": "二、上年结转政府信息公开申请数量",
    TOTAL.code: "三、本年度办理结果（七）总计",
    "四": "四、结转下年度继续办理",
}
# Table 2 (第二十条): the two document rows and their three columns, then the four single figures.
DOC_ROWS = ("规章", "行政规范性文件")
DOC_COLS = ("制发", "废止", "现行有效")
FIGURES: dict[str, tuple[str, str]] = {  # contract key -> (annual.yml key, label)
    "行政许可": ("licensing", "行政许可 本年处理决定数量"),
    "行政处罚": ("penalties", "行政处罚 本年处理决定数量"),
    "行政强制": ("enforcement", "行政强制 本年处理决定数量"),
    "行政事业性收费万元": ("fees", "行政事业性收费 本年收费金额（万元）"),
}
# Documents that ceased to be in force (the banner reads 失效/废止); 已修订 with ``superseded_by``
# was replaced by its revision on the revision's date.
ENDED = ("废止", "失效")

Table = dict[str, dict[str, Any]]
# (table, row, column) -> repo-relative files the figure was counted from.
Sources = dict[tuple[str, str, str], list[str]]


def row_label(code: str) -> str:
    return ROW_LABELS.get(code) or f"三、{label(code)}"


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@dataclass
class Tally:
    """Counts with the files behind each one."""

    table: str
    counts: Table
    sources: Sources = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def add(self, row: str, col: str, path: str) -> None:
        self.counts[row][col] += 1
        self.sources.setdefault((self.table, row, col), []).append(path)


def _zeros(rows: Iterable[str], cols: Iterable[str]) -> Table:
    return {r: dict.fromkeys(cols, 0) for r in rows}


# -- table 3 -----------------------------------------------------------------------------------


def answered_by(request: Request, day: dt.date) -> bool:
    """Closed on or before ``day``. A request waiting for its 补正 on ``day`` has no reply yet."""
    return request.replied is not None and request.replied <= day


def table3(requests: Iterable[Request], year: int) -> Tally:
    """Table 3 for ``year``: 一 received in the year; 二 received earlier and open on 31 December
    of the previous year; 三 answered in the year, by outcome; 四 received by 31 December and open then.
    """
    start, end = year_bounds(year)
    prev_end = start - dt.timedelta(days=1)
    t = Tally("table3", _zeros(ROWS, COLS))
    for r in sorted(requests, key=lambda x: (x.received, x.path)):
        if r.received > end:
            continue
        if r.replied is not None and r.replied < r.received:
            t.findings.append(finding("annual.dates", r.path, f"答复日期 {r.replied} 早于收到申请之日 {r.received}，"
                                      "无法确定该申请计入哪一年", "核对 replied 和 received", field="replied"))
            continue
        col = r.applicant_type if r.applicant_type in APPLICANT_TYPES else None
        if col is None:
            t.findings.append(finding("annual.applicant_type", r.path, f"申请人类型 {r.applicant_type} 不是表三的一列，"
                                      "该申请只计入总计", "可选：" + "、".join(APPLICANT_TYPES), field="applicant_type"))

        def add(row: str, req: Request = r, c: str | None = col) -> None:
            if c is not None:
                t.add(row, c, req.path)
            t.add(row, "总计", req.path)

        if r.received >= start:
            add("一")
        elif not answered_by(r, prev_end):
            add("二")
        if r.replied is not None and start <= r.replied <= end:
            add(TOTAL.code)  # counted whatever the outcome: an unmapped outcome then fails the leaf check
            if r.outcome in BY_CODE:
                add(r.outcome)
            else:
                got = "缺少 outcome（办理结果）" if r.outcome is None else f"办理结果 {r.outcome} 不是表三中的一行"
                t.findings.append(finding("annual.outcome", r.path, f"{year} 年已答复，但{got}，无法计入表三",
                                          "填写表三“本年度办理结果”中的一行，例如 outcome: 三.一（予以公开）、"
                                          "三.四.1（本机关不掌握相关政府信息）", field="outcome"))
        if not answered_by(r, end):
            add("四")
    return t


# -- table 4 -----------------------------------------------------------------------------------


def table4(requests: Iterable[Request], year: int) -> Tally:
    """Appeals filed in ``year`` (the year they were filed, whatever the year of the request)."""
    t = Tally("table4", _zeros(T4_KEYS, T4_COLS))
    for r in sorted(requests, key=lambda x: x.path):
        for i, a in enumerate(r.appeals):
            if a.filed.year != year:
                continue
            block = APPEAL_BLOCK.get(a.kind)
            where = f"appeal -> [{i}]" if len(r.appeals) > 1 else "appeal"
            if block is None:
                t.findings.append(finding("annual.appeal", r.path, f"复议诉讼类别 {a.kind} 无法计入表四",
                                          "kind 可选：" + "、".join(APPEAL_BLOCK), field=f"{where} -> kind"))
                continue
            if a.result in APPEAL_RESULTS:
                t.add(block, a.result, r.path)
            else:
                t.findings.append(finding("annual.appeal", r.path, f"复议诉讼结果 {a.result} 不是表四中的一列，只计入总计",
                                          "result 可选：" + "、".join(APPEAL_RESULTS), field=f"{where} -> result"))
            t.add(block, "总计", r.path)
    return t


# -- table 2 -----------------------------------------------------------------------------------


def doc_row(item: Item) -> str:
    """规章 are policies whose 体裁 says so; every other ``kind: policy`` is a 行政规范性文件."""
    return "规章" if item.genre.strip() == "规章" else "行政规范性文件"


def ended_on(item: Item, by_index: Mapping[str, Item]) -> tuple[dt.date | None, bool]:
    """(the day the document ceased to be in force, whether that is known). Still in force → (None, True).

    The date is the withdrawal notice's ``withdrawn.date``, else the signing date of the document
    named in ``superseded_by`` (the replacement took its place)."""
    withdrawn = item.meta.get("withdrawn")
    on = coerce_date(withdrawn.get("date")) if isinstance(withdrawn, Mapping) else None
    if on is not None:
        return on, True
    if item.validity in ENDED or (item.validity == "已修订" and item.superseded_by):
        successor = by_index.get(item.superseded_by) if item.superseded_by else None
        when = (successor.signed or successor.published) if successor is not None else None
        return when, when is not None
    return None, True


def table2(items: Iterable[Item], year: int, figures: Mapping[str, Any], figures_path: str) -> Tally:
    """制发/废止/现行有效 from policies (by 成文日期 ``signed``, else the publication date); the four
    single figures as 综合处 entered them in ``governance/annual/<YYYY>.yml``."""
    _, end = year_bounds(year)
    policies = [i for i in items if i.kind == "policy" and not i.draft and i.published is not None]
    by_index = {i.index_no: i for i in policies if i.index_no}
    t = Tally("table2", _zeros(DOC_ROWS, DOC_COLS))
    for item in sorted(policies, key=lambda i: i.path):
        issued = item.signed or item.published
        if issued is None or issued > end:
            continue
        row = doc_row(item)
        if issued.year == year:
            t.add(row, "制发", item.path)
        ended, known = ended_on(item, by_index)
        if not known:
            t.findings.append(finding(
                "annual.policy_end", item.path, f"有效性为“{item.validity}”，但无法确定从哪一天起不再有效，"
                f"表二“本年废止件数”和“现行有效件数”无法统计", "在 superseded_by 中填写替代文件的索引号，"
                "或填写 withdrawn: {date: 废止日期, reason: 废止原因}", field="validity"))
            continue
        if ended is not None and ended.year == year:
            t.add(row, "废止", item.path)
        if ended is None or ended > end:
            t.add(row, "现行有效", item.path)
    for key, (yml_key, _label) in FIGURES.items():
        value = figures.get(yml_key)
        t.counts[key] = value  # type: ignore[assignment]  # a number; check_table2 reports anything else
        t.sources[("table2", key, "")] = [f"{figures_path}（table2 -> {yml_key}）"]
    return t


# -- checks ------------------------------------------------------------------------------------


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _bad_count(where: str, value: Any, path: str, field_: str) -> Finding:
    what = "负数" if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0 else "不是整数"
    return finding("annual.count", path, f"{where} 的数值 {value!r} {what}",
                   "件数只能是 0 或正整数：核对登记簿或年报数据文件中对应的记录", field=field_)


def check_table3(t3: Mapping[str, Mapping[str, Any]], path: str = REGISTER_DIR) -> list[Finding]:
    """The table-3 arithmetic over a ``{ROW: {COL: n}}`` mapping (the JSON contract's shape)."""
    out: list[Finding] = []
    ok = True
    for row in ROWS:
        for col in COLS:
            value = (t3.get(row) or {}).get(col)
            if not _is_count(value):
                out.append(_bad_count(f"表三 {row_label(row)} / {col}", value, path, f"table3 -> {row} -> {col}"))
                ok = False
    if not ok:
        return out  # sums over broken figures would only repeat the same problem

    def n(row: str, col: str) -> int:
        return int(t3[row][col])

    for col in COLS:
        left, right = n("一", col) + n("二", col), n(TOTAL.code, col) + n("四", col)
        if left != right:
            out.append(finding("annual.balance", path, f"表三“{col}”列：第一项加第二项 {left} ≠ 第三项（七）总计加第四项 {right}",
                               "勾稽关系不成立：通常是某件申请的收到或答复日期有误（答复早于收到、跨年未结转）。"
                               "核对登记簿中该类申请人的 received 和 replied", field=f"table3 -> {col}"))
        leaves = sum(n(code, col) for code in LEAF_CODES)
        if leaves != n(TOTAL.code, col):
            out.append(finding("annual.leaves", path, f"表三“{col}”列：办理结果各行之和 {leaves} ≠（七）总计 {n(TOTAL.code, col)}",
                               "有已答复的申请没有可计入表三的办理结果：为每件已答复申请填写 outcome（表三中的一行）",
                               field=f"table3 -> {TOTAL.code} -> {col}"))
    for row in ROWS:
        parts = sum(n(row, col) for col in APPLICANT_TYPES)
        if parts != n(row, "总计"):
            out.append(finding("annual.total", path, f"表三“{row_label(row)}”：六类申请人之和 {parts} ≠ 总计 {n(row, '总计')}",
                               "有申请的 applicant_type 不是六类申请人之一：改为 " + "、".join(APPLICANT_TYPES),
                               field=f"table3 -> {row} -> 总计"))
    return out


def check_table4(t4: Mapping[str, Mapping[str, Any]], path: str = REGISTER_DIR) -> list[Finding]:
    out: list[Finding] = []
    for key in T4_KEYS:
        values = t4.get(key) or {}
        bad = [c for c in T4_COLS if not _is_count(values.get(c))]
        for col in bad:
            out.append(_bad_count(f"表四 {key} / {col}", values.get(col), path, f"table4 -> {key} -> {col}"))
        if bad:
            continue
        parts = sum(int(values[c]) for c in APPEAL_RESULTS)
        if parts != values["总计"]:
            out.append(finding("annual.table4_total", path, f"表四“{key}”：维持、纠正、其他、未审结之和 {parts} ≠ 总计 {values['总计']}",
                               "有复议或诉讼的 result 不是 " + "、".join(APPEAL_RESULTS) + " 之一：核对登记簿中的 appeal",
                               field=f"table4 -> {key} -> 总计"))
    return out


def check_table2(t2: Mapping[str, Any], path: str) -> list[Finding]:
    out: list[Finding] = []
    for row in DOC_ROWS:
        for col in DOC_COLS:
            value = (t2.get(row) or {}).get(col)
            if not _is_count(value):
                out.append(_bad_count(f"表二 {row} / {col}", value, path, f"table2 -> {row} -> {col}"))
    for key, (yml_key, what) in FIGURES.items():
        value = t2.get(key)
        if key == "行政事业性收费万元":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                out.append(finding("annual.count", path, f"{what} 的数值 {value!r} 不是 0 或正数",
                                   f"在 table2 中填写 {yml_key}: 金额（万元，可有小数，例如 {yml_key}: 12.5；没有收费写 0）",
                                   field=f"table2 -> {yml_key}"))
        elif value is None:
            out.append(finding("annual.count", path, f"缺少 {what}",
                               f"在 table2 中填写 {yml_key}: 件数（来自业务系统的年度统计；没有的写 0）",
                               field=f"table2 -> {yml_key}"))
        elif not _is_count(value):
            out.append(_bad_count(what, value, path, f"table2 -> {yml_key}"))
    return out


def check_carry_over(t3: Mapping[str, Mapping[str, Any]], published: Mapping[str, Any] | None, path: str,
                     year: int) -> list[Finding]:
    """Row 二 against the previous year's published row 四 (the previous year's state), when 综合处
    entered it: a register edited after last year's report changes this year's carry-over."""
    if published is None:
        return []
    out: list[Finding] = []
    for col in COLS:
        if col not in published:
            continue
        was = published[col]
        now = (t3.get("二") or {}).get(col)
        if not _is_count(was):
            out.append(_bad_count(f"carried_over -> {col}", was, path, f"carried_over -> {col}"))
        elif was != now:
            out.append(finding("annual.carry_over", path,
                               f"表三“{col}”列：上年结转 {now} 件，与 {year - 1} 年年报公布的“结转下年度继续办理” {was} 件不一致",
                               f"登记簿中 {year - 1} 年底未办结的申请与上年年报不符：核对 {REGISTER_DIR}/{year - 1}/ 中"
                               "答复日期在年底前后的申请；如上年年报有误，在第六部分说明并更正 carried_over",
                               field=f"carried_over -> {col}"))
    return out
