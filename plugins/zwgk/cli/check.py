"""``zwgk check``: run every rule without rendering. JSON output is a contract (README.md, "Commands").

CI formats (the exit status is the same for every format: 1 when any error, else 0):

- ``github``: workflow commands (``::error file=…,line=…,title=…::message``) that GitHub shows as
  annotations on the pull request's changed files, plus a Markdown table appended to
  ``$GITHUB_STEP_SUMMARY`` when that variable is set (GitHub shows only the first 10 annotations
  of each severity per step; the table lists them all).
- ``gitlab``: a GitLab Code Quality report (JSON list) for ``artifacts: reports: codequality``.
- ``markdown``: the same table as the GitHub summary, on standard output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..core.findings import Finding, to_json
from ..core.pipeline import check_repo
from .options import root_option, today_option

FORMATS = ["text", "json", "github", "gitlab", "markdown"]
MAX_SUMMARY_ROWS = 500  # $GITHUB_STEP_SUMMARY is capped at 1 MiB per step
GITLAB_SEVERITY = {"error": "critical", "warning": "minor"}  # Code Climate scale: info minor major critical blocker


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _title(f: Finding) -> str:
    return f"{f.rule}（{f.field}）" if f.field else f.rule


def github_annotations(findings: Sequence[Finding]) -> str:
    """One workflow command per finding; the message carries the fix so the annotation is actionable."""
    lines = []
    for f in findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        props.append(f"title={_escape_property(_title(f))}")
        where = f"（{f.location}）" if f.location else ""
        lines.append(f"::{f.severity} {','.join(props)}::{_escape_data(f'{f.message}{where} 处理：{f.hint}')}")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def markdown_summary(findings: Sequence[Finding], n_items: int) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if errors and all(f.rule.startswith("review.") for f in findings if f.is_error):
        # A clerk's pull request always lacks the signed record at first: that part is 综合处's job.
        verdict = "**待审查**：内容检查已通过，只差信息发布审查表，由综合处审查签署后即可合并。"
    elif errors:
        verdict = "**未通过**：有错误的合并请求不能合并，请按下表修改后重新提交（审查表由综合处负责）。"
    else:
        verdict = "**通过**：可以合并。" if not warnings else "**通过**（有警告，请核对）。"
    out = ["## zwgk 检查结果", "", f"检查了 {n_items} 条信息：{errors} 个错误，{warnings} 个警告。{verdict}", ""]
    if not findings:
        return "\n".join(out)
    out += ["| 文件 | 级别 | 规则 | 问题 | 怎么改 |", "| --- | --- | --- | --- | --- |"]
    for f in findings[:MAX_SUMMARY_ROWS]:
        where = f"`{_cell(f.path)}`" + (f" 第 {f.line} 行" if f.line is not None else "")
        where += f"（{_cell(f.location)}）" if f.location else ""
        level = "错误" if f.is_error else "警告"
        out.append(f"| {where} | {level} | `{_cell(_title(f))}` | {_cell(f.message)} | {_cell(f.hint)} |")
    if len(findings) > MAX_SUMMARY_ROWS:
        out += ["", f"另有 {len(findings) - MAX_SUMMARY_ROWS} 条未列出，请在本地运行 zwgk check 查看全部。"]
    out.append("")
    out.append("每条规则的含义和改法见仓库中的 docs/贡献指南.md。")
    return "\n".join(out)


def gitlab_report(findings: Sequence[Finding]) -> str:
    """GitLab Code Quality JSON. The fingerprint leaves out the line number so an issue keeps its
    identity when lines above it move; identical findings get a counter to stay unique."""
    seen: dict[str, int] = {}
    issues = []
    for f in findings:
        key = "\0".join((f.rule, f.path, f.field or "", f.message, f.location or ""))
        digest = hashlib.sha256(key.encode()).hexdigest()
        seen[digest] = seen.get(digest, 0) + 1
        if seen[digest] > 1:
            digest = hashlib.sha256(f"{key}\0{seen[digest]}".encode()).hexdigest()
        issues.append({
            "type": "issue",
            "description": f"{f.message} 处理：{f.hint}",
            "check_name": f.rule,
            "fingerprint": digest,
            "severity": GITLAB_SEVERITY[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2)


@click.command("check", help="检查全部内容（不生成网站）。有错误时退出码为 1。")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text：逐条文字；json：问题列表；github：GitHub 注释和步骤摘要；gitlab：GitLab 代码质量报告；markdown：表格")
@root_option
@today_option
def command(fmt: str, root: Path, today: dt.date | None) -> None:
    result = check_repo(root.resolve(), today=today, fork=True)
    items = len(result.site.items) if result.site else 0
    if fmt == "json":
        click.echo(to_json(result.findings))
    elif fmt == "gitlab":
        click.echo(gitlab_report(result.findings))
    elif fmt == "markdown":
        click.echo(markdown_summary(result.findings, items))
    elif fmt == "github":
        if result.findings:
            click.echo(github_annotations(result.findings))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(markdown_summary(result.findings, items) + "\n")
        click.echo(f"检查了 {items} 条信息：{len(result.errors)} 个错误，{len(result.warnings)} 个警告", err=True)
    else:
        for f in result.findings:
            click.echo(f.format_text())
        n_err, n_warn = len(result.errors), len(result.warnings)
        summary = f"检查了 {items} 条信息：{n_err} 个错误，{n_warn} 个警告"
        click.echo(summary, err=bool(n_err))
    sys.exit(1 if result.errors else 0)
