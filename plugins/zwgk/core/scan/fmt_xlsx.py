"""XLSX: every cell of every sheet (hidden ones too), numbers included, plus properties."""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from .extract import Extraction, Unreadable
from .fmt_ooxml import open_zip, properties
from .hits import Segment

_RESAVE = "请用 WPS 或 Excel 打开后“另存为” .xlsx 格式，确认能正常打开后重新上传"
_PLAIN_SHEET_NAME = re.compile(r"^[^\s!'\"()\-+,;]+$")


def cell_text(value: Any) -> str | None:
    """The text a reader would see; phone numbers are often stored as numeric cells."""
    if value is None or isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # 13812345678.0 must read "13812345678"; Excel keeps 15 significant digits anyway.
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value)


def _sheet_ref(title: str) -> str:
    return title if _PLAIN_SHEET_NAME.match(title) else "'" + title.replace("'", "''") + "'"


def extract_xlsx(path: Path) -> Extraction:
    with open_zip(path, "XLSX") as zf:
        try:
            segments = properties(zf, "XLSX")
        except Unreadable:
            segments = []  # the cells matter more; a broken docProps part alone is not fatal
    try:
        with warnings.catch_warnings():
            # openpyxl warns about unsupported extensions (data validation, slicers); noise here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, AttributeError) as exc:
        raise Unreadable(f"XLSX 文件已损坏或格式不规范（{type(exc).__name__}）", _RESAVE) from exc
    try:
        for sheet in workbook.worksheets:
            ref = _sheet_ref(sheet.title)
            note = "（该工作表处于隐藏状态）" if sheet.sheet_state != "visible" else ""
            for row in sheet.iter_rows():
                for cell in row:
                    text = cell_text(cell.value)
                    if text:
                        segments.append(Segment(f"{ref}!{cell.coordinate}", text, note))
    finally:
        workbook.close()  # read-only workbooks keep the file open until closed
    return Extraction(segments)
