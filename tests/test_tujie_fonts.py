"""The font that ships with the package: found first, same pixels as the system's Noto CJK, the
demo renders the same bytes with system font lookup disabled, and a character outside the subset
is a Chinese finding (tujie.tofu), never a box on the picture.

Real fonts throughout: the packaged subset, and the Debian Noto CJK when installed (the tests that
compare against it skip without it, e.g. on the Windows/macOS CI jobs)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest
from support import REPO, run_check
from zwgk.core import placeholders
from zwgk.core.tujie import FontSet, find_font, load_spec, missing_glyphs, render_png
from zwgk.core.tujie import fonts as fonts_mod
from zwgk.core.tujie import render as render_mod
from zwgk.core.tujie.spec import TujieSpec

FONT_DIR = REPO / "plugins" / "zwgk" / "data" / "fonts"
DEMO_TUJIE = REPO / "interpretations" / "yijianshi" / "tujie.yml"
SAMPLES = sorted((REPO / "tests" / "data" / "tujie").glob("*.yml"))


def _spec(path: Path, text: str | None = None) -> TujieSpec:
    spec, findings = load_spec(text if text is not None else path.read_text(encoding="utf-8"), path.name)
    assert spec is not None, [f.format_text() for f in findings]
    return spec


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with no system fonts: the switch a clerk (or CI) sets, not a mock of the lookup."""
    monkeypatch.setenv("ZWGK_SYSTEM_FONTS", "0")


@pytest.fixture(scope="module")
def system_font() -> FontSet:
    fs, _ = find_font(None, packaged=False)
    if fs is None:
        pytest.skip("no system Chinese font (apt-get install fonts-noto-cjk)")
    return fs


# --- what ships ----------------------------------------------------------------------------------


def test_packaged_fonts_and_licence_ship_together() -> None:
    names = sorted(p.name for p in FONT_DIR.iterdir())
    assert names == ["NotoSansCJKsc-Bold.subset.otf", "NotoSansCJKsc-Regular.subset.otf", "OFL.txt"]
    licence = (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
    assert "scripts/subset_font.py" in licence
    for otf in FONT_DIR.glob("*.otf"):
        assert otf.stat().st_size < 3_000_000, f"{otf.name}: the subset grew; see scripts/subset_font.py"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/**/*"' in pyproject  # package-data: the fonts and OFL.txt go into the wheel


def test_packaged_font_is_the_default_without_system_fonts(no_system_fonts: None) -> None:
    fs, findings = find_font(None)
    assert findings == [] and fs is not None
    assert fs.regular == fonts_mod.PACKAGED_FONT and fs.bold is not None and fs.bold.parent == FONT_DIR
    assert fs.family == "Noto Sans CJK SC"
    assert fs.get(20, bold=True).getname() == ("Noto Sans CJK SC", "Bold")


def test_packaged_font_comes_before_the_system_font() -> None:
    # Whatever this machine has installed: same font ⇒ same bytes and same tofu findings everywhere.
    fs, _ = find_font(None)
    assert fs is not None and fs.regular == fonts_mod.PACKAGED_FONT


@pytest.mark.parametrize("value", ["0", "false", "No", "off"])
def test_switch_turns_system_lookup_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ZWGK_SYSTEM_FONTS", value)
    fs, findings = find_font(None, packaged=False)
    assert fs is None and [f.rule for f in findings] == ["tujie.font_missing"]
    assert "pip install --force-reinstall zwgk" in findings[0].hint


def test_switch_on_finds_the_system_font(monkeypatch: pytest.MonkeyPatch, system_font: FontSet) -> None:
    monkeypatch.setenv("ZWGK_SYSTEM_FONTS", "1")
    fs, findings = find_font(None, packaged=False)
    assert findings == [] and fs == system_font and fs.regular != fonts_mod.PACKAGED_FONT


# --- coverage ------------------------------------------------------------------------------------


def _texts_the_templates_draw() -> str:
    """Every string literal of the renderer (问, 答, 政策解读, 对比项…) and every scaffold placeholder."""
    src = Path(render_mod.__file__).read_text(encoding="utf-8")
    literals = [t.string for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type == tokenize.STRING]
    return "".join(literals) + "".join(m.text for m in placeholders.MARKERS) + "0123456789年月日"


def test_subset_covers_gb2312_and_what_the_templates_draw(no_system_fonts: None) -> None:
    fs, _ = find_font(None)
    assert fs is not None
    gb2312 = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                gb2312.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    assert len(gb2312) == 7445
    missing = [c for c in gb2312 + list(_texts_the_templates_draw()) if not c.isspace() and not fs.has_char(c)]
    assert missing == []


@pytest.mark.parametrize("path", [DEMO_TUJIE, *SAMPLES], ids=lambda p: p.name)
def test_demo_and_samples_need_no_other_font(path: Path, no_system_fonts: None) -> None:
    fs, _ = find_font(None)
    assert fs is not None
    assert missing_glyphs(_spec(path), fs, path.name) == []


def test_character_outside_the_subset_is_a_chinese_finding(no_system_fonts: None) -> None:
    # 龘 (U+9F98) is in Unicode's basic block and in the full Noto CJK, but not in GB 2312.
    fs, _ = find_font(None)
    assert fs is not None and not fs.has_char("龘")
    text = DEMO_TUJIE.read_text(encoding="utf-8").replace("数说新政", "数说新政龘", 1)
    (f,) = missing_glyphs(_spec(DEMO_TUJIE, text), fs, "interpretations/yijianshi/tujie.yml")
    assert f.rule == "tujie.tofu" and f.severity == "error" and f.path == "interpretations/yijianshi/tujie.yml"
    assert f.field == "blocks[0] -> heading"
    assert "“龘”（U+9F98" in f.message and "方框" in f.message
    assert "GB 2312" in f.hint and "tujie_font" in f.hint


def test_a_configured_full_font_draws_that_character(system_font: FontSet, tmp_path: Path) -> None:
    # The passing twin: the clerk points tujie_font at a full Noto CJK and the finding goes away.
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / system_font.regular.name).symlink_to(system_font.regular)
    fs, findings = find_font(f"fonts/{system_font.regular.name}", tmp_path)
    assert findings == [] and fs is not None
    text = DEMO_TUJIE.read_text(encoding="utf-8").replace("数说新政", "数说新政龘", 1)
    assert missing_glyphs(_spec(DEMO_TUJIE, text), fs, "x") == []


