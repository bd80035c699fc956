"""Generate the contributor guide's tables from the code, so the guide cannot drift from the rules.

    python scripts/rules_table.py                          # print the rules table (Markdown)
    python scripts/rules_table.py --write docs/贡献指南.md  # refresh every generated block in the guide
    python scripts/rules_table.py --check docs/贡献指南.md  # exit 1 if the guide is out of date (tests run this)

Generated blocks sit between ``<!-- zwgk:NAME:begin -->`` and ``<!-- zwgk:NAME:end -->``:

- ``rules``: every rule id with its level, what it checks and how to fix it, from the ruleset
  (:data:`zwgk.core.rules.ruleset.RULES`, grouped by :data:`~zwgk.core.rules.ruleset.GROUPS`).
- ``fields``: the front-matter fields from :data:`zwgk.core.schema.FIELDS`.
- ``template``: the front matter a clerk pastes into the web editor (the same writer as ``zwgk new``).
- ``columns``: the columns, their folders and responsible divisions (from the 栏目任务分解表).
- ``sections``: the sections of a 解读方案 and 解读材料 (from the interpretation rule).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from zwgk.core.rules.ruleset import GROUPS, RULES, Rule  # noqa: E402  (after the sys.path line above)

LEVEL = {"error": "错误", "warning": "警告", "mixed": "视情况"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def level(rule: Rule) -> str:
    """错误 / 警告 / 视情况, and whether it can block or be changed by the office."""
    text = LEVEL[rule.severity]
    if rule.adjustable:
        text += "（可调整）"
    if rule.advisory:
        text += "（不阻止发布）"
    return text


def rules_table(rules: Iterable[Rule] = RULES) -> str:
    """One table per rule group, in ruleset order."""
    by_group: dict[str, list[Rule]] = {}
    for rule in rules:
        by_group.setdefault(rule.group, []).append(rule)
    out: list[str] = []
    for group, members in by_group.items():
        out += [f"#### {GROUPS[group]}（{group}.*）", "", "| 规则 | 级别 | 检查什么 | 怎么改 |", "| --- | --- | --- | --- |"]
        out += [f"| `{r.id}` | {level(r)} | {_cell(r.title)} | {_cell(r.hint)} |" for r in members]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def fields_table() -> str:
    from zwgk.core.scaffold import example_of, is_required
    from zwgk.core.schema import FIELDS, KINDS

    out = ["| 字段 | 中文名 | 必填 | 适用于 | 例子 |", "| --- | --- | --- | --- | --- |"]
    for spec in FIELDS.values():
        kinds = "、".join(KINDS[k] for k in spec.kinds) if spec.kinds else "全部"
        need = ("是" if spec.required else "、".join(KINDS[k] for k in spec.required_kinds) if spec.required_kinds
                else "否")
        if not is_required(spec, "plain") and spec.required_kinds:
            need = "仅" + need
        out.append(f"| `{spec.key}` | {spec.label} | {need} | {kinds} | `{_cell(example_of(spec))}` |")
    return "\n".join(out) + "\n"


def template() -> str:
    from zwgk.core.scaffold import front_matter

    intro = ["复制本模板，按注释填写；冒号后空一格再写内容。不用的选填字段可以留空或删除。",
             "index_no 不知道填什么时，先写 index_no: 待分配，检查结果会告诉你下一个可用的索引号。"]
    return "```yaml\n" + front_matter("plain", {"kind": "plain"}, intro) + "\n（这里写正文）\n```\n"


def columns_table() -> str:
    """Columns of the demo's 栏目任务分解表: folder, name, responsible divisions."""
    from zwgk.core.columns import load_columns
    from zwgk.core.project import load_project

    project, _ = load_project(REPO)
    assert project is not None
    columns, _, _ = load_columns(REPO, project.config.columns_file)
    out = ["| 栏目 | 文件夹 | 责任处室 |", "| --- | --- | --- |"]
    for col in sorted(columns.values(), key=lambda c: c.order):
        folder = ("（自动生成，解读放在 interpretations/）" if col.slug == project.config.interpretation_column
                  else f"`{project.config.docs_dir}/{col.slug}/`")
        out.append(f"| {col.name} | {folder} | {'、'.join(col.divisions)} |")
    return "\n".join(out) + "\n"


def sections_table() -> str:
    """The sections a 解读方案 and a 解读材料 must have, from the interpretation rule."""
    from zwgk.core.rules.interpretation import MATERIAL_SECTIONS, PLAN_SECTIONS
    from zwgk.core.scaffold import SECTION_HINTS

    out = ["| 文件 | 必须有的部分（二级标题） | 写什么 |", "| --- | --- | --- |"]
    for name, sections in (("plan.md（解读方案）", PLAN_SECTIONS), ("material.md（解读材料）", MATERIAL_SECTIONS)):
        for s in sections:
            out.append(f"| {name} | `## {s}` | {_cell(SECTION_HINTS.get(s, ''))} |")
    return "\n".join(out) + "\n"


BLOCKS = {"rules": rules_table, "fields": fields_table, "template": template,
          "columns": columns_table, "sections": sections_table}


def refresh(text: str) -> str:
    for name, make in BLOCKS.items():
        begin, end = f"<!-- zwgk:{name}:begin -->", f"<!-- zwgk:{name}:end -->"
        if begin not in text:
            continue
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = f"{head}{begin}\n{make()}{end}{tail}"
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--write", type=Path, metavar="FILE")
    group.add_argument("--check", type=Path, metavar="FILE")
    args = ap.parse_args()
    if args.write:
        args.write.write_text(refresh(args.write.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated {args.write}")
    elif args.check:
        current = args.check.read_text(encoding="utf-8")
        if refresh(current) != current:
            print(f"{args.check} is out of date: run python scripts/rules_table.py --write {args.check}", file=sys.stderr)
            sys.exit(1)
        print(f"{args.check} is up to date")
    else:
        sys.stdout.write(rules_table())


if __name__ == "__main__":
    main()
