"""The Finding: one problem, told so that a division clerk can act on it.

Contract (README.md, "Commands"; the JSON of `zwgk check`): ``rule`` (stable id), ``severity`` (``error`` blocks the build,
``warning`` is reported), ``path`` (repo-relative, POSIX), ``field``, ``message`` (Chinese),
``hint`` (what to do). ``line`` and ``location`` are optional extras for precise places
(a Markdown line, ``第3页``, ``Sheet1!B4``).

Personal numbers are masked here, once, for every rule: :meth:`Finding.__post_init__` passes the
message, hint, location and field through :func:`zwgk.core.masking.mask_text`, so a rule that
quotes an author's value (an ID number typed into ``index_no``) cannot print it. ``replace()``
and direct construction go through the same hook. ``path`` is not masked: it must name the file
to fix (the path scanner reports ID-like file names separately).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from .masking import mask_text

Severity = Literal["error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    rule: str
    severity: Severity
    field: str | None
    message: str
    hint: str
    line: int | None = None
    location: str | None = None

    def __post_init__(self) -> None:
        # Frozen dataclass: object.__setattr__ is the documented way to normalise in __post_init__.
        object.__setattr__(self, "message", mask_text(self.message))
        object.__setattr__(self, "hint", mask_text(self.hint, keep_fingerprint=True))
        if self.field:
            object.__setattr__(self, "field", mask_text(self.field))
        if self.location:
            object.__setattr__(self, "location", mask_text(self.location))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format_text(self) -> str:
        """One line per finding: ``path:line: [错误] rule 字段 field：message 处理：hint``."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        if self.location:
            where += f"（{self.location}）"
        label = "错误" if self.is_error else "警告"
        field = f" 字段 {self.field}" if self.field else ""
        return f"{where}: [{label}] {self.rule}{field}：{self.message} 处理：{self.hint}"


def finding(
    rule: str,
    path: str,
    message: str,
    hint: str,
    *,
    field: str | None = None,
    severity: Severity = "error",
    line: int | None = None,
    location: str | None = None,
) -> Finding:
    """Keyword-friendly constructor so call sites read like sentences."""
    return Finding(
        path=path, rule=rule, severity=severity, field=field, message=message, hint=hint,
        line=line, location=location,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable order for output: by file, then line, then rule."""
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.rule, f.field or "", f.message))


def to_json(findings: Iterable[Finding]) -> str:
    return json.dumps([f.to_dict() for f in sort_findings(findings)], ensure_ascii=False, indent=2)
