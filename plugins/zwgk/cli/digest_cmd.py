"""``zwgk digest``: print the digest block of an item as it stands now (for review records)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml

from ..core.pipeline import check_repo
from ..core.review.record import item_digest
from .show import find_item


@click.command("digest", help="打印一条信息当前内容的摘要（审查表 digest 字段）。")
@click.argument("key")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
def command(key: str, root: Path) -> None:
    result = check_repo(root.resolve())
    item = find_item(result, key) if result.site else None
    if item is None or result.site is None:
        click.echo(f"找不到 {key}", err=True)
        sys.exit(2)
    block = {"digest": item_digest(result.site, item).to_record()}
    click.echo(yaml.safe_dump(block, allow_unicode=True, sort_keys=False), nl=False)
