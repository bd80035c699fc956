"""The 年报 for one year: tables (``annual``), the office's own prose, the item's front matter, checks.

The prose of sections 一、五、六 is 综合处's own text: from ``governance/annual/<YYYY>.yml``, or — a
section the file leaves out — preserved from the existing draft of the report in the 年报 column.
The generator never writes a sentence of it: a missing section is an error, not a placeholder.
Nor may a section be last year's text again (``annual.prose_copied``): texts are compared after
removing spacing, punctuation and every number, so a copy with only the year and the figures
changed is still caught.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..clocks.annual import report_column, report_items
from ..findings import Finding, finding, sort_findings
from ..model import Item, Site
from ..requests.model import Request
from ..schema import coerce_date
from ..yamlio import load_yaml_file
from .annual import (
    ANNUAL_DIR,
    DOC_ROWS,
    FIGURES,
    Sources,
    Table,
    check_carry_over,
    check_table2,
    check_table3,
    check_table4,
    table2,
    table3,
    table4,
)

# key -> (heading as printed, what the section covers: the 2021 format's wording, for hints)
SECTIONS: dict[str, tuple[str, str]] = {
    "overview": ("一、总体情况", "主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的工作"),
    "problems": ("五、存在的主要问题及改进情况", "上一年度问题的整改情况、本年度存在的主要问题和改进措施"),
    "other": ("六、其他需要报告的事项", "信息处理费收取情况（国办函〔2020〕109号）以及其他需要报告的事项"),
}
# 一、总体情况 should cover each of these (国办公开办函〔2021〕30号); a missing one is a warning.
OVERVIEW_TOPICS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")
TOP_KEYS = ("year", "report", "table2", "carried_over", *SECTIONS)
REPORT_KEYS = ("index_no", "formed", "published", "file", "summary")
EXAMPLE = ("year: 2025\nreport: {index_no: 11459900MB0012345X/2026-00006, formed: 2026-01-12, published: 2026-01-14}\n"
           "table2: {licensing: 0, penalties: 0, enforcement: 0, fees: 0}\noverview: |\n  ……")



@dataclass(frozen=True)
class Section:
    key: str
    text: str
    source: str  # repo-relative file the text was taken from


@dataclass
class AnnualInput:
    path: str
    data: Mapping[str, Any]
    report: Mapping[str, Any]
    figures: Mapping[str, Any]
    carried_over: Mapping[str, Any] | None


@dataclass
class AnnualReport:
    year: int
    today: dt.date
    org: str
    table2: dict[str, Any]
    table3: Table
    table4: Table
    sources: Sources
    sections: dict[str, Section]
    front: dict[str, Any]  # the item's front matter, in order
    target: str | None  # repo-relative path of the Markdown item (None: not known, see findings)
    input_path: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.org}{self.year}年政府信息公开工作年度报告"

    @property
    def slug(self) -> str:
        return f"annual-{self.year:04d}"

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    def to_json(self) -> dict[str, Any]:
        """The JSON contract (issue #15)."""
        return {"year": self.year, "table2": self.table2, "table3": self.table3, "table4": self.table4,
                "checks": [f.to_dict() for f in sort_findings(self.findings)]}


def input_path(year: int) -> str:
    return f"{ANNUAL_DIR}/{year}.yml"


def load_input(site: Site, year: int) -> tuple[AnnualInput | None, list[Finding]]:
    """``governance/annual/<year>.yml`` read through the hardened YAML loader; every problem a finding."""
    rel = input_path(year)
    path = site.root / rel
    if not path.is_file():
        return None, [finding("annual.input", rel, f"缺少 {year} 年度年报数据文件",
                              f"新建 {rel}，写入本机关撰写的第一、五、六部分文字和表二中来自业务系统的数字，例如：\n{EXAMPLE}",
                              field="year")]
    data, problems = load_yaml_file(path, rel, rule="annual.input")
    if problems:
        return None, problems
    if not isinstance(data, Mapping):
        return None, [finding("annual.input", rel, "年报数据文件应为“字段: 值”的映射", f"格式示例：\n{EXAMPLE}")]
    out: list[Finding] = []
    for key in sorted(str(k) for k in data if k not in TOP_KEYS):
        out.append(finding("annual.input", rel, f"未知字段 {key}", "可用字段：" + "、".join(TOP_KEYS), field=key))
    if data.get("year") != year:
        out.append(finding("annual.input", rel, f"year 应为 {year}（文件名中的年度），实际为 {data.get('year')!r}",
                           f"写成 year: {year}", field="year"))

    def mapping(key: str) -> Mapping[str, Any]:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            out.append(finding("annual.input", rel, f"{key} 应写成映射（每项一行“字段: 值”）", f"格式示例：\n{EXAMPLE}",
                               field=key))
            return {}
        return value

    report, figures = mapping("report"), mapping("table2")
    for key in sorted(str(k) for k in report if k not in REPORT_KEYS):
        out.append(finding("annual.input", rel, f"report 中有未知字段 {key}", "可用字段：" + "、".join(REPORT_KEYS),
                           field=f"report -> {key}"))
    known = {yml for yml, _ in FIGURES.values()}
    for key in sorted(str(k) for k in figures if k not in known):
        out.append(finding("annual.input", rel, f"table2 中有未知字段 {key}", "可用字段：" + "、".join(sorted(known))
                           + "（规范性文件的件数由仓库中的 kind: policy 信息统计，不在此填写）", field=f"table2 -> {key}"))
    carried = data.get("carried_over")
    if carried is not None and not isinstance(carried, Mapping):
        out.append(finding("annual.input", rel, "carried_over 应写成映射（申请人类型: 件数）",
                           "照抄上年年报表三“结转下年度继续办理”一行，例如 carried_over: {自然人: 1, 总计: 1}",
                           field="carried_over"))
        carried = None
    return AnnualInput(rel, data, report, figures, carried), out


# -- prose -------------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NOISE = re.compile(r"[\s\d０-９\W_]+")


def body_sections(body: str) -> dict[str, str]:
    """Sections 一、五、六 of an existing 年报 item's Markdown body, by key."""
    out: dict[str, str] = {}
    key: str | None = None
    level = 0
    lines: list[str] = []
    for line in [*body.splitlines(), "# end"]:
        m = _HEADING.match(line)
        if m and (key is None or len(m.group(1)) <= level):
            if key is not None and "\n".join(lines).strip():
                out.setdefault(key, "\n".join(lines).strip())
            key = next((k for k, (heading, _) in SECTIONS.items() if heading[2:] in m.group(2)), None)
            level, lines = len(m.group(1)), []
        elif key is not None:
            lines.append(line)
    return out


def normalise(text: str) -> str:
    """Text as compared for copying: no spacing, punctuation or numbers (years and figures change)."""
    return _NOISE.sub("", text)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _sections(site: Site, year: int, inp: AnnualInput | None, draft: Item | None) -> tuple[dict[str, Section], list[Finding]]:
    out: list[Finding] = []
    found: dict[str, Section] = {}
    kept = body_sections(draft.body) if draft is not None else {}
    rel = input_path(year)
    for key, (heading, covers) in SECTIONS.items():
        text = _text(inp.data.get(key)) if inp is not None else None
        if text is not None and inp is not None:
            found[key] = Section(key, text, inp.path)
        elif key in kept and draft is not None:
            found[key] = Section(key, kept[key], draft.path)
        else:
            out.append(finding("annual.prose_missing", rel, f"缺少年报“{heading}”的文字",
                               f"在 {rel} 中填写 {key}: |（{covers}）。这部分由综合处撰写，生成器不代写", field=key))
    # Last year's texts: its data file and its report as published.
    previous: dict[str, list[tuple[str, str]]] = {}
    prev_inp, _ = load_input(site, year - 1)
    if prev_inp is not None:
        for key in SECTIONS:
            text = _text(prev_inp.data.get(key))
            if text:
                previous.setdefault(key, []).append((text, prev_inp.path))
    prev_item = report_items(site).get(year - 1)
    if prev_item is not None:
        for key, text in body_sections(prev_item.body).items():
            previous.setdefault(key, []).append((text, prev_item.path))
    for key, sec in found.items():
        mine = normalise(sec.text)
        for text, where in previous.get(key, []):
            if mine and mine == normalise(text):
                heading = SECTIONS[key][0]
                out.append(finding("annual.prose_copied", sec.source,
                                   f"“{heading}”与 {year - 1} 年度年报（{where}）的文字相同，只有年份或数字不同",
                                   "按本年度的实际工作重新撰写；照搬上年内容的年报会被通报", field=key))
                break
    other = found.get("other")
    if other is not None and "信息处理费" not in other.text:
        out.append(finding("annual.prose_fee", other.source, "“六、其他需要报告的事项”没有说明信息处理费收取情况",
                           "写明本年度是否收取信息处理费及金额（未收取的写明“未收取信息处理费”）", field="other"))
    overview = found.get("overview")
    if overview is not None:
        missing = [t for t in OVERVIEW_TOPICS if t not in overview.text]
        if missing:
            out.append(finding("annual.overview_topics", overview.source,
                               "“一、总体情况”未涉及：" + "、".join(missing),
                               "按国办公开办函〔2021〕30号，总体情况应分别说明主动公开、依申请公开、政府信息管理、"
                               "政府信息公开平台建设、监督保障等方面的工作", field="overview", severity="warning"))
    return found, out


# -- the item ----------------------------------------------------------------------------------


def _front(site: Site, year: int, inp: AnnualInput | None, draft: Item | None, title: str) -> tuple[dict[str, Any], list[Finding]]:
    rel = input_path(year)
    report = inp.report if inp is not None else {}
    old = draft.meta if draft is not None else {}
    out: list[Finding] = []

    def pick(key: str) -> Any:
        value = report.get(key)
        return value if value not in (None, "") else old.get(key)

    front: dict[str, Any] = {
        "title": title,
        "index_no": pick("index_no"),
        "division": old.get("division") or site.config.review.general_office,
        "genre": "报告",
        "topic": old.get("topic") or "综合政务\\政务公开",
        "summary": pick("summary") or f"{year}年度本机关主动公开、依申请公开、行政复议和行政诉讼情况，存在的主要问题及改进情况。",
        "formed": pick("formed"),
        "published": pick("published"),
    }
    if not isinstance(front["index_no"], str) or not front["index_no"].strip():
        out.append(finding("annual.input", rel, "缺少年报的索引号 report -> index_no",
                           "用 zwgk new --list 查看下一个空号，写成 report: {index_no: …}", field="report -> index_no"))
    for key, label in (("formed", "信息形成日期（年报定稿日期）"), ("published", "发布日期（不晚于 1 月 31 日）")):
        day = coerce_date(front[key])
        if day is None:
            out.append(finding("annual.input", rel, f"缺少或写错 report -> {key}（{label}）",
                               f"写成 YYYY-MM-DD，例如 {key}: {year + 1}-01-20", field=f"report -> {key}"))
        front[key] = day
    if front["published"] is not None and front["formed"] is not None and front["published"] < front["formed"]:
        out.append(finding("annual.input", rel, "发布日期早于信息形成日期", "核对 report -> formed 和 published",
                           field="report -> published"))
    if front["published"] is not None and front["published"] <= dt.date(year, 12, 31):
        out.append(finding("annual.input", rel, f"{year} 年度年报的发布日期 {front['published']} 不在 {year} 年结束之后",
                           f"年报在次年 1 月发布，例如 published: {year + 1}-01-20", field="report -> published"))
    return front, out


def _target(site: Site, year: int, inp: AnnualInput | None, draft: Item | None, index_no: Any) -> str | None:
    wanted = _text(inp.report.get("file")) if inp is not None else None
    if wanted:
        return wanted
    if draft is not None:
        return draft.path
    col = report_column(site)
    if col is None or not isinstance(index_no, str) or not index_no.strip():
        return None
    stem = re.sub(r"[^\w.-]+", "-", index_no.rsplit("/", 1)[-1]).strip("-.") or f"{year + 1}-annual"
    return f"{site.config.docs_dir}/{col.slug}/{stem}.md"


def build_annual(site: Site, year: int, requests: Iterable[Request],
                 register_findings: Iterable[Finding] = ()) -> AnnualReport:
    """Everything about the ``year`` report; ``findings`` holds every check that failed."""
    inp, problems = load_input(site, year)
    rel = input_path(year)
    draft = report_items(site).get(year)
    reqs = list(requests)
    t2 = table2(site.items, year, inp.figures if inp is not None else {}, rel)
    t3, t4 = table3(reqs, year), table4(reqs, year)
    table2_data: dict[str, Any] = {row: dict(t2.counts[row]) for row in DOC_ROWS}
    for key in FIGURES:
        table2_data[key] = t2.counts.get(key)
    findings = [*problems, *register_findings, *t2.findings, *t3.findings, *t4.findings]
    findings += check_table2(table2_data, rel)
    findings += check_table3(t3.counts)
    findings += check_table4(t4.counts)
    findings += check_carry_over(t3.counts, inp.carried_over if inp is not None else None, rel, year)
    sections, found = _sections(site, year, inp, draft)
    findings += found
    title = f"{site.config.publisher}{year}年政府信息公开工作年度报告"
    front, found = _front(site, year, inp, draft, title)
    findings += found
    target = _target(site, year, inp, draft, front["index_no"])
    if target is not None and not target.startswith(f"{site.config.docs_dir}/"):
        findings.append(finding("annual.input", rel, f"report -> file {target} 不在内容目录 {site.config.docs_dir}/ 中",
                                f"年报是公开信息，放在年报栏目中，例如 {site.config.docs_dir}/zfxxgknb/{year + 1}-00001.md",
                                field="report -> file"))
    return AnnualReport(year, site.today, site.config.publisher, table2_data, t3.counts, t4.counts,
                        {**t2.sources, **t3.sources, **t4.sources}, sections, front, target, rel,
                        sort_findings(set(findings)))

