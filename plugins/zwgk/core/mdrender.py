"""Render a Markdown body exactly as the site does, without running MkDocs.

``zwgk check`` must report what the build reports, so it converts item bodies with the same
Python-Markdown extensions and options as ``mkdocs.yml`` (plus the three MkDocs always adds). MkDocs'
own tree processors only rewrite links between pages and collect anchors and the title; they add no
markup an author controls, so the HTML is the HTML the build writes into the page body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import markdown

from .findings import Finding, finding

# MkDocs 1.6 config/defaults.py: MarkdownExtensions(builtins=['toc', 'tables', 'fenced_code']).
BUILTINS = ("toc", "tables", "fenced_code")


def normalise_extensions(raw: Iterable[Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """mkdocs.yml's ``markdown_extensions`` (names or ``{name: options}``) as MkDocs reads them."""
    names: list[str] = list(BUILTINS)
    configs: dict[str, dict[str, Any]] = {}
    for entry in raw:
        if isinstance(entry, str):
            name, options = entry, None
        elif isinstance(entry, Mapping) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        else:
            continue  # MkDocs rejects these itself; the build reports them
        if not isinstance(name, str):
            continue
        if name not in names:
            names.append(name)
        if isinstance(options, Mapping):
            configs[name] = dict(options)
    return names, configs


TOO_DEEP = "markdown.too_deep"


class TooDeep(ValueError):
    """The body nests deeper than Python-Markdown can convert (its tree walks are recursive)."""


def too_deep(path: str, line: int) -> Finding:
    """Python-Markdown raises RecursionError on ~1,000 levels of ``>`` or list indentation: MkDocs would
    stop with a traceback while rendering, so the body is refused first, naming the file."""
    return finding(TOO_DEEP, path, "正文的嵌套层次过深（引用符号 >、列表缩进或强调符号一层套一层），网站无法生成这一页",
                   "把层层嵌套的 >、缩进或 * 改写为普通段落或不超过几层的列表", line=line)


CONTROL_CHAR = "markdown.control_char"
# C0 controls except tab, newline and CR, DEL, C1 controls (U+0085 included), and the bidi embeddings,
# overrides and isolates (U+202A–U+202E, U+2066–U+2069): a browser reorders or hides text by them, so
# "\u202e87654321831\u202c" displays as 13812345678 while every scan reads 87654321831. The marks
# LRM/RLM (U+200E/U+200F) are allowed: they only set the direction of neutral characters next to them
# and cannot reverse a run of digits (the privacy canonicalisation drops them like every Cf character).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _char_name(ch: str) -> str:
    cp = ord(ch)
    name = "双向文字控制符" if cp >= 0x202A else {"\x00": "空字符", "\x1b": "ESC 转义符", "\x7f": "DEL 删除符"}.get(ch, "控制字符")
    return f"{name} U+{cp:04X}"


def control_chars(path: str, body: str, body_line: int) -> Finding | None:
    """The body (a page, an item, a 解读方案 or 解读材料) holds a control character or a bidi control:
    one finding at the first line that has one, with the number of such lines. The same characters in
    the front matter are refused by the YAML reader (core/yamlio.py)."""
    first = _CONTROL.search(body)
    if first is None:
        return None  # the usual case: one regex pass
    lines = [i for i, text in enumerate(body.split("\n")) if _CONTROL.search(text)]
    line = body_line + lines[0]
    more = f"，共 {len(lines)} 行含有此类字符" if len(lines) > 1 else ""
    return finding(CONTROL_CHAR, path,
                   f"正文第 {line} 行含有不可见的{_char_name(first.group())}{more}：它会打乱或隐藏网页上显示的文字，"
                   "读者看到的内容与审查时读到的不同",
                   "删除这些字符后重新输入这段文字（常见于从网页、PDF 或 Word 复制粘贴）；"
                   "用编辑器的“显示不可见字符”功能可以找到它们",
                   line=line)


class Renderer:
    """One reusable converter (creating a Markdown instance per item costs more than converting it)."""

    def __init__(self, extensions: Iterable[Any]) -> None:
        names, configs = normalise_extensions(extensions)
        self.key = repr((names, sorted((k, sorted(v.items(), key=repr)) for k, v in configs.items())))
        self._md = markdown.Markdown(extensions=names, extension_configs=configs)

    def html(self, body: str) -> str:
        """The body's HTML; raises :class:`TooDeep` where MkDocs would crash with a RecursionError."""
        self._md.reset()
        try:
            return str(self._md.convert(body))
        except RecursionError as exc:
            raise TooDeep(str(exc)) from None
