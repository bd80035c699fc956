"""Golden files for the catalogue downloads, its JSON shards and the Atom feeds of the demo site.

These files are published for machines (Excel/WPS, feed readers, the catalogue page's script), so
they must not change by accident and must be byte-identical between two builds of the same content.

Regenerate after an intended change:  ZWGK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_site_golden.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import copy_demo, mkdocs_build

GOLDEN = Path(__file__).resolve().parent / "golden" / "site"
UPDATE = os.environ.get("ZWGK_UPDATE_GOLDEN") == "1"
FILES = (
    "catalogue/catalogue.csv",
    "catalogue/catalogue.json",
    "catalogue/data/index.json",
    "catalogue/data/2026-zcwj.json",
    "feeds/atom.xml",
    "feeds/zcwj.xml",
)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    sites = []
    for name in ("a", "b"):
        root = copy_demo(tmp_path_factory.mktemp(name) / "repo")
        proc = mkdocs_build(root)
        assert proc.returncode == 0, proc.stderr
        sites.append(root / "site")
    return sites[0], sites[1]


@pytest.mark.parametrize("rel", FILES)
def test_golden(builds: tuple[Path, Path], rel: str) -> None:
    data = (builds[0] / rel).read_bytes()
    golden = GOLDEN / rel
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert golden.is_file(), f"missing {golden}; create it with ZWGK_UPDATE_GOLDEN=1"
    assert data == golden.read_bytes(), f"{rel} changed; if intended, regenerate with ZWGK_UPDATE_GOLDEN=1"


def test_every_generated_data_file_is_deterministic(builds: tuple[Path, Path]) -> None:
    a, b = builds
    names = sorted(p.relative_to(a).as_posix() for p in [*a.glob("catalogue/**/*.*"), *a.glob("feeds/*")]
                   if p.suffix in (".csv", ".json", ".xml"))
    assert len(names) > 20
    for rel in names:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_csv_opens_in_excel(builds: tuple[Path, Path]) -> None:
    raw = (builds[0] / "catalogue/catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:10] == ["索引号", "名称", "内容概述", "生成日期", "发布机构", "文号", "主题分类", "体裁", "有效性", "发布日期"]
    published = [r[9] for r in rows[1:]]
    assert all(r[7] and r[8] in {"有效", "已修订", "失效", "废止"} for r in rows[1:])  # 体裁 and 有效性 filled in
    assert published == sorted(published, reverse=True)
    data = json.loads((builds[0] / "catalogue/catalogue.json").read_text(encoding="utf-8"))
    assert data["count"] == len(rows) - 1 >= 21  # every public item of the demo (the shards hold the same rows)


def test_feeds_are_valid_atom(builds: tuple[Path, Path]) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    whole = ET.parse(builds[0] / "feeds/atom.xml").getroot()
    entries = whole.findall("a:entry", ns)
    assert 0 < len(entries) <= 50
    stamps = [e.findtext("a:published", namespaces=ns) for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    assert whole.findtext("a:updated", namespaces=ns) == stamps[0]
    zcwj = ET.parse(builds[0] / "feeds/zcwj.xml").getroot()
    assert {e.find("a:category", ns).get("term") for e in zcwj.findall("a:entry", ns)} == {"zcwj"}  # type: ignore[union-attr]


def test_shards_hold_every_row_once(builds: tuple[Path, Path]) -> None:
    data = builds[0] / "catalogue/data"
    index = json.loads((data / "index.json").read_text(encoding="utf-8"))
    total = 0
    for year, counts in index["counts"].items():
        for column, n in counts.items():
            rows = json.loads((data / f"{year}-{column}.json").read_text(encoding="utf-8"))
            assert len(rows) == n and all(len(r) == len(index["fields"]) for r in rows)
            total += n
    catalogue = json.loads((builds[0] / "catalogue/catalogue.json").read_text(encoding="utf-8"))
    assert total == catalogue["count"] >= 21
