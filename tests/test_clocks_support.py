"""Builders for small throw-away repositories used by the clock and report tests (no tests here).

Every test passes its own "today": nothing reads the wall clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from zwgk.core.findings import Finding
from zwgk.core.pipeline import CheckResult, check_repo

ORG = "11459900MB0012345X"
DIVISIONS = ("综合处", "政务服务处", "政策法规处")
COLUMNS: list[dict[str, Any]] = [
    {"slug": "fdzdgknr", "name": "法定主动公开内容", "divisions": ["综合处"]},
    {"slug": "zcwj", "name": "政策文件", "divisions": ["政策法规处", "综合处"], "update_period": "6个月",
     "parent": "fdzdgknr"},
    {"slug": "tzgg", "name": "通知公告", "divisions": ["综合处", "政务服务处"], "update_period": "6个月",
     "parent": "fdzdgknr"},
    {"slug": "gzdt", "name": "工作动态", "divisions": ["综合处", "政务服务处"], "update_period": "2周",
     "parent": "fdzdgknr"},
    {"slug": "yjzj", "name": "意见征集", "divisions": ["政务服务处", "政策法规处"], "parent": "fdzdgknr"},
    {"slug": "hygz", "name": "回应关切", "divisions": ["政务服务处", "综合处"], "parent": "fdzdgknr"},
    {"slug": "jgzn", "name": "机构职能", "divisions": ["综合处"], "update_period": "1年"},
]
CLOCK_PREFIXES = ("consultation.", "outcome.", "response.", "column.", "inspection.", "notices.", "assessment.")


def column(slug: str, name: str, divisions: Iterable[str], period: str | None = None,
           parent: str | None = None) -> dict[str, Any]:
    c: dict[str, Any] = {"slug": slug, "name": name, "divisions": list(divisions)}
    if period:
        c["update_period"] = period
    if parent:
        c["parent"] = parent
    return c


def item(n: int, *, published: str | dt.date, formed: str | dt.date | None = None, division: str = "综合处",
         title: str | None = None, **extra: Any) -> dict[str, Any]:
    """Front matter of item number ``n`` (its index_no is ``ORG/yyyy-nnnnn``)."""
    pub = dt.date.fromisoformat(published) if isinstance(published, str) else published
    frm = dt.date.fromisoformat(formed) if isinstance(formed, str) else (formed or pub)
    meta: dict[str, Any] = {
        "title": title or f"测试信息{n}",
        "index_no": f"{ORG}/{pub.year}-{n:05d}",
        "division": division,
        "summary": f"测试信息{n}的内容概述。",
        "formed": frm,
        "published": pub,
    }
    meta.update(extra)
    return meta


def index_no(n: int, year: int) -> str:
    return f"{ORG}/{year}-{n:05d}"


def make_repo(root: Path, items: Mapping[str, Mapping[str, Any]], *, columns: list[dict[str, Any]] | None = None,
              clocks: Mapping[str, Any] | None = None, files: Mapping[str, str] | None = None,
              divisions: Iterable[str] = DIVISIONS) -> Path:
    """Write a repository: ``items`` maps ``content/<col>/<name>.md`` to front matter."""
    root.mkdir(parents=True, exist_ok=True)
    opts: dict[str, Any] = {"org_code": ORG, "publisher": "测试市政务服务管理办公室"}
    if clocks is not None:
        opts["clocks"] = dict(clocks)
    mk = {"site_name": "测试站点", "docs_dir": "content", "plugins": [{"zwgk": opts}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(mk, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cols = []
    for c in columns if columns is not None else COLUMNS:
        full = {"type": c["name"], "description": f"{c['name']}栏目", "keywords": [c["name"]], **c}
        cols.append(full)
    table = {"divisions": [{"name": d} for d in divisions], "columns": cols}
    (root / "governance").mkdir(parents=True, exist_ok=True)
    (root / "governance" / "columns.yml").write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False),
                                                     encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "index.md").write_text("# 首页\n", encoding="utf-8")
    for rel, meta in items.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        head = yaml.safe_dump(dict(meta), allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{head}---\n\n正文。\n", encoding="utf-8")
    for rel, text in (files or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def check(root: Path, today: str | dt.date) -> CheckResult:
    day = dt.date.fromisoformat(today) if isinstance(today, str) else today
    return check_repo(root, today=day)


def clock_findings(result: CheckResult, prefixes: Iterable[str] = CLOCK_PREFIXES) -> list[Finding]:
    pre = tuple(prefixes)
    return [f for f in result.findings if f.rule.startswith(pre) or (f.rule.startswith("config.") and
                                                                      (f.field or "").startswith("plugins -> zwgk -> clocks"))]


def rules(findings: Iterable[Finding]) -> set[str]:
    return {f.rule for f in findings}
