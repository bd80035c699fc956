"""Mask personal numbers in any text a finding prints (ID, mobile and bank-card numbers).

Every :class:`~zwgk.core.findings.Finding` passes its message, hint, location and field through
:func:`mask_text` when it is created, so no rule can echo a number it quotes from an author's
file (an ID number typed into ``index_no``, a phone number in ``division``, a date field, a
column name). Findings end up in CI logs and PR comments, which are wider audiences than the
draft itself.

Class, not list: a *number-like run* is a sequence of decimal digits of any script (ASCII,
full-width ``１３８``, Arabic-Indic, mathematical digits — anything Unicode calls a decimal
digit), optionally ending in ``X`` (ID check character), where neighbouring digit groups may be
joined by any number of separator characters (spaces of any width, hyphens and dashes, dots,
underscores, middle dots, zero-width characters: ``6222 – 0212 – 3456 – 7890`` is one number). A run with 11 or more digits is masked: that
covers mobile numbers (11, or 13 with ``+86``), ID numbers (15/18), bank cards (12–19) however
they are grouped. Shorter runs (dates, counts, index serials) stay readable.

Two exceptions keep findings useful without opening a hole:
- a run made only of whitespace-separated dates (``2026-03-05 2026-03-06``) is not masked — a
  date token needs explicit separators at fixed places, which no grouping of an ID, phone or card
  number produces by accident;
- the hint keeps *one* scanner fingerprint (``fingerprint: <12 hex>``, the last one, as
  :func:`zwgk.core.scan.fingerprint.exception_hint` writes it) so a reviewer can register an
  exception; every other fingerprint-looking text is masked like anything else, so an author
  cannot smuggle digits through by typing ``fingerprint:`` repeatedly.
"""

from __future__ import annotations

import re
import unicodedata

MIN_DIGITS = 11
FINGERPRINT_RE = re.compile(r"fingerprint: [0-9a-f]{12}(?![0-9A-Za-z])")

# Characters that may sit between digit groups of one number. ':' and ',' are deliberately not
# separators: times (23:30:00) and lists (2026-10-01, 2026-10-07) must stay readable.
_SEPARATORS = (
    " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"  # hyphens, dashes, minus signs
    ".\uff0e\u3002_\uff3f\u00b7\u30fb\u2022"  # dots, underscores, middle dots, bullets
    "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen and zero-width characters
)
_X = "Xx\uff38\uff58"  # ID check character, ASCII and full-width
_SEP_CLASS = "[" + re.escape(_SEPARATORS) + "]"
# Applied to a digit-normalised copy (every decimal digit -> ASCII, same length), so indices match
# the original text. Linear: a separator stretch is retried at most once when no digit follows.
_RUN = re.compile(rf"(?<![0-9])[0-9](?:{_SEP_CLASS}*[0-9])*(?:{_SEP_CLASS}*[{re.escape(_X)}])?(?![0-9])")
_DATE = r"(?:19|20|21)\d\d([-./])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])"
_DATES_ONLY = re.compile(rf"{_DATE}(?:\s+{_DATE})*")
_ANY_DIGIT = re.compile(r"\d")


def _ascii_digits(text: str) -> str:
    """Same-length copy with every Unicode decimal digit replaced by its ASCII digit."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if "0" <= ch <= "9" or ch.isascii():
            out.append(ch)
        else:
            value = unicodedata.decimal(ch, None)
            out.append(str(value) if value is not None else ch)
    return "".join(out)


def mask_number(compact: str) -> str:
    """``138****5678``, ``110105**********2X``, ``6222*********1234`` (separators already removed).

    What stays visible follows common practice in Chinese public notices (手机号 前3后4, 身份证
    前6后2, 银行卡 前4后4) and matches :func:`zwgk.core.scan.fingerprint.mask`.
    """
    n = len(compact)
    if n < 8:
        return "*" * n
    if n == 11:
        head, tail = 3, 4
    elif n in (15, 18):
        head, tail = 6, 2
    elif n >= 12:
        head, tail = 4, 4
    else:
        head, tail = 2, 2
    return compact[:head] + "*" * (n - head - tail) + compact[n - tail:]


def _mask_runs(text: str) -> str:
    norm = _ascii_digits(text)
    out: list[str] = []
    pos = 0
    for m in _RUN.finditer(norm):
        run = m.group(0)
        digits = sum(1 for c in run if "0" <= c <= "9")
        if digits < MIN_DIGITS or _DATES_ONLY.fullmatch(run):
            continue
        compact = "".join(c for c in run if "0" <= c <= "9" or c in _X).upper().replace("\uff38", "X")
        out.append(text[pos:m.start()])
        out.append(mask_number(compact))
        pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def mask_text(text: str, *, keep_fingerprint: bool = False) -> str:
    """``text`` with every number-like run of 11+ digits masked.

    ``keep_fingerprint``: keep the last ``fingerprint: <12 hex>`` intact (hints of scanner
    findings); every other occurrence is masked.
    """
    if not text or not _ANY_DIGIT.search(text):
        return text
    if keep_fingerprint:
        found = list(FINGERPRINT_RE.finditer(text))
        if found:
            last = found[-1]
            # The kept fingerprint is a boundary: runs on either side are masked independently,
            # and digits glued to it (no separator) are excluded by the pattern's lookahead.
            return _mask_runs(text[:last.start()]) + last.group(0) + _mask_runs(text[last.end():])
    return _mask_runs(text)


def contains_unmasked(text: str) -> bool:
    """True when ``text`` still holds a number-like run that :func:`mask_text` would mask (tests)."""
    return mask_text(text) != text
