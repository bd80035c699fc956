"""图解（一图读懂）: structured policy interpretations rendered as a shareable PNG, plus an
accessible HTML text twin.  Pure domain code: no MkDocs import here.

Typical use in a build::

    spec, findings = load_spec(text, "interpretations/p1/tujie.yml")
    font, font_findings = find_font(config.get("tujie_font"), repo_root)
    if spec and font:
        findings += missing_glyphs(spec, font, path)
        png_path, _ = render_cached(spec, font, cache_dir)
        html = render_html(spec); alt = alt_text(spec)
"""

from __future__ import annotations

from zwgk.core.tujie.cache import cache_key, render_cached
from zwgk.core.tujie.fonts import FontSet, find_font
from zwgk.core.tujie.glyphs import missing_glyphs
from zwgk.core.tujie.html import alt_text, render_html
from zwgk.core.tujie.render import RENDERER_VERSION, layout, render_image, render_png
from zwgk.core.tujie.spec import TujieSpec, load_spec

__all__ = [
    "RENDERER_VERSION",
    "FontSet",
    "TujieSpec",
    "alt_text",
    "cache_key",
    "find_font",
    "layout",
    "load_spec",
    "missing_glyphs",
    "render_cached",
    "render_html",
    "render_image",
    "render_png",
]
