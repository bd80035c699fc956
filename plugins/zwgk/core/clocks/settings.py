"""Settings of the clocks: the ``clocks:`` mapping of the zwgk plugin options, validated here.

``SiteConfig.from_mapping`` calls :func:`parse_settings` once, at load (for the build and the CLI
alike); an unknown or mistyped key becomes a finding there (``config.unknown`` / ``config.type`` /
``config.value``) with the location chain ``plugins -> zwgk -> clocks -> <key>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..findings import Finding, Severity, finding
from ..model import Site
from ..options import CLOCKS, Option, unknown_key
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


# The options are declared (name, default, bounds, doc) in zwgk.core.options.CLOCKS.
INT_SETTINGS: dict[str, Option] = {o.name: o for o in CLOCKS.options if o.type is int}
STR_SETTINGS: dict[str, Option] = {o.name: o for o in CLOCKS.options if o.type is str}
KNOWN_KEYS = CLOCKS.names
_D = CLOCKS.defaults


@dataclass(frozen=True)
class ClockSettings:
    consultation_min_days: int = _D["consultation_min_days"]
    outcome_months: int = _D["outcome_months"]
    response_hours: int = _D["response_hours"]
    authoritative_hours: int = _D["authoritative_hours"]
    press_conference_hours: int = _D["press_conference_hours"]
    long_stale_factor: int = _D["long_stale_factor"]
    veto_stale: int = _D["veto_stale"]
    veto_long_stale: int = _D["veto_long_stale"]
    veto_blank: int = _D["veto_blank"]
    report_day: int = _D["report_day"]
    notices_file: str = _D["notices_file"]
    assessment_file: str = _D["assessment_file"]
    severities: Mapping[str, Level] = field(default_factory=dict)

    def level(self, rule: str) -> Level:
        """The configured level of an adjustable rule (``off``: the rule reports nothing)."""
        return self.severities.get(rule, ADJUSTABLE[rule])


def parse_settings(raw: Mapping[str, Any] | None, where: str = CONFIG_FILE) -> tuple[ClockSettings, list[Finding]]:
    """Read ``clocks:``; a bad value is reported and replaced by its default, never guessed."""
    problems: list[Finding] = []
    values: dict[str, Any] = {}
    for key, value in (raw or {}).items():
        chain = f"{CHAIN} -> {key}"
        if key in INT_SETTINGS:
            spec = INT_SETTINGS[key]
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append(finding("config.type", where, f"clocks 的 {key} 应为整数，而不是 {value!r}",
                                        f"{spec.doc}，例如 {key}: {spec.default}", field=chain))
            elif ((spec.minimum is not None and value < spec.minimum)
                  or (spec.maximum is not None and value > spec.maximum)):
                span = f"{spec.minimum}–{spec.maximum}" if spec.maximum is not None else f"不小于 {spec.minimum}"
                problems.append(finding("config.value", where, f"clocks 的 {key} 取值 {value} 超出范围（{span}）",
                                        f"{spec.doc}（默认 {spec.default}）", field=chain))
            else:
                values[key] = value
        elif key in STR_SETTINGS:
            opt = STR_SETTINGS[key]
            if not isinstance(value, str) or not value.strip():
                problems.append(finding("config.type", where, f"clocks 的 {key} 应为文件路径",
                                        f"{opt.doc}，例如 {key}: {opt.default}", field=chain))
            else:
                values[key] = value.strip()
        elif key == "severity":
            levels, p = _parse_severities(value, where)
            problems += p
            values["severities"] = levels
        else:
            problems.append(unknown_key(key, KNOWN_KEYS, where, chain, f"clocks 中有未知的设置项 {key}"))
    return ClockSettings(**values), problems


def _parse_severities(value: Any, where: str) -> tuple[dict[str, Level], list[Finding]]:
    chain = f"{CHAIN} -> severity"
    example = "例如 severity: {consultation.outcome_overdue: warning}"
    if not isinstance(value, Mapping):
        return {}, [finding("config.type", where, "clocks 的 severity 应为“规则: 级别”的映射", example, field=chain)]
    out: dict[str, Level] = {}
    problems: list[Finding] = []
    for rule, level in value.items():
        at = f"{chain} -> {rule}"
        if rule not in ADJUSTABLE:
            problems.append(unknown_key(rule, ADJUSTABLE, where, at, f"规则 {rule} 的级别不能在 clocks 中调整",
                                        fallback="只有与时间有关的规则可调整：" + "、".join(ADJUSTABLE)))
        elif level not in LEVELS:
            problems.append(finding("config.value", where, f"规则 {rule} 的级别 {level!r} 无效",
                                    "可选：error（阻止构建）、warning（提示）、off（不提示，报表照常统计）",
                                    field=at))
        else:
            out[str(rule)] = level
    return out, problems


def settings_for(site: Site) -> ClockSettings:
    """The site's clock settings, parsed once at load (:class:`zwgk.core.config.SiteConfig`), which reports their problems."""
    return site.config.clocks


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
