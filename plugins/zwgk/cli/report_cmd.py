"""``zwgk report``: the internal 督查 monthly report and the annual 考核 (HTML + XLSX).

Reports are written to ``--out`` (default ``<root>/reports``), never into the content folder:
they are internal and must not be published.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import click

from ..core.findings import Finding
from ..core.loader import load_site
from ..core.model import Site
from .options import load_project_or_exit, root_option, today_option

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
#: Years a report can be about: the 条例 dates from 2008; ``0000`` or ``9999`` is a typing error (and
#: outside what the calendar and month arithmetic accept).
YEARS = range(1990, 2101)
FORMATS = ("html", "xlsx")


def _fail(message: str, code: int = 2) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _load(root: Path, today: dt.date | None) -> Site:
    """Load without running the rules: a report is wanted precisely when things are wrong."""
    project = load_project_or_exit(root, today)
    site, found = load_site(project)
    for f in found:
        if f.path == "ZWGK_TODAY":
            # A report silently dated by the wall clock instead of the intended day would be wrong.
            _fail(f.format_text())
        if f.rule in ("calendar.invalid", "columns.invalid"):
            click.echo(f.format_text(), err=True)
    return site


def _out_dir(site: Site, out: Path | None) -> Path:
    target = (out if out is not None else site.root / "reports").resolve()
    docs = (site.root / site.config.docs_dir).resolve()
    if target == docs or target.is_relative_to(docs):
        _fail(f"报表是内部材料，不能写入内容目录 {site.config.docs_dir}/（会被发布）：请用 --out 指定其他目录，例如 reports/")
    return target


def _write(target: Path, stem: str, fmts: tuple[str, ...], html_text: str | None, xlsx: bytes | None) -> None:
    target.mkdir(parents=True, exist_ok=True)
    if "html" in fmts and html_text is not None:
        (target / f"{stem}.html").write_text(html_text, encoding="utf-8", newline="\n")
        click.echo(str(target / f"{stem}.html"))
    if "xlsx" in fmts and xlsx is not None:
        (target / f"{stem}.xlsx").write_bytes(xlsx)
        click.echo(str(target / f"{stem}.xlsx"))


def _formats(value: str) -> tuple[str, ...]:
    return FORMATS if value == "all" else (value,)


def _print(findings: list[Finding]) -> None:
    for f in findings:
        click.echo(f.format_text(), err=True)


@click.group("report", help="报表：督查月报（monthly）、年度考核（assessment）为内部材料，不发布；政府信息公开工作年度报告（annual）。")
def command() -> None:
    pass


out_option = click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
                          help="输出目录（默认为仓库根目录下的 reports/；不能在内容目录中）")
format_option = click.option("--format", "fmt", type=click.Choice(["all", *FORMATS]), default="all", show_default=True,
                             help="输出格式")


@command.command("monthly", help="生成督查月报 YYYY-MM（HTML 和 XLSX）。")
@click.argument("month", metavar="YYYY-MM")
@out_option
@format_option
@root_option
@today_option
def monthly(month: str, out: Path | None, fmt: str, root: Path, today: dt.date | None) -> None:
    from ..core.reports.html import monthly_html
    from ..core.reports.monthly import MonthNotStarted, build_monthly
    from ..core.reports.xlsx import monthly_workbook

    m = _MONTH.match(month.strip())
    if not m or not 1 <= int(m[2]) <= 12 or int(m[1]) not in YEARS:
        _fail(f"月份 {month} 无效：请写成 YYYY-MM（{YEARS.start}–{YEARS.stop - 1} 年），例如 2026-11")
    assert m is not None
    site = _load(root.resolve(), today)
    try:
        report = build_monthly(site, int(m[1]), int(m[2]))
    except MonthNotStarted as exc:
        _fail(str(exc))
        return
    fmts = _formats(fmt)
    _write(_out_dir(site, out), report.slug, fmts, monthly_html(report) if "html" in fmts else None,
           monthly_workbook(report) if "xlsx" in fmts else None)


@command.command("assessment", help="生成年度考核 YYYY（HTML 和 XLSX），依据通报登记表和考核责任分解表。")
@click.argument("year", metavar="YYYY")
@out_option
@format_option
@root_option
@today_option
def assessment(year: str, out: Path | None, fmt: str, root: Path, today: dt.date | None) -> None:
    from ..core.assessment_registers import load_assessment, load_notices
    from ..core.reports.assessment import YearNotStarted, build_assessment
    from ..core.reports.html import assessment_html
    from ..core.reports.xlsx import assessment_workbook

    if not re.fullmatch(r"\d{4}", year.strip()) or int(year) not in YEARS:
        _fail(f"年度 {year} 无效：请写成四位年份（{YEARS.start}–{YEARS.stop - 1}），例如 2026")
    site = _load(root.resolve(), today)
    notices, p1 = load_notices(site)
    table, p2 = load_assessment(site)
    errors = [f for f in p1 + p2 if f.is_error]
    _print(p1 + p2)
    if errors:
        _fail(f"通报登记表或考核责任分解表有 {len(errors)} 个错误，修正后再生成考核结果（分数不能基于错误的数据）", 1)
    try:
        report = build_assessment(site, int(year), notices, table)
    except YearNotStarted as exc:
        _fail(str(exc))
        return
    fmts = _formats(fmt)
    _write(_out_dir(site, out), report.slug, fmts, assessment_html(report) if "html" in fmts else None,
           assessment_workbook(report) if "xlsx" in fmts else None)


def _annual() -> click.Command:
    from .report_annual import annual  # its own module (one per command); it uses the helpers above

    return annual


command.add_command(_annual())
