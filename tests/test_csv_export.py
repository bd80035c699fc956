"""The published catalogue CSV cannot carry spreadsheet formulas (issue 12 §6; OWASP CSV Injection).

The unit cases cover the classes (ASCII triggers, leading blanks, full-width forms, control
characters) with clean twins; the build test reads the published bytes of a real strict build in
which signed items have formula-like titles and summaries.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from support import copy_demo, edit_front_matter, mkdocs_build, resign
from zwgk.core.catalogue import CSV_NOTE, FORMULA_TRIGGERS, neutralise, xlsx_text_cell

HOSTILE = ["=HYPERLINK(\"https://evil.example\",\"点此\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
           "\t=1+2", "\r=1+2", "\n=1+2", "  =1+2", "\u3000@SUM(1)", "\u00a0-1", "＝1+2", "＋1", "－1", "＠A1",
           '=1+2";=1+2']
CLEAN = ["关于印发《实施办法》的通知", "2026 年 = 新开始", "示政务办规〔2026〕1号", "A-1 号文件", "", "1+1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_triggers_get_a_leading_quote(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", CLEAN)
def test_ordinary_text_is_unchanged(value: str) -> None:
    assert neutralise(value) == value


def _cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_published_csv_bytes(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "demo")
    item = "content/zcwj/2026-003.md"
    edit_front_matter(root / item, lambda m: m.update(title=HOSTILE[0], summary='=1+2";=1+2'))
    resign(root, item)
    item2 = "content/zcwj/2026-010.md"
    edit_front_matter(root / item2, lambda m: m.update(title="＠SUM(A1)", summary="\u3000+1 说明"))
    resign(root, item2)
    res = mkdocs_build(root)
    assert res.returncode == 0, res.stderr[-3000:]

    data = (root / "site/catalogue/catalogue.csv").read_bytes()
    body = data[3:].decode("utf-8")
    for line in body.split("\r\n"):
        assert not line or (line.startswith('"') and line.endswith('"')), line  # QUOTE_ALL
    rows = _cells(data)
    assert len(rows) > 5
    for row in rows:
        for cell in row:
            head = cell.lstrip(" \u3000\u00a0")[:1] or "x"
            assert cell[:1] not in FORMULA_TRIGGERS and head not in "=+-@＝＋－＠", repr(cell)
    titles = {r[1] for r in rows}
    assert "'" + HOSTILE[0] in titles and "'＠SUM(A1)" in titles
    assert "示例市政务服务“一件事一次办”实施办法" not in titles  # the item's new title replaced it
    page = (root / "site/catalogue/index.html").read_text(encoding="utf-8")
    assert CSV_NOTE in page or CSV_NOTE.replace("'", "&#39;") in page


def test_xlsx_string_cells_are_text(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for i, value in enumerate(HOSTILE + CLEAN, start=1):
        cell = ws.cell(row=i, column=1, value=value)
        xlsx_text_cell(cell)
    number = ws.cell(row=1, column=2, value=42)
    xlsx_text_cell(number)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet  # no formula element at all
    back = load_workbook(path).active
    assert back is not None
    assert back.cell(row=1, column=1).value == "'" + HOSTILE[0]
    assert back.cell(row=1, column=1).data_type == "s"
    assert back.cell(row=1, column=2).value == 42
