"""Does a file *start like markup*? Browsers sniff the first bytes when the server sends no
usable Content-Type (many servers have no MIME type for .wps/.et/.ofd…, or send
``application/octet-stream`` / ``text/plain`` without ``nosniff``), so an attachment named
``.pdf`` or ``.png`` whose bytes are HTML/SVG/XML can still run script on the office's domain.

We refuse the whole class: after BOMs, NULs and whitespace, a ``<`` followed by an ASCII letter,
``!``, ``?`` or ``/`` (a tag, doctype, comment, processing instruction or end tag). This is a
superset of the WHATWG MIME-sniffing HTML/XML patterns (``<html``, ``<script``, ``<!--``,
``<?xml``…). UTF-16 text is decoded first, so a BOM-less UTF-16 ``<svg`` is caught too.
"""

from __future__ import annotations

import re

SNIFF_BYTES = 1024
_MARKUP_START = re.compile(r"<[A-Za-z!?/]")
# Characters a browser (or a lenient parser) skips before the first tag.
_SKIP = " \t\r\n\f\v\x00\ufeff\u200b\u00a0\u3000"


def _texts(head: bytes) -> list[str]:
    """The first bytes read as the encodings a sniffer would try."""
    out = [head.decode("latin-1")]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:64]:
        for codec in ("utf-16-le", "utf-16-be"):
            out.append(head[: len(head) - len(head) % 2].decode(codec, "ignore"))
    if head[:3] == b"\xef\xbb\xbf":
        out.append(head[3:].decode("utf-8", "ignore"))
    if head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        out.append(head.decode("utf-32", "ignore"))
    return out


def markup_start(head: bytes) -> str | None:
    """The markup the file starts with (e.g. ``<svg``), or None when it does not look like markup."""
    for text in _texts(head[:SNIFF_BYTES]):
        # latin-1 shows the UTF-8 BOM as three characters: drop them with the other skippables.
        stripped = text.replace("\xef\xbb\xbf", "").lstrip(_SKIP + "\xef\xbb\xbf\xff\xfe")
        if _MARKUP_START.match(stripped):
            tag = re.match(r"<[!?/]?[A-Za-z0-9:-]{0,20}", stripped)
            return tag.group(0) if tag else stripped[:5]
    return None
