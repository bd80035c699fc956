"""The accessible twin of a 图解: the same content as semantic HTML, plus alt text.

A picture of text is unreadable for screen readers, cannot be searched or enlarged, and is
lost when images are blocked; the rules require the text version next to the image.
The markup is a template, autoescaped (``core/htmltemplates.py``); class names carry the
``zwgk-tujie-`` prefix so the theme CSS cannot clash with Material's.
"""

from __future__ import annotations

from zwgk.core.htmltemplates import render
from zwgk.core.tujie.spec import (
    BLOCK_TYPES,
    CompareBlock,
    FiguresBlock,
    MeasuresBlock,
    QABlock,
    StepsBlock,
    TujieSpec,
)


def render_html(spec: TujieSpec, *, heading_level: int = 2) -> str:
    """Semantic HTML for the 图解 (``data/templates/tujie/twin.html.j2``).  ``heading_level`` is
    the level of the title (block headings are one below) so the twin fits into the page's outline."""
    h1 = max(1, min(5, heading_level))
    return render("tujie/twin.html.j2", spec=spec, h1=h1, h2=h1 + 1)


_ALT_MAX = 250  # screen readers read alt in one go; keep it a sentence, not the whole picture


def alt_text(spec: TujieSpec) -> str:
    """Title plus a one-line summary of what the picture contains, e.g.
    ``一图读懂《…》：数说新政（4组数据）、办理流程（3个步骤）…。文字版见图下方。``"""
    parts: list[str] = []
    for block in spec.blocks:
        if isinstance(block, FiguresBlock):
            what = f"{len(block.items)}组数据"
        elif isinstance(block, StepsBlock):
            what = f"{len(block.steps)}个步骤"
        elif isinstance(block, CompareBlock):
            what = f"{len(block.rows)}项新旧对比"
        elif isinstance(block, MeasuresBlock):
            what = f"{len(block.items)}项举措"
        elif isinstance(block, QABlock):
            what = f"{len(block.items)}个问答"
        else:
            what = BLOCK_TYPES["text"]
        parts.append(f"{block.heading}（{what}）")
    head = spec.title + (f"——{spec.subtitle}" if spec.subtitle else "")
    tail = "。文字版见图下方。"
    summary = "、".join(parts)
    text = f"{head}。图中包括：{summary}{tail}"
    if len(text) > _ALT_MAX:
        keep = _ALT_MAX - len(head) - len(tail) - 10
        text = f"{head}。图中包括：{summary[:max(0, keep)]}等{tail}"
    return " ".join(text.split())
