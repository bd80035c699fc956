"""``zwgk new``: scaffold an item (and for a policy its interpretation) with the next free 索引号."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .options import load_project_or_exit, root_option, today_option

EPILOG = """\b
例子：
  zwgk new --list
  zwgk new plain --column gzdt --title 市政务服务中心开展适老化服务周活动
  zwgk new policy --column zcwj --title 示例市政务服务帮办代办管理办法 --division 政务服务处
  zwgk new interpretation --policy 11459900MB0012345X/2026-00003
"""


def _list(root: Path) -> None:
    from ..core.columns import load_columns
    from ..core.scaffold import ITEM_KINDS
    from ..core.schema import KINDS

    project = load_project_or_exit(root)
    click.echo("信息类型（KIND）：")
    for kind in ITEM_KINDS:
        click.echo(f"  {kind:<16}{KINDS[kind]}")
    click.echo(f"  {'interpretation':<16}{KINDS['interpretation']}（zwgk new interpretation --policy 索引号）")
    columns, _, _ = load_columns(root, project.config.columns_file)
    click.echo("\n栏目（--column）及责任处室：")
    for col in sorted(columns.values(), key=lambda c: c.order):
        note = "（解读材料自动发布到此栏目）" if col.slug == project.config.interpretation_column else ""
        click.echo(f"  {col.slug:<10}{col.name}：{'、'.join(col.divisions)}{note}")


@click.command("new", help="新建一条信息（自动取索引号），并生成空白审查表；规范性文件同时生成解读方案、解读材料和图解模板。",
               epilog=EPILOG)
@click.argument("kind", required=False)
@click.option("--column", help="栏目标识，例如 zcwj（zwgk new --list 查看）")
@click.option("--title", help="信息名称")
@click.option("--division", help="责任处室；栏目只有一个责任处室时可省略")
@click.option("--name", help="文件名（不含 .md），默认用索引号的年份和序号，例如 2026-00022")
@click.option("--interpretation-name", help="解读文件夹名（规范性文件用），默认与文件名相同")
@click.option("--policy", "policy", help="zwgk new interpretation 用：所解读政策文件的索引号")
@click.option("--list", "show_list", is_flag=True, help="列出信息类型和栏目")
@root_option
@today_option
def command(kind: str | None, column: str | None, title: str | None, division: str | None, name: str | None,
            interpretation_name: str | None, policy: str | None, show_list: bool, root: Path,
            today: dt.date | None) -> None:
    root = root.resolve()
    if show_list:
        _list(root)
        return
    from ..core.loader import load_site
    from ..core.scaffold import ScaffoldError, new_interpretation, new_item, write

    if kind is None:
        raise click.UsageError("请给出信息类型，例如 zwgk new plain --column gzdt --title …（zwgk new --list 查看可选类型）")
    project = load_project_or_exit(root, today)
    site, _ = load_site(project)
    try:
        if kind == "interpretation":
            if not policy:
                raise ScaffoldError("请用 --policy 给出所解读政策文件的索引号")
            scaffold = new_interpretation(site, policy, name)
        else:
            if not column or not title:
                raise ScaffoldError("请用 --column 指定栏目、--title 填写信息名称（zwgk new --list 查看栏目）")
            scaffold = new_item(site, kind=kind, column=column, title=title, division=division, name=name,
                                interpretation_name=interpretation_name)
        write(root, scaffold)
    except ScaffoldError as exc:
        click.echo(f"未创建：{exc}", err=True)
        sys.exit(2)
    click.echo("已创建：")
    width = max(len(f.path) for f in scaffold.files)
    for f in scaffold.files:
        click.echo(f"  {f.path:<{width}}  {f.what}")
    click.echo("\n还需填写：")
    for line in scaffold.to_fill:
        click.echo(f"  {line}")
    click.echo(f"\n填好后运行 zwgk check 检查，zwgk preview {scaffold.item_path} 预览；"
               "审查表由综合处审查后用 zwgk review 签署。")
