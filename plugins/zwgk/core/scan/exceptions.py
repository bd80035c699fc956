"""Reviewed exceptions: a reviewer may allow one exact value that the law requires to publish.

An exception lives in the item's review record (审查表) as
``{rule: privacy.mobile, fingerprint: 3fa2c19b0d11, reason: ..., reviewer: ...}``. It allows
only that rule for that exact value, and only with a reason and a named reviewer: the
record is what an inspection will ask for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..findings import Finding, finding
from .fingerprint import fingerprint_of

INVALID = "scan.exception_invalid"
UNUSED = "scan.exception_unused"
_HEX12 = re.compile(r"^[0-9a-f]{12}$")
_FIELDS = ("rule", "fingerprint", "reason", "reviewer")


@dataclass(frozen=True)
class ScanException:
    rule: str
    fingerprint: str
    reason: str
    reviewer: str


def _problems(entry: ScanException) -> list[str]:
    problems = []
    if not entry.rule.strip():
        problems.append("缺少 rule（规则编号，如 privacy.mobile）")
    if not _HEX12.match(entry.fingerprint):
        problems.append("fingerprint 应为构建报告中给出的 12 位十六进制指纹（全为数字时请加引号）")
    if not entry.reason.strip():
        problems.append("缺少 reason（为何依法应当公开）")
    if not entry.reviewer.strip():
        problems.append("缺少 reviewer（审查人姓名）")
    return problems


def _coerce(raw: object) -> tuple[ScanException, list[str]]:
    if isinstance(raw, ScanException):
        return raw, []
    if not isinstance(raw, Mapping):
        return ScanException("", "", "", ""), ["每项应写成 {rule, fingerprint, reason, reviewer}"]
    values = {k: raw.get(k) for k in _FIELDS}
    wrong_type = [k for k, v in values.items() if v is not None and not isinstance(v, str | int)]
    # YAML turns an all-digit fingerprint (e.g. 123456789012) into an int; accept it as text.
    entry = ScanException(*(str(v).strip() if isinstance(v, str | int) else "" for v in values.values()))
    return entry, [f"{k} 应为文字" for k in wrong_type]


def record_exceptions(data: Mapping[str, Any] | None) -> list[Any]:
    """The ``exceptions`` entries of a review record's data (a single entry without a list counts)."""
    raw = data.get("exceptions") if data is not None else None
    if not raw:
        return []
    return raw if isinstance(raw, list) else [raw]


def allowed(findings: list[Finding], exceptions: Sequence[Any], record_path: str) -> list[Finding]:
    """The findings a record's valid exceptions leave. For places that see a page again (the build,
    the search index): the exceptions' own problems are reported once, by the gate's scan rule."""
    if not findings or not exceptions:
        return findings
    return [f for f in apply_exceptions(findings, exceptions, record_path) if f.rule not in (UNUSED, INVALID)]


def apply_exceptions(
    findings: list[Finding],
    exceptions: Sequence[Mapping[str, Any]] | Sequence[ScanException],
    record_path: str,
) -> list[Finding]:
    """Drop findings allowed by a valid exception; report invalid and unused exceptions."""
    valid: dict[tuple[str, str], int] = {}
    report: list[Finding] = []
    entries: Sequence[Any] = exceptions  # the record is user YAML: items may be anything
    for i, raw in enumerate(entries):
        entry, problems = _coerce(raw)
        problems += _problems(entry)
        if problems:
            why = "；".join(dict.fromkeys(problems))
            report.append(finding(
                INVALID, record_path, f"审查表 exceptions 第{i + 1}项无效：{why}",
                "每项须写明 rule、fingerprint（照抄构建报告）、reason（依法公开的理由）"
                "和 reviewer（审查人）；无效的例外不会生效",
                field=f"exceptions[{i}]",
            ))
        else:
            valid.setdefault((entry.rule, entry.fingerprint), i)

    used: set[tuple[str, str]] = set()
    kept: list[Finding] = []
    for item in findings:
        fp = fingerprint_of(item)
        if fp is not None and (item.rule, fp) in valid:
            used.add((item.rule, fp))
        else:
            kept.append(item)
    for key, i in valid.items():
        if key not in used:
            report.append(finding(
                UNUSED, record_path,
                f"审查表 exceptions 第{i + 1}项（rule: {key[0]}, fingerprint: {key[1]}）没有对应的审查发现",
                "内容已修改或指纹抄错：请删除该项，或按最新构建报告更正 fingerprint",
                field=f"exceptions[{i}]", severity="warning",
            ))
    return kept + report
