"""scan_markdown: the text detectors over one source file, front matter included, with line numbers.

Only personal data, secrecy marks and 错敏词 are looked for here, everywhere in the file (code blocks
and HTML comments included: the repository and a page's source are read too). Whether HTML can run
and where links go is decided on the HTML the site renders (zwgk.core.pagecheck), never on a model of
Markdown: the old regex model disagreed with Python-Markdown and the browser in ways attackers used.
"""

from __future__ import annotations

from ..findings import Finding
from .config import ScanConfig
from .detectors import detect_text
from .hits import hits_to_line_findings


def scan_markdown(text: str, path: str, config: ScanConfig) -> list[Finding]:
    return hits_to_line_findings(detect_text(text, config), text, path)
