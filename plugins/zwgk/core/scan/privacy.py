"""Personal data detectors: 居民身份证号, 手机号码, 银行卡号 — however the digits are grouped.

Detection runs on the canonical text (:mod:`.canon`: invisible characters removed, NFKC, every
digit ASCII), so ``１３８​1234 5678`` is the same number as ``13812345678``. On top of that the
public reads a number whose digit groups are joined by spaces, hyphens, dashes, dots, middle
dots, underscores, slashes or 、 as one number, wherever the groups break. So:

1. a **cluster** is a run of digit groups joined by short separator runs (1–4 characters of
   :data:`.canon.SEPARATORS`), holding at least 11 digits, optionally ending in the ID check
   character X;
2. **ID numbers** (18 characters) are looked for in every window of whole groups of the cluster
   — the check digit, area code and birth date make a random window pass with ~2·10⁻⁵
   probability, so no guard is needed and none can be abused;
3. numbers with weaker checks (mobile: prefix only; card: Luhn or a 卡号/账号 context; old 15-digit
   IDs) are looked for in the cluster's *segments*, after the groups that are recognisably
   something else are set aside: dates (``2024-01-02``, date ranges of ``20240101``), year lists
   (``2021、2022、2023``), landlines with area code (``010-12345678``, ``0000-12345678-123``),
   索引号 (``000014349/2024-00123``), decimal amounts (``1234.56``), and a 、 or / between two
   groups of 7+ digits (a list of numbers, ``66668888、88886666``). Each segment is checked whole and
   in its list pieces, each group alone, and in the conventional groupings (3-4-4, 4-4-4-4).

Every candidate is validated (check digit, birth date, Luhn) before it is reported. Already
masked values (``138****1234``) never match: a ``*`` touching a cluster on one side only makes
the touching group part of a longer token (a symmetric ``**…**`` is Markdown emphasis).

Work is linear in the text: the cluster pattern has no nested ambiguity (digits and separators
are disjoint classes, separator runs are bounded) and each cluster is walked a constant number
of times (the ID windows with two pointers).
"""

from __future__ import annotations

import re
from itertools import accumulate

from .canon import SEPARATORS, detect_mapped
from .fingerprint import exception_hint, fingerprint, mask
from .hits import Hit
from .validators import PROVINCES, is_id15, is_id18, is_uscc, luhn_ok, valid_date

ID_RULE = "privacy.id_number"
MOBILE_RULE = "privacy.mobile"
BANK_RULE = "privacy.bank_card"

# What may sit between two digit groups of one number: canon.SEPARATOR_CHARS and the dashes.
_SEP = f"[{SEPARATORS}]"
_MAX_SEP = 4
# Two stages, because a repeated group is slow in the regex engine and a repeated class is fast:
# _RUN finds stretches of digits and separators long enough to hold 11 digits, _CLUSTER finds the
# clusters inside them (same result as _CLUSTER alone, 2.5x faster on ordinary text).
# (?<![0-9]): a run that fails from its first digit fails from every later one — don't retry.
_RUN = re.compile(rf"[0-9][0-9{SEPARATORS}]{{10,}}[Xx]?")
_CLUSTER = re.compile(
    rf"(?<![0-9])[0-9](?:{_SEP}{{0,{_MAX_SEP}}}[0-9]){{10,}}(?:{_SEP}{{0,{_MAX_SEP}}}[Xx](?![0-9A-Za-z]))?"
)
_SPLIT = re.compile(r"([0-9]+|[Xx])")
# The commonest cluster by far, a landline with area code, holds nothing to report (see _set_aside).
_LANDLINE = re.compile(r"0[0-9]{2,3}-[0-9]{7,8}(?:-[0-9]{1,5})?")
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_STARS_RUN = re.compile(r"\*+")
_LIST_SEPS = ("、", "/")
_DATE_SEPS = frozenset("-./")
_MIN_LONG_GROUP = 7  # a 、 or / between two groups this long separates two numbers (phones)

_BANK_CONTEXT = re.compile(r"卡号|账号|帐号|银行卡|开户行|银行账户|账户|帐户")
_BANK_WINDOW = 12
# A USCC-shaped number right after these words is an organisation code, not a person.
_CODE_CONTEXT = re.compile(r"代码|注册号|执照")
_CODE_WINDOW = 20
_ID15_CODE_WINDOW = 12


