"""``zwgk preview``: the few files one item needs, so a 10,000-item repository previews in seconds.

MkDocs always rebuilds every page (``serve`` has no incremental mode that keeps the nav right), so
previewing one item inside the full repository would take minutes. Instead the preview assembles a
*mini-project* mirroring the repository layout with only:

- the item, its attachments, the items its body links to (so links resolve);
- its interpretation folder (解读方案, 解读材料, 图解 source, their attachments) — or, for a 解读材料,
  the policy it interprets;
- the column intro pages and the top-level pages/assets of ``docs_dir``;
- the columns table, the holiday calendar and the relevant review records;
- every other top-level entry of the repository linked in (``overrides/``, fonts…), so relative
  paths in ``mkdocs.yml`` and the plugin options still resolve.

Pure planning lives here (no MkDocs import); the CLI renders the plan with the real plugin.
Finding an item's interpretation or a linked policy reads front matter only, never the whole site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import posixpath
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from . import frontmatter
from .columns import load_columns
from .findings import Finding
from .git_history import run_git
from .loader import MATERIAL_FILE, PLAN_FILE
from .model import Item, Site
from .project import Project
from .rules.integrity import iter_links
from .yamlio import read_text

# Top-level entries never linked into the mini-project: rebuilt there, or irrelevant and large.
SKIP_TOP = {".git", ".venv", "venv", "node_modules", ".cache", "site", "__pycache__", ".mypy_cache",
            ".ruff_cache", ".pytest_cache", "mkdocs.yml"}
_INDEX_LINE = re.compile(r"^index_no:\s*['\"]?(?P<v>[^'\"#\n]+?)['\"]?\s*(#.*)?$", re.M)
_INTERPRETS_LINE = re.compile(r"^interprets:\s*['\"]?(?P<v>[^'\"#\n]+?)['\"]?\s*(#.*)?$", re.M)


class PreviewError(Exception):
    """The item cannot be previewed; the message (Chinese) says why."""


@dataclass
class PreviewPlan:
    item: str  # repo-relative path of the previewed item
    url: str  # page URL relative to the site root
    copies: dict[str, Path] = field(default_factory=dict)  # mini-project path -> original file
    links: dict[str, Path] = field(default_factory=dict)  # mini-project top-level name -> original entry
    watch: set[Path] = field(default_factory=set)  # original folders to watch (not recursive)
    related: set[str] = field(default_factory=set)  # repo-relative paths whose findings concern this item
    interpretation: str | None = None  # repo-relative folder

    def add(self, root: Path, rel: str) -> None:
        path = root / rel
        if path.is_file():
            self.copies[rel] = path
            self.watch.add(path.parent)

    def add_tree(self, root: Path, rel: str) -> None:
        base = root / rel
        if not base.is_dir():
            return
        self.watch.add(base)
        for p in base.rglob("*"):
            if p.is_file():
                self.copies[p.relative_to(root).as_posix()] = p
            elif p.is_dir():
                self.watch.add(p)


def _head(path: Path) -> str:
    """Front matter only (the block between the first two ``---``), read cheaply."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline()
            if first.strip() != "---":
                return ""
            lines = []
            for line in fh:
                if line.strip() == "---":
                    break
                lines.append(line)
            return "".join(lines)
    except OSError:
        return ""


def _value(rx: re.Pattern[str], head: str) -> str:
    m = rx.search(head)
    return m["v"].strip() if m else ""


def find_by_index(root: Path, folder: Path, index_no: str) -> str | None:
    """The Markdown file under ``folder`` whose ``index_no`` is ``index_no`` (front matter only)."""
    for p in sorted(folder.rglob("*.md")):
        if _value(_INDEX_LINE, _head(p)) == index_no:
            return p.relative_to(root).as_posix()
    return None


def find_interpretation(root: Path, interp_dir: str, index_no: str) -> str | None:
    base = root / interp_dir
    if not index_no or not base.is_dir():
        return None
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        for name in (MATERIAL_FILE, PLAN_FILE):
            if _value(_INTERPRETS_LINE, _head(folder / name)) == index_no:
                return f"{interp_dir}/{folder.name}"
    return None


