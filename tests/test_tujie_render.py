"""Rendering, fonts, tofu, cache, HTML twin and alt text of 图解."""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from zwgk.core.tujie import (
    FontSet,
    alt_text,
    cache_key,
    find_font,
    layout,
    load_spec,
    missing_glyphs,
    render_cached,
    render_html,
    render_png,
)
from zwgk.core.tujie import cache as cache_mod
from zwgk.core.tujie.render import MARGIN, WIDTH
from zwgk.core.tujie.spec import TujieSpec
from zwgk.core.tujie.theme import AA_BODY, AA_LARGE, PALETTES, contrast_ratio

DATA = Path(__file__).parent / "data" / "tujie"
SAMPLE_TEXT = (DATA / "sample.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def font() -> FontSet:
    fs, _ = find_font(None)
    if fs is None:
        pytest.skip("no Chinese font installed (apt-get install fonts-noto-cjk)")
    return fs


def load(text: str) -> TujieSpec:
    spec, findings = load_spec(text, "interpretations/p1/tujie.yml")
    assert spec is not None, [f.format_text() for f in findings]
    return spec


@pytest.fixture(scope="module")
def sample() -> TujieSpec:
    return load(SAMPLE_TEXT)


def stress_spec() -> TujieSpec:
    """Every field at its length limit, long Latin words and URLs, 6 figures, 10 steps."""
    url = "https://www.example.gov.cn/zwgk/zcjd/2026/0310/abcdefghijklmnopqrstuvwxyz.html"
    figs = "\n".join(f"      - {{value: '1234567{i}', unit: 万元每人, label: '{'长说明' * 13}'}}"
                     for i in range(6))
    steps = "\n".join(f"      - title: '{'步骤名称' * 7}'\n        text: '{url} {'说明，' * 40}'"
                      for _ in range(10))
    text = f"""\
title: '一图读懂《{"很长的标题" * 10}》'
subtitle: '{"副标题" * 26}'
theme: blue
blocks:
  - type: figures
    heading: '{"标题" * 15}'
    items:
{figs}
  - type: steps
    heading: 流程
    steps:
{steps}
  - type: compare
    heading: 对比
    rows:
      - {{aspect: '{"项" * 20}', old: '{url}', new: '{"新" * 199}。'}}
  - type: measures
    heading: 举措
    items: ['{"举措（" * 30}']
  - type: qa
    heading: 问答
    items: [{{q: '{"问" * 99}？', a: '{url}'}}]
  - type: text
    heading: 段落
    text: '{"段落文字，" * 200}'
footer: {{office: '{"单位" * 20}', date: 2026-03-10}}
"""
    return load(text)


# --- the picture ------------------------------------------------------------------------------


def test_png_is_1080_wide_palette_and_metadata_free(font: FontSet, sample: TujieSpec) -> None:
    png = render_png(sample, font)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size[0] == WIDTH
    assert img.size[1] == layout(sample, font).height
    assert img.mode == "P"
    # No tEXt/iTXt/zTXt/tIME/eXIf chunks: nothing but pixels.
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"tIME", b"eXIf"):
        assert chunk not in png


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_text_contrast_wcag_aa(font: FontSet, sample: TujieSpec, theme: str) -> None:
    """Every piece of text drawn, against the colour it sits on."""
    lay = layout(replace(sample, theme=theme), font)  # type: ignore[arg-type]
    ops = lay.text_ops()
    assert len(ops) > 50
    for op in ops:
        need = AA_LARGE if op.large else AA_BODY
        ratio = contrast_ratio(op.fill, op.bg)
        assert ratio >= need, f"{op.text!r}: {op.fill} on {op.bg} = {ratio:.2f} < {need}"


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_palette_title_survives_decoration(theme: str) -> None:
    p = PALETTES[theme]
    # The title may cross the decorative circles of the header band.
    assert contrast_ratio(p.on_primary, p.header_decor) >= AA_BODY
    assert contrast_ratio(p.on_primary_soft, p.header_decor) >= AA_BODY


def _ink_boxes(font: FontSet, spec: TujieSpec) -> list[tuple[str, tuple[float, float, float, float]]]:
    lay = layout(spec, font)
    out = []
    for op in lay.text_ops():
        x0, y0, x1, y1 = op.font.getbbox(op.text, anchor=op.anchor)
        out.append((op.text, (op.x + x0, op.y + y0, op.x + x1, op.y + y1)))
    return out


@pytest.mark.parametrize("which", ["sample", "stress"])
def test_all_text_inside_margins(font: FontSet, sample: TujieSpec, which: str) -> None:
    spec = sample if which == "sample" else stress_spec()
    height = layout(spec, font).height
    for text, (x0, y0, x1, y1) in _ink_boxes(font, spec):
        assert x0 >= MARGIN and x1 <= WIDTH - MARGIN, f"{text!r} overflows horizontally: {x0}..{x1}"
        assert y0 >= 0 and y1 <= height, f"{text!r} outside the image vertically"


