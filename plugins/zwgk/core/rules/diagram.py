"""图解 sources and images in content: valid specs, a usable CJK font with every glyph, alt text,
and pictures that can be re-encoded without their metadata."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from .. import repofiles
from ..findings import Finding, finding
from ..images import check_image_alts, sanitize_image
from ..inventory import path_suffix, tree
from ..model import Interpretation, Site
from ..tujie import FontSet, TujieSpec, find_font, load_spec, missing_glyphs
from ..yamlio import read_text

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp"}


def image_limits(site: Site) -> dict[str, int]:
    """Pixel and byte limits for pictures in content (``tujie: {max_side, max_pixels, max_bytes}``)."""
    opts = site.config.tujie
    return {"max_side": opts.max_side, "max_pixels": opts.max_pixels, "max_bytes": opts.max_bytes}


def load_diagram(site: Site, interp: Interpretation) -> tuple[TujieSpec | None, list[Finding]]:
    if interp.diagram_path is None:
        return None, []
    text, problems = read_text(site.root / interp.diagram_path, interp.diagram_path)
    if text is None:
        return None, problems
    return load_spec(text, interp.diagram_path)


def diagram_font(site: Site) -> tuple[FontSet | None, list[Finding]]:
    return find_font(site.config.tujie_font, site.root)


def content_images(site: Site) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    for base in (site.config.docs_dir, site.config.interpretations_dir):
        folder = site.root / base
        if folder.is_dir():
            # sorted(folder.rglob("*")) as strings (core/inventory.py: tree): 20,000 Paths were most of this rule.
            rels = tree(folder, folder.relative_to(site.root).as_posix())
            out += [(site.root / rel, rel) for rel in rels
                    if path_suffix(rel).lower() in IMAGE_SUFFIXES and os.path.isfile(site.root / rel)]
    return out


def diagrams(site: Site) -> list[Finding]:
    out: list[Finding] = []
    with_diagram = [i for i in site.interpretations.values() if i.diagram_path]
    font: FontSet | None = None
    if with_diagram:
        font, problems = diagram_font(site)
        out += problems
    for interp in with_diagram:
        spec, problems = load_diagram(site, interp)
        out += problems
        if spec is not None and font is not None and interp.diagram_path:
            out += missing_glyphs(spec, font, interp.diagram_path)
    return out


def images(site: Site) -> list[Finding]:
    out: list[Finding] = []
    for item in site.items:
        if "![" not in item.body and "<img" not in item.body.lower():
            continue  # parsing Markdown is costly; most items have no picture at all
        for f in check_image_alts(item.body, item.path):
            out.append(replace(f, line=(f.line + item.body_line - 1) if f.line else None))
    limits = image_limits(site)
    for abs_path, rel in content_images(site):
        try:
            data = repofiles.read_bytes(abs_path)
        except OSError as exc:
            out.append(finding("image.unreadable", rel, f"无法读取图片文件（{exc.strerror or type(exc).__name__}）",
                               "确认文件存在、是普通文件（不是符号链接）且有读取权限"))
            continue
        _, problems = sanitize_image(data, rel, **limits)
        out += problems
    return out
