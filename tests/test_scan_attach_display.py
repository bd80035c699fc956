"""What Word, Excel and WPS display but the stored text does not spell out: hidden runs inside a
number, ``w:sym`` characters, ``mc:Fallback`` content, custom number formats, formulas without a
cached value and CSV cells that Excel turns into formulas. Every fixture is built here with
zipfile, must give its finding at the reader's location, and has a clean twin in the same
packaging that gives none."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from zwgk.core.findings import Finding
from zwgk.core.scan import ScanConfig, scan_attachment
from zwgk.core.scan.display import format_number, format_text, joined

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MCE = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def scan(path: Path) -> list[Finding]:
    return scan_attachment(path, f"content/files/{path.name}", CONFIG)


def where(found: list[Finding]) -> set[tuple[str, str | None, int | None]]:
    return {(f.rule, f.location, f.line) for f in found}


def assert_no_raw(found: list[Finding], *values: str) -> None:
    for item in found:
        for text in (item.message, item.hint, item.location or ""):
            assert not any(v in text for v in values), text


def _rels(*rels: tuple[str, str, str]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in rels)
    return f'{HEAD}<Relationships xmlns="{PKG_RELS}">{body}</Relationships>'


def _types(*overrides: tuple[str, str]) -> str:
    body = "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
    return (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{body}</Types>')


def docx(path: Path, body: str, styles: str = "") -> Path:
    """A minimal Word document whose body is ``body`` (and, if given, a styles part)."""
    document = (f'{HEAD}<w:document xmlns:w="{WORD}" xmlns:mc="{MCE}" xmlns:zz="urn:zz" mc:Ignorable="">'
                f"<w:body>{body}</w:body></w:document>")
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _types(("/word/document.xml", f"{main}.document.main+xml"),
                                                   ("/word/styles.xml", f"{main}.styles+xml")))
        zf.writestr("_rels/.rels", _rels(("rId1", f"{DOC_RELS}/officeDocument", "word/document.xml")))
        zf.writestr("word/document.xml", document)
        if styles:
            zf.writestr("word/_rels/document.xml.rels", _rels(("rId1", f"{DOC_RELS}/styles", "styles.xml")))
            zf.writestr("word/styles.xml", f'{HEAD}<w:styles xmlns:w="{WORD}">{styles}</w:styles>')
    return path


def xlsx(path: Path, cells: str, number_format: str = "General") -> Path:
    """A one-sheet workbook (recalculated on load) whose style 1 has the custom ``number_format``."""
    quoted = number_format.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    styles = (f'{HEAD}<styleSheet xmlns="{SHEET}"><numFmts count="1"><numFmt numFmtId="164" formatCode="{quoted}"/>'
              '</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/>'
              '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              "</styleSheet>")
    workbook = (f'{HEAD}<workbook xmlns="{SHEET}" xmlns:r="{DOC_RELS}"><sheets><sheet name="Sheet1" sheetId="1" '
                'r:id="rId1"/></sheets><calcPr fullCalcOnLoad="1"/></workbook>')
    sheet = f'{HEAD}<worksheet xmlns="{SHEET}"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _types(
            ("/xl/workbook.xml", f"{main}.sheet.main+xml"), ("/xl/worksheets/sheet1.xml", f"{main}.worksheet+xml"),
            ("/xl/styles.xml", f"{main}.styles+xml")))
        zf.writestr("_rels/.rels", _rels(("rId1", f"{DOC_RELS}/officeDocument", "xl/workbook.xml")))
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", _rels(("rId1", f"{DOC_RELS}/worksheet", "worksheets/sheet1.xml"),
                                                        ("rId2", f"{DOC_RELS}/styles", "styles.xml")))
        zf.writestr("xl/styles.xml", styles)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _run(text: str, props: str = "") -> str:
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}<w:t>{text}</w:t></w:r>"


# --- DOCX ----------------------------------------------------------------------------------

MOBILE = ("privacy.mobile", "第1段", None)
MARK = ("secrecy.mark", "第1段", None)


@pytest.mark.parametrize("hiding", ["<w:vanish/>", "<w:specVanish/>", "<w:webHidden/>", '<w:vanish w:val="true"/>'])
@pytest.mark.parametrize(("shown", "expected"), [("12345670", {MOBILE}), ("****5670", set())], ids=["leak", "clean"])
def test_docx_hidden_run_inside_a_number(tmp_path: Path, hiding: str, shown: str, expected: set[object]) -> None:
    # Word shows 13812345670; the file holds 1380012345670.
    path = docx(tmp_path / "a.docx", f'<w:p>{_run("联系电话138")}{_run("00", hiding)}{_run(shown)}</w:p>')
    found = scan(path)
    assert where(found) == expected
    assert_no_raw(found, "13812345670")


@pytest.mark.parametrize(("shown", "expected"), [("12345670", set()), ("****5670", set())], ids=["off", "clean"])
def test_docx_vanish_switched_off_is_an_ordinary_run(tmp_path: Path, shown: str, expected: set[object]) -> None:
    # w:val="0" shows the run: Word displays 1380012345670, which is no phone number.
    off = '<w:vanish w:val="0"/>'
    path = docx(tmp_path / "a.docx", f'<w:p>{_run("联系电话138")}{_run("00", off)}{_run(shown)}</w:p>')
    assert where(scan(path)) == expected


@pytest.mark.parametrize(("tail", "expected"), [("★10年", {MARK}), ("会议", set())], ids=["leak", "clean"])
def test_docx_secrecy_mark_split_by_a_hidden_run(tmp_path: Path, tail: str, expected: set[object]) -> None:
    path = docx(tmp_path / "a.docx", f'<w:p>{_run("机密")}{_run("x", "<w:vanish/>")}{_run(tail)}</w:p>')
    assert where(scan(path)) == expected


@pytest.mark.parametrize(("shown", "expected"), [("12345678", {("privacy.mobile", "表格1第1行第1列", None)}),
                                                  ("****5678", set())], ids=["leak", "clean"])
def test_docx_hidden_character_style_in_a_table(tmp_path: Path, shown: str, expected: set[object]) -> None:
    # The run is hidden by its character style, which inherits w:vanish through basedOn.
    styles = ('<w:style w:type="character" w:styleId="Base"><w:rPr><w:vanish/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="Secret"><w:basedOn w:val="Base"/></w:style>')
    secret = '<w:rStyle w:val="Secret"/>'
    cell = f'<w:p>{_run("电话138")}{_run("99", secret)}{_run(shown)}</w:p>'
    path = docx(tmp_path / "a.docx", f"<w:tbl><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl>", styles)
    found = scan(path)
    assert where(found) == expected
    assert_no_raw(found, "13812345678")


@pytest.mark.parametrize("char", ["0031", "F031"], ids=["unicode", "symbol-font"])
@pytest.mark.parametrize(("tail", "expected"), [("2345671", {MOBILE}), ("***5671", set())], ids=["leak", "clean"])
def test_docx_symbol_character_supplies_a_digit(tmp_path: Path, char: str, tail: str, expected: set[object]) -> None:
    # The clean twin's symbol is "*" (002A / F02A): 139****5671.
    code = char if tail[0].isdigit() else char[:2] + "2A"
    body = f'<w:p>{_run("联系电话139")}<w:r><w:sym w:font="Symbol" w:char="{code}"/></w:r>{_run(tail)}</w:p>'
    found = scan(docx(tmp_path / "a.docx", body))
    assert where(found) == expected
    assert_no_raw(found, "13912345671")


def _alternate(choice: str, fallback: str) -> str:
    return (f'<mc:AlternateContent><mc:Choice Requires="zz">{choice}</mc:Choice>'
            f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")


@pytest.mark.parametrize(("phone", "expected"), [("15012345672", {MOBILE}), ("150****5672", set())],
                         ids=["leak", "clean"])
def test_docx_text_only_in_mc_fallback(tmp_path: Path, phone: str, expected: set[object]) -> None:
    path = docx(tmp_path / "a.docx", f'<w:p>{_alternate(_run("无"), _run("联系电话" + phone))}</w:p>')
    found = scan(path)
    assert where(found) == expected
    assert_no_raw(found, "15012345672")


@pytest.mark.parametrize(("phone", "expected"), [("15012345672", {("privacy.mobile", "第2段", None)}),
                                                  ("150****5672", set())], ids=["leak", "clean"])
def test_docx_paragraph_only_in_a_body_level_fallback(tmp_path: Path, phone: str, expected: set[object]) -> None:
    body = _alternate(f"<w:p>{_run('无')}</w:p>", f"<w:p>{_run('联系电话' + phone)}</w:p>")
    assert where(scan(docx(tmp_path / "a.docx", body))) == expected


@pytest.mark.parametrize(("phone", "expected"), [("15012345672", {("privacy.mobile", "文本框1第1段", None)}),
                                                  ("150****5672", set())], ids=["leak", "clean"])
def test_docx_text_box_repeated_in_fallback_is_read_once(tmp_path: Path, phone: str, expected: set[object]) -> None:
    box = f"<w:txbxContent><w:p>{_run('电话' + phone)}</w:p></w:txbxContent>"
    body = f"<w:p><w:r>{_alternate(f'<zz:txbx>{box}</zz:txbx>', f'<zz:textbox>{box}</zz:textbox>')}</w:r></w:p>"
    assert where(scan(docx(tmp_path / "a.docx", body))) == expected


# --- XLSX ----------------------------------------------------------------------------------

CELL = ("privacy.mobile", "Sheet1!A1", None)


@pytest.mark.parametrize(("value", "expected"), [("12345673", {CELL}), ("1234", set())], ids=["leak", "clean"])
def test_xlsx_number_format_adds_a_prefix(tmp_path: Path, value: str, expected: set[object]) -> None:
    # "151"0 displays 12345673 as 15112345673; the clean twin shows 1511234.
    found = scan(xlsx(tmp_path / "a.xlsx", f'<c r="A1" s="1"><v>{value}</v></c>', '"151"0'))
    assert where(found) == expected
    assert_no_raw(found, "15112345673")


@pytest.mark.parametrize(("number_format", "expected"),
                         [('0"02X"', {("privacy.id_number", "Sheet1!A1", None)}), ('0"号"', set())],
                         ids=["leak", "clean"])
def test_xlsx_number_format_completes_an_id_number(tmp_path: Path, number_format: str, expected: set[object]) -> None:
    found = scan(xlsx(tmp_path / "a.xlsx", '<c r="A1" s="1"><v>110105194912310</v></c>', number_format))
    assert where(found) == expected
    assert_no_raw(found, "11010519491231002X")


@pytest.mark.parametrize(("text", "expected"), [("12345678", {CELL}), ("****5678", set())], ids=["leak", "clean"])
def test_xlsx_text_format_adds_a_prefix(tmp_path: Path, text: str, expected: set[object]) -> None:
    cell = f'<c r="A1" s="1" t="inlineStr"><is><t>{text}</t></is></c>'
    assert where(scan(xlsx(tmp_path / "a.xlsx", cell, '"138"@'))) == expected


@pytest.mark.parametrize(("formula", "expected"),
                         [('"1521234"&amp;"5674"', {("privacy.mobile", "Sheet1!A1 公式", None)}),
                          ('CONCATENATE("152", "1234", "5674")', {("privacy.mobile", "Sheet1!A1 公式", None)}),
                          ('"152****"&amp;"5674"', set()), ('CONCATENATE("152", "****", "5674")', set())],
                         ids=["leak", "leak-concatenate", "clean", "clean-concatenate"])
def test_xlsx_formula_without_a_cached_value(tmp_path: Path, formula: str, expected: set[object]) -> None:
    found = scan(xlsx(tmp_path / "a.xlsx", f'<c r="A1" t="str"><f>{formula}</f></c>'))
    assert where(found) == expected
    assert_no_raw(found, "15212345674")


# --- CSV / TXT -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.csv", "a.txt"])
@pytest.mark.parametrize(("cell", "expected"), [('"=""1531234""&""5675"""', {("privacy.mobile", None, 2)}),
                                                ('="1531234" & "5675"', {("privacy.mobile", None, 2)}),
                                                ('"=""153****""&""5675"""', set())],
                         ids=["leak", "leak-unquoted", "clean"])
