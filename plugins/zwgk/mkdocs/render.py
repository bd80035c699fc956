"""Small pure helpers for the public pages, and the extension point for extra item-page blocks.

No MkDocs import, so other adapters and tests can use them.

Extra blocks on an item page (e.g. a 图解 image, a consultation status box) plug in here without
touching the templates::

    from zwgk.mkdocs.render import register_item_block

    @register_item_block                    # or register_item_block(fn, position="before")
    def tujie(site: Site, item: Item) -> str:
        return '<figure class="zwgk-tujie">…</figure>'   # HTML; "" = nothing for this item

A block receives the site and the item and returns HTML that is placed before or after the body of
the item page (whose URL is ``item.url``; build links with :func:`rel_url`). A block never sees
drafts, scheduled or withdrawn items.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..core.model import Item, Site

ItemBlock = Callable[[Site, Item], str]
Position = Literal["before", "after"]


@dataclass(frozen=True)
class _Registered:
    fn: ItemBlock
    position: Position


ITEM_BLOCKS: list[_Registered] = []


def register_item_block(fn: ItemBlock | None = None, *, position: Position = "after") -> ItemBlock | Callable[[ItemBlock], ItemBlock]:
    """Register ``fn(site, item) -> html`` for every item page (usable with or without arguments)."""

    def add(f: ItemBlock) -> ItemBlock:
        ITEM_BLOCKS.append(_Registered(f, position))
        return f

    return add(fn) if fn is not None else add


def item_blocks(site: Site, item: Item, position: Position) -> list[str]:
    return [html for reg in ITEM_BLOCKS if reg.position == position and (html := reg.fn(site, item))]


def rel_url(from_url: str, to_url: str) -> str:
    """Relative link between two site-relative directory URLs (``zcwj/2026-003/`` → ``../../zcjd/x/``)."""
    rel = posixpath.relpath("/" + to_url, "/" + (from_url or "."))
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def file_type(name: str) -> str:
    """Attachment type as shown to readers: the upper-case extension (PDF, DOCX, XLSX…)."""
    return Path(name).suffix.lstrip(".").upper() or "文件"
