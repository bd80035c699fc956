"""Every place inside an attachment where a reader skips but the public can read: each fixture
is generated here, must give the finding at its own location, and has a clean twin."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject, TextStringObject
from samples import pdf_bytes, write_docx, write_jpeg, write_pdf
from zwgk.core.findings import Finding
from zwgk.core.scan import ScanConfig, scan_attachment

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")
PHONE = "13812345678"
CLEAN = "138****5678"


def make_id(region: str, birth: str, seq: str) -> str:
    """An 18-digit 居民身份证号 with its GB 11643 check digit."""
    body = region + birth + seq
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


ID = make_id("320106", "19850317", "451")


def scan(path: Path) -> list[Finding]:
    return scan_attachment(path, f"content/files/{path.name}", CONFIG)


def where(found: list[Finding]) -> set[tuple[str, str | None]]:
    return {(f.rule, f.location) for f in found}


def assert_no_raw(found: list[Finding]) -> None:
    for item in found:
        for text in (item.message, item.hint, item.location or ""):
            assert PHONE not in text and ID not in text


def test_fixture_id_is_valid() -> None:
    assert len(ID) == 18 and ID[-1] in "0123456789X"


# --- zip part surgery ------------------------------------------------------------------------


def rewrite(path: Path, edit: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    edit(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def sub(parts: dict[str, bytes], name: str, old: str, new: str, count: int = 1) -> None:
    text = parts[name].decode()
    assert old in text, (name, old)
    parts[name] = text.replace(old, new, count).encode()


def add_docx_part(parts: dict[str, bytes], name: str, xml: str, rel_type: str, content_type: str) -> None:
    parts[name] = xml.encode()
    sub(parts, "word/_rels/document.xml.rels", "</Relationships>",
        f'<Relationship Id="rIdX{len(parts)}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{rel_type}" Target="{name.removeprefix("word/")}"/></Relationships>')
    sub(parts, "[Content_Types].xml", "</Types>",
        f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>')


WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


# --- DOCX ----------------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_docx_header_under_an_unusual_part_name(tmp_path: Path, secret: str) -> None:
    path = write_docx(tmp_path / "a.docx", paragraphs=["正文"], header=f"联系人 {secret}")

    def rename(parts: dict[str, bytes]) -> None:
        parts["word/kopf.xml"] = parts.pop("word/header1.xml")
        sub(parts, "word/_rels/document.xml.rels", "header1.xml", "kopf.xml")
        sub(parts, "[Content_Types].xml", "/word/header1.xml", "/word/kopf.xml")

    found = scan(rewrite(path, rename))
    assert where(found) == ({("privacy.mobile", "页眉 kopf.xml 第1段")} if secret == PHONE else set())
    assert_no_raw(found)


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_docx_main_part_found_through_package_relationships(tmp_path: Path, secret: str) -> None:
    path = write_docx(tmp_path / "a.docx", paragraphs=[f"电话 {secret}"])

    def rename(parts: dict[str, bytes]) -> None:
        parts["word/zhengwen.xml"] = parts.pop("word/document.xml")
        parts["word/_rels/zhengwen.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
        sub(parts, "_rels/.rels", "word/document.xml", "word/zhengwen.xml")
        sub(parts, "[Content_Types].xml", "/word/document.xml", "/word/zhengwen.xml")

    assert where(scan(rewrite(path, rename))) == ({("privacy.mobile", "第1段")} if secret == PHONE else set())


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_docx_footer_footnote_endnote(tmp_path: Path, secret: str) -> None:
    path = write_docx(tmp_path / "a.docx", paragraphs=["正文"])
    import docx

    document = docx.Document(str(path))
    document.sections[0].footer.paragraphs[0].text = f"页脚 {secret}"
    document.save(str(path))
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"

    def notes(parts: dict[str, bytes]) -> None:
        add_docx_part(parts, "word/footnotes.xml",
                      f'<w:footnotes {WNS}><w:footnote w:type="separator" w:id="-1">{_p("")}</w:footnote>'
                      f'<w:footnote w:id="1">{_p("注：经办人 " + secret)}</w:footnote></w:footnotes>',
                      "footnotes", f"{main}.footnotes+xml")
        add_docx_part(parts, "word/endnotes.xml",
                      f'<w:endnotes {WNS}><w:endnote w:id="1">{_p("尾注 " + ID if secret == PHONE else "尾注")}'
                      "</w:endnote></w:endnotes>", "endnotes", f"{main}.endnotes+xml")

    found = scan(rewrite(path, notes))
    expected = {("privacy.mobile", "页脚 footer1.xml 第1段"), ("privacy.mobile", "脚注1"),
                ("privacy.id_number", "尾注1")}
    assert where(found) == (expected if secret == PHONE else set())
    assert_no_raw(found)


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_docx_comment_and_its_author(tmp_path: Path, secret: str) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("拟同意。")
    document.add_comment(paragraph.runs, text=f"请核实 {secret}", author="审核人", initials="SH")
    document.save(str(tmp_path / "a.docx"))
    assert where(scan(tmp_path / "a.docx")) == ({("privacy.mobile", "批注1")} if secret == PHONE else set())


@pytest.mark.parametrize("gps", [(39.9087, 116.3975), None], ids=["leak", "clean"])
def test_docx_embedded_image_gps_and_alt_text(tmp_path: Path, gps: tuple[float, float] | None) -> None:
    import docx

    photo = write_jpeg(tmp_path / "现场.jpg", gps=gps)
    document = docx.Document()
    document.add_paragraph("现场照片：")
    shape = document.add_picture(str(photo))
    shape._inline.docPr.set("descr", f"拍摄人电话 {PHONE}" if gps else "现场照片")
    document.save(str(tmp_path / "a.docx"))
    found = scan(tmp_path / "a.docx")
    expected = {("privacy.gps", "嵌入图片 word/media/image1.jpg EXIF GPS"),
                ("privacy.mobile", "正文 图片替代文字")}
    assert where(found) == (expected if gps else set())
    assert_no_raw(found)


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_docx_orphan_part_custom_properties_and_hyperlink(tmp_path: Path, secret: str) -> None:
    path = write_docx(tmp_path / "a.docx", paragraphs=["正文"])

    def hide(parts: dict[str, bytes]) -> None:
        parts["customXml/item9.xml"] = f"<root><contact>{secret}</contact></root>".encode()
        parts["docProps/custom.xml"] = (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="经办人">'
            f"<vt:lpwstr>{secret}</vt:lpwstr></property></Properties>"
        ).encode()
        sub(parts, "_rels/.rels", "</Relationships>",
            '<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'custom-properties" Target="docProps/custom.xml"/></Relationships>')
        sub(parts, "word/_rels/document.xml.rels", "</Relationships>",
            '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'hyperlink" Target="tel:{secret}" TargetMode="External"/></Relationships>')

    found = scan(rewrite(path, hide))
    expected = {("privacy.mobile", "部件 customXml/item9.xml"), ("privacy.mobile", "文档属性 自定义:经办人"),
                ("privacy.mobile", "正文 超链接")}
    assert where(found) == (expected if secret == PHONE else set())


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_docx_embedded_in_docx_is_read(tmp_path: Path, secret: str) -> None:
    inner = write_docx(tmp_path / "inner.docx", paragraphs=[f"附表联系人 {secret}"])
    path = write_docx(tmp_path / "a.docx", paragraphs=["正文"])

    def embed(parts: dict[str, bytes]) -> None:
        parts["word/embeddings/Microsoft_Word_Document.docx"] = inner.read_bytes()

    found = scan(rewrite(path, embed))
    assert where(found) == (
        {("privacy.mobile", "嵌入对象 word/embeddings/Microsoft_Word_Document.docx 第1段")} if secret == PHONE else set()
    )


# --- PPTX ----------------------------------------------------------------------------------

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _pptx(path: Path, slide: str, notes: str, alt: str, photo: bytes) -> Path:
    def sp(text: str, descr: str = "") -> str:
        return (f'<p:sld xmlns:p="{P}" xmlns:a="{A}"><p:cSld><p:spTree><p:pic><p:nvPicPr>'
                f'<p:cNvPr id="2" name="图片 1" descr="{descr}"/></p:nvPicPr></p:pic><p:sp><p:txBody>'
                f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>")

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("_rels/.rels", f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                    f'Type="{R}/officeDocument" Target="ppt/presentation.xml"/></Relationships>')
        zf.writestr("ppt/presentation.xml", f'<p:presentation xmlns:p="{P}" xmlns:r="{R}">'
                    '<p:sldIdLst><p:sldId id="256" r:id="rId7"/></p:sldIdLst></p:presentation>')
        zf.writestr("ppt/_rels/presentation.xml.rels", f'<Relationships xmlns="{RELS}">'
                    f'<Relationship Id="rId7" Type="{R}/slide" Target="slides/s1.xml"/></Relationships>')
        zf.writestr("ppt/slides/s1.xml", sp(slide, alt))
        zf.writestr("ppt/slides/_rels/s1.xml.rels", f'<Relationships xmlns="{RELS}">'
                    f'<Relationship Id="rId2" Type="{R}/notesSlide" Target="../notes/n1.xml"/>'
                    f'<Relationship Id="rId3" Type="{R}/image" Target="../media/p.png"/></Relationships>')
        zf.writestr("ppt/notes/n1.xml", sp(notes))
        zf.writestr("ppt/media/p.png", photo)
    return path


def _png_with_text(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_pptx_notes_alt_text_and_image_metadata(tmp_path: Path, secret: str) -> None:
    path = _pptx(tmp_path / "a.pptx", "汇报", f"讲稿：联系 {secret}", f"照片 {secret}", _png_with_text(f"作者 {secret}"))
    found = scan(path)
    expected = {("privacy.mobile", "第1张幻灯片备注"), ("privacy.mobile", "第1张幻灯片 图片替代文字"),
                ("privacy.mobile", "嵌入图片 ppt/media/p.png PNG 文本 Comment")}
    assert where(found) == (expected if secret == PHONE else set())


# --- XLSX ----------------------------------------------------------------------------------


def _xlsx(path: Path, build: Callable[..., None]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    build(workbook)
    workbook.save(path)
    return path


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_xlsx_cell_outside_a_wrong_dimension(tmp_path: Path, secret: str) -> None:
    def build(wb: object) -> None:
        ws = wb.active  # type: ignore[attr-defined]
        ws.title = "名单"
        ws["A1"] = "姓名"
        ws["Z100"] = secret

    path = _xlsx(tmp_path / "a.xlsx", build)
    rewrite(path, lambda parts: parts.__setitem__(
        "xl/worksheets/sheet1.xml",
        re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', parts["xl/worksheets/sheet1.xml"])))
    assert where(scan(path)) == ({("privacy.mobile", "名单!Z100")} if secret == PHONE else set())


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_xlsx_formula_comment_header_names(tmp_path: Path, secret: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.workbook.defined_name import DefinedName

    def build(wb: object) -> None:
        ws = wb.active  # type: ignore[attr-defined]
        ws.title = "公开"
        ws["A1"] = "补贴名单"
        ws["A1"].comment = Comment(f"核对电话 {secret}", "经办")
        ws.oddHeader.center.text = f"联系人 {secret}"
        second = wb.create_sheet("Sheet2")  # type: ignore[attr-defined]
        second["C7"] = f'="{secret}"'  # openpyxl writes no cached value
        hidden = wb.create_sheet("底稿" + (secret if secret == PHONE else "甲"))  # type: ignore[attr-defined]
        hidden.sheet_state = "veryHidden"
        wb.defined_names["联系人"] = DefinedName("联系人", attr_text=f'"{secret}"')  # type: ignore[attr-defined]

    found = scan(_xlsx(tmp_path / "a.xlsx", build))
    expected = {("privacy.mobile", "公开!A1 批注"), ("privacy.mobile", "公开 页眉页脚"),
                ("privacy.mobile", "Sheet2!C7 公式"), ("privacy.mobile", "工作表名称"),
                ("privacy.mobile", "定义的名称 联系人")}
    assert where(found) == (expected if secret == PHONE else set())
    if secret == PHONE:
        assert any("隐藏" in f.message for f in found if f.location == "工作表名称")
    assert_no_raw(found)


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_xlsx_inline_string_unused_shared_string_and_orphan_image(tmp_path: Path, secret: str) -> None:
    def build(wb: object) -> None:
        wb.active["A1"] = "标题"  # type: ignore[attr-defined]

    path = _xlsx(tmp_path / "a.xlsx", build)
    gps = (31.2, 121.5) if secret == PHONE else None
    photo = write_jpeg(tmp_path / "p.jpg", gps=gps).read_bytes()

    def hide(parts: dict[str, bytes]) -> None:
        sub(parts, "xl/worksheets/sheet1.xml", "</row>",
            f'<c r="B1" t="inlineStr"><is><t>{secret}</t></is></c></row>')
        # A string table entry no cell points to (its cell was deleted): still in the file.
        parts["xl/sharedStrings.xml"] = (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<si><t>{ID if secret == PHONE else '无'}</t></si></sst>").encode()
        sub(parts, "xl/_rels/workbook.xml.rels", "</Relationships>",
            '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        parts["xl/media/image1.jpeg"] = photo

    found = scan(rewrite(path, hide))
    expected = {("privacy.mobile", "Sheet!B1"),
                ("privacy.id_number", "共享字符串（未被任何单元格引用，但仍保存在文件中）"),
                ("privacy.gps", "嵌入图片 xl/media/image1.jpeg EXIF GPS")}
    assert where(found) == (expected if secret == PHONE else set())


# --- PDF -----------------------------------------------------------------------------------


def _incremental(data: bytes, number: int, body: bytes) -> bytes:
    """Append a PDF incremental update that replaces object ``number``."""
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    offset = len(data)
    update = f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = offset + len(update)
    update += (f"xref\n0 1\n0000000000 65535 f \n{number} 1\n{offset:010d} 00000 n \n"
               f"trailer\n<< /Size {size} /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return data + update


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_pdf_text_replaced_by_an_incremental_update(tmp_path: Path, secret: str) -> None:
    original = pdf_bytes([f"联系电话 {secret}\n联系电话 {CLEAN}"])
    # Object 6 is page 1's content stream: redraw it with the masked line only.
    content = f"BT /F1 11 Tf 15 TL 40 800 Td <{f'联系电话 {CLEAN}'.encode('utf-16-be').hex().upper()}> Tj ET".encode()
    body = f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
    path = tmp_path / "a.pdf"
    path.write_bytes(_incremental(original, 6, body))
    assert PHONE not in PdfReader(path).pages[0].extract_text()  # a viewer shows only the new text
    found = scan(path)
    assert where(found) == ({("privacy.mobile", "第1版修订 第1页")} if secret == PHONE else set())


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_pdf_xmp_annotation_and_form_field(tmp_path: Path, secret: str) -> None:
    writer = PdfWriter(clone_from=PdfReader(write_pdf(tmp_path / "src.pdf", ["公示"])))
    xmp = StreamObject()
    xmp.set_data(('<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
                  'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                  f'xmlns:dc="http://purl.org/dc/elements/1.1/" dc:source="{secret}"/></rdf:RDF></x:xmpmeta>'
                  ).encode())
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    writer.add_annotation(page_number=0, annotation=Text(rect=(50, 550, 200, 650), text=f"核实 {secret}"))
    field = DictionaryObject({
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("电话"),
        NameObject("/V"): TextStringObject(secret),
    })
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([writer._add_object(field)])})
    path = tmp_path / "a.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    found = scan(path)
    expected = {("privacy.mobile", "XMP"), ("privacy.mobile", "第1页 批注"), ("privacy.mobile", "表单域 电话")}
    assert where(found) == (expected if secret == PHONE else set())


# --- standalone images ---------------------------------------------------------------------


def _jpeg_with_segment(marker: int, payload: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG")
    data = out.getvalue()
    return data[:2] + bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload + data[2:]


def _xmp(text: str) -> bytes:
    return (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>'
            f'<rdf:li xml:lang="x-default">{text}</rdf:li></rdf:Alt></dc:description></rdf:Description>'
            "</rdf:RDF></x:xmpmeta>").encode()


def _png_late_chunks(text: str) -> bytes:
    data = _png_with_text("正常")
    end = data.rindex(b"IEND") - 4
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    late = chunk(b"zTXt", b"Author\x00\x00" + zlib.compress(text.encode("latin-1", "replace")))
    late += chunk(b"iTXt", b"Description\x00\x01\x00zh\x00\xe8\xaf\xb4\xe6\x98\x8e\x00" + zlib.compress(text.encode()))
    return data[:end] + late + data[end:]


def _gif_with_comments(first: str, second: str) -> bytes:
    out = io.BytesIO()
    Image.new("P", (4, 4)).save(out, "GIF", comment=first.encode())
    data = out.getvalue()
    extra = b"\x21\xfe" + bytes([len(second.encode())]) + second.encode() + b"\x00"
    return data[:-1] + extra + data[-1:]  # a second comment block before the trailer


def _exif_jpeg(text: str) -> bytes:
    exif = Image.Exif()
    exif[0x013B] = text  # Artist
    exif[0x9C9C] = text.encode("utf-16-le")  # XPComment
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _webp_xmp(text: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "WEBP", xmp=_xmp(text))
    return out.getvalue()


IMAGE_CASES: list[tuple[str, Callable[[str], bytes], set[str]]] = [
    ("a.jpg", lambda s: _jpeg_with_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + _xmp(s)), {"XMP"}),
    ("a.jpeg", lambda s: _jpeg_with_segment(0xFE, f"拍摄 {s}".encode()), {"JPEG 注释1"}),
    ("a.jpg", lambda s: _jpeg_with_segment(
        0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">I", 5 + len(s)) + b"\x1c\x02\x78"
        + struct.pack(">H", len(s)) + s.encode()), {"IPTC 2:120"}),
    ("a.jpg", _exif_jpeg, {"EXIF Artist", "EXIF XPComment"}),
    ("a.png", _png_late_chunks, {"PNG 文本 Author", "PNG 文本 Description"}),
    ("a.gif", lambda s: _gif_with_comments("正常", f"电话 {s}"), {"GIF 注释2"}),
    ("a.webp", _webp_xmp, {"XMP"}),
]


@pytest.mark.parametrize(("name", "make", "locations"), IMAGE_CASES,
                         ids=["jpeg-xmp", "jpeg-com", "jpeg-iptc", "exif-text", "png-late", "gif-comment", "webp-xmp"])
@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_image_metadata_text(
    tmp_path: Path, name: str, make: Callable[[str], bytes], locations: set[str], secret: str
) -> None:
    path = tmp_path / name
    path.write_bytes(make(secret))
    found = scan(path)
    assert where(found) == ({("privacy.mobile", loc) for loc in locations} if secret == PHONE else set())
    assert_no_raw(found)


@pytest.mark.parametrize("secret", [PHONE, CLEAN], ids=["leak", "clean"])
def test_xlsx_threaded_comment(tmp_path: Path, secret: str) -> None:
    def build(wb: object) -> None:
        wb.active["A1"] = "金额"  # type: ignore[attr-defined]

    path = _xlsx(tmp_path / "a.xlsx", build)

    def thread(parts: dict[str, bytes]) -> None:
        parts["xl/threadedComments/tc1.xml"] = (
            '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            f'<threadedComment ref="A1" id="{{00000000-0000-0000-0000-000000000001}}"><text>已电话核实 {secret}'
            "</text></threadedComment></ThreadedComments>").encode()
        parts["xl/worksheets/_rels/sheet1.xml.rels"] = (
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            'Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" '
            'Target="../threadedComments/tc1.xml"/></Relationships>').encode()

    found = scan(rewrite(path, thread))
    assert where(found) == ({("privacy.mobile", "Sheet!A1 批注（对话）")} if secret == PHONE else set())
