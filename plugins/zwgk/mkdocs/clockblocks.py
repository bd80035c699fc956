"""Item-page blocks computed from the clocks at build time: a consultation's state, an
outcome's 采纳情况 table, a response's timeline. Listed in ``zwgk.mkdocs.blocks.ITEM_BLOCKS``.

The markup is in ``data/templates/blocks/`` (autoescaped, ``core/htmltemplates.py``); this
module decides what the blocks show."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.clocks import consultation_status
from ..core.htmltemplates import render
from ..core.model import Item, Site
from .render import rel_url


def consultation_box(site: Site, item: Item) -> str:
    if item.kind != "consultation":
        return ""
    status = consultation_status(site, item)
    how = item.meta.get("how_to_submit")
    # how to submit only while submissions are taken
    show_how = isinstance(how, str) and bool(how.strip()) and status.state.value == "征集中"
    outcome_url = rel_url(item.url, status.outcome.url) if status.outcome is not None else ""
    return render("blocks/consultation_status.html.j2", status=status, how=how if show_how else "",
                  outcome_url=outcome_url)


def outcome_table(site: Site, item: Item) -> str:
    if item.kind != "outcome":
        return ""
    opinions = item.meta.get("opinions")
    rows = []
    if isinstance(opinions, list):
        for row in opinions:
            r: Mapping[str, object] = row if isinstance(row, Mapping) else {}
            rows.append({k: str(r.get(k, "")) for k in ("summary", "adopted", "reason")})
    target = site.by_index().get(str(item.meta.get("consultation") or ""))
    if target is not None and not target.is_public(site.today):
        target = None  # a consultation that is not public on the build day is not linked
    return render("blocks/outcome_table.html.j2", rows=rows, target=target,
                  target_url=rel_url(item.url, target.url) if target is not None else "")

