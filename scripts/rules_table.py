#!/usr/bin/env python3
"""Generate the contributor guide's tables from the code, so the guide cannot drift from the rules.

    python scripts/rules_table.py                          # print the rules table (Markdown)
    python scripts/rules_table.py --write docs/贡献指南.md  # refresh every generated block in the guide
    python scripts/rules_table.py --check docs/贡献指南.md  # exit 1 if the guide is out of date (tests run this)

Generated blocks sit between ``<!-- zwgk:NAME:begin -->`` and ``<!-- zwgk:NAME:end -->``:

- ``rules``: every rule id with its severity, what it checks and how to fix it. The rule ids, messages
  and hints are read from the source (the AST of ``plugins/zwgk/core``): calls to ``finding(...)`` and
  to local helpers whose first argument is a rule id; f-string ids such as ``interp.{what}_section_missing``
  are expanded from the calls of their function; a rule id taken from a module-level dict is expanded
  to the dict's values. A module's ``RULES = {id: meaning}`` catalogue, where one exists, gives the
  meaning; severity tables (``{id: "warning"}``) mark rules whose level an office can change.
  Placeholders in messages (the file name, a date…) are shown as “…”.
- ``fields``: the front-matter fields from :data:`zwgk.core.schema.FIELDS`.
- ``template``: the front matter a clerk pastes into the web editor (the same writer as ``zwgk new``).
- ``columns``: the columns, their folders and responsible divisions (from the 栏目任务分解表).
- ``sections``: the sections of a 解读方案 and 解读材料 (from the interpretation rule).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

CORE = REPO / "plugins" / "zwgk" / "core"
RULE_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
NOT_RULE_SUFFIX = {"md", "yml", "yaml", "json", "py", "png", "jpg", "jpeg", "gif", "webp", "pdf", "docx", "doc",
                   "xlsx", "xls", "csv", "html", "htm", "txt", "css", "js", "svg", "zip", "ofd", "wps", "xml",
                   "gz", "ttf", "otf", "ttc", "woff", "woff2"}
GROUPS = {
    "config": "网站配置（mkdocs.yml）", "yaml": "文件格式", "file": "文件格式", "schema": "信息字段",
    "content": "内容目录", "column": "栏目", "columns": "栏目任务分解表", "calendar": "节假日安排",
    "index": "索引号", "docno": "文号", "division": "责任处室", "dates": "日期", "validity": "有效性",
    "attachment": "附件", "link": "链接", "review": "信息发布审查表", "interp": "政策解读", "timeliness": "发布时限",
    "consultation": "意见征集", "outcome": "征集结果", "response": "回应关切", "inspection": "督查考核",
    "privacy": "个人信息", "secrecy": "保密", "html": "网页安全", "wording": "错敏词", "scan": "自动保密审查",
    "image": "图片", "tujie": "图解", "notices": "通报登记表", "assessment": "考核责任分解表", "annual": "政府信息公开年报",
    "requests": "依申请公开登记簿",
    "disclosure": "公开属性",
    "guide": "政府信息公开指南", "statutory": "法定主动公开内容清单", "sentiment": "舆情登记簿",
    "inspections": "处室督查情况",
    "scaffold": "模板示例文字",
}
LEVEL = {"error": "错误", "warning": "警告"}


@dataclass
class Rule:
    id: str
    severity: str = "error"
    messages: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    meaning: str = ""
    adjustable: bool = False
    where: str = ""


def render(node: ast.AST | None) -> str | None:
    """A message template as text, with every computed part shown as “…”."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        out = ""
        for v in node.values:
            out += v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "…"
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = render(node.left), render(node.right)
        return (a or "…") + (b or "…") if a is not None or b is not None else None
    if isinstance(node, ast.IfExp):
        return render(node.body)
    return None


def _clean(text: str) -> str:
    text = re.sub(r"…+", "…", text)
    return " ".join(text.split())


def _module_dicts(tree: ast.Module) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for node in tree.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
        if target and isinstance(value, ast.Dict):
            pairs = {k.value: v.value for k, v in zip(value.keys, value.values, strict=True)
                     if isinstance(k, ast.Constant) and isinstance(k.value, str)
                     and isinstance(v, ast.Constant) and isinstance(v.value, str)}
            if pairs:
                out[target] = pairs
    return out


def _is_rule(text: str) -> bool:
    return bool(RULE_ID.match(text)) and text.rsplit(".", 1)[1] not in NOT_RULE_SUFFIX


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """``UNSCANNED = "attachment.unscanned"``: rule ids kept in module-level names."""
    out: dict[str, str] = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                and _is_rule(node.value.value)):
            out[node.targets[0].id] = node.value.value
    return out


