"""The text detectors every format shares (Markdown, PDF pages, cells, document properties)."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding
from .canon import detect_mapped
from .config import ScanConfig
from .hits import Hit, Segment, hits_to_segment_findings, join_segments
from .privacy import find_privacy
from .secrecy import find_secrecy
from .wording import find_errata


def detect_text(text: str, config: ScanConfig, *, errata: bool = True) -> list[Hit]:
    """privacy.* + secrecy.mark (+ wording.errata unless ``errata=False``) over one string, spans in ``text``.

    The string is canonicalised once (:mod:`.canon`) for all three detectors; the offset map
    back to ``text`` is only built when something was found.
    """
    def find_all(canon: str) -> list[Hit]:
        return [
            *find_privacy(canon),
            *find_secrecy(canon),
            *(find_errata(canon, config.errata, config.errata_notes) if errata else ()),
        ]

    return detect_mapped(text, find_all)


def scan_segments(segments: Sequence[Segment], rel_path: str, config: ScanConfig, *,
                  errata: bool = True) -> list[Finding]:
    """Scan extracted pieces in one pass over their concatenation, then place each hit
    (``errata=False``: personal data and secrecy marks only, as :func:`detect_text`)."""
    segments = [s for s in segments if s.text.strip()]
    if not segments:
        return []
    joined, offsets = join_segments(segments)
    return hits_to_segment_findings(detect_text(joined, config, errata=errata), segments, offsets, rel_path)
