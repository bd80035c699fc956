"""Chinese line breaking with 禁则 (kinsoku), measured with the real font.

Chinese may break between any two characters, except:

* closing punctuation (。，、；：？！）》」』”’…% …) never starts a line;
* opening brackets (《（「『“‘ …) never end a line;
* a Latin word or a number (``WCAG``, ``12345``, ``3.5%``, ``www.gov.cn``) is kept whole
  unless it alone is wider than the line;
* ``——`` and ``……`` are never split.

When the greedy break point violates a rule we *push* characters to the next line (推出)
rather than letting punctuation hang into the margin: the box width is a hard limit because
the text sits inside coloured cards.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

#: May not start a line.
NO_START = frozenset("。，、；：？！）》」』”’…%．,.;:?!)]}〉】〕〗｝％‰・·ー～")
#: May not end a line.
NO_END = frozenset("《（「『“‘([{〈【〔〖｛")

# One token = one unbreakable unit.  Latin words/numbers keep internal . , : / - ' + @ & #
# (URLs, 3.5, 1,000, 12:30) and a trailing percent sign; dashes and ellipses stay together.
_TOKEN = re.compile(
    r"[0-9A-Za-z\u00C0-\u024F]+(?:[.,:/'’\-_+@&#][0-9A-Za-z\u00C0-\u024F]+)*[%‰％]?"
    r"|—+|…+|[ \u3000]+|.",
    re.S,
)


class Measurer(Protocol):
    def getlength(self, text: str) -> float: ...


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _can_break(tokens: list[str], k: int) -> bool:
    """May a line end before ``tokens[k]``?"""
    before, after = tokens[k - 1], tokens[k]
    if after.isspace():
        return True
    if after[0] in NO_START:
        return False
    return before[-1] not in NO_END


def break_lines(text: str, font: Measurer, max_width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width`` (pixels, measured by ``font``).

    Explicit newlines start new lines; an empty paragraph yields an empty line.  Spaces at
    the break are dropped.  The result never exceeds ``max_width`` unless a single
    character alone is wider than the box.
    """
    cache: dict[str, float] = {}

    def width(s: str) -> float:
        w = cache.get(s)
        if w is None:
            w = font.getlength(s)
            cache[s] = w
        return w

    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(_break_paragraph(para, width, font, max_width))
    return lines


def _break_paragraph(para: str, width: Callable[[str], float], font: Measurer,
                     max_width: float) -> list[str]:
    tokens: list[str] = []
    for tok in tokenize(para):
        # A word wider than the whole line has to be split; do it per character.
        if len(tok) > 1 and not tok.isspace() and width(tok) > max_width:
            tokens.extend(tok)
        else:
            tokens.append(tok)
    widths = [width(t) for t in tokens]
    n = len(tokens)
    if n == 0:
        return [""]

    def fits(a: int, b: int) -> bool:
        # Per-token widths are additive with BASIC layout, but verify the real line width so
        # rounding can never push text over the card edge.
        return font.getlength("".join(tokens[a:b]).rstrip()) <= max_width

    ranges: list[tuple[int, int]] = []
    i = 0
    while i < n:
        while i < n and tokens[i].isspace():
            i += 1
        if i >= n:
            break
        j, used = i, 0.0
        while j < n and used + widths[j] <= max_width:
            used += widths[j]
            j += 1
        if j >= n:
            ranges.append((i, n))
            break
        if j == i:
            j = i + 1  # a single character wider than the box: nothing better is possible
        else:
            # Walk back to the nearest break allowed by 禁则; keep the greedy point if the
            # whole line offers none (e.g. a line made only of punctuation).
            k = j
            while k > i + 1 and not _can_break(tokens, k):
                k -= 1
            if _can_break(tokens, k):
                j = k
            else:
                # No legal break: split the last Latin word/number of the line into
                # characters (e.g. "12345" + "。" in a narrow cell → "1234" / "5。") and retry.
                word = next((w for w in range(j - 1, i - 1, -1)
                             if len(tokens[w]) > 1 and not tokens[w].isspace()), None)
                if word is not None:
                    chars = list(tokens[word])
                    tokens[word:word + 1] = chars
                    widths[word:word + 1] = [width(c) for c in chars]
                    n = len(tokens)
                    continue
        while j > i + 1 and not fits(i, j):
            j -= 1
        ranges.append((i, j))
        i = j
    _avoid_widow(tokens, ranges, fits)
    return ["".join(tokens[a:b]).strip(" \u3000") for a, b in ranges] or [""]


def _visible_chars(tokens: list[str]) -> int:
    return sum(len(t) for t in tokens if not t.isspace() and t[0] not in NO_START)


def _avoid_widow(tokens: list[str], ranges: list[tuple[int, int]],
                 fits: Callable[[int, int], bool]) -> None:
    """Avoid a last line holding a single character (孤字), e.g. "料。": pull one more
    character down from the line above when 禁则 and the width allow it."""
    if len(ranges) < 2:
        return
    (pa, _pb), (la, lb) = ranges[-2], ranges[-1]
    if _visible_chars(tokens[la:lb]) > 1:
        return
    k = la - 1
    while k > pa + 1 and not _can_break(tokens, k):
        k -= 1
    if k <= pa or not _can_break(tokens, k) or not fits(k, lb):
        return
    if _visible_chars(tokens[pa:k]) < 2:
        return
    ranges[-2] = (pa, k)
    ranges[-1] = (k, lb)


def break_balanced(text: str, font: Measurer, max_width: float) -> list[str]:
    """Like :func:`break_lines`, but evens out line lengths (for centred titles): the
    narrowest width that keeps the same number of lines."""
    lines = break_lines(text, font, max_width)
    if len(lines) < 2:
        return lines
    lo, hi = max_width / 2, max_width
    best = lines
    for _ in range(8):
        mid = (lo + hi) / 2
        trial = break_lines(text, font, mid)
        if len(trial) <= len(lines):
            best, hi = trial, mid
        else:
            lo = mid
    return best
