"""Every rule: a fixture that must fail (a mutation of the demo) and one that must pass (the demo).

Each case mutates a private copy of the demo repository the way a clerk might, runs the same
pipeline the build runs, and asserts the expected rule fires on the expected file and field with
a Chinese message and a hint.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from support import DEMO_TODAY, edit_front_matter, resign, rules_of, run_check

POLICY = "content/zcwj/2026-003.md"
NEWS = "content/gzdt/2026-008.md"
GUIDE = "content/ysqgk/2026-007.md"
MATERIAL = "interpretations/yijianshi/material.md"
PLAN = "interpretations/yijianshi/plan.md"


def fm(path: str, **changes: object) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        def change(meta: dict) -> None:  # type: ignore[type-arg]
            for k, v in changes.items():
                if v is None:
                    meta.pop(k, None)
                else:
                    meta[k] = v
        edit_front_matter(root / path, change)
    return apply


def fm_resigned(path: str, **changes: object) -> Callable[[Path], None]:
    """Change fields, then re-review, so only the rule under test remains."""
    def apply(root: Path) -> None:
        fm(path, **changes)(root)
        resign(root, path)
    return apply


def body(path: str, old: str, new: str, *, resign_after: bool = True) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        p = root / path
        text = p.read_text(encoding="utf-8")
        assert old in text
        p.write_text(text.replace(old, new, 1), encoding="utf-8")
        if resign_after and path.endswith(".md"):
            # A plan is reviewed as part of its interpretation's record (the material's).
            resign(root, path.replace("/plan.md", "/material.md"))
    return apply


def review(path: str, change: Callable[[dict], None]) -> Callable[[Path], None]:  # type: ignore[type-arg]
    def apply(root: Path) -> None:
        rec = root / "governance/reviews" / (path[:-3] + ".yml")
        data = yaml.safe_load(rec.read_text(encoding="utf-8"))
        change(data)
        rec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return apply


def setitem(keys: str, value: object) -> Callable[[dict], None]:  # type: ignore[type-arg]
    def change(data: dict) -> None:  # type: ignore[type-arg]
        *head, last = keys.split(".")
        for k in head:
            data = data[k]
        data[last] = value
    return change


def remove(path: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        target = root / path
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return apply


def write(path: str, data: bytes | str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return apply


D = dt.date.fromisoformat
CASES: list[tuple[str, Callable[[Path], None], str, str, str | None]] = [
    # (id, mutation, expected rule, expected path, expected field)
    ("missing title", fm(NEWS, title=None), "schema.missing", NEWS, "title"),
    ("loose date", fm(NEWS, formed="2026年4月8日"), "schema.type", NEWS, "formed"),
    ("impossible date", fm(NEWS, published="2026-02-30"), "schema.type", NEWS, "published"),
    ("typo in key", fm(NEWS, publised=D("2026-04-09")), "schema.unknown_field", NEWS, "publised"),
    ("summary too long", fm(NEWS, summary="很长" * 60), "schema.type", NEWS, "summary"),
    ("bad validity", fm(NEWS, validity="作废"), "schema.type", NEWS, "validity"),
    ("bad kind", fm(NEWS, kind="notice"), "schema.type", NEWS, "kind"),
    ("urgent not bool", fm(NEWS, urgent="是"), "schema.type", NEWS, "urgent"),
    ("no front matter", write(NEWS, "# 只有标题\n\n正文\n"), "schema.frontmatter", NEWS, None),
    ("malformed yaml", write(NEWS, "---\ntitle: [未闭合\n---\n正文\n"), "schema.yaml", NEWS, None),
    ("gbk encoding", write(NEWS, "---\ntitle: 标题\n---\n正文\n".encode("gbk")), "file.encoding", NEWS, None),
    ("utf-16 encoding", write(NEWS, "---\ntitle: 标题\n---\n正文\n".encode("utf-16")), "file.encoding", NEWS, None),
    ("duplicate index", fm_resigned(NEWS, index_no="11459900MB0012345X/2026-00001"), "index.duplicate", NEWS, "index_no"),
    ("index scheme", fm_resigned(NEWS, index_no="2026-8"), "index.format", NEWS, "index_no"),
    ("index year", fm_resigned(NEWS, index_no="11459900MB0012345X/2024-00099"), "index.year", NEWS, "index_no"),
    ("half-width doc no", fm_resigned(POLICY, doc_no="示政务办规[2026]1号"), "docno.format", POLICY, "doc_no"),
    ("leading zero doc no", fm_resigned(POLICY, doc_no="示政务办规〔2026〕01号"), "docno.format", POLICY, "doc_no"),
    ("unknown division", fm_resigned(NEWS, division="综合科"), "division.unknown", NEWS, "division"),
    ("not responsible", fm_resigned(NEWS, division="政策法规处"), "column.division", NEWS, "division"),
    ("missing attachment", fm_resigned(GUIDE, attachments=[{"file": "2026-007/不存在.pdf", "title": "x"}]),
     "attachment.missing", GUIDE, "attachments -> [0] -> file"),
    ("broken link", body(NEWS, "会议强调", "详见[通知](../tzgg/不存在.md)。会议强调"), "link.broken", NEWS, "正文"),
    ("link to draft", lambda r: (fm(GUIDE, draft=True)(r), body(NEWS, "会议强调", "见[流程](../ysqgk/2026-007.md)。会议强调")(r)),
     "link.unpublished", NEWS, "正文"),
    ("published before formed", fm_resigned(NEWS, published=D("2026-04-07")), "dates.order", NEWS, "published"),
    ("revised without successor", fm_resigned(NEWS, validity="已修订"), "validity.successor", NEWS, "superseded_by"),
    ("unknown successor", fm_resigned(NEWS, validity="失效", superseded_by="11459900MB0012345X/2026-09999"),
     "validity.successor", NEWS, "superseded_by"),
    ("unknown column folder", write("content/xxgk/2026-1.md", "---\ntitle: x\n---\n"), "column.unknown", "content/xxgk", "column"),
    # review gate
    ("review missing", remove("governance/reviews/content/gzdt/2026-008.yml"), "review.missing", NEWS, "review"),
    ("secrecy not cleared", review(NEWS, setitem("secrecy.privacy", "是")), "review.secrecy",
     "governance/reviews/content/gzdt/2026-008.yml", "secrecy -> privacy"),
    ("secrecy blank", review(NEWS, setitem("secrecy.work_secret", "")), "review.field_missing",
     "governance/reviews/content/gzdt/2026-008.yml", "secrecy -> work_secret"),
    ("conclusion", review(NEWS, setitem("conclusion", "不予公开")), "review.conclusion",
     "governance/reviews/content/gzdt/2026-008.yml", "conclusion"),
    ("no leader", review(NEWS, lambda d: d.pop("leader")), "review.field_missing",
     "governance/reviews/content/gzdt/2026-008.yml", "leader"),
    ("date order", review(NEWS, setitem("handler.date", D("2026-04-09"))), "review.date_order",
     "governance/reviews/content/gzdt/2026-008.yml", "division_head -> date"),
    ("signed after publication", review(NEWS, setitem("leader.date", D("2026-04-10"))), "review.after_publication",
     "governance/reviews/content/gzdt/2026-008.yml", "leader -> date"),
    ("record of another item", review(NEWS, setitem("title", "别的信息")), "review.mismatch",
     "governance/reviews/content/gzdt/2026-008.yml", "title"),
    ("digest missing", review(NEWS, lambda d: d.pop("digest")), "review.digest_missing",
     "governance/reviews/content/gzdt/2026-008.yml", "digest"),
    ("changed after review", body(NEWS, "会议强调", "会议还强调", resign_after=False), "review.stale", NEWS, "digest"),
    ("orphan record", write("governance/reviews/content/gzdt/1999-001.yml", "title: x\n"), "review.orphan",
     "governance/reviews/content/gzdt/1999-001.yml", None),
    # interpretation gate
    ("policy without interpretation", remove("interpretations/yijianshi"), "interp.missing", POLICY, "kind"),
    ("plan missing", lambda r: (remove(PLAN)(r), resign(r, MATERIAL)), "interp.plan_missing", "interpretations/yijianshi", None),
    ("material missing", remove(MATERIAL), "interp.material_missing", "interpretations/yijianshi", None),
    ("plan section missing", body(PLAN, "## 解读渠道", "## 发布渠道"), "interp.plan_section_missing", PLAN, "解读渠道"),
    ("material section missing", body(MATERIAL, "## 执行标准", "## 标准"), "interp.material_section_missing", MATERIAL,
     "执行标准"),
    ("material section empty", body(MATERIAL, "申请人应确保提交信息真实准确；清单外的事项仍按原渠道办理。", ""),
     "interp.material_section_empty", MATERIAL, "注意事项"),
    ("不适用 without reason", body(MATERIAL, "不适用：本办法为首次制定，此前没有同类政策。", "不适用"),
     "interp.not_applicable_reason", MATERIAL, "新旧政策差异"),
    ("signed out of sync", fm_resigned(MATERIAL, signed=D("2026-03-03")), "interp.sync_signed", MATERIAL, "signed"),
    ("plan signed out of sync", body(PLAN, "signed: 2026-03-02", "signed: 2026-03-01"), "interp.sync_signed", PLAN, "signed"),
    ("published out of sync", fm_resigned(MATERIAL, published=D("2026-03-06")), "interp.sync_published", MATERIAL,
     "published"),
    ("interprets unknown", fm_resigned(MATERIAL, interprets="11459900MB0012345X/2026-09999"), "interp.orphan", MATERIAL,
     "interprets"),
    # Interpreting a non-policy is allowed (issue 16): tests/test_fidelity_interpretation.py.
    ("someone else interprets", fm_resigned(MATERIAL, division="综合处"), "interp.division", MATERIAL, "division"),
    # clocks
    ("calendar year missing", fm_resigned(NEWS, formed=D("2027-01-04"), published=D("2027-01-05"),
                                          index_no="11459900MB0012345X/2027-00001"),
     "calendar.year_missing", NEWS, "formed"),
]


def test_demo_is_clean() -> None:
    """The passing fixture for every rule: the demo content as shipped."""
    from support import REPO

    result = run_check(REPO)
    # DEMO_TODAY is 29 November: the year-end advisory to 综合处 (2027's holidays are not in the package;
    # tests/test_year_end.py) and the registers' deliberate clocks are the only findings.
    from support import DEMO_ADVISORIES

    assert sorted((f.rule, f.path) for f in result.findings) == sorted(DEMO_ADVISORIES)
    assert not any(f.is_error for f in result.findings)
    assert result.site is not None and len(result.site.items) >= 15


@pytest.mark.parametrize(("case", "mutate", "rule", "path", "field"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires(demo: Path, case: str, mutate: Callable[[Path], None], rule: str, path: str,
                    field: str | None) -> None:
    mutate(demo)
    result = run_check(demo)
    hits = [f for f in result.findings if f.rule == rule]
    assert hits, f"{case}: expected {rule}, got {sorted(rules_of(result))}"
    hit = next((f for f in hits if f.path == path and f.field == field), None)
    assert hit is not None, [(f.path, f.field) for f in hits]
    assert re.search(r"[\u4e00-\u9fff]", hit.message) and re.search(r"[\u4e00-\u9fff]", hit.hint)


def test_messages_name_what_to_do(demo: Path) -> None:
    fm_resigned(POLICY, doc_no="示政务办规[2026]1号")(demo)
    fm(NEWS, formed="2026年4月8日")(demo)
    result = run_check(demo)
    doc = next(f for f in result.findings if f.rule == "docno.format")
    assert doc.hint.startswith("按 GB/T 9704 改为 示政务办规〔2026〕1号")
    date = next(f for f in result.findings if f.rule == "schema.type" and f.field == "formed")
    assert date.message == "formed（信息形成或变更日期）不是有效日期：2026年4月8日"
    assert date.hint == "改为 formed: 2026-04-08"


def test_stale_review_names_what_changed(demo: Path) -> None:
    body(GUIDE, "## 答复时限", "## 答复期限", resign_after=False)(demo)
    fm(GUIDE, summary="改过的概述")(demo)
    (demo / "content/ysqgk/2026-007/政府信息公开申请表.docx").write_bytes(b"changed")
    stale = next(f for f in run_check(demo).findings if f.rule == "review.stale")
    assert stale.message == "审查后内容有改动（正文、字段 summary、附件 2026-007/政府信息公开申请表.docx），须重新审查后才能发布"
    assert stale.hint == "由综合处核对后运行 zwgk review content/ysqgk/2026-007.md 重新审查并签署"


def test_interpretation_plan_and_tujie_are_covered_by_review(demo: Path) -> None:
    body(PLAN, "文字解读", "文字和视频解读", resign_after=False)(demo)
    stale = [f for f in run_check(demo).findings if f.rule == "review.stale"]
    assert [(f.path, "附件 plan.md" in f.message) for f in stale] == [(MATERIAL, True)]


def test_late_publication_is_a_warning_until_acknowledged(demo: Path) -> None:
    fm_resigned(NEWS, published=D("2026-04-20"))(demo)  # formed 04-08 (Wed): due 04-15
    late = [f for f in run_check(demo).findings if f.rule.startswith("timeliness")]
    assert [(f.rule, f.severity) for f in late] == [("timeliness.late", "warning")]
    assert "应在 2026-04-15 前（5 个工作日内）发布，实际 2026-04-20，晚了 3 个工作日" in late[0].message
    review(NEWS, setitem("late_reason", "等待上级批复后发布"))(demo)
    assert not [f for f in run_check(demo).findings if f.rule.startswith("timeliness")]


def test_urgent_means_same_day(demo: Path) -> None:
    fm_resigned(NEWS, urgent=True)(demo)  # formed 04-08, published 04-09
    late = [f for f in run_check(demo).findings if f.rule == "timeliness.late"]
    assert len(late) == 1 and "应在 2026-04-08 前（当日）发布" in late[0].message


def test_legal_bound(demo: Path) -> None:
    fm_resigned(NEWS, published=D("2026-05-20"))(demo)  # > 20 working days after 04-08 (劳动节 in between)
    legal = [f for f in run_check(demo).findings if f.rule == "timeliness.legal"]
    assert len(legal) == 1 and "已超过《政府信息公开条例》规定的 20 个工作日" in legal[0].message


def test_timeliness_severity_configurable(demo: Path) -> None:
    cfg = demo / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("interpretation_column: zcjd",
                                                           "interpretation_column: zcjd\n      timeliness_severity: error"),
                   encoding="utf-8")
    fm_resigned(NEWS, published=D("2026-04-20"))(demo)
    late = [f for f in run_check(demo).findings if f.rule == "timeliness.late"]
    assert late[0].severity == "error"


def test_drafts_and_scheduled_need_no_interpretation_until_published(demo: Path) -> None:
    fm(POLICY, draft=True)(demo)
    result = run_check(demo)
    assert "interp.missing" not in rules_of(result)
    assert "review.stale" not in {f.rule for f in result.findings if f.path == POLICY}


@pytest.mark.parametrize(
    ("columns_yaml", "rule", "field"),
    [
        ("divisions: [综合处]\ncolumns:\n  - {slug: zcwj, name: 政策文件, type: 政策文件, description: d, keywords: [k], divisions: [法规处]}\n",
         "columns.division", "columns -> zcwj -> divisions"),
        ("divisions: [综合处]\ncolumns:\n  - {slug: 政策, name: 政策文件, type: 政策文件, description: d, keywords: [k], divisions: [综合处]}\n",
         "columns.slug", "columns -> 政策 -> slug"),
        ("divisions: [综合处]\ncolumns:\n  - {slug: zcwj, name: 政策文件, description: d, keywords: [k], divisions: [综合处]}\n",
         "columns.missing", "columns -> zcwj -> type"),
        ("divisions: [综合处]\ncolumns:\n  - {slug: zcwj, name: n, type: t, description: d, keywords: [k], divisions: [综合处], update_period: 每月}\n",
         "columns.period", "columns -> zcwj -> update_period"),
        ("divisions: [综合处]\ncolumns:\n  - {slug: zcwj, name: n, type: t, description: d, keywords: [k], divisions: [综合处], parent: gk}\n",
         "columns.parent", "columns -> zcwj -> parent"),
        ("divisions: [综合处]\ncolumns:\n  - {slug: zcwj, name: n, type: t, description: d, keywords: [k], divisions: [综合处], owner: x}\n",
         "columns.unknown_field", "columns -> zcwj -> owner"),
        ("divisions: [综合处\n", "yaml.invalid", None),
    ],
)
def test_columns_table(tmp_path: Path, columns_yaml: str, rule: str, field: str | None) -> None:
    from zwgk.core.columns import load_columns

    (tmp_path / "columns.yml").write_text(columns_yaml, encoding="utf-8")
    _, _, problems = load_columns(tmp_path, "columns.yml")
    assert (rule, field) in {(p.rule, p.field) for p in problems}
    assert all(p.path == "columns.yml" for p in problems)


def test_config_errors(tmp_path: Path) -> None:
    from zwgk.core.config import SiteConfig

    cfg, problems = SiteConfig.from_mapping({"org_code": "X", "publisher": "P", "timeliness_workday": 3,
                                             "legal_workdays": "二十", "today": "昨天"})
    got = {(p.rule, p.field) for p in problems}
    assert ("config.unknown", "plugins -> zwgk -> timeliness_workday") in got
    assert ("config.type", "plugins -> zwgk -> legal_workdays") in got
    assert ("config.value", "plugins -> zwgk -> today") in got
    assert next(p for p in problems if p.rule == "config.unknown").hint == "是否想写 timeliness_workdays？"
    assert cfg.legal_workdays == 20 and cfg.today is None


def test_today_controls_scheduled_items(demo: Path) -> None:
    fm_resigned(NEWS, formed=D("2026-12-01"), published=D("2026-12-02"))(demo)
    site = run_check(demo, today=DEMO_TODAY).site
    assert site is not None
    item = next(i for i in site.items if i.path == NEWS)
    assert not item.is_public(site.today)
    assert item.is_public(D("2026-12-02"))


def test_the_encoding_message_names_utf16_when_the_file_says_so(tmp_path: Path) -> None:
    from zwgk.core.yamlio import read_text

    (tmp_path / "a.md").write_bytes("标题".encode("utf-16"))
    (tmp_path / "b.md").write_bytes("标题".encode("gbk"))
    assert "UTF-16" in read_text(tmp_path / "a.md", "a.md")[1][0].message
    assert "GBK" in read_text(tmp_path / "b.md", "b.md")[1][0].message