def _meta(root: Path, rel: str) -> tuple[dict[str, Any], str, int]:
    text, problems = read_text(root / rel, rel)
    if text is None:
        raise PreviewError(problems[0].message if problems else f"无法读取 {rel}")
    meta, body, line, _ = frontmatter.split(text, rel)
    return meta, body, line


def _attachments(root: Path, plan: PreviewPlan, rel: str, meta: dict[str, Any]) -> None:
    base = posixpath.dirname(rel)
    atts = meta.get("attachments")
    for a in atts if isinstance(atts, list) else []:
        if isinstance(a, dict) and isinstance(a.get("file"), str):
            target = posixpath.normpath(posixpath.join(base, a["file"]))
            if not target.startswith(".."):
                plan.add(root, target)
                plan.related.add(target)


def _linked(root: Path, docs: str, rel: str, body: str, line: int) -> Iterable[str]:
    """Repository paths of the Markdown files ``rel``'s body links to (relative links only)."""
    base = posixpath.dirname(rel)
    for _, target in iter_links(body, line):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path or target.startswith(("#", "/", "mailto:")):
            continue
        resolved = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if resolved.endswith(".md") and resolved.startswith(docs + "/") and (root / resolved).is_file():
            yield resolved


def resolve_key(project: Project, key: str) -> str:
    """A path (absolute, or relative to the repository or the current folder) or an 索引号."""
    root = project.root
    candidates = [Path(key), root / key]
    for c in candidates:
        try:
            rel = c.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        if c.is_file():
            return rel
    cfg = project.config
    for folder in (root / cfg.docs_dir, root / cfg.interpretations_dir):
        found = find_by_index(root, folder, key) if folder.is_dir() else None
        if found:
            return found
    raise PreviewError(f"找不到 {key}：请给出 {cfg.docs_dir}/ 或 {cfg.interpretations_dir}/ 下的 .md 文件路径，或索引号")


def plan(project: Project, key: str) -> PreviewPlan:
    root, cfg = project.root, project.config
    rel = resolve_key(project, key)
    docs, interp_root = cfg.docs_dir.strip("/"), cfg.interpretations_dir.strip("/")
    parts = rel.split("/")
    if rel.startswith(interp_root + "/") and len(parts) >= 3:
        iid = parts[1]
        item = f"{interp_root}/{iid}/{MATERIAL_FILE}"  # plan.md / tujie.yml preview their material page
        if not (root / item).is_file():
            raise PreviewError(f"{interp_root}/{iid}/ 中没有解读材料 {MATERIAL_FILE}，无法预览")
        url = f"{cfg.interpretation_column}/{iid}/"
    elif rel.startswith(docs + "/") and len(parts) == 3 and rel.endswith(".md") and parts[2] != "index.md":
        item = rel
        stem = rel[len(docs) + 1:-3]
        url = stem + "/"
    else:
        raise PreviewError(f"{rel} 不是一条信息：信息放在 {docs}/栏目/文件名.md，解读放在 {interp_root}/名称/")
    pl = PreviewPlan(item=item, url=url)
    meta, body, line = _meta(root, item)
    pl.add(root, item)
    pl.related |= {item, _review_path(cfg.reviews_dir, item)}
    _attachments(root, pl, item, meta)

    policy: str | None = None
    if item.startswith(interp_root + "/"):
        pl.interpretation = posixpath.dirname(item)
        policy = find_by_index(root, root / docs, str(meta.get("interprets") or "")) if meta.get("interprets") else None
    elif meta.get("kind") == "policy":
        pl.interpretation = find_interpretation(root, interp_root, str(meta.get("index_no") or ""))
        policy = item
    if pl.interpretation:
        pl.add_tree(root, pl.interpretation)
        pl.related |= {pl.interpretation, *(p for p in pl.copies if p.startswith(pl.interpretation + "/"))}
        mat = f"{pl.interpretation}/{MATERIAL_FILE}"
        pl.related.add(_review_path(cfg.reviews_dir, mat))
        pl.add(root, _review_path(cfg.reviews_dir, mat))
    if policy and policy != item:
        pmeta, _, _ = _meta(root, policy)
        pl.add(root, policy)
        _attachments(root, pl, policy, pmeta)
    for target in _linked(root, docs, item, body, line):
        pl.add(root, target)
    pl.add(root, _review_path(cfg.reviews_dir, item))

    # Site frame: top-level pages and assets of docs_dir, column intro pages, governance data.
    columns, _, _ = load_columns(root, cfg.columns_file)
    docs_abs = root / docs
    for entry in sorted(docs_abs.iterdir()) if docs_abs.is_dir() else []:
        name = f"{docs}/{entry.name}"
        if entry.is_file():
            pl.add(root, name)
        elif entry.name in columns:
            pl.add(root, f"{name}/index.md")
        else:
            pl.add_tree(root, name)
    pl.add(root, cfg.columns_file)
    pl.add_tree(root, cfg.calendar_dir)
    top_taken = {docs.split("/")[0], interp_root.split("/")[0], cfg.columns_file.split("/")[0],
                 cfg.calendar_dir.split("/")[0], cfg.reviews_dir.split("/")[0]}
    for entry in sorted(root.iterdir()):
        if entry.name not in SKIP_TOP and entry.name not in top_taken and not entry.name.startswith("."):
            pl.links[entry.name] = entry
    return pl


