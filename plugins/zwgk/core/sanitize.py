"""Content HTML through a maintained allowlist sanitizer (nh3 = Ammonia), never through regexes.

The body of every page is checked (:mod:`zwgk.core.htmlcheck`) *and* cleaned: the check names what
is wrong so the clerk can fix it and the build stops; the cleaner is the second line, so that whatever
the check might miss is still removed from what is written to ``site/``. Whatever the cleaner removes
that the check did not already report becomes a finding too, so nothing disappears silently.
"""

from __future__ import annotations

import re
from collections import Counter

import nh3
from selectolax.lexbor import LexborHTMLParser

from .htmlcheck import CONTENT_TAGS

# Python-Markdown with tables, attr_list, admonition, toc, fenced_code produces these; raw HTML an
# author writes is reduced to them.
_COMMON = {"id", "class", "title", "lang", "dir"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": _COMMON,
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers", "style", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "style", "align"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "del": {"datetime", "cite"},
    "ins": {"datetime", "cite"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "abbr": {"title"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "area": {"href", "alt", "coords", "shape"},
    "map": {"name"},
    # A wide table (the 年报's table 3) scrolls inside a labelled region a keyboard can reach:
    # <div tabindex="0" role="region" aria-label="…">. The label is text (scanned like alt/title);
    # role and tabindex are held to exactly those values below (a positive tabindex would hijack
    # the tab order, another role would misdescribe the page to a screen reader).
    "div": {"aria-label"},
}
_ATTRIBUTE_VALUES = {"div": {"tabindex": {"0"}, "role": {"region"}}}
CLEANER = nh3.Cleaner(
    tags=set(CONTENT_TAGS),  # the same list the check holds bodies to (htmlcheck.py)
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    tag_attribute_values=_ATTRIBUTE_VALUES,
    url_schemes={"http", "https", "mailto", "tel"},
    strip_comments=True,
    link_rel=None,  # Markdown links are the site's own or allowed government sites: no rel rewriting
    filter_style_properties={"text-align"},  # the tables extension aligns columns with style="text-align"
)
_SELF_CLOSE = re.compile(r"\s*/>")


def _shape(html: str) -> Counter[str]:
    """Elements and attribute names of a fragment, as the HTML5 parser sees them."""
    seen: Counter[str] = Counter()
    # The whole document, not only <body>: a fragment that starts with a <script> or <meta> puts it
    # in <head>, where a browser runs it just the same.
    root = LexborHTMLParser(html).root
    if root is None:
        return seen
    for node in root.traverse(include_text=False):
        if node.tag in ("html", "head", "body") or (node.tag or "").startswith("-"):
            continue  # the document wrapper and comments (removed on purpose, see clean())
        seen[f"<{node.tag}>"] += 1
        for name in node.attributes:
            seen[f"<{node.tag} {name.lower()}>"] += 1
    return seen


def clean(html: str) -> tuple[str, list[str]]:
    """(cleaned HTML, what was removed: "<tag>" / "<tag attr>" entries, empty when nothing was).

    Comments are removed too, but they are not reported: an HTML comment in Markdown is a note to
    colleagues that the public never sees in the page (its text is still scanned in the source).
    """
    cleaned: str = CLEANER.clean(html)
    if _SELF_CLOSE.sub(">", cleaned) == _SELF_CLOSE.sub(">", html) or "<" not in html:
        return cleaned, []
    before, after = _shape(html), _shape(cleaned)
    removed = sorted((before - after).keys())
    return cleaned, removed