def test_stress_spec_renders(font: FontSet) -> None:
    png = render_png(stress_spec(), font)
    assert Image.open(io.BytesIO(png)).size[0] == WIDTH


def test_renders_without_bold_face(font: FontSet, sample: TujieSpec) -> None:
    regular_only = FontSet(regular=font.regular, regular_index=font.regular_index)
    a = render_png(sample, regular_only)
    assert a == render_png(sample, regular_only)
    assert a != render_png(sample, font)


def test_one_character_changes_the_picture(font: FontSet, sample: TujieSpec) -> None:
    other = load(SAMPLE_TEXT.replace("数说新政", "数说新正"))
    assert render_png(sample, font) != render_png(other, font)


# --- fonts ------------------------------------------------------------------------------------


def test_configured_font_missing() -> None:
    fs, findings = find_font("fonts/NoSuchFont.ttf", Path("/nonexistent-repo"))
    assert fs is None
    (f,) = findings
    assert f.rule == "tujie.font_missing" and f.field == "tujie_font" and f.path == "mkdocs.yml"
    assert "fonts/NoSuchFont.ttf" in f.message
    assert "apt-get install fonts-noto-cjk" in f.hint and "tujie_font" in f.hint


def test_no_font_anywhere() -> None:
    # packaged=False: as if the package data had been stripped (the packaged font is the default).
    fs, findings = find_font(None, search_system=False, packaged=False)
    assert fs is None
    assert [f.rule for f in findings] == ["tujie.font_missing"]
    assert "fonts-noto-cjk" in findings[0].hint


@pytest.mark.parametrize(("name", "content"), [("notes.txt", b"hello"), ("broken.ttf", b"\0\1\0\0garbage")])
def test_configured_font_not_a_font(tmp_path: Path, name: str, content: bytes) -> None:
    (tmp_path / name).write_bytes(content)
    fs, findings = find_font(name, tmp_path)
    assert fs is None and [f.rule for f in findings] == ["tujie.font_missing"]


@pytest.fixture(scope="module")
def system_font() -> FontSet:
    fs, _ = find_font(None, packaged=False)
    if fs is None:
        pytest.skip("no system Chinese font installed (apt-get install fonts-noto-cjk)")
    return fs


def test_configured_ttc_picks_simplified_chinese_face(system_font: FontSet, tmp_path: Path) -> None:
    font = system_font
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "NotoSansCJK-Regular.ttc").symlink_to(font.regular)
    if font.bold is not None:
        (fonts / "NotoSansCJK-Bold.ttc").symlink_to(font.bold)
    fs, findings = find_font("fonts/NotoSansCJK-Regular.ttc", tmp_path)
    assert findings == [] and fs is not None
    family, _style = fs.get(20).getname()
    assert family is not None and family.endswith("SC"), family
    if font.bold is not None:
        assert fs.bold is not None and fs.get(20, bold=True).getname()[1] == "Bold"


def test_system_font_is_found_via_fontconfig_or_debian_path(system_font: FontSet) -> None:
    font = system_font
    assert font.has_char("政") and font.has_char("《") and font.has_char("A")
    assert len(font.digest) == 64


# --- tofu -------------------------------------------------------------------------------------

GRINNING = "\U0001F600"   # emoji: not in Noto Sans CJK
UNASSIGNED = "\u0378"     # unassigned code point


def test_tofu_characters_really_missing(font: FontSet) -> None:
    for ch in (GRINNING, UNASSIGNED):
        assert not font.has_char(ch)
    # Cross-check the cmap reader against FreeType: a missing character draws the same
    # .notdef box as a private-use code point no font here defines.
    f = font.get(40)

    def glyph(ch: str) -> bytes:
        im = Image.new("L", (80, 80))
        ImageDraw.Draw(im).text((10, 10), ch, font=f, fill=255)
        return im.tobytes()

    notdef = glyph("\U000F0000")
    assert glyph(GRINNING) == notdef and glyph(UNASSIGNED) == notdef
    assert glyph("政") != notdef


def test_missing_glyphs_reports_field_chain(font: FontSet) -> None:
    text = SAMPLE_TEXT.replace("推行电子营业执照", f"推行电子营业执照{GRINNING}").replace(
        "title: 网上申请", f"title: 网上申请{UNASSIGNED}")
    spec = load(text)
    findings = missing_glyphs(spec, font, "interpretations/p1/tujie.yml")
    by_field = {f.field: f for f in findings}
    assert set(by_field) == {"blocks[3] -> items[2]", "blocks[1] -> steps[0] -> title"}
    f = by_field["blocks[3] -> items[2]"]
    assert f.rule == "tujie.tofu" and f.severity == "error"
    assert "U+1F600" in f.message and "方框" in f.message
    assert missing_glyphs(load(SAMPLE_TEXT), font, "x") == []


