"""Monthly 督查 inputs: ``governance/inspections/<YYYY-MM>/<division>.yml`` (never published).

The rulebook (三、政务公开督查考核) has 电子政务管理处 check 政务服务网 and 自助服务终端, 政务服务中心 the
大厅's 政务公开专区, 组宣人事处 the 新媒体 replies, every month, and all results reach 综合处 by the
29th — moved to the preceding working day, as the 督查月报 itself (:func:`reports.common.report_due`).
One small file per division and month::

    division: 电子政务管理处
    submitted: 2026-11-26
    checks:
      - target: 政务服务网
        scope: 办事指南、办事流程、办事机构
        problems: [2 个事项的办理时限与实施清单不一致]
        fixes: 已通知实施部门 11 月 30 日前更正
      - target: 自助服务终端
        scope: 事项目录
        problems: []

Who must submit: ``inspection_divisions`` in the plugin options; by default those of 电子政务管理处,
政务服务中心 and 组宣人事处 that the 栏目任务分解表 registers (the three the rulebook names), and when it
registers none of them, every registered division except 综合处 (which receives, not sends).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import registerfiles
from .findings import Finding, finding
from .model import Site
from .schema import coerce_date
from .suggest import did_you_mean
from .yamlio import parse_yaml, read_text

INSPECTIONS_DIR = "governance/inspections"
RULE = "inspections.invalid"
RULEBOOK_DIVISIONS = ("电子政务管理处", "政务服务中心", "组宣人事处")
RECEIVER = "综合处"
KEYS = ("division", "submitted", "checks")
CHECK_KEYS = ("target", "scope", "problems", "fixes")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
EXAMPLE = "checks: [{target: 政务服务网, scope: 办事指南, problems: [], fixes: ''}]"


@dataclass(frozen=True)
class Check:
    target: str
    scope: str
    problems: tuple[str, ...]
    fixes: str


@dataclass(frozen=True)
class Submission:
    path: str
    year: int
    month: int
    division: str
    submitted: dt.date
    checks: tuple[Check, ...]

    @property
    def problem_count(self) -> int:
        return sum(len(c.problems) for c in self.checks)


def required_divisions(site: Site) -> tuple[tuple[str, ...], list[Finding]]:
    """Who must submit each month (see the module docstring), and problems in the option."""
    configured = site.config.inspection_divisions
    chain = "plugins -> zwgk -> inspection_divisions"
    if configured is not None:
        names = [str(d).strip() for d in configured if isinstance(d, str) and d.strip()]
        unknown = [n for n in names if n not in site.divisions]
        if unknown or len(names) != len(configured):
            return (), [finding("config.value", "mkdocs.yml",
                                f"inspection_divisions 中有未在栏目任务分解表登记的处室：{'、'.join(unknown) or '（空白）'}",
                                "可选：" + "、".join(site.divisions), field=chain)]
        return tuple(dict.fromkeys(names)), []
    found = tuple(d for d in RULEBOOK_DIVISIONS if d in site.divisions)
    return found or tuple(d for d in site.divisions if d != RECEIVER), []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def read_submission(site: Site, rel: str, data: Any, year: int, month: int, stem: str) -> tuple[Submission | None, list[Finding]]:
    problems: list[Finding] = []

    def bad(field: str, message: str, hint: str, rule: str = RULE) -> None:
        problems.append(finding(rule, rel, message, hint, field=field))

    if not isinstance(data, Mapping):
        return None, [finding(RULE, rel, "督查情况文件应为“字段: 值”的映射", "参照 docs/clocks.md 的模板填写")]
    for key in sorted(str(k) for k in data if k not in KEYS):
        bad(key, f"未知字段 {key}", did_you_mean(key, KEYS, "可用字段：" + "、".join(KEYS)))
    division = _text(data.get("division"))
    if not division:
        bad("division", "缺少 division（报送处室）", f"例如 division: {stem}")
    elif division != stem:
        bad("division", f"division {division} 与文件名 {stem}.yml 不一致", f"文件名用处室名称：{division}.yml，或改正 division",
            "inspections.division")
    elif division not in site.divisions:
        bad("division", f"处室 {division} 未在栏目任务分解表中登记", "可选：" + "、".join(site.divisions),
            "inspections.division")
    submitted = coerce_date(data.get("submitted"))
    if submitted is None:
        bad("submitted", "缺少 submitted（报送综合处的日期）或日期无效", "写成 YYYY-MM-DD，例如 submitted: 2026-11-26")
    elif (submitted.year, submitted.month) < (year, month):
        bad("submitted", f"报送日期 {submitted} 早于所报的月份 {year}-{month:02d}", "核对 submitted 或文件所在的月份目录")
    raw = data.get("checks")
    checks: list[Check] = []
    if not isinstance(raw, list) or not raw:
        bad("checks", "缺少 checks（本月检查了什么）", f"至少写一项，例如 {EXAMPLE}")
        raw = []
    for i, entry in enumerate(raw):
        where = f"checks -> [{i}]"
        if not isinstance(entry, Mapping):
            bad(where, f"第 {i + 1} 项检查应写成映射", f"例如 {EXAMPLE}")
            continue
        for key in sorted(str(k) for k in entry if k not in CHECK_KEYS):
            bad(f"{where} -> {key}", f"未知字段 {key}", did_you_mean(key, CHECK_KEYS, "可用字段：" + "、".join(CHECK_KEYS)))
        target = _text(entry.get("target"))
        if not target:
            bad(f"{where} -> target", f"第 {i + 1} 项缺少 target（检查对象）", "例如 target: 政务服务网")
        found = entry.get("problems", [])
        if not isinstance(found, list) or not all(isinstance(p, str) and p.strip() for p in found):
            bad(f"{where} -> problems", f"第 {i + 1} 项的 problems 应为文字列表（没有问题写 []）",
                "例如 problems: [2 个事项的办理时限与实施清单不一致]")
            found = []
        fixes = _text(entry.get("fixes"))
        if found and not fixes:
            bad(f"{where} -> fixes", f"第 {i + 1} 项发现了问题，但没有写整改情况", "写 fixes：已整改的写整改结果，未整改的写整改时限")
        if target:
            checks.append(Check(target, _text(entry.get("scope")), tuple(p.strip() for p in found), fixes))
    if problems or not division or submitted is None:
        return None, problems
    return Submission(rel, year, month, division, submitted, tuple(checks)), problems


def load_inspections(site: Site) -> tuple[list[Submission], list[Finding]]:
    """Every submission (by month, then division) and every problem in the folder."""
    out: list[Submission] = []
    files, problems = registerfiles.record_files(
        site.root, INSPECTIONS_DIR, lambda name: bool(_MONTH.match(name)),
        lambda rel: finding(RULE, rel, "督查情况目录中不认识的文件（不会被读取）",
                            f"每个处室每月一个文件：{INSPECTIONS_DIR}/<年-月>/<处室>.yml，"
                            f"例如 {INSPECTIONS_DIR}/2026-11/电子政务管理处.yml"))
    for path, rel, month in files:
        text, errs = read_text(path, rel)
        problems += errs
        if text is None:
            continue
        problems += registerfiles.scan_text(
            text, rel, "inspections", "督查情况",
            "督查情况只写检查对象、问题和整改，不写群众或工作人员的个人信息：删除该内容",
            "涉密事项不在本文件记录：删除该内容，按保密规定另行处理")
        data, errs = parse_yaml(text, rel, rule=RULE)
        problems += errs
        if errs:
            continue
        m = _MONTH.match(month)
        assert m is not None  # record_files only lists files in folders _MONTH matches
        sub, errs = read_submission(site, rel, data, int(m[1]), int(m[2]), path.stem)
        problems += errs
        if sub is not None:
            out.append(sub)
    return sorted(out, key=lambda s: (s.year, s.month, s.division)), problems
