"""``zwgk show``: everything known about one item. The JSON shape is a contract (README.md, "Commands")."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from ..core.clocks.deadline import deadline
from ..core.model import Item
from ..core.pipeline import CheckResult, check_repo
from .options import root_option, today_option


def find_item(result: CheckResult, key: str) -> Item | None:
    assert result.site is not None
    norm = Path(key).as_posix().removeprefix("./")
    for item in result.site.items:
        if norm in (item.path, item.index_no, item.src_uri):
            return item
    # The home page and column index pages are reviewed too (core/rules/publish.py).
    from ..core.rules.publish import governed_pages

    return next((p for p in governed_pages(result.site) if norm in (p.path, p.src_uri)), None)


def describe(result: CheckResult, item: Item) -> dict[str, Any]:
    site = result.site
    assert site is not None
    interp = site.interpretations.get(item.interpretation_id) if item.interpretation_id else site.interpretation_for(item)
    record = site.reviews.get(item.path)
    interp_json = None
    related = {item.path}
    if record:
        related.add(record.path)
    if interp is not None:
        interp_json = {"plan": interp.plan_path, "material": interp.material.path if interp.material else None,
                       "diagram": interp.diagram_path}
        related |= {p for p in interp_json.values() if p}
        related.add(interp.dir)
        if interp.material and (r := site.reviews.get(interp.material.path)):
            related.add(r.path)
    return {
        "index_no": item.index_no or None,
        "path": item.path,
        "kind": item.kind,
        "review": record.path if record else None,
        "interpretation": interp_json,
        "deadline": deadline(site, item).to_dict(),
        "findings": [f.to_dict() for f in result.findings if f.path in related],
    }


@click.command("show", help="显示一条信息的审查表、解读、时限和问题。KEY 为文件路径或索引号。")
@click.argument("key")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@root_option
@today_option
def command(key: str, fmt: str, root: Path, today: dt.date | None) -> None:
    result = check_repo(root.resolve(), today=today)
    if result.site is None:
        for f in result.findings:
            click.echo(f.format_text(), err=True)
        sys.exit(2)
    item = find_item(result, key)
    if item is None:
        click.echo(f"找不到 {key}：请给出 content/ 下的文件路径或索引号", err=True)
        sys.exit(2)
    data = describe(result, item)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{item.title}\n  索引号：{item.index_no}\n  文件：{item.path}\n  类型：{item.kind}")
    click.echo(f"  审查表：{data['review'] or '（无）'}")
    if data["interpretation"]:
        for k, label in (("plan", "解读方案"), ("material", "解读材料"), ("diagram", "图解")):
            click.echo(f"  {label}：{data['interpretation'][k] or '（无）'}")
    d = data["deadline"]
    click.echo(f"  形成 {d['formed']} → 应于 {d['due']} 前发布，实际 {d['published']}，逾期 {d['late_workdays']} 个工作日")
    for f in data["findings"]:
        click.echo("  " + f["path"] + ": " + f["message"])
