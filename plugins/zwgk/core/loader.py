"""Load a repository into a :class:`Site`: every file read once, every problem a finding.

Nothing is skipped silently: a file that cannot be read or parsed is reported, and the item is
still kept (with what could be read) so later rules and the catalogue know it exists.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import frontmatter
from .columns import RESERVED, load_columns
from .findings import Finding, finding
from .model import Attachment, Interpretation, Item, ReviewRecord, Site
from .project import Project
from .schema import KINDS, coerce_date, to_beijing, validate_meta
from .workdays import WorkCalendar
from .yamlio import load_yaml_file, parse_cache, read_text

PLAN_FILE = "plan.md"  # 解读方案
MATERIAL_FILE = "material.md"  # 解读材料
DIAGRAM_FILE = "tujie.yml"  # 图解 source


def resolve_today(project: Project) -> tuple[dt.date, list[Finding]]:
    if project.config.today is not None:
        return project.config.today, []
    env = os.environ.get("ZWGK_TODAY")
    if env:
        return dt.date.today(), [finding("config.value", "ZWGK_TODAY", f"环境变量 ZWGK_TODAY 不是有效日期：{env}",
                                         "写成 YYYY-MM-DD，或删除该变量")]
    # Builds and the CLI run in Beijing time whatever the server's zone is.
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date(), []


def build_item(meta: dict[str, Any], body: str, body_line: int, *, path: str, src_uri: str, column: str,
               kind: str, root: Path, publisher: str, interpretation_id: str | None = None) -> Item:
    atts: list[Attachment] = []
    raw_atts = meta.get("attachments")
    for a in raw_atts if isinstance(raw_atts, list) else []:
        if isinstance(a, dict) and isinstance(a.get("file"), str) and a["file"]:
            rel = (Path(path).parent / a["file"]).as_posix()
            atts.append(Attachment(a["file"], str(a.get("title") or Path(a["file"]).stem), rel, root / rel))

    def s(key: str) -> str:
        v = meta.get(key)
        if type(v) is str:  # nearly always: 100,000 calls at 10,000 items
            return v.strip()
        return str(v).strip() if isinstance(v, str | int | float) and not isinstance(v, bool) else ""

    return Item(
        path=path, src_uri=src_uri, column=column, kind=kind, meta=meta, body=body, body_line=body_line,
        title=s("title"), index_no=s("index_no"), division=s("division"), publisher=s("publisher") or publisher,
        doc_no=s("doc_no"), genre=s("genre"), topic=s("topic"), summary=s("summary"),
        formed=coerce_date(meta.get("formed")), signed=coerce_date(meta.get("signed")),
        published=coerce_date(meta.get("published")), published_at=to_beijing(meta.get("published")),
        urgent=meta.get("urgent") is True,
        validity=s("validity") or "有效", superseded_by=s("superseded_by"), draft=meta.get("draft") is True,
        attachments=tuple(atts), interpretation_id=interpretation_id,
        # An unknown value is reported by the schema; until fixed, the item is not built (fail closed).
        disclosure=meta["disclosure"] if isinstance(meta.get("disclosure"), str) else "主动公开",
    )


def _markdown_files(docs: Path) -> list[str]:
    """Docs-relative POSIX paths of every Markdown file, sorted (plain strings: Path sorting is slow)."""
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(docs):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, docs).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        # Dot-files are left out as MkDocs leaves them out; the inventory reports them (publish.unsafe_name).
        out += [prefix + f for f in filenames if f.endswith(".md") and not f.startswith(".")]
    return sorted(out)


def _read_markdown(site: Site, rel: str) -> tuple[dict[str, Any], str, int, list[Finding]]:
    text, problems = read_text(os.path.join(site.root, rel), rel)  # a str: no Path per file
    if text is None:
        return {}, "", 1, problems
    site.sources[rel] = text  # kept for the scanners, so each file is read once
    return frontmatter.split(text, rel)


def _gov(extra: Mapping[str, Any]) -> Mapping[str, Any]:
    """``extra.gov`` when it is a mapping (a malformed one is reported by ``gov_identity_findings``)."""
    gov = extra.get("gov")
    return gov if isinstance(gov, Mapping) else {}


def load_site(project: Project) -> tuple[Site, list[Finding]]:
    with parse_cache(project.root):  # signed JSON outside the repository (core/cachestore.py)
        return _load_site(project)


def _load_site(project: Project) -> tuple[Site, list[Finding]]:
    root, cfg = project.root, project.config
    problems: list[Finding] = []
    today, p = resolve_today(project)
    problems += p
    calendar, p = WorkCalendar.load(root / cfg.calendar_dir, root)
    problems += p
    site = Site(root=root, config=cfg, today=today, calendar=calendar,
                markdown_extensions=project.markdown_extensions, site_url=project.site_url,
                gov=_gov(project.extra))
    site.columns, site.divisions, p = load_columns(root, cfg.columns_file)
    problems += p

    docs = project.docs_dir
    if not docs.is_dir():
        problems.append(finding("content.missing", cfg.docs_dir, "找不到内容目录", "检查 mkdocs.yml 的 docs_dir"))
        return site, problems
    unknown_folders: set[str] = set()
    for rel_docs in _markdown_files(docs):
        rel = f"{cfg.docs_dir}/{rel_docs}"
        parts = rel_docs.split("/")
        if len(parts) == 1 or (len(parts) == 2 and parts[-1] == "index.md" and parts[0] in site.columns):
            site.pages.append(rel)  # the home page, a top-level page, a column's index: governed pages
            continue
        column = parts[0]
        if column not in site.columns:
            # Not an item, and not a page the review gate governs (rules/publish.governed_pages): an
            # error, so no Markdown file anywhere in content/ is published without review.
            if column not in unknown_folders:
                unknown_folders.add(column)
                if column in RESERVED:
                    problems.append(finding(
                        "column.unknown", f"{cfg.docs_dir}/{column}",
                        f"文件夹 {column} 是网站自己使用的名称（{'、'.join(sorted(RESERVED))}），其中的页面未经审查，不能发布",
                        "把页面移到栏目文件夹中（作为一条信息），或删除", field="column"))
                else:
                    problems.append(finding(
                        "column.unknown", f"{cfg.docs_dir}/{column}",
                        f"文件夹 {column} 不是栏目任务分解表中的栏目，其中的文件不会作为公开信息处理",
                        f"把文件移到正确的栏目文件夹，或在 {cfg.columns_file} 中登记栏目 {column}", field="column"))
            site.pages.append(rel)
            continue
        meta, body, body_line, p = _read_markdown(site, rel)
        problems += p
        raw_kind = meta.get("kind", "plain")
        kind = raw_kind if isinstance(raw_kind, str) and raw_kind in KINDS else "plain"
        if kind == "interpretation":
            problems.append(finding("schema.type", rel, "kind: interpretation 只用于 interpretations/ 中的解读材料",
                                    "规范性文件写 kind: policy，其他信息删除 kind", field="kind"))
            kind = "plain"
        if not p:
            problems += validate_meta(meta, rel, kind)
        site.items.append(build_item(meta, body, body_line, path=rel, src_uri=rel_docs, column=column, kind=str(kind),
                                     root=root, publisher=cfg.publisher))
    for rel in site.pages:
        # Pages are published and reviewed too (rules/publish.py): read once, like the items.
        text, p = read_text(site.root / rel, rel)
        problems += p
        if text is not None:
            site.sources[rel] = text
    _load_interpretations(site, project, problems)
    _load_reviews(site, problems)
    return site, problems


def _load_interpretations(site: Site, project: Project, problems: list[Finding]) -> None:
    root, cfg = project.root, project.config
    base = root / cfg.interpretations_dir
    if not base.is_dir():
        return
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        iid = folder.name
        rel_dir = f"{cfg.interpretations_dir}/{iid}"
        plan_rel, mat_rel = f"{rel_dir}/{PLAN_FILE}", f"{rel_dir}/{MATERIAL_FILE}"
        plan_meta: dict[str, Any] = {}
        plan_body, plan_line = "", 1
        if (folder / PLAN_FILE).is_file():
            plan_meta, plan_body, plan_line, p = _read_markdown(site, plan_rel)
            problems.extend(p)
        material: Item | None = None
        if (folder / MATERIAL_FILE).is_file():
            meta, body, line, p = _read_markdown(site, mat_rel)
            problems.extend(p)
            if meta.get("kind") not in (None, "interpretation"):
                problems.append(finding("schema.type", mat_rel, "解读材料的 kind 只能是 interpretation（可省略）",
                                        "删除 kind 字段", field="kind"))
            meta_for_check = {k: v for k, v in meta.items() if k != "kind"}
            if not p:
                problems.extend(validate_meta(meta_for_check, mat_rel, "interpretation"))
            material = build_item(meta, body, line, path=mat_rel, src_uri=f"{cfg.interpretation_column}/{iid}/index.md",
                                  column=cfg.interpretation_column, kind="interpretation", root=root,
                                  publisher=cfg.publisher, interpretation_id=iid)
            site.items.append(material)
        interprets = str((material.meta.get("interprets") if material else None) or plan_meta.get("interprets") or "")
        diagram = f"{rel_dir}/{DIAGRAM_FILE}" if (folder / DIAGRAM_FILE).is_file() else None
        if material is None and not (folder / PLAN_FILE).is_file() and diagram is None:
            problems.append(finding("interp.empty", rel_dir, "解读文件夹中没有解读方案、解读材料或图解",
                                    f"补充 {PLAN_FILE}（解读方案）和 {MATERIAL_FILE}（解读材料），或删除该文件夹"))
        site.interpretations[iid] = Interpretation(
            id=iid, dir=rel_dir, interprets=interprets,
            plan_path=plan_rel if (folder / PLAN_FILE).is_file() else None, plan_meta=plan_meta,
            plan_body=plan_body, plan_body_line=plan_line, material=material, diagram_path=diagram)


def _load_reviews(site: Site, problems: list[Finding]) -> None:
    for item in site.items:
        rel = site.review_path_for(item.path)
        abs_path = os.path.join(site.root, rel)  # str paths: 10,000 Paths and their stat calls add up
        if not os.path.isfile(abs_path):
            continue
        data, p = load_yaml_file(abs_path, rel, rule="review.yaml")
        problems.extend(p)
        broken = bool(p)
        if data is not None and not isinstance(data, dict):
            problems.append(finding("review.invalid", rel, "审查表应为“字段名: 值”的形式", "参考 zwgk new 生成的空白审查表"))
            data, broken = None, True
        site.reviews[item.path] = ReviewRecord(rel, data or {}, broken)
