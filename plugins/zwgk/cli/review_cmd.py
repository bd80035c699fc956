"""``zwgk review``: the general office's review — show what changed, then sign the record.

Before writing anything the candidate record goes through the gate's own validation
(:func:`zwgk.core.review.record.validate`): a record the build would reject (one person in
several roles, a date before the content changed or after today, …) is never written.

For an urgent item (``urgent: true``) the command first prints what must be signed today — the
changed parts, the missing or invalid signatures, and the one command that signs it.

Exit status: 0 signed (or nothing to sign), 1 refused (self-review, declined, or the signed record
still has blocking problems), 2 bad input (unknown item, missing names, impossible dates).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click

from ..core.findings import Finding
from .options import parse_date, root_option, today_option


def _fail(message: str, code: int) -> NoReturn:
    click.secho(message, fg="red" if code == 1 else None, err=True)
    sys.exit(code)


def _colour(line: str) -> str:
    if line.startswith(("+++", "---")):
        return click.style(line, bold=True)
    if line.startswith("+") or line.lstrip().startswith("+ "):
        return click.style(line, fg="green")
    if line.startswith("-"):
        return click.style(line, fg="red")
    if line.startswith("@@"):
        return click.style(line, fg="cyan")
    return line


@click.command("review", help="综合处审查一条信息：显示自上次审查以来的改动，确认后签署信息发布审查表（写入摘要）。"
               "KEY 为文件路径或索引号。")
@click.argument("key")
@click.option("--handler", help="经办人姓名（默认沿用审查表中的）")
@click.option("--division-head", help="处室负责人姓名（默认沿用审查表中的）")
@click.option("--secrecy-reviewer", help="保密审查人姓名（默认沿用审查表中的）")
@click.option("--leader", help="分管领导姓名（默认沿用审查表中的）")
@click.option("--opinion", help="处室负责人意见（默认沿用，或“同意发布”）")
@click.option("--date", "sign_date", callback=parse_date, metavar="YYYY-MM-DD",
              help="审查日期（默认今天；不得早于内容最后修改日期，不得晚于今天）")
@click.option("--leader-date", callback=parse_date, metavar="YYYY-MM-DD", help="分管领导审批日期（默认同 --date）")
@click.option("--reviewer", help="本次审查人（默认 git config user.name），用于禁止审查本人提交的信息")
@click.option("--urgent-reason", hidden=True, help="已废止：重要紧急信息不再允许先发布后补审")
@click.option("--diff-only", is_flag=True, help="只显示改动，不签署")
@click.option("--yes", "-y", is_flag=True, help="不询问，直接签署（已在别处核对时使用）")
@root_option
@today_option
def command(key: str, handler: str | None, division_head: str | None, secrecy_reviewer: str | None,
            leader: str | None, opinion: str | None, sign_date: dt.date | None, leader_date: dt.date | None,
            reviewer: str | None, urgent_reason: str | None, diff_only: bool, yes: bool, root: Path,
            today: dt.date | None) -> None:
    from ..core import git_history
    from ..core.loader import load_site
    from ..core.pipeline import CheckResult, check_repo
    from ..core.project import load_project
    from ..core.review import record as review_record
    from ..core.review.diff import Person, current, diff, format_diff, git_identity, item_author, save
    from ..core.review.digest import describe_changes
    from .show import find_item

    if urgent_reason is not None:
        _fail("--urgent-reason 已废止：重要紧急信息不再允许先发布、后补审，须在发布前（当日）签署审查表。"
              "去掉该选项后重新运行。", 2)
    root = root.resolve()
    project, problems = load_project(root)
    if project is None:
        _fail("\n".join(p.format_text() for p in problems), 2)
    if today is not None:
        project = replace(project, config=replace(project.config, today=today))
    site, load_problems = load_site(project)  # no rules yet: refusals and the diff need only the content
    item = find_item(CheckResult(project, site), key)
    if item is None:
        _fail(f"找不到 {key}：请给出 content/ 或 interpretations/ 下的文件路径，或索引号", 2)
    schema = [p for p in load_problems if p.path == item.path and p.is_error]
    if schema:
        _fail("这条信息本身还有错误，先请经办人改正再审查：\n" + "\n".join("  " + p.format_text() for p in schema), 2)
    opts = site.config.review
    record = site.reviews.get(item.path)
    existing: dict[str, Any] = dict(record.data) if record is not None and not record.broken else {}
    rec_path = site.review_path_for(item.path)
    history = git_history.load(root, site.today, opts.history_start)

    # 1. Nobody signs off their own work.
    if opts.forbid_self_review:
        me = Person(reviewer.strip(), "", "--reviewer") if reviewer else git_identity(root)
        if me is None:
            _fail("无法确定审查人：请用 --reviewer 姓名 指定，或设置 git config user.name", 2)
        author = item_author(site, item)
        if author is not None and me.same_as(author):
            _fail(f"拒绝审查：审查人 {me.name or me.email}（{me.source}）就是这条信息的作者"
                  f"（{author.source}：{author.name}{f' <{author.email}>' if author.email else ''}）。"
                  "请由综合处的其他同志审查（审查设置 review: {forbid_self_review: true}）。", 1)

    # 2. What changed since the last review.
    click.echo(click.style(f"{item.title}", bold=True) + f"\n  {item.path}  索引号 {item.index_no}  {item.division}")
    d = diff(site, item)
    for line in format_diff(d, item):
        click.echo(_colour(line))
    state = review_record.check_record(site, item, history=history)
    if item.urgent:
        recorded = existing.get("digest")
        changed = (describe_changes(recorded, review_record.item_digest(site, item))
                   if isinstance(recorded, dict) else ["首次审查：全文和全部附件"])
        for line in urgent_plan(item.path, item.published, site.today, changed, state, existing):
            click.echo(click.style(line, fg="yellow", bold=line.startswith("重要紧急")))
    signer_opts = (handler, division_head, secrecy_reviewer, leader, opinion, sign_date, leader_date)
    if d.unchanged and review_record.is_signed(record) and not any(signer_opts):
        left = [f for f in state if f.is_error]
        if not left:
            click.echo("审查表已是最新，无需重新签署。")
            return
        click.echo("内容未改动，但审查表本身有问题，须重新签署：")
        for f in left:
            click.echo("  " + f.format_text())
    if diff_only:
        return

    # 3. Who signs, and when.
    def keep(block: str, sub: str) -> str:
        value = existing.get(block)
        got = value.get(sub) if isinstance(value, dict) else None
        return got.strip() if isinstance(got, str) else ""

    names = {"经办人（--handler）": handler or keep("handler", "name"),
             "处室负责人（--division-head）": division_head or keep("division_head", "name"),
             "保密审查人（--secrecy-reviewer）": secrecy_reviewer or keep("secrecy", "reviewer"),
             "分管领导（--leader）": leader or keep("leader", "name")}
    missing = [k for k, v in names.items() if not v]
    if missing:
        _fail("审查表中还没有这些签署人，请用选项给出：" + "、".join(missing), 2)
    on = sign_date or site.today
    approved = leader_date or on
    h, dh, sr, ld = names.values()
    who = review_record.Signers(h, dh, sr, ld, opinion=opinion or keep("division_head", "opinion") or "同意发布")
    data = review_record.signed(site, item, who, reviewed_on=on, approved_on=approved, base=existing)

    # 4. Refuse what the gate would reject — before writing anything.
    refused = [f for f in review_record.validate(site, item, data, rec_path, history=history, signing=True) if f.is_error]
    if refused:
        _fail("不能签署：按这些签署人和日期写出的审查表不会通过检查，审查表没有改动：\n"
              + "\n".join("  " + f.format_text() for f in refused), 2)

    # 5. Confirm, then write the record (with the digest) and the snapshot of what was approved.
    click.echo(f"\n将签署：经办人 {who.handler}、处室负责人 {who.division_head}（{who.opinion}）、保密审查 {who.secrecy_reviewer}"
               f"（国家秘密、工作秘密、商业秘密、个人隐私均为“否”）{on}；分管领导 {who.leader} {approved}；结论 同意公开。")
    if not yes:
        try:
            ok = click.confirm("以上改动已逐项核对，确认签署？", default=False)
        except click.Abort:
            ok = False
        if not ok:
            _fail("未签署，审查表没有改动。", 1)
    target = root / rec_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(review_record.dump(data), encoding="utf-8")
    snap = save(site, item, current(site, item), on)
    click.echo(f"已签署 {rec_path}（摘要 {data['digest']['sha256'][:12]}…），审查版本保存在 {snap}")

    # 6. What still blocks this item, from the full rule set.
    result = check_repo(root, today=today)
    related = {item.path, rec_path}
    left = [f for f in result.findings if f.path in related]
    for f in left:
        click.echo("  " + f.format_text(), err=True)
    if any(f.is_error for f in left):
        _fail("审查表已写入，但这条信息仍有上面的错误，合并前需要处理。", 1)


def urgent_plan(path: str, published: dt.date | None, today: dt.date, changed: list[str],
                state: list[Finding], existing: dict[str, Any]) -> list[str]:
    """What 综合处 must sign today for an urgent item, ending with the one command that does it."""
    lines = [f"重要紧急信息：发布前须完成审查（发布日期 {published}，今天 {today}），不能先发布后补审。"]
    problems = [f for f in state if f.is_error and f.rule not in ("review.stale", "review.digest_missing")]
    if not state or not any(f.is_error for f in state):
        lines.append("  审查表已签署且有效，可以发布。")
        return lines
    lines.append("  需要审查的改动：" + "、".join(changed or ["无"]))
    if any(f.rule in ("review.missing", "review.pending") for f in state):
        lines.append("  需要签署：经办人、处室负责人审核、保密审查（四项均为“否”）、分管领导审批（还没有审查表）")
    elif problems:
        lines.append("  审查表中须补正或重新签署：")
        lines += [f"    {f.field or ''}：{f.message}" for f in problems]
    args = []
    for opt, block, sub in (("--handler", "handler", "name"), ("--division-head", "division_head", "name"),
                            ("--secrecy-reviewer", "secrecy", "reviewer"), ("--leader", "leader", "name")):
        value = existing.get(block)
        name = value.get(sub) if isinstance(value, dict) else None
        args.append(f"{opt} {name.strip() if isinstance(name, str) and name.strip() else '<姓名>'}")
    lines.append(f"  签署命令：zwgk review {path} {' '.join(args)} --date {today}")
    return lines
