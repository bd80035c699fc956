"""Real attachments generated on the fly: PDF, DOCX, XLSX, PPTX, images, text, broken files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from samples import write_docx, write_jpeg, write_pdf, write_xlsx
from zwgk.core.findings import Finding
from zwgk.core.scan import ScanConfig, scan_attachment

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")
ID = "11010519491231002X"
PHONE = "13812345678"


def scan(path: Path, config: ScanConfig = CONFIG) -> list[Finding]:
    return scan_attachment(path, f"content/files/{path.name}", config)


def where(found: list[Finding]) -> set[tuple[str, str | None]]:
    return {(f.rule, f.location) for f in found}


def assert_no_raw(found: list[Finding], *raws: str) -> None:
    for item in found:
        for text in (item.message, item.hint, item.location or ""):
            for raw in raws:
                assert raw not in text


# --- PDF -----------------------------------------------------------------------------------

def test_pdf_text_pages_and_metadata_written_by_pypdf(tmp_path: Path) -> None:
    source = write_pdf(tmp_path / "src.pdf", ["补贴发放名单", f"张三 身份证号 {ID}\n联系电话 {PHONE}"])
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_metadata({"/Title": "机密★1年 补贴名单", "/Subject": "内部资料"})
    target = tmp_path / "名单.pdf"
    with target.open("wb") as fh:
        writer.write(fh)

    found = scan(target)
    assert where(found) == {
        ("privacy.id_number", "第2页"),
        ("privacy.mobile", "第2页"),
        ("secrecy.mark", "文档属性 Title"),
        ("secrecy.mark", "文档属性 Subject"),
    }
    assert all(f.path == "content/files/名单.pdf" and f.severity == "error" for f in found)
    assert_no_raw(found, ID, PHONE)


def test_pdf_clean_has_no_findings(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "ok.pdf", ["关于印发《政务公开工作要点》的通知\n国办发〔2024〕12号 2024年1月1日"])
    assert scan(path) == []


def test_pdf_without_text_layer_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)
    (item,) = scan(path)
    assert (item.rule, item.severity) == ("attachment.no_text", "warning")
    assert "fingerprint: " in item.hint


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\nthis is not a pdf at all", b"", b"\x00\x01\x02garbage" * 100],
    ids=["garbage", "empty", "binary"],
)
def test_corrupt_pdf_is_unreadable_not_a_crash(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "坏文件.pdf"
    path.write_bytes(content)
    (item,) = scan(path)
    assert item.rule == "attachment.unreadable"
    assert "坏文件.pdf" in item.message and "重新导出" in item.hint
    assert "Traceback" not in item.message


def test_encrypted_pdf_is_unreadable(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(write_pdf(tmp_path / "a.pdf", [PHONE])))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    (item,) = scan(path)
    assert item.rule == "attachment.unreadable" and "加密" in item.message


# --- DOCX ----------------------------------------------------------------------------------

def test_docx_paragraphs_tables_header_and_properties(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "公示.docx",
        paragraphs=["关于2024年补贴发放情况的公示", "如有异议请联系 13912345678"],
        tables=[[["姓名", "电话", "身份证号"], ["李四", PHONE, "110105********002X"], ["王五", "137****5678", ID]]],
        properties={"title": "机密★长期", "subject": "补贴", "keywords": "注意保密", "comments": "秘密★1年"},
        header="联系人 15012345678",
    )
    found = scan(path)
    assert where(found) == {
        ("privacy.mobile", "第2段"),
        ("privacy.mobile", "表格1第2行第2列"),
        ("privacy.id_number", "表格1第3行第3列"),
        ("privacy.mobile", "页眉 header1.xml 第1段"),  # part name since task A (found via relationships)
        ("secrecy.mark", "文档属性 Title"),
        ("secrecy.mark", "文档属性 Keywords"),
        ("secrecy.mark", "文档属性 Comments"),
    }
    assert_no_raw(found, ID, PHONE, "13912345678", "15012345678")


def _rewrite_part(path: Path, part: str, edit: object) -> None:
    with zipfile.ZipFile(path) as zf:
        items = {name: zf.read(name) for name in zf.namelist()}
    items[part] = edit(items[part].decode()).encode()  # type: ignore[operator]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items.items():
            zf.writestr(name, data)


def test_docx_tracked_deletion_is_still_found(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "修订.docx", paragraphs=["联系电话：XXX"])
    deleted = (
        '<w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>'
        f"{PHONE}</w:delText></w:r></w:del>"
    )
    _rewrite_part(path, "word/document.xml", lambda xml: xml.replace("<w:t>联系电话：XXX</w:t></w:r>",
                                                                       "<w:t>联系电话：XXX</w:t></w:r>" + deleted))
    (item,) = scan(path)
    assert (item.rule, item.location) == ("privacy.mobile", "第1段")
    assert "修订" in item.message


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 this is not really a zip", b"plain text pretending to be docx"],
    ids=["bad-zip", "not-zip"],
)
def test_corrupt_docx_is_unreadable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "通知.docx"
    path.write_bytes(content)
    (item,) = scan(path)
    assert item.rule == "attachment.unreadable"
    assert "通知.docx" in item.message and "另存为" in item.hint


def test_docx_zip_without_document_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    (item,) = scan(path)
    assert item.rule == "attachment.unreadable"


def test_docx_broken_xml_is_unreadable(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "broken.docx", paragraphs=["正文"])
    _rewrite_part(path, "word/document.xml", lambda xml: xml[: len(xml) // 2])
    (item,) = scan(path)
    assert item.rule == "attachment.unreadable" and "document.xml" in item.message


# --- XLSX ----------------------------------------------------------------------------------

def test_xlsx_every_sheet_string_and_numeric_cells(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "名单.xlsx",
        {
            "说明": [["2024年度补贴发放名单"], ["联系人：138****5678"]],
            "明细": [
                ["姓名", "手机", "身份证号", "金额"],
                ["张三", int(PHONE), ID, 1200.5],
                ["李四", 13912345678.0, "110105********002X", 800],
                ["王五", "15012345678", None, None],
            ],
        },
        properties={"title": "内部资料", "keywords": "机密★6个月"},
    )
    found = scan(path)
    assert where(found) == {
        ("privacy.mobile", "明细!B2"),
        ("privacy.id_number", "明细!C2"),
        ("privacy.mobile", "明细!B3"),
        ("privacy.mobile", "明细!B4"),
        ("secrecy.mark", "文档属性 Title"),
        ("secrecy.mark", "文档属性 Keywords"),
    }
    assert_no_raw(found, ID, PHONE, "13912345678", "15012345678")


def test_xlsx_hidden_sheet_is_scanned_and_said(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "公开"
    hidden = workbook.create_sheet("底稿")
    hidden["D7"] = PHONE
    hidden.sheet_state = "hidden"
    path = tmp_path / "h.xlsx"
    workbook.save(path)
    (item,) = scan(path)
    assert item.location == "底稿!D7" and "隐藏" in item.message


def test_corrupt_xlsx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "坏.xlsx"
    path.write_bytes(b"PK\x03\x04broken")
    (item,) = scan(path)
    assert item.rule == "attachment.unreadable"


# --- PPTX (built by hand: no python-pptx dependency) ---------------------------------------

def _pptx(path: Path, slide_text: str) -> Path:
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rel = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("ppt/presentation.xml", f'<p:presentation xmlns:p="{p}" xmlns:r="{r}">'
                    '<p:sldIdLst><p:sldId id="256" r:id="rId7"/></p:sldIdLst></p:presentation>')
        zf.writestr("ppt/_rels/presentation.xml.rels", f'<Relationships xmlns="{rel}">'
                    f'<Relationship Id="rId7" Type="{r}/slide" Target="slides/slide1.xml"/></Relationships>')
        zf.writestr("ppt/slides/slide1.xml", f'<p:sld xmlns:p="{p}" xmlns:a="{a}"><p:cSld><p:spTree><p:sp>'
                    f"<p:txBody><a:p><a:r><a:t>{slide_text}</a:t></a:r></a:p></p:txBody>"
                    "</p:sp></p:spTree></p:cSld></p:sld>")
    return path


def test_pptx_slide_text(tmp_path: Path) -> None:
    (item,) = scan(_pptx(tmp_path / "汇报.pptx", f"联系人 {PHONE}"))
    assert (item.rule, item.location) == ("privacy.mobile", "第1张幻灯片")


# --- images --------------------------------------------------------------------------------

def test_jpeg_with_gps(tmp_path: Path) -> None:
    path = write_jpeg(tmp_path / "现场.jpg", gps=(39.9087, 116.3975))
    with Image.open(path) as img:
        assert img.getexif().get_ifd(0x8825)  # the fixture really carries a GPS IFD
    (item,) = scan(path)
    assert (item.rule, item.location, item.severity) == ("privacy.gps", "EXIF GPS", "error")
    assert "39.9" not in item.message and "116" not in item.message
    assert "fingerprint: " in item.hint


def test_jpeg_without_gps_and_exif_text(tmp_path: Path) -> None:
    assert scan(write_jpeg(tmp_path / "ok.jpg")) == []
    (item,) = scan(write_jpeg(tmp_path / "desc.jpg", description=f"拍摄者电话 {PHONE}"))
    assert (item.rule, item.location) == ("privacy.mobile", "EXIF ImageDescription")


@pytest.mark.parametrize("ext", ["png", "tiff", "webp"])
def test_other_image_formats_with_gps(tmp_path: Path, ext: str) -> None:
    with Image.open(write_jpeg(tmp_path / "src.jpg", gps=(31.2, 121.5))) as img:
        exif = img.getexif()
        path = tmp_path / f"photo.{ext}"
        img.save(path, exif=exif)
    assert where(scan(path)) == {("privacy.gps", "EXIF GPS")}


def test_corrupt_image_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "x.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 definitely not a jpeg")
    (item,) = scan(path)
    assert item.rule == "attachment.unreadable" and "另存为" in item.hint


# --- text formats, other files, size limit -------------------------------------------------

def test_txt_csv_md(tmp_path: Path) -> None:
    # .html was scanned here before; it is now refused (tests/test_scan_attach_formats.py), and
    # HTML inside a .md page is judged on the rendered page, no longer by scan_markdown.
    (tmp_path / "a.txt").write_text(f"第一行\n电话 {PHONE}\n", encoding="utf-8")
    (tmp_path / "b.csv").write_bytes(f"姓名,身份证号\n张三,{ID}\n".encode("gb18030"))
    (tmp_path / "c.md").write_text(f"# 标题\n\n联系电话 {PHONE}\n", encoding="utf-8")
    assert [(f.rule, f.line) for f in scan(tmp_path / "a.txt")] == [("privacy.mobile", 2)]
    assert [(f.rule, f.line) for f in scan(tmp_path / "b.csv")] == [("privacy.id_number", 2)]
    # A .md "attachment" would be rendered by MkDocs as a page outside any review: refused.
    assert [f.rule for f in scan(tmp_path / "c.md")] == ["attachment.format_refused"]


def test_media_and_old_formats_are_unscanned_warnings(tmp_path: Path) -> None:
    # Changed by task A: media used to pass silently; every format zwgk cannot read now warns.
    for name in ("video.mp4", "old.doc"):
        (tmp_path / name).write_bytes(b"\x00" * 100 + PHONE.encode())
        (item,) = scan(tmp_path / name)
        assert (item.rule, item.severity) == ("attachment.unscanned", "warning")
        assert name in item.message


def test_too_large_is_a_finding_not_a_silent_skip(tmp_path: Path) -> None:
    config, problems = ScanConfig.from_mapping({"max_attachment_bytes": 1000}, "mkdocs.yml")
    assert not problems
    path = write_pdf(tmp_path / "big.pdf", ["x" * 3000])
    (item,) = scan(path, config)
    assert (item.rule, item.severity) == ("attachment.too_large", "error")
    assert "big.pdf" in item.message


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    (item,) = scan(tmp_path / "gone.pdf")
    assert item.rule == "attachment.unreadable"


def test_uppercase_extension(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "A.PDF", [PHONE])
    assert [f.rule for f in scan(path)] == ["privacy.mobile"]