def test_csv_formula_joins_strings(tmp_path: Path, name: str, cell: str, expected: set[object]) -> None:
    path = tmp_path / name
    path.write_text(f"姓名,电话\n张三,{cell}\n", encoding="utf-8")
    found = scan(path)
    assert where(found) == expected
    assert_no_raw(found, "15312345675")


# --- the formatter and the joiner ----------------------------------------------------------


@pytest.mark.parametrize(("raw", "code", "shown"), [
    ("12345673", '"151"0', "15112345673"),
    ("110105194912310", '0"02X"', "11010519491231002X"),
    ("13812345678", "000-0000-0000", "138-1234-5678"),
    ("12345678", '[Red][>0]"138"00000000;[Blue]0', "13812345678"),
    ("12345678", '\\1\\3\\8#,##0_);(#,##0)', "13812345678"),
    ("12", "00000", "00012"),
    ("12", "#####", "12"),
    ("12", "???0", "  12"),
    ("0", '"151"#', "151"),
    ("1.5", "0.00", "1.50"),
    ("1.25", "0.0#", "1.25"),
    ("0.5", "0%", "50%"),
    ("-12", '"编号"0', "-编号12"),
    ("12", "[$¥-804]0", "¥12"),
    ("12", "*-0 ", "12 "),
    ("13812345678", '"电话"General', "电话13812345678"),
    ("1.38E10", "0", "13800000000"),
])
def test_format_number(raw: str, code: str, shown: str) -> None:
    assert format_number(raw, code) == shown


