"""Check-digit validators: they are what keeps the false-positive rate low.

A random 18-digit run is accepted as a 居民身份证号 only with ~1/11 chance and only if it
also holds a real birth date, and a bank card number must pass Luhn, so order numbers,
文号 and dates are not reported.
"""

from __future__ import annotations

import datetime as dt

# GB 11643-1999: weights 2^(17-i) mod 11 and the check-character table.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of real area codes (GB/T 2260 provinces, 71 台湾, 81 香港, 82 澳门, 83 台湾居民居住证).
PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82", "83",
})

# GB 32100-2015 统一社会信用代码: 31 characters (no I O Z S V), weights 3^i mod 31.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {ch: i for i, ch in enumerate(_USCC_CHARS)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714-1997 组织机构代码 (characters 9-17 of a USCC) has its own check character.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def valid_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def id18_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def is_id18(value: str) -> bool:
    """A valid 18-character 居民身份证号 (lower-case x accepted)."""
    if len(value) != 18 or not value[:17].isascii() or not value[:17].isdigit():
        return False
    if value[:2] not in PROVINCES:
        return False
    year, month, day = int(value[6:10]), int(value[10:12]), int(value[12:14])
    if not 1900 <= year <= 2099 or not valid_date(year, month, day):
        return False
    return id18_check_char(value[:17]) == value[17].upper()


def is_id15(value: str) -> bool:
    """A plausible old 15-digit ID (no check digit: area + YYMMDD + 3 digits)."""
    if len(value) != 15 or not value.isascii() or not value.isdigit() or value[:2] not in PROVINCES:
        return False
    return valid_date(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_uscc(value: str) -> bool:
    """A valid 统一社会信用代码, including the nested 组织机构代码 check character.

    Both checks together make it very unlikely (~1/341) that a personal ID number is
    mistaken for an organisation code.
    """
    value = value.upper()
    if len(value) != 18 or any(ch not in _USCC_VALUE for ch in value):
        return False
    total = sum(_USCC_VALUE[ch] * w for ch, w in zip(value[:17], _USCC_WEIGHTS, strict=True))
    if _USCC_CHARS[(31 - total % 31) % 31] != value[17]:
        return False
    org = value[8:17]
    # GB 11714 values letters A=10 … Z=35 (unlike the USCC table, which skips I O Z S V).
    org_total = sum(
        (int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(org[:8], _ORG_WEIGHTS, strict=True)
    )
    check = 11 - org_total % 11
    expected = "X" if check == 10 else "0" if check == 11 else str(check)
    return org[8] == expected
