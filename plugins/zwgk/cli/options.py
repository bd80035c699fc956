"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value} 不是有效日期，请写成 YYYY-MM-DD") from None


def today_option(f: F) -> F:
    """``--today YYYY-MM-DD`` fixes "today" (scheduled items, clocks); default: ZWGK_TODAY or the date in Beijing."""
    return click.option("--today", callback=_parse_today, default=None, metavar="YYYY-MM-DD",
                        help="把“今天”固定为该日期（也可用环境变量 ZWGK_TODAY）")(f)


def root_option(f: F) -> F:
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
                        help="仓库根目录（默认当前目录）")(f)
