"""DOCX equations (Office Math, OMML): their characters are ``m:t`` in ``m:r`` runs inside
``m:oMath``, not ``w:t``. Word displays them in the paragraph, so the scan reads them there, in
paragraph order; each fixture has a clean twin."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from samples import write_docx
from zwgk.core.findings import Finding
from zwgk.core.scan import ScanConfig, scan_attachment
from zwgk.core.scan.fmt_ooxml import extract_docx

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")
PHONE = "13812345678"
MNS = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


def with_body(path: Path, body_xml: str) -> Path:
    """Replace the placeholder paragraph of a python-docx document with ``body_xml``."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    doc = parts["word/document.xml"].decode()
    marker = "<w:t>PLACEHOLDER</w:t>"
    assert marker in doc
    at = doc.index(marker)
    start = max(doc.rfind("<w:p>", 0, at), doc.rfind("<w:p ", 0, at))
    end = doc.index("</w:p>", at) + len("</w:p>")
    doc = doc[:start] + body_xml + doc[end:]
    if MNS not in doc:  # python-docx's template already declares the math namespace
        doc = doc.replace("<w:document ", f"<w:document {MNS} ", 1)
    parts["word/document.xml"] = doc.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def math_run(text: str) -> str:
    return f'<m:r><w:rPr><w:rFonts w:ascii="Cambria Math"/></w:rPr><m:t>{text}</m:t></m:r>'


def docx(tmp_path: Path, body_xml: str) -> Path:
    return with_body(write_docx(tmp_path / "math.docx", paragraphs=["PLACEHOLDER"]), body_xml)


def scan(path: Path) -> list[Finding]:
    return scan_attachment(path, f"content/files/{path.name}", CONFIG)


@pytest.mark.parametrize(("runs", "leaks"), [
    ([PHONE], True),
    (["138", "1234", "5678"], True),  # one number over three math runs
    (["x", "+", "y", "=", "2"], False),  # the clean twin: an equation without personal data
], ids=["one-run", "split-runs", "clean"])
def test_equation_in_a_paragraph(tmp_path: Path, runs: list[str], leaks: bool) -> None:
    body = ("<w:p><w:r><w:t xml:space=\"preserve\">联系电话 </w:t></w:r><m:oMath>"
            + "".join(math_run(t) for t in runs) + "</m:oMath></w:p>")
    found = scan(docx(tmp_path, body))
    mobile = [f for f in found if f.rule == "privacy.mobile"]
    if leaks:
        assert mobile and mobile[0].location == "第1段", found
        assert all(PHONE not in f.message + f.hint for f in found)
    else:
        assert not found, found


def test_equation_text_keeps_paragraph_order(tmp_path: Path) -> None:
    body = ("<w:p><w:r><w:t>甲</w:t></w:r><m:oMathPara><m:oMath>" + math_run("a=1") + "</m:oMath></m:oMathPara>"
            "<w:r><w:t>乙</w:t></w:r></w:p>")
    texts = [s.text for s in extract_docx(docx(tmp_path, body)).segments if s.location == "第1段"]
    assert texts == ["甲a=1乙"]


def test_equation_fraction_and_display_math_outside_a_paragraph(tmp_path: Path) -> None:
    """Numerator and denominator read in order; an m:oMathPara standing in the body reads as a paragraph."""
    body = ("<m:oMathPara><m:oMath><m:f><m:num>" + math_run("138123") + "</m:num><m:den>" + math_run("45678")
            + "</m:den></m:f></m:oMath></m:oMathPara>")
    found = scan(docx(tmp_path, body))
    assert {f.rule for f in found} == {"privacy.mobile"}, found


def test_equation_inside_a_table_cell(tmp_path: Path) -> None:
    body = ("<w:tbl><w:tr><w:tc><w:p><m:oMath>" + math_run(PHONE) + "</m:oMath></w:p></w:tc></w:tr></w:tbl>")
    found = scan(docx(tmp_path, body))
    assert [(f.rule, f.location) for f in found] == [("privacy.mobile", "表格1第1行第1列")], found