class Collector(ast.NodeVisitor):
    def __init__(self, tree: ast.Module, rel: str, rules: dict[str, Rule], constants: dict[str, str]) -> None:
        self.tree, self.rel, self.rules, self.constants = tree, rel, rules, constants
        self.dicts = _module_dicts(tree)
        self.stack: list[ast.FunctionDef | ast.AsyncFunctionDef] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.stack.append(node)
        self.generic_visit(node)
        self.stack.pop()

    def _param_values(self, name: str) -> list[str]:
        """Constant arguments passed for parameter ``name`` of the enclosing function, at its call sites."""
        for fn in reversed(self.stack):
            params = [a.arg for a in fn.args.args]
            if name not in params:
                continue
            pos = params.index(name) - (1 if params and params[0] in ("self", "cls") else 0)
            values = []
            for call in ast.walk(self.tree):
                if not isinstance(call, ast.Call):
                    continue
                callee = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
                if callee != fn.name:
                    continue
                arg = next((k.value for k in call.keywords if k.arg == name), None)
                if arg is None and len(call.args) > pos:
                    arg = call.args[pos]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    values.append(arg.value)
            return values
        return []

    def _ids(self, node: ast.AST) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value] if _is_rule(node.value) else []
        if isinstance(node, ast.JoinedStr):
            names = [v.value.id for v in node.values if isinstance(v, ast.FormattedValue) and isinstance(v.value, ast.Name)]
            if len(names) != 1:
                return []
            out = []
            for value in self._param_values(names[0]):
                text = "".join(str(v.value) if isinstance(v, ast.Constant) else value for v in node.values)
                if _is_rule(text):
                    out.append(text)
            return out
        if isinstance(node, ast.Name) and node.id in self.constants:
            return [self.constants[node.id]]
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in self.dicts:
            return [v for v in self.dicts[node.value.id].values() if _is_rule(v)]
        return []

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        callee = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if not node.args:
            return
        ids = self._ids(node.args[0])
        if not ids:
            return
        if callee == "finding":
            msg = render(node.args[2]) if len(node.args) > 2 else None
            hint = render(node.args[3]) if len(node.args) > 3 else None
        else:
            texts = [t for t in (render(a) for a in node.args[1:]) if t is not None]
            if not texts:
                return
            msg, hint = texts[0], (texts[1] if len(texts) > 1 else None)
        sev_kw = next((k.value for k in node.keywords if k.arg == "severity"), None)
        if isinstance(sev_kw, ast.Constant) and sev_kw.value in LEVEL:
            severity = str(sev_kw.value)
        elif sev_kw is not None:
            severity = "varies"
        else:
            severity = "warning" if "warn" in callee else "error"
        for rid in ids:
            rule = self.rules.setdefault(rid, Rule(rid, severity, where=f"{self.rel}:{node.lineno}"))
            if msg and _clean(msg).strip("…") and _clean(msg) not in rule.messages:
                rule.messages.append(_clean(msg))
            if hint and _clean(hint) not in rule.hints:
                rule.hints.append(_clean(hint))
            if rule.severity != severity:
                rule.severity = "varies"


def collect() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    catalogues: dict[str, str] = {}
    levels: dict[str, str] = {}
    trees = {path.relative_to(REPO).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
             for path in sorted(CORE.rglob("*.py"))}
    constants: dict[str, str] = {}
    for tree in trees.values():
        constants.update(_module_constants(tree))
    for rel, tree in trees.items():
        c = Collector(tree, rel, rules, constants)
        c.visit(tree)
        for name, pairs in c.dicts.items():
            if name == "RULES":
                catalogues.update({k: v for k, v in pairs.items() if _is_rule(k)})
            elif pairs and all(_is_rule(k) and v in LEVEL for k, v in pairs.items()):
                levels.update(pairs)
    for rid, meaning in catalogues.items():
        rules.setdefault(rid, Rule(rid)).meaning = meaning
    for rid, level in levels.items():
        rule = rules.setdefault(rid, Rule(rid))
        rule.severity, rule.adjustable = level, True
    return rules


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_table(rules: dict[str, Rule]) -> str:
    out: list[str] = []
    by_group: dict[str, list[Rule]] = {}
    for rule in sorted(rules.values(), key=lambda r: r.id):
        by_group.setdefault(rule.id.split(".")[0], []).append(rule)
    order = list(GROUPS) + sorted(set(by_group) - set(GROUPS))
    for group in order:
        if group not in by_group:
            continue
        out += [f"#### {GROUPS.get(group, group)}（{group}.*）", "", "| 规则 | 级别 | 检查什么 | 怎么改 |", "| --- | --- | --- | --- |"]
        for r in by_group[group]:
            level = {"varies": "视情况"}.get(r.severity, LEVEL.get(r.severity, r.severity))
            if r.adjustable:
                level += "（可调整）"
            meaning = r.meaning or (r.messages[0] if r.messages else "（内容随情况而定，见错误信息）")
            fix = "；或".join(r.hints[:2]) if r.hints else "见错误信息中的“处理”"
            out.append(f"| `{r.id}` | {level} | {_cell(meaning)} | {_cell(fix)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def fields_table() -> str:
    from zwgk.core.scaffold import example_of, fields_for, is_required
    from zwgk.core.schema import FIELDS, KINDS

    fields_for("plain")  # imports the rule modules, which register their own fields
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


BLOCKS = {"rules": lambda: rules_table(collect()), "fields": fields_table, "template": template,
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
        sys.stdout.write(rules_table(collect()))


if __name__ == "__main__":
    main()
