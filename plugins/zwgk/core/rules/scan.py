"""Gate 3: the machine part of 保密审查 — personal data, secrecy marks, unsafe HTML, external
links and 错敏词 in every item, page and attachment. Exceptions exist only per item, with a
reason and a reviewer, inside the item's review record (so the review digest covers them)."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urljoin

from ..findings import Finding
from ..htmlcheck import CHECKER_VERSION, SITE_PLACEHOLDER, HtmlPolicy
from ..mdrender import Renderer, TooDeep, control_chars, too_deep
from ..model import Site
from ..pagecheck import BodyVerdicts, Source, dedupe, meta_findings, text_findings
from ..scan import SCANNER_VERSION, ScanCache, apply_exceptions, cached_scan_attachment, scan_markdown
from ..scan.config import ScanConfig
from ..scan.exceptions import record_exceptions
from ..searchdocs import TEXT_VERSION, body_text
from ..yamlio import ParseCache, parse_yaml, read_text
from .publish import page_subject


def column_texts(data: Any) -> dict[str, Any]:
    """What the site prints from the 栏目任务分解表, by the field chain core/columns.py reports
    (``columns -> zcwj -> description``): column names, descriptions, types and keywords (column pages,
    the home page, navigation, feeds and the ColumnName/ColumnDescription/ColumnKeywords/ColumnType
    meta tags), slugs (in every URL) and division names (责任处室 on item pages)."""
    out: dict[str, Any] = {}
    if not isinstance(data, dict):
        return out
    divisions = data.get("divisions")
    for i, d in enumerate(divisions if isinstance(divisions, list) else []):
        name = d.get("name") if isinstance(d, dict) else d
        if name is not None:
            out[f"divisions -> [{i}] -> name"] = name
    columns = data.get("columns")
    for i, c in enumerate(columns if isinstance(columns, list) else []):
        if not isinstance(c, dict):
            continue
        slug = str(c.get("slug") or "")
        chain = f"columns -> {slug or f'[{i}]'}"
        for key in ("slug", "name", "type", "description", "keywords"):
            if c.get(key) is not None:
                out[f"{chain} -> {key}"] = c[key]
    return out


def columns_findings(site: Site, config: ScanConfig) -> list[Finding]:
    """Personal data, secrecy marks and 错敏词 in the public text of the 栏目任务分解表, found by the
    detectors front matter goes through; problems reading it are the loader's to report."""
    rel = site.config.columns_file
    text, _ = read_text(site.root / rel, rel)
    if text is None:
        return []
    data, _ = parse_yaml(text, rel)
    return meta_findings(column_texts(data), Source(rel, text), config, label="栏目任务分解表")


def confidentiality(site: Site) -> list[Finding]:
    config = site.config.scan  # parsed, and its problems reported, at load (core/config.py)
    out: list[Finding] = []
    cache = ScanCache.for_repo(site.root)  # signed JSON outside the repository (core/cachestore.py)
    # Markdown results live in one bulk store (a file per item costs more than the scan itself).
    md_cache = ParseCache.for_repo(site.root, "scan-md")
    salt = f"{SCANNER_VERSION}|{CHECKER_VERSION}|{TEXT_VERSION}|{config.digest()}|{site.site_url}|"
    renderer = Renderer(site.markdown_extensions)
    policy = HtmlPolicy(site.site_url or SITE_PLACEHOLDER, config.allowed_domains)
    salt += renderer.key + "|"
    bodies = BodyVerdicts.for_repo(site.root)  # the build's gate reuses these for the same HTML
    bodies.start()

    def scan_page(text: str, path: str, meta: Any, body: str, body_line: int, url: str) -> list[Finding]:
        """The source text (line numbers), the parsed front matter and the body as the site renders it."""
        key = hashlib.blake2b(f"{salt}{path}\0{url}\0{text}".encode(), digest_size=16).digest()
        found = md_cache.data.get(key)
        if found is None:
            source = Source(path, text, body_line, meta if isinstance(meta, dict) else None)
            found = scan_markdown(text, path, config)
            if source.meta:
                found += meta_findings(source.meta, source, config)
            # Bidi overrides and control characters change what a browser shows (a reversed number
            # reads as a mobile number the detectors never see): the body may not hold them at all.
            if (hidden := control_chars(path, body, body_line)) is not None:
                found.append(hidden)
            try:
                html = renderer.html(body)
            except TooDeep:
                found = dedupe([*found, too_deep(path, body_line)])
            else:
                _, body_found = bodies.check(html, source, urljoin(policy.site_url, url), policy, config)
                # The search index serves its own reduction of the same HTML (searchdocs.body_text): scanned
                # as that string, so nothing the regex reduction lets through escapes the gate.
                index_found = text_findings(body_text(html), source, config, "站内搜索索引")
                found = dedupe([*found, *body_found, *index_found])
        md_cache.used[key] = found
        return list(found)

    def scan_text(text: str, path: str) -> list[Finding]:
        key = hashlib.blake2b(f"{salt}{path}\0{text}".encode(), digest_size=16).digest()
        found = md_cache.data.get(key)
        if found is None:
            found = scan_markdown(text, path, config)
            data, _ = parse_yaml(text, path)
            found = dedupe([*found, *meta_findings({"图解": data}, Source(path, text), config)])
        md_cache.used[key] = found
        return list(found)

    # Drafts are scanned too: the repository itself may be visible on the Git host.
    for item in site.items:
        text = site.sources.get(item.path)
        if text is None:
            continue  # unreadable files are reported by the loader
        found = scan_page(text, item.path, item.meta, item.body, item.body_line, item.url)
        # Images in the item's folder that are not listed attachments are only shown in the page, and
        # published re-encoded without any metadata (mkdocs/diagram.py): nothing of their metadata is
        # public, and their pixels are beyond a text scan. They are in the review digest instead.
        attachments = {a.rel_path: a.abs_path for a in item.attachments}
        for rel, abs_path in attachments.items():
            if abs_path.is_file():
                found += cached_scan_attachment(cache, abs_path, rel, config)
        interp = site.interpretations.get(item.interpretation_id) if item.interpretation_id else None
        if interp is not None and interp.diagram_path:
            diagram, _ = read_text(site.root / interp.diagram_path, interp.diagram_path)
            if diagram is not None:  # the 图解 is published as an image: its words are public too
                found += scan_text(diagram, interp.diagram_path)
        record = site.reviews.get(item.path)
        if record is not None and (entries := record_exceptions(record.data)):
            found = apply_exceptions(found, entries, record.path)
        out += found
    # The 解读方案 is not a page, but its body is read and copied from like the material's.
    for interp in site.interpretations.values():
        if interp.plan_path and (hidden := control_chars(interp.plan_path, interp.plan_body, interp.plan_body_line)):
            out.append(hidden)
    for path in site.pages:
        page = page_subject(site, path)
        if page is not None:
            out += scan_page(site.sources[path], path, page.meta, page.body, page.body_line, page.url)
    # Column names and descriptions are printed on the column pages and the home page: scanned at
    # their source, so the finding names governance/columns.yml rather than a generated page.
    if (site.root / site.config.columns_file).is_file():
        out += columns_findings(site, config)
    md_cache.save()
    bodies.save()
    return out