def _id_hit(start: int, end: int, value: str) -> Hit:
    fp = fingerprint(ID_RULE, value)
    shown = mask(value)
    return Hit(
        ID_RULE, start, end,
        f"发现居民身份证号（{shown}），公开发布将泄露个人信息",
        f"公开前须删除或脱敏（例如只保留前6位和后2位：{shown}）；{exception_hint(ID_RULE, fp)}",
    )


def _bank_hit(start: int, end: int, digits: str) -> Hit:
    fp = fingerprint(BANK_RULE, digits)
    shown = mask(digits)
    return Hit(
        BANK_RULE, start, end,
        f"发现银行卡号或银行账号（{shown}），公开发布将泄露个人或单位账户信息",
        f"公开前须删除或脱敏（例如只保留前4位和后4位：{shown}）；{exception_hint(BANK_RULE, fp)}",
    )


def _mobile_hit(start: int, end: int, digits: str) -> Hit:
    fp = fingerprint(MOBILE_RULE, digits)
    shown = mask(digits)
    return Hit(
        MOBILE_RULE, start, end,
        f"发现手机号码（{shown}），公开发布将泄露个人联系方式",
        f"公开前须删除或脱敏（例如写作 {shown}），对外请公布办公电话；{exception_hint(MOBILE_RULE, fp)}",
    )


def _mobile(digits: str) -> str | None:
    """The 11-digit mobile number in ``digits`` (optionally after 86 / 0086), or None."""
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    elif len(digits) == 15 and digits.startswith("0086"):
        digits = digits[4:]
    if len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789":
        return digits
    return None


def _is_year(group: str) -> bool:
    return len(group) == 4 and "1900" <= group <= "2099"


def _is_date8(group: str) -> bool:
    return (len(group) == 8 and _is_year(group[:4])
            and valid_date(int(group[:4]), int(group[4:6]), int(group[6:])))


class _Cluster:
    """The digit groups of one cluster, with the separator before each and their offsets."""

    __slots__ = ("before", "digits", "ends", "lo", "n", "offsets", "seps", "starts", "texts")

    def __init__(self, canon: str, start: int, end: int) -> None:
        # split() with a capturing group alternates separators and groups: ["", g0, s1, g1, …, ""].
        parts = _SPLIT.split(canon, 0) if start == 0 and end == len(canon) else _SPLIT.split(canon[start:end])
        self.texts: list[str] = parts[1:-1:2]
        self.seps: list[str] = ["", *parts[2:-1:2]]
        n = self.n = len(self.texts)
        positions = list(accumulate(map(len, parts[1:-1]), initial=start))
        self.starts: list[int] = positions[0 : 2 * n : 2]
        self.ends: list[int] = positions[1 : 2 * n : 2]
        self.offsets = list(accumulate(map(len, self.texts), initial=0))
        self.digits = "".join(self.texts)
        self.before = canon[start - 1] if start else ""
        # Groups that continue a longer token (letters, mask stars) are not part of any number.
        self.lo = 0
        before = _touching(canon, start, -1)
        after = _touching(canon, end, +1)
        emphasis = before == after and before.startswith("*") and len(before) <= 3
        if before and not emphasis:
            self.lo = 1
        if after and not emphasis:
            self.n -= 1

    def value(self, a: int, b: int) -> str:
        return self.digits[self.offsets[a] : self.offsets[b]]

    def length(self, a: int, b: int) -> int:
        return self.offsets[b] - self.offsets[a]


def _touching(canon: str, pos: int, step: int) -> str:
    """The letter or star run that touches a cluster at ``pos`` (before: step -1), or ''."""
    if step < 0:
        if pos == 0:
            return ""
        ch = canon[pos - 1]
        if ch in _LETTERS:
            return ch
        if ch == "*":
            i = pos - 1
            while i > 0 and canon[i - 1] == "*" and pos - i < 8:
                i -= 1
            return canon[i:pos]
        return ""
    if pos >= len(canon):
        return ""
    ch = canon[pos]
    if ch in _LETTERS or "0" <= ch <= "9":
        return ch
    if ch == "*":
        m = _STARS_RUN.match(canon, pos, min(len(canon), pos + 8))
        return m.group() if m else ch
    return ""


