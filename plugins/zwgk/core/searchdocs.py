"""What the site search indexes: one document per published item, built from the item's data.

The index is a pure function of the repository (not of the built pages), so it is built in a
process of its own while MkDocs renders pages (zwgk/mkdocs/parallel.py) and is the same for every
way of building. Indexed: the item's body as a reader sees it — rendered by the site's own Markdown
converter (core/mdrender.py), then reduced to its text — followed by the 内容概述, 文号 and 索引号
(people search for those). The text is also the excerpt shown under a result, so it is the rendered
text and never the Markdown: no "##", "**" or table pipes, and it starts with the body, not with an
索引号.

One function, :func:`body_text`, makes the body's text, for the index and for the gate that scans
what the index will serve (core/rules/scan.py): the published index is public, so the scanned text
and the served text must be the same string.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .findings import Finding
from .mdrender import Renderer, TooDeep
from .model import Item, Site
from .pagecheck import Source, text_findings
from .scan import ScanConfig
from .scan.exceptions import allowed, record_exceptions
from .searchindex import SearchDoc, html_text

# Part of the gate's cache key (core/rules/scan.py): a change to what the index serves must rescan.
TEXT_VERSION = "rendered-1"


def body_text(html: str) -> str:
    """The words of a rendered body (``Renderer.html``): what the page shows, as one line of text."""
    return html_text(html)


def item_doc(site: Site, item: Item, url: str, renderer: Renderer) -> SearchDoc:
    """One item as the search sees it: 栏目 and 年份 filters, the date shown in the result list.

    The body comes first: a result with no match in the text shows the text's start as its excerpt.
    The facts follow with the labels the page's 属性表 gives them, so an excerpt around a matched
    文号 or 索引号 says what the number is."""
    col = site.columns.get(item.column)
    year = item.formed or item.published
    facts = [f"{label}：{value}" for label, value in (("内容概述", item.summary), ("文号", item.doc_no),
                                                    ("索引号", item.index_no)) if value]
    try:
        body = body_text(renderer.html(item.body))
    except TooDeep:
        body = ""  # refused by the gate (markdown.too_deep): the build stops before the index is used
    text = " ".join([body, *facts]).strip()
    return SearchDoc(url=url, title=item.title, text=text,
                     column=col.name if col else item.column, year=str(year.year) if year else "",
                     date=item.published.isoformat() if item.published else "")


def site_docs(site: Site, urls: Mapping[str, str], items: Iterable[Item]) -> list[SearchDoc]:
    """Search documents for ``items`` (public, not withdrawn); ``urls`` maps src_uri to page URL."""
    renderer = Renderer(site.markdown_extensions)  # one converter for all: building one costs more
    return [item_doc(site, item, urls[item.src_uri], renderer) for item in items if item.src_uri in urls]


def index_findings(site: Site, items: Iterable[Item], docs: Iterable[SearchDoc], config: ScanConfig) -> list[Finding]:
    """Personal data, secrecy marks and 错敏词 in the text the search index will serve.

    The index is built by its own rendering and text reduction, not from the built page: what it
    serves is public too, so it is scanned exactly as it will be written (the reviewed exceptions of
    the item apply, as on its page)."""
    out: list[Finding] = []
    for item, doc in zip(items, docs, strict=True):
        found = text_findings(f"{doc.title}\n{doc.text}", Source.of(site, item), config, "站内搜索索引")
        record = site.reviews.get(item.path)
        if found and record is not None:
            found = allowed(found, record_exceptions(record.data), record.path)
        out += found
    return out
