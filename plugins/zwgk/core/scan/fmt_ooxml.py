"""Office Open XML (DOCX, PPTX, and the properties of XLSX) read straight from the zip.

python-docx only exposes body paragraphs, tables and headers; leaks also hide in text boxes,
footnotes, comments and tracked deletions (text "deleted" with revision marks on is still in
the file). Reading the XML ourselves covers all of them with one small walker.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from .extract import Extraction, Unreadable
from .hits import Segment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# An XML part this large is a zip bomb or a broken file, not an office document.
MAX_PART_BYTES = 256 * 1024 * 1024

_RESAVE = (
    "请用 WPS 或 Office 打开后“另存为”同一格式（.docx/.xlsx/.pptx），确认能正常打开后重新上传；"
    "设置了打开密码的文件请先取消密码，旧版 .doc/.xls 改了扩展名的也请另存为新格式"
)
_DELETED_NOTE = "（位于修订记录的已删除文字中，文件里仍保存着，可被恢复）"


def open_zip(path: Path, kind: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        why = f"{kind} 文件已损坏或不是真正的 {kind} 格式（{type(exc).__name__}）"
        raise Unreadable(why, _RESAVE) from exc


def read_xml(zf: zipfile.ZipFile, name: str, kind: str) -> ET.Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise Unreadable(f"{kind} 内部的 {name} 解压后超过 256 MB，疑似损坏", _RESAVE)
    try:
        return ET.fromstring(zf.read(info))
    except (ET.ParseError, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise Unreadable(f"{kind} 内部的 {name} 已损坏（{type(exc).__name__}）", _RESAVE) from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# --- document properties (DOCX, XLSX, PPTX alike) ------------------------------------------

_CORE_NAMES = {
    "title": "Title", "subject": "Subject", "keywords": "Keywords", "description": "Comments",
    "creator": "Author", "lastModifiedBy": "LastModifiedBy", "category": "Category",
    "contentStatus": "ContentStatus", "identifier": "Identifier", "version": "Version",
}
_APP_NAMES = ("Company", "Manager", "HyperlinkBase")


def properties(zf: zipfile.ZipFile, kind: str) -> list[Segment]:
    """核心属性 (标题/主题/关键词/备注…), Company/Manager and custom properties."""
    segments: list[Segment] = []
    core = read_xml(zf, "docProps/core.xml", kind)
    if core is not None:
        for el in core:
            name = _CORE_NAMES.get(_local(el.tag))
            if name and el.text:
                segments.append(Segment(f"文档属性 {name}", el.text))
    app = read_xml(zf, "docProps/app.xml", kind)
    if app is not None:
        for el in app:
            if _local(el.tag) in _APP_NAMES and el.text:
                segments.append(Segment(f"文档属性 {_local(el.tag)}", el.text))
    custom = read_xml(zf, "docProps/custom.xml", kind)
    if custom is not None:
        for prop in custom:
            text = "".join(prop.itertext())
            if text:
                segments.append(Segment(f"文档属性 自定义:{prop.get('name', '')}", text))
    return segments


# --- DOCX ---------------------------------------------------------------------------------


def _paragraph(p: ET.Element) -> tuple[str, str, list[ET.Element]]:
    """(visible text, tracked-deleted text, text boxes anchored in the paragraph)."""
    text: list[str] = []
    deleted: list[str] = []
    boxes: list[ET.Element] = []
    stack = list(reversed(p))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == W + "t":
            text.append(el.text or "")
        elif tag == W + "delText":
            deleted.append(el.text or "")
        elif tag == W + "tab":
            text.append("\t")
        elif tag in (W + "br", W + "cr"):
            text.append("\n")
        elif tag == W + "noBreakHyphen":
            text.append("-")
        elif tag == W + "txbxContent":
            boxes.append(el)
        elif tag != MC_FALLBACK:  # Fallback repeats the text box of mc:Choice for old readers
            stack.extend(reversed(el))
    return "".join(text), "".join(deleted), boxes


class _DocxWalker:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.boxes = 0

    def add(self, location: str, text: str, deleted: str) -> None:
        self.segments.append(Segment(location, text))
        if deleted.strip():
            self.segments.append(Segment(location, deleted, _DELETED_NOTE))

    def block(self, container: ET.Element, prefix: str) -> None:
        """Body-level content: numbered paragraphs ``{prefix}第N段`` and tables."""
        paragraphs = tables = 0
        for el in _flatten(container):
            if el.tag == W + "p":
                paragraphs += 1
                text, deleted, boxes = _paragraph(el)
                self.add(f"{prefix}第{paragraphs}段", text, deleted)
                self._boxes(boxes)
            elif el.tag == W + "tbl":
                tables += 1
                self.table(el, f"{prefix}表格{tables}")

    def table(self, tbl: ET.Element, prefix: str) -> None:
        for r, tr in enumerate((el for el in _flatten(tbl) if el.tag == W + "tr"), 1):
            column = 1
            for tc in (el for el in _flatten(tr) if el.tag == W + "tc"):
                location = f"{prefix}第{r}行第{column}列"
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                column += int(span.get(W + "val", "1")) if span is not None else 1
                texts, deletions, nested = [], [], 0
                for el in _flatten(tc):
                    if el.tag == W + "p":
                        text, deleted, boxes = _paragraph(el)
                        texts.append(text)
                        deletions.append(deleted)
                        self._boxes(boxes)
                    elif el.tag == W + "tbl":
                        nested += 1
                        self.table(el, f"{location}内表格{nested}")
                self.add(location, "\n".join(texts), "\n".join(deletions))

    def _boxes(self, boxes: list[ET.Element]) -> None:
        for box in boxes:
            self.boxes += 1
            self.block(box, f"文本框{self.boxes}")

    def notes(self, root: ET.Element | None, tag: str, label: str) -> None:
        if root is None:
            return
        number = 0
        for note in root.iter(W + tag):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            number += 1
            texts, deletions = [], []
            for p in note.iter(W + "p"):
                text, deleted, _ = _paragraph(p)
                texts.append(text)
                deletions.append(deleted)
            self.add(f"{label}{number}", "\n".join(texts), "\n".join(deletions))


def _flatten(container: ET.Element) -> Iterator[ET.Element]:
    """Children, looking through content controls and custom XML wrappers."""
    for el in container:
        if el.tag in (W + "sdt", W + "customXml", W + "smartTag"):
            inner = el.find(W + "sdtContent") if el.tag == W + "sdt" else el
            if inner is not None:
                yield from _flatten(inner)
        else:
            yield el


def _numbered(zf: zipfile.ZipFile, pattern: str) -> list[str]:
    regex = re.compile(pattern)
    names = [(int(m.group(1) or 0), n) for n in zf.namelist() if (m := regex.fullmatch(n))]
    return [n for _, n in sorted(names)]


def extract_docx(path: Path) -> Extraction:
    with open_zip(path, "DOCX") as zf:
        document = read_xml(zf, "word/document.xml", "DOCX")
        if document is None:
            raise Unreadable("DOCX 中缺少正文（word/document.xml），不是有效的 Word 文档", _RESAVE)
        walker = _DocxWalker()
        body = document.find(W + "body")
        if body is not None:
            walker.block(body, "")
        for kind, label in (("header", "页眉"), ("footer", "页脚")):
            for i, name in enumerate(_numbered(zf, rf"word/{kind}(\d*)\.xml"), 1):
                root = read_xml(zf, name, "DOCX")
                if root is not None:
                    walker.block(root, f"{label}{i}")
        walker.notes(read_xml(zf, "word/footnotes.xml", "DOCX"), "footnote", "脚注")
        walker.notes(read_xml(zf, "word/endnotes.xml", "DOCX"), "endnote", "尾注")
        walker.notes(read_xml(zf, "word/comments.xml", "DOCX"), "comment", "批注")
        return Extraction([*properties(zf, "DOCX"), *walker.segments])


# --- PPTX ---------------------------------------------------------------------------------


def _rels(zf: zipfile.ZipFile, name: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type suffix, part name) for the part ``name``."""
    folder, _, base = name.rpartition("/")
    root = read_xml(zf, f"{folder}/_rels/{base}.rels", "PPTX")
    result: dict[str, tuple[str, str]] = {}
    for rel in [] if root is None else root.iter(REL):
        target = rel.get("Target", "")
        # Targets are relative to the source part's folder unless they start with "/".
        parts = target[1:].split("/") if target.startswith("/") else [*folder.split("/"), *target.split("/")]
        resolved: list[str] = []
        for part in parts:
            if part == "..":
                if resolved:
                    resolved.pop()
            elif part not in ("", "."):
                resolved.append(part)
        result[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], "/".join(resolved))
    return result


def _drawing_text(root: ET.Element) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(A + "t")) for p in root.iter(A + "p"))


def extract_pptx(path: Path) -> Extraction:
    with open_zip(path, "PPTX") as zf:
        presentation = read_xml(zf, "ppt/presentation.xml", "PPTX")
        if presentation is None:
            raise Unreadable("PPTX 中缺少 ppt/presentation.xml，不是有效的演示文稿", _RESAVE)
        rels = _rels(zf, "ppt/presentation.xml")
        slides = [rels[s.get(R_ID, "")][1] for s in presentation.iter() if _local(s.tag) == "sldId"
                  and s.get(R_ID, "") in rels]
        segments = properties(zf, "PPTX")
        for number, name in enumerate(slides, 1):
            slide = read_xml(zf, name, "PPTX")
            if slide is not None:
                segments.append(Segment(f"第{number}张幻灯片", _drawing_text(slide)))
            for kind, target in _rels(zf, name).values():
                notes = read_xml(zf, target, "PPTX") if kind == "notesSlide" else None
                if notes is not None:
                    segments.append(Segment(f"第{number}张幻灯片备注", _drawing_text(notes)))
        return Extraction(segments)
