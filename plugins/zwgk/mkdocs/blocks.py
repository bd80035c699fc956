"""Every extra block on item pages, listed here in the order they appear.

A block is ``fn(site, item) -> html`` (see :mod:`zwgk.mkdocs.render`); the plugin hands this list to
the page builder. It is a plain list rather than a registry the block modules add themselves to, so
which blocks a page gets never depends on which modules happen to have been imported, or in what order.
A new block is written in its own module and added here.
"""

from __future__ import annotations

from . import clockblocks, diagram
from .render import ItemBlocks

ITEM_BLOCKS: ItemBlocks = (
    (clockblocks.consultation_box, "before"),  # 意见征集: the state of the consultation, above the text
    (clockblocks.outcome_table, "after"),  # 采纳情况 table
    (diagram.DIAGRAMS.block_for, "after"),  # 图解 image and its text twin
)
