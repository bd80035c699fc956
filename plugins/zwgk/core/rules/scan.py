"""Gate 3: the machine part of 保密审查 — personal data, secrecy marks, unsafe HTML, external
links and 错敏词 in every item, page and attachment. Exceptions exist only per item, with a
reason and a reviewer, inside the item's review record (so the review digest covers them)."""

from __future__ import annotations

import hashlib
from typing import Any

from ..findings import Finding
from ..model import Site
from ..scan import SCANNER_VERSION, ScanCache, ScanConfig, apply_exceptions, cached_scan_attachment, scan_markdown
from ..yamlio import ParseCache, read_text
from . import register


def scan_config(site: Site) -> tuple[ScanConfig, list[Finding]]:
    return ScanConfig.from_mapping(site.config.scan, "mkdocs.yml")


@register
def confidentiality(site: Site) -> list[Finding]:
    config, out = scan_config(site)
    cache = ScanCache(site.root / ".cache" / "zwgk" / "scan")
    # Markdown results live in one pickle (a file per item costs more than the scan itself).
    md_cache = ParseCache(site.root / ".cache" / "zwgk" / "scan-md.pickle")
    salt = f"{SCANNER_VERSION}|{config.digest()}|"

    def scan_text(text: str, path: str) -> list[Finding]:
        key = hashlib.blake2b(f"{salt}{path}\0{text}".encode(), digest_size=16).digest()
        found = md_cache.data.get(key)
        if found is None:
            found = scan_markdown(text, path, config)
        md_cache.used[key] = found
        return list(found)

    # Drafts are scanned too: the repository itself may be visible on the Git host.
    for item in site.items:
        text = site.sources.get(item.path)
        if text is None:
            continue  # unreadable files are reported by the loader
        found = scan_text(text, item.path)
        for att in item.attachments:
            if att.abs_path.is_file():
                found += cached_scan_attachment(cache, att.abs_path, att.rel_path, config)
        interp = site.interpretations.get(item.interpretation_id) if item.interpretation_id else None
        if interp is not None and interp.diagram_path:
            diagram, _ = read_text(site.root / interp.diagram_path, interp.diagram_path)
            if diagram is not None:  # the 图解 is published as an image: its words are public too
                found += scan_text(diagram, interp.diagram_path)
        record = site.reviews.get(item.path)
        raw: Any = record.data.get("exceptions") if record is not None else None
        if raw:
            entries = raw if isinstance(raw, list) else [raw]
            found = apply_exceptions(found, entries, record.path if record else item.path)
        out += found
    for page in site.pages:
        text, _ = read_text(site.root / page, page)
        if text is not None:
            out += scan_text(text, page)
    md_cache.save()
    return out
