"""The extension point for extra blocks on item pages (图解, consultation status, …), built in-process
so a block registered by the test is the one the plugin sees."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from support import DEMO_TODAY
from zwgk.core.model import Item, Site
from zwgk.mkdocs import render


@pytest.fixture
def blocks() -> Iterator[list[render._Registered]]:
    saved = list(render.ITEM_BLOCKS)
    yield render.ITEM_BLOCKS
    render.ITEM_BLOCKS[:] = saved


def test_registered_blocks_appear_on_item_pages(demo: Path, blocks: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_TODAY", DEMO_TODAY.isoformat())
    seen: list[str] = []

    @render.register_item_block
    def status(site: Site, item: Item) -> str:
        seen.append(item.index_no)
        if item.kind != "policy":
            return ""
        link = render.rel_url(item.url, "catalogue/")
        return f'<aside class="test-after">状态：{html.escape(item.title)} <a href="{link}">目录</a></aside>'

    @render.register_item_block(position="before")
    def banner(site: Site, item: Item) -> str:
        return '<div class="test-before">图解</div>' if item.interpretation_id else ""

    cfg = load_config(str(demo / "mkdocs.yml"), site_dir=str(demo / "site"))
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    policy = (demo / "site/zcwj/2026-003/index.html").read_text(encoding="utf-8")
    body_at = policy.index('class="zwgk-body"')
    assert policy.index('class="test-after"') > body_at
    assert '<a href="../../catalogue/">目录</a>' in policy
    material = (demo / "site/zcjd/yijianshi/index.html").read_text(encoding="utf-8")
    assert material.index('class="test-before"') < material.index('class="zwgk-body"')
    news = (demo / "site/gzdt/2026-008/index.html").read_text(encoding="utf-8")
    assert "test-after" not in news and "test-before" not in news
    assert len(seen) == len(set(seen))  # once per page, never per page of another item
