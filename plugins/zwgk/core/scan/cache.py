"""A content-addressed cache of attachment scan results.

Key = sha256(file bytes) + scanner version + config digest, so an unchanged attachment is
never parsed again, while a new scanner release or a changed errata list rescans everything.
Markdown is not cached on purpose: scanning an item (~0.2 ms) is cheaper than creating its
cache file (~0.5 ms measured on this machine's disk).
Findings are stored without their path and get the current path back on a hit (the same file
may be attached to two items). Entries are written atomically (temp file + os.replace) and a
damaged entry is treated as a miss: the cache is an optimisation and must never fail a build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import SEVERITIES, Finding
from .attachments import TOO_LARGE, UNREADABLE, UNSCANNED, file_sha256, scan_attachment
from .config import ScanConfig

# Bump whenever a detector changes what it reports: old entries then stop matching.
SCANNER_VERSION = "1"
# Findings about the file itself name the file and depend on size limits or parser state;
# they are cheap to recompute and are not cached.
_NOT_CACHED = frozenset({UNREADABLE, TOO_LARGE, UNSCANNED})


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0
    write_errors: int = 0


def _encode(findings: list[Finding]) -> str:
    rows = [[f.rule, f.severity, f.field, f.message, f.hint, f.line, f.location] for f in findings]
    return json.dumps({"version": SCANNER_VERSION, "findings": rows}, ensure_ascii=False)


def _decode(text: str, path: str) -> list[Finding] | None:
    data: Any = json.loads(text)
    if not isinstance(data, dict) or data.get("version") != SCANNER_VERSION:
        return None
    rows = data.get("findings")
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
    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)
        self.stats = CacheStats()

    @staticmethod
    def key(content_sha256: str, config: ScanConfig) -> str:
        material = f"{content_sha256}:{SCANNER_VERSION}:{config.digest()}"
        return hashlib.sha256(material.encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.cache_dir / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> list[Finding] | None:
        """Cached findings re-addressed to ``path``, or None on a miss or a damaged entry."""
        entry = self._entry(key)
        try:
            text = entry.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.stats.misses += 1
            return None
        except (OSError, UnicodeDecodeError):
            self.stats.corrupt += 1
            return None
        try:
            found = _decode(text, path)
        except (ValueError, TypeError):  # JSONDecodeError is a ValueError
            found = None
        if found is None:
            self.stats.corrupt += 1
            return None
        self.stats.hits += 1
        return found

    def put(self, key: str, findings: list[Finding]) -> None:
        entry = self._entry(key)
        tmp_name: str | None = None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=entry.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(_encode(findings))
            os.replace(tmp_name, entry)  # readers see the old entry or the new one, never half
            tmp_name = None
        except OSError:
            self.stats.write_errors += 1
        finally:
            if tmp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)


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
    key = cache.key(sha, config)
    found = cache.get(key, rel_path)
    if found is not None:
        return found
    found = scan_attachment(abs_path, rel_path, config)
    if not any(f.rule in _NOT_CACHED for f in found):
        cache.put(key, found)
    return found
