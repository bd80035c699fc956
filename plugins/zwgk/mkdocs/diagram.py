"""Adapter: 图解 PNGs and their HTML twins on interpretation pages; content images re-encoded
without metadata on their way into site/.

Rendering is cached by a digest of the source, the font and the renderer version
(:func:`zwgk.core.tujie.render_cached`), so a rebuild with nothing changed renders nothing. The
block's markup is ``data/templates/blocks/tujie_figure.html.j2`` (autoescaped, ``core/htmltemplates.py``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from ..core import repofiles
from ..core.cachestore import folder_for
from ..core.htmltemplates import Markup, render
from ..core.images import sanitize_image
from ..core.model import Item, Site
from ..core.rules.diagram import IMAGE_SUFFIXES, diagram_font, image_limits, load_diagram
from ..core.tujie import alt_text, render_cached, render_html

log = get_plugin_logger(__name__)
PNG_NAME = "tujie.png"


class DiagramPages:
    """Collects, per interpretation page, the HTML block to show; filled in ``on_files``."""

    def __init__(self) -> None:
        self.blocks: dict[str, str] = {}  # src_uri of the material page -> HTML
        self.images: dict[str, str] = {}  # src_uri of the material page -> src_uri of its PNG (the Image tag)
        self.rendered = 0

    def add_files(self, site: Site, files: Files, config: MkDocsConfig) -> None:
        self.blocks, self.images, self.rendered = {}, {}, 0
        todo = [i for i in site.interpretations.values()
                if i.diagram_path and i.material is not None and i.material.is_public(site.today)]
        if not todo:
            return
        font, problems = diagram_font(site)
        if font is None:  # the gate already failed the build; this is a second line of defence
            raise PluginError("；".join(p.message for p in problems) or "找不到图解字体")
        cache_dir = folder_for(site.root, "tujie")  # outside the repository; PNGs verified by HMAC
        for interp in todo:
            spec, problems = load_diagram(site, interp)
            assert interp.material is not None
            if spec is None:
                raise PluginError(f"{interp.diagram_path}：" + "；".join(p.message for p in problems))
            png, fresh = render_cached(spec, font, cache_dir)
            self.rendered += fresh
            base = interp.material.src_uri.rsplit("/", 1)[0]
            files.append(File.generated(config, f"{base}/{PNG_NAME}", abs_src_path=str(png)))
            self.images[interp.material.src_uri] = f"{base}/{PNG_NAME}"
            self.blocks[interp.material.src_uri] = render(
                "blocks/tujie_figure.html.j2", png=PNG_NAME, alt=alt_text(spec),
                # the twin is HTML already: tujie/html.py renders it through the same autoescaping templates
                twin=Markup(render_html(spec, heading_level=2)),
            )
        log.info("图解：%d 张，新生成 %d 张", len(todo), self.rendered)

    def block_for(self, site: Site, item: Item) -> str:
        return self.blocks.get(item.src_uri, "")


# One instance per process (`mkdocs serve` re-creates plugins): zwgk.mkdocs.blocks lists its block_for.
DIAGRAMS = DiagramPages()


def sanitize_content_images(site: Site, files: Files, config: MkDocsConfig) -> int:
    """Replace every content picture with a metadata-free re-encoding (GPS positions leak)."""
    limits = image_limits(site)
    docs = (site.root / site.config.docs_dir).resolve()
    count = 0
    for file in list(files):
        if Path(file.src_uri).suffix.lower() not in IMAGE_SUFFIXES or file.generated_by or not file.abs_src_path:
            continue
        src = Path(file.abs_src_path).resolve()
        if not src.is_relative_to(docs):  # theme assets are not content
            continue
        rel = src.relative_to(site.root.resolve()).as_posix()
        data, problems = sanitize_image(repofiles.read_bytes(src), rel, **limits)
        if data is None:
            raise PluginError("；".join(p.message for p in problems))
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=data, inclusion=file.inclusion))
        count += 1
    return count
