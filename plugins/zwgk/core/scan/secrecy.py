"""密级标志 and 内部资料 markings: a marked document must never reach the public site.

The rule is deliberately narrow. 秘密 alone is an everyday word (商业秘密, 国家秘密 in
“不得涉及国家秘密”), and 保密审查/保密工作 describe the very review we do, so only the
formal marking shapes are reported:

* ``绝密★`` / ``机密★10年`` / ``秘密☆`` — a star makes it a 密级标志 (GB/T 7156, GB/T 9704). "Star"
  is a class, not ★ alone: every character whose Unicode name says STAR or ASTERISK (⭐ ✭ ✱ ∗ 🌟…)
  and the stand-ins ※ and × (:data:`.canon.STRONG_STARS`), after spaces or one line break;
* ``机密*`` written with an ASCII or full-width asterisk when no ★ was at hand, but only when
  the word does not continue a Chinese compound (``*商业秘密*`` is Markdown emphasis) and the
  asterisk is not doubled (``**机密**`` is bold);
* fixed distribution markings such as 内部资料, 注意保密, 不得外传.

Detection runs on the canonical text (:mod:`.canon`), so zero-width characters, soft hyphens
or variation selectors inside ``内​部资料`` or between ``机密`` and ``★`` change nothing; a space
between the characters of a marking (``内 部 资 料``) is tolerated too.
"""

from __future__ import annotations

import re

from .canon import STRONG_STARS, detect_mapped
from .fingerprint import exception_hint, fingerprint
from .hits import Hit

RULE = "secrecy.mark"

_IN_WORD = "[ \t]?"  # one space between the characters of a word still reads as the word


def _word(word: str) -> str:
    return _IN_WORD.join(re.escape(ch) for ch in word)


_LEVEL = "|".join(_word(w) for w in ("绝密", "机密", "秘密"))
_CJK = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# Spaces, and at most one line break (a soft break inside a paragraph; a blank line ends it).
_GAP = "[ \t]{0,8}(?:\r?\n[ \t]{0,8})?"
# One pattern that starts with the level word, so the regex engine can skip to its first
# characters; whether an asterisk continues a Chinese compound is checked in Python.
_STAR = re.compile(f"(?:{_LEVEL})(?:{_GAP}[{STRONG_STARS}]|(?P<asterisk>[ \\t]{{0,8}}\\*(?!\\*)))")
_CJK_BEFORE = re.compile(f"[{_CJK}]")
# What follows the star: 保密期限 such as "10年", "长期", "6个月", "会议开始前", "公布前".
_PERIOD = re.compile(r"[ \t]{0,4}(?:[0-9]{1,3}[ \t]{0,2}(?:年|个月|月|日|天)|长期|[\u4e00-\u9fff]{1,6}前)")
_MARKINGS = re.compile(
    "|".join(_word(w) for w in ("内部资料", "内部文件", "注意保密", "不得外传", "严禁外传", "请勿外传", "仅供内部使用"))
)
_SPACES = re.compile(r"\s+")
# Every marking holds 密, 传 or 内部: most text has none of them and skips both passes.
_NEIBU = re.compile(_word("内部"))

_KINDS_HINT = (
    "涉密或内部材料不得公开发布。请确认材料是否已按规定解密、是否履行了公开审批程序；"
    "确属可以公开的，请删除该标志后重新导出发布"
)


_WHEN = "如材料已依法解密、标志须原样保留"


def find_secrecy(canon: str) -> list[Hit]:
    """secrecy.mark hits in an already canonical text (spans in ``canon``)."""
    if "密" not in canon and "传" not in canon and not _NEIBU.search(canon):
        return []
    hits: list[Hit] = []
    for m in _STAR.finditer(canon):
        if m.group("asterisk") and m.start() and _CJK_BEFORE.match(canon, m.start() - 1):
            continue  # *商业秘密*: Markdown emphasis around a compound, not a marking
        end = m.end()
        period = _PERIOD.match(canon, end)
        if period:
            end = period.end()
        shown = _SPACES.sub("", canon[m.start() : end])
        fp = fingerprint(RULE, shown)
        hits.append(Hit(
            RULE, m.start(), end,
            f"发现密级标志“{shown}”，涉密材料严禁公开",
            f"{_KINDS_HINT}；{exception_hint(RULE, fp, _WHEN)}",
        ))
    for m in _MARKINGS.finditer(canon):
        shown = _SPACES.sub("", m.group(0))
        fp = fingerprint(RULE, shown)
        hits.append(Hit(
            RULE, m.start(), m.end(),
            f"发现内部资料标志“{shown}”，内部材料不应公开发布",
            f"{_KINDS_HINT}；{exception_hint(RULE, fp, _WHEN)}",
        ))
    return hits


def detect_secrecy(text: str) -> list[Hit]:
    """secrecy.mark hits in ``text``, spans in ``text`` (canonicalised internally)."""
    return detect_mapped(text, find_secrecy)
