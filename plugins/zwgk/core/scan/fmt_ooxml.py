"""Office Open XML (DOCX, PPTX; XLSX cells live in fmt_xlsx) read straight from the zip.

A downloader can unzip the file and read *every* part, whatever Word shows. So:

* parts are found the way Office finds them — package relationships (``_rels/.rels`` →
  officeDocument → its ``_rels/*.rels`` → headers, footers, notes, comments, glossary, slides,
  notes slides…), never by fixed names — and read with a labelled walker (``页眉 header1.xml 第1段``);
* every other XML part (orphans no relationship points to, custom XML, settings with document
  variables, masters…) still gets a generic text pass, labelled with its part name;
* every embedded image (found by magic bytes, not name) is scanned like a standalone image,
  alt text (``wp:docPr``/``p:cNvPr`` descr/title, VML alt) included;
* embedded binaries we cannot read (OLE objects, EMF…) give an ``attachment.unscanned`` warning.

Work is bounded (:class:`Package`): entry count, per-part and total decompressed size, nesting.
"""

from __future__ import annotations

import hashlib
import html
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

from ..findings import Finding, finding
from .extract import Extraction, TooLarge, Unreadable
from .fmt_image import image_kind, image_metadata
from .hits import Segment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# Office Math (OMML): an equation's characters are m:t in m:r runs, not w:t.
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MC_ALTERNATE, MC_CHOICE, MC_FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

# Limits: far above real office files, far below what hangs a build or exhausts memory.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_ENTRIES = 10_000
MAX_NESTING = 2  # a DOCX embedded in a DOCX is read; deeper nesting is reported, not followed

