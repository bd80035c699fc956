"""Render a Markdown body exactly as the site does, without running MkDocs.

``zwgk check`` must report what the build reports, so it converts item bodies with the same
Python-Markdown extensions and options as ``mkdocs.yml`` (plus the three MkDocs always adds). MkDocs'
own tree processors only rewrite links between pages and collect anchors and the title; they add no
markup an author controls, so the HTML is the HTML the build writes into the page body.
"""

from __future__ import annotations

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
