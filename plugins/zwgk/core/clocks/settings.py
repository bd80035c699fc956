"""Settings of the clocks: the ``clocks:`` mapping of the zwgk plugin options, validated here.

``SiteConfig`` only checks that ``clocks`` is a mapping; its keys belong to this module, so an
unknown or mistyped key becomes a finding (``config.unknown`` / ``config.type`` /
``config.value``) with the location chain ``plugins -> zwgk -> clocks -> <key>``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..findings import Finding, Severity, finding
from ..model import Site
from ..schema import parse_datetime

# Beijing time has had no daylight saving since 1991, so a fixed +08:00 offset is exact for any
# date a clock can meet, and it needs no tzdata (absent on Windows and in slim containers).
SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

Level = Literal["error", "warning", "off"]
LEVELS: tuple[Level, ...] = ("error", "warning", "off")
CONFIG_FILE = "mkdocs.yml"
CHAIN = "plugins -> zwgk -> clocks"

# Rules whose severity an office may change with ``clocks: {severity: {rule: error|warning|off}}``.
# They are the time-driven ones. Rules about malformed data (dates in the wrong order, a broken
# link to a consultation, …) are always errors and cannot be switched off.
ADJUSTABLE: dict[str, Severity] = {
    "consultation.too_short": "warning",
    "consultation.outcome_overdue": "error",
    "consultation.outcome_late": "warning",
    "response.late": "warning",
    "response.authoritative_late": "warning",
    "response.authoritative_missing": "warning",
    "response.press_conference_late": "warning",
    "response.press_conference_missing": "warning",
    "sentiment.late": "warning",  # the 舆情 register's clocks (zwgk.core.rules.sentiment)
    "sentiment.overdue": "warning",
    "column.stale": "warning",
    "column.blank": "warning",
    "inspection.single_veto_risk": "warning",
    "annual.report_late": "warning",  # 年报 not public after 31 January (zwgk.core.rules.annual)
}

# What each clock rule checks (docs/clocks.md §4; scripts/rules_table.py reads this catalogue).
RULES: dict[str, str] = {
    "consultation.too_short": "意见征集期限（自开始或公告发布起至截止）少于 30 天",
    "consultation.dates": "意见征集的截止日期早于开始日期，或公告发布晚于截止日期",
    "consultation.outcome_overdue": "征集截止后 1 个月内未公布采纳情况",
    "consultation.outcome_late": "采纳情况在截止后 1 个月期限之后才公布",
    "outcome.consultation": "采纳情况的 consultation 不是已有意见征集的索引号",
    "outcome.before_close": "采纳情况在征集截止当天或之前发布",
    "outcome.duplicate": "同一意见征集有两份采纳情况",
    "outcome.opinions": "缺少或写错意见采纳情况表（意见摘要、是否采纳、理由）",
    "response.late": "舆情出现后 48 小时内未回应",
    "response.authoritative_late": "重大、特别重大突发事件 5 小时内未发布权威信息",
    "response.authoritative_missing": "重大、特别重大突发事件没有记录权威信息发布时间",
    "response.press_conference_late": "重大、特别重大突发事件 24 小时内未举行新闻发布会",
    "response.press_conference_missing": "重大、特别重大突发事件没有记录新闻发布会",
    "response.press_conference": "新闻发布会的时间或网址写法不对",
    "response.order": "回应、权威信息或发布会时间早于舆情出现时间",
    "column.stale": "栏目超过更新周期未更新（超过 2 倍周期为长期未更新）",
    "column.blank": "栏目没有任何公开信息（空白栏目）",
    "inspection.single_veto_risk": "未更新栏目 ≥ 5、长期未更新 ≥ 10 或空白栏目 ≥ 5：网站检查单项否决风险",
    "notices.invalid": "通报登记表格式或字段错误",
    "notices.division": "通报登记表中的处室未登记",
    "notices.date": "通报登记表的整改日期早于通报日期",
    "assessment.invalid": "考核责任分解表格式或字段错误",
    "assessment.division": "考核责任分解表的处室与栏目任务分解表不一致",
}


@dataclass(frozen=True)
class IntSetting:
    default: int
    minimum: int
    maximum: int | None
    doc: str


INT_SETTINGS: dict[str, IntSetting] = {
    "consultation_min_days": IntSetting(30, 1, None, "意见征集最短期限（自然日，默认 30）"),
    "outcome_months": IntSetting(1, 1, 12, "征集截止后多少个月内公布采纳情况（默认 1）"),
    "response_hours": IntSetting(48, 1, None, "舆情回应时限（小时，默认 48）"),
    "authoritative_hours": IntSetting(5, 1, None, "重大、特别重大突发事件发布权威信息时限（小时，默认 5）"),
    "press_conference_hours": IntSetting(24, 1, None, "重大、特别重大突发事件举行新闻发布会时限（小时，默认 24）"),
    "long_stale_factor": IntSetting(2, 2, None, "超过更新周期多少倍算“长期未更新”（默认 2）"),
    "veto_stale": IntSetting(5, 1, None, "未更新栏目达到多少个提示单项否决风险（默认 5）"),
    "veto_long_stale": IntSetting(10, 1, None, "长期未更新栏目达到多少个提示单项否决风险（默认 10）"),
    "veto_blank": IntSetting(5, 1, None, "空白栏目达到多少个提示单项否决风险（默认 5）"),
    "report_day": IntSetting(29, 1, 31, "督查月报报送日（每月几号，默认 29）"),
}
STR_SETTINGS: dict[str, tuple[str, str]] = {
    "notices_file": ("governance/notices.yml", "通报登记表（不发布）"),
    "assessment_file": ("governance/assessment.yml", "考核责任分解表（不发布）"),
}
KNOWN_KEYS = (*INT_SETTINGS, *STR_SETTINGS, "severity")


@dataclass(frozen=True)
class ClockSettings:
    consultation_min_days: int = 30
    outcome_months: int = 1
    response_hours: int = 48
    authoritative_hours: int = 5
    press_conference_hours: int = 24
    long_stale_factor: int = 2
    veto_stale: int = 5
    veto_long_stale: int = 10
    veto_blank: int = 5
    report_day: int = 29
    notices_file: str = "governance/notices.yml"
    assessment_file: str = "governance/assessment.yml"
    severities: Mapping[str, Level] = field(default_factory=dict)

    def level(self, rule: str) -> Level:
        """The configured level of an adjustable rule (``off``: the rule reports nothing)."""
        return self.severities.get(rule, ADJUSTABLE[rule])


def parse_settings(raw: Mapping[str, Any] | None) -> tuple[ClockSettings, list[Finding]]:
    """Read ``clocks:``; a bad value is reported and replaced by its default, never guessed."""
    problems: list[Finding] = []
    values: dict[str, Any] = {}
    for key, value in (raw or {}).items():
        chain = f"{CHAIN} -> {key}"
        if key in INT_SETTINGS:
            spec = INT_SETTINGS[key]
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append(finding("config.type", CONFIG_FILE, f"clocks 的 {key} 应为整数，而不是 {value!r}",
                                        f"{spec.doc}，例如 {key}: {spec.default}", field=chain))
            elif value < spec.minimum or (spec.maximum is not None and value > spec.maximum):
                span = f"{spec.minimum}–{spec.maximum}" if spec.maximum is not None else f"不小于 {spec.minimum}"
                problems.append(finding("config.value", CONFIG_FILE, f"clocks 的 {key} 取值 {value} 超出范围（{span}）",
                                        f"{spec.doc}", field=chain))
            else:
                values[key] = value
        elif key in STR_SETTINGS:
            default, doc = STR_SETTINGS[key]
            if not isinstance(value, str) or not value.strip():
                problems.append(finding("config.type", CONFIG_FILE, f"clocks 的 {key} 应为文件路径",
                                        f"{doc}，例如 {key}: {default}", field=chain))
            else:
                values[key] = value.strip()
        elif key == "severity":
            levels, p = _parse_severities(value)
            problems += p
            values["severities"] = levels
        else:
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f"是否想写 {close[0]}？" if close else "可用的设置：" + "、".join(KNOWN_KEYS)
            problems.append(finding("config.unknown", CONFIG_FILE, f"clocks 中有未知的设置项 {key}", hint, field=chain))
    return ClockSettings(**values), problems


def _parse_severities(value: Any) -> tuple[dict[str, Level], list[Finding]]:
    chain = f"{CHAIN} -> severity"
    example = "例如 severity: {consultation.outcome_overdue: warning}"
    if not isinstance(value, Mapping):
        return {}, [finding("config.type", CONFIG_FILE, "clocks 的 severity 应为“规则: 级别”的映射", example, field=chain)]
    out: dict[str, Level] = {}
    problems: list[Finding] = []
    for rule, level in value.items():
        where = f"{chain} -> {rule}"
        if rule not in ADJUSTABLE:
            close = difflib.get_close_matches(str(rule), ADJUSTABLE, n=1, cutoff=0.6)
            hint = (f"是否想写 {close[0]}？" if close else
                    "只有与时间有关的规则可调整：" + "、".join(ADJUSTABLE))
            problems.append(finding("config.unknown", CONFIG_FILE, f"规则 {rule} 的级别不能在 clocks 中调整", hint,
                                    field=where))
        elif level not in LEVELS:
            problems.append(finding("config.value", CONFIG_FILE, f"规则 {rule} 的级别 {level!r} 无效",
                                    "可选：error（阻止构建）、warning（提示）、off（不提示，报表照常统计）",
                                    field=where))
        else:
            out[str(rule)] = level
    return out, problems


def settings_for(site: Site) -> ClockSettings:
    """The site's clock settings; problems are reported once, by the ``clock_settings`` rule."""
    return parse_settings(site.config.clocks)[0]


