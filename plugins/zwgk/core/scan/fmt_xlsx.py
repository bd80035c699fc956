"""XLSX: every cell of every sheet read from the XML itself, plus everything around the cells.

openpyxl's read-only mode trusts ``<dimension>`` (a wrong one hides cells), drops formulas
without a cached value and ignores comments; so the package is walked directly:

* sheets found through workbook relationships (hidden and veryHidden ones too, and sheets the
  workbook list omits), each ``<c>`` streamed with iterparse — no dimension, no memory blow-up;
* values: shared strings, inline strings, numbers (``13812345678`` read back as digits),
  formula text (``Sheet2!C7 公式``) even without a cached value, plus what is displayed but not
  stored (:mod:`.display`): a value under its custom number format (``"151"0`` turns 12345673
  into 15112345673) and a formula's joined strings (``"1521234"&"5674"``);
* sheet names, defined names, legacy and threaded comments, headers/footers, data-validation
  prompts and lists, hyperlink tooltips, drawings (text boxes, alt text, images);
* shared strings no cell uses (deleted cells leave them behind) are still in the file;
* the rest (pivot caches, tables, charts, custom XML…) gets the generic pass of fmt_ooxml.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

from .display import format_number, format_text, joined
from .extract import Extraction, Unreadable
from .fmt_ooxml import Collector, Package, alt_texts, drawing_text, open_zip, properties
from .hits import Segment

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RESAVE = "请用 WPS 或 Excel 打开后“另存为” .xlsx 格式，确认能正常打开后重新上传"
_PLAIN_SHEET_NAME = re.compile(r"^[^\s!'\"()\-+,;]+$")
_HIDDEN = "（该工作表处于隐藏状态）"
_CELL_REF = re.compile(r"^([A-Za-z]{1,3})([0-9]+)$")


def cell_text(value: object) -> str | None:
    """The text a reader would see; phone numbers are often stored as numeric cells."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # 13812345678.0 must read "13812345678"; Excel keeps 15 significant digits anyway.
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value)


def _number(raw: str) -> str:
    try:
        return cell_text(float(raw)) or raw
    except ValueError:
        return raw


def _sheet_ref(title: str) -> str:
    return title if _PLAIN_SHEET_NAME.match(title) else "'" + title.replace("'", "''") + "'"


def _column(n: int) -> str:
    name = ""
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(65 + rest) + name
    return name


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _text_of(el: ET.Element) -> str:
    """Rich or plain string item: every ``<t>`` (runs and phonetic guides alike)."""
    return "".join(t.text or "" for t in el.iter(S + "t"))


def _shared_strings(pkg: Package, part: str | None) -> list[str]:
    stream = pkg.open(part) if part else None
    if stream is None:
        return []
    strings: list[str] = []
    with stream:
        for _, el in ET.iterparse(stream):
            if el.tag == S + "si":
                strings.append(_text_of(el))
                el.clear()
    return strings


def _number_formats(pkg: Package, part: str | None) -> tuple[dict[str, str], list[str]]:
    """({cell style index ``s`` → custom format code}, every custom format code) from styles.xml.

    The part stays unvisited: the generic pass of fmt_ooxml still reads the rest of it.
    """
    name = pkg.name(part) if part else None
    if name is None or name in pkg.visited:
        return {}, []
    data = pkg.read(name) or b""
    pkg.visited.discard(name)
    if b"numFmt" not in data:
        return {}, []
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return {}, []
    codes = {f.get("numFmtId", ""): f.get("formatCode", "") for f in root.iter(S + "numFmt")}
    styles: dict[str, str] = {}
    xfs = root.find(S + "cellXfs")
    for index, xf in enumerate([] if xfs is None else xfs.iter(S + "xf")):
        code = codes.get(xf.get("numFmtId", "0"))
        if code:
            styles[str(index)] = code
    return styles, [c for c in codes.values() if c]