_RESAVE = (
    "请用 WPS 或 Office 打开后“另存为”同一格式（.docx/.xlsx/.pptx），确认能正常打开后重新上传；"
    "设置了打开密码的文件请先取消密码，旧版 .doc/.xls 改了扩展名的也请另存为新格式"
)
_SPLIT = "请把附件拆分为较小的文件（如按章节或工作表拆分）后重新上传"
_DELETED_NOTE = "（位于修订记录的已删除文字中，文件里仍保存着，可被恢复）"
# Parts with no text a person wrote: fonts (glyphs) and printer settings (a DEVMODE).
_HARMLESS_BINARY = (".odttf", ".ttf", ".otf", ".fntdata", ".eot")
_OFFICE_PACKAGE = {"docx", "xlsx", "pptx", "docm", "xlsm", "pptm"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class Rel:
    id: str
    type: str  # the last segment of the relationship type URI, e.g. "header"
    target: str  # resolved part name, or the raw URI when external
    external: bool


@dataclass
class Budget:
    """Decompressed bytes still allowed for this attachment (shared by nested packages)."""

    left: int = MAX_TOTAL_BYTES


@dataclass
class Package:
    zf: zipfile.ZipFile
    kind: str
    budget: Budget = field(default_factory=Budget)
    depth: int = 0
    visited: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        infos = self.zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise TooLarge(f"{self.kind} 内含 {len(infos)} 个部件，超过自动审查上限 {MAX_ENTRIES}", _SPLIT)
        self.infos = {i.filename: i for i in infos if not i.is_dir()}
        # Office matches part names case-insensitively; zip names may differ in case from rels.
        self.folded = {name.lower(): name for name in self.infos}
        self._rels: dict[str, list[Rel]] = {}

    def name(self, part: str) -> str | None:
        return part if part in self.infos else self.folded.get(part.lower())

    def _info(self, part: str) -> zipfile.ZipInfo | None:
        real = self.name(part)
        if real is None:
            return None
        info = self.infos[real]
        if info.file_size > MAX_PART_BYTES:
            raise TooLarge(
                f"{self.kind} 内部的 {real} 解压后 {info.file_size / 1024 / 1024:.0f} MB，"
                f"超过单个部件上限 {MAX_PART_BYTES // 1024 // 1024} MB（疑似压缩炸弹或文件损坏）", _SPLIT,
            )
        if info.file_size > self.budget.left:
            raise TooLarge(
                f"{self.kind} 解压后的总大小超过自动审查上限 {MAX_TOTAL_BYTES // 1024 // 1024} MB"
                "（疑似压缩炸弹）", _SPLIT,
            )
        # zipfile never returns more than file_size bytes, so the declared size is a real bound.
        self.budget.left -= info.file_size
        return info

    def read(self, part: str) -> bytes | None:
        info = self._info(part)
        if info is None:
            return None
        self.visited.add(info.filename)
        try:
            return self.zf.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise Unreadable(f"{self.kind} 内部的 {info.filename} 已损坏（{type(exc).__name__}）", _RESAVE) from exc

    def open(self, part: str) -> IO[bytes] | None:
        """A stream for iterparse (big worksheets are never held in memory whole)."""
        info = self._info(part)
        if info is None:
            return None
        self.visited.add(info.filename)
        return self.zf.open(info)

    def xml(self, part: str) -> ET.Element | None:
        data = self.read(part)
        if data is None:
            return None
        try:
            return ET.fromstring(data)
        except ET.ParseError as exc:
            raise Unreadable(f"{self.kind} 内部的 {self.name(part)} 已损坏（{type(exc).__name__}）", _RESAVE) from exc

    def rels(self, part: str) -> list[Rel]:
        """Relationships of ``part`` ("" = the package itself), targets resolved to part names."""
        if part in self._rels:
            return self._rels[part]
        folder, _, base = part.rpartition("/")
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        root = self.xml(rels_name)
        out: list[Rel] = []
        for rel in [] if root is None else root.iter(REL):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                out.append(Rel(rel.get("Id", ""), kind, target, True))
                continue
            target = target.split("#", 1)[0]
            resolved = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            out.append(Rel(rel.get("Id", ""), kind, resolved.lstrip("/"), False))
        self._rels[part] = out
        return out

    def main_part(self) -> str | None:
        for rel in self.rels(""):
            if rel.type == "officeDocument" and not rel.external:
                return self.name(rel.target)
        return None


def open_zip(path: Path | IO[bytes], kind: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        why = f"{kind} 文件已损坏或不是真正的 {kind} 格式（{type(exc).__name__}）"
        raise Unreadable(why, _RESAVE) from exc


# --- document properties (DOCX, XLSX, PPTX alike) ------------------------------------------

_CORE_NAMES = {
    "title": "Title", "subject": "Subject", "keywords": "Keywords", "description": "Comments",
    "creator": "Author", "lastModifiedBy": "LastModifiedBy", "category": "Category",
    "contentStatus": "ContentStatus", "identifier": "Identifier", "version": "Version",
    "language": "Language",
}


def properties(pkg: Package) -> list[Segment]:
    """核心属性 (标题/主题/关键词/备注…), 扩展属性 (Company/Manager…) and 自定义属性, found
    through the package relationships (with the usual names as a fallback)."""
    parts = {rel.type: rel.target for rel in pkg.rels("") if not rel.external}
    segments: list[Segment] = []
    core = pkg.xml(parts.get("core-properties", "docProps/core.xml"))
    if core is not None:
        for el in core:
            name = _CORE_NAMES.get(_local(el.tag), _local(el.tag))
            if el.text and el.text.strip() and name not in ("created", "modified", "lastPrinted", "revision"):
                segments.append(Segment(f"文档属性 {name}", el.text))
    app = pkg.xml(parts.get("extended-properties", "docProps/app.xml"))
    if app is not None:
        for el in app.iter():
            if len(el) == 0 and el.text and el.text.strip():
                segments.append(Segment(f"文档属性 {_local(el.tag)}", el.text))
    custom = pkg.xml(parts.get("custom-properties", "docProps/custom.xml"))
    if custom is not None:
        for prop in custom:
            text = "".join(prop.itertext())
            if text:
                segments.append(Segment(f"文档属性 自定义:{prop.get('name', '')}", text))
    return segments


# --- text shared by all formats -----------------------------------------------------------

_ALT_ATTRS = ("descr", "title", "alt")


def alt_texts(root: ET.Element) -> list[str]:
    """Alt text of pictures and shapes: DrawingML ``docPr``/``cNvPr`` descr/title, VML alt/title."""
    out: list[str] = []
    for el in root.iter():
        if _local(el.tag) in ("docPr", "cNvPr", "shape", "imagedata", "rect", "group"):
            for name, value in el.attrib.items():
                if _local(name) in _ALT_ATTRS and value.strip():
                    out.append(value)
    return out


# Elements whose attributes are machine codes (font PANOSE/signature digits, revision ids):
# long digit runs there are not personal data and would only produce false alarms.
_CODE_ELEMENTS = frozenset({"panose1", "sig", "charset", "family", "pitch", "rsid", "rsidRoot", "rsids"})


def generic_text(root: ET.Element) -> str:
    """All element text plus text-like attribute values (values, titles, tooltips, alt text)."""
    parts: list[str] = []
    for el in root.iter():
        if el.text and el.text.strip():
            parts.append(el.text.strip())
        if _local(el.tag) in _CODE_ELEMENTS:
            continue
        for name, value in el.attrib.items():
            if _local(name) in ("val", "name", "descr", "title", "alt", "tooltip", "caption") and value.strip():
                parts.append(value)
    return "\n".join(parts)


_TEXT_NODE = re.compile(r">([^<]+)<")
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
# The name is matched after the space or prefix colon before it: no backtracking over prefixes.
_TEXT_ATTR = re.compile(r"""[\s:](?:val|name|descr|title|alt|tooltip|caption)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODE_TAGS = re.compile(r"<(?:[\w.-]+:)?(?:panose1|sig|charset|family|pitch|rsid\w*)\b[^>]*>")


def residual_text(data: bytes) -> str:
    """generic_text for the parts no walker reads (styles, themes, settings, orphans…).

    These are most of a package's bytes and almost never hold anything, so they are read with
    regular expressions (text nodes, CDATA, text-like attribute values, entities decoded) —
    ~20x faster than building a tree. A part with a DTD (which could define entities whose
    values the regexes would not expand) is parsed for real.
    """
    text = data.decode("utf-8", "replace")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        try:
            return generic_text(ET.fromstring(data))
        except ET.ParseError:
            pass  # not well-formed: fall through and read it as text
    text = _CODE_TAGS.sub("", text)
    parts = [node for node in _TEXT_NODE.findall(text) if not node.isspace()]
    parts += _CDATA.findall(text)
    parts += [a or b for a, b in _TEXT_ATTR.findall(text) if (a or b).strip()]
    return html.unescape("\n".join(parts))


_RESIDUAL_MEMO: dict[bytes, str] = {}
_RESIDUAL_MEMO_SIZE = 256


def _residual_cached(data: bytes) -> str:
    """residual_text memoised by the part's SHA-256 (not the zip CRC, which can be forged):
    documents from one template share their styles, theme and font table byte for byte."""
    key = hashlib.sha256(data).digest()
    text = _RESIDUAL_MEMO.get(key)
    if text is None:
        text = residual_text(data)
        if len(_RESIDUAL_MEMO) >= _RESIDUAL_MEMO_SIZE:
            _RESIDUAL_MEMO.pop(next(iter(_RESIDUAL_MEMO)))
        _RESIDUAL_MEMO[key] = text
    return text


def drawing_text(root: ET.Element) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(A + "t")) for p in root.iter(A + "p"))


@dataclass
class Collector:
    """Segments and findings of one package, plus the shared residual/embedded passes."""

    pkg: Package
    rel_path: str
    prefix: str = ""  # "嵌入对象 word/embeddings/x.xlsx " for a nested package
    segments: list[Segment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def add(self, location: str, text: str, note: str = "") -> None:
        if text.strip():
            self.segments.append(Segment(self.prefix + location, text, note))

    def hyperlinks(self, part: str, label: str) -> None:
        """External targets (``tel:``, ``mailto:``, web addresses) show on hover and are public."""
        for rel in self.pkg.rels(part):
            if rel.external:
                self.add(f"{label} 超链接", rel.target)

    def finish(self) -> Extraction:
        """Scan what the labelled walkers did not: other XML parts, images, embedded files."""
        for name, info in list(self.pkg.infos.items()):
            if name in self.pkg.visited or name.endswith(".rels") or name == "[Content_Types].xml":
                continue
            head = self._head(info)
            if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<"):
                self.add(f"部件 {name}", _residual_cached(self.pkg.read(name) or b""))
            elif image_kind(head):
                self._image(name)
            elif name.lower().endswith(_HARMLESS_BINARY) or "printerSettings" in name or info.file_size == 0:
                continue
            elif head.startswith(b"PK\x03\x04") and name.rsplit(".", 1)[-1].lower() in _OFFICE_PACKAGE:
                self._nested(name)
            else:
                self._unscanned(name, "嵌入的对象或文件")
        return Extraction(self.segments, self.findings)

    def _head(self, info: zipfile.ZipInfo) -> bytes:
        try:
            with self.pkg.zf.open(info) as fh:
                return fh.read(16)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise Unreadable(f"{self.pkg.kind} 内部的 {info.filename} 已损坏（{type(exc).__name__}）", _RESAVE) from exc

    def _image(self, name: str) -> None:
        data = self.pkg.read(name) or b""
        where = f"{self.prefix}嵌入图片 {name} "
        try:
            found = image_metadata(data, self.rel_path, where)
        except Unreadable:
            self._unscanned(name, "嵌入图片（无法识别）")
            return
        self.segments.extend(found.segments)
        self.findings.extend(found.findings)

    def _nested(self, name: str) -> None:
        if self.pkg.depth + 1 >= MAX_NESTING:
            self._unscanned(name, "多层嵌入的文档")
            return
        data = self.pkg.read(name) or b""
        kind = name.rsplit(".", 1)[-1].upper()
        inner = Package(open_zip(io.BytesIO(data), kind), kind, self.pkg.budget, self.pkg.depth + 1)
        from .fmt_xlsx import extract_package  # xlsx imports this module

        reader = {"DOCX": docx_package, "DOCM": docx_package, "PPTX": pptx_package, "PPTM": pptx_package}.get(
            kind, extract_package
        )
        found = reader(inner, self.rel_path, f"{self.prefix}嵌入对象 {name} ")
        self.segments.extend(found.segments)
        self.findings.extend(found.findings)

    def _unscanned(self, name: str, what: str) -> None:
        self.findings.append(finding(
            "attachment.unscanned", self.rel_path,
            f"附件内{what}“{name}”无法自动审查，其中的个人信息和密级标志未经检查",
            "请在原文档中删除该对象，或改为普通图片/文字后重新上传；确需保留的由审查人人工审查",
            severity="warning", location=f"{self.prefix}嵌入对象 {name}",
        ))


# --- DOCX ---------------------------------------------------------------------------------


# Run properties that hide a run in Word's display (the text stays in the file, and anyone who
# unzips it or turns on "show hidden text" reads it). Both readings are scanned: with the hidden
# runs (what the file holds) and without them (what Word displays: a hidden "00" inside
# 138‹00›12345678 would otherwise break the number the reader sees).
_HIDING_PROPS = (W + "vanish", W + "specVanish", W + "webHidden")
_OFF = ("0", "false", "off")


def _hiding(rpr: ET.Element | None) -> bool | None:
    """True/False when ``rpr`` sets a hiding property on/off, None when it says nothing."""
    if rpr is None:
        return None
    state = None
    for tag in _HIDING_PROPS:
        el = rpr.find(tag)
        if el is not None:
            if el.get(W + "val", "true").lower() not in _OFF:
                return True
            state = False
    return state


def hidden_styles(root: ET.Element | None) -> frozenset[str]:
    """Style ids (character or paragraph styles, through ``basedOn``) whose run properties hide text."""
    if root is None:
        return frozenset()
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    for style in root.iter(W + "style"):
        sid = style.get(W + "styleId", "")
        own[sid] = _hiding(style.find(W + "rPr"))
        parent = style.find(W + "basedOn")
        if parent is not None:
            based[sid] = parent.get(W + "val", "")
    hidden = set()
    for sid in own:
        seen, cur = set(), sid
        while cur in own and own[cur] is None and cur not in seen and cur in based:
            seen.add(cur)
            cur = based[cur]
        if own.get(cur):
            hidden.add(sid)
    return frozenset(hidden)


def _symbol(el: ET.Element) -> str:
    """``w:sym``: a character given by code (hex); F000–F0FF is the Symbol-font private range."""
    try:
        code = int(el.get(W + "char", ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    return chr(code) if 0 < code < 0x110000 else ""


# (text, hidden, alternatives) — alternatives: (AlternateContent number, branch index) pairs.
_Piece = tuple[str, bool, tuple[tuple[int, int], ...]]


def _readings(pieces: list[_Piece], branches: dict[int, int], split_hidden: bool) -> str:
    """Every distinct reading of a paragraph, one per line (no detector spans a line break).

    A reader picks one branch of each ``mc:AlternateContent`` (Choice or Fallback: which one
    depends on the program) and shows or not the hidden runs; reading *k* takes branch *k*
    (or the last one) everywhere.
    """
    if not branches and not (split_hidden and any(h for _, h, _ in pieces)):
        return "".join(t for t, _, _ in pieces)
    out: list[str] = []
    for k in range(max(branches.values(), default=1)):
        for with_hidden in ((False, True) if split_hidden else (True,)):
            text = "".join(t for t, h, alts in pieces if (with_hidden or not h)
                           and all(i == min(k, branches[ac] - 1) for ac, i in alts))
            if text not in out:
                out.append(text)
    return "\n".join(out)


def _paragraph(p: ET.Element, hidden_style: frozenset[str] = frozenset()) -> tuple[str, str, list[ET.Element], list[str]]:
    """(text, tracked-deleted text, text boxes anchored in the paragraph, field codes).

    The text holds each distinct reading on its own line: without and with hidden runs, and
    each branch of ``mc:AlternateContent`` (Choice and Fallback alike).
    """
    text: list[_Piece] = []
    deleted: list[_Piece] = []
    boxes: list[ET.Element] = []
    box_texts: set[str] = set()
    fields: list[str] = []
    branches: dict[int, int] = {}
    ppr_style = p.find(f"{W}pPr/{W}pStyle")
    para_hidden = ppr_style is not None and ppr_style.get(W + "val", "") in hidden_style
    stack: list[tuple[ET.Element, bool, tuple[tuple[int, int], ...]]] = [(el, False, ()) for el in reversed(p)]
    while stack:
        el, hidden, alts = stack.pop()
        tag = el.tag
        if tag in (W + "t", M + "t"):  # m:t: the text of an equation (m:oMath), in paragraph order
            text.append((el.text or "", hidden, alts))
        elif tag in (W + "delText", W + "delInstrText"):
            deleted.append((el.text or "", False, alts))
        elif tag == W + "instrText":  # HYPERLINK "tel:…", MERGEFIELD…: shown on hover / in the field
            fields.append(el.text or "")
        elif tag == W + "sym":
            text.append((_symbol(el), hidden, alts))
        elif tag == W + "tab":
            text.append(("\t", hidden, alts))
        elif tag in (W + "br", W + "cr"):
            text.append(("\n", hidden, alts))
        elif tag == W + "noBreakHyphen":
            text.append(("-", hidden, alts))
        elif tag == W + "txbxContent":
            # A text box in mc:Fallback usually repeats the one in mc:Choice (VML for old
            # readers): a box whose text an earlier branch already had is not walked twice.
            key = "".join(el.itertext())
            if not any(i for _, i in alts) or key not in box_texts:
                boxes.append(el)
                box_texts.add(key)
        elif tag == MC_ALTERNATE:
            number = len(branches)
            children = [c for c in el if c.tag in (MC_CHOICE, MC_FALLBACK)]
            branches[number] = max(1, len(children))
            stack.extend((c, hidden, (*alts, (number, i))) for i, c in reversed(list(enumerate(children))))
        else:
            if tag in (W + "r", M + "r"):  # an equation run carries Word's run properties (w:rPr) too
                own = _hiding(el.find(W + "rPr"))
                if own is None:
                    style = el.find(f"{W}rPr/{W}rStyle")
                    own = (style is not None and style.get(W + "val", "") in hidden_style) or para_hidden
                hidden = hidden or own
            stack.extend((c, hidden, alts) for c in reversed(el))
    return _readings(text, branches, True), _readings(deleted, branches, False), boxes, fields


class _DocxWalker:
    def __init__(self, out: Collector, hidden_style: frozenset[str] = frozenset()) -> None:
        self.out = out
        self.boxes = 0
        self.hidden_style = hidden_style  # style ids that hide their runs (styles.xml)

    def add(self, location: str, text: str, deleted: str, fields: list[str]) -> None:
        self.out.add(location, text)
        if deleted.strip():
            self.out.add(location, deleted, _DELETED_NOTE)
        if "".join(fields).strip():
            self.out.add(f"{location} 域代码", "".join(fields))

    def block(self, container: ET.Element, prefix: str) -> None:
        """Body-level content: numbered paragraphs ``{prefix}第N段`` and tables."""
        paragraphs = tables = 0
        for el in _flatten(container):
            if el.tag in (W + "p", M + "oMathPara", M + "oMath"):  # an equation outside w:p reads as one
                paragraphs += 1
                text, deleted, boxes, fields = _paragraph(el, self.hidden_style)
                self.add(f"{prefix}第{paragraphs}段", text, deleted, fields)
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
                try:
                    column += max(1, int(span.get(W + "val", "1"))) if span is not None else 1
                except ValueError:
                    column += 1
                texts, deletions, codes, nested = [], [], [], 0
                for el in _flatten(tc):
                    if el.tag == W + "p":
                        text, deleted, boxes, fields = _paragraph(el, self.hidden_style)
                        texts.append(text)
                        deletions.append(deleted)
                        codes.extend(fields)
                        self._boxes(boxes)
                    elif el.tag == W + "tbl":
                        nested += 1
                        self.table(el, f"{location}内表格{nested}")
                self.add(location, "\n".join(texts), "\n".join(deletions), codes)

    def _boxes(self, boxes: list[ET.Element]) -> None:
        for box in boxes:
            self.boxes += 1
            self.block(box, f"文本框{self.boxes}")

    def notes(self, root: ET.Element, label: str) -> None:
        """Footnotes, endnotes, comments: every child of the root is one note."""
        number = 0
        for note in root:
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            number += 1
            texts, deletions, codes = [], [], []
            for p in note.iter(W + "p"):
                text, deleted, _, fields = _paragraph(p, self.hidden_style)
                texts.append(text)
                deletions.append(deleted)
                codes.extend(fields)
            author = " ".join(v for k, v in note.attrib.items() if _local(k) in ("author", "initials"))
            where = f"{label}{number}"
            self.add(where, "\n".join(texts), "\n".join(deletions), codes)
            self.out.add(f"{where} 作者", author)


def _flatten(container: ET.Element) -> Iterator[ET.Element]:
    """Children, looking through content controls, custom XML wrappers, revision wrappers and
    every branch of ``mc:AlternateContent`` (Choice and Fallback)."""
    for el in container:
        if el.tag in (MC_ALTERNATE, MC_CHOICE, MC_FALLBACK):
            yield from _flatten(el)
        elif el.tag in (W + "sdt", W + "customXml", W + "smartTag", W + "ins", W + "del",
                      W + "moveTo", W + "moveFrom"):
            inner = el.find(W + "sdtContent") if el.tag == W + "sdt" else el
            if inner is not None:
                yield from _flatten(inner)
        else:
            yield el


_DOCX_ATTR_TEXT = frozenset({
    "alias", "tag", "default", "listEntry", "statusText", "helpText", "hyperlink", "docVar", "placeholder",
})
# Relationship types of a WordprocessingML part, the label a clerk sees, and how to walk it.
_DOCX_PARTS = {
    "header": ("页眉", "block"), "footer": ("页脚", "block"), "footnotes": ("脚注", "notes"),
    "endnotes": ("尾注", "notes"), "comments": ("批注", "notes"), "commentsExtensible": ("批注", "generic"),
    "glossaryDocument": ("文档部件库", "glossary"),
}


def _docx_part(pkg: Package, out: Collector, walker: _DocxWalker, part: str, label: str, how: str) -> None:
    if part in pkg.visited:
        return
    root = pkg.xml(part)
    if root is None:
        return
    base = posixpath.basename(part)
    if how == "block":
        body = root.find(W + "body")
        walker.block(body if body is not None else root, f"{label} {base} " if label else "")
    elif how == "notes":
        walker.notes(root, label)
    elif how == "glossary":  # building blocks: AutoText the template author stored, may be inserted
        for el in root.iter(W + "docPartBody"):
            walker.block(el, f"{label} ")
    else:
        out.add(f"{label} {base}", generic_text(root))
    where = f"{label} {base}" if label else "正文"
    alts = alt_texts(root)
    if alts:
        out.add(f"{where} 图片替代文字", "\n".join(alts))
    # Text held in attributes: control titles/tags, form-field defaults and list entries,
    # hyperlink tooltips, document variables.
    attrs = [v for el in root.iter() if _local(el.tag) in _DOCX_ATTR_TEXT
             for k, v in el.attrib.items() if _local(k) in ("val", "tooltip") and v.strip()]
    if attrs:
        out.add(f"{where} 控件与提示文字", "\n".join(attrs))
    out.hyperlinks(part, where)
    for rel in pkg.rels(part):
        if rel.external or rel.type not in _DOCX_PARTS:
            continue
        target = pkg.name(rel.target)
        if target:
            sub_label, sub_how = _DOCX_PARTS[rel.type]
            _docx_part(pkg, out, walker, target, sub_label, sub_how)


def _docx_hidden_styles(pkg: Package, main: str) -> frozenset[str]:
    """Styles that hide text; styles.xml stays unvisited so the generic pass still reads it."""
    for rel in pkg.rels(main):
        name = None if rel.external or rel.type != "styles" else pkg.name(rel.target)
        if name is None or name in pkg.visited:
            continue
        data = pkg.read(name) or b""
        pkg.visited.discard(name)
        if b"anish" in data or b"webHidden" in data:
            try:
                return hidden_styles(ET.fromstring(data))
            except ET.ParseError:
                return frozenset()  # the generic pass reports nothing either; Word would refuse it
    return frozenset()


def docx_package(pkg: Package, rel_path: str, prefix: str = "") -> Extraction:
    main = pkg.main_part() or pkg.name("word/document.xml")
    if main is None:
        raise Unreadable("DOCX 中缺少正文（word/document.xml），不是有效的 Word 文档", _RESAVE)
    out = Collector(pkg, rel_path, prefix)
    out.segments.extend(Segment(prefix + s.location, s.text) for s in properties(pkg))
    _docx_part(pkg, out, _DocxWalker(out, _docx_hidden_styles(pkg, main)), main, "", "block")
    return out.finish()


def extract_docx(path: Path, rel_path: str = "") -> Extraction:
    with open_zip(path, "DOCX") as zf:
        return docx_package(Package(zf, "DOCX"), rel_path)


# --- PPTX ---------------------------------------------------------------------------------


def pptx_package(pkg: Package, rel_path: str, prefix: str = "") -> Extraction:
    main = pkg.main_part() or pkg.name("ppt/presentation.xml")
    presentation = pkg.xml(main) if main else None
    if main is None or presentation is None:
        raise Unreadable("PPTX 中缺少 ppt/presentation.xml，不是有效的演示文稿", _RESAVE)
    out = Collector(pkg, rel_path, prefix)
    out.segments.extend(Segment(prefix + s.location, s.text) for s in properties(pkg))
    rels = {rel.id: rel for rel in pkg.rels(main) if not rel.external}
    slides = [rels[s.get(R_ID, "")].target for s in presentation.iter() if _local(s.tag) == "sldId"
              and s.get(R_ID, "") in rels]
    # Slides the list omits (hidden from the show by editing the XML) are still in the file.
    slides += [r.target for r in rels.values() if r.type == "slide" and r.target not in slides]
    for number, name in enumerate(slides, 1):
        _pptx_part(pkg, out, name, f"第{number}张幻灯片", set())
    return out.finish()


_PPTX_CHILDREN = {"notesSlide": "备注", "comments": "批注", "comment": "批注", "chart": "图表"}


def _pptx_part(pkg: Package, out: Collector, part: str, label: str, seen: set[str]) -> None:
    real = pkg.name(part)
    if real is None or real in seen or real in pkg.visited:
        return
    seen.add(real)
    root = pkg.xml(real)
    if root is None:
        return
    text = drawing_text(root)
    # Classic comments (p:cm/p:text) and charts (c:v values) are not DrawingML paragraphs.
    extra = [el.text for el in root.iter() if _local(el.tag) in ("text", "v") and el.text]
    out.add(label, "\n".join([text, *extra]))
    alts = alt_texts(root)
    if alts:
        out.add(f"{label} 图片替代文字", "\n".join(alts))
    out.hyperlinks(real, label)
    for rel in pkg.rels(real):
        if not rel.external and rel.type in _PPTX_CHILDREN:
            _pptx_part(pkg, out, rel.target, f"{label}{_PPTX_CHILDREN[rel.type]}", seen)


def extract_pptx(path: Path, rel_path: str = "") -> Extraction:
    with open_zip(path, "PPTX") as zf:
        return pptx_package(Package(zf, "PPTX"), rel_path)
