"""Render cache: a build re-renders only the 图解 whose source, font or renderer changed.

Key = sha256(RENDERER_VERSION + font digest + canonical JSON of the spec). The PNG is published
as it is, so a cached file is never trusted by its name (issue 13 §1): its file name carries an
HMAC, made with the machine-local cache key (:mod:`zwgk.core.cachestore`), over the key *and the
sha256 of the PNG bytes* — the signed index entry travels in the name. On a lookup the bytes are
hashed again; a file somebody else wrote or changed, a damaged or truncated one, or one from
another machine does not verify and the image is rendered afresh. Without a key (``ZWGK_CACHE=0``,
no writable state folder) every call renders.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from pathlib import Path

from zwgk.core.cachestore import CacheStore, write_atomic
from zwgk.core.tujie.fonts import FontSet
from zwgk.core.tujie.render import PNG_COMPRESS_LEVEL, RENDERER_VERSION, render_image
from zwgk.core.tujie.spec import TujieSpec

STORE_NAME = "tujie"


def cache_key(spec: TujieSpec, font: FontSet) -> str:
    h = hashlib.sha256()
    for part in (RENDERER_VERSION, font.digest, spec.to_canonical_json()):
        h.update(part.encode("utf-8"))
        h.update(b"\0")  # separator: no two different triples hash the same bytes
    return h.hexdigest()


def _signature(store: CacheStore, key: str, data: bytes) -> str | None:
    mac = store.sign(key.encode("ascii"), hashlib.sha256(data).digest())
    return None if mac is None else mac[:32]  # 128 bits: forging needs the key, not luck


def render_cached(spec: TujieSpec, font: FontSet, cache_dir: Path,
                  store: CacheStore | None = None) -> tuple[Path, bool]:
    """Return ``(png_path, rendered_now)``. ``cache_dir`` holds the PNGs (outside the repository:
    :func:`zwgk.core.cachestore.repo_folder`); ``store`` supplies the signing key (default: the
    machine's). A new PNG is written to a temporary file and ``os.replace``d into place, so a crash
    or a parallel build never leaves half a PNG."""
    store = store if store is not None else CacheStore.at(cache_dir, STORE_NAME, RENDERER_VERSION)
    cache_dir.mkdir(parents=True, exist_ok=True)
    key = cache_key(spec, font)
    prefix = f"tujie-{key}-"
    for candidate in sorted(cache_dir.glob(f"{prefix}*.png")):
        try:
            data = candidate.read_bytes()
        except OSError:
            continue
        sig = _signature(store, key, data)
        if sig is not None and candidate.name == f"{prefix}{sig}.png":
            return candidate, False
    img = render_image(spec, font)
    buf = io.BytesIO()
    # Explicit format: nothing to infer it from.
    img.save(buf, format="PNG", compress_level=PNG_COMPRESS_LEVEL, optimize=False)
    data = buf.getvalue()
    sig = _signature(store, key, data)
    if sig is None:  # caching off: a fresh, unique name each time (never reused, never trusted)
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".png", dir=cache_dir)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return Path(name), True
    target = cache_dir / f"{prefix}{sig}.png"
    write_atomic(target, data)
    # Files of the same key that failed verification are somebody else's or damaged: drop them.
    for stale in cache_dir.glob(f"{prefix}*.png"):
        if stale != target:
            with contextlib.suppress(OSError):
                stale.unlink()
    return target, True
