"""错敏词: serious wording errors, all found in one Aho–Corasick pass."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .ahocorasick import Automaton
from .fingerprint import exception_hint, fingerprint
from .hits import Hit

RULE = "wording.errata"


@lru_cache(maxsize=8)
def _automaton(wrong_forms: tuple[str, ...]) -> Automaton:
    # Built once per distinct errata list (normally once per process): building is the slow part.
    return Automaton(wrong_forms)


def detect_errata(
    text: str, errata: Sequence[tuple[str, str]], notes: Sequence[tuple[str, str]] = ()
) -> list[Hit]:
    if not errata:
        return []
    automaton = _automaton(tuple(wrong for wrong, _ in errata))
    right_of = dict(errata)
    note_of = dict(notes)
    matches = sorted(automaton.finditer(text), key=lambda m: (m[0], -(m[1] - m[0])))
    hits: list[Hit] = []
    covered_until = -1
    for start, end, index in matches:
        if end <= covered_until:
            continue  # inside a longer wrong form already reported
        covered_until = end
        wrong = automaton.patterns[index]
        right = right_of[wrong]
        note = note_of.get(wrong)
        fp = fingerprint(RULE, wrong)
        hits.append(Hit(
            RULE, start, end,
            f"错敏词“{wrong}”，应为“{right}”" + (f"。{note}" if note else ""),
            f"请改为“{right}”；{exception_hint(RULE, fp, '如系照录原文、必须保留原样')}",
        ))
    return hits
