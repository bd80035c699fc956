"""``zwgk calendar``: working-day arithmetic under the holiday arrangements."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..core.workdays import CalendarYearMissing, WorkCalendar


def _load(root: Path) -> WorkCalendar:
    from ..core.project import load_project

    project, _ = load_project(root)
    cal_dir = project.config.calendar_dir if project else "governance/calendar"
    cal, problems = WorkCalendar.load(root / cal_dir, root)
    for p in problems:
        click.echo(p.format_text(), err=True)
    return cal


@click.group("calendar", help="工作日计算（含调休）。")
def command() -> None:
    pass


@command.command("deadline", help="打印 DATE 之后第 N 个工作日（首日不计入；N=0 即当日）。")
@click.argument("date")
@click.argument("n", type=int)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
def deadline(date: str, n: int, root: Path) -> None:
    try:
        start = dt.date.fromisoformat(date)
    except ValueError:
        click.echo(f"日期 {date} 无效：请写成 YYYY-MM-DD，例如 2026-09-27", err=True)
        sys.exit(2)
    if n < 0:
        click.echo("N 不能为负数", err=True)
        sys.exit(2)
    try:
        click.echo(_load(root).add_workdays(start, n).isoformat())
    except CalendarYearMissing as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)


@command.command("workdays", help="START 之后到 END（含）之间的工作日数。")
@click.argument("start")
@click.argument("end")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
def workdays(start: str, end: str, root: Path) -> None:
    try:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        click.echo(str(_load(root).workdays_between(a, b)))
    except ValueError:
        click.echo("日期请写成 YYYY-MM-DD", err=True)
        sys.exit(2)
    except CalendarYearMissing as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
