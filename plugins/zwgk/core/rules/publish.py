"""Gate 0: everything MkDocs would publish is a reviewed page, attachment or image (core/inventory.py),
and the pages outside the items — the home page, a column's index page, other top-level pages — are
reviewed like items: they are public text on the same site."""

from __future__ import annotations

from .. import frontmatter
from ..findings import Finding
from ..git_history import load as load_history
from ..inventory import inventory_findings
from ..model import Item, Site
from ..review.record import check_record


def publication_inventory(site: Site) -> list[Finding]:
    return inventory_findings(site)


def page_subject(site: Site, path: str) -> Item | None:
    """A non-item page (``site.pages``) as an ``Item`` of kind "page": what its review record covers and
    what the scanners read. None when the loader could not read it (it reported why)."""
    text = site.sources.get(path)
    if text is None:
        return None
    src = path.removeprefix(site.config.docs_dir + "/")
    meta, body, line, _ = frontmatter.split(text, path) if text.startswith("---\n") else ({}, text, 1, [])
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        # As MkDocs names a page without a title field: its first level-1 heading, else the file name.
        heading = next((ln[2:].strip() for ln in body.split("\n") if ln.startswith("# ")), "")
        title = heading or src.rsplit("/", 1)[-1].removesuffix(".md")
    return Item(path=path, src_uri=src, column="", kind="page", meta=meta, body=body, body_line=line,
                title=title.strip())


def governed_pages(site: Site) -> list[Item]:
    """``index.md``, other top-level pages and ``<column>/index.md`` as review subjects."""
    out: list[Item] = []
    for path in site.pages:
        parts = path.removeprefix(site.config.docs_dir + "/").split("/")
        if not (len(parts) == 1 or (len(parts) == 2 and parts[1] == "index.md" and parts[0] in site.columns)):
            continue  # a page in an unknown folder: the loader's column.unknown error blocks it
        page = page_subject(site, path)
        if page is not None:
            out.append(page)
    return out


def page_reviews(site: Site) -> list[Finding]:
    pages = governed_pages(site)
    if not pages:
        return []
    history = load_history(site.root, site.today, site.config.review.history_start)
    out: list[Finding] = []
    for page in pages:
        out += check_record(site, page, history=history)
    return out