# --- same bytes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [DEMO_TUJIE, *SAMPLES], ids=lambda p: p.name)
def test_demo_bytes_identical_with_system_lookup_disabled(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _spec(path)
    normal, _ = find_font(None)
    monkeypatch.setenv("ZWGK_SYSTEM_FONTS", "0")
    without, _ = find_font(None)
    assert normal is not None and without is not None
    assert render_png(spec, without) == render_png(spec, normal)


@pytest.mark.parametrize("path", [DEMO_TUJIE, *SAMPLES], ids=lambda p: p.name)
def test_subset_draws_the_same_pixels_as_the_full_font(path: Path, system_font: FontSet) -> None:
    """The subset keeps outlines, CFF hints and metrics: the PNG is byte-identical to one drawn with
    Debian's full Noto Sans CJK SC (the font the subset was made from)."""
    if system_font.regular.name != "NotoSansCJK-Regular.ttc" or system_font.regular_index != 2:
        pytest.skip(f"system font is {system_font.regular.name}#{system_font.regular_index}, not the source")
    packaged, _ = find_font(None)
    assert packaged is not None
    spec = _spec(path)
    assert render_png(spec, packaged) == render_png(spec, system_font)


def test_zwgk_check_on_the_demo_without_system_fonts(no_system_fonts: None) -> None:
    result = run_check(REPO)
    assert not [f for f in result.findings if f.rule.startswith("tujie.")]


def test_subset_script_reproduces_the_shipped_regular_face() -> None:
    pytest.importorskip("fontTools")
    if not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").is_file():
        pytest.skip("source font not installed (apt-get install fonts-noto-cjk)")
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "subset_font.py"), "--check", "--weight", "Regular"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "NotoSansCJKsc-Regular.subset.otf: same" in proc.stdout
