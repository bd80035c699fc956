"""Canonical text for detection: the characters the public reads, with hiding tricks removed.

A browser (or a PDF viewer, a spreadsheet) shows ``１３８\u200b1234\u00a05678`` as a phone number.
The detectors therefore look at a *canonical* copy of every text, built by classes of characters
rather than by listed examples:

* **invisible** characters are removed: Unicode category Cf (zero-width space/joiners, soft
  hyphen, bidi controls, word joiner, BOM, tag characters…), every Default_Ignorable_Code_Point
  that is not Cf (combining grapheme joiner, Hangul fillers, variation selectors, Mongolian
  free variation selectors…), and control characters other than tab and line breaks;
* **NFKC**: full-width and mathematical digits, circled digits, ``Ｘ``, compatibility
  ideographs and ``＊`` become their plain forms, and every width of space becomes U+0020;
* **enclosed numbers** that NFKC turns into ``(1)`` or ``1.`` (``⑴``, ``⒈``, ``🄂``) become bare
  digits, and the spaces NFKC leaves alone (U+1680, the blank braille cell U+2800) become U+0020;
* **decimal digits of every script** (Unicode category Nd: Arabic-Indic, Devanagari…) become ASCII.

The character classes are derived from :mod:`unicodedata` by :func:`derive_tables` and stored
here as literals, because deriving them scans all 1.1 million code points (~0.6 s) — too slow
for every ``zwgk`` start. ``tests/test_scan_canon.py`` re-derives them and fails when the
literals fall behind the running Python's Unicode version.

Detection runs on :func:`canonical` (fast: one C-level pass per step, nothing for ASCII). Only
a text that produced a hit pays for :func:`canonical_with_map`, which says which original
character every canonical character came from, so a hit is reported at its place in the
original string (line numbers stay right).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache

from .hits import Hit

# --- derived character classes (derive_tables(); Unicode 14.0 = Python 3.11) -----------------------
# (first, last) code point ranges. The test re-derives them; run it after a Python upgrade.

# Cf + Default_Ignorable_Code_Point + Cc except tab and line breaks (\t \n \v \f \r U+0085).
_INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0008), (0x000E, 0x001F), (0x007F, 0x0084), (0x0086, 0x009F), (0x00AD, 0x00AD),
    (0x034F, 0x034F), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
# Name holds the word STAR(S), ASTERISK(S), ASTERISM, PENTAGRAM or SPARKLE(S) — ★ ☆ ⭐ ✭ ✱ ∗ 🌟 …
# plus what stands in for ★ when a font or IME lacks it: ※ (reference mark), × ✕ ✖ ⨯ ╳ ⨉.
_STARS_RANGES: tuple[tuple[int, int], ...] = (
    (0x002A, 0x002A), (0x00D7, 0x00D7), (0x0359, 0x0359), (0x066D, 0x066D), (0x203B, 0x203B),
    (0x2042, 0x2042), (0x204E, 0x204E), (0x2051, 0x2051), (0x20F0, 0x20F0), (0x2217, 0x2217),
    (0x225B, 0x225B), (0x229B, 0x229B), (0x22C6, 0x22C6), (0x235F, 0x235F), (0x2363, 0x2363),
    (0x2573, 0x2573), (0x2605, 0x2606), (0x262A, 0x262A), (0x269D, 0x269D), (0x26E4, 0x26E7),
    (0x2715, 0x2716), (0x2721, 0x273D), (0x2742, 0x2743), (0x2747, 0x274B), (0x29C6, 0x29C6),
    (0x2A09, 0x2A09), (0x2A2F, 0x2A2F), (0x2A6E, 0x2A6E), (0x2B50, 0x2B52), (0x2BE8, 0x2BEB),
    (0xA673, 0xA673), (0xFE61, 0xFE61), (0xFF0A, 0xFF0A), (0x10AF0, 0x10AF0), (0x122EC, 0x122EC),
    (0x12394, 0x12394), (0x1F303, 0x1F303), (0x1F31F, 0x1F320), (0x1F52F, 0x1F52F), (0x1F7AF, 0x1F7D4),
    (0x1F929, 0x1F929),
)
# Category Pd in the BMP except the wave dashes (〜 〰 mark ranges: "1〜3"), plus minus signs and
# hyphen bullets — as NFKC leaves them (－ ﹣ are already "-"). No astral code point: one in a
# character class turns the regex engine's bitmap test into a range search on every character.
_DASHES_RANGES: tuple[tuple[int, int], ...] = (
    (0x002D, 0x002D), (0x058A, 0x058A), (0x05BE, 0x05BE), (0x1400, 0x1400), (0x1806, 0x1806),
    (0x2010, 0x2010), (0x2012, 0x2015), (0x2043, 0x2043), (0x2212, 0x2212), (0x2796, 0x2796),
    (0x2E17, 0x2E17), (0x2E1A, 0x2E1A), (0x2E3A, 0x2E3B), (0x2E40, 0x2E40), (0x2E5D, 0x2E5D),
    (0x30A0, 0x30A0),
)
# NFKC turns these into "(1)", "1." or "0,": parenthesized, full-stop and comma digits.
_ENCLOSED_RANGES: tuple[tuple[int, int], ...] = ((0x2474, 0x249B), (0x1F100, 0x1F10A))
# Spaces NFKC leaves alone (category Zs), plus the blank braille cell, which displays as a space.
_SPACES_RANGES: tuple[tuple[int, int], ...] = ((0x1680, 0x1680), (0x2800, 0x2800))
# Every code point canonical() changes: the invisible ones, the compatibility characters whose
# NFKC form holds a letter, digit, ideograph, space, separator, dash or star, the enclosed numbers,
# the spaces above and the decimal digits of other scripts.
_CHANGED_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0008), (0x000E, 0x001F), (0x007F, 0x0084), (0x0086, 0x00A0), (0x00A8, 0x00A8),
    (0x00AA, 0x00AA), (0x00AD, 0x00AD), (0x00AF, 0x00AF), (0x00B2, 0x00B5), (0x00B8, 0x00BA),
    (0x00BC, 0x00BE), (0x0132, 0x0133), (0x013F, 0x0140), (0x0149, 0x0149), (0x017F, 0x017F),
    (0x01C4, 0x01CC), (0x01F1, 0x01F3), (0x02B0, 0x02B8), (0x02D8, 0x02DD), (0x02E0, 0x02E4),
    (0x034F, 0x034F), (0x0374, 0x0374), (0x037A, 0x037A), (0x0384, 0x0385), (0x0387, 0x0387),
    (0x03D0, 0x03D6), (0x03F0, 0x03F2), (0x03F4, 0x03F5), (0x03F9, 0x03F9), (0x0587, 0x0587),
    (0x0600, 0x0605), (0x061C, 0x061C), (0x0660, 0x0669), (0x0675, 0x0678), (0x06DD, 0x06DD),
    (0x06F0, 0x06F9), (0x070F, 0x070F), (0x07C0, 0x07C9), (0x0890, 0x0891), (0x08E2, 0x08E2),
    (0x0958, 0x095F), (0x0966, 0x096F), (0x09DC, 0x09DD), (0x09DF, 0x09DF), (0x09E6, 0x09EF),
    (0x0A33, 0x0A33), (0x0A36, 0x0A36), (0x0A59, 0x0A5B), (0x0A5E, 0x0A5E), (0x0A66, 0x0A6F),
    (0x0AE6, 0x0AEF), (0x0B5C, 0x0B5D), (0x0B66, 0x0B6F), (0x0BE6, 0x0BEF), (0x0C66, 0x0C6F),
    (0x0CE6, 0x0CEF), (0x0D66, 0x0D6F), (0x0DE6, 0x0DEF), (0x0E33, 0x0E33), (0x0E50, 0x0E59),
    (0x0EB3, 0x0EB3), (0x0ED0, 0x0ED9), (0x0EDC, 0x0EDD), (0x0F20, 0x0F29), (0x0F43, 0x0F43),
    (0x0F4D, 0x0F4D), (0x0F52, 0x0F52), (0x0F57, 0x0F57), (0x0F5C, 0x0F5C), (0x0F69, 0x0F69),
    (0x1040, 0x1049), (0x1090, 0x1099), (0x10FC, 0x10FC), (0x115F, 0x1160), (0x1680, 0x1680),
    (0x17B4, 0x17B5), (0x17E0, 0x17E9), (0x180B, 0x1819), (0x1946, 0x194F), (0x19D0, 0x19D9),
    (0x1A80, 0x1A89), (0x1A90, 0x1A99), (0x1B50, 0x1B59), (0x1BB0, 0x1BB9), (0x1C40, 0x1C49),
    (0x1C50, 0x1C59), (0x1D2C, 0x1D2E), (0x1D30, 0x1D3A), (0x1D3C, 0x1D4D), (0x1D4F, 0x1D6A),
    (0x1D78, 0x1D78), (0x1D9B, 0x1DBF), (0x1E9A, 0x1E9B), (0x1F71, 0x1F71), (0x1F73, 0x1F73),
    (0x1F75, 0x1F75), (0x1F77, 0x1F77), (0x1F79, 0x1F79), (0x1F7B, 0x1F7B), (0x1F7D, 0x1F7D),
    (0x1FBB, 0x1FBB), (0x1FBD, 0x1FC1), (0x1FC9, 0x1FC9), (0x1FCB, 0x1FCB), (0x1FCD, 0x1FCF),
    (0x1FD3, 0x1FD3), (0x1FDB, 0x1FDB), (0x1FDD, 0x1FDF), (0x1FE3, 0x1FE3), (0x1FEB, 0x1FEB),
    (0x1FED, 0x1FEE), (0x1FF9, 0x1FF9), (0x1FFB, 0x1FFB), (0x1FFD, 0x1FFE), (0x2000, 0x200F),
    (0x2011, 0x2011), (0x2017, 0x2017), (0x2024, 0x2026), (0x202A, 0x202F), (0x203E, 0x203E),
    (0x205F, 0x2071), (0x2074, 0x2079), (0x207B, 0x207B), (0x207F, 0x2089), (0x208B, 0x208B),
    (0x2090, 0x209C), (0x20A8, 0x20A8), (0x2100, 0x2103), (0x2105, 0x2107), (0x2109, 0x2113),
    (0x2115, 0x2116), (0x2119, 0x211D), (0x2120, 0x2122), (0x2124, 0x2124), (0x2126, 0x2126),
    (0x2128, 0x2128), (0x212A, 0x212D), (0x212F, 0x2131), (0x2133, 0x2139), (0x213B, 0x213F),
    (0x2145, 0x2149), (0x2150, 0x217F), (0x2189, 0x2189), (0x2460, 0x24EA), (0x2800, 0x2800),
    (0x2C7C, 0x2C7D), (0x2D6F, 0x2D6F), (0x2E9F, 0x2E9F), (0x2EF3, 0x2EF3), (0x2F00, 0x2FD5),
    (0x3000, 0x3000), (0x3038, 0x303A), (0x309B, 0x309C), (0x309F, 0x309F), (0x30FF, 0x30FF),
    (0x3131, 0x318E), (0x3192, 0x319F), (0x3200, 0x321E), (0x3220, 0x3247), (0x3250, 0x327E),
    (0x3280, 0x33FF), (0xA620, 0xA629), (0xA69C, 0xA69D), (0xA770, 0xA770), (0xA7F2, 0xA7F4),
    (0xA7F8, 0xA7F9), (0xA8D0, 0xA8D9), (0xA900, 0xA909), (0xA9D0, 0xA9D9), (0xA9F0, 0xA9F9),
    (0xAA50, 0xAA59), (0xAB5C, 0xAB5F), (0xAB69, 0xAB69), (0xABF0, 0xABF9), (0xF900, 0xFA0D),
    (0xFA10, 0xFA10), (0xFA12, 0xFA12), (0xFA15, 0xFA1E), (0xFA20, 0xFA20), (0xFA22, 0xFA22),
    (0xFA25, 0xFA26), (0xFA2A, 0xFA6D), (0xFA70, 0xFAD9), (0xFB00, 0xFB06), (0xFB13, 0xFB17),
    (0xFB1D, 0xFB1D), (0xFB1F, 0xFB28), (0xFB2A, 0xFB36), (0xFB38, 0xFB3C), (0xFB3E, 0xFB3E),
    (0xFB40, 0xFB41), (0xFB43, 0xFB44), (0xFB46, 0xFBB1), (0xFBD3, 0xFD3D), (0xFD50, 0xFD8F),
    (0xFD92, 0xFDC7), (0xFDF0, 0xFDFC), (0xFE00, 0xFE0F), (0xFE11, 0xFE11), (0xFE19, 0xFE19),
    (0xFE30, 0xFE34), (0xFE49, 0xFE4F), (0xFE51, 0xFE52), (0xFE58, 0xFE58), (0xFE61, 0xFE61),
    (0xFE63, 0xFE63), (0xFE70, 0xFE72), (0xFE74, 0xFE74), (0xFE76, 0xFEFC), (0xFEFF, 0xFEFF),
    (0xFF0A, 0xFF0A), (0xFF0D, 0xFF19), (0xFF21, 0xFF3A), (0xFF3F, 0xFF3F), (0xFF41, 0xFF5A),
    (0xFF64, 0xFF9D), (0xFFA0, 0xFFBE), (0xFFC2, 0xFFC7), (0xFFCA, 0xFFCF), (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC), (0xFFE3, 0xFFE3), (0xFFF0, 0xFFFB), (0x104A0, 0x104A9), (0x10781, 0x10785),
    (0x10787, 0x107B0), (0x107B2, 0x107BA), (0x10D30, 0x10D39), (0x11066, 0x1106F), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x110F0, 0x110F9), (0x11136, 0x1113F), (0x111D0, 0x111D9), (0x112F0, 0x112F9),
    (0x11450, 0x11459), (0x114D0, 0x114D9), (0x11650, 0x11659), (0x116C0, 0x116C9), (0x11730, 0x11739),
    (0x118E0, 0x118E9), (0x11950, 0x11959), (0x11C50, 0x11C59), (0x11D50, 0x11D59), (0x11DA0, 0x11DA9),
    (0x13430, 0x13438), (0x16A60, 0x16A69), (0x16AC0, 0x16AC9), (0x16B50, 0x16B59), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0x1D400, 0x1D454), (0x1D456, 0x1D49C), (0x1D49E, 0x1D49F), (0x1D4A2, 0x1D4A2),
    (0x1D4A5, 0x1D4A6), (0x1D4A9, 0x1D4AC), (0x1D4AE, 0x1D4B9), (0x1D4BB, 0x1D4BB), (0x1D4BD, 0x1D4C3),
    (0x1D4C5, 0x1D505), (0x1D507, 0x1D50A), (0x1D50D, 0x1D514), (0x1D516, 0x1D51C), (0x1D51E, 0x1D539),
    (0x1D53B, 0x1D53E), (0x1D540, 0x1D544), (0x1D546, 0x1D546), (0x1D54A, 0x1D550), (0x1D552, 0x1D6A5),
    (0x1D6A8, 0x1D6C0), (0x1D6C2, 0x1D6DA), (0x1D6DC, 0x1D6FA), (0x1D6FC, 0x1D714), (0x1D716, 0x1D734),
    (0x1D736, 0x1D74E), (0x1D750, 0x1D76E), (0x1D770, 0x1D788), (0x1D78A, 0x1D7A8), (0x1D7AA, 0x1D7C2),
    (0x1D7C4, 0x1D7CB), (0x1D7CE, 0x1D7FF), (0x1E140, 0x1E149), (0x1E2F0, 0x1E2F9), (0x1E950, 0x1E959),
    (0x1EE00, 0x1EE03), (0x1EE05, 0x1EE1F), (0x1EE21, 0x1EE22), (0x1EE24, 0x1EE24), (0x1EE27, 0x1EE27),
    (0x1EE29, 0x1EE32), (0x1EE34, 0x1EE37), (0x1EE39, 0x1EE39), (0x1EE3B, 0x1EE3B), (0x1EE42, 0x1EE42),
    (0x1EE47, 0x1EE47), (0x1EE49, 0x1EE49), (0x1EE4B, 0x1EE4B), (0x1EE4D, 0x1EE4F), (0x1EE51, 0x1EE52),
    (0x1EE54, 0x1EE54), (0x1EE57, 0x1EE57), (0x1EE59, 0x1EE59), (0x1EE5B, 0x1EE5B), (0x1EE5D, 0x1EE5D),
    (0x1EE5F, 0x1EE5F), (0x1EE61, 0x1EE62), (0x1EE64, 0x1EE64), (0x1EE67, 0x1EE6A), (0x1EE6C, 0x1EE72),
    (0x1EE74, 0x1EE77), (0x1EE79, 0x1EE7C), (0x1EE7E, 0x1EE7E), (0x1EE80, 0x1EE89), (0x1EE8B, 0x1EE9B),
    (0x1EEA1, 0x1EEA3), (0x1EEA5, 0x1EEA9), (0x1EEAB, 0x1EEBB), (0x1F100, 0x1F10A), (0x1F110, 0x1F12E),
    (0x1F130, 0x1F14F), (0x1F16A, 0x1F16C), (0x1F190, 0x1F190), (0x1F200, 0x1F202), (0x1F210, 0x1F23B),
    (0x1F240, 0x1F248), (0x1F250, 0x1F251), (0x1FBF0, 0x1FBF9), (0x2F800, 0x2FA1D), (0xE0000, 0xE0FFF),
)

# Characters (besides the dashes) that may sit between two digit groups of one number, as they
# are after NFKC (＿ ／ ． ･ became _ / . ・). Not: ',' (thousands, lists), ':' (times), '~' and
# wave dashes (ranges), '。' (sentence end), line breaks (table cells, list items).
SEPARATOR_CHARS = " \t._/、·・‧∙⋅•⁄∕"

_WORDS = frozenset({"STAR", "STARS", "ASTERISK", "ASTERISKS", "ASTERISM", "PENTAGRAM", "SPARKLE", "SPARKLES"})
_STAR_EXTRAS = "\u203b\u00d7\u2715\u2716\u2a2f\u2573\u2a09"  # ※ × ✕ ✖ ⨯ ╳ ⨉
_WAVE_DASHES = "\u301c\u3030"
_DASH_EXTRAS = "\u2212\u2043\u2796"  # − ⁃ ➖
_ENCLOSED_SHAPE = re.compile(r"\(?([0-9]+)\)?[.,]?")


def derive_tables() -> dict[str, list[int]]:
    """Compute every character class of this module from :mod:`unicodedata` (slow: tests only)."""
    invisible: list[int] = []
    stars: list[int] = []
    dashes: set[int] = set()
    enclosed: list[int] = []
    spaces: list[int] = [0x2800]
    compat: list[tuple[int, str]] = []
    digits: list[int] = []
    for cp in range(0x110000):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat == "Cf" or (cat == "Cc" and ch not in "\t\n\v\f\r\x85") or _default_ignorable(cp):
            invisible.append(cp)
            continue
        words = set(unicodedata.name(ch, "").replace("-", " ").split())
        if words & _WORDS or ch in _STAR_EXTRAS:
            stars.append(cp)
        nfkc = unicodedata.normalize("NFKC", ch)
        if (cat == "Pd" and ch not in _WAVE_DASHES and cp < 0x10000) or ch in _DASH_EXTRAS:
            dashes.update(ord(c) for c in nfkc)
        if cp > 0x7F and not nfkc.isdigit():
            m = _ENCLOSED_SHAPE.fullmatch(nfkc)
            if m and m.group(0) != m.group(1):
                enclosed.append(cp)
        if cat == "Zs" and nfkc != " ":
            spaces.append(cp)
        if nfkc != ch:
            compat.append((cp, nfkc))
        elif cat == "Nd" and cp > 0x7F:
            digits.append(cp)
    # A compatibility character matters when its NFKC form has something a detector reads: a
    # letter, digit or ideograph, a space, a separator, a dash or a star. Full-width ，：（） do not
    # (they would send nearly every Chinese text down the slow path for nothing).
    keep = set(SEPARATOR_CHARS) | {chr(cp) for cp in dashes} | {chr(cp) for cp in stars}
    relevant = [cp for cp, nfkc in compat if any(c.isalnum() or c.isspace() or c in keep for c in nfkc)]
    changed = sorted(set(invisible) | set(relevant) | set(digits) | set(spaces) | set(enclosed))
    return {"invisible": invisible, "stars": stars, "dashes": sorted(dashes), "enclosed": enclosed,
            "spaces": sorted(spaces), "changed": changed}


def _default_ignorable(cp: int) -> bool:
    # DerivedCoreProperties.txt Default_Ignorable_Code_Point, the ranges that are not Cf.
    return (
        cp in (0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0)
        or 0x180B <= cp <= 0x180F or 0x2060 <= cp <= 0x206F or 0xFE00 <= cp <= 0xFE0F
        or 0xFFF0 <= cp <= 0xFFF8 or 0x1D173 <= cp <= 0x1D17A or 0xE0000 <= cp <= 0xE0FFF
    )


def code_points(ranges: Iterable[tuple[int, int]]) -> list[int]:
    return [cp for first, last in ranges for cp in range(first, last + 1)]


def char_class(ranges: Iterable[tuple[int, int]]) -> str:
    """The body of a regex character class (``[...]`` without the brackets) for ``ranges``."""
    return "".join(
        re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}"
        for first, last in ranges
    )


# --- the classes the detectors use (all on canonical text) ---------------------------------------

STARS = char_class(_STARS_RANGES)
"""Regex class body: every star-like character, ``*`` included."""
STRONG_STARS = char_class(r for r in _STARS_RANGES if r != (0x2A, 0x2A))
"""Regex class body: every star-like character except ``*``, which is also Markdown emphasis."""
DASHES = char_class(_DASHES_RANGES)
"""Regex class body: every hyphen, dash and minus sign that survives NFKC."""
SEPARATORS = re.escape(SEPARATOR_CHARS) + DASHES
"""Regex class body: what may stand between two digit groups of one number."""

_INVISIBLE_RE = re.compile(f"[{char_class(_INVISIBLE_RANGES)}]")
_ENCLOSED = {
    chr(cp): m.group(1)
    for cp in code_points(_ENCLOSED_RANGES)
    if (m := _ENCLOSED_SHAPE.fullmatch(unicodedata.normalize("NFKC", chr(cp))))
}
_SPACES = {chr(cp): " " for cp in code_points(_SPACES_RANGES)}
_SPECIAL = {**_ENCLOSED, **_SPACES}
# A character class with astral ranges is tested range by range on every character (4x slower
# than the BMP bitmap), so: one search for "a BMP character to change, or any astral character",
# and the full class only for the texts that hold an astral character.
_BMP_CHANGED = char_class(r for r in _CHANGED_RANGES if r[1] <= 0xFFFF)
_CHANGED_BMP_RE = re.compile(f"[{_BMP_CHANGED}]")
_TRIGGER_RE = re.compile(f"[{_BMP_CHANGED}\U00010000-\U0010ffff]")
_CHANGED_RE = re.compile(f"[{char_class(_CHANGED_RANGES)}]")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
# Python's Unicode \d is exactly category Nd.
_NON_ASCII_DIGIT_RE = re.compile(r"(?![0-9])\d")


def _digit(m: re.Match[str]) -> str:
    return str(unicodedata.digit(m.group(0)))


@cache  # bounded: only characters of _CHANGED_RANGES reach it
def _canon_char(ch: str) -> str:
    if _INVISIBLE_RE.match(ch):
        return ""
    special = _SPECIAL.get(ch)
    if special is not None:
        return special
    out = unicodedata.normalize("NFKC", ch)
    return out if out.isascii() else _NON_ASCII_DIGIT_RE.sub(_digit, out)


def _replace(m: re.Match[str]) -> str:
    return _canon_char(m.group())


def _changed_re(text: str, start: int = 0) -> re.Pattern[str]:
    return _CHANGED_RE if _ASTRAL_RE.search(text, start) else _CHANGED_BMP_RE


def canonical(text: str) -> str:
    """The text detectors read: invisible characters removed, NFKC, enclosed and foreign digits
    made ASCII. A text with nothing to change is returned as is (the same object)."""
    first = _TRIGGER_RE.search(text)
    if first is None:
        return text
    return _changed_re(text, first.start()).sub(_replace, text)


def canonical_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`canonical` and, for each of its characters, the index of the original character it
    came from: a span ``[s, e)`` of the canonical text is ``text[src[s] : src[e - 1] + 1]``."""
    out: list[str] = []
    src: list[int] = []
    prev = 0
    for m in _changed_re(text).finditer(text):
        i = m.start()
        if i > prev:
            out.append(text[prev:i])
            src.extend(range(prev, i))
        canon = _canon_char(m.group())
        out.append(canon)
        src.extend([i] * len(canon))
        prev = i + 1
    out.append(text[prev:])
    src.extend(range(prev, len(text)))
    return "".join(out), src


def detect_mapped(text: str, detector: Callable[[str], list[Hit]]) -> list[Hit]:
    """Run ``detector`` on the canonical form of ``text``; return its hits with spans in ``text``.

    The offset map is only built when canonicalisation changed the text *and* something was
    found — most texts pay for one regex search.
    """
    canon = canonical(text)
    hits = detector(canon)
    if not hits or canon is text:
        return hits
    _, src = canonical_with_map(text)
    return [dataclasses.replace(h, start=src[h.start], end=src[h.end - 1] + 1) for h in hits]
