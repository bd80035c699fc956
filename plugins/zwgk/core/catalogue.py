"""The 政府信息公开目录 (catalogue): one row per published item, and its serialisations.

Pure core: the MkDocs adapter (:mod:`zwgk.mkdocs.generated`, :func:`catalogue_files`) turns these rows into pages and
files. Every output is deterministic byte for byte — rows are sorted, keys are sorted, and nothing
depends on the wall clock — so a rebuild of unchanged content changes no file (and no diff).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .model import Item, Site

# (field, Chinese header). The first seven are the columns Art. 12 requires of the 目录 and the
# office's own list; the next three (体裁, 有效性, 发布日期) are shown too; the rest help filtering.
# The HTML table shows the first TABLE_COLUMNS fields in this order, so the page and the CSV agree.
FIELDS: tuple[tuple[str, str], ...] = (
    ("index_no", "索引号"),
    ("title", "名称"),
    ("summary", "内容概述"),
    ("formed", "生成日期"),
    ("publisher", "发布机构"),
    ("doc_no", "文号"),
    ("topic", "主题分类"),
    ("genre", "体裁"),
    ("validity", "有效性"),
    ("published", "发布日期"),
    ("column", "栏目"),
    ("column_name", "栏目名称"),
    ("division", "责任处室"),
    ("url", "网址"),
)
TABLE_COLUMNS = 10
SHARD_FIELDS: tuple[str, ...] = ("index_no", "title", "summary", "formed", "publisher", "doc_no", "topic",
                                 "genre", "validity", "division", "published", "url")


@dataclass(frozen=True)
class Row:
    index_no: str
    title: str
    summary: str
    formed: str  # 生成日期 (信息形成日期), YYYY-MM-DD
    publisher: str
    doc_no: str
    topic: str
    genre: str  # 体裁 (文种)
    validity: str  # 有效性: 有效/已修订/失效/废止
    column: str
    column_name: str
    division: str
    published: str
    url: str  # site-relative directory URL, e.g. zcwj/2026-003/

    @property
    def year(self) -> str:
        """Catalogue year: the year the information was formed (the year in its 索引号)."""
        return (self.formed or self.published)[:4]

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name, _ in FIELDS}


def is_listed(item: Item, today: Any) -> bool:
    """In the catalogue, listings and feeds: public, and not withdrawn (a withdrawn item only keeps its notice)."""
    return item.is_public(today) and not item.meta.get("withdrawn")


def row_for(site: Site, item: Item) -> Row:
    col = site.columns.get(item.column)
    return Row(
        index_no=item.index_no, title=item.title, summary=item.summary,
        formed=item.formed.isoformat() if item.formed else "",
        publisher=item.publisher, doc_no=item.doc_no, topic=item.topic, genre=item.genre,
        validity=item.validity, column=item.column,
        column_name=col.name if col else item.column, division=item.division,
        published=item.published.isoformat() if item.published else "", url=item.url,
    )


def sort_key(row: Row) -> tuple[str, str, str]:
    return (row.published, row.formed, row.index_no)


def build_rows(site: Site) -> list[Row]:
    """All listed items, newest first (by 发布日期, then 生成日期, then 索引号 — a total order)."""
    rows = [row_for(site, i) for i in site.items if is_listed(i, site.today)]
    rows.sort(key=sort_key, reverse=True)
    return rows


# Spreadsheet formula injection (OWASP "CSV Injection", CWE-1236): Excel and WPS read a cell that
# starts with one of these as a formula (=HYPERLINK(...), +cmd|..., @SUM, -2+3), also after leading
# spaces, and after full-width forms (＝ ＋ － ＠) which NFKC folds onto them. Tab, CR and LF
# start a new cell or line in some importers. Such a cell gets a leading ' (shown as text).
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n")
_LEADING_BLANKS = " \u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\ufeff"
CSV_NOTE = ("以 = + - @ 等符号开头的单元格前加了一个单引号 '，防止电子表格软件把它当作公式执行；"
            "引用这些内容时请去掉开头的 '。")


def neutralise(value: object) -> str:
    """A cell value that no spreadsheet runs as a formula (see FORMULA_TRIGGERS)."""
    text = "" if value is None else str(value)
    if not text:
        return text
    head = text.lstrip(_LEADING_BLANKS)[:1]
    if text[0] in FORMULA_TRIGGERS or unicodedata.normalize("NFKC", head)[:1] in FORMULA_TRIGGERS or head in FORMULA_TRIGGERS:
        return "'" + text
    return text


def to_csv(rows: Iterable[Row], base_url: str = "") -> bytes:
    """UTF-8 with BOM and CRLF line ends: Excel and WPS open it with the Chinese intact. Every cell
    is quoted and passed through :func:`neutralise` (the catalogue page says so: :data:`CSV_NOTE`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([label for _, label in FIELDS])
    for row in rows:
        d = row.as_dict()
        d["url"] = base_url + d["url"]
        writer.writerow([neutralise(d[name]) for name, _ in FIELDS])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def xlsx_text_cell(cell: Any) -> None:
    """For openpyxl: a string cell stays a string. openpyxl makes any ``str`` starting with ``=`` a
    formula; an inline string (data_type "s") can hold no formula, and the value is neutralised so
    that a copy-paste into another sheet does not run either. Numbers and dates are left alone."""
    if isinstance(cell.value, str):
        cell.value = neutralise(cell.value)
        cell.data_type = "s"


def dumps(data: Any, *, compact: bool = False) -> bytes:
    """The JSON style of every catalogue file: sorted keys, UTF-8, a final newline.

    ``compact`` (no indentation) is for the shards the catalogue page fetches; the download stays readable.
    """
    if compact:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    else:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return (text + "\n").encode("utf-8")


def to_json(rows: Iterable[Row], base_url: str = "") -> bytes:
    items = []
    for row in rows:
        d = row.as_dict()
        d["url"] = base_url + d["url"]
        items.append(d)
    return dumps({"fields": dict(FIELDS), "count": len(items), "rows": items})


@dataclass(frozen=True)
class Shards:
    """Rows pre-split by (year, column) so the catalogue page fetches only what a filter needs."""

    index: dict[str, Any]
    files: dict[str, bytes]  # file name -> JSON bytes


def shard_name(year: str, column: str) -> str:
    return f"{year}-{column}.json"


def build_shards(rows: Iterable[Row], columns: Mapping[str, str]) -> Shards:
    """``columns``: slug -> name in display order. Shard rows are lists in :data:`SHARD_FIELDS` order."""
    groups: dict[tuple[str, str], list[Row]] = {}
    topics: set[str] = set()
    divisions: set[str] = set()
    for row in rows:
        groups.setdefault((row.year, row.column), []).append(row)
        if row.topic:
            topics.add(row.topic)
        if row.division:
            divisions.add(row.division)
    files: dict[str, bytes] = {}
    counts: dict[str, dict[str, int]] = {}
    for (year, column), members in sorted(groups.items()):
        members.sort(key=sort_key, reverse=True)
        files[shard_name(year, column)] = dumps([[getattr(r, f) for f in SHARD_FIELDS] for r in members], compact=True)
        counts.setdefault(year, {})[column] = len(members)
    index = {
        "fields": list(SHARD_FIELDS),
        "columns": [[slug, name] for slug, name in columns.items()],
        "years": sorted(counts, reverse=True),
        "counts": counts,
        "topics": sorted(topics),
        "divisions": sorted(divisions),
    }
    return Shards(index=index, files=files)


def rows_by_year(rows: Iterable[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for row in rows:  # rows arrive sorted, so each year's list is sorted too
        out.setdefault(row.year, []).append(row)
    return dict(sorted(out.items(), reverse=True))
