"""scan_markdown: one Markdown file, front matter included, findings with line numbers."""

from __future__ import annotations

from ..findings import Finding
from .config import ScanConfig
from .detectors import detect_text
from .hits import hits_to_line_findings
from .web import blank_code, detect_external_links, detect_unsafe_html


def scan_markdown(text: str, path: str, config: ScanConfig) -> list[Finding]:
    """All scanner rules over a Markdown (or HTML) file.

    Personal data, secrecy marks and errata are searched everywhere, code blocks and HTML
    comments included: they are published in the page source too. HTML and link rules skip
    code, which is displayed rather than executed or followed.
    """
    blanked = blank_code(text)
    hits = [
        *detect_text(text, config),
        *detect_unsafe_html(blanked),
        *detect_external_links(blanked, config.allowed_domains),
    ]
    return hits_to_line_findings(hits, text, path)
