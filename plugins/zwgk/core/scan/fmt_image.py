"""Images: GPS position and every text field a downloader can read (pixels are not read, no OCR).

Pillow exposes EXIF (incl. GPS) for JPEG/TIFF/WebP; the rest is read from the file structure
ourselves, because Pillow keeps only one JPEG comment, no GIF plain-text blocks, and reads PNG
text chunks after the pixels only when it decodes them:

* JPEG: COM segments, APP1 XMP (standard and extended), APP13 IPTC (caption, by-line…);
* PNG: tEXt / zTXt / iTXt chunks (decompression capped), the eXIf chunk;
* GIF: comment and plain-text extensions, XMP application extension;
* WebP: EXIF and ``XMP `` chunks; TIFF: XMP (tag 700) and the EXIF text tags.

:func:`image_metadata` works on bytes so that images inside DOCX/XLSX/PPTX are scanned exactly
like standalone ones, with their locations prefixed (``嵌入图片 word/media/image1.jpeg …``).
"""

from __future__ import annotations

import io
import re
import struct
import warnings
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from PIL import Image, UnidentifiedImageError

from .. import repofiles
from ..findings import Finding, finding
from .extract import Extraction, Unreadable
from .fingerprint import exception_hint, fingerprint
from .hits import Segment

RULE = "privacy.gps"
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
# GPSLatitude, GPSLongitude (and their refs): a position, not just a GPS version tag.
_POSITION_TAGS = (1, 2, 3, 4)
_TEXT_TAGS = {0x010E: "ImageDescription", 0x013B: "Artist", 0x8298: "Copyright", 0x010D: "DocumentName"}
_XP_TAGS = {
    0x9C9B: "XPTitle", 0x9C9C: "XPComment", 0x9C9D: "XPAuthor", 0x9C9E: "XPKeywords", 0x9C9F: "XPSubject",
}
_USER_COMMENT = 0x9286
_TIFF_XMP = 0x02BC
_GPS_HINT = (
    "请去除图片的位置信息后重新上传：在手机/相机中关闭“位置标记”后重新导出，"
    "或用图片工具另存为不含元数据的图片（如 exiftool -gps:all= 文件名）"
)
# Text chunks are small in real files; a bigger one is an attack on the scanner.
MAX_TEXT_BYTES = 4 * 1024 * 1024

_XMP_STD = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_EXT = b"http://ns.adobe.com/xmp/extension/\x00"
_PNG_SIG = b"\x89PNG\r\n\x1a\n"


def image_kind(data: bytes) -> str | None:
    """The image format by its magic bytes (names and extensions are not trusted)."""
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if data[:8] == _PNG_SIG:
        return "PNG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[:2] == b"BM":
        return "BMP"
    return None


def _text(value: Any) -> str:
    if isinstance(value, tuple):  # some writers store XP* tags as a tuple of byte values
        value = bytes(v for v in value if isinstance(v, int) and 0 <= v < 256)
    if isinstance(value, bytes):
        head, body = value[:8], value[8:]
        if head == b"UNICODE\x00":  # UserComment: 8-byte charset id, then UTF-16 of either order
            value = body.decode("utf-16-be" if body[:1] == b"\x00" else "utf-16-le", "replace")
        elif head in (b"ASCII\x00\x00\x00", b"\x00" * 8):
            value = body.decode("utf-8", "replace")
        else:  # XPTitle, XPComment…: UTF-16LE without header
            value = value.decode("utf-16-le", "replace")
    return str(value).replace("\x00", "").strip()


def _decode(raw: bytes) -> str:
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


_SKIP_XMP_ATTRS = ("about", "parseType", "ID", "Id", "id")


def xmp_text(raw: bytes) -> str:
    """Every element text and attribute value of an XMP packet (values may sit in either)."""
    start = raw.find(b"<x:xmpmeta")
    if start < 0:
        start = raw.find(b"<rdf:RDF")
    end_tag = b"</x:xmpmeta>" if raw.find(b"</x:xmpmeta>") >= 0 else b"</rdf:RDF>"
    end = raw.rfind(end_tag)
    if start >= 0 and end > start:
        try:
            root = ET.fromstring(raw[start : end + len(end_tag)])
        except ET.ParseError:
            root = None
        if root is not None:
            parts: list[str] = []
            for el in root.iter():
                for name, value in el.attrib.items():
                    if not name.rsplit("}", 1)[-1].endswith(_SKIP_XMP_ATTRS):
                        parts.append(value)
                if el.text and el.text.strip():
                    parts.append(el.text.strip())
            return "\n".join(parts)
    # Not well-formed: read it like a person would, tags dropped, attribute values kept.
    text = _decode(raw)
    values = re.findall(r"=\s*\"([^\"]*)\"", text)
    return "\n".join([*values, re.sub(r"<[^>]*>", "\n", text)])


