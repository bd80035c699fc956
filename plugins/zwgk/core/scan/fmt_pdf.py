"""PDF: what any reader of the file can get at, not only what a viewer shows on the last revision.

* every page's text, the information dictionary, XMP metadata, annotation contents (comments,
  sticky notes, link targets such as ``tel:``), form field values and tooltips, bookmarks;
* **every revision** of an incrementally updated PDF: each ``%%EOF`` ends a complete earlier
  version that any tool can restore (cut the file there), so text "replaced" by an update is
  still published. Earlier revisions report only lines the final one does not contain
  (location ``第2版修订 第1页``), so a number present throughout is reported once;
* embedded files (``/EmbeddedFiles``) are named in an ``attachment.unscanned`` warning.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import repofiles
from ..findings import Finding, finding
from .extract import Extraction, Unreadable
from .fmt_image import xmp_text
from .hits import Segment

if TYPE_CHECKING:
    from pypdf import PdfReader

_REEXPORT = "请用原始文档重新导出 PDF（如在 WPS/Word 中“另存为 PDF”）后重新上传"
# pypdf logs every repaired xref at WARNING; a clerk's build log should show findings only.
logging.getLogger("pypdf").setLevel(logging.ERROR)
# More updates than this is not an office document; older ones are reported, not parsed.
MAX_REVISIONS = 16
_EOF = re.compile(rb"%%EOF[ \t\r\n\x00\x0c]*")


def _open(source: Path | io.BytesIO) -> PdfReader:
    # Imported on the first PDF, not with the module: 0.1-0.2 s of every check, most of which scan no PDF
    # (or find every attachment in the scan cache).
    from pypdf import PdfReader

    try:
        reader = PdfReader(source, strict=False)
    except Exception as exc:  # pypdf raises many unrelated types on damaged files
        raise Unreadable(f"PDF 文件结构损坏（{type(exc).__name__}）", _REEXPORT) from exc
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except Exception:  # unsupported algorithm, missing crypto backend
            opened = False
        if not opened:
            raise Unreadable(
                "PDF 设置了打开密码或加密，无法自动审查", "请上传未加密的 PDF（导出时取消“文档加密”）"
            )
    return reader


def _str(value: Any) -> str:
    with contextlib.suppress(AttributeError):
        value = value.get_object()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else ""


class _Reader:
    def __init__(self, reader: PdfReader, rel_path: str, label: str) -> None:
        self.reader, self.rel_path, self.label = reader, rel_path, label
        self.segments: list[Segment] = []
        self.findings: list[Finding] = []
        self.has_text = False
        self.pages = 0

    def add(self, location: str, text: str) -> None:
        if text.strip():
            self.segments.append(Segment(self.label + location, text))

    def problem(self, what: str, location: str) -> None:
        self.findings.append(finding(
            "attachment.unreadable", self.rel_path, f"PDF 的{what}无法读取，未能审查", _REEXPORT,
            location=self.label + location,
        ))

    def read(self) -> None:
        for part, what in ((self.info, "文档属性（标题、主题等）"), (self.xmp, "XMP 元数据"),
                           (self.fields, "表单域"), (self.outline, "书签")):
            try:
                part()
            except Exception:  # one broken dictionary must not hide the pages
                self.problem(what, what.split("（")[0])
        try:
            pages = list(self.reader.pages)
        except Exception as exc:
            raise Unreadable(f"PDF 页面目录损坏（{type(exc).__name__}）", _REEXPORT) from exc
        self.pages = len(pages)
        for number, page in enumerate(pages, 1):
            try:
                text = page.extract_text() or ""
            except Exception:
                self.problem(f"第{number}页的文字", f"第{number}页")
                continue
            self.has_text = self.has_text or bool(text.strip())
            self.add(f"第{number}页", text)
            try:
                self.annotations(page, number)
            except Exception:
                self.problem(f"第{number}页的批注", f"第{number}页 批注")

    def info(self) -> None:
        meta: Any = self.reader.metadata
        for key in [] if meta is None else list(meta.keys()):
            if key not in ("/CreationDate", "/ModDate"):
                self.add(f"文档属性 {key.lstrip('/')}", _str(meta[key]))

    def xmp(self) -> None:
        root: Any = self.reader.trailer["/Root"].get_object()
        stream = root.get("/Metadata")
        if stream is not None:
            self.add("XMP", xmp_text(stream.get_object().get_data()))

    def annotations(self, page: Any, number: int) -> None:
        annots = page.get("/Annots")
        for annot in [] if annots is None else annots.get_object():
            annot = annot.get_object()
            texts = [_str(annot.get(k)) for k in ("/Contents", "/T", "/Subj", "/RC", "/TU", "/V")]
            self.add(f"第{number}页 批注", "\n".join(texts))
            action = annot.get("/A")
            if action is not None:
                self.add(f"第{number}页 链接", _str(action.get_object().get("/URI")))

    def fields(self) -> None:
        for name, field in (self.reader.get_fields() or {}).items():
            texts = [_str(field.get(k)) for k in ("/V", "/DV", "/TU")]
            self.add(f"表单域 {name}", "\n".join([name, *texts]))

    def outline(self) -> None:
        def titles(items: Iterable[Any]) -> Iterable[str]:
            for item in items:
                if isinstance(item, list):
                    yield from titles(item)
                else:
                    yield _str(item.get("/Title"))

        self.add("书签", "\n".join(titles(self.reader.outline)))

    def embedded(self) -> list[str]:
        try:
            return list(self.reader.attachments)
        except Exception:
            return ["（无法读取的内嵌文件）"]


def _revision_ends(data: bytes) -> list[int]:
    """Offsets just after each ``%%EOF`` (and its line end): the end of each saved version."""
    return [m.end() for m in _EOF.finditer(data)]


def extract_pdf(path: Path, rel_path: str) -> Extraction:
    data = repofiles.read_bytes(path)
    final = _Reader(_open(io.BytesIO(data)), rel_path, "")
    final.read()
    segments, findings = list(final.segments), list(final.findings)

    ends = [end for end in _revision_ends(data) if end < len(data.rstrip())]
    if ends:
        seen = {line.strip() for seg in final.segments for line in seg.text.splitlines()}
        if len(ends) > MAX_REVISIONS:
            findings.append(finding(
                "attachment.unscanned", rel_path,
                f"PDF 经过 {len(ends) + 1} 次保存（增量更新），超过自动审查上限，最早的 {len(ends) - MAX_REVISIONS} 个版本未经检查",
                "请用“另存为”或“打印为 PDF”重新生成一个不含历史版本的 PDF 后上传",
                severity="warning", location="早期修订版本",
            ))
            ends = ends[-MAX_REVISIONS:]
        for number, end in enumerate(ends, 1):
            try:
                earlier = _Reader(_open(io.BytesIO(data[:end])), rel_path, f"第{number}版修订 ")
                earlier.read()
            except Unreadable:
                continue  # a linearisation marker or a partial update: not a version anyone can open
            for seg in earlier.segments:
                new = [line for line in seg.text.splitlines() if line.strip() and line.strip() not in seen]
                if new:
                    segments.append(Segment(seg.location, "\n".join(new)))

    for name in final.embedded():
        findings.append(finding(
            "attachment.unscanned", rel_path, f"PDF 内嵌的文件“{name}”无法自动审查，其中的个人信息未经检查",
            "请在 PDF 中删除内嵌文件（附件）后重新导出；确需提供的请作为单独附件上传",
            severity="warning", location=f"内嵌文件 {name}",
        ))
    if final.pages and not final.has_text:
        # Scanned lists are exactly where inspections find ID numbers: say so, don't pass silently.
        findings.append(finding(
            "attachment.no_text", rel_path,
            "PDF 没有可提取的文字（可能是扫描件或图片），无法自动检查身份证号、手机号等个人信息",
            "请人工逐页审查；或用原始电子文档导出带文字的 PDF，或对扫描件做文字识别（OCR）后重新上传",
            severity="warning",
        ))
    return Extraction(segments, findings)
