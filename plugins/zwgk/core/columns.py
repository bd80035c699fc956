"""The 栏目任务分解表: columns, their ColumnType, responsible divisions and update periods.

Errors carry a location chain (``columns -> zcwj -> divisions``) like Hatch's config errors.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .findings import Finding, finding
from .model import Column, Division
from .yamlio import load_yaml_file

SLUG = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_PERIOD = re.compile(r"^\s*(\d+)\s*(d|天|日|w|周|m|个月|月|y|年)\s*$")
_UNITS = {"d": "day", "天": "day", "日": "day", "w": "week", "周": "week", "m": "month", "个月": "month",
          "月": "month", "y": "year", "年": "year"}
COLUMN_KEYS = {"slug", "name", "type", "description", "keywords", "divisions", "update_period", "parent"}
RESERVED = {"assets", "stylesheets", "javascripts", "images", "search", "page", "catalogue", "feeds"}


def parse_period(value: Any) -> tuple[int, str] | str | None:
    """``"2周"`` → (2, "week"); None → None; anything else → an error string."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return (value, "day")
    m = _PERIOD.match(str(value))
    if not m or int(m[1]) <= 0:
        return f"更新周期 {value!r} 无法识别"
    return (int(m[1]), _UNITS[m[2]])


def load_columns(root: Path, rel: str) -> tuple[dict[str, Column], dict[str, Division], list[Finding]]:
    data, problems = load_yaml_file(root / rel, rel)
    if data is None:
        if not problems:
            problems = [finding("columns.invalid", rel, "栏目任务分解表为空", "至少列出 divisions 和 columns")]
        return {}, {}, problems
    if not isinstance(data, dict):
        return {}, {}, [finding("columns.invalid", rel, "栏目任务分解表应包含 divisions 和 columns 两部分",
                                "参考仓库自带的 governance/columns.yml")]
    divisions: dict[str, Division] = {}
    for i, d in enumerate(data.get("divisions") or []):
        chain = f"divisions -> [{i}]"
        if isinstance(d, str):
            d = {"name": d}
        if not isinstance(d, dict) or not isinstance(d.get("name"), str) or not d["name"].strip():
            problems.append(finding("columns.invalid", rel, "处室缺少名称 name", "例如 - {name: 综合处, team: \"@org/zhc\"}",
                                    field=chain))
            continue
        name = d["name"].strip()
        if name in divisions:
            problems.append(finding("columns.duplicate", rel, f"处室 {name} 重复", "删除重复的一项", field=chain))
        divisions[name] = Division(name, str(d.get("team") or ""))
    if not divisions:
        problems.append(finding("columns.invalid", rel, "没有列出任何处室（divisions）", "列出本单位各处室名称",
                                field="divisions"))

    columns: dict[str, Column] = {}
    raw_cols = data.get("columns")
    if not isinstance(raw_cols, list) or not raw_cols:
        problems.append(finding("columns.invalid", rel, "没有列出任何栏目（columns）", "按栏目任务分解表列出各栏目",
                                field="columns"))
        raw_cols = []
    for i, c in enumerate(raw_cols):
        if not isinstance(c, dict):
            problems.append(finding("columns.invalid", rel, "栏目应为映射", "每个栏目写 slug、name、type 等字段",
                                    field=f"columns -> [{i}]"))
            continue
        slug = str(c.get("slug") or "")
        chain = f"columns -> {slug or f'[{i}]'}"
        for key in sorted(set(c) - COLUMN_KEYS):
            problems.append(finding("columns.unknown_field", rel, f"未知字段 {key}",
                                    "可用字段：" + "、".join(sorted(COLUMN_KEYS)), field=f"{chain} -> {key}"))
        if not SLUG.match(slug) or slug in RESERVED:
            problems.append(finding("columns.slug", rel, f"栏目标识 slug {slug!r} 无效或为保留字",
                                    "用栏目名称的拼音首字母小写，例如 政策文件 → zcwj", field=f"{chain} -> slug"))
            continue
        if slug in columns:
            problems.append(finding("columns.duplicate", rel, f"栏目 {slug} 重复", "每个栏目只列一次", field=chain))
            continue
        for key, label in (("name", "栏目名称"), ("type", "栏目类别 ColumnType"), ("description", "栏目描述")):
            if not isinstance(c.get(key), str) or not c[key].strip():
                problems.append(finding("columns.missing", rel, f"缺少 {key}（{label}）", f"为栏目 {slug} 填写{label}",
                                        field=f"{chain} -> {key}"))
        kws = c.get("keywords")
        if not isinstance(kws, list) or not kws or not all(isinstance(k, str) for k in kws):
            problems.append(finding("columns.missing", rel, "缺少 keywords（栏目关键词）", "例如 keywords: [政策文件, 规范性文件]",
                                    field=f"{chain} -> keywords"))
            kws = []
        divs = c.get("divisions")
        if isinstance(divs, str):
            divs = [divs]
        if not isinstance(divs, list) or not divs:
            problems.append(finding("columns.missing", rel, "缺少 divisions（责任处室）", "列出负责该栏目的处室",
                                    field=f"{chain} -> divisions"))
            divs = []
        for d in divs:
            if d not in divisions:
                problems.append(finding("columns.division", rel, f"责任处室 {d} 不在 divisions 列表中",
                                        "检查处室名称是否写错，或先在 divisions 中登记该处室",
                                        field=f"{chain} -> divisions"))
        period = parse_period(c.get("update_period"))
        if isinstance(period, str):
            problems.append(finding("columns.period", rel, period, "写成如 2周、6个月、1年、30天，或留空表示按需更新",
                                    field=f"{chain} -> update_period"))
            period = None
        parent = c.get("parent")
        columns[slug] = Column(
            slug=slug, name=str(c.get("name") or slug), type=str(c.get("type") or ""),
            description=str(c.get("description") or ""), keywords=tuple(str(k) for k in kws),
            divisions=tuple(str(d) for d in divs), update_period=period,
            parent=str(parent) if parent else None, order=i,
        )
    for col in columns.values():
        if col.parent is None:
            continue
        if col.parent not in columns:
            problems.append(finding("columns.parent", rel, f"上级栏目 {col.parent} 不存在", "填写已列出的栏目 slug，或删除 parent",
                                    field=f"columns -> {col.slug} -> parent"))
            continue
        seen, cur = {col.slug}, columns[col.parent]
        while cur.parent and cur.parent in columns:
            if cur.parent in seen or cur.slug in seen:
                problems.append(finding("columns.parent", rel, "上级栏目形成循环", "检查 parent 设置",
                                        field=f"columns -> {col.slug} -> parent"))
                break
            seen.add(cur.slug)
            cur = columns[cur.parent]
    return columns, divisions, problems
