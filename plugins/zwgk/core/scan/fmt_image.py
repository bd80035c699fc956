"""Images: GPS position and text in EXIF/XMP metadata (pixels are not read, no OCR)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from ..findings import Finding, finding
from .extract import Extraction, Unreadable
from .fingerprint import exception_hint, fingerprint
from .hits import Segment

RULE = "privacy.gps"
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
# GPSLatitude, GPSLongitude (and their refs): a position, not just a GPS version tag.
_POSITION_TAGS = (1, 2, 3, 4)
_TEXT_TAGS = {0x010E: "ImageDescription", 0x013B: "Artist", 0x8298: "Copyright"}
_XP_TAGS = {
    0x9C9B: "XPTitle", 0x9C9C: "XPComment", 0x9C9D: "XPAuthor", 0x9C9E: "XPKeywords", 0x9C9F: "XPSubject",
}
_USER_COMMENT = 0x9286
_GPS_HINT = (
    "请去除图片的位置信息后重新上传：在手机/相机中关闭“位置标记”后重新导出，"
    "或用图片工具另存为不含元数据的图片（如 exiftool -gps:all= 文件名）"
)


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


def extract_image(path: Path, rel_path: str) -> Extraction:
    segments: list[Segment] = []
    findings: list[Finding] = []
    try:
        with Image.open(path) as img:
            exif = img.getexif()
            gps = exif.get_ifd(GPS_IFD)
            xmp = img.info.get("xmp") or img.info.get("XML:com.adobe.xmp") or b""
            for tag, name in {**_TEXT_TAGS, **_XP_TAGS}.items():
                if tag in exif:
                    segments.append(Segment(f"EXIF {name}", _text(exif[tag])))
            user_comment = exif.get_ifd(EXIF_IFD).get(_USER_COMMENT)
            if user_comment:
                segments.append(Segment("EXIF UserComment", _text(user_comment)))
            for key, value in img.info.items():  # PNG tEXt/iTXt chunks, JPEG COM comment
                if isinstance(value, str) and key not in ("XML:com.adobe.xmp",):
                    segments.append(Segment(f"图片元数据 {key}", value))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        raise Unreadable(
            f"图片文件已损坏或格式无法识别（{type(exc).__name__}）",
            "请用图片工具打开后重新另存为 JPEG 或 PNG 再上传",
        ) from exc
    position = {k: gps[k] for k in _POSITION_TAGS if k in gps}
    xmp_bytes = xmp.encode() if isinstance(xmp, str) else bytes(xmp)
    if position or b"GPSLatitude" in xmp_bytes or b"GPSLongitude" in xmp_bytes:
        where = "EXIF GPS" if position else "XMP GPS"
        fp = fingerprint(RULE, repr(sorted(position.items())) if position else xmp_bytes.hex()[:4096])
        findings.append(finding(
            RULE, rel_path,
            "图片元数据中含有 GPS 拍摄位置，公开后可据此定位拍摄地点（可能是住址或涉密场所）",
            f"{_GPS_HINT}；{exception_hint(RULE, fp)}",
            location=where,
        ))
    return Extraction(segments, findings)
