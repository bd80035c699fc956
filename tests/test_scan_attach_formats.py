"""The attachment format allowlist: what a browser would render or run is refused, what zwgk
cannot read is an explicit warning, and oversized packages stop with a finding, never a hang."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from samples import write_docx, write_pdf
from zwgk.core.findings import Finding
from zwgk.core.scan import ScanConfig, scan_attachment
from zwgk.core.scan.attachments import ALLOWED_EXTENSIONS, attachment_format_problem
from zwgk.core.scan.fmt_ooxml import MAX_ENTRIES, MAX_PART_BYTES

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")
PHONE = "13812345678"


def scan(path: Path) -> list[Finding]:
    return scan_attachment(path, f"content/files/{path.name}", CONFIG)


def refused(found: list[Finding], name: str) -> Finding:
    (item,) = found
    assert (item.rule, item.severity) == ("attachment.format_refused", "error")
    assert name in item.message and "浏览器" in item.message and "政府网站域名" in item.message
    assert "PDF" in item.hint and "ZIP" in item.hint
    assert "fingerprint" not in item.hint  # no review exception can publish active content
    return item


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("图解.svg", SVG),
        ("图解.SVG", SVG),  # case does not matter
        ("logo.svgz", b"\x1f\x8b\x08\x00"),
        ("通知.html", HTML),
        ("通知.HTM", HTML),
        ("页面.xhtml", HTML),
        ("数据.xml", b'<?xml version="1.0"?><?xml-stylesheet href="x.xsl"?><a/>'),
        ("样式.xsl", b"<xsl:stylesheet/>"),
        ("存档.mht", b"MIME-Version: 1.0\r\n\r\n<html>"),
        ("脚本.js", b"alert(1)"),
        ("模块.mjs", b"export default 1"),
        ("程序.hta", HTML),
        ("动画.swf", b"FWS"),
        ("宏.docm", b"PK\x03\x04"),
        ("README", b"plain words"),  # no extension
        ("名单.pdf.", b"%PDF-1.4"),  # a trailing dot is not ".pdf"
        ("名单.ｐｄｆ", b"%PDF-1.4"),  # full-width letters are not ".pdf"
    ],
)
def test_formats_a_browser_runs_are_refused(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    refused(scan(path), name)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("名单.pdf", HTML),
        ("照片.png", b"\xef\xbb\xbf  \r\n<svg onload=alert(1)>"),  # BOM and whitespace first
        ("照片.jpg", b"\n\n<script>alert(1)</script>"),
        ("数据.csv", b"<html><body>x</body></html>"),
        ("说明.txt", "<html>".encode("utf-16")),  # UTF-16 with BOM
        ("表格.xlsx", "<iframe src=x>".encode("utf-16-le")),  # UTF-16 without BOM
        ("文件.doc", b"<!-- --><img src=x onerror=alert(1)>"),
        ("文件.ofd", b"<?xml version='1.0'?><svg/>"),
    ],
)
def test_markup_disguised_under_an_allowed_extension_is_refused(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    item = refused(scan(path), name)
    assert "开头" in item.message


def test_clean_twins_of_the_allowed_formats_pass(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "名单.pdf", ["关于印发工作要点的通知"])
    png = tmp_path / "照片.PNG"
    Image.new("RGB", (8, 8)).save(png)
    txt = tmp_path / "说明.txt"
    txt.write_text("<关于印发工作要点的通知>：见附件。\n", encoding="utf-8")  # "<" before CJK is text
    for path in (pdf, png, txt):
        assert scan(path) == [], path.name


def test_the_allowlist_is_what_the_issue_lists() -> None:
    allowed = ("pdf docx xlsx pptx doc xls ppt wps et dps ofd rtf txt csv jpg jpeg png gif webp tif tiff "
               "bmp zip rar 7z mp3 mp4")
    refused_ones = "html htm xhtml xht shtml svg svgz xml xsl xslt mht mhtml js mjs swf hta"
    for ext in allowed.split():
        assert f".{ext}" in ALLOWED_EXTENSIONS
    for ext in refused_ones.split():
        assert f".{ext}" not in ALLOWED_EXTENSIONS
        assert attachment_format_problem(f"content/a.{ext.upper()}") is not None


@pytest.mark.parametrize("name", ["录音.mp3", "视频.MP4", "材料.zip", "材料.rar", "材料.7z", "旧.wps", "表.et",
                                  "演示.dps", "版式.ofd", "旧.xls", "旧.ppt", "说明.rtf"])
def test_formats_zwgk_cannot_read_are_unscanned_warnings(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x00\x01binary " + PHONE.encode())
    (item,) = scan(path)
    assert (item.rule, item.severity) == ("attachment.unscanned", "warning")
    assert name in item.message and "未经检查" in item.message
    assert any(word in item.hint for word in ("转换", "解压", "音视频"))


# --- bounded work --------------------------------------------------------------------------


def test_a_zip_bomb_part_is_too_large_not_a_hang(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "炸弹.docx", paragraphs=["正文"])
    # ~64 MB of spaces compress to ~64 KB
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("word/bomb.xml", "w") as fh:
        chunk = b" " * (1024 * 1024)
        fh.write(b"<a>")
        for _ in range(MAX_PART_BYTES // len(chunk)):
            fh.write(chunk)
        fh.write(b"</a>")
    assert path.stat().st_size < 1024 * 1024
    (item,) = scan(path)
    assert item.rule == "attachment.too_large" and "bomb.xml" in item.message and "拆分" in item.hint


def test_too_many_parts_is_too_large(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "部件.docx", paragraphs=["正文"])
    with zipfile.ZipFile(path, "a") as zf:
        for i in range(MAX_ENTRIES):
            zf.writestr(f"x/{i}", b"")
    (item,) = scan(path)
    assert item.rule == "attachment.too_large" and str(MAX_ENTRIES) in item.message


def test_embedded_binary_object_is_an_unscanned_warning(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "对象.docx", paragraphs=["正文"])
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + PHONE.encode("utf-16-le"))
    (item,) = scan(path)
    assert (item.rule, item.severity) == ("attachment.unscanned", "warning")
    assert item.location == "嵌入对象 word/embeddings/oleObject1.bin"
    clean = write_docx(tmp_path / "无对象.docx", paragraphs=["正文"])
    assert scan(clean) == []


def test_damaged_embedded_image_does_not_hide_the_rest(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "坏图.docx", paragraphs=[f"电话 {PHONE}"])
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("word/media/image9.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    rules = {(f.rule, f.location) for f in scan(path)}
    assert ("privacy.mobile", "第1段") in rules
    assert ("attachment.unscanned", "嵌入对象 word/media/image9.png") in rules


def test_format_problem_is_a_pure_function_for_the_manifest() -> None:
    assert attachment_format_problem("content/a/x.pdf", b"%PDF-1.7\n") is None
    item = attachment_format_problem("content/a/x.pdf", io.BytesIO(HTML).read())
    assert item is not None and item.path == "content/a/x.pdf"
