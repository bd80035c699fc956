"""公开属性 (issue 16 §1): 主动公开 / 依申请公开 / 不予公开, the legal reason, and what is built.

Must-fail and must-pass fixtures for every ``disclosure.*`` rule run on a copy of the demo; one real
MkDocs build proves a withheld item reaches no page, listing, catalogue, feed, sitemap or search.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import edit_front_matter, mkdocs_build, resign, run_check, search_urls

NEWS = "content/gzdt/2026-008.md"  # 工作动态: nothing links to it
GOOD_EXEMPT = "条例第十六条第二款：会议讨论记录属于过程性信息"
GOOD_APPLY = "不属于条例第二十条规定的主动公开范围，公众可依条例第二十七条申请获取"


def withhold(value: str, reason: str | None, *, keep_published: bool = False) -> Callable[[dict[str, Any]], None]:
    def change(meta: dict[str, Any]) -> None:
        meta["disclosure"] = value
        if reason is not None:
            meta["reason"] = reason
        if not keep_published:
            meta.pop("published", None)
    return change


FAIL: list[tuple[str, Callable[[dict[str, Any]], None], str, str, str]] = [
    ("不予公开 without reason", withhold("不予公开", None), "disclosure.reason_missing", "reason", "error"),
    ("依申请公开 without reason", withhold("依申请公开", None), "disclosure.reason_missing", "reason", "error"),
    ("reason names no article", withhold("不予公开", "内部讨论材料，不宜公开"), "disclosure.reason_citation", "reason", "error"),
    ("不予公开 on a non-exemption article", withhold("不予公开", "依据条例第二十条，不属于公开范围"),
     "disclosure.reason_citation", "reason", "error"),
    ("withheld but dated for publication", withhold("依申请公开", GOOD_APPLY, keep_published=True),
     "disclosure.published", "published", "warning"),
    ("unknown value", withhold("部分公开", GOOD_APPLY), "schema.type", "disclosure", "error"),
    ("reason on a 主动公开 item", lambda m: m.update(reason="条例第十六条"), "disclosure.reason_unused", "reason",
     "warning"),
]


@pytest.mark.parametrize(("case", "change", "rule", "field", "severity"), FAIL, ids=[c[0] for c in FAIL])
def test_disclosure_must_fail(demo: Path, case: str, change: Callable[[dict[str, Any]], None], rule: str,
                              field: str, severity: str) -> None:
    edit_front_matter(demo / NEWS, change)
    result = run_check(demo)
    hit = next((f for f in result.findings if f.rule == rule and f.path == NEWS), None)
    assert hit is not None, (case, sorted({f.rule for f in result.findings}))
    assert hit.field == field and hit.severity == severity
    assert re.search(r"[\u4e00-\u9fff]", hit.message) and re.search(r"[\u4e00-\u9fff]", hit.hint)


@pytest.mark.parametrize(("value", "reason"), [("不予公开", GOOD_EXEMPT), ("依申请公开", GOOD_APPLY),
                                               ("不予公开", "依据《中华人民共和国保守国家秘密法》第十三条属于国家秘密")])
def test_disclosure_must_pass(demo: Path, value: str, reason: str) -> None:
    """A withheld item with its legal basis and no publication date: no error, and no review needed."""
    edit_front_matter(demo / NEWS, withhold(value, reason))
    (demo / "governance/reviews" / NEWS.replace(".md", ".yml")).unlink()
    result = run_check(demo)
    mine = [f for f in result.findings if f.path == NEWS or f.rule.startswith("disclosure.")]
    assert mine == []
    assert not any(f.is_error for f in result.findings), [f.format_text() for f in result.findings if f.is_error]
    assert result.site is not None
    item = next(i for i in result.site.items if i.path == NEWS)
    assert item.withheld and not item.will_publish and not item.is_public(dt.date(2030, 1, 1))


def test_explicit_default_passes_and_is_reviewed(demo: Path) -> None:
    """Writing the default out is clean once re-reviewed: the review digest covers the field."""
    edit_front_matter(demo / NEWS, lambda m: m.update(disclosure="主动公开"))
    stale = [f for f in run_check(demo).findings if f.path == NEWS]
    assert [f.rule for f in stale] == ["review.stale"] and "disclosure" in stale[0].message
    resign(demo, NEWS)
    assert [f for f in run_check(demo).findings if f.path == NEWS] == []


def test_scaffold_writes_the_default_out(demo: Path) -> None:
    from zwgk.core import scaffold

    result = run_check(demo)
    assert result.site is not None
    made = scaffold.new_item(result.site, kind="plain", column="tzgg", title="关于测试的通知", division="综合处")
    text = made.files[0].text
    assert re.search(r"^disclosure: 主动公开  # 公开属性", text, re.M)


def test_withheld_item_is_never_built(demo: Path) -> None:
    """依申请公开 is treated like a draft by every public output, but counted by the monthly report."""
    edit_front_matter(demo / NEWS, withhold("依申请公开", GOOD_APPLY, keep_published=True))
    proc = mkdocs_build(demo, strict=False)  # disclosure.published is a warning
    assert proc.returncode == 0, proc.stderr
    site = demo / "site"
    assert not (site / "gzdt/2026-008").exists()
    title = "2026年政务公开工作部署会"
    assert title not in (site / "gzdt/index.html").read_text(encoding="utf-8")
    assert "gzdt/2026-008" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert title not in (site / "catalogue/catalogue.csv").read_text(encoding="utf-8-sig")
    assert all(title not in p.read_text(encoding="utf-8") for p in (site / "feeds").glob("*.xml"))
    assert "gzdt/2026-008/" not in search_urls(site / "search", "政务公开工作部署会")
    # The pages that are built say how they are disclosed, from the item, not a constant.
    page = (site / "gzdt/2026-013/index.html").read_text(encoding="utf-8")
    assert re.search(r"公开方式</t[hd]>\s*<td>主动公开", page)
