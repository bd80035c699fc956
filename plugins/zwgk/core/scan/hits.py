"""Detector output before it is placed: a Hit is a span of text; a Finding names a place.

Detectors only see strings. The caller knows whether a string is a Markdown file (→ ``line``),
a PDF page or a spreadsheet cell (→ ``location``), so detectors stay format-agnostic and every
format is scanned by the same code.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..findings import Finding, finding
from ..masking import mask_text


@dataclass(frozen=True)
class Hit:
    rule: str
    start: int
    end: int
    message: str
    hint: str


@dataclass(frozen=True)
class Segment:
    """A piece of extracted text and where it came from (``第3页``, ``Sheet1!B4``…)."""

    location: str
    text: str
    note: str = ""  # appended to messages, e.g. "（隐藏工作表）"


def redact(text: str) -> str:
    """Kept for callers; every Finding is masked centrally (zwgk.core.masking) anyway."""
    return mask_text(text, keep_fingerprint=True)


def _finding(
    hit: Hit, path: str, *, line: int | None = None, location: str | None = None, note: str = ""
) -> Finding:
    return finding(
        hit.rule, path, redact(hit.message + note), redact(hit.hint), line=line,
        location=redact(location) if location else None,
    )


def line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def hits_to_line_findings(hits: Iterable[Hit], text: str, path: str) -> list[Finding]:
    """Findings with 1-based line numbers of ``text`` (a whole file)."""
    starts = line_starts(text)
    found = (
        _finding(h, path, line=bisect.bisect_right(starts, h.start))
        for h in sorted(hits, key=lambda h: (h.start, h.rule))
    )
    return list(dict.fromkeys(found))  # same value twice on one line → one finding


# Segments are joined with a newline: no detector pattern spans a newline, but the bank-card
# context window ("账号" in the header cell left of the number) may, which is what we want.
JOINER = "\n"


def join_segments(segments: Sequence[Segment]) -> tuple[str, list[int]]:
    offsets: list[int] = []
    pos = 0
    for seg in segments:
        offsets.append(pos)
        pos += len(seg.text) + len(JOINER)
    return JOINER.join(seg.text for seg in segments), offsets


def hits_to_segment_findings(
    hits: Iterable[Hit], segments: Sequence[Segment], offsets: Sequence[int], path: str
) -> list[Finding]:
    found = []
    for h in sorted(hits, key=lambda h: (h.start, h.rule)):
        seg = segments[bisect.bisect_right(offsets, h.start) - 1]
        found.append(_finding(h, path, location=seg.location, note=seg.note))
    return list(dict.fromkeys(found))
