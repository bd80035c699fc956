"""The extra blocks on item pages (图解, consultation status, …): an explicit list, built in-process
so a block the test adds to the list is one the plugin uses."""

from __future__ import annotations

import html
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
import zwgk.mkdocs
from mkdocs.commands.build import build
from mkdocs.config import load_config
from support import DEMO_TODAY
from zwgk.core.model import Item, Site
from zwgk.mkdocs import blocks, render


def test_every_block_function_is_listed() -> None:
    """A block written but not listed in blocks.ITEM_BLOCKS would silently never show. Blocks are
    recognised by their signature: ``(site, item) -> str``, a function or a method."""
    listed = {getattr(fn, "__func__", fn) for fn, _ in blocks.ITEM_BLOCKS}
    found = set()
    for info in pkgutil.iter_modules(zwgk.mkdocs.__path__):
        module = importlib.import_module(f"zwgk.mkdocs.{info.name}")
        for obj in vars(module).values():
            members = list(vars(obj).values()) if inspect.isclass(obj) else [obj]
            for fn in members:
                if not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                    continue
                sig = inspect.signature(fn)
                if [p for p in sig.parameters if p != "self"] == ["site", "item"] and sig.return_annotation == "str":
                    found.add(fn)
                    assert fn in listed, f"{module.__name__}.{fn.__qualname__} is not in zwgk.mkdocs.blocks.ITEM_BLOCKS"
    assert found == listed


def test_listed_blocks_appear_on_item_pages(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_TODAY", DEMO_TODAY.isoformat())
    seen: list[str] = []

    def status(site: Site, item: Item) -> str:
        seen.append(item.index_no)
        if item.kind != "policy":
            return ""
        link = render.rel_url(item.url, "catalogue/")
        return f'<aside class="test-after">状态：{html.escape(item.title)} <a href="{link}">目录</a></aside>'

    def banner(site: Site, item: Item) -> str:
        return '<div class="test-before">图解</div>' if item.interpretation_id else ""

    monkeypatch.setattr(blocks, "ITEM_BLOCKS", (*blocks.ITEM_BLOCKS, (status, "after"), (banner, "before")))
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
