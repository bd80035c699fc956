"""Interpretation scope and elements (issue 16 §2): what must be interpreted, exemptions, 执行期限.

The demo is the must-pass fixture (its 示政务办发 制度 are interpreted or exempted with a reason);
each case below is a must-fail fixture on a copy of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import edit_front_matter, resign, run_check

MECHANISM = "content/zfxxgkzd/2026-002.md"  # 制度, 示政务办发: interpreted in interpretations/gongkaijizhi
SECRECY = "content/zfxxgkzd/2026-009.md"  # 制度, 示政务办发: interpretation: not_required with a reason
NOTICE = "content/tzgg/2026-004.md"  # 公告: out of scope
POLICY = "content/zcwj/2026-003.md"
MATERIAL = "interpretations/haochaping/material.md"


def configure(root: Path, block: str) -> None:
    cfg = root / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace("interpretation_column: zcjd", f"interpretation_column: zcjd\n      {block}"),
                   encoding="utf-8")


def meta(path: str, change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        edit_front_matter(root / path, change)
        resign(root, path)
    return apply


def drop(*keys: str) -> Callable[[dict[str, Any]], None]:
    def change(m: dict[str, Any]) -> None:
        for k in keys:
            m.pop(k, None)
    return change


def section_gone(root: Path) -> None:
    p = root / MATERIAL
    p.write_text(re.sub(r"## 执行期限\n\n[^\n]*\n\n", "", p.read_text(encoding="utf-8")), encoding="utf-8")
    resign(root, MATERIAL)


FAIL: list[tuple[str, Callable[[Path], None], str, str, str]] = [
    ("制度 in the office's name, not interpreted", meta(SECRECY, drop("interpretation", "reason")),
     "interp.missing", SECRECY, "genre"),
    ("flagged by the division", meta(NOTICE, lambda m: m.update(interpretation="required")),
     "interp.missing", NOTICE, "genre"),
    ("exemption without reason", meta(SECRECY, drop("reason")), "interp.waiver_reason", SECRECY, "reason"),
    ("exemption of a policy", meta(POLICY, lambda m: m.update(interpretation="not_required", reason="内部文件，不需要解读")),
     "interp.waiver_refused", POLICY, "interpretation"),
    ("material without 执行期限", section_gone, "interp.material_section_missing", MATERIAL, "执行期限"),
    ("scope: unknown key", lambda r: configure(r, "interpretation_scope: {genre: [制度]}"), "config.unknown",
     "mkdocs.yml", "plugins -> zwgk -> interpretation_scope -> genre"),
    ("scope: not a list", lambda r: configure(r, "interpretation_scope: {genres: 制度}"), "config.type",
     "mkdocs.yml", "plugins -> zwgk -> interpretation_scope -> genres"),
    ("scope: unknown kind", lambda r: configure(r, "interpretation_scope: {kinds: [policy, 文件]}"), "config.value",
     "mkdocs.yml", "plugins -> zwgk -> interpretation_scope -> kinds"),
]


@pytest.mark.parametrize(("case", "mutate", "rule", "path", "field"), FAIL, ids=[c[0] for c in FAIL])
def test_scope_must_fail(demo: Path, case: str, mutate: Callable[[Path], None], rule: str, path: str,
                         field: str) -> None:
    mutate(demo)
    result = run_check(demo)
    hit = next((f for f in result.findings if f.rule == rule and f.path == path and f.field == field), None)
    assert hit is not None, (case, [(f.rule, f.path, f.field) for f in result.findings])
    assert hit.is_error and re.search(r"[\u4e00-\u9fff]", hit.message) and re.search(r"[\u4e00-\u9fff]", hit.hint)


def test_demo_scope_passes(demo: Path) -> None:
    """The demo's own 制度: one interpreted (a non-policy interpretation is accepted), one exempted."""
    result = run_check(demo)
    assert not [f for f in result.findings if f.rule.startswith("interp.") or f.rule.startswith("config.")]
    assert result.site is not None
    mechanism = next(i for i in result.site.items if i.path == MECHANISM)
    assert mechanism.kind == "plain" and result.site.interpretation_for(mechanism) is not None


@pytest.mark.parametrize(("block", "expect_missing"), [
    ("interpretation_scope: {doc_no_prefixes: [示政务办规]}", False),  # 示政务办发 is then not "in the office's name"
    ("interpretation_scope: {genres: [规定]}", False),  # 制度 no longer in scope
    ("interpretation_scope: {doc_no_prefixes: [示政务办发]}", True),
    ("interpretation_scope: {}", True),  # defaults: 规定、制度、办法 with a 文号 and the site's publisher
])
def test_scope_is_configured(demo: Path, block: str, expect_missing: bool) -> None:
    meta(SECRECY, drop("interpretation", "reason"))(demo)
    configure(demo, block)
    rules = {(f.rule, f.path) for f in run_check(demo).findings}
    assert (("interp.missing", SECRECY) in rules) is expect_missing
    assert not {r for r, _ in rules if r.startswith("config.")}


def test_scaffold_has_ten_sections(demo: Path) -> None:
    from zwgk.core import scaffold

    result = run_check(demo)
    assert result.site is not None
    made = scaffold.new_interpretation(result.site, "11459900MB0012345X/2026-00004", name="gonggao")  # a 公告 may be interpreted
    material = next(f.text for f in made.files if f.path.endswith("material.md"))
    assert material.count("\n## ") == 10 and "## 执行期限" in material
