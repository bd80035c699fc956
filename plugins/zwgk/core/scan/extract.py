"""What a format reader returns, and how it says a file cannot be read."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding
from .hits import Segment


class Unreadable(Exception):  # named as a verdict: raise Unreadable(reason, fix)
    """The file cannot be parsed; ``reason`` says why, ``fix`` tells the clerk what to do."""

    def __init__(self, reason: str, fix: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fix = fix


class TooLarge(Unreadable):
    """Reading the file would exceed a work limit (zip bomb, too many parts or revisions)."""


@dataclass(frozen=True)
class Extraction:
    segments: list[Segment] = field(default_factory=list)
    # Findings the reader itself makes (GPS in EXIF, a page that failed, no text layer).
    findings: list[Finding] = field(default_factory=list)