class _Sheet:
    def __init__(self, out: Collector, strings: list[str], used: set[int], ref: str, note: str,
                 formats: dict[str, str] | None = None) -> None:
        self.out, self.strings, self.used, self.ref, self.note = out, strings, used, ref, note
        self.formats = formats or {}  # cell style index → custom number format code

    def cell(self, c: ET.Element, row: int, column: int) -> None:
        where = f"{self.ref}!{c.get('r') or _column(column) + str(row)}"
        kind = c.get("t", "n")
        v = c.find(S + "v")
        raw = v.text if v is not None and v.text is not None else None
        text: str | None = None
        if kind == "s" and raw is not None:
            try:
                index = int(raw)
                text = self.strings[index]
                self.used.add(index)
            except (ValueError, IndexError):
                text = raw
        elif kind == "inlineStr":
            inline = c.find(S + "is")
            text = _text_of(inline) if inline is not None else None
        elif kind in ("str", "d") or (kind not in ("b", "e") and raw is not None and kind != "n"):
            text = raw
        elif kind == "n" and raw is not None:
            text = _number(raw)
        if text:
            self.out.add(where, text, self.note)
            code = self.formats.get(c.get("s", "0")) if self.formats else None
            if code:  # what the cell displays under its custom number format, too
                shown = format_number(raw, code, text) if kind == "n" and raw is not None else format_text(text, code)
                if shown and shown != text:
                    self.out.add(where, shown, self.note)
        f = c.find(S + "f")
        if f is not None and f.text and f.text.strip():
            self.out.add(f"{where} 公式", f.text, self.note)
            concatenated = joined(f.text)
            if concatenated != f.text:  # "1521234"&"5674" shows 15212345674 once calculated
                self.out.add(f"{where} 公式", concatenated, self.note)

    def walk(self, pkg: Package, part: str) -> None:
        stream = pkg.open(part)
        if stream is None:
            return
        row, column = 0, 0
        with stream:
            for event, el in ET.iterparse(stream, events=("start", "end")):
                tag = el.tag
                if event == "start":
                    if tag == S + "row":
                        try:
                            row = int(el.get("r") or row + 1)
                        except ValueError:
                            row += 1
                        column = 0
                    continue
                if tag == S + "c":
                    m = _CELL_REF.match(el.get("r") or "")
                    column = _column_number(m.group(1)) if m else column + 1
                    self.cell(el, row, column)
                elif tag == S + "row":
                    el.clear()  # keep memory flat on sheets with a million rows
                elif tag == S + "headerFooter":
                    self.out.add(f"{self.ref} 页眉页脚", "\n".join(x.text or "" for x in el), self.note)
                elif tag == S + "dataValidation":
                    texts = [el.get(k, "") for k in ("promptTitle", "prompt", "errorTitle", "error")]
                    texts += [x.text or "" for x in el]
                    self.out.add(f"{self.ref}!{el.get('sqref', '')} 数据验证", "\n".join(texts), self.note)
                elif tag == S + "hyperlink":
                    texts = [el.get(k, "") for k in ("display", "tooltip", "location")]
                    self.out.add(f"{self.ref}!{el.get('ref', '')} 超链接", "\n".join(texts), self.note)

    def children(self, pkg: Package, part: str) -> None:
        self.out.hyperlinks(part, self.ref)
        for rel in pkg.rels(part):
            if rel.external:
                continue
            if rel.type == "comments":
                root = pkg.xml(rel.target)
                for c in [] if root is None else root.iter(S + "comment"):
                    self.out.add(f"{self.ref}!{c.get('ref', '')} 批注", _text_of(c), self.note)
            elif rel.type == "threadedComment":
                root = pkg.xml(rel.target)
                for c in [] if root is None else root.iter():
                    if c.tag.endswith("}threadedComment"):
                        text = "".join(x.text or "" for x in c if x.tag.endswith("}text"))
                        self.out.add(f"{self.ref}!{c.get('ref', '')} 批注（对话）", text, self.note)
            elif rel.type == "drawing":
                root = pkg.xml(rel.target)
                if root is not None:
                    self.out.add(f"{self.ref} 图形中的文字", drawing_text(root), self.note)
                    self.out.add(f"{self.ref} 图片替代文字", "\n".join(alt_texts(root)), self.note)
                    self.out.hyperlinks(rel.target, f"{self.ref} 图形")


def extract_package(pkg: Package, rel_path: str, prefix: str = "") -> Extraction:
    main = pkg.main_part() or pkg.name("xl/workbook.xml")
    workbook = pkg.xml(main) if main else None
    if main is None or workbook is None:
        raise Unreadable("XLSX 中缺少工作簿（xl/workbook.xml），不是有效的 Excel 文件", _RESAVE)
    out = Collector(pkg, rel_path, prefix)
    out.segments.extend(Segment(prefix + s.location, s.text) for s in properties(pkg))
    rels = {rel.id: rel for rel in pkg.rels(main) if not rel.external}
    strings_part = next((r.target for r in rels.values() if r.type == "sharedStrings"), None)
    strings = _shared_strings(pkg, pkg.name(strings_part) if strings_part else None)
    used: set[int] = set()
    formats, codes = _number_formats(pkg, next((r.target for r in rels.values() if r.type == "styles"), None))
    if codes:  # literal text of a format shows on every cell that uses it
        out.add("数字格式", "\n".join(codes))

    sheets: list[tuple[str, str, str]] = []  # (name, state, part)
    for sheet in workbook.iter(S + "sheet"):
        rel = rels.get(sheet.get(R_ID, ""))
        if rel is not None:
            sheets.append((sheet.get("name", ""), sheet.get("state", "visible"), rel.target))
    listed = {part for _, _, part in sheets}
    # A worksheet part the workbook list omits is invisible in Excel but readable in the zip.
    sheets += [(r.target.rsplit("/", 1)[-1], "unlisted", r.target) for r in rels.values()
               if r.type == "worksheet" and r.target not in listed]
    for name, state, part in sheets:
        note = _HIDDEN if state != "visible" else ""
        out.add("工作表名称", name, note)
        real = pkg.name(part)
        if real is None or real in pkg.visited:
            continue
        sheet_walker = _Sheet(out, strings, used, _sheet_ref(name), note, formats)
        sheet_walker.walk(pkg, real)
        sheet_walker.children(pkg, real)
    for defined in workbook.iter(S + "definedName"):
        out.add(f"定义的名称 {defined.get('name', '')}", f"{defined.get('name', '')}\n{defined.text or ''}")
    unused = [s for i, s in enumerate(strings) if i not in used and s.strip()]
    if unused:
        out.add("共享字符串（未被任何单元格引用，但仍保存在文件中）", "\n".join(unused))
    return out.finish()


def extract_xlsx(path: Path, rel_path: str = "") -> Extraction:
    with open_zip(path, "XLSX") as zf:
        return extract_package(Package(zf, "XLSX"), rel_path)
