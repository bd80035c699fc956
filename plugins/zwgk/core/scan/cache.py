"""A content-addressed cache of attachment scan results.

Key = sha256(file bytes) + lower-case extension (the extension picks the parser: the same bytes
as ``.pdf`` and as ``.txt`` give different findings) + scanner version + config digest, so an
unchanged attachment is never parsed again, while a new scanner release or a changed errata list
rescans everything. Entries live in a per-entry :class:`~zwgk.core.cachestore.CacheStore`
(signed JSON outside the repository): a committed, forged or damaged entry is a miss, so the
cache can cost time but never change a finding (issue 13 §1).
Findings are stored without their path and get the current path back on a hit (the same file
may be attached to two items).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..cachestore import CacheStats, CacheStore
from ..findings import SEVERITIES, Finding
from .attachments import TOO_LARGE, UNREADABLE, UNSCANNED, file_sha256, scan_attachment
from .config import ScanConfig

# Bump whenever a detector changes what it reports: old entries then stop matching.
SCANNER_VERSION = "5"  # 4: DOCX hidden runs/w:sym/mc:Fallback, XLSX number formats, joined strings (display.py); 5: DOCX equations (OMML m:t), markdown.control_char in the remembered Markdown scans
# Findings about the file itself name the file and depend on size limits or parser state;
# they are cheap to recompute and are not cached.
_NOT_CACHED = frozenset({UNREADABLE, TOO_LARGE, UNSCANNED})

__all__ = ["SCANNER_VERSION", "CacheStats", "ScanCache", "cached_scan_attachment"]


def _encode(findings: list[Finding]) -> list[list[Any]]:
    return [[f.rule, f.severity, f.field, f.message, f.hint, f.line, f.location] for f in findings]


def _decode(rows: Any, path: str) -> list[Finding] | None:
    if not isinstance(rows, list):
        return None
    found: list[Finding] = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 7):
            return None
        rule, severity, field, message, hint, line, location = row
        if not (
            isinstance(rule, str) and severity in SEVERITIES and isinstance(message, str)
            and isinstance(hint, str) and (field is None or isinstance(field, str))
            and (line is None or (isinstance(line, int) and not isinstance(line, bool)))
            and (location is None or isinstance(location, str))
        ):
            return None
        found.append(Finding(path, rule, severity, field, message, hint, line, location))
    return found


class ScanCache:
    """Attachment scan results by content. ``ScanCache.for_repo(root)`` in a build;
    ``ScanCache(CacheStore.at(folder, ...))`` or ``ScanCache.at(folder)`` in benchmarks and tests."""

    NAME = "scan-attachments"

    def __init__(self, store: CacheStore) -> None:
        self.store = store

    @classmethod
    def for_repo(cls, root: Path) -> ScanCache:
        return cls(CacheStore.for_repo(root, cls.NAME, SCANNER_VERSION, per_entry=True))

    @classmethod
    def at(cls, folder: Path) -> ScanCache:
        return cls(CacheStore.at(folder, cls.NAME, SCANNER_VERSION, per_entry=True))

    @property
    def stats(self) -> CacheStats:
        return self.store.stats

    @staticmethod
    def key(content_sha256: str, config: ScanConfig, suffix: str = "") -> str:
        material = f"{content_sha256}:{suffix.lower()}:{SCANNER_VERSION}:{config.digest()}"
        return hashlib.sha256(material.encode()).hexdigest()

    def get(self, key: str, path: str) -> list[Finding] | None:
        """Cached findings re-addressed to ``path``, or None on a miss or a rejected entry."""
        return _decode(self.store.get(key), path)

    def put(self, key: str, findings: list[Finding]) -> None:
        self.store.put(key, _encode(findings))


def cached_scan_attachment(
    cache: ScanCache, abs_path: Path, rel_path: str, config: ScanConfig
) -> list[Finding]:
    """scan_attachment, skipping files whose bytes were already scanned with this config."""
    try:
        too_big = abs_path.stat().st_size > config.max_attachment_bytes
        sha = None if too_big else file_sha256(abs_path)
    except OSError:
        sha = None
    if sha is None:  # missing, unreadable or over the limit: let scan_attachment report it
        return scan_attachment(abs_path, rel_path, config)
    key = cache.key(sha, config, abs_path.suffix)
    found = cache.get(key, rel_path)
    if found is not None:
        return found
    found = scan_attachment(abs_path, rel_path, config)
    if not any(f.rule in _NOT_CACHED for f in found):
        cache.put(key, found)
    return found
