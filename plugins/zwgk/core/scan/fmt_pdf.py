"""PDF: text of every page plus the document information dictionary."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader

from ..findings import Finding, finding
from .extract import Extraction, Unreadable
from .hits import Segment

_REEXPORT = "请用原始文档重新导出 PDF（如在 WPS/Word 中“另存为 PDF”）后重新上传"
# pypdf logs every repaired xref at WARNING; a clerk's build log should show findings only.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def extract_pdf(path: Path, rel_path: str) -> Extraction:
    try:
        reader = PdfReader(path, strict=False)
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

    segments: list[Segment] = []
    findings: list[Finding] = []
    try:
        meta = reader.metadata
        if meta is not None:
            for key in list(meta.keys()):
                if key in ("/CreationDate", "/ModDate"):
                    continue
                value = meta[key]
                if isinstance(value, str):
                    segments.append(Segment(f"文档属性 {key.lstrip('/')}", value))
    except Exception:  # a broken Info dictionary must not hide the pages
        findings.append(finding(
            "attachment.unreadable", rel_path, "PDF 的文档属性（标题、主题等）无法读取，未能审查",
            _REEXPORT, location="文档属性",
        ))

    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise Unreadable(f"PDF 页面目录损坏（{type(exc).__name__}）", _REEXPORT) from exc
    has_text = False
    for number, page in enumerate(pages, 1):
        try:
            text = page.extract_text() or ""
        except Exception:
            findings.append(finding(
                "attachment.unreadable", rel_path, f"PDF 第{number}页的文字无法提取，未能审查",
                _REEXPORT, location=f"第{number}页",
            ))
            continue
        has_text = has_text or bool(text.strip())
        segments.append(Segment(f"第{number}页", text))
    if pages and not has_text:
        # Scanned lists are exactly where inspections find ID numbers: say so, don't pass silently.
        findings.append(finding(
            "attachment.no_text", rel_path,
            "PDF 没有可提取的文字（可能是扫描件或图片），无法自动检查身份证号、手机号等个人信息",
            "请人工逐页审查；或用原始电子文档导出带文字的 PDF，或对扫描件做文字识别（OCR）后重新上传",
            severity="warning",
        ))
    return Extraction(segments, findings)
