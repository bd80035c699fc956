"""Content-addressed render cache: a build re-renders only the 图解 whose source, font or
renderer changed.  Key = sha256(RENDERER_VERSION + font digest + canonical JSON of the spec)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from zwgk.core.tujie.fonts import FontSet
from zwgk.core.tujie.render import PNG_COMPRESS_LEVEL, RENDERER_VERSION, render_image
from zwgk.core.tujie.spec import TujieSpec


def cache_key(spec: TujieSpec, font: FontSet) -> str:
    h = hashlib.sha256()
    for part in (RENDERER_VERSION, font.digest, spec.to_canonical_json()):
        h.update(part.encode("utf-8"))
        h.update(b"\0")  # separator: no two different triples hash the same bytes
    return h.hexdigest()


def render_cached(spec: TujieSpec, font: FontSet, cache_dir: Path) -> tuple[Path, bool]:
    """Return ``(png_path, rendered_now)``.  An existing file for the key is trusted (it was
    written atomically); otherwise render, write ``*.tmp`` in the same directory and
    ``os.replace`` it into place, so a crash or a parallel build never leaves half a PNG."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / f"tujie-{cache_key(spec, font)}.png"
    if target.is_file():
        return target, False
    img = render_image(spec, font)
    fd, tmp_name = tempfile.mkstemp(prefix=".tujie-", suffix=".tmp", dir=cache_dir)
    try:
        with os.fdopen(fd, "wb") as fh:
            # Explicit format: the temporary name has no .png suffix to infer it from.
            img.save(fh, format="PNG", compress_level=PNG_COMPRESS_LEVEL, optimize=False)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return target, True
