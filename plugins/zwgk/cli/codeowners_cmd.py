"""``zwgk codeowners``: print, write or check ``.github/CODEOWNERS`` (generated from the columns table)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from .options import load_project_or_exit, root_option


@click.command("codeowners", help="根据栏目任务分解表生成 .github/CODEOWNERS（谁批准哪个栏目的改动）。")
@click.option("--write", "mode", flag_value="write", help="写入 .github/CODEOWNERS")
@click.option("--check", "mode", flag_value="check", help="检查 .github/CODEOWNERS 是否与栏目任务分解表一致；不一致时退出码为 1")
@click.option("--path", "rel_path", default=None, metavar="PATH",
              help="CODEOWNERS 文件位置（默认 .github/CODEOWNERS；GitLab 用 .gitlab/CODEOWNERS）")
@root_option
def command(mode: str | None, rel_path: str | None, root: Path) -> None:
    from ..core.codeowners import PATH, CodeownersError, generate
    from ..core.columns import load_columns

    root = root.resolve()
    project = load_project_or_exit(root)
    cfg = project.config
    columns, divisions, col_problems = load_columns(root, cfg.columns_file)
    errors = [p for p in col_problems if p.is_error]
    if errors:
        for p in errors:
            click.echo(p.format_text(), err=True)
        click.echo(f"先改正 {cfg.columns_file} 再生成 CODEOWNERS", err=True)
        sys.exit(2)
    # Only the columns table is read, never the content: instant even at 10,000 items.
    try:
        text = generate(cfg, columns, divisions)
    except CodeownersError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    rel = rel_path or PATH
    target = root / rel
    write_cmd = "zwgk codeowners --write" + (f" --path {rel}" if rel_path else "")
    if mode is None:
        click.echo(text, nl=False)
    elif mode == "write":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        click.echo(f"已写入 {rel}")
    else:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current == text:
            click.echo(f"{rel} 与 {cfg.columns_file} 一致")
            return
        what = "不存在" if not current else "与栏目任务分解表不一致（可能有人手工修改了它，或栏目分工已调整）"
        click.echo(f"{rel} {what}。运行 {write_cmd} 重新生成后提交。", err=True)
        diff = difflib.unified_diff(current.splitlines(keepends=True), text.splitlines(keepends=True),
                                    f"{rel}（现有）", f"{rel}（应为）")
        click.echo("".join(diff), err=True, nl=False)
        sys.exit(1)
