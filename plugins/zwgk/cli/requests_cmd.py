"""``zwgk requests new|list``: the internal 依申请公开 register (governance/requests/, never published).

``list --format json`` is a contract: a list of
``{id, received, start, due, replied, state, late_workdays}`` (see ``RequestClock.to_json``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..core.requests.model import APPLICANT_TYPES, CHANNELS
from .options import load_project_or_exit, parse_date, root_option, today_option


def _fail(message: str, code: int = 2) -> None:
    click.echo(message, err=True)
    sys.exit(code)


@click.group("requests", help="依申请公开登记簿（governance/requests/，内部材料，不发布）：登记新申请、查看办理进度和答复期限。")
def command() -> None:
    pass


@command.command("new", help="登记一件新申请：取下一个空号，生成 governance/requests/<年份>/<序号>.yml（办理步骤留空）。")
@click.option("--received", callback=parse_date, default=None, metavar="YYYY-MM-DD",
              help="收到申请之日（条例第三十一条；默认今天）")
@click.option("--channel", type=click.Choice(CHANNELS), required=True, help="申请渠道")
@click.option("--applicant-type", "applicant_type", type=click.Choice(APPLICANT_TYPES), required=True,
              help="申请人类型（不登记申请人身份）")
@click.option("--subject", default="", help="申请内容摘要（写申请了什么，不写谁申请）")
@click.option("--registrar", default="", help="登记人（综合处）")
@root_option
@today_option
def new(received: dt.date | None, channel: str, applicant_type: str, subject: str, registrar: str, root: Path,
        today: dt.date | None) -> None:
    from ..core.loader import resolve_today
    from ..core.requests.register import read_request, scan_text
    from ..core.requests.scaffold import next_number, scaffold
    from ..core.yamlio import parse_yaml

    project = load_project_or_exit(root, today)
    day = received or resolve_today(project)[0]
    number = next_number(project.root, day.year)
    rel, text = scaffold(day, number, channel, applicant_type, subject.strip(), registrar.strip())
    # Refuse to write what zwgk check would reject (personal data typed into --subject, say).
    data, problems = parse_yaml(text, rel)
    problems += scan_text(text, rel) + read_request(rel, data, day.year)[1]
    if problems:
        for p in problems:
            click.echo(p.format_text(), err=True)
        _fail("未登记：请改正上面的问题后重试", 1)
    target = project.root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite a request
        fh.write(text)
    click.echo(rel)


@command.command("list", help="列出各申请的当前步骤、答复期限和状态（办理中、已答复、逾期未答复、逾期答复、待补正）。")
@click.option("--due-within", "due_within", type=click.IntRange(min=0), default=None, metavar="N",
              help="只列出未答复、且 N 个工作日内到期（含已逾期）的申请")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "xlsx"]), default="text", show_default=True,
              help="输出格式；xlsx 写入 --out 指定的文件")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="xlsx 文件路径（默认 reports/依申请公开-<今天>.xlsx；不能在内容目录中）")
@root_option
@today_option
def list_(due_within: int | None, fmt: str, out: Path | None, root: Path, today: dt.date | None) -> None:
    from ..core.loader import resolve_today
    from ..core.requests.clock import clocks
    from ..core.requests.listing import due_within as within
    from ..core.requests.listing import text_table, workbook
    from ..core.requests.register import load_register_at
    from ..core.workdays import WorkCalendar

    project = load_project_or_exit(root, today)
    day, problems = resolve_today(project)
    if problems:  # a list silently dated by the wall clock instead of the intended day would be wrong
        _fail("\n".join(p.format_text() for p in problems))
    calendar, cal_problems = WorkCalendar.load(project.root / project.config.calendar_dir, project.root)
    requests, reg_problems = load_register_at(project.root)
    for p in cal_problems + reg_problems:
        click.echo(p.format_text(), err=True)
    rows = clocks(requests, calendar, day)
    if due_within is not None:
        rows = within(rows, calendar, due_within)
    if fmt == "json":
        click.echo(json.dumps([c.to_json() for c in rows], ensure_ascii=False, indent=2))
    elif fmt == "text":
        click.echo(text_table(rows, day))
    else:
        target = (out or project.root / "reports" / f"依申请公开-{day.isoformat()}.xlsx").resolve()
        docs = project.docs_dir.resolve()
        if target.is_relative_to(docs):
            _fail(f"登记簿是内部材料，不能写入内容目录 {project.config.docs_dir}/（会被发布）：请用 --out 指定其他位置")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(workbook(rows, day, project.config.publisher))
        click.echo(str(target))