def _set_aside(c: _Cluster) -> list[bool]:
    """Groups recognisably not part of a personal number (dates, landlines, 索引号, amounts…)."""
    t, seps = c.texts, c.seps
    claimed = [False] * len(t)
    dates = 0
    for i in range(c.lo, c.n):
        if claimed[i]:
            continue
        sep1 = seps[i + 1] if i + 1 < c.n else ""
        sep2 = seps[i + 2] if i + 2 < c.n else ""
        if _is_year(t[i]):
            # 2024-01-02, 2024.1.2, 2024/01/02
            if (i + 2 < c.n and sep1 == sep2 and sep1 in _DATE_SEPS and len(t[i + 1]) <= 2
                    and len(t[i + 2]) <= 2 and valid_date(int(t[i]), int(t[i + 1]), int(t[i + 2]))):
                claimed[i : i + 3] = [True] * 3
                dates += 1
                continue
            # 索引号 …/2024-00123: the year after a slash, a serial after a hyphen
            if (seps[i] == "/" or (i == 0 and c.before == "/")) and sep1 == "-" and i + 1 < c.n:
                claimed[max(c.lo, i - 1) : i + 2] = [True] * (i + 2 - max(c.lo, i - 1))
                continue
            # 2024-01 (a month), or a run of years (2021、2022、2023)
            if i + 1 < c.n and sep1 in _DATE_SEPS and len(t[i + 1]) <= 2 and 1 <= int(t[i + 1]) <= 12:
                claimed[i : i + 2] = [True, True]
                dates += 1
                continue
            if i + 1 < c.n and _is_year(t[i + 1]):
                claimed[i : i + 2] = [True, True]
                continue
            if i > c.lo and claimed[i - 1] and _is_year(t[i - 1]):
                claimed[i] = True
                continue
        # landline with area code: 010-12345678, 0755 88886666, 0000-12345678-123
        if (t[i][0] == "0" and 3 <= len(t[i]) <= 4 and i + 1 < c.n and 7 <= len(t[i + 1]) <= 8
                and len(sep1) == 1 and sep1 not in _LIST_SEPS):
            claimed[i : i + 2] = [True, True]
            if i + 2 < c.n and sep2 == "-" and len(t[i + 2]) <= 5:
                claimed[i + 2] = True
            continue
        # decimal amount: 1234.56 (one dot, 1–2 decimals; 6222.0212.3456.78 is a dotted number)
        if (sep1 == "." and i + 1 < c.n and len(t[i + 1]) <= 2 and seps[i] != "."
                and (i + 2 >= c.n or sep2 != ".")):
            claimed[i : i + 2] = [True, True]
    # Date ranges written as 20240101-20241231: 8-digit dates count once another date is present.
    date8 = [i for i in range(c.lo, c.n) if not claimed[i] and _is_date8(c.texts[i])]
    if len(date8) + dates >= 2:
        for i in date8:
            claimed[i] = True
    return claimed


def _segments(c: _Cluster, claimed: list[bool]) -> list[tuple[int, int]]:
    """Runs of unclaimed groups, split where a 、 or / stands between two long groups."""
    out: list[tuple[int, int]] = []
    a = -1
    for i in range(c.lo, c.n):
        if claimed[i]:
            if a >= 0:
                out.append((a, i))
            a = -1
            continue
        if a >= 0 and (any(s in c.seps[i] for s in _LIST_SEPS)
                       and len(c.texts[i - 1]) >= _MIN_LONG_GROUP and len(c.texts[i]) >= _MIN_LONG_GROUP):
            out.append((a, i))
            a = -1
        if a < 0:
            a = i
    if a >= 0:
        out.append((a, c.n))
    return out


def _candidates(c: _Cluster, a: int, b: int) -> list[tuple[int, int]]:
    """Windows of whole groups worth validating inside segment [a, b)."""
    found: list[tuple[int, int]] = [(a, b)]
    p = a
    for i in range(a + 1, b):
        if any(s in c.seps[i] for s in _LIST_SEPS):
            found.append((p, i))
            p = i
    if p != a:
        found.append((p, b))
    t, seps = c.texts, c.seps
    for i in range(a, b):
        if len(t[i]) >= 11:  # shorter groups alone are no number (cheap on "1 1 1 1 …")
            found.append((i, i + 1))
        # 138 1234 5678 (and +86 / 0086 in front)
        if i + 3 <= b and len(t[i]) == 3 and len(t[i + 1]) == 4 and len(t[i + 2]) == 4 and seps[i + 1] == seps[i + 2]:
            found.append((i, i + 3))
            if i > a and t[i - 1] in ("86", "0086"):
                found.append((i - 1, i + 3))
        if i + 1 < b and t[i] in ("86", "0086") and len(t[i + 1]) == 11:
            found.append((i, i + 2))
        # 6222 0212 3456 7890 (123)
        if i + 4 <= b and all(len(t[k]) == 4 for k in range(i, i + 4)) and seps[i + 1] == seps[i + 2] == seps[i + 3]:
            found.append((i, i + 4))
            if i + 5 <= b and len(t[i + 4]) <= 4 and seps[i + 4] == seps[i + 1]:
                found.append((i, i + 5))
    return list(dict.fromkeys(found))