@pytest.mark.parametrize("code", ["yyyy-mm-dd", "[h]:mm", "hh:mm:ss", "# ?/?", "0.00E+00", "@", "上午/下午h\"时\""])
def test_format_number_falls_back_on_formats_it_does_not_apply(code: str) -> None:
    assert format_number("45000", code) is None


def test_format_number_refuses_what_is_not_a_plain_number() -> None:
    assert format_number("abc", "0") is None
    assert format_number("1E+40", "0") is None
    assert format_number("NaN", "0") is None


@pytest.mark.parametrize(("code", "shown"), [('"138"@', "13812345678"), ('0;-0;0;"电话"@"号"', "电话12345678号"),
                                             ("0", None), ("0;0", None)])
def test_format_text(code: str, shown: str | None) -> None:
    assert format_text("12345678", code) == shown


@pytest.mark.parametrize(("text", "result"), [
    ('"1521234"&"5674"', '"15212345674"'),
    ('="1521234" & "5674"', '="15212345674"'),
    ('"=""1531234""&""5675"""', '"=""15312345675"""'),
    ("1521234&5674", "15212345674"),
    ('CONCAT("152",1234,"5674")', 'CONCAT("15212345674")'),
    ('=_xlfn.CONCAT("152"; "12345674")', '=_xlfn.CONCAT("15212345674")'),
    ("第一行 A&B\n第二行", "第一行 A&B\n第二行"),
    ("1&\n2", "1&\n2"),  # never across a line break
    ("没有公式", "没有公式"),
])
def test_joined(text: str, result: str) -> None:
    assert joined(text) == result
