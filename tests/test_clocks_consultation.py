"""意见征集 and 采纳情况: status, period length, due date, and every rule failing and passing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from test_clocks_support import check, clock_findings, index_no, item, make_repo, rules
from zwgk.core.clocks import ConsultationState, consultation_status

D = dt.date.fromisoformat
CONS = "content/yjzj/c.md"
OUT = "content/yjzj/o.md"
OPINIONS = [{"summary": "增加午间服务", "adopted": "采纳", "reason": "已写入第八条"},
            {"summary": "取消现场办理", "adopted": "未采纳", "reason": "部分事项依法需现场核验"}]


def consultation(n: int = 1, *, opens: str = "2026-01-01", closes: str = "2026-01-31",
                 published: str | None = None, **extra: Any) -> dict[str, Any]:
    return item(n, published=published or opens, division="政务服务处", kind="consultation", opens=D(opens),
                closes=D(closes), how_to_submit="电子邮件发送至 test@example.gov.cn", **extra)


def outcome(n: int, target: str, published: str, **extra: Any) -> dict[str, Any]:
    meta = item(n, published=published, division="政务服务处", kind="outcome", consultation=target)
    meta["opinions"] = OPINIONS
    meta.update(extra)
    return meta


def cf(result: Any) -> list[Any]:
    """Findings of the consultation clocks only (the tiny fixture repos have blank columns)."""
    return clock_findings(result, ("consultation.", "outcome."))


def repo(tmp_path: Path, items: dict[str, dict[str, Any]], **kw: Any) -> Path:
    return make_repo(tmp_path, items, **kw)


# -- status ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("today", "state", "overdue", "label"), [
    ("2025-12-31", ConsultationState.NOT_STARTED, 0, "未开始（2026-01-01 开始征集）"),
    ("2026-01-01", ConsultationState.OPEN, 0, "征集中（2026-01-01 至 2026-01-31）"),
    ("2026-01-31", ConsultationState.OPEN, 0, "征集中（2026-01-01 至 2026-01-31）"),  # close day is inclusive
    ("2026-02-01", ConsultationState.AWAITING, 0, "已截止，结果待公布（应于 2026-02-28 前公布）"),
    ("2026-02-28", ConsultationState.AWAITING, 0, "已截止，结果待公布（应于 2026-02-28 前公布）"),  # 01-31 + 1 month
    ("2026-03-01", ConsultationState.AWAITING, 1, "已截止，结果待公布（应于 2026-02-28 前公布，已逾期 1 天）"),
])
def test_status_without_outcome(tmp_path: Path, today: str, state: ConsultationState, overdue: int, label: str) -> None:
    result = check(repo(tmp_path, {CONS: consultation(published="2025-12-30")}), today)
    assert result.site is not None
    st = consultation_status(result.site, next(i for i in result.site.items if i.path == CONS))
    assert (st.state, st.overdue_days, st.label) == (state, overdue, label)
    assert st.due == D("2026-02-28")


@pytest.mark.parametrize(("today", "state", "scheduled"), [
    ("2026-02-19", ConsultationState.AWAITING, True),   # outcome scheduled for 02-20: not public yet
    ("2026-02-20", ConsultationState.PUBLISHED, False),
    ("2026-06-01", ConsultationState.PUBLISHED, False),
])
def test_status_with_outcome(tmp_path: Path, today: str, state: ConsultationState, scheduled: bool) -> None:
    items = {CONS: consultation(), OUT: outcome(2, index_no(1, 2026), "2026-02-20")}
    result = check(repo(tmp_path, items), today)
    assert result.site is not None
    st = consultation_status(result.site, next(i for i in result.site.items if i.path == CONS))
    assert st.state is state
    assert (st.scheduled_outcome is not None) is scheduled
    if state is ConsultationState.PUBLISHED:
        assert st.outcome is not None and st.outcome.path == OUT
        assert st.label == "结果已公布（2026-02-20）"
        assert st.late_days == 0


def test_state_values_are_the_chinese_labels() -> None:
    assert [s.value for s in ConsultationState] == ["未开始", "征集中", "已截止，结果待公布", "结果已公布", "征集时间未填写"]
    assert str(ConsultationState.AWAITING) == "已截止，结果待公布"


# -- consultation.outcome_overdue -------------------------------------------------------------

@pytest.mark.parametrize(("closes", "today", "overdue"), [
    ("2026-01-31", "2026-02-28", False),
    ("2026-01-31", "2026-03-01", True),
    ("2024-01-31", "2024-02-29", False),   # leap year: due 02-29
    ("2024-01-31", "2024-03-01", True),
    ("2028-01-31", "2028-02-29", False),   # no 2028 holiday data needed
    ("2028-01-31", "2028-03-01", True),
    ("2026-09-30", "2026-10-30", False),   # 国庆 inside the month: calendar clock, no extension
    ("2026-09-30", "2026-10-31", True),
])
def test_outcome_overdue(tmp_path: Path, closes: str, today: str, overdue: bool) -> None:
    year = int(closes[:4])
    opens = (D(closes) - dt.timedelta(days=30)).isoformat()
    result = check(repo(tmp_path, {CONS: consultation(opens=opens, closes=closes)}), today)
    found = [f for f in cf(result) if f.rule == "consultation.outcome_overdue"]
    assert bool(found) is overdue, (year, found)
    if overdue:
        f = found[0]
        assert f.severity == "error" and f.path == CONS and f.field == "closes"
        assert "已逾期 1 天" in f.message and "consultation: " in f.hint


def test_outcome_overdue_severity_is_configurable(tmp_path: Path) -> None:
    items = {CONS: consultation()}
    warn = check(repo(tmp_path, items, clocks={"severity": {"consultation.outcome_overdue": "warning"}}), "2026-04-01")
    assert [f.severity for f in cf(warn) if f.rule == "consultation.outcome_overdue"] == ["warning"]
    off = check(repo(tmp_path, items, clocks={"severity": {"consultation.outcome_overdue": "off"}}), "2026-04-01")
    assert "consultation.outcome_overdue" not in rules(cf(off))


def test_scheduled_outcome_after_due_is_still_overdue(tmp_path: Path) -> None:
    items = {CONS: consultation(), OUT: outcome(2, index_no(1, 2026), "2026-03-10")}
    result = check(repo(tmp_path, items), "2026-03-05")
    [f] = [f for f in cf(result) if f.rule == "consultation.outcome_overdue"]
    assert "已安排于 2026-03-10 发布" in f.message


def test_draft_consultation_has_no_clock(tmp_path: Path) -> None:
    result = check(repo(tmp_path, {CONS: consultation(draft=True)}), "2026-06-01")
    assert cf(result) == []


# -- consultation.too_short / consultation.dates ----------------------------------------------

@pytest.mark.parametrize(("opens", "closes", "published", "clocks", "short"), [
    ("2026-02-10", "2026-03-12", None, None, False),  # 30 days across 春节: calendar days count
    ("2026-02-10", "2026-03-11", None, None, True),   # 29 days
    ("2026-02-10", "2026-03-02", None, {"consultation_min_days": 20}, False),
    ("2026-02-10", "2026-03-01", None, {"consultation_min_days": 20}, True),
    ("2026-01-01", "2026-01-31", "2026-01-05", None, True),  # counted from the notice's publication
])
def test_too_short(tmp_path: Path, opens: str, closes: str, published: str | None, clocks: dict[str, Any] | None,
                   short: bool) -> None:
    items = {CONS: consultation(opens=opens, closes=closes, published=published)}
    result = check(repo(tmp_path, items, clocks=clocks), "2026-01-05")
    found = [f for f in cf(result) if f.rule == "consultation.too_short"]
    assert bool(found) is short
    if short:
        assert found[0].severity == "warning" and found[0].field == "closes"


def test_dates_out_of_order(tmp_path: Path) -> None:
    result = check(repo(tmp_path, {CONS: consultation(opens="2026-02-01", closes="2026-01-01")}), "2026-01-05")
    [f] = [f for f in cf(result)]
    assert (f.rule, f.severity, f.field) == ("consultation.dates", "error", "closes")


def test_published_after_close(tmp_path: Path) -> None:
    meta = consultation(opens="2026-01-01", closes="2026-01-31", published="2026-02-02")
    [f] = cf(check(repo(tmp_path, {CONS: meta}), "2026-02-02"))
    assert (f.rule, f.severity, f.field) == ("consultation.dates", "error", "published")


def test_missing_fields_are_named_by_the_schema(tmp_path: Path) -> None:
    meta = item(1, published="2026-01-01", kind="consultation")
    result = check(repo(tmp_path, {CONS: meta}), "2026-01-05")
    missing = {f.field for f in result.findings if f.rule == "schema.missing" and f.path == CONS}
    assert {"opens", "closes", "how_to_submit"} <= missing


# -- outcome rules ------------------------------------------------------------------------------

def test_outcome_on_time_passes(tmp_path: Path) -> None:
    items = {CONS: consultation(), OUT: outcome(2, index_no(1, 2026), "2026-02-28")}
    assert cf(check(repo(tmp_path, items), "2026-11-29")) == []


@pytest.mark.parametrize(("closes", "published", "late_days"), [
    ("2026-01-31", "2026-03-01", 1),
    ("2024-01-31", "2024-03-01", 1),   # due 2024-02-29
    ("2024-01-31", "2024-02-29", 0),
])
def test_outcome_late(tmp_path: Path, closes: str, published: str, late_days: int) -> None:
    year = int(closes[:4])
    opens = (D(closes) - dt.timedelta(days=30)).isoformat()
    items = {CONS: consultation(opens=opens, closes=closes), OUT: outcome(2, index_no(1, year), published)}
    found = cf(check(repo(tmp_path, items), published))
    late = [f for f in found if f.rule == "consultation.outcome_late"]
    assert len(late) == (1 if late_days else 0)
    if late:
        assert late[0].severity == "warning" and late[0].path == OUT and f"晚了 {late_days} 天" in late[0].message
    assert "consultation.outcome_overdue" not in rules(found)


def test_outcome_late_acknowledged_by_late_reason(tmp_path: Path) -> None:
    items = {CONS: consultation(), OUT: outcome(2, index_no(1, 2026), "2026-03-05")}
    record = "late_reason: 意见较多，经分管领导同意延期公布\n"
    root = repo(tmp_path, items, files={"governance/reviews/content/yjzj/o.yml": record})
    assert "consultation.outcome_late" not in rules(cf(check(root, "2026-03-05")))


@pytest.mark.parametrize(("target", "message"), [
    (index_no(9, 2026), "不存在"),
    (index_no(3, 2026), "不是意见征集"),
])
def test_outcome_link(tmp_path: Path, target: str, message: str) -> None:
    items = {CONS: consultation(), OUT: outcome(2, target, "2026-02-20"),
             "content/tzgg/n.md": item(3, published="2026-01-10")}
    found = [f for f in cf(check(repo(tmp_path, items), "2026-02-20")) if f.rule == "outcome.consultation"]
    assert len(found) == 1 and message in found[0].message and found[0].severity == "error"


def test_outcome_link_suggests_close_index_no(tmp_path: Path) -> None:
    typo = index_no(1, 2026)[:-1] + "7"
    items = {CONS: consultation(), OUT: outcome(2, typo, "2026-02-20")}
    [f] = [f for f in cf(check(repo(tmp_path, items), "2026-02-20")) if f.rule == "outcome.consultation"]
    assert index_no(1, 2026) in f.hint


def test_outcome_before_close(tmp_path: Path) -> None:
    items = {CONS: consultation(), OUT: outcome(2, index_no(1, 2026), "2026-01-31")}
    found = cf(check(repo(tmp_path, items), "2026-02-01"))
    assert [(f.rule, f.severity) for f in found if f.path == OUT] == [("outcome.before_close", "error")]


def test_second_outcome_is_a_warning(tmp_path: Path) -> None:
    items = {CONS: consultation(), OUT: outcome(2, index_no(1, 2026), "2026-02-10"),
             "content/yjzj/o2.md": outcome(3, index_no(1, 2026), "2026-02-12")}
    found = [f for f in cf(check(repo(tmp_path, items), "2026-02-20")) if f.rule == "outcome.duplicate"]
    assert [(f.path, f.severity) for f in found] == [("content/yjzj/o2.md", "warning")]


@pytest.mark.parametrize(("opinions", "fields"), [
    ([], set()),                                              # no opinions received: allowed
    (OPINIONS, set()),
    ("很多意见", {"opinions"}),
    (["增加午间服务"], {"opinions -> [0]"}),
    ([{"summary": "a", "adopted": "采用"}], {"opinions -> [0] -> adopted"}),
    ([{"summary": "a", "adopted": "采纳"}, {"summary": "b", "adopted": "未采纳"}], {"opinions -> [1] -> reason"}),
    ([{"summary": "a", "adopted": "部分采纳", "reason": " "}], {"opinions -> [0] -> reason"}),
    ([{"adopted": "采纳"}], {"opinions -> [0] -> summary"}),
    ([{"summary": "a", "adopted": "采纳", "reasn": "x"}], {"opinions -> [0] -> reasn"}),
])
def test_opinions_table(tmp_path: Path, opinions: Any, fields: set[str]) -> None:
    items = {CONS: consultation(), OUT: outcome(2, index_no(1, 2026), "2026-02-20", opinions=opinions)}
    found = [f for f in cf(check(repo(tmp_path, items), "2026-02-20")) if f.rule == "outcome.opinions"]
    assert {f.field for f in found} == fields
    assert all(f.severity == "error" for f in found)


@pytest.mark.parametrize("how", ["absent", "left empty"])
def test_opinions_missing(tmp_path: Path, how: str) -> None:
    meta = outcome(2, index_no(1, 2026), "2026-02-20")
    if how == "absent":
        del meta["opinions"]
    else:
        meta["opinions"] = None  # what a scaffold's bare ``opinions:`` line reads as
    found = cf(check(repo(tmp_path, {CONS: consultation(), OUT: meta}), "2026-02-20"))
    [f] = [f for f in found if f.rule == "outcome.opinions"]
    assert f.field == "opinions" and "opinions: []" in f.hint and "\n" not in f.hint


def test_opinion_typo_suggests_key(tmp_path: Path) -> None:
    items = {CONS: consultation(),
             OUT: outcome(2, index_no(1, 2026), "2026-02-20", opinions=[{"summary": "a", "adopted": "采纳", "reasn": "x"}])}
    [f] = [f for f in cf(check(repo(tmp_path, items), "2026-02-20")) if f.rule == "outcome.opinions"]
    assert "reason" in f.hint


def test_consultation_fields_are_kind_specific(tmp_path: Path) -> None:
    meta = item(1, published="2026-01-01", opens=D("2026-01-01"))
    result = check(repo(tmp_path, {"content/tzgg/x.md": meta}), "2026-01-05")
    assert [(f.rule, f.field) for f in result.findings if f.path == "content/tzgg/x.md" and f.field == "opens"] == [
        ("schema.unknown_field", "opens")]
