"""三同步 through drafts, and ``superseded_by`` naming a public item.

A policy may be public (or scheduled) only when its 解读方案 and 解读材料 exist, are not drafts and
the material is public on the policy's day (Beijing date); an interpretation never goes public
before its policy. ``superseded_by`` names an item that exists, is not a draft and is public by the
time the old page points to it (its withdrawal date, when it has one). Every case mutates a copy of
the demo, whose untouched state is the clean twin (tests/test_rules.py::test_demo_is_clean).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import edit_front_matter, run_check

POLICY = "content/zcwj/2026-003.md"  # published 2026-03-05
MATERIAL = "interpretations/yijianshi/material.md"  # published 2026-03-05
PLAN = "interpretations/yijianshi/plan.md"
OLD = "content/zcwj/2026-010.md"  # another policy, 2026-06-18
OLD_MATERIAL = "interpretations/haochaping/material.md"  # OLD's interpretation
NEW = "content/zcwj/2026-015.md"  # 11459900MB0012345X/2026-00015, published 2026-09-25
NEW_NO = "11459900MB0012345X/2026-00015"


def edit(path: str, **changes: Any) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        def change(meta: dict[str, Any]) -> None:
            for k, v in changes.items():
                if v is None:
                    meta.pop(k, None)
                else:
                    meta[k] = v
        edit_front_matter(root / path, change)
    return apply


def both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        for step in steps:
            step(root)
    return apply


def sync_findings(root: Path) -> list[tuple[str, str, str | None, str]]:
    keep = ("interp.", "validity.")
    return sorted((f.rule, f.path, f.field, f.severity) for f in run_check(root).findings if f.rule.startswith(keep))


FAIL = [
    ("material draft", edit(MATERIAL, draft=True), ("interp.sync_draft", MATERIAL, "draft")),
    ("plan draft", edit(PLAN, draft=True), ("interp.sync_draft", PLAN, "draft")),
    ("material scheduled later", edit(MATERIAL, published="2026-03-09"), ("interp.sync_published", MATERIAL, "published")),
    ("material earlier", edit(MATERIAL, published="2026-03-04"), ("interp.sync_published", MATERIAL, "published")),
    # 20:00 in UTC-8 on 03-05 is 03-06 12:00 in Beijing: a day late although the wall date matches.
    ("material offset next day", edit(MATERIAL, published="2026-03-05T20:00:00-08:00"),
     ("interp.sync_published", MATERIAL, "published")),
    ("policy draft, material public", edit(POLICY, draft=True), ("interp.policy_unpublished", MATERIAL, "published")),
    ("successor draft", both(edit(OLD, validity="已修订", superseded_by=NEW_NO), edit(NEW, draft=True)),
     ("validity.successor", OLD, "superseded_by")),
    ("successor scheduled", both(edit(OLD, validity="已修订", superseded_by=NEW_NO), edit(NEW, published="2026-12-15")),
     ("validity.successor", OLD, "superseded_by")),
    ("successor after withdrawal",
     both(edit(OLD, validity="已修订", superseded_by=NEW_NO,
               withdrawn={"date": "2026-09-01", "reason": "已被新文件替代", "replacement": NEW_NO}),
          edit(NEW, published="2026-09-25")),
     ("validity.successor", OLD, "superseded_by")),
    ("successor is itself", edit(OLD, validity="已修订", superseded_by="11459900MB0012345X/2026-00010"),
     ("validity.successor", OLD, "superseded_by")),
    ("successor unknown", edit(OLD, validity="已修订", superseded_by="11459900MB0012345X/2026-00099"),
     ("validity.successor", OLD, "superseded_by")),
]


@pytest.mark.parametrize(("case", "mutate", "expected"), FAIL, ids=[c[0] for c in FAIL])
def test_must_fail(demo: Path, case: str, mutate: Callable[[Path], None], expected: tuple[str, str, str]) -> None:
    mutate(demo)
    result = run_check(demo)
    hits = [f for f in result.findings if (f.rule, f.path, f.field) == expected]
    assert hits, f"{case}: {sorted((f.rule, f.path, f.field) for f in result.findings)}"
    hit = hits[0]
    assert hit.is_error
    # Chinese, names what to change; the policy-side cases name the other file too.
    assert re.search(r"[\u4e00-\u9fff]", hit.message) and re.search(r"[\u4e00-\u9fff]", hit.hint)
    assert expected[2] in hit.hint or expected[2] in hit.message


TWINS = [
    # Same Beijing day written with an offset: 03-04 20:00 in UTC-8 is 03-05 12:00 Beijing.
    ("material offset same day", edit(MATERIAL, published="2026-03-04T20:00:00-08:00")),
    ("draft false", both(edit(MATERIAL, draft=False), edit(PLAN, draft=False))),
    ("policy and material both drafts", both(edit(POLICY, draft=True), edit(MATERIAL, draft=True))),
    ("successor public", edit(OLD, validity="已修订", superseded_by=NEW_NO)),
    ("successor before withdrawal",
     edit(OLD, validity="已修订", superseded_by=NEW_NO,
          withdrawn={"date": "2026-10-01", "reason": "已被新文件替代", "replacement": NEW_NO})),
    ("old draft, successor scheduled", both(edit(OLD, draft=True, validity="已修订", superseded_by=NEW_NO),
                                            edit(OLD_MATERIAL, draft=True), edit(NEW, published="2026-12-15"))),
]


@pytest.mark.parametrize(("case", "mutate"), TWINS, ids=[c[0] for c in TWINS])
def test_clean_twin(demo: Path, case: str, mutate: Callable[[Path], None]) -> None:
    mutate(demo)
    assert sync_findings(demo) == [], case


def test_material_draft_message_names_policy_and_fix(demo: Path) -> None:
    edit(MATERIAL, draft=True)(demo)
    hit = next(f for f in run_check(demo).findings if f.rule == "interp.sync_draft")
    assert POLICY in hit.message and "已于 2026-03-05 发布" in hit.message
    assert "删除解读材料中的 draft: true" in hit.hint and "published: 2026-03-05" in hit.hint


def test_scheduled_policy_with_draft_material(demo: Path) -> None:
    """A policy scheduled for later is checked now: the merge is where the fix is cheap."""
    both(edit(POLICY, published="2026-12-10"), edit(MATERIAL, draft=True))(demo)
    hit = next(f for f in run_check(demo).findings if f.rule == "interp.sync_draft")
    assert "定于 2026-12-10 发布" in hit.message
