"""密级标志 and 内部资料 markings: a marked document must never reach the public site.

The rule is deliberately narrow. 秘密 alone is an everyday word (商业秘密, 国家秘密 in
“不得涉及国家秘密”), and 保密审查/保密工作 describe the very review we do, so only the
formal marking shapes are reported:

* ``绝密★`` / ``机密★10年`` / ``秘密☆`` — the star makes it a 密级标志 (GB/T 7156, GB/T 9704);
* ``机密*`` written with an ASCII or full-width asterisk when no ★ was at hand, but only when
  the word does not continue a Chinese compound (``*商业秘密*`` is Markdown emphasis) and the
  asterisk is not doubled (``**机密**`` is bold);
* fixed distribution markings such as 内部资料, 注意保密, 不得外传.
"""

from __future__ import annotations

import re

from .fingerprint import exception_hint, fingerprint
from .hits import Hit

RULE = "secrecy.mark"

_STAR = re.compile(
    r"(?P<level>绝密|机密|秘密)[ \t]*[★☆]"
    r"|(?<![\u3400-\u9fff])(?P<level2>绝密|机密|秘密)[ \t]*[*＊](?![*＊])"
)
# What follows the star: 保密期限 such as "10年", "长期", "6个月", "会议开始前", "公布前".
_PERIOD = re.compile(r"[ \t]*(?:\d{1,3}[ \t]*(?:年|个月|月|日|天)|长期|[\u4e00-\u9fff]{1,6}前)")
_MARKINGS = re.compile(r"内部资料|内部文件|注意保密|不得外传|严禁外传|请勿外传|仅供内部使用")

_KINDS_HINT = (
    "涉密或内部材料不得公开发布。请确认材料是否已按规定解密、是否履行了公开审批程序；"
    "确属可以公开的，请删除该标志后重新导出发布"
)


_WHEN = "如材料已依法解密、标志须原样保留"


def detect_secrecy(text: str) -> list[Hit]:
    if "密" not in text and "内部" not in text and "外传" not in text:
        return []  # most text has none of these: skip two regex passes
    hits: list[Hit] = []
    for m in _STAR.finditer(text):
        end = m.end()
        period = _PERIOD.match(text, end)
        if period:
            end = period.end()
        shown = re.sub(r"\s+", "", text[m.start() : end])
        fp = fingerprint(RULE, shown)
        hits.append(Hit(
            RULE, m.start(), end,
            f"发现密级标志“{shown}”，涉密材料严禁公开",
            f"{_KINDS_HINT}；{exception_hint(RULE, fp, _WHEN)}",
        ))
    for m in _MARKINGS.finditer(text):
        shown = m.group(0)
        fp = fingerprint(RULE, shown)
        hits.append(Hit(
            RULE, m.start(), m.end(),
            f"发现内部资料标志“{shown}”，内部材料不应公开发布",
            f"{_KINDS_HINT}；{exception_hint(RULE, fp, _WHEN)}",
        ))
    return hits
