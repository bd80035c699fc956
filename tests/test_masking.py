"""Every finding masks personal numbers, whichever rule produced it (core/masking.py via Finding).

Unit cases cover the class (digit runs of any script joined by any separator), the output cases
type numbers into fields of a demo copy and read the real ``zwgk check`` output in every format.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from support import edit_front_matter, zwgk
from zwgk.core.findings import finding
from zwgk.core.masking import mask_text

ID = "110105199003071234"
MOBILE = "13812345678"
CARD = "6222021234567890123"


@pytest.mark.parametrize("written", [
    ID, "11010519900307123X", "11010519900307123x", "110105 19900307 1234", "110105-1990-0307-1234",
    "１１０１０５１９９００３０７１２３Ｘ",  # full-width
    "110105\u200b199003071234",  # zero-width space inside
    "110105\u00a019900307\u30001234",  # no-break and ideographic spaces
    MOBILE, "138-1234-5678", "138 1234 5678", "138.1234.5678", "+86 138 1234 5678", "(+86)13812345678",
    "１３８－１２３４－５６７８", "١٣٨١٢٣٤٥٦٧٨",  # full-width with full-width hyphen; Arabic-Indic digits
    CARD, "6222 0212 3456 7890 123", "6222-0212-3456-7890", "6222 – 0212 – 3456 – 7890",
    "ID110105199003071234号", "电话13812345678。",  # glued to letters or Chinese
])
def test_numbers_are_masked(written: str) -> None:
    out = mask_text(f"值为 {written} 请改正")
    assert "*" in out
    # No run of 8 or more original digits survives (a mask shows at most 6 + 2 / 3 + 4 / 4 + 4).
    longest = max((len(m) for m in re.findall(r"\d+", out)), default=0)
    assert longest <= 6, out


@pytest.mark.parametrize("kept", [
    "2026-03-05", "2026-03-05 2026-03-06", "[2026-10-01, 2026-10-07]", "2026-12-07 23:30:00",
    "2026-12-07T23:30:00-10:00", "11459900MB0012345X/2026-00010", "示政务办发〔2026〕3号", "第 12 条",
    "160 字", "共 1234567890 字节",  # ten digits: below the threshold
])
def test_dates_and_short_numbers_stay_readable(kept: str) -> None:
    assert mask_text(kept) == kept


def test_fingerprint_kept_once_in_hint_only() -> None:
    hint = "如确属依法应公开的信息，请在审查表 exceptions 中登记：rule: privacy.id_card, fingerprint: 123456789012，并写明理由"
    f = finding("privacy.id_card", "a.md", f"疑似身份证号 {ID}", hint)
    assert "fingerprint: 123456789012" in f.hint and ID not in f.message
    # Typed twice (smuggling digits), only the last one survives; in a message none does.
    smuggle = "fingerprint: 110105199003 fingerprint: 071234567890"
    f2 = finding("x.y", "a.md", smuggle, smuggle)
    assert "110105199003" not in f2.hint and "071234567890" in f2.hint
    assert "110105199003" not in f2.message and "071234567890" not in f2.message


def test_every_text_field_of_a_finding_is_masked() -> None:
    f = finding("x.y", "content/a.md", f"索引号 {ID}", f"改为 {MOBILE}", field=f"opinions -> {CARD}",
                location=f"Sheet1!{MOBILE}")
    for text in (f.message, f.hint, f.field or "", f.location or ""):
        assert not re.search(r"\d{8,}", text), text
    # replace() builds a new Finding: the hook runs again.
    g = dataclasses.replace(f, message=f"新的 {ID}")
    assert ID not in g.message and "110105" in g.message


NEWS = "content/gzdt/2026-008.md"
OTHER = "content/gzdt/2026-013.md"
FULLWIDTH_MOBILE = "１３９８７６５４３２１"


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from support import copy_demo

    root = copy_demo(tmp_path_factory.mktemp("mask") / "repo")

    def news(meta: dict[str, Any]) -> None:
        meta["index_no"] = ID  # an ID number typed into index_no
        meta["division"] = "138 1234 5678"  # a phone number into division
        meta["formed"] = "11010519900307123X"  # an ID number into a date field
        meta["publisher"] = "x"

    def other(meta: dict[str, Any]) -> None:
        meta["division"] = "政策法规处"  # not responsible for 工作动态: the message quotes the column name
        meta["summary"] = FULLWIDTH_MOBILE

    edit_front_matter(root / NEWS, news)
    edit_front_matter(root / OTHER, other)
    columns = root / "governance/columns.yml"
    columns.write_text(columns.read_text(encoding="utf-8").replace(
        "name: 工作动态", "name: 工作动态6222 0212 3456 7890 123"), encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab", "markdown"])
def test_check_output_never_echoes_numbers(leaky: Path, fmt: str) -> None:
    proc = zwgk(leaky, "check", "--format", fmt)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1  # the mutations are errors
    if fmt == "json":
        out = out.encode().decode("unicode_escape", errors="ignore") + out  # \\uXXXX escapes too
    for raw in (ID, "11010519900307123X", MOBILE, "62220212345678901", FULLWIDTH_MOBILE):
        assert raw not in out, (fmt, raw)
    compact = re.sub(r"[\s\-]", "", out)
    for raw in (ID, MOBILE, "6222021234567890123"):
        assert raw not in compact, (fmt, raw)
    # The findings are still there, masked, and still say which field.
    if fmt == "text":
        assert "index.format" in out and "110105**********34" in out
        assert "division.unknown" in out and "138****5678" in out
        assert "schema.type 字段 formed" in out
        assert "column.division" in out and "6222***********0123" in out
