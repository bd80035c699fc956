"""Atom feeds (RFC 4287) for the whole 专栏 and for each column. Deterministic: no build time.

``updated`` is the newest entry's 发布日期, so an unchanged site produces byte-identical feeds.
No MkDocs import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..core.model import Item

TZ = "+08:00"  # 发布日期 are Beijing dates


@dataclass(frozen=True)
class Feed:
    path: str  # site-relative, e.g. feeds/zcwj.xml
    title: str
    subtitle: str
    page_url: str  # site-relative HTML page the feed belongs to ("" = home)


def _stamp(item: Item) -> str:
    return f"{item.published.isoformat()}T00:00:00{TZ}" if item.published else f"1970-01-01T00:00:00{TZ}"


def atom(feed: Feed, items: Iterable[Item], site_url: str, author: str, column_names: dict[str, str]) -> bytes:
    """``site_url``: absolute site root ending with "/" (ids and links need absolute URLs); may be ""."""
    entries = list(items)

    def url(rel: str) -> str:
        return site_url + rel

    updated = _stamp(entries[0]) if entries else f"1970-01-01T00:00:00{TZ}"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <id>{escape(url(feed.path))}</id>",
        f"  <title>{escape(feed.title)}</title>",
        f"  <subtitle>{escape(feed.subtitle)}</subtitle>",
        f"  <updated>{updated}</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(url(feed.path))}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(url(feed.page_url))}/>",
        f"  <author><name>{escape(author)}</name></author>",
    ]
    for item in entries:
        out += [
            "  <entry>",
            f"    <id>{escape(url(item.url))}</id>",
            f"    <title>{escape(item.title)}</title>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(url(item.url))}/>",
            f"    <published>{_stamp(item)}</published>",
            f"    <updated>{_stamp(item)}</updated>",
            f"    <category term={quoteattr(item.column)} label={quoteattr(column_names.get(item.column, item.column))}/>",
            f"    <author><name>{escape(item.publisher or author)}</name></author>",
            f"    <summary type=\"text\">{escape(_summary(item))}</summary>",
            "  </entry>",
        ]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _summary(item: Item) -> str:
    parts = [item.summary]
    if item.doc_no:
        parts.append(f"文号：{item.doc_no}")
    parts.append(f"索引号：{item.index_no}")
    return "　".join(p for p in parts if p)
