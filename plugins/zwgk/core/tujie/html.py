"""The accessible twin of a 图解: the same content as semantic HTML, plus alt text.

A picture of text is unreadable for screen readers, cannot be searched or enlarged, and is
lost when images are blocked; the rules require the text version next to the image.
All text is escaped; class names carry the ``zwgk-tujie-`` prefix so the theme CSS cannot
clash with Material's.
"""

from __future__ import annotations

from html import escape

from zwgk.core.tujie.spec import (
    BLOCK_TYPES,
    CompareBlock,
    FiguresBlock,
    MeasuresBlock,
    QABlock,
    StepsBlock,
    TextBlock,
    TujieSpec,
)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _paragraphs(text: str, cls: str) -> str:
    return "".join(f'<p class="{cls}">{_e(p)}</p>' for p in text.split("\n") if p)


def render_html(spec: TujieSpec, *, heading_level: int = 2) -> str:
    """Semantic HTML for the 图解.  ``heading_level`` is the level of the title (block
    headings are one below) so the twin fits into the page's outline."""
    h1 = max(1, min(5, heading_level))
    h2 = h1 + 1
    out: list[str] = ['<section class="zwgk-tujie">']
    out.append('<header class="zwgk-tujie-header">')
    out.append(f'<h{h1} class="zwgk-tujie-title">{_e(spec.title)}</h{h1}>')
    if spec.subtitle:
        out.append(f'<p class="zwgk-tujie-subtitle">{_e(spec.subtitle)}</p>')
    out.append("</header>")
    for block in spec.blocks:
        out.append(f'<section class="zwgk-tujie-block zwgk-tujie-{block.type}">')
        out.append(f'<h{h2} class="zwgk-tujie-heading">{_e(block.heading)}</h{h2}>')
        if isinstance(block, FiguresBlock):
            out.append('<ul class="zwgk-tujie-figures">')
            for fig in block.items:
                unit = f'<span class="zwgk-tujie-unit">{_e(fig.unit)}</span>' if fig.unit else ""
                out.append(
                    '<li class="zwgk-tujie-figure">'
                    f'<strong class="zwgk-tujie-value">{_e(fig.value)}{unit}</strong> '
                    f'<span class="zwgk-tujie-label">{_e(fig.label)}</span></li>'
                )
            out.append("</ul>")
        elif isinstance(block, StepsBlock):
            out.append('<ol class="zwgk-tujie-steps">')
            for step in block.steps:
                detail = _paragraphs(step.text, "zwgk-tujie-step-text") if step.text else ""
                out.append(f'<li class="zwgk-tujie-step"><strong class="zwgk-tujie-step-title">'
                           f"{_e(step.title)}</strong>{detail}</li>")
            out.append("</ol>")
        elif isinstance(block, CompareBlock):
            out.append('<table class="zwgk-tujie-compare">')
            out.append(f'<caption class="zwgk-tujie-caption">{_e(block.heading)}：'
                       "原政策与新政策对比</caption>")
            out.append('<thead><tr><th scope="col">对比项</th><th scope="col">原政策</th>'
                       '<th scope="col">新政策</th></tr></thead><tbody>')
            for row in block.rows:
                out.append(f'<tr><th scope="row">{_e(row.aspect)}</th><td>{_e(row.old)}</td>'
                           f"<td>{_e(row.new)}</td></tr>")
            out.append("</tbody></table>")
        elif isinstance(block, MeasuresBlock):
            out.append('<ul class="zwgk-tujie-measures">')
            out.extend(f'<li class="zwgk-tujie-measure">{_e(m)}</li>' for m in block.items)
            out.append("</ul>")
        elif isinstance(block, QABlock):
            out.append('<dl class="zwgk-tujie-qa">')
            for qa in block.items:
                out.append(f'<dt class="zwgk-tujie-q">问：{_e(qa.q)}</dt>')
                out.append(f'<dd class="zwgk-tujie-a">答：{_e(qa.a)}</dd>')
            out.append("</dl>")
        elif isinstance(block, TextBlock):
            out.append(_paragraphs(block.text, "zwgk-tujie-text"))
        out.append("</section>")
    out.append('<footer class="zwgk-tujie-footer">')
    out.append(f'<p class="zwgk-tujie-office">{_e(spec.footer.office)}</p>')
    out.append(f'<p class="zwgk-tujie-date"><time datetime="{spec.footer.date.isoformat()}">'
               f"{_e(spec.footer.date_text)}</time></p>")
    out.append("</footer>")
    out.append("</section>")
    return "\n".join(out) + "\n"


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