# --- cache ------------------------------------------------------------------------------------


def test_cache_hit_and_miss(font: FontSet, sample: TujieSpec, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    p1, rendered = render_cached(sample, font, cache)
    assert rendered and p1.is_file()
    assert p1.read_bytes() == render_png(sample, font)
    p2, rendered = render_cached(sample, font, cache)
    assert (p2, rendered) == (p1, False)
    changed = load(SAMPLE_TEXT.replace("数说新政", "数说新正"))
    p3, rendered = render_cached(changed, font, cache)
    assert rendered and p3 != p1
    assert sorted(x.name for x in cache.iterdir()) == sorted([p1.name, p3.name])  # no temp files


def test_cache_hit_does_not_render(font: FontSet, sample: TujieSpec, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    render_cached(sample, font, tmp_path)

    def boom(*_a: object) -> None:
        raise AssertionError("rendered on a cache hit")

    monkeypatch.setattr(cache_mod, "render_image", boom)
    assert render_cached(sample, font, tmp_path)[1] is False


def test_cache_key_covers_renderer_and_font(font: FontSet, sample: TujieSpec,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache_key(sample, font)
    monkeypatch.setattr(cache_mod, "RENDERER_VERSION", "tujie-render-999")
    assert cache_key(sample, font) != key
    monkeypatch.undo()
    if font.bold is not None:
        assert cache_key(sample, FontSet(regular=font.regular, regular_index=font.regular_index)) != key


# --- HTML twin and alt text -------------------------------------------------------------------


def test_html_is_semantic_and_well_formed(sample: TujieSpec) -> None:
    html = render_html(sample)
    root = ET.fromstring(html)  # well-formed (all text escaped)
    assert root.tag == "section" and root.get("class") == "zwgk-tujie"
    assert root.find("./header/h2").text == sample.title  # type: ignore[union-attr]
    assert len(root.findall(".//section/h3")) == len(sample.blocks)
    steps = root.findall(".//ol[@class='zwgk-tujie-steps']/li")
    assert len(steps) == 3
    table = root.find(".//table")
    assert table is not None
    assert [th.get("scope") for th in table.findall("./thead/tr/th")] == ["col"] * 3
    assert [th.text for th in table.findall("./thead/tr/th")] == ["对比项", "原政策", "新政策"]
    assert len(table.findall("./tbody/tr/th[@scope='row']")) == 4
    assert len(root.findall(".//dl/dt")) == len(root.findall(".//dl/dd")) == 2
    assert root.find(".//time").get("datetime") == "2026-03-10"  # type: ignore[union-attr]
    for el in root.iter():
        for cls in (el.get("class") or "").split():
            assert cls.startswith("zwgk-tujie"), cls


def test_html_escapes_everything() -> None:
    spec = load(SAMPLE_TEXT.replace("title: 一图读懂《示例市企业开办“一网通办”实施办法》",
                                    "title: '<script>alert(1)</script> & \"x\"'"))
    html = render_html(spec)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html and "&quot;x&quot;" in html


def test_html_heading_level() -> None:
    spec = load(SAMPLE_TEXT)
    assert "<h3 class=\"zwgk-tujie-title\">" in render_html(spec, heading_level=3)
    assert "<h4 class=\"zwgk-tujie-heading\">" in render_html(spec, heading_level=3)


def test_alt_text_is_meaningful(sample: TujieSpec) -> None:
    alt = alt_text(sample)
    assert alt.startswith(sample.title)
    for block in sample.blocks:
        assert block.heading in alt
    assert "3个步骤" in alt and "4项新旧对比" in alt
    assert alt not in ("图片", "图解", "")
    assert "\n" not in alt and len(alt) <= 260


def test_alt_text_bounded_for_long_specs() -> None:
    alt = alt_text(stress_spec())
    assert len(alt) <= 260 and alt.endswith("文字版见图下方。")


def test_sample_pngs_for_review(font: FontSet, tmp_path: Path) -> None:
    """Writes both samples so a reviewer can look at them (path in -rP output)."""
    for name in ("sample", "sample_blue"):
        spec = load((DATA / f"{name}.yml").read_text(encoding="utf-8"))
        (tmp_path / f"{name}.png").write_bytes(render_png(spec, font))
    assert re.match(r".+", str(tmp_path))
    shutil.rmtree(tmp_path)
