"""图解 render cache: published bytes never come from a cache by name.

A PNG in the cache folder is used only when its name carries our HMAC over the key and the
sha256 of its bytes; anything else — replaced bytes, another machine's or an attacker's file with a
plausible name — is rendered afresh, and the bytes published are the renderer's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from zwgk.core.cachestore import CacheStore
from zwgk.core.tujie import FontSet, cache_key, find_font, load_spec, render_cached, render_png
from zwgk.core.tujie.cache import STORE_NAME
from zwgk.core.tujie.render import RENDERER_VERSION
from zwgk.core.tujie.spec import TujieSpec

SAMPLE = Path(__file__).parent / "data" / "tujie" / "sample.yml"


@pytest.fixture(scope="module")
def font() -> FontSet:
    fs, _ = find_font(None)
    if fs is None:
        pytest.skip("no Chinese font installed (apt-get install fonts-noto-cjk)")
    return fs


@pytest.fixture(scope="module")
def sample() -> TujieSpec:
    spec, findings = load_spec(SAMPLE.read_text(encoding="utf-8"), "interpretations/p1/tujie.yml")
    assert spec is not None, findings
    return spec


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_CACHE_KEY", "this machine")
    monkeypatch.delenv("ZWGK_CACHE", raising=False)


def test_replaced_bytes_are_rendered_again(font: FontSet, sample: TujieSpec, tmp_path: Path) -> None:
    png, fresh = render_cached(sample, font, tmp_path)
    assert fresh
    png.write_bytes(b"\x89PNG\r\n\x1a\n forged image, same name")
    again, fresh = render_cached(sample, font, tmp_path)
    assert fresh and again.read_bytes() == render_png(sample, font)
    assert [p.name for p in tmp_path.iterdir()] == [again.name]  # the forged file is gone


def test_one_flipped_byte_is_rendered_again(font: FontSet, sample: TujieSpec, tmp_path: Path) -> None:
    png, _ = render_cached(sample, font, tmp_path)
    data = bytearray(png.read_bytes())
    data[len(data) // 2] ^= 0x01
    png.write_bytes(bytes(data))
    again, fresh = render_cached(sample, font, tmp_path)
    assert fresh and again.read_bytes() == render_png(sample, font)


def test_a_file_signed_elsewhere_is_not_used(font: FontSet, sample: TujieSpec, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An attacker who knows the scheme but not this machine's key names his image correctly for his key."""
    key = cache_key(sample, font)
    evil = b"\x89PNG\r\n\x1a\n attacker's picture"
    monkeypatch.setenv("ZWGK_CACHE_KEY", "attacker")
    mac = CacheStore.at(tmp_path, STORE_NAME, RENDERER_VERSION).sign(key.encode(), hashlib.sha256(evil).digest())
    assert mac is not None
    (tmp_path / f"tujie-{key}-{mac[:32]}.png").write_bytes(evil)
    monkeypatch.setenv("ZWGK_CACHE_KEY", "attacker")
    assert render_cached(sample, font, tmp_path)[0].read_bytes() == evil  # with his key it would be used…
    monkeypatch.setenv("ZWGK_CACHE_KEY", "this machine")
    (tmp_path / f"tujie-{key}-{mac[:32]}.png").write_bytes(evil)
    png, fresh = render_cached(sample, font, tmp_path)
    assert fresh and png.read_bytes() == render_png(sample, font)  # …with ours it is not


def test_switched_off_always_renders(font: FontSet, sample: TujieSpec, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_CACHE", "0")
    a, fresh_a = render_cached(sample, font, tmp_path)
    b, fresh_b = render_cached(sample, font, tmp_path)
    assert fresh_a and fresh_b and a != b and a.read_bytes() == b.read_bytes() == render_png(sample, font)
