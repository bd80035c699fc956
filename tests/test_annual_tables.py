"""年报 tables 3 and 4 from the register, table 2 checks, and the arithmetic checks (must fail / must pass).

Requests are built directly (pure functions) and, for the register path, written as real register
files and read back through ``load_register_at``.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from zwgk.core.reports.annual import (
    COLS,
    ROWS,
    T4_COLS,
    T4_KEYS,
    check_carry_over,
    check_table2,
    check_table3,
    check_table4,
    table3,
    table4,
)
from zwgk.core.requests.model import Appeal, Correction, Request
from zwgk.core.requests.outcomes import LEAF_CODES
from zwgk.core.requests.register import load_register_at

D = dt.date.fromisoformat


def req(rid: str, received: str, replied: str | None, outcome: str | None = "三.一", kind: str = "自然人",
        **extra: Any) -> Request:
    return Request(path=f"governance/requests/{received[:4]}/{rid}.yml", id=rid, received=D(received), channel="网络",
                   applicant_type=kind, replied=D(replied) if replied else None, outcome=outcome, **extra)


REGISTER = [
    req("2024-009", "2024-12-20", "2025-01-08"),                         # carried over into 2025
    req("2024-010", "2024-11-02", "2024-11-20"),                         # closed in 2024: not in 2025
    req("2025-001", "2025-02-10", "2025-02-21", "三.四.1", "商业企业"),
    req("2025-002", "2025-03-03", "2025-03-14", "三.三.4", "法律服务机构"),
    req("2025-003", "2025-06-02", "2025-06-13", "三.二"),
    # awaiting its 补正 on 31 December: no reply yet → row 四
    req("2025-004", "2025-12-22", "2026-01-15", "三.一", "其他", correction=Correction(D("2025-12-24"), D("2026-01-05"))),
    req("2025-005", "2025-12-29", None, None, "科研机构"),              # still open
    req("2026-001", "2026-01-05", "2026-01-20"),                         # next year: ignored
]


def test_table3_rows_from_the_register() -> None:
    t = table3(REGISTER, 2025)
    c = t.counts
    assert not t.findings
    assert c["一"]["总计"] == 5 and c["二"]["总计"] == 1 and c["三.七"]["总计"] == 4 and c["四"]["总计"] == 2
    assert c["二"]["自然人"] == 1 and c["四"]["其他"] == 1 and c["四"]["科研机构"] == 1
    assert c["三.一"]["自然人"] == 1 and c["三.四.1"]["商业企业"] == 1 and c["三.三.4"]["法律服务机构"] == 1
    assert set(c) == set(ROWS) and all(set(v) == set(COLS) for v in c.values())
    assert check_table3(c) == []
    # Each figure names the register files it came from.
    assert t.sources[("table3", "二", "自然人")] == ["governance/requests/2024/2024-009.yml"]
    # The next year's carry-over is this year's 四 (the previous year's state).
    nxt = table3(REGISTER, 2026).counts
    assert nxt["二"] == c["四"]
    assert check_carry_over(nxt, c["四"], "governance/annual/2026.yml", 2026) == []


def test_unmapped_outcome_fails_the_leaf_check_and_names_the_file() -> None:
    bad = [*REGISTER, req("2025-006", "2025-07-01", "2025-07-10", None)]
    t = table3(bad, 2025)
    assert [(f.rule, f.path, f.field) for f in t.findings] == [("annual.outcome", "governance/requests/2025/2025-006.yml", "outcome")]
    assert {f.rule for f in check_table3(t.counts)} == {"annual.leaves"}


def test_unknown_applicant_type_fails_the_total_check() -> None:
    t = table3([*REGISTER, req("2025-007", "2025-07-01", "2025-07-10", "三.一", "个体户")], 2025)
    assert {f.rule for f in t.findings} == {"annual.applicant_type"}
    assert {f.rule for f in check_table3(t.counts)} == {"annual.total"}


def test_reply_before_receipt_is_a_finding_not_a_count() -> None:
    t = table3([req("2025-008", "2025-05-10", "2025-05-01")], 2025)
    assert [f.rule for f in t.findings] == ["annual.dates"]
    assert t.counts["一"]["总计"] == 0


def _good() -> dict[str, dict[str, int]]:
    return copy.deepcopy(table3(REGISTER, 2025).counts)


@pytest.mark.parametrize(("change", "rule"), [
    (lambda t: t["一"].update({"自然人": t["一"]["自然人"] + 1, "总计": t["一"]["总计"] + 1}), "annual.balance"),
    (lambda t: t["三.二"].update({"自然人": 0, "总计": t["三.二"]["总计"] - 1}), "annual.leaves"),
    (lambda t: t["四"].update({"总计": 9}), "annual.total"),
    (lambda t: t["三.五.2"].update({"其他": -1}), "annual.count"),
    (lambda t: t["三.五.2"].update({"其他": 1.5}), "annual.count"),
    (lambda t: t["三.五.2"].update({"其他": "1"}), "annual.count"),
    (lambda t: t["三.五.2"].pop("其他"), "annual.count"),
])
def test_table3_checks_must_fail(change: Any, rule: str) -> None:
    t = _good()
    change(t)
    found = check_table3(t)
    assert rule in {f.rule for f in found}, found
    assert all(f.message and f.hint and f.field for f in found)


def test_table3_checks_pass_on_a_consistent_hand_made_table() -> None:
    t = {r: dict.fromkeys(COLS, 0) for r in ROWS}
    for row, n in (("一", 3), ("二", 1), ("三.一", 2), ("三.六.3", 1), ("三.七", 3), ("四", 1)):
        t[row].update({"自然人": n, "总计": n})
    assert check_table3(t) == []
    assert len(LEAF_CODES) == 21 and len(ROWS) == 25


APPEALS = [
    req("2025-010", "2025-02-01", "2025-02-12", "三.四.1", appeals=(
        Appeal("复议", D("2025-03-01"), "维持"), Appeal("复议后诉讼", D("2025-06-01"), "未审结"))),
    req("2024-005", "2024-10-01", "2024-10-12", "三.三.4", appeals=(
        Appeal("诉讼", D("2025-01-10"), "纠正"), Appeal("复议", D("2024-11-01"), "维持"))),
]


def test_table4_by_filing_year_and_kind() -> None:
    t = table4(APPEALS, 2025)
    c = t.counts
    assert c["复议"] == {"维持": 1, "纠正": 0, "其他": 0, "未审结": 0, "总计": 1}  # 2024's 复议 not counted
    assert c["诉讼-复议后"]["未审结"] == 1 and c["诉讼-复议后"]["总计"] == 1
    assert c["诉讼-直接"]["纠正"] == 1 and c["诉讼-直接"]["总计"] == 1
    assert set(c) == set(T4_KEYS) and all(set(v) == set(T4_COLS) for v in c.values())
    assert check_table4(c) == []


@pytest.mark.parametrize(("value", "rule"), [(5, "annual.table4_total"), (-1, "annual.count"), (None, "annual.count")])
def test_table4_checks_must_fail(value: Any, rule: str) -> None:
    c = copy.deepcopy(table4(APPEALS, 2025).counts)
    c["复议"]["总计"] = value
    assert [f.rule for f in check_table4(c)] == [rule]


GOOD_T2 = {"规章": {"制发": 0, "废止": 0, "现行有效": 0}, "行政规范性文件": {"制发": 2, "废止": 1, "现行有效": 9},
           "行政许可": 36, "行政处罚": 0, "行政强制": 0, "行政事业性收费万元": 12.5}


@pytest.mark.parametrize(("key", "value"), [("行政许可", -3), ("行政许可", 2.5), ("行政许可", None), ("行政事业性收费万元", -0.1),
                                            ("行政事业性收费万元", "十万")])
def test_table2_checks_must_fail(key: str, value: Any) -> None:
    t2 = {**GOOD_T2, key: value}
    assert [f.rule for f in check_table2(t2, "governance/annual/2025.yml")] == ["annual.count"]


def test_table2_checks_pass() -> None:
    assert check_table2(GOOD_T2, "governance/annual/2025.yml") == []


def test_carry_over_against_last_years_report_must_fail() -> None:
    c = table3(REGISTER, 2025).counts
    found = check_carry_over(c, {"自然人": 2, "总计": 2}, "governance/annual/2025.yml", 2025)
    assert {f.rule for f in found} == {"annual.carry_over"} and len(found) == 2


def test_real_register_files_through_load_register(tmp_path: Path) -> None:
    base = tmp_path / "governance" / "requests"
    files = {
        "2024/009.yml": "id: 2024-009\nreceived: 2024-12-20\nchannel: 网络\napplicant_type: 自然人\nreplied: 2025-01-08\noutcome: 予以公开\n",
        "2025/001.yml": "id: 2025-001\nreceived: 2025-02-10\nchannel: 信函\napplicant_type: 商业企业\nreplied: 2025-02-21\n"
                        "outcome: 三（四）1\nreason: 第三十六条\nappeal: {kind: 复议, filed: 2025-04-01, result: 纠正}\n",
        "2025/002.yml": "id: 2025-002\nreceived: 2025-12-29\nchannel: 网络\napplicant_type: 科研机构\n",
    }
    for rel, text in files.items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(text, encoding="utf-8")
    requests, problems = load_register_at(tmp_path)
    assert not [p for p in problems if p.is_error], problems
    c = table3(requests, 2025).counts
    assert (c["一"]["总计"], c["二"]["总计"], c["三.七"]["总计"], c["四"]["总计"]) == (2, 1, 2, 1)
    assert c["三.四.1"]["商业企业"] == 1 and c["三.一"]["自然人"] == 1
    assert check_table3(c) == []
    assert table4(requests, 2025).counts["复议"]["纠正"] == 1
