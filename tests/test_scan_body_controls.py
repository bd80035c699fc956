"""markdown.control_char: a body may not hold bidi embeddings/overrides/isolates or C0/C1 control
characters. ``\\u202e87654321831\\u202c`` displays as 13812345678 in a browser while every scan reads
87654321831; ``\\x1b`` and friends would be published as they are, though the front matter refuses them.
Each fixture has a clean twin; one real build shows the build stops with the Chinese message."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import copy_demo, mkdocs_build, resign, run_check
from zwgk.core.mdrender import CONTROL_CHAR, control_chars
from zwgk.core.scan.canon import canonical

ITEM = "content/gzdt/2026-008.md"
PLAN = "interpretations/gongkaijizhi/plan.md"
HIDDEN_PHONE = "联系人手机：\u202e87654321831\u202c"


def append(root: Path, rel: str, text: str) -> int:
    """Append ``text`` as new lines; the 1-based line its first line lands on."""
    path = root / rel
    old = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{old}\n\n{text}\n", encoding="utf-8")
    return old.count("\n") + 3


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
                                  "\u2068", "\u2069", "\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x7f",
                                  "\x85", "\x9f"])
def test_each_control_is_refused(char: str) -> None:
    found = control_chars("content/a.md", f"第一行\n前{char}后\n", 5)
    assert found is not None and found.rule == CONTROL_CHAR and found.line == 6
    assert f"U+{ord(char):04X}" in found.message


@pytest.mark.parametrize("body", [
    "普通中文正文，含数字 2026 年和表格。\n\n| 事项\t| 时限 |\n|--|--|\n| 受理\t| 1 个工作日 |\r\n",
    "English text with a tab\tand CRLF\r\nline two",
    "方向标记可以保留：\u200e(010)\u200f 与阿拉伯数字 ١٢٣",  # LRM/RLM cannot reorder a run of digits
], ids=["chinese-tabs", "ascii", "lrm-rlm"])
def test_clean_twin_passes(body: str) -> None:
    assert control_chars("content/a.md", body, 1) is None


def test_first_line_and_the_number_of_lines() -> None:
    found = control_chars("content/a.md", "a\nb\u202ec\u202c\nd\ne\x1b\nf\x1b\x1b", 10)
    assert found is not None and found.line == 11
    assert "第 11 行" in found.message and "共 3 行" in found.message and "双向文字控制符 U+202E" in found.message


def test_canonicalisation_drops_the_controls() -> None:
    """Other channels (attachments, the search index) still see the digits the detectors know."""
    assert canonical("138\u202a1234\u202c\u2066567\u20698\x1b") == "13812345678"


def test_check_refuses_a_bidi_override_in_an_item_body(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    line = append(root, ITEM, HIDDEN_PHONE + "\n\n第二行\x1b[31m")
    found = [f for f in run_check(root).findings if f.rule == CONTROL_CHAR]
    assert [(f.path, f.line, f.severity) for f in found] == [(ITEM, line, "error")], found
    assert "U+202E" in found[0].message and "共 2 行" in found[0].message


def test_check_refuses_controls_in_the_interpretation_plan_and_material(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    plan_line = append(root, PLAN, "解读要点\u2067：见附件")
    material = "interpretations/gongkaijizhi/material.md"
    mat_line = append(root, material, "咨询电话\x0b0000-12345678")
    found = {(f.path, f.line) for f in run_check(root).findings if f.rule == CONTROL_CHAR}
    assert found == {(PLAN, plan_line), (material, mat_line)}


def test_check_passes_the_clean_twin(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    append(root, ITEM, "联系人：办公室\t电话 0000-12345678（工作日 9:00—17:00）\r\n")
    resign(root, ITEM)
    result = run_check(root)
    assert not [f for f in result.findings if f.severity == "error"], result.findings


def test_build_stops_on_a_bidi_override(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    line = append(root, ITEM, HIDDEN_PHONE)
    resign(root, ITEM)  # reviewed and signed: only the control character stops the build
    proc = mkdocs_build(root)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0, log
    assert f"{ITEM}:{line}: [错误] markdown.control_char" in log, log
    assert "双向文字控制符 U+202E" in log and "Traceback" not in log, log
