"""scan_attachment: pick the reader by extension, scan the text, never raise."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .. import repofiles
from ..findings import Finding, finding
from .config import ScanConfig
from .detectors import detect_text, scan_segments
from .display import joined
from .extract import Extraction, TooLarge, Unreadable
from .fingerprint import FINGERPRINT_RE, exception_hint, fingerprint
from .fmt_image import extract_image
from .fmt_ooxml import extract_docx, extract_pptx
from .fmt_pdf import extract_pdf
from .fmt_sniff import SNIFF_BYTES, markup_start
from .fmt_xlsx import extract_xlsx
from .hits import hits_to_line_findings

UNREADABLE = "attachment.unreadable"
TOO_LARGE = "attachment.too_large"
UNSCANNED = "attachment.unscanned"
FORMAT_REFUSED = "attachment.format_refused"

# How many files each reader actually parsed in this process. Tests and the benchmark use it
# to prove that a cache hit did not open the file again.
PARSE_COUNTS: Counter[str] = Counter()

_Reader = Callable[[Path, str], Extraction]
_READERS: dict[str, tuple[str, _Reader]] = {
    ".pdf": ("pdf", extract_pdf),
    ".docx": ("docx", extract_docx),
    ".xlsx": ("xlsx", extract_xlsx),
    ".pptx": ("pptx", extract_pptx),
    **{ext: ("image", extract_image)
       for ext in (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp")},
}
_PLAIN = frozenset({".txt", ".csv"})
# Allowed formats whose text zwgk cannot read: published, but never silently — each gives an
# attachment.unscanned warning with the format to convert to.
_OPAQUE = {
    **dict.fromkeys((".doc", ".wps", ".rtf"), "请转换为 DOCX 或 PDF 格式后上传"),
    **dict.fromkeys((".xls", ".et"), "请转换为 XLSX 格式后上传"),
    **dict.fromkeys((".ppt", ".dps"), "请转换为 PPTX 或 PDF 格式后上传"),
    ".ofd": "请同时提供 PDF 版本，或转换为 PDF 格式后上传",
    **dict.fromkeys((".zip", ".rar", ".7z"), "请解压后把其中的文件逐个作为附件上传"),
    **dict.fromkeys(
        (".mp3", ".wav", ".m4a", ".aac", ".mp4", ".m4v", ".mov", ".avi", ".wmv", ".flv", ".mkv", ".webm"),
        "音视频中的语音和画面无法自动审查；请确认不含个人信息和涉密内容",
    ),
}
# The allowlist: everything else — HTML, SVG, XML, XSL, MHT, JS, SWF, HTA, macro-enabled Office
# files, no extension at all, names ending in a dot or space… — is refused, because a browser
# renders or runs such a file on the government domain (or may sniff it into HTML).
# .md is not on it either: MkDocs would render a listed .md attachment of an interpretation as a page of
# its own, outside the review of any item (a page is an item or a governed page, never an attachment).
ALLOWED_EXTENSIONS = frozenset({*_READERS, *_PLAIN, *_OPAQUE})
_FORMAT_FIX = "请转换为 PDF 后上传；确需提供原始文件的，打包为 ZIP 压缩包后上传"


def attachment_format_problem(rel_path: str, head: bytes | None = None) -> Finding | None:
    """``attachment.format_refused`` when the name's extension is not on the allowlist or the
    first bytes (``head``, if given) are markup a browser would render. Pure: callers outside
    the scanner (the publish manifest) can use it on any file that will reach site/."""
    name = PurePosixPath(rel_path).name
    ext = _extension(name)
    if ext not in ALLOWED_EXTENSIONS:
        shown = f"扩展名 {ext}" if ext else "没有扩展名"
        return finding(
            FORMAT_REFUSED, rel_path,
            f"附件“{name}”的格式不允许发布（{shown}）：浏览器会把这类文件当作网页显示或执行，"
            "其中的脚本将在政府网站域名下运行",
            f"{_FORMAT_FIX}（允许的格式：PDF、Office 文档、TXT/CSV、常见图片、压缩包和音视频）",
        )
    if head is not None:
        tag = markup_start(head)
        if tag is not None:
            return finding(
                FORMAT_REFUSED, rel_path,
                f"附件“{name}”扩展名为 {ext}，但文件内容以网页标记“{tag}”开头：浏览器可能把它当作网页执行，"
                "其中的脚本将在政府网站域名下运行",
                f"请上传真正的 {ext.lstrip('.').upper()} 文件（用原软件重新导出）；确需提供网页或 XML 文件的，{_FORMAT_FIX}",
            )
    return None


def _extension(name: str) -> str:
    """The last suffix, lower-cased; "" for none. ``a.pdf.`` and ``a.pdf `` keep their odd suffix
    (and are refused), unlike PurePath.suffix, which would give "" or ".pdf "."""
    if "." not in name.lstrip("."):
        return ""
    return "." + name.rsplit(".", 1)[1].lower()


def file_sha256(path: Path) -> str:
    refused = repofiles.problem(path)  # a link to /dev/zero would be hashed forever
    if refused is not None:
        raise refused
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
    ext = _extension(PurePosixPath(rel_path).name)
    name = PurePosixPath(rel_path).name
    if ext in _PLAIN:
        PARSE_COUNTS["text"] += 1
        text = _decode(repofiles.read_bytes(abs_path))
        if text is None:
            raise Unreadable(
                "文字编码无法识别（既不是 UTF-8 也不是 GB18030）",
                "请用记事本等编辑器“另存为”UTF-8 编码后重新上传",
            )
        text = text.replace("\r\n", "\n")
        found = hits_to_line_findings(detect_text(text, config), text, rel_path)
        # A CSV cell ="1531234"&"5675" shows 15312345675 in Excel/WPS: scan the joined text too.
        concatenated = joined(text)
        if concatenated != text:
            found += hits_to_line_findings(detect_text(concatenated, config), concatenated, rel_path)
        return list(dict.fromkeys(found))
    if ext in _READERS:
        kind, reader = _READERS[ext]
        PARSE_COUNTS[kind] += 1
        extraction = reader(abs_path, rel_path)
        return [*extraction.findings, *scan_segments(extraction.segments, rel_path, config)]
    # Only _OPAQUE is left: attachment_format_problem refused everything off the allowlist.
    return [finding(
        UNSCANNED, rel_path, f"附件“{name}”的格式（{ext}）无法自动审查，其中的个人信息和密级标志未经检查",
        f"{_OPAQUE[ext]}，以便自动审查；或由审查人人工审查", severity="warning",
    )]


def _head(abs_path: Path) -> bytes:
    with abs_path.open("rb") as fh:
        return fh.read(SNIFF_BYTES)


def scan_attachment(abs_path: Path, rel_path: str, config: ScanConfig) -> list[Finding]:
    """All text rules over one attachment. Unreadable files become findings, never exceptions.

    A format off the allowlist (or markup disguised under an allowed extension) gives only
    ``attachment.format_refused``, without a fingerprint: no review exception can publish it.
    """
    name = PurePosixPath(rel_path).name
    refused = attachment_format_problem(rel_path)
    if refused is None and abs_path.name != name:
        refused = attachment_format_problem(abs_path.name)
        refused = refused and finding(refused.rule, rel_path, refused.message, refused.hint)
    if refused is not None:
        return [refused]
    try:
        not_regular = repofiles.problem(abs_path)  # a device or a pipe: no read may start (core/repofiles.py)
        if not_regular is not None:
            raise not_regular
        size = abs_path.stat().st_size
        refused = attachment_format_problem(rel_path, _head(abs_path))
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
    if refused is not None:
        return [refused]
    try:
        found = _scan(abs_path, rel_path, config)
    except TooLarge as exc:
        found = [finding(TOO_LARGE, rel_path, f"附件“{name}”超出自动审查的处理上限：{exc.reason}，未经检查", exc.fix)]
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
