"""The MkDocs plugin behind ``zwgk preview`` (zwgk.cli.preview_cmd): the real plugin, except that
drafts and scheduled items are shown with a banner and findings never stop the build.

It runs only from the preview's generated hook, never from a public build's ``mkdocs.yml``, so a
draft can never reach the public site. Everything it knows is held on the instance: the preview
session it serves (given to the constructor) and the banners of the current build.
"""

from __future__ import annotations

from typing import Any, Protocol

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.loader import load_site
from ..core.preview import PreviewState, force_public
from .plugin import ZwgkPlugin


class PreviewSession(Protocol):
    """What the plugin asks of the preview it serves (zwgk.cli.preview_cmd.Session)."""

    def resync(self) -> None:
        """Copy what changed in the original files into the mini-project."""

    def rebuilding(self) -> None:
        """A build starts: the repository-wide check may run again."""

    def serving(self, server: Any, site_url: str) -> None:
        """The live-reload server is up: watch the originals and say where the page is."""


class PreviewPlugin(ZwgkPlugin):
    """The real plugin, except: drafts/scheduled items shown with a banner; findings never block."""

    def __init__(self, session: PreviewSession) -> None:
        super().__init__()
        self.session = session
        self._states: dict[str, PreviewState] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.session.resync()  # copy what changed in the originals before anything is read
        return super().on_config(config)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.project is not None
        site, _ = load_site(self.project)  # rules run on the real repository (the session's check), not here
        self.site, self._states = force_public(site)
        self.session.rebuilding()

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        out = super().on_page_markdown(markdown, page, config, files)
        state = self._states.get(page.file.src_uri)
        return state.banner() + out if state else out

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        # Watch the originals, not the copies (copying would trigger a second rebuild).
        server.unwatch(config.docs_dir)
        if config.config_file_path:
            server.unwatch(config.config_file_path)
        self.session.serving(server, config.site_url or "")
        return server