def emit(settings: ClockSettings, f: Finding) -> list[Finding]:
    """Apply the configured level of an adjustable rule to a finding (``off`` drops it)."""
    level = settings.level(f.rule)
    return [] if level == "off" else [f.with_severity(level)]


def to_shanghai(value: Any) -> dt.datetime | None:
    """A front-matter date-time as an aware Beijing time.

    Naive values are Asia/Shanghai wall time (what a clerk writes); values with an explicit
    offset (``2026-09-07T12:00:00+00:00`` from a monitoring export) are converted. The reading is
    :func:`zwgk.core.schema.parse_datetime`'s, so a clock accepts exactly the values the front-matter
    check accepts (and the 舆情 register the same as front matter).
    """
    return parse_datetime(value)


def format_duration(delta: dt.timedelta) -> str:
    """``26 小时 30 分钟``; minutes are rounded up so a late clock never reads ``0 分钟``."""
    minutes = -(-int(delta.total_seconds()) // 60)
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return f"{hours} 小时 {mins} 分钟"
    if hours:
        return f"{hours} 小时"
    return f"{mins} 分钟"


def hours(delta: dt.timedelta) -> float:
    """Hours as a number for tables (two decimals)."""
    return round(delta.total_seconds() / 3600, 2)


def format_dt(value: dt.datetime) -> str:
    return value.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
