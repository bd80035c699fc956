"""``zwgk check``: run every rule without rendering. JSON output is a contract (design.md)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..core.findings import to_json
from ..core.pipeline import check_repo
from .options import root_option, today_option


@click.command("check", help="检查全部内容（不生成网站）。有错误时退出码为 1。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@root_option
@today_option
def command(fmt: str, root: Path, today: dt.date | None) -> None:
    result = check_repo(root.resolve(), today=today)
    if fmt == "json":
        click.echo(to_json(result.findings))
    else:
        for f in result.findings:
            click.echo(f.format_text())
        n_err, n_warn = len(result.errors), len(result.warnings)
        items = len(result.site.items) if result.site else 0
        summary = f"检查了 {items} 条信息：{n_err} 个错误，{n_warn} 个警告"
        click.echo(summary, err=bool(n_err))
    sys.exit(1 if result.errors else 0)
