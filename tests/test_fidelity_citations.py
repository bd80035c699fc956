"""Issue 16 §6: citations, the outcome's decision document, and an honest 依申请公开 page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import REPO, edit_front_matter, resign, run_check

OUTCOME = "content/yjzj/2026-014.md"
DECISION = "11459900MB0012345X/2026-00010"  # a published 办法


def decide(ref: str) -> Callable[[dict[str, Any]], None]:
    return lambda m: m.update(decision=ref)


@pytest.mark.parametrize(("ref", "setup"), [
    ("11459900MB0012345X/2026-09999", None),  # no such item
    ("11459900MB0012345X/2026-00011", None),  # the consultation itself
    ("11459900MB0012345X/2026-00004", "content/tzgg/2026-004.md"),  # a draft: the public cannot follow the link
])
def test_decision_must_fail(demo: Path, ref: str, setup: str | None) -> None:
    if setup:
        edit_front_matter(demo / setup, lambda m: m.update(draft=True))
    edit_front_matter(demo / OUTCOME, decide(ref))
    resign(demo, OUTCOME)
    hit = next((f for f in run_check(demo).findings if f.rule == "outcome.decision"), None)
    assert hit is not None and hit.path == OUTCOME and hit.field == "decision" and hit.is_error
    assert re.search(r"[\u4e00-\u9fff]", hit.hint)


def test_decision_must_pass(demo: Path) -> None:
    edit_front_matter(demo / OUTCOME, decide(DECISION))
    resign(demo, OUTCOME)
    assert not [f for f in run_check(demo).findings if f.path == OUTCOME]


def test_decision_only_on_outcomes(demo: Path) -> None:
    edit_front_matter(demo / "content/tzgg/2026-004.md", decide(DECISION))
    assert any(f.rule == "schema.unknown_field" and f.field == "decision" for f in run_check(demo).findings)


@pytest.mark.parametrize(("wrong", "files"), [
    ("重大行政决策程序暂行条例》第十四条", ("plugins/zwgk/core/rules/clocks.py", "plugins/zwgk/core/clocks/consultation.py",
                                  "docs/clocks.md")),
    ("国办函〔2019〕80", ("docs/clocks.md",)),
    ("人事、规划计划类栏目 1 年未更新", ("docs/clocks.md",)),
])
def test_wrong_citations_are_gone(wrong: str, files: tuple[str, ...]) -> None:
    for name in files:
        assert wrong not in (REPO / name).read_text(encoding="utf-8"), name


def test_five_hours_is_attributed_to_80() -> None:
    text = (REPO / "docs/clocks.md").read_text(encoding="utf-8")
    assert re.search(r"5 小时[^。]*国办发〔2016〕80号", text)


def test_request_page_is_honest() -> None:
    """The static site has no online form: the demo page offers what exists (post, in person, e-mail, the form)."""
    text = (REPO / "content/ysqgk/2026-007.md").read_text(encoding="utf-8")
    assert "在线平台" not in text and "网上申请" not in text
    for way in ("当面申请", "信函申请", "电子邮件申请", "申请表"):
        assert way in text
