"""``zwgk report annual YYYY``: the 政府信息公开工作年度报告 (a subcommand of ``zwgk report``).

Outputs: the Markdown item, written into the 年报 column (or ``--out``) for review like any item;
the XLSX for the 政务公开办 (``--out``, default ``reports/``); with ``--format json`` the tables as
data on standard output (and ``<out>/annual-YYYY.json`` when ``--out`` is given).
Exit status: 0 when every check passes, 1 when a check fails (the Markdown item is then not
written: a 年报 whose tables do not add up, or with missing or copied prose, must not go out;
the XLSX and JSON are still written, with the failed checks listed), 2 on a bad argument.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import click

from .options import root_option, today_option

FORMATS = ("all", "md", "xlsx", "json")


@click.command("annual", help="生成政府信息公开工作年度报告 YYYY：年报栏目的 Markdown 信息、报送用 XLSX；--format json 输出表格数据。")
@click.argument("year", metavar="YYYY")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="输出目录（XLSX、JSON 默认为 reports/；指定时 Markdown 也写到这里，不写入栏目）")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="all", show_default=True,
              help="all = Markdown + XLSX")
@root_option
@today_option
def annual(year: str, out: Path | None, fmt: str, root: Path, today: dt.date | None) -> None:
    from ..core.reports.annual_md import item_markdown
    from ..core.reports.annual_report import build_annual
    from ..core.reports.annual_xlsx import annual_workbook
    from ..core.requests.register import load_register
    from .report_cmd import YEARS, _fail, _load, _out_dir, _print  # report_cmd adds this command to its group

    if not re.fullmatch(r"\d{4}", year.strip()) or int(year) not in YEARS:
        _fail(f"年度 {year} 无效：请写成四位年份（{YEARS.start}–{YEARS.stop - 1}），例如 2025")
    y = int(year)
    site = _load(root.resolve(), today)
    if y >= site.today.year:
        _fail(f"{y} 年尚未结束（今天是 {site.today}），年报在次年 1 月生成")
    requests, problems = load_register(site)
    report = build_annual(site, y, requests, problems)
    _print(report.findings)
    if fmt == "json":
        text = json.dumps(report.to_json(), ensure_ascii=False, indent=2)
        click.echo(text)
        if out is not None:
            target = _out_dir(site, out)
            target.mkdir(parents=True, exist_ok=True)
            (target / f"{report.slug}.json").write_text(text + "\n", encoding="utf-8", newline="\n")
            click.echo(str(target / f"{report.slug}.json"), err=True)
    if fmt in ("all", "xlsx"):
        target = _out_dir(site, out)
        target.mkdir(parents=True, exist_ok=True)
        (target / f"{report.slug}.xlsx").write_bytes(annual_workbook(report))
        click.echo(str(target / f"{report.slug}.xlsx"))
    if fmt in ("all", "md"):
        if report.errors:
            click.echo(f"有 {len(report.errors)} 个错误，未生成年报信息（Markdown）：修正后重新运行", err=True)
        elif report.target is None:
            click.echo("无法确定年报信息的文件位置：在 governance/annual/ 的 report 中填写 index_no 或 file", err=True)
        else:
            md = (out.resolve() / Path(report.target).name) if out is not None else site.root / report.target
            md.parent.mkdir(parents=True, exist_ok=True)
            md.write_text(item_markdown(report), encoding="utf-8", newline="\n")
            click.echo(str(md))
            if out is None:
                click.echo(f"已写入年报信息 {report.target}：请综合处审查后签署审查表（zwgk review {report.target}）", err=True)
    if report.errors:
        sys.exit(1)
