"""scan_attachment: pick the reader by extension, scan the text, never raise."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ..findings import Finding, finding
from .config import ScanConfig
from .detectors import detect_text, scan_segments
from .extract import Extraction, Unreadable
from .fingerprint import FINGERPRINT_RE, exception_hint, fingerprint
from .fmt_image import extract_image
from .fmt_ooxml import extract_docx, extract_pptx
from .fmt_pdf import extract_pdf
from .fmt_xlsx import extract_xlsx
from .hits import hits_to_line_findings
from .markdown import scan_markdown

UNREADABLE = "attachment.unreadable"
TOO_LARGE = "attachment.too_large"
UNSCANNED = "attachment.unscanned"

# How many files each reader actually parsed in this process. Tests and the benchmark use it
# to prove that a cache hit did not open the file again.
PARSE_COUNTS: Counter[str] = Counter()

_Reader = Callable[[Path, str], Extraction]
_READERS: dict[str, tuple[str, _Reader]] = {
    ".pdf": ("pdf", extract_pdf),
    ".docx": ("docx", lambda p, _r: extract_docx(p)),
    ".xlsx": ("xlsx", lambda p, _r: extract_xlsx(p)),
    ".pptx": ("pptx", lambda p, _r: extract_pptx(p)),
    **{ext: ("image", extract_image) for ext in (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp")},
}
_MARKUP = frozenset({".md", ".html", ".htm"})
_PLAIN = frozenset({".txt", ".csv"})
# Formats that hold text we cannot read: not an error (the spec allows any file type), but a
# clerk must know the scan did not look inside. Media, archives of images etc. stay silent.
_OPAQUE_DOCUMENTS = {
    ".doc": "DOCX", ".wps": "DOCX", ".rtf": "DOCX", ".xls": "XLSX", ".et": "XLSX",
    ".ppt": "PPTX", ".dps": "PPTX", ".ofd": "PDF", ".zip": "逐个文件上传", ".rar": "逐个文件上传",
    ".7z": "逐个文件上传",
}


def file_sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _add_fingerprint(item: Finding, content_sha: str, when: str) -> Finding:
    """File-level findings (unreadable, too large…) are allowed per exact file content."""
    if FINGERPRINT_RE.search(item.hint):
        return item
    fp = fingerprint(item.rule, content_sha)
    return Finding(
        item.path, item.rule, item.severity, item.field, item.message,
        f"{item.hint}；{exception_hint(item.rule, fp, when)}", item.line, item.location,
    )


def _decode(raw: bytes) -> str | None:
    # Chinese offices still produce GB18030/GBK text files; try UTF-8 first (it is strict).
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _scan(abs_path: Path, rel_path: str, config: ScanConfig) -> list[Finding]:
    ext = abs_path.suffix.lower()
    name = PurePosixPath(rel_path).name
    if ext in _MARKUP or ext in _PLAIN:
        PARSE_COUNTS["text"] += 1
        text = _decode(abs_path.read_bytes())
        if text is None:
            raise Unreadable(
                "文字编码无法识别（既不是 UTF-8 也不是 GB18030）",
                "请用记事本等编辑器“另存为”UTF-8 编码后重新上传",
            )
        text = text.replace("\r\n", "\n")
        if ext in _MARKUP:
            return scan_markdown(text, rel_path, config)
        return hits_to_line_findings(detect_text(text, config), text, rel_path)
    if ext in _READERS:
        kind, reader = _READERS[ext]
        PARSE_COUNTS[kind] += 1
        extraction = reader(abs_path, rel_path)
        return [*extraction.findings, *scan_segments(extraction.segments, rel_path, config)]
    if ext in _OPAQUE_DOCUMENTS:
        target = _OPAQUE_DOCUMENTS[ext]
        fix = f"请转换为 {target} 格式后上传" if target.isascii() else f"请解压后{target}"
        return [finding(
            UNSCANNED, rel_path, f"附件“{name}”的格式（{ext}）无法自动审查，其中的个人信息和密级标志未经检查",
            f"{fix}，以便自动审查；或由审查人人工审查", severity="warning",
        )]
    return []  # images of other kinds, audio, video…: nothing textual to scan


def scan_attachment(abs_path: Path, rel_path: str, config: ScanConfig) -> list[Finding]:
    """All text rules over one attachment. Unreadable files become findings, never exceptions."""
    name = PurePosixPath(rel_path).name
    try:
        size = abs_path.stat().st_size
    except OSError as exc:
        return [finding(
            UNREADABLE, rel_path, f"附件“{name}”无法读取（{exc.strerror or type(exc).__name__}）",
            "确认文件存在、文件名正确且有读取权限",
        )]
    if size > config.max_attachment_bytes:
        limit = config.max_attachment_bytes / 1024 / 1024
        return [_add_fingerprint(finding(
            TOO_LARGE, rel_path,
            f"附件“{name}”大小 {size / 1024 / 1024:.1f} MB，超过自动审查上限 {limit:.0f} MB，未经检查",
            "请压缩或拆分附件（如按章节拆成多个 PDF）后重新上传",
        ), file_sha256(abs_path), "如已人工审查确认无误")]
    try:
        found = _scan(abs_path, rel_path, config)
    except Unreadable as exc:
        found = [finding(UNREADABLE, rel_path, f"附件“{name}”无法读取：{exc.reason}，未能审查", exc.fix)]
    except Exception as exc:  # a parser bug on a strange file must not stop the whole build
        found = [finding(
            UNREADABLE, rel_path, f"附件“{name}”无法解析（{type(exc).__name__}），未能审查",
            "请用原软件打开后重新另存（PDF 请重新导出）再上传",
        )]
    if any(not FINGERPRINT_RE.search(f.hint) for f in found):
        try:
            sha = file_sha256(abs_path)
        except OSError:  # unreadable bytes: the exception can only be tied to the name
            sha = "path:" + rel_path
        found = [_add_fingerprint(f, sha, "如已人工审查确认无误") for f in found]
    return found
