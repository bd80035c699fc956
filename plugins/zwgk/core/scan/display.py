"""Text a spreadsheet shows that the file does not store as such: number formats and joined strings.

Both give *additional* text to scan next to what is stored (a false alarm can be waived, a
missed phone number cannot be recalled):

* :func:`format_number` / :func:`format_text` — a custom number format adds literal text to a
  value: ``12345673`` with ``"151"0`` displays ``15112345673``, ``110105194912310`` with
  ``0"02X"`` displays an 18-digit ID number. Only the first section of the format is applied
  (the text section for text), and only what is needed to see the digits: literal text
  (``"…"``, ``\\x``, ``[$…-804]`` and any character that is not a code), digit placeholders
  ``0 # ?`` (filled right to left with the integer part; extra leading digits go into the
  leftmost one), a decimal point with its fraction placeholders, ``%``, ``General`` and ``@``.
  ``[colour]``/``[condition]``, ``_x``, ``*x`` and commas are ignored. Dates, times,
  fractions and scientific notation are not formatted (None: the value alone is scanned).
* :func:`joined` — a formula with no cached value (or a CSV cell Excel turns into a formula)
  shows the joined string: ``"1521234"&"5674"`` and ``CONCATENATE("152","12345674")`` read as
  one number once the quote-ampersand-quote and the separators between arguments are removed.
  Line breaks are kept, so line numbers of a CSV/TXT file stay right.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

_Token = tuple[str, str]  # (kind, text): lit, ph (0 # ?), dot, general, at
_DATE_CODES = frozenset("yYmMdDhHsSaAbBgGeEnN")
_ELAPSED = re.compile(r"^(?:h+|m+|s+)$", re.I)
_MAX_DIGITS = 30  # a value beyond this is not a number anyone reads digit by digit


def sections(code: str) -> list[str]:
    """The ``;``-separated sections of a format code (quotes, escapes and brackets respected)."""
    out, start, i = [], 0, 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            i = len(code) if end < 0 else end + 1
            continue
        if ch in "\\_*":
            i += 2
            continue
        if ch == "[":
            end = code.find("]", i + 1)
            i = len(code) if end < 0 else end + 1
            continue
        if ch == ";":
            out.append(code[start:i])
            start = i + 1
        i += 1
    out.append(code[start:])
    return out


@lru_cache(maxsize=512)
def _tokens(section: str) -> tuple[_Token, ...] | None:
    """The tokens of one section, or None for a format this module does not apply."""
    tokens: list[_Token] = []
    i, seen_dot = 0, False
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            tokens.append(("lit", section[i + 1:end]))
            i = end + 1
            continue
        if ch == "\\":
            tokens.append(("lit", section[i + 1:i + 2]))
            i += 2
            continue
        if ch in "_*":  # _x: a space as wide as x; *x: fill with x — neither adds a character that matters
            i += 2
            continue
        if ch == "[":
            end = section.find("]", i + 1)
            end = len(section) if end < 0 else end
            inner = section[i + 1:end]
            if _ELAPSED.match(inner):
                return None  # [h]:mm elapsed time
            if inner.startswith("$"):  # [$¥-804]: a currency or text literal before the locale
                tokens.append(("lit", inner[1:].split("-", 1)[0]))
            i = end + 1  # [Red], [>100], [DBNum1], [$-804]: no text of their own
            continue
        if section[i:i + 7].lower() == "general":
            tokens.append(("general", ""))
            i += 7
            continue
        if ch in "0#?":
            tokens.append(("ph", ch))
        elif ch == "." and not seen_dot:
            seen_dot = True
            tokens.append(("dot", "."))
        elif ch == "%":
            tokens.append(("pct", "%"))
        elif ch == "@":
            tokens.append(("at", ""))
        elif ch in "Ee" and section[i + 1:i + 2] in ("+", "-"):
            return None  # scientific
        elif ch == "/" and any(k == "ph" for k, _ in tokens[-2:]):
            return None  # fraction (# ?/?)
        elif ch in _DATE_CODES:
            return None  # dates, times, AM/PM
        elif ch != ",":  # thousands separator / scaling: ignored
            tokens.append(("lit", ch))
        i += 1
    return tuple(tokens)


def _plain(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def format_number(raw: str, code: str, general: str | None = None) -> str | None:
    """The text the first section of ``code`` displays for the stored number ``raw``
    (None when the format is not understood or there is nothing to format)."""
    tokens = _tokens(sections(code)[0])
    if tokens is None or any(k == "at" for k, _ in tokens):
        return None
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value) >= Decimal(10) ** _MAX_DIGITS:
        return None
    sign = "-" if value < 0 else ""
    value = abs(value) * (100 ** sum(1 for k, _ in tokens if k == "pct"))
    dot = next((n for n, (k, _) in enumerate(tokens) if k == "dot"), len(tokens))
    int_ph = [n for n, (k, _) in enumerate(tokens) if k == "ph" and n < dot]
    frac_ph = [n for n, (k, _) in enumerate(tokens) if k == "ph" and n > dot]
    rounded = value.quantize(Decimal(1).scaleb(-len(frac_ph)), rounding=ROUND_HALF_UP)
    whole, _, frac = format(rounded, "f").partition(".")
    digits = whole.lstrip("0")
    out = {n: text for n, (k, text) in enumerate(tokens) if k in ("lit", "pct", "dot")}
    for n in reversed(int_ph):  # right to left; the leftmost placeholder takes what is left
        digit, digits = digits[-1:], digits[:-1]
        out[n] = digit or {"0": "0", "#": "", "?": " "}[tokens[n][1]]
    if int_ph:
        out[int_ph[0]] = digits + out[int_ph[0]]
    elif digits and dot < len(tokens):
        out[dot] = digits + "."
    frac = frac.ljust(len(frac_ph), "0")
    for j, n in enumerate(frac_ph):
        trailing = frac[j:].strip("0") == ""
        out[n] = frac[j] if not (trailing and tokens[n][1] != "0") else {"#": "", "?": " "}[tokens[n][1]]
    for n, (k, _) in enumerate(tokens):
        if k == "general":
            out[n] = general if general is not None else _plain(value)
    return sign + "".join(out.get(n, "") for n in range(len(tokens)))


def format_text(text: str, code: str) -> str | None:
    """What a text cell displays under ``code``: its text section (the fourth, or a single
    section holding ``@``) with ``@`` replaced by the text; None when there is none."""
    parts = sections(code)
    if len(parts) >= 4:
        section = parts[3]
    elif len(parts) == 1 and "@" in parts[0]:
        section = parts[0]
    else:
        return None
    out: list[str] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            out.append(section[i + 1:end])
            i = end + 1
            continue
        if ch == "\\":
            out.append(section[i + 1:i + 2])
        elif ch == "[":
            end = section.find("]", i + 1)
            i = len(section) if end < 0 else end + 1
            continue
        elif ch in "_*":
            i += 1
        elif ch == "@":
            out.append(text)
        else:
            out.append(ch)
        i += 2 if ch == "\\" else 1
    return "".join(out)


# "152"&"1234", 152&1234, ""152""&""1234"" (CSV quoting): the join between two digits.
_AMPERSAND = re.compile(r'(?<=[0-9])"*[ \t]*&[ \t]*"*(?=[0-9])|"+[ \t]*&[ \t]*"+')
_CONCAT = re.compile(r"(?i)\b((?:_xlfn\.)?(?:CONCATENATE|CONCAT))[ \t]*\(([^()\n]*)\)")
_ARG_SEPARATOR = re.compile(r'"*[ \t]*[,;][ \t]*"*')


def joined(text: str) -> str:
    """``text`` with string-concatenation syntax removed (the same text when there is none)."""
    if "&" not in text and "concat" not in text.lower():
        return text
    text = _AMPERSAND.sub("", text)
    return _CONCAT.sub(lambda m: f"{m.group(1)}({_ARG_SEPARATOR.sub('', m.group(2))})", text)
