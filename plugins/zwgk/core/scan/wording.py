"""错敏词: serious wording errors, all found in one Aho–Corasick pass over the canonical text.

The patterns are canonicalised like the text (:mod:`.canon`), so a zero-width character or a
compatibility ideograph inside a wrong form does not hide it, and an entry written with
full-width punctuation still matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .ahocorasick import Automaton
from .canon import canonical, detect_mapped
from .fingerprint import exception_hint, fingerprint
from .hits import Hit

RULE = "wording.errata"


@lru_cache(maxsize=8)
def _automaton(wrong_forms: tuple[str, ...]) -> tuple[Automaton, dict[str, str]]:
    # Built once per distinct errata list (normally once per process): building is the slow part.
    # Returns the automaton over canonical forms and canonical form -> configured wrong form.
    original: dict[str, str] = {}
    for wrong in wrong_forms:
        original.setdefault(canonical(wrong), wrong)
    return Automaton(original), original


def find_errata(
    canon: str, errata: Sequence[tuple[str, str]], notes: Sequence[tuple[str, str]] = ()
) -> list[Hit]:
    """wording.errata hits in an already canonical text (spans in ``canon``)."""
    if not errata:
        return []
    automaton, original = _automaton(tuple(wrong for wrong, _ in errata))
    # Nearly every text holds none of the (few dozen) wrong forms: C substring searches say so about
    # three times faster than the automaton's pass, which then only runs on texts that have one.
    if not any(pattern in canon for pattern in automaton.patterns):
        return []
    right_of = dict(errata)
    note_of = dict(notes)
    matches = sorted(automaton.finditer(canon), key=lambda m: (m[0], -(m[1] - m[0])))
    hits: list[Hit] = []
    covered_until = -1
    for start, end, index in matches:
        if end <= covered_until:
            continue  # inside a longer wrong form already reported
        covered_until = end
        wrong = original[automaton.patterns[index]]
        right = right_of[wrong]
        note = note_of.get(wrong)
        fp = fingerprint(RULE, wrong)
        hits.append(Hit(
            RULE, start, end,
            f"错敏词“{wrong}”，应为“{right}”" + (f"。{note}" if note else ""),
            f"请改为“{right}”；{exception_hint(RULE, fp, '如系照录原文、必须保留原样')}",
        ))
    return hits


def detect_errata(
    text: str, errata: Sequence[tuple[str, str]], notes: Sequence[tuple[str, str]] = ()
) -> list[Hit]:
    """wording.errata hits in ``text``, spans in ``text`` (canonicalised internally)."""
    return detect_mapped(text, lambda canon: find_errata(canon, errata, notes))
