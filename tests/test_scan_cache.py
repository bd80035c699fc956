"""ScanCache: hits skip parsing, content, extension or config changes miss, damaged entries are ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from samples import write_docx, write_pdf
from zwgk.core.scan import PARSE_COUNTS, ScanCache, ScanConfig, cached_scan_attachment, scan_attachment

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_CACHE_KEY", "test-key")
    monkeypatch.delenv("ZWGK_CACHE", raising=False)


def test_hit_does_not_parse_again(tmp_path: Path) -> None:
    cache = ScanCache.at(tmp_path / "cache")
    pdf = write_pdf(tmp_path / "a.pdf", ["电话 13812345678"])
    first = cached_scan_attachment(cache, pdf, "files/a.pdf", CONFIG)
    parsed = PARSE_COUNTS["pdf"]
    second = cached_scan_attachment(cache, pdf, "files/a.pdf", CONFIG)
    assert PARSE_COUNTS["pdf"] == parsed  # the parser was not called
    assert second == first and [f.rule for f in first] == ["privacy.mobile"]
    assert (cache.stats.hits, cache.stats.misses) == (1, 1)


def test_same_bytes_under_another_name_get_the_new_path(tmp_path: Path) -> None:
    cache = ScanCache.at(tmp_path / "cache")
    pdf = write_pdf(tmp_path / "a.pdf", ["电话 13812345678"])
    cached_scan_attachment(cache, pdf, "files/a.pdf", CONFIG)
    copy = tmp_path / "b.pdf"
    copy.write_bytes(pdf.read_bytes())
    (item,) = cached_scan_attachment(cache, copy, "other/b.pdf", CONFIG)
    assert item.path == "other/b.pdf" and cache.stats.hits == 1


def test_changed_content_is_rescanned(tmp_path: Path) -> None:
    cache = ScanCache.at(tmp_path / "cache")
    docx = write_docx(tmp_path / "a.docx", paragraphs=["电话 13812345678"])
    assert [f.rule for f in cached_scan_attachment(cache, docx, "a.docx", CONFIG)] == ["privacy.mobile"]
    parsed = PARSE_COUNTS["docx"]
    write_docx(docx, paragraphs=["电话 138****5678"])
    assert cached_scan_attachment(cache, docx, "a.docx", CONFIG) == []
    assert PARSE_COUNTS["docx"] == parsed + 1 and cache.stats.misses == 2


def test_changed_config_is_rescanned(tmp_path: Path) -> None:
    cache = ScanCache.at(tmp_path / "cache")
    md = tmp_path / "a.md"
    md.write_text("[x](https://www.example.org/)", encoding="utf-8")
    assert cached_scan_attachment(cache, md, "a.md", CONFIG) == scan_attachment(md, "a.md", CONFIG)
    allowing, _ = ScanConfig.from_mapping({"allowed_domains": ["example.org"]}, "mkdocs.yml")
    assert cached_scan_attachment(cache, md, "a.md", allowing) == scan_attachment(md, "a.md", allowing)
    assert cache.stats.misses == 2 and cache.stats.hits == 0


def test_corrupt_entry_is_ignored_and_replaced(tmp_path: Path) -> None:
    cache = ScanCache.at(tmp_path / "cache")
    pdf = write_pdf(tmp_path / "a.pdf", ["电话 13812345678"])
    expected = cached_scan_attachment(cache, pdf, "a.pdf", CONFIG)
    (entry,) = (tmp_path / "cache").rglob("*.json")
    for garbage in (b"{not json", b'{"version": "1", "findings": []}', b"\xff\xfe", b"[]"):
        entry.write_bytes(garbage)
        assert cached_scan_attachment(cache, pdf, "a.pdf", CONFIG) == expected
    assert cache.stats.rejected == 4
    assert cached_scan_attachment(cache, pdf, "a.pdf", CONFIG) == expected
    assert cache.stats.hits == 1  # the last call read the rewritten entry


def test_writes_are_atomic_and_leave_no_temp_files(tmp_path: Path) -> None:
    cache = ScanCache.at(tmp_path / "cache")
    for i in range(5):
        path = write_pdf(tmp_path / f"{i}.pdf", [f"第{i}号"])
        cached_scan_attachment(cache, path, f"{i}.pdf", CONFIG)
    files = list((tmp_path / "cache").rglob("*"))
    assert not [f for f in files if f.name.startswith(".tmp-")]
    assert len([f for f in files if f.suffix == ".json"]) == 5


def test_unwritable_cache_dir_does_not_fail(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache directory should be")
    cache = ScanCache.at(blocker)
    pdf = write_pdf(tmp_path / "a.pdf", ["电话 13812345678"])
    assert [f.rule for f in cached_scan_attachment(cache, pdf, "a.pdf", CONFIG)] == ["privacy.mobile"]
    assert cache.stats.write_errors == 1


def test_unreadable_results_are_not_cached(tmp_path: Path) -> None:
    cache = ScanCache.at(tmp_path / "cache")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    first = cached_scan_attachment(cache, bad, "bad.pdf", CONFIG)
    assert first == scan_attachment(bad, "bad.pdf", CONFIG)
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_same_bytes_with_another_extension_are_scanned_again(tmp_path: Path) -> None:
    """The extension chooses the parser: a .txt twin of a .pdf must not inherit the PDF's result."""
    cache = ScanCache.at(tmp_path / "cache")
    md = tmp_path / "a.md"
    md.write_text("电话 13812345678", encoding="utf-8")
    first = cached_scan_attachment(cache, md, "a.md", CONFIG)
    twin = tmp_path / "a.MD"
    twin.write_bytes(md.read_bytes())
    assert cached_scan_attachment(cache, twin, "a.MD", CONFIG) == [f.__class__(**{**f.to_dict(), "path": "a.MD"})
                                                                   for f in first]
    assert cache.stats.hits == 1  # lower-cased extension: .md and .MD are one parser
    other = tmp_path / "a.bin"
    other.write_bytes(md.read_bytes())
    cached_scan_attachment(cache, other, "a.bin", CONFIG)
    assert cache.stats.misses == 2


def test_switched_off_scans_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_CACHE", "0")
    cache = ScanCache.at(tmp_path / "cache")
    pdf = write_pdf(tmp_path / "a.pdf", ["电话 13812345678"])
    parsed = PARSE_COUNTS["pdf"]
    for _ in range(2):
        assert [f.rule for f in cached_scan_attachment(cache, pdf, "a.pdf", CONFIG)] == ["privacy.mobile"]
    assert PARSE_COUNTS["pdf"] == parsed + 2 and not (tmp_path / "cache").exists()
