"""The one "did you mean": the closest known name to a key or value someone typed.

Every reader of configuration or data files (``mkdocs.yml`` options, registers, front matter,
图解 specs) suggests through here, so a typo is matched the same way and told the same way
(``是否想写 …？``) wherever it is made. Pure: no zwgk imports, so any module may use it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(typed: object, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name nearest to ``typed`` (difflib's ratio ≥ ``cutoff``), or None."""
    close = difflib.get_close_matches(str(typed), list(known), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(typed: object, known: Iterable[str], fallback: str, cutoff: float = 0.6) -> str:
    """``是否想写 <closest>？``, or ``fallback`` (usually the list of what may be written) when nothing is close."""
    close = closest(typed, known, cutoff)
    return f"是否想写 {close}？" if close else fallback
