"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..core.project import Project

F = TypeVar("F", bound=Callable[..., Any])


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """click callback: an ISO date or a clear error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value} 不是有效日期，请写成 YYYY-MM-DD") from None


def today_option(f: F) -> F:
    """``--today YYYY-MM-DD`` fixes "today" (scheduled items, clocks); default: ZWGK_TODAY or the date in Beijing."""
    return click.option("--today", callback=parse_date, default=None, metavar="YYYY-MM-DD",
                        help="把“今天”固定为该日期（也可用环境变量 ZWGK_TODAY）")(f)


def root_option(f: F) -> F:
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
                        help="仓库根目录（默认当前目录）")(f)


def load_project_or_exit(root: Path, today: dt.date | None = None) -> Project:
    """The project at ``root`` with ``--today`` applied; configuration problems end the command (exit 2)."""
    from dataclasses import replace

    from ..core.project import load_project

    project, problems = load_project(root)
    if project is None:
        for p in problems:
            click.echo(p.format_text(), err=True)
        sys.exit(2)
    if today is not None:
        project = replace(project, config=replace(project.config, today=today))
    return project