def changed_items(project: Project, base: str) -> list[str]:
    """Items whose files changed between ``base`` and HEAD (``git diff base...HEAD``), for PR previews.

    An attachment maps to its item (``content/<col>/<name>/…`` → ``content/<col>/<name>.md``), any
    file of an interpretation folder to its 解读材料. Deleted items are skipped.
    """
    root, cfg = project.root, project.config
    out = run_git(root, "diff", "--name-only", "-z", f"{base}...HEAD")  # -z: Chinese file names unquoted
    if out is None:
        raise PreviewError(f"无法比较 {base} 与当前版本：确认这是 Git 仓库，且 {base} 存在（CI 中检出时需要完整历史）")
    docs, interp = cfg.docs_dir.strip("/"), cfg.interpretations_dir.strip("/")
    found: list[str] = []
    for rel in out.decode("utf-8", "replace").split("\0"):
        parts = rel.split("/")
        if rel.startswith(docs + "/") and len(parts) >= 3:
            item = rel if len(parts) == 3 else f"{docs}/{parts[1]}/{parts[2]}.md"
        elif rel.startswith(interp + "/") and len(parts) >= 3:
            item = f"{interp}/{parts[1]}/{MATERIAL_FILE}"
        else:
            continue
        if item.endswith(".md") and not item.endswith("/index.md") and (root / item).is_file() and item not in found:
            found.append(item)
    return found


def _review_path(reviews_dir: str, item_path: str) -> str:
    """Same mapping as :meth:`Site.review_path_for`, which needs a loaded site (the preview avoids loading one)."""
    stem = item_path[:-3] if item_path.endswith(".md") else item_path
    return f"{reviews_dir}/{stem}.yml"


def sync(pl: PreviewPlan, target: Path, previous: Iterable[str] = ()) -> bool:
    """Mirror the plan into ``target``; only changed files are copied. True when anything changed."""
    changed = False
    for rel, src in pl.copies.items():
        dst = target / rel
        try:
            st = src.stat()
            if dst.is_file():
                dt_ = dst.stat()
                if dt_.st_size == st.st_size and dt_.st_mtime_ns == st.st_mtime_ns:
                    continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            changed = True
        except OSError:
            continue  # vanished between planning and copying: the next rebuild sees it
    for rel in set(previous) - set(pl.copies):
        try:
            (target / rel).unlink()
            changed = True
        except OSError:
            pass
    for name, src in pl.links.items():
        dst = target / name
        if dst.exists() or dst.is_symlink():
            continue
        try:
            os.symlink(src, dst, target_is_directory=src.is_dir())
        except OSError:  # no symlink permission (Windows without developer mode): copy instead
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(src, dst)
        changed = True
    return changed