def _inflate(data: bytes, budget: list[int]) -> bytes:
    """zlib data, capped: a 1 KB zTXt chunk can inflate to gigabytes."""
    out = zlib.decompressobj().decompress(data, max(budget[0], 1))
    budget[0] -= len(out)
    return out


# --- format walkers: each returns (location, text) pairs and raw XMP packets --------------


def _jpeg(data: bytes) -> tuple[list[tuple[str, str]], list[bytes]]:
    texts: list[tuple[str, str]] = []
    xmp: list[bytes] = []
    extended: dict[bytes, list[tuple[int, bytes]]] = {}
    pos = 2
    comments = 0
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            break
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD9)):  # standalone markers
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image / start of scan: no metadata after this
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        body = data[pos + 4 : pos + 2 + length]
        pos += 2 + length
        if marker == 0xFE:
            comments += 1
            texts.append((f"JPEG 注释{comments}", _decode(body)))
        elif marker == 0xE1 and body.startswith(_XMP_STD):
            xmp.append(body[len(_XMP_STD):])
        elif marker == 0xE1 and body.startswith(_XMP_EXT):
            chunk = body[len(_XMP_EXT):]
            if len(chunk) >= 40:
                guid, offset = chunk[:32], struct.unpack(">I", chunk[36:40])[0]
                extended.setdefault(guid, []).append((offset, chunk[40:]))
        elif marker == 0xED and body.startswith(b"Photoshop 3.0\x00"):
            texts.extend(_iptc(body))
    for pieces in extended.values():
        xmp.append(b"".join(piece for _, piece in sorted(pieces)))
    return texts, xmp


def _iptc(body: bytes) -> list[tuple[str, str]]:
    """IPTC-IIM datasets of record 2 (caption, by-line, keywords, city…) in Photoshop APP13."""
    out: list[tuple[str, str]] = []
    pos = body.find(b"\x1c\x02")
    while pos >= 0 and pos + 5 <= len(body):
        if body[pos] != 0x1C:
            break
        record, dataset = body[pos + 1], body[pos + 2]
        (size,) = struct.unpack(">H", body[pos + 3 : pos + 5])
        if size & 0x8000:  # extended length: not used for text; stop rather than guess
            break
        value = body[pos + 5 : pos + 5 + size]
        if record == 2 and dataset != 0:
            out.append((f"IPTC 2:{dataset}", _decode(value)))
        pos += 5 + size
    return out


def _png(data: bytes) -> tuple[list[tuple[str, str]], list[bytes], bytes | None]:
    texts: list[tuple[str, str]] = []
    xmp: list[bytes] = []
    exif: bytes | None = None
    budget = [MAX_TEXT_BYTES]
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IEND":
            break
        if kind in (b"tEXt", b"zTXt", b"iTXt"):
            key, _, rest = body.partition(b"\x00")
            keyword = key.decode("latin-1")
            if kind == b"tEXt":
                value = rest.decode("latin-1")
            elif kind == b"zTXt":
                value = _inflate(rest[1:], budget).decode("latin-1")
            else:
                flag, rest = rest[:1], rest[2:]
                _lang, _, rest = rest.partition(b"\x00")
                translated, _, rest = rest.partition(b"\x00")
                raw = _inflate(rest, budget) if flag == b"\x01" else rest
                if keyword == "XML:com.adobe.xmp":
                    xmp.append(raw)
                    continue
                value = translated.decode("utf-8", "replace") + "\n" + raw.decode("utf-8", "replace")
            texts.append((f"PNG 文本 {keyword}", value))
        elif kind == b"eXIf":
            exif = body
    return texts, xmp, exif


def _gif(data: bytes) -> tuple[list[tuple[str, str]], list[bytes]]:
    texts: list[tuple[str, str]] = []
    xmp: list[bytes] = []
    if len(data) < 13:
        return texts, xmp
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)

    def blocks(at: int) -> tuple[bytes, int, bytes]:
        """Sub-blocks from ``at``: (data joined, position after terminator, raw incl. sizes)."""
        chunks: list[bytes] = []
        start = at
        while at < len(data) and data[at] != 0:
            chunks.append(data[at + 1 : at + 1 + data[at]])
            at += 1 + data[at]
        return b"".join(chunks), at + 1, data[start:at]

    comments = 0
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:  # trailer
            break
        if block == 0x21 and pos + 1 < len(data):
            label = data[pos + 1]
            if label == 0xFF and pos + 3 < len(data):  # application extension: 11-byte id block
                app = data[pos + 3 : pos + 3 + data[pos + 2]]
                _, pos, raw = blocks(pos + 3 + data[pos + 2])
                if app.startswith(b"XMP Data"):  # XMP's sub-block sizes are part of its text
                    xmp.append(raw)
                continue
            body, pos, _ = blocks(pos + 2)
            if label == 0xFE:
                comments += 1
                texts.append((f"GIF 注释{comments}", _decode(body)))
            elif label == 0x01 and len(body) > 12:  # plain text extension: drawn on the image
                texts.append(("GIF 文字块", _decode(body[12:])))
            continue
        if block == 0x2C and pos + 10 <= len(data):  # image: descriptor, colour table, LZW data
            flags = data[pos + 9]
            pos += 10 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0) + 1
            _, pos, _ = blocks(pos)
            continue
        break  # damaged: what was read so far still counts
    return texts, xmp


