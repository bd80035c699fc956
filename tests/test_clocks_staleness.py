"""Column staleness, blank columns and the single-veto thresholds of the national inspection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_clocks_support import check, clock_findings, column, item, make_repo, rules
from zwgk.core.clocks import column_states, inspection

# One column per test unless stated: no blank-column noise from the default fixture.
GZDT = [column("gzdt", "工作动态", ["综合处"], "2周")]
TZGG = [column("tzgg", "通知公告", ["综合处"], "6个月")]


def cf(result: Any) -> list[Any]:
    return clock_findings(result, ("column.", "inspection."))


@pytest.mark.parametrize(("cols", "published", "today", "expected"), [
    (GZDT, "2026-11-17", "2026-12-01", set()),                  # 11-17 + 2 weeks = 12-01: still fresh
    (GZDT, "2026-11-17", "2026-12-02", {"column.stale"}),
    (TZGG, "2026-08-31", "2027-02-28", set()),                  # + 6 months = 02-28 (no 02-31)
    (TZGG, "2026-08-31", "2027-03-01", {"column.stale"}),
    (TZGG, "2023-08-31", "2024-02-29", set()),                  # leap year: due 2024-02-29
    (TZGG, "2023-08-31", "2024-03-01", {"column.stale"}),
    (TZGG, "2027-08-31", "2028-03-01", {"column.stale"}),       # 2028: no holiday data needed
    ([column("jgzn", "机构职能", ["综合处"], "1年")], "2024-02-29", "2025-02-28", set()),
    ([column("jgzn", "机构职能", ["综合处"], "1年")], "2024-02-29", "2025-03-01", {"column.stale"}),
    ([column("ysqgk", "依申请公开", ["综合处"])], "2020-01-01", "2026-11-29", set()),  # no period: as needed
])
def test_stale(tmp_path: Path, cols: list[dict[str, Any]], published: str, today: str, expected: set[str]) -> None:
    items = {f"content/{cols[0]['slug']}/a.md": item(1, published=published)}
    assert rules(cf(check(make_repo(tmp_path, items, columns=cols), today))) == expected


@pytest.mark.parametrize(("today", "long"), [("2026-12-15", False), ("2026-12-16", True)])
def test_long_stale_is_twice_the_period(tmp_path: Path, today: str, long: bool) -> None:
    root = make_repo(tmp_path, {"content/gzdt/a.md": item(1, published="2026-11-17")}, columns=GZDT)
    [f] = cf(check(root, today))
    assert f.rule == "column.stale" and f.severity == "warning"
    assert f.path == "content/gzdt" and f.field == "update_period"
    assert ("长期未更新" in f.message) is long
    result = check(root, today)
    assert result.site is not None
    [st] = column_states(result.site)
    assert (st.stale, st.long_stale, st.state) == (True, long, "长期未更新" if long else "未更新")


def test_long_stale_factor_is_configurable(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/gzdt/a.md": item(1, published="2026-11-17")}, columns=GZDT,
                     clocks={"long_stale_factor": 3})
    result = check(root, "2026-12-20")
    assert result.site is not None
    [st] = column_states(result.site)
    assert (st.stale, st.long_stale, str(st.long_due)) == (True, False, "2026-12-29")


def test_stale_message(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/gzdt/a.md": item(1, published="2026-11-17")}, columns=GZDT)
    [f] = cf(check(root, "2026-12-05"))
    assert "工作动态" in f.message and "2周" in f.message and "2026-12-01 前" in f.message and "已超过 4 天" in f.message
    assert "content/gzdt/a.md" in f.message and "综合处" in f.hint


def test_scheduled_and_draft_items_do_not_refresh(tmp_path: Path) -> None:
    items = {"content/gzdt/a.md": item(1, published="2026-11-01"),
             "content/gzdt/b.md": item(2, published="2026-12-20"),   # scheduled
             "content/gzdt/c.md": item(3, published="2026-11-25", draft=True)}
    assert rules(cf(check(make_repo(tmp_path, items, columns=GZDT), "2026-11-29"))) == {"column.stale"}


def test_blank_and_parent(tmp_path: Path) -> None:
    cols = [column("fdzdgknr", "法定主动公开内容", ["综合处"]),
            column("gzdt", "工作动态", ["综合处"], "2周", parent="fdzdgknr"),
            column("tzgg", "通知公告", ["综合处"], "6个月", parent="fdzdgknr"),
            column("empty", "空栏目", ["综合处"])]
    items = {"content/tzgg/a.md": item(1, published="2026-11-01")}
    found = cf(check(make_repo(tmp_path, items, columns=cols), "2026-11-29"))
    # gzdt and the column without children are blank; the parent with sub-columns never is.
    assert sorted((f.rule, f.path) for f in found) == [("column.blank", "content/empty"), ("column.blank", "content/gzdt")]


def test_parent_with_only_empty_children_is_not_blank(tmp_path: Path) -> None:
    cols = [column("p", "父栏目", ["综合处"]), column("c", "子栏目", ["综合处"], parent="p")]
    found = cf(check(make_repo(tmp_path, {}, columns=cols), "2026-11-29"))
    assert [(f.rule, f.path) for f in found] == [("column.blank", "content/c")]


def test_parent_freshness_counts_sub_columns(tmp_path: Path) -> None:
    cols = [column("p", "父栏目", ["综合处"], "2周"), column("c", "子栏目", ["综合处"], parent="p")]
    items = {"content/p/a.md": item(1, published="2026-10-01"), "content/c/b.md": item(2, published="2026-11-20")}
    assert cf(check(make_repo(tmp_path, items, columns=cols), "2026-11-29")) == []


def test_scheduled_only_column_is_blank(tmp_path: Path) -> None:
    items = {"content/gzdt/a.md": item(1, published="2026-12-20")}
    found = cf(check(make_repo(tmp_path, items, columns=GZDT), "2026-11-29"))
    assert [f.rule for f in found] == ["column.blank"]
    assert cf(check(make_repo(tmp_path, items, columns=GZDT), "2026-12-20")) == []


def _many(n: int, period: str | None = "2周") -> list[dict[str, Any]]:
    return [column(f"c{i}", f"栏目{i}", ["综合处"], period) for i in range(n)]


@pytest.mark.parametrize(("n_stale", "clocks", "veto"), [
    (4, None, False),
    (5, None, True),
    (3, {"veto_stale": 3}, True),
])
def test_single_veto_stale(tmp_path: Path, n_stale: int, clocks: dict[str, Any] | None, veto: bool) -> None:
    cols = _many(n_stale)
    items = {f"content/c{i}/a.md": item(i + 1, published="2026-10-01") for i in range(n_stale)}
    found = cf(check(make_repo(tmp_path, items, columns=cols, clocks=clocks), "2026-11-01"))
    risks = [f for f in found if f.rule == "inspection.single_veto_risk"]
    assert bool(risks) is veto
    if veto:
        assert risks[0].severity == "warning" and risks[0].path == "governance/columns.yml"
        assert f"已有 {n_stale} 个" in risks[0].message


@pytest.mark.parametrize(("n_blank", "veto"), [(4, False), (5, True)])
def test_single_veto_blank(tmp_path: Path, n_blank: int, veto: bool) -> None:
    found = cf(check(make_repo(tmp_path, {}, columns=_many(n_blank, None)), "2026-11-29"))
    assert sum(f.rule == "column.blank" for f in found) == n_blank
    assert ("inspection.single_veto_risk" in rules(found)) is veto


def test_single_veto_long_stale(tmp_path: Path) -> None:
    cols = _many(10)
    items = {f"content/c{i}/a.md": item(i + 1, published="2026-10-01") for i in range(10)}
    result = check(make_repo(tmp_path, items, columns=cols), "2026-11-01")
    risks = [f for f in cf(result) if f.rule == "inspection.single_veto_risk"]
    assert len(risks) == 2  # ≥ 5 stale and ≥ 10 long-stale
    assert result.site is not None
    assert [r.key for r in inspection(result.site).risks] == ["stale", "long_stale"]
    # 9 long-stale columns stay under the long-stale line
    items.pop("content/c9/a.md")
    cols9 = cols[:9]
    result9 = check(make_repo(tmp_path, items, columns=cols9), "2026-11-01")
    assert result9.site is not None
    assert [r.key for r in inspection(result9.site).risks] == ["stale"]


@pytest.mark.parametrize(("level", "expected"), [("error", "error"), ("warning", "warning"), ("off", None)])
def test_severity_levels(tmp_path: Path, level: str, expected: str | None) -> None:
    root = make_repo(tmp_path, {"content/gzdt/a.md": item(1, published="2026-10-01")}, columns=GZDT,
                     clocks={"severity": {"column.stale": level}})
    assert [f.severity for f in cf(check(root, "2026-11-29"))] == ([expected] if expected else [])


def test_fresh_fixture_passes(tmp_path: Path) -> None:
    items = {"content/gzdt/a.md": item(1, published="2026-11-20"), "content/tzgg/b.md": item(2, published="2026-07-01")}
    assert cf(check(make_repo(tmp_path, items, columns=GZDT + TZGG), "2026-11-29")) == []
