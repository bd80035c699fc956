"""Automated 保密审查 (confidentiality review) scanners: pure domain code, no MkDocs import.

Public API::

    config, problems = ScanConfig.from_mapping(options.get("scan"), "mkdocs.yml")
    findings = scan_markdown(text, "content/xxgk/2024-001.md", config)
    findings += cached_scan_attachment(cache, abs_path, "content/xxgk/files/名单.xlsx", config)
    findings = apply_exceptions(findings, record.get("exceptions", []), "governance/reviews/2024-001.yml")

Rule ids: privacy.id_number, privacy.mobile, privacy.bank_card, privacy.gps, secrecy.mark,
html.unsafe, link.external, wording.errata, attachment.unreadable, attachment.too_large,
attachment.no_text (warning), attachment.unscanned (warning), scan.exception_invalid,
scan.exception_unused (warning), scan.config_invalid.
"""

from __future__ import annotations

from .attachments import PARSE_COUNTS, scan_attachment
from .cache import SCANNER_VERSION, ScanCache, cached_scan_attachment
from .config import ScanConfig
from .exceptions import ScanException, apply_exceptions
from .fingerprint import fingerprint, fingerprint_of, mask
from .markdown import scan_markdown

__all__ = [
    "PARSE_COUNTS",
    "SCANNER_VERSION",
    "ScanCache",
    "ScanConfig",
    "ScanException",
    "apply_exceptions",
    "cached_scan_attachment",
    "fingerprint",
    "fingerprint_of",
    "mask",
    "scan_attachment",
    "scan_markdown",
]
