"""Golden images: the sample specs must render to exactly the recorded PNG bytes.

The digest depends on the renderer, Pillow (it bundles FreeType and zlib) and the font file,
so each golden file records all three.  When the environment differs (another font build or
Pillow version) the comparison is skipped with a note instead of failing: it would say nothing
about our code.  A changed RENDERER_VERSION fails on purpose.

Regenerate after an intended change of the look (and look at the PNGs first!):

    ZWGK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_tujie_golden.py

On a mismatch the actual PNG is written to pytest's tmp dir; the failure message names it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import PIL
import pytest
from zwgk.core.tujie import RENDERER_VERSION, FontSet, find_font, load_spec, render_png

HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "tujie"
SAMPLES = {
    "sample": HERE / "data" / "tujie" / "sample.yml",
    "sample_blue": HERE / "data" / "tujie" / "sample_blue.yml",
}
UPDATE = os.environ.get("ZWGK_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def font() -> FontSet:
    fs, _ = find_font(None)
    if fs is None:
        pytest.skip("no Chinese font installed (apt-get install fonts-noto-cjk)")
    return fs


def _read_golden(path: Path) -> tuple[dict[str, str], str]:
    meta: dict[str, str] = {}
    digest = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key, _, value = line[1:].strip().partition(":")
            meta[key.strip()] = value.strip()
        elif line.strip():
            digest = line.split()[0]
    return meta, digest


def _env(font: FontSet) -> dict[str, str]:
    return {
        "renderer": RENDERER_VERSION,
        "pillow": PIL.__version__,
        "font": f"{font.regular.name}#{font.regular_index} {font.bold.name if font.bold else '-'}"
                f"#{font.bold_index}",
        "font_digest": font.digest,
    }


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_golden_digest(name: str, font: FontSet, tmp_path: Path) -> None:
    spec, findings = load_spec(SAMPLES[name].read_text(encoding="utf-8"), name)
    assert spec is not None, findings
    png = render_png(spec, font)
    digest = hashlib.sha256(png).hexdigest()
    golden = GOLDEN / f"{name}.sha256"
    env = _env(font)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        header = "".join(f"# {k}: {v}\n" for k, v in env.items())
        golden.write_text(
            "# sha256 of render_png() for tests/data/tujie/" + SAMPLES[name].name + "\n"
            "# regenerate: ZWGK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_tujie_golden.py\n"
            + header + f"{digest}  {name}.png\n",
            encoding="utf-8",
        )
        return
    assert golden.is_file(), f"missing {golden}; create it with ZWGK_UPDATE_GOLDEN=1"
    meta, expected = _read_golden(golden)
    assert meta.get("renderer") == RENDERER_VERSION, (
        f"RENDERER_VERSION is {RENDERER_VERSION} but {golden.name} was made with {meta.get('renderer')}: "
        "look at the new PNGs, then regenerate with ZWGK_UPDATE_GOLDEN=1")
    if meta.get("pillow") != env["pillow"] or meta.get("font_digest") != env["font_digest"]:
        pytest.skip(f"golden made with Pillow {meta.get('pillow')} / font {meta.get('font')}; this machine "
                    f"has Pillow {env['pillow']} / font {env['font']} (different font build or version)")
    if digest != expected:
        out = tmp_path / f"{name}.png"
        out.write_bytes(png)
        pytest.fail(f"{name}: rendered PNG differs from golden digest. Actual image: {out}. If the change "
                    "is intended, bump RENDERER_VERSION and regenerate with ZWGK_UPDATE_GOLDEN=1")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_render_twice_identical(name: str, font: FontSet) -> None:
    spec, _ = load_spec(SAMPLES[name].read_text(encoding="utf-8"), name)
    assert spec is not None
    assert render_png(spec, font) == render_png(spec, font)