def _overlaps(a: int, b: int, taken: list[bool]) -> bool:
    return any(taken[a:b])


def _scan_cluster(canon: str, start: int, end: int, hits: list[Hit]) -> None:
    c = _Cluster(canon, start, end)
    if c.length(c.lo, c.n) < 11:
        return
    taken = [False] * len(c.texts)

    # 18-character ID numbers: every window of whole groups, two pointers (each group enters and
    # leaves the window once). The X group, if any, is always the last one.
    j, total = c.lo, 0
    for i in range(c.lo, c.n):
        while j < c.n and total < 18:
            total += len(c.texts[j])
            j += 1
        if total == 18 and not _overlaps(i, j, taken):
            value = c.value(i, j).upper()
            if value[:2] in PROVINCES and is_id18(value):
                s = c.starts[i]
                if not (is_uscc(value) and _CODE_CONTEXT.search(canon, max(0, s - _CODE_WINDOW), s)):
                    hits.append(_id_hit(s, c.ends[j - 1], value))
                    taken[i:j] = [True] * (j - i)
        total -= len(c.texts[i])

    # The weaker checks work on segments; the X (and a group it is glued to) is no digit.
    last = c.n
    if last > c.lo and c.texts[last - 1] in ("X", "x"):
        last -= 1
        if last > c.lo and not c.seps[last]:
            last -= 1
    claimed = _set_aside(c)
    saved_n, c.n = c.n, last
    candidates = [w for seg in _segments(c, claimed) for w in _candidates(c, *seg)]
    c.n = saved_n
    # Longest first: a 19-digit account is not reported as the 16-digit card inside it.
    candidates.sort(key=lambda w: (-c.length(*w), w[0]))

    for a, b in candidates:
        if c.length(a, b) == 15 and not _overlaps(a, b, taken):
            value, s = c.value(a, b), c.starts[a]
            if is_id15(value) and not _CODE_CONTEXT.search(canon, max(0, s - _ID15_CODE_WINDOW), s):
                hits.append(_id_hit(s, c.ends[b - 1], value))
                taken[a:b] = [True] * (b - a)
    for a, b in candidates:
        if 12 <= c.length(a, b) <= 19 and not _overlaps(a, b, taken):
            digits, s = c.value(a, b), c.starts[a]
            context = _BANK_CONTEXT.search(canon, max(0, s - _BANK_WINDOW), s) is not None
            if not context and (len(digits) < 16 or not luhn_ok(digits) or is_uscc(digits)):
                continue
            hits.append(_bank_hit(s, c.ends[b - 1], digits))
            taken[a:b] = [True] * (b - a)
    for a, b in candidates:
        if c.length(a, b) in (11, 13, 15) and not _overlaps(a, b, taken):
            mobile = _mobile(c.value(a, b))
            if mobile:
                hits.append(_mobile_hit(c.starts[a], c.ends[b - 1], mobile))
                taken[a:b] = [True] * (b - a)


def find_privacy(canon: str) -> list[Hit]:
    """privacy.* hits in an already canonical text (spans in ``canon``)."""
    hits: list[Hit] = []
    size = len(canon)
    for run in _RUN.finditer(canon):
        # endpos one past the run: the lookahead after a final X must see the next character.
        for m in _CLUSTER.finditer(canon, run.start(), min(size, run.end() + 1)):
            if not _LANDLINE.fullmatch(m.group()):
                _scan_cluster(canon, m.start(), m.end(), hits)
    return hits


def detect_privacy(text: str) -> list[Hit]:
    """privacy.* hits in ``text``, spans in ``text`` (canonicalised internally)."""
    return detect_mapped(text, find_privacy)
