"""Governance registers used by the annual 考核: the 通报登记表 and the 考核责任分解表.

Both live under ``governance/`` (never published) and are loaded here only: the rule
:func:`zwgk.core.rules.governance_registers.registers` reports their problems on every check, so a
typo fails the merge request that introduced it, with a location chain such as
``notices -> [3] -> level``; the 考核 report (:mod:`zwgk.core.reports.assessment`) reads the same
values (rules and reports both depend on this module, never on each other).

``governance/notices.yml``::

    notices:
      - date: 2026-05-12            # 通报日期
        level: 省级                  # 国家级 / 省级 / 市级
        issuer: 示例省政务公开办公室   # 通报单位
        doc_no: 示政公办〔2026〕5号    # 通报文号（可选）
        division: 政务服务处          # 被通报事项的责任处室
        finding: 办事指南未及时更新     # 通报的问题
        item: 11459900MB0012345X/2026-00003   # 涉及的信息（索引号或文件路径，可选）
        rectified_on: 2026-05-20    # 整改完成日期（未整改留空）

``governance/assessment.yml``::

    base: 100                       # 默认基础分
    divisions:
      - {name: 综合处, responsible: 张三, base: 100}
    weights:                        # 每项扣分（缺省见 WEIGHTS）
      notice_higher: 1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .clocks.settings import ClockSettings, settings_for
from .findings import Finding, finding
from .model import Site
from .schema import coerce_date
from .suggest import closest, did_you_mean
from .yamlio import load_yaml_file

NOTICE_LEVELS = ("国家级", "省级", "市级")
HIGHER_LEVELS = ("国家级", "省级")  # a notice at these levels costs 评先评优 eligibility
NOTICE_KEYS = ("date", "level", "issuer", "doc_no", "division", "finding", "item", "rectified_on")
NOTICE_EXAMPLE = "- {date: 2026-05-12, level: 省级, issuer: 示例省政务公开办公室, division: 综合处, finding: 问题描述}"

# key -> (label, default points per unit). Only the provincial-or-higher notice has a non-zero
# default (the office's rule: −1 per item); every other deduction is the office's choice.
WEIGHTS: dict[str, tuple[str, float]] = {
    "notice_higher": ("国家级、省级通报问题（每项）", 1.0),
    "notice_city": ("市级通报问题（每项）", 0.0),
    "unrectified": ("通报问题未整改（每项）", 0.0),
    "late_item": ("逾期发布（每条）", 0.0),
    "no_interpretation": ("规范性文件未同步解读（每件）", 0.0),
    "consultation_overdue": ("意见征集采纳情况逾期（每件）", 0.0),
    "response_late": ("舆情回应超时（每件）", 0.0),
    "stale_column_month": ("栏目未更新（每栏目·每月，计牵头处室）", 0.0),
    "blank_column_month": ("空白栏目（每栏目·每月，计牵头处室）", 0.0),
}
DEFAULT_BASE = 100.0
DIVISION_KEYS = ("name", "responsible", "base")


@dataclass(frozen=True)
class Notice:
    position: int  # index in the file, for ``notices -> [n]``
    date: dt.date
    level: str
    issuer: str
    division: str
    finding: str
    doc_no: str = ""
    item: str = ""
    rectified_on: dt.date | None = None

    @property
    def higher(self) -> bool:
        return self.level in HIGHER_LEVELS

    def rectified_by(self, day: dt.date) -> bool:
        return self.rectified_on is not None and self.rectified_on <= day


@dataclass(frozen=True)
class DivisionRow:
    name: str
    responsible: str
    base: float


@dataclass(frozen=True)
class AssessmentTable:
    path: str
    found: bool  # False: the file does not exist and defaults apply
    base: float = DEFAULT_BASE
    divisions: Mapping[str, DivisionRow] = field(default_factory=dict)
    weights: Mapping[str, float] = field(default_factory=lambda: {k: v for k, (_, v) in WEIGHTS.items()})

    def row(self, division: str) -> DivisionRow:
        return self.divisions.get(division) or DivisionRow(division, "", self.base)


def _text(value: Any) -> str:
    return str(value).strip() if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _division_finding(rule: str, path: str, name: str, site: Site, where: str) -> Finding:
    close = closest(name, site.divisions, cutoff=0.5)
    hint = f"是否应为 {close}？" if close else f"使用 {site.config.columns_file} 中登记的处室名称"
    return finding(rule, path, f"处室 {name} 未在栏目任务分解表中登记", hint, field=where)


def load_notices(site: Site, settings: ClockSettings | None = None) -> tuple[list[Notice], list[Finding]]:
    """Every valid notice, and a finding for each problem (invalid entries are left out)."""
    s = settings or settings_for(site)
    rel = s.notices_file
    path = site.root / rel
    if not path.is_file():
        return [], []
    data, problems = load_yaml_file(path, rel, rule="notices.invalid")
    if problems:
        return [], problems
    if data is None:
        return [], []
    if not isinstance(data, Mapping) or not isinstance(data.get("notices", []), list):
        return [], [finding("notices.invalid", rel, "通报登记表应写成 notices: 后跟通报列表",
                            f"格式示例：notices: [{NOTICE_EXAMPLE.removeprefix('- ')}]", field="notices")]
    for key in sorted(str(k) for k in set(data) - {"notices"}):
        problems.append(finding("notices.invalid", rel, f"未知字段 {key}", "通报登记表只有 notices 一项", field=key))
    known_items = {i.index_no for i in site.items if i.index_no} | {i.path for i in site.items}
    out: list[Notice] = []
    for n, raw in enumerate(data.get("notices") or []):
        where = f"notices -> [{n}]"
        before = len(problems)

        def bad(msg: str, hint: str, key: str | None = None, rule: str = "notices.invalid", w: str = where,
                nth: int = n + 1) -> None:
            problems.append(finding(rule, rel, f"第 {nth} 条通报{msg}", hint, field=f"{w} -> {key}" if key else w))

        if not isinstance(raw, Mapping):
            bad("应为映射", f"格式示例：{NOTICE_EXAMPLE}")
            continue
        for key in sorted(str(k) for k in set(raw) - set(NOTICE_KEYS)):
            bad(f"有未知字段 {key}", did_you_mean(key, NOTICE_KEYS, "可用字段：" + "、".join(NOTICE_KEYS)), key)
        date = coerce_date(raw.get("date"))
        # Dates after ``today`` are not errors: with --today (补建, tests) the register may
        # legitimately hold later notices; reports simply leave them out of that day's view.
        if date is None:
            bad("缺少或无效的 date（通报日期）", "写成 YYYY-MM-DD，例如 date: 2026-05-12", "date")
        level = raw.get("level")
        if level not in NOTICE_LEVELS:
            got = "缺少 level（通报级别）" if level in (None, "") else f"的级别 {level!r} 无效"
            bad(got, "可选：" + "、".join(NOTICE_LEVELS), "level")
        for key, label, example in (("issuer", "通报单位", "示例省政务公开办公室"), ("finding", "通报的问题", "办事指南未及时更新")):
            if not _text(raw.get(key)):
                bad(f"缺少 {key}（{label}）", f"例如 {key}: {example}", key)
        division = _text(raw.get("division"))
        if not division:
            bad("缺少 division（责任处室）", "填写被通报问题的责任处室", "division")
        elif division not in site.divisions:
            problems.append(_division_finding("notices.division", rel, division, site, f"{where} -> division"))
        rectified = raw.get("rectified_on")
        rect_date = coerce_date(rectified)
        if rectified not in (None, "") and rect_date is None:
            bad(f"的整改日期 {rectified} 无效", "写成 YYYY-MM-DD；尚未整改的留空", "rectified_on")
        elif rect_date is not None and date is not None and rect_date < date:
            bad(f"的整改日期 {rect_date} 早于通报日期 {date}", "核对 rectified_on", "rectified_on", "notices.date")
        item = _text(raw.get("item"))
        if item and item not in known_items:
            bad(f"涉及的信息 {item} 不存在", "填写信息的索引号或 content/ 下的文件路径，或删除 item", "item")
        if len(problems) == before and date is not None:
            out.append(Notice(n, date, str(level), _text(raw.get("issuer")), division, _text(raw.get("finding")),
                              _text(raw.get("doc_no")), item, rect_date))
    return out, problems


def load_assessment(site: Site, settings: ClockSettings | None = None) -> tuple[AssessmentTable, list[Finding]]:
    """The 考核责任分解表; a missing file means defaults (base 100, only notice_higher deducts)."""
    s = settings or settings_for(site)
    rel = s.assessment_file
    path = site.root / rel
    if not path.is_file():
        return AssessmentTable(rel, False), []
    data, problems = load_yaml_file(path, rel, rule="assessment.invalid")
    if problems:
        return AssessmentTable(rel, True), problems
    if not isinstance(data, Mapping):
        return AssessmentTable(rel, True), [finding(
            "assessment.invalid", rel, "考核责任分解表应包含 base、divisions 和 weights",
            "参考 docs/clocks.md 中的示例")]
    for key in sorted(str(k) for k in set(data) - {"base", "divisions", "weights"}):
        problems.append(finding("assessment.invalid", rel, f"未知字段 {key}", "可用字段：base、divisions、weights",
                                field=key))
    base = DEFAULT_BASE
    if "base" in data:
        b = _number(data.get("base"))
        if b is None or b < 0:
            problems.append(finding("assessment.invalid", rel, f"base（默认基础分）应为非负数，而不是 {data.get('base')!r}",
                                    "例如 base: 100", field="base"))
        else:
            base = b
    divisions: dict[str, DivisionRow] = {}
    raw_divs = data.get("divisions") or []
    if not isinstance(raw_divs, list):
        problems.append(finding("assessment.invalid", rel, "divisions 应为列表，每个处室一行",
                                "例如 - {name: 综合处, responsible: 张三, base: 100}", field="divisions"))
        raw_divs = []
    for n, raw in enumerate(raw_divs):
        name = _text(raw.get("name")) if isinstance(raw, Mapping) else ""
        where = f"divisions -> {name}" if name else f"divisions -> [{n}]"
        if not isinstance(raw, Mapping) or not name:
            problems.append(finding("assessment.invalid", rel, f"第 {n + 1} 个处室缺少 name（处室名称）",
                                    "例如 - {name: 综合处, responsible: 张三, base: 100}", field=where))
            continue
        for key in sorted(str(k) for k in set(raw) - set(DIVISION_KEYS)):
            problems.append(finding("assessment.invalid", rel, f"处室 {name} 有未知字段 {key}",
                                    "可用字段：name（处室）、responsible（负责人）、base（基础分）", field=f"{where} -> {key}"))
        if name not in site.divisions:
            problems.append(_division_finding("assessment.division", rel, name, site, f"{where} -> name"))
        if name in divisions:
            problems.append(finding("assessment.invalid", rel, f"处室 {name} 重复", "每个处室只写一行", field=where))
        responsible = _text(raw.get("responsible"))
        if not responsible:
            problems.append(finding("assessment.invalid", rel, f"处室 {name} 缺少 responsible（负责人）",
                                    "填写处室负责人姓名：通报问题将同时取消处室和负责人的评先评优资格",
                                    field=f"{where} -> responsible"))
        row_base = base
        if "base" in raw:
            b = _number(raw.get("base"))
            if b is None or b < 0:
                problems.append(finding("assessment.invalid", rel, f"处室 {name} 的 base（基础分）应为非负数",
                                        "例如 base: 100；与默认相同可省略", field=f"{where} -> base"))
            else:
                row_base = b
        divisions[name] = DivisionRow(name, responsible, row_base)
    for name in site.divisions:
        if name not in divisions:
            problems.append(finding("assessment.division", rel, f"考核责任分解表没有处室 {name}",
                                    f"增加一行 - {{name: {name}, responsible: 负责人姓名}}（未列出的处室按默认基础分 {base:g} 计分）",
                                    field="divisions", severity="warning"))
    weights = {k: v for k, (_, v) in WEIGHTS.items()}
    raw_w = data.get("weights") or {}
    if not isinstance(raw_w, Mapping):
        problems.append(finding("assessment.invalid", rel, "weights 应为“扣分项: 分值”的映射", "例如 weights: {late_item: 0.5}",
                                field="weights"))
        raw_w = {}
    for key, value in raw_w.items():
        where = f"weights -> {key}"
        if key not in WEIGHTS:
            hint = did_you_mean(key, WEIGHTS, "可用扣分项：" + "、".join(WEIGHTS))
            problems.append(finding("assessment.invalid", rel, f"未知的扣分项 {key}", hint, field=where))
            continue
        w = _number(value)
        if w is None or w < 0:
            problems.append(finding("assessment.invalid", rel, f"扣分项 {key}（{WEIGHTS[key][0]}）应为非负数，而不是 {value!r}",
                                    f"例如 {key}: 0.5；不扣分写 0", field=where))
            continue
        weights[str(key)] = w
    return AssessmentTable(rel, True, base, divisions, weights), problems
