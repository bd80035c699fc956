"""The text detectors every format shares (Markdown, PDF pages, cells, document properties)."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding
from .config import ScanConfig
from .hits import Hit, Segment, hits_to_segment_findings, join_segments
from .privacy import detect_privacy
from .secrecy import detect_secrecy
from .wording import detect_errata


def detect_text(text: str, config: ScanConfig) -> list[Hit]:
    """privacy.* + secrecy.mark + wording.errata over one string."""
    return [
        *detect_privacy(text),
        *detect_secrecy(text),
        *detect_errata(text, config.errata, config.errata_notes),
    ]


def scan_segments(segments: Sequence[Segment], rel_path: str, config: ScanConfig) -> list[Finding]:
    """Scan extracted pieces in one pass over their concatenation, then place each hit."""
    segments = [s for s in segments if s.text.strip()]
    if not segments:
        return []
    joined, offsets = join_segments(segments)
    return hits_to_segment_findings(detect_text(joined, config), segments, offsets, rel_path)
