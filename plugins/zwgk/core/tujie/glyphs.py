"""Tofu check: characters the font cannot draw would come out as empty boxes (豆腐块)."""

from __future__ import annotations

import unicodedata

from zwgk.core.findings import Finding, finding
from zwgk.core.tujie.fonts import FontSet
from zwgk.core.tujie.spec import TujieSpec

# Whitespace is laid out, not drawn; it needs no glyph.
_NO_GLYPH_NEEDED = frozenset(" \n\u3000")


def missing_glyphs(spec: TujieSpec, font: FontSet, path: str) -> list[Finding]:
    """One finding (rule ``tujie.tofu``) per field and character the font lacks."""
    out: list[Finding] = []
    for chain, text in spec.iter_texts():
        seen: set[str] = set()
        for ch in text:
            if ch in _NO_GLYPH_NEEDED or ch in seen or font.has_char(ch):
                continue
            seen.add(ch)
            name = unicodedata.name(ch, "未分配或私用的码位")
            out.append(finding(
                "tujie.tofu", path,
                f"字符“{ch}”（U+{ord(ch):04X} {name}）在字体 {font.family} 中没有字形，"
                "图上会显示成方框。",
                "请改用常用字或文字说明（表情符号、生僻字、特殊符号请删除或用文字代替）；"
                "zwgk 自带的字体收录 GB 2312 的全部 6763 个汉字和常用符号，"
                "确需使用其他字时，在 mkdocs.yml 的 tujie_font 中配置包含该字的字体"
                "（如仓库内的 fonts/NotoSansSC-Regular.otf）",
                field=chain,
            ))
    return out
