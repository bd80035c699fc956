"""The 保密审查 scanners as a gate: wired into zwgk check and the build, with per-item exceptions."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from support import edit_front_matter, mkdocs_build, resign, run_check

NEWS = "content/gzdt/2026-008.md"
RECORD = "governance/reviews/content/gzdt/2026-008.yml"
ID = "11010519491231002X"  # valid check digit (GB 11643), published as an example in the standard's commentary


def add_to_body(root: Path, path: str, text: str) -> None:
    p = root / path
    p.write_text(p.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    resign(root, path)


def test_id_number_blocks_and_is_masked(demo: Path) -> None:
    add_to_body(demo, NEWS, f"联系人身份证号：{ID}")
    hits = [f for f in run_check(demo).findings if f.rule == "privacy.id_number"]
    assert len(hits) == 1 and hits[0].path == NEWS and hits[0].severity == "error" and hits[0].line
    for f in hits:
        assert ID not in f.message + f.hint + (f.location or "")
    proc = mkdocs_build(demo)
    assert proc.returncode == 1 and "privacy.id_number" in proc.stderr and ID not in proc.stderr + proc.stdout


def test_exception_needs_reason_and_reviewer(demo: Path) -> None:
    add_to_body(demo, NEWS, "咨询电话：13812345678")
    hit = next(f for f in run_check(demo).findings if f.rule == "privacy.mobile")
    fp = re.search(r"fingerprint: ([0-9a-f]+)", hit.hint)
    assert fp, hit.hint
    rec = demo / RECORD
    data = yaml.safe_load(rec.read_text(encoding="utf-8"))
    data["exceptions"] = [{"rule": "privacy.mobile", "fingerprint": fp[1], "reason": "", "reviewer": "赵强"}]
    rec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rules = {f.rule for f in run_check(demo).findings}
    assert {"privacy.mobile", "scan.exception_invalid"} <= rules
    data["exceptions"][0]["reason"] = "单位公开的办事咨询电话，依法应当公开"
    rec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert not [f for f in run_check(demo).findings if f.rule.startswith(("privacy", "scan"))]


def test_attachment_scanned(demo: Path) -> None:
    import docx

    path = demo / "content/ysqgk/2026-007/政府信息公开申请表.docx"
    d = docx.Document(str(path))
    d.tables[0].cell(2, 1).text = "13912345678"
    d.save(str(path))
    resign(demo, "content/ysqgk/2026-007.md")
    hit = next(f for f in run_check(demo).findings if f.rule == "privacy.mobile")
    assert hit.path == "content/ysqgk/2026-007/政府信息公开申请表.docx"
    assert hit.location and "表格1" in hit.location


def test_secrecy_mark_in_draft_is_still_found(demo: Path) -> None:
    edit_front_matter(demo / NEWS, lambda m: m.update(draft=True))
    add_to_body(demo, NEWS, "机密★10年")
    assert "secrecy.mark" in {f.rule for f in run_check(demo).findings}
