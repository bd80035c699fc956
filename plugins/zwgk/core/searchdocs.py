"""What the site search indexes: one document per published item, built from the item's data.

The index is a pure function of the repository (not of rendered HTML), so it is built in a
process of its own while MkDocs renders pages (zwgk/mkdocs/parallel.py) and is the same for every
way of building. Indexed: the title, the 索引号, 文号 and 内容概述 (people search for those), and
the body's text. Markdown syntax is reduced to its text: the tokeniser ignores punctuation, so
only what would add words that are not in the page is removed — link targets, image paths,
attribute lists, admonition types and HTML tag names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .findings import Finding
from .model import Item, Site
from .pagecheck import Source, text_findings
from .scan import ScanConfig
from .scan.exceptions import allowed, record_exceptions
from .searchindex import SearchDoc, html_text

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S.*$", re.M)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>")
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}|\{:[^}]*\}")
_ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s*[\w-]+", re.M)


def markdown_text(markdown: str) -> str:
    """The words of a Markdown body, without link targets, image paths or markup names."""
    text = _IMAGE.sub(r" \1 ", markdown)
    text = _LINK.sub(r" \1 ", text)
    text = _REF_LINK.sub(r" \1 ", text)
    text = _REF_DEF.sub(" ", text)
    text = _AUTOLINK.sub(" ", text)
    text = _ATTR_LIST.sub(" ", text)
    text = _ADMONITION.sub(r"\1", text)
    return html_text(text)


def item_doc(site: Site, item: Item, url: str) -> SearchDoc:
    """One item as the search sees it: 栏目 and 年份 filters, the date shown in the result list."""
    col = site.columns.get(item.column)
    year = item.formed or item.published
    facts = " ".join(x for x in (item.index_no, item.doc_no, item.summary) if x)
    return SearchDoc(url=url, title=item.title, text=f"{facts} {markdown_text(item.body)}".strip(),
                     column=col.name if col else item.column, year=str(year.year) if year else "",
                     date=item.published.isoformat() if item.published else "")


def site_docs(site: Site, urls: Mapping[str, str], items: Iterable[Item]) -> list[SearchDoc]:
    """Search documents for ``items`` (public, not withdrawn); ``urls`` maps src_uri to page URL."""
    return [item_doc(site, item, urls[item.src_uri]) for item in items if item.src_uri in urls]


def index_findings(site: Site, items: Iterable[Item], docs: Iterable[SearchDoc], config: ScanConfig) -> list[Finding]:
    """Personal data, secrecy marks and 错敏词 in the text the search index will serve.

    The index is built from the Markdown, not from the rendered page, by its own text reduction: what
    it serves is public too, so it is scanned as it will be written (the reviewed exceptions of the
    item apply, as on its page)."""
    out: list[Finding] = []
    for item, doc in zip(items, docs, strict=True):
        found = text_findings(f"{doc.title}\n{doc.text}", Source.of(site, item), config, "站内搜索索引")
        record = site.reviews.get(item.path)
        if found and record is not None:
            found = allowed(found, record_exceptions(record.data), record.path)
        out += found
    return out
