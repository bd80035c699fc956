"""Small pure helpers for the public pages, and the extension point for extra item-page blocks.

No MkDocs import, so other adapters and tests can use them.

Extra blocks on an item page (e.g. a 图解 image, a consultation status box) plug in without touching
the templates: a block is ``fn(site, item) -> html`` (``""`` = nothing for this item), listed in
:data:`zwgk.mkdocs.blocks.ITEM_BLOCKS` with its position, before or after the body of the item page
(whose URL is ``item.url``; build links with :func:`rel_url`). A block never sees drafts, scheduled or
withdrawn items.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from ..core.model import Item, Site

ItemBlock = Callable[[Site, Item], str]
Position = Literal["before", "after"]


# (block, position) pairs, in the order they appear on the page.
ItemBlocks = Sequence[tuple[ItemBlock, Position]]


def item_blocks(site: Site, item: Item, position: Position, blocks: ItemBlocks) -> list[str]:
    return [html for fn, where in blocks if where == position and (html := fn(site, item))]


def rel_url(from_url: str, to_url: str) -> str:
    """Relative link between two site-relative directory URLs (``zcwj/2026-003/`` → ``../../zcjd/x/``)."""
    rel = posixpath.relpath("/" + to_url, "/" + (from_url or "."))
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    # Percent-encoded as a path: a name can never become a scheme (``javascript:``), a host (``\\x``)
    # or a query. Names with such characters are refused anyway (inventory.publish.unsafe_name).
    return "./" if rel in (".", "./") else quote(rel, safe="/-._~")


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