def _webp(data: bytes) -> list[bytes]:
    xmp: list[bytes] = []
    pos = 12
    while pos + 8 <= len(data):
        kind, length = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        if kind == b"XMP ":
            xmp.append(data[pos + 8 : pos + 8 + length])
        pos += 8 + length + (length & 1)
    return xmp


def _exif_segments(exif: Image.Exif, segments: list[Segment], prefix: str) -> dict[int, Any]:
    for tag, name in {**_TEXT_TAGS, **_XP_TAGS}.items():
        if tag in exif:
            segments.append(Segment(f"{prefix}EXIF {name}", _text(exif[tag])))
    user_comment = exif.get_ifd(EXIF_IFD).get(_USER_COMMENT)
    if user_comment:
        segments.append(Segment(f"{prefix}EXIF UserComment", _text(user_comment)))
    gps = exif.get_ifd(GPS_IFD)
    return {k: gps[k] for k in _POSITION_TAGS if k in gps}


def image_metadata(data: bytes, rel_path: str, prefix: str = "") -> Extraction:
    """Metadata text and GPS of one image given as bytes; ``prefix`` starts every location."""
    kind = image_kind(data)
    segments: list[Segment] = []
    findings: list[Finding] = []
    texts: list[tuple[str, str]] = []
    xmp: list[bytes] = []
    exif_chunk: bytes | None = None
    try:
        if kind == "JPEG":
            texts, xmp = _jpeg(data)
        elif kind == "PNG":
            texts, xmp, exif_chunk = _png(data)
        elif kind == "GIF":
            texts, xmp = _gif(data)
        elif kind == "WEBP":
            xmp = _webp(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: pixels are not decoded
            with Image.open(io.BytesIO(data)) as img:
                if kind == "PNG":  # Pillow's PNG getexif() decodes every pixel to find a late eXIf
                    exif = Image.Exif()
                    if exif_chunk:
                        exif.load(exif_chunk)
                else:
                    exif = img.getexif()
                position = _exif_segments(exif, segments, prefix)
                tiff_xmp = exif.get(_TIFF_XMP) if kind == "TIFF" else None
                if isinstance(tiff_xmp, bytes | str):
                    xmp.append(tiff_xmp.encode() if isinstance(tiff_xmp, str) else tiff_xmp)
                if kind in ("TIFF", "WEBP", "BMP") or kind is None:
                    for key, value in img.info.items():
                        if key in ("xmp", "XML:com.adobe.xmp"):
                            xmp.append(value.encode() if isinstance(value, str) else bytes(value))
                        elif isinstance(value, str):
                            texts.append((f"图片元数据 {key}", value))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError,
            struct.error, zlib.error, IndexError) as exc:
        raise Unreadable(
            f"图片文件已损坏或格式无法识别（{type(exc).__name__}）",
            "请用图片工具打开后重新另存为 JPEG 或 PNG 再上传",
        ) from exc
    segments.extend(Segment(prefix + where, text) for where, text in texts)
    xmp_bytes = b"\n".join(dict.fromkeys(xmp))
    if xmp_bytes:
        segments.append(Segment(f"{prefix}XMP", xmp_text(xmp_bytes)))
    if position or b"GPSLatitude" in xmp_bytes or b"GPSLongitude" in xmp_bytes:
        where = f"{prefix}EXIF GPS" if position else f"{prefix}XMP GPS"
        fp = fingerprint(RULE, repr(sorted(position.items())) if position else xmp_bytes.hex()[:4096])
        findings.append(finding(
            RULE, rel_path,
            "图片元数据中含有 GPS 拍摄位置，公开后可据此定位拍摄地点（可能是住址或涉密场所）",
            f"{_GPS_HINT}；{exception_hint(RULE, fp)}",
            location=where,
        ))
    return Extraction(segments, findings)


def extract_image(path: Path, rel_path: str) -> Extraction:
    return image_metadata(repofiles.read_bytes(path), rel_path)
