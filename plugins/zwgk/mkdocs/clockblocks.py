"""Item-page blocks computed from the clocks at build time: a consultation's state, an
outcome's 采纳情况 table, a response's timeline. Listed in ``zwgk.mkdocs.blocks.ITEM_BLOCKS``."""

from __future__ import annotations

import html
from collections.abc import Mapping

from ..core.clocks import consultation_status
from ..core.model import Item, Site
from .render import rel_url

_e = html.escape


def consultation_box(site: Site, item: Item) -> str:
    if item.kind != "consultation":
        return ""
    status = consultation_status(site, item)
    parts = [f'<div class="zwgk-status" role="status"><strong>征集状态：</strong>{_e(status.label)}']
    how = item.meta.get("how_to_submit")
    if isinstance(how, str) and how.strip() and status.state.value == "征集中":
        parts.append(f"<br><strong>提交方式：</strong>{_e(how)}")
    if status.outcome is not None:
        link = rel_url(item.url, status.outcome.url)
        parts.append(f'<br><a href="{_e(link)}">查看意见采纳情况：{_e(status.outcome.title)}</a>')
    parts.append("</div>")
    return "".join(parts)


def outcome_table(site: Site, item: Item) -> str:
    if item.kind != "outcome":
        return ""
    out: list[str] = []
    rows = item.meta.get("opinions")
    if isinstance(rows, list) and rows:
        out.append('<h2 id="opinions">意见采纳情况</h2><table class="zwgk-opinions"><thead><tr>'
                   '<th scope="col">序号</th><th scope="col">意见摘要</th><th scope="col">是否采纳</th>'
                   '<th scope="col">理由</th></tr></thead><tbody>')
        for n, row in enumerate(rows, 1):
            r: Mapping[str, object] = row if isinstance(row, Mapping) else {}
            out.append(f"<tr><td>{n}</td><td>{_e(str(r.get('summary', '')))}</td>"
                       f"<td>{_e(str(r.get('adopted', '')))}</td><td>{_e(str(r.get('reason', '')))}</td></tr>")
        out.append("</tbody></table>")
    target = site.by_index().get(str(item.meta.get("consultation") or ""))
    if target is not None and target.is_public(site.today):
        out.append(f'<p>原征集公告：<a href="{_e(rel_url(item.url, target.url))}">{_e(target.title)}</a></p>')
    return "".join(out)

