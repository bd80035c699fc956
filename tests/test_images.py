"""Sanitising uploaded content images, and alt-text checks."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms, PngImagePlugin
from zwgk.core.images import alt_problem, check_image_alts, sanitize_image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"          # Make
    exif[0x0110] = "Model X"             # Model
    exif[0x0131] = "Camera App 1.0"      # Software
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (39.0, 54.0, 26.5)           # latitude: where the clerk took the photo
    gps[3] = "E"
    gps[4] = (116.0, 23.0, 29.0)
    return exif


def _photo(size: tuple[int, int] = (640, 480)) -> Image.Image:
    """A photo-like image (gradient), so JPEG sizes are realistic."""
    w, h = size
    r = Image.linear_gradient("L").resize(size)
    g = r.transpose(Image.Transpose.ROTATE_90).resize(size)
    b = Image.new("L", size, 90)
    im = Image.merge("RGB", (r, g, b))
    # A distinctive dark block top-left, to check orientation after rotation.
    im.paste((0, 0, 0), (0, 0, w // 4, h // 4))
    return im


def _jpeg_with_gps(orientation: int = 1, size: tuple[int, int] = (640, 480)) -> bytes:
    buf = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    _photo(size).save(buf, "JPEG", exif=_exif_with_gps(orientation), quality=90, icc_profile=icc,
                      xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Author: Zhang San</x:xmpmeta>',
                      comment=b"shot at home")
    return buf.getvalue()


def test_fixture_really_has_gps() -> None:
    src = Image.open(io.BytesIO(_jpeg_with_gps()))
    exif = src.getexif()
    assert exif.get_ifd(GPS_IFD)[2] == (39.0, 54.0, 26.5)
    assert "icc_profile" in src.info and "xmp" in src.info and "comment" in src.info


def test_jpeg_gps_exif_xmp_icc_removed() -> None:
    out, findings = sanitize_image(_jpeg_with_gps(), "content/photos/site.jpg")
    assert findings == [] and out is not None
    clean = Image.open(io.BytesIO(out))
    assert clean.format == "JPEG"
    exif = clean.getexif()
    assert len(exif) == 0 and len(exif.get_ifd(GPS_IFD)) == 0
    for key in ("exif", "xmp", "icc_profile", "comment", "photoshop"):
        assert key not in clean.info, key
    for needle in (b"Exif\0\0", b"PhoneMaker", b"Zhang San", b"shot at home", b"xmpmeta"):
        assert needle not in out


def test_orientation_applied_before_stripping() -> None:
    # orientation 6 = "rotate 90° clockwise to display"; a 640×480 sensor image is portrait.
    out, _ = sanitize_image(_jpeg_with_gps(orientation=6), "a.jpg")
    assert out is not None
    clean = Image.open(io.BytesIO(out)).convert("RGB")
    assert clean.size == (480, 640)
    # The dark block (sensor top-left) is now top-right.
    assert sum(clean.getpixel((470, 10))) < 60  # type: ignore[arg-type]
    assert sum(clean.getpixel((10, 10))) > 60  # type: ignore[arg-type]


def test_png_text_chunks_and_exif_removed() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Zhang San")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPS 39.9</x:xmpmeta>")
    buf = io.BytesIO()
    _photo((300, 200)).save(buf, "PNG", pnginfo=info, exif=_exif_with_gps(), dpi=(300, 300))
    out, findings = sanitize_image(buf.getvalue(), "chart.png")
    assert findings == [] and out is not None
    clean = Image.open(io.BytesIO(out))
    assert clean.format == "PNG" and clean.size == (300, 200)
    assert len(clean.getexif()) == 0
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"pHYs", b"iCCP"):
        assert chunk not in out, chunk
    assert b"Zhang San" not in out


def test_output_is_deterministic() -> None:
    data = _jpeg_with_gps()
    a, _ = sanitize_image(data, "a.jpg")
    b, _ = sanitize_image(data, "a.jpg")
    assert a == b


def test_oversize_side_is_downscaled() -> None:
    buf = io.BytesIO()
    _photo((3000, 1000)).save(buf, "JPEG", quality=80)
    out, findings = sanitize_image(buf.getvalue(), "wide.jpg")
    assert findings == [] and out is not None
    assert Image.open(io.BytesIO(out)).size == (2560, 853)


def test_too_many_pixels_png_is_refused() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (1200, 1000), "white").save(buf, "PNG")
    out, findings = sanitize_image(buf.getvalue(), "big.png", max_pixels=1_000_000)
    assert out is None
    (f,) = findings
    assert f.rule == "image.too_large" and f.path == "big.png"
    assert "1200×1000" in f.message and "2560" in f.hint


def test_too_many_pixels_jpeg_is_decoded_smaller() -> None:
    # Phone photos over the pixel limit are decoded at 1/2–1/8 scale instead of refused.
    buf = io.BytesIO()
    _photo((2000, 1500)).save(buf, "JPEG")
    out, findings = sanitize_image(buf.getvalue(), "phone.jpg", max_pixels=1_000_000)
    assert findings == [] and out is not None
    w, h = Image.open(io.BytesIO(out)).size
    assert w * h <= 1_000_000 and w / h == pytest.approx(4 / 3, rel=0.01)


def test_byte_limit_shrinks_or_refuses() -> None:
    noise = Image.effect_noise((1200, 1200), 120).convert("RGB")
    buf = io.BytesIO()
    noise.save(buf, "JPEG", quality=95)
    out, findings = sanitize_image(buf.getvalue(), "noise.jpg", max_bytes=150_000)
    assert findings == [] and out is not None and len(out) <= 150_000
    out, findings = sanitize_image(buf.getvalue(), "noise.jpg", max_bytes=500)
    assert out is None and [f.rule for f in findings] == ["image.too_large"]


@pytest.mark.parametrize("data", [b"", b"not an image", b"\x89PNG\r\n\x1a\n" + b"\0" * 40])
def test_corrupt_bytes_unreadable(data: bytes) -> None:
    out, findings = sanitize_image(data, "broken.png")
    assert out is None and [f.rule for f in findings] == ["image.unreadable"]
    assert "JPG" in findings[0].hint


def test_truncated_jpeg_unreadable() -> None:
    data = _jpeg_with_gps()
    out, findings = sanitize_image(data[: len(data) // 2], "cut.jpg")
    assert out is None and [f.rule for f in findings] == ["image.unreadable"]


def test_unsupported_format() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "BMP")
    out, findings = sanitize_image(buf.getvalue(), "scan.bmp")
    assert out is None and [f.rule for f in findings] == ["image.format"]


def test_transparent_png_saved_as_jpg_gets_white_background() -> None:
    im = Image.new("RGBA", (20, 20), (255, 0, 0, 0))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    out, findings = sanitize_image(buf.getvalue(), "logo.jpg")  # extension decides the format
    assert findings == [] and out is not None
    clean = Image.open(io.BytesIO(out))
    assert clean.format == "JPEG"
    assert clean.convert("RGB").getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=3)


def test_palette_png_keeps_transparency() -> None:
    im = Image.new("P", (10, 10), 0)
    im.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    im.info["transparency"] = 0
    buf = io.BytesIO()
    im.save(buf, "PNG", transparency=0)
    out, _ = sanitize_image(buf.getvalue(), "icon.png")
    assert out is not None
    assert Image.open(io.BytesIO(out)).info.get("transparency") == 0


def test_animated_gif_keeps_frames_drops_comment() -> None:
    frames = [Image.new("P", (40, 30), i) for i in range(3)]
    for f in frames:
        f.putpalette([v for i in range(256) for v in (i, 255 - i, 0)])
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0,
                   comment=b"secret comment")
    out, findings = sanitize_image(buf.getvalue(), "anim.gif")
    assert findings == [] and out is not None
    clean = Image.open(io.BytesIO(out))
    assert getattr(clean, "n_frames", 1) == 3
    assert b"secret comment" not in out


# --- alt text ---------------------------------------------------------------------------------

ALT_CASES = [
    ("![](chart.png)", [1]),
    ("![2025年财政收入构成饼图](chart.png)", []),
    ("![图片](a.png)", [1]),
    ("![image](a.png)", [1]),
    ("![IMG_2034.JPG](IMG_2034.JPG)", [1]),
    ("![chart](chart.png)", [1]),           # alt is the file name
    ("![   ](a.png)", [1]),
    ("![。](a.png)", [1]),
    ("![图1](a.png)", [1]),
    ("第一段\n\n文字 ![](a.png) 文字\n第二行 ![示例市政务服务中心外景](b.png)", [3]),
    ("```\n![](in-code.png)\n```\n", []),
    ("~~~markdown\n![](in-code.png)\n~~~\n\n![](real.png)", [5]),
    ("    ![](indented-code.png)\n", []),
    ("`![](inline-code.png)`", []),
    ('<img src="a.png">', [1]),
    ('<img src="a.png" alt="">', [1]),
    ('<img src="a.png" alt="" role="presentation">', []),
    ('<img src="a.png" alt="示例市政务服务中心办事大厅">', []),
    ('段落\n\n<p>\n说明\n<img src="x.png" alt="图片">\n</p>', [5]),
    ('文字 <img src="x.png"> 文字', [1]),
    ("- 列表项\n- ![](list.png)", [2]),
    ("> 引用\n> ![](quote.png)", [2]),
    ("| 列 | 图 |\n|---|---|\n| a | ![](cell.png) |", [3]),
    ("!!! note \"说明\"\n\n    ![](admonition.png)\n", [3]),
    ("[![](badge.png)](https://example.gov.cn)", [1]),
    ("![办理流程图][flow]\n\n[flow]: flow.png", []),
    ("![][flow]\n\n[flow]: flow.png", [1]),
]


@pytest.mark.parametrize(("markdown", "lines"), ALT_CASES)
def test_alt_checks(markdown: str, lines: list[int]) -> None:
    findings = check_image_alts(markdown, "content/notice.md")
    assert [f.line for f in findings] == lines, [f.format_text() for f in findings]
    for f in findings:
        assert f.rule == "image.alt_missing" and f.path == "content/notice.md"
        assert "替代文字" in f.message or "alt" in f.message
        assert "![" in f.hint


def test_alt_problem_names_cause() -> None:
    assert alt_problem("", "a.png") == "替代文字为空"
    assert "文件名" in (alt_problem("DSC_0001", "x.jpg") or "")
    assert "笼统" in (alt_problem("截图", "x.png") or "")
    assert alt_problem("2025年预算收入结构图", "budget.png") is None


def _png_header_only(width: int, height: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 10)) + chunk(
        b"IEND", b"")


@pytest.mark.parametrize("side", [20_000, 100_000])
def test_decompression_bomb_refused_from_header(side: int) -> None:
    out, findings = sanitize_image(_png_header_only(side, side), "bomb.png")
    assert out is None and [f.rule for f in findings] == ["image.too_large"]
