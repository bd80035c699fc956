"""Markdown fragments added to pages: item header, interpretation links, attachments, column lists.

Pure string functions (no MkDocs import) so they can be tested and reused by other adapters.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from ..core.model import Column, Item, Site
from ..core.schema import KINDS


def rel_link(from_src: str, to_src: str) -> str:
    """Relative Markdown link between two docs-relative source paths (MkDocs validates these)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def md_text(text: str) -> str:
    """Escape characters that would break Markdown link text."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"


def item_header(site: Site, item: Item) -> str:
    e = html.escape
    rows = [
        ("索引号", item.index_no), ("主题分类", item.topic or "—"), ("发布机构", item.publisher),
        ("成文日期", item.signed.isoformat() if item.signed else (item.formed.isoformat() if item.formed else "—")),
        ("文号", item.doc_no or "—"), ("发布日期", item.published.isoformat() if item.published else "—"),
        ("有效性", item.validity), ("公开方式", "主动公开"),
    ]
    cells = "".join(f"<tr><th scope=\"row\">{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows)
    return f'<table class="zwgk-meta" aria-label="信息属性">{cells}</table>\n\n'


def related_links(site: Site, item: Item) -> str:
    """双向关联: a policy links to its interpretation, an interpretation to its policy."""
    if item.kind == "policy":
        interp = site.interpretation_for(item)
        if interp and interp.material and interp.material.is_public(site.today):
            link = rel_link(item.src_uri, interp.material.src_uri)
            return f"\n\n**相关解读：**[{md_text(interp.material.title)}]({link})\n"
    if item.interpretation_id:
        interp = site.interpretations.get(item.interpretation_id)
        policy = site.by_index().get(interp.interprets) if interp else None
        if policy and policy.is_public(site.today):
            link = rel_link(item.src_uri, policy.src_uri)
            return f"\n\n**原文件：**[{md_text(policy.title)}]({link})\n"
    return ""


def attachments_block(item: Item, src_uri_for: dict[str, str]) -> str:
    if not item.attachments:
        return ""
    lines = ["\n\n## 附件\n"]
    for att in item.attachments:
        target = src_uri_for.get(att.rel_path)
        if target is None:
            continue
        ext = Path(att.file).suffix.lstrip(".").upper() or "文件"
        try:
            size = human_size(att.abs_path.stat().st_size)
        except OSError:
            size = "?"
        lines.append(f"- [{md_text(att.title)}]({rel_link(item.src_uri, target)})（{ext}，{size}）")
    return "\n".join(lines) + "\n"


def column_listing(site: Site, column: Column, index_src: str) -> str:
    children = sorted((c for c in site.columns.values() if c.parent == column.slug), key=lambda c: c.order)
    out: list[str] = []
    if children:
        out.append("\n\n## 子栏目\n")
        out += [f"- [{md_text(c.name)}]({rel_link(index_src, f'{c.slug}/index.md')})" for c in children]
    items = sorted((i for i in site.public_items() if i.column == column.slug),
                   key=lambda i: (i.published, i.index_no), reverse=True)
    if items or not children:
        out.append("\n\n## 信息列表\n")
        if not items:
            out.append("本栏目暂无信息。")
        for i in items:
            date = i.published.isoformat() if i.published else ""
            kind = f"（{KINDS[i.kind]}）" if i.kind in ("policy", "consultation", "outcome") else ""
            out.append(f'- [{md_text(i.title)}]({rel_link(index_src, i.src_uri)}){kind} <span class="zwgk-date">{date}</span>')
    return "\n".join(out) + "\n"
