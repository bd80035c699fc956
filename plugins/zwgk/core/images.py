"""Content images: strip what must not be published, and insist on alt text.

* :func:`sanitize_image` re-encodes an uploaded image so that nothing but pixels leaves the
  office: photos from phones carry EXIF with GPS positions (where a clerk lives), camera
  serial numbers and timestamps; XMP and ICC profiles carry free text (author, device,
  editing history).  The EXIF orientation is applied first, otherwise dropping the tag would
  leave portrait photos lying on their side.  Oversized images are scaled down; output is
  deterministic so re-running a build changes no bytes.
* :func:`check_image_alts` finds Markdown/HTML images without meaningful alt text
  (信息无障碍: screen-reader users must learn what a picture shows).
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.token import Token
from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

from zwgk.core.findings import Finding, finding
from zwgk.core.options import TUJIE

_EXT_FORMAT = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}
_SUPPORTED = frozenset(_EXT_FORMAT.values())
WEB_IMAGE_SUFFIXES = frozenset(_EXT_FORMAT)  # what sanitize_image re-encodes for a web page
_JPEG_QUALITIES = (85, 75, 65)
_MAX_FRAMES = 300
_SHRINK_STEP = 0.8
_SHRINK_ROUNDS = 5


class _Refuse(Exception):
    def __init__(self, rule: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.hint = hint


def sanitize_image(
    data: bytes,
    rel_path: str,
    *,
    max_pixels: int = TUJIE.defaults["max_pixels"],
    max_side: int = TUJIE.defaults["max_side"],
    max_bytes: int = TUJIE.defaults["max_bytes"],
) -> tuple[bytes | None, list[Finding]]:
    """Return ``(clean_bytes, findings)``; ``clean_bytes`` is None when the image must not be
    published as is (the findings say why and what to do)."""
    try:
        return _sanitize(data, rel_path, max_pixels, max_side, max_bytes), []
    except _Refuse as r:
        return None, [finding(r.rule, rel_path, r.message, r.hint)]


_UNREADABLE_HINT = "请用看图软件打开确认图片完好，另存为 JPG 或 PNG 后重新上传"


def _sanitize(data: bytes, rel_path: str, max_pixels: int, max_side: int, max_bytes: int) -> bytes:
    try:
        with warnings.catch_warnings():
            # We apply our own (lower) pixel limit below; Pillow's warning would only be noise.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise _Refuse("image.too_large", "图片像素数量异常巨大，疑似损坏或恶意文件。",
                      "请把图片缩小到长边不超过 2560 像素后重新上传") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise _Refuse("image.unreadable", "无法识别这个图片文件（文件可能已损坏，或并不是图片）。",
                      _UNREADABLE_HINT) from exc

    fmt = im.format or ""
    if fmt not in _SUPPORTED:
        raise _Refuse("image.format", f"图片格式 {fmt or '未知'} 不适合在网页上发布。",
                      "请另存为 JPG（照片）或 PNG（截图、图表）后重新上传")
    out_fmt = _EXT_FORMAT.get(PurePosixPath(rel_path).suffix.lower(), fmt)

    w, h = im.size
    frames = getattr(im, "n_frames", 1)
    if frames > _MAX_FRAMES:
        raise _Refuse("image.too_large", f"动图有 {frames} 帧，超过上限 {_MAX_FRAMES} 帧。",
                      "请缩短动图，或改用视频、静态图片")
    if w * h > max_pixels:
        if fmt == "JPEG" and frames == 1:
            # JPEG can be decoded at 1/2, 1/4 or 1/8 size directly, which keeps memory small:
            # this is what lets ordinary 24–48 MP phone photos through.
            # draft() picks the smallest scale still ≥ the requested size, so ask for exactly
            # the first power-of-two reduction that is under the limit.
            for denom in (2, 4, 8):
                if math.ceil(w / denom) * math.ceil(h / denom) <= max_pixels:
                    im.draft("RGB", (math.ceil(w / denom), math.ceil(h / denom)))
                    break
        if im.size[0] * im.size[1] > max_pixels:
            mp = w * h / 1_000_000
            limit = max_pixels / 1_000_000
            raise _Refuse("image.too_large",
                          f"图片为 {w}×{h} 像素（约 {mp:.0f} 百万像素），超过上限 {limit:.0f} 百万像素。",
                          f"请先把图片缩小到长边不超过 {max_side} 像素"
                          "（如用画图或手机相册的“调整大小”）后重新上传")
    if frames * im.size[0] * im.size[1] > 8 * max_pixels:
        raise _Refuse("image.too_large", "动图的总像素量过大。", "请缩小动图尺寸或减少帧数")

    try:
        if frames > 1 and out_fmt in ("GIF", "WEBP", "PNG"):
            return _encode_animation(im, out_fmt, max_side, max_bytes)
        im.load()
        clean = _prepare(im, out_fmt)
    except _Refuse:
        raise
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise _Refuse("image.unreadable", "图片文件不完整或已损坏，无法读取全部内容。",
                      _UNREADABLE_HINT) from exc

    clean = _fit_side(clean, max_side)
    for round_ in range(_SHRINK_ROUNDS + 1):
        for quality in _JPEG_QUALITIES if out_fmt in ("JPEG", "WEBP") else (0,):
            out = _encode(clean, out_fmt, quality)
            if len(out) <= max_bytes:
                return out
        if round_ < _SHRINK_ROUNDS:
            clean = clean.resize(_scaled(clean.size, _SHRINK_STEP), Image.Resampling.LANCZOS)
    raise _Refuse("image.too_large", f"图片压缩后仍超过 {max_bytes // 1000} KB。",
                  "请裁掉无关部分或缩小尺寸后重新上传；截图类图片可另存为 JPG")


def _scaled(size: tuple[int, int], factor: float) -> tuple[int, int]:
    return max(1, round(size[0] * factor)), max(1, round(size[1] * factor))


def _fit_side(im: Image.Image, max_side: int) -> Image.Image:
    w, h = im.size
    if max(w, h) <= max_side:
        return im
    factor = max_side / max(w, h)
    if im.mode == "P":
        im = im.convert("RGBA")
    # reducing_gap: a cheap box reduction first, then Lanczos; deterministic and fast.
    return im.resize(_scaled((w, h), factor), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _to_srgb(im: Image.Image) -> Image.Image:
    """Convert pixels to sRGB using the embedded ICC profile, so dropping the profile (it can
    carry free text) does not shift colours of wide-gamut phone photos."""
    icc = im.info.get("icc_profile")
    if not icc or im.mode not in ("RGB", "RGBA", "CMYK"):
        return im
    try:
        src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        dst = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        out_mode = "RGBA" if im.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(im, src, dst, outputMode=out_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return im  # a broken profile: keep the pixels as they are
    return converted if converted is not None else im


def _prepare(im: Image.Image, out_fmt: str) -> Image.Image:
    """Orientation applied, colours in sRGB, a mode the output format takes, no metadata."""
    try:
        rotated = ImageOps.exif_transpose(im)
    except (ValueError, OSError, SyntaxError, TypeError, KeyError):
        rotated = im  # unreadable EXIF: nothing to apply, and it is dropped below anyway
    im = _to_srgb(rotated if rotated is not None else im)
    if im.mode == "CMYK":
        im = im.convert("RGB")
    has_alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    if out_fmt == "JPEG":
        if has_alpha:
            rgba = im.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            im = flat
        elif im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
    elif out_fmt == "WEBP":
        if im.mode not in ("RGB", "RGBA"):
            im = im.convert("RGBA" if has_alpha else "RGB")
    elif out_fmt == "GIF":
        if im.mode not in ("P", "L"):
            im = im.convert("RGBA" if has_alpha else "RGB").convert("P", palette=Image.Palette.ADAPTIVE)
    elif im.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        im = im.convert("RGBA" if has_alpha else "RGB")
    return _strip(im)


def _strip(im: Image.Image) -> Image.Image:
    """A copy that carries pixels (and palette transparency) only: EXIF, XMP, ICC, PNG text
    chunks, comments and DPI all live in ``info`` / the EXIF cache and are left behind."""
    clean = im.copy()
    transparency = im.info.get("transparency")
    clean.info.clear()
    if transparency is not None:
        clean.info["transparency"] = transparency
    clean.getexif().clear()
    return clean


def _encode(im: Image.Image, fmt: str, quality: int) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        im.save(buf, format="JPEG", quality=quality, optimize=True, progressive=False)
    elif fmt == "WEBP":
        im.save(buf, format="WEBP", quality=quality, method=4)
    elif fmt == "GIF":
        im.save(buf, format="GIF", optimize=False)
    else:
        im.save(buf, format="PNG", compress_level=9 if im.size[0] * im.size[1] < 1_000_000 else 6)
    return buf.getvalue()


def _encode_animation(im: Image.Image, fmt: str, max_side: int, max_bytes: int) -> bytes:
    frames: list[Image.Image] = []
    durations: list[int] = []
    for frame in ImageSequence.Iterator(im):
        durations.append(int(frame.info.get("duration", 100)))
        rgba = _fit_side(frame.convert("RGBA"), max_side)
        frames.append(_strip(rgba.convert("P", palette=Image.Palette.ADAPTIVE) if fmt == "GIF" else rgba))
    loop = int(im.info.get("loop", 0))
    buf = io.BytesIO()
    frames[0].save(buf, format=fmt, save_all=True, append_images=frames[1:], duration=durations, loop=loop,
                   **({"quality": 85, "method": 4} if fmt == "WEBP" else {}))
    out = buf.getvalue()
    if len(out) > max_bytes:
        raise _Refuse("image.too_large", f"动图处理后仍超过 {max_bytes // 1000} KB。",
                      "请缩小动图尺寸、减少帧数，或改用视频")
    return out


# ---------------------------------------------------------------------------------------------
# alt text

_GENERIC_ALTS = frozenset({
    "图", "图片", "图像", "照片", "相片", "截图", "截屏", "插图", "配图", "示意图", "图示", "附图", "图表",
    "image", "img", "picture", "pic", "photo", "figure", "fig", "screenshot", "untitled", "alt",
    "logo", "icon", "banner", "placeholder", "无", "空", "null", "none",
})
_GENERIC_NUMBERED = re.compile(r"^(图|图片|照片|截图|插图|image|img|figure|fig|pic|photo)?\d+$")
_CAMERA_NAME = re.compile(
    r"^(img|dsc|dscn|dscf|pxl|mmexport|wechatimg|wx_camera|screenshot|微信图片|屏幕截图|截屏)[\w\-. ]*$", re.I
)
_IMG_EXT = re.compile(r"\.(jpe?g|png|gif|webp|svg|bmp|tiff?)$", re.I)


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def alt_problem(alt: str | None, src: str) -> str | None:
    """Why ``alt`` is not meaningful for an image at ``src``; None when it is fine."""
    if alt is None:
        return "没有 alt 替代文字"
    text = alt.strip()
    if not text:
        return "替代文字为空"
    norm = _norm(text)
    if not norm:
        return "替代文字只有标点或符号"
    if norm in _GENERIC_ALTS or _GENERIC_NUMBERED.match(norm):
        return f"替代文字“{text}”过于笼统，没有说明图片内容"
    name = PurePosixPath(src.split("?")[0].split("#")[0]).name
    stem = _IMG_EXT.sub("", name)
    if norm in (_norm(name), _norm(stem)) or _IMG_EXT.search(text) or _CAMERA_NAME.match(text):
        return f"替代文字“{text}”是文件名，没有说明图片内容"
    return None


_ALT_HINT = (
    "请在方括号里写明图片表达的内容，例如 ![2025年全市一般公共预算收入构成饼图](chart.png)；"
    "HTML 图片请写 alt=\"…\"。纯装饰图片请用 <img alt=\"\" role=\"presentation\" …>"
)

_CONTAINER = re.compile(r"^(\s*)(!!!|\?\?\?\+?|===)(\s|$)")


def _unwrap_containers(lines: list[str]) -> list[str]:
    """Material's admonitions (!!! / ???) and content tabs (===) indent their body by four
    spaces, which CommonMark would read as a code block; dedent them so images inside are
    checked.  Line numbers are preserved."""
    changed = True
    passes = 0
    while changed and passes < 10:
        changed = False
        passes += 1
        out: list[str] = []
        body_indent: int | None = None
        for line in lines:
            m = _CONTAINER.match(line)
            if m and body_indent is None:
                body_indent = len(m.group(1)) + 4
                out.append("")
                changed = True
                continue
            if body_indent is not None:
                indent = len(line) - len(line.lstrip(" "))
                if not line.strip():
                    out.append(line)
                    continue
                if indent >= body_indent:
                    out.append(line[:body_indent - 4] + line[body_indent:])
                    continue
                body_indent = None
                m = _CONTAINER.match(line)
                if m:
                    body_indent = len(m.group(1)) + 4
                    out.append("")
                    continue
            out.append(line)
        lines = out
    return lines


class _ImgParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[int, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append((self.getpos()[0], dict(attrs)))

    handle_startendtag = handle_starttag


def _html_images(html: str) -> list[tuple[int, dict[str, str | None]]]:
    parser = _ImgParser()
    try:
        parser.feed(html)
        parser.close()
    except (ValueError, AssertionError):  # malformed markup: report what was found so far
        pass
    return parser.images


def _decorative(attrs: dict[str, str | None]) -> bool:
    return (attrs.get("alt") == "" and (attrs.get("role") in ("presentation", "none")
                                        or attrs.get("aria-hidden") == "true"))


def check_image_alts(markdown: str, path: str) -> list[Finding]:
    """Rule ``image.alt_missing`` for each Markdown or HTML image without meaningful alt text.
    Images in fenced/indented code and inline code are ignored."""
    lines = _unwrap_containers(markdown.splitlines())
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse("\n".join(lines))
    found: list[tuple[int, str, str | None]] = []  # (line, src, alt)

    def add_html(html: str, first_line: int) -> None:
        for rel_line, attrs in _html_images(html):
            if _decorative(attrs):
                continue
            found.append((first_line + rel_line - 1, attrs.get("src") or "", attrs.get("alt")))

    for tok in tokens:
        if tok.type == "html_block" and tok.map:
            add_html(tok.content, tok.map[0] + 1)
        elif tok.type == "inline" and tok.map and tok.children:
            _inline_images(tok, tok.children, found, add_html)

    out: list[Finding] = []
    for line, src, alt in found:
        problem = alt_problem(alt, src)
        if problem is None:
            continue
        out.append(finding("image.alt_missing", path, f"图片“{src or '（无地址）'}”{problem}。", _ALT_HINT,
                           field=src or None, line=line))
    return out


def _inline_images(tok: Token, children: list[Token], found: list[tuple[int, str, str | None]],
                   add_html: Callable[[str, int], None]) -> None:
    first = tok.map[0] + 1 if tok.map else 1
    content = tok.content
    low = content.lower()
    cursor = 0

    def line_of(marker: str) -> int:
        nonlocal cursor
        pos = low.find(marker, cursor)
        if pos < 0:
            pos = cursor
        else:
            cursor = pos + len(marker)
        return first + content.count("\n", 0, pos)

    stack = list(children)
    while stack:
        child = stack.pop(0)
        if child.type == "image":
            line = line_of("![")
            src = str(child.attrGet("src") or "")
            found.append((line, src, child.content))
        elif child.type == "html_inline" and "<img" in child.content.lower():
            add_html(child.content, line_of("<img"))
        if child.children:
            stack[0:0] = child.children