@dataclass(frozen=True)
class PreviewState:
    """Why a page would not be on the public site today (shown as a banner in the preview)."""

    draft: bool
    scheduled: dt.date | None
    no_date: bool

    def banner(self) -> str:
        why = []
        if self.draft:
            why.append("草稿（draft: true）")
        if self.scheduled:
            why.append(f"定时发布（{self.scheduled} 起公开）")
        if self.no_date:
            why.append("尚未填写发布日期 published")
        if not why:
            return ""
        return admonition("warning", "本地预览，尚未公开",
                          ["这是 zwgk preview 生成的本地预览：" + "、".join(why)
                           + "。正式网站不会显示本页，直到审查通过、合并并到发布日期。"])


# -- banners: what a local preview shows instead of stopping -------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#!])")  # Python-Markdown's backslash escapes; < and & go as entities


def admonition(kind: str, title: str, paragraphs: Iterable[str]) -> str:
    """A Material admonition at the top of a page's Markdown. Text is escaped: a finding quotes what an
    author wrote, which must read as text, never as Markdown or HTML."""
    body = "\n\n".join("    " + _MD_SPECIAL.sub(r"\\\1", html.escape(p, quote=False)).replace("\n", " ")
                       for p in paragraphs)
    return f'!!! {kind} "{title}"\n{body}\n\n'


def findings_banner(findings: Iterable[Finding]) -> str:
    """The gate's findings about one page, shown on it under ``mkdocs serve`` (the build refuses them)."""
    lines = [f"{f.path}{f':{f.line}' if f.line else ''}（{f.rule}）：{f.message} 处理：{f.hint}" for f in findings]
    if not lines:
        return ""
    return admonition("danger", "仅本地预览：本页不能发布", [
        f"zwgk 检查发现 {len(lines)} 个问题。mkdocs build（正式发布）会拒绝构建；本地预览照常显示，方便修改。",
        *lines])


def pages_for_findings(site: Site, findings: Iterable[Finding], home: str = "index.md") -> dict[str, list[Finding]]:
    """Which page each finding belongs on (MkDocs ``src_uri``): an item's file, its review record,
    attachments and, for an interpretation, its plan and 图解 go to the item's page; anything else
    (configuration, registers, the columns table) to ``home``, so no problem is hidden."""
    owner: dict[str, str] = {}
    folders: list[tuple[str, str]] = []
    for item in site.items:
        owner[item.path] = owner[site.review_path_for(item.path)] = item.src_uri
        folders.append((item.path.removesuffix(".md") + "/", item.src_uri))
    for interp in site.interpretations.values():
        if interp.material is not None:
            folders.append((interp.dir + "/", interp.material.src_uri))
    out: dict[str, list[Finding]] = {}
    for f in findings:
        uri = owner.get(f.path) or next((u for d, u in folders if f.path.startswith(d)), home)
        out.setdefault(uri, []).append(f)
    return out


def force_public(site: Site) -> tuple[Site, dict[str, PreviewState]]:
    """The same site with drafts and scheduled items made visible, for a local preview only."""
    states: dict[str, PreviewState] = {}
    latest = max([site.today, *(i.published for i in site.items if i.published)])

    def visible(item: Item) -> Item:
        state = PreviewState(item.draft, item.published if item.published and item.published > site.today else None,
                             item.published is None)
        if state.banner():
            states[item.src_uri] = state
        return dataclasses.replace(item, draft=False, published=item.published or site.today)

    items = [visible(i) for i in site.items]
    by_path = {i.path: i for i in items}
    interps = {k: dataclasses.replace(v, material=by_path.get(v.material.path) if v.material else None)
               for k, v in site.interpretations.items()}
    # "Today" moves to the latest publication date so scheduled items count as published.
    return dataclasses.replace(site, items=items, interpretations=interps, today=latest, _interp_index=None), states
