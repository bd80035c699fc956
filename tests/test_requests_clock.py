"""依申请公开 clocks and register rules: each rule with a fixture that must fail and one that must pass,
on dates across the 2026 holiday edges (春节 02-15…02-23 with make-up Saturdays 02-14 and 02-28;
中秋+国庆 09-25…09-27 and 10-01…10-07 with make-up days 09-20 and 10-10).

Expected due dates are counted by hand in the comments (first day not counted), not by the code
under test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from zwgk.core.config import SiteConfig
from zwgk.core.model import Division, Site
from zwgk.core.requests import outcomes
from zwgk.core.requests.clock import RequestState, compute
from zwgk.core.requests.register import load_register_at, read_request
from zwgk.core.rules import ADVISORY_RULES
from zwgk.core.rules.requests import requests_register
from zwgk.core.workdays import WorkCalendar

D = dt.date.fromisoformat
CAL, _ = WorkCalendar.load()
BASE: dict[str, Any] = {"id": "2026-001", "channel": "网络", "applicant_type": "自然人", "division": "政策法规处"}
NEXT_YEAR = """year: 2027
holidays:
  - {name: 元旦, days: [2027-01-01, 2027-01-03]}
"""


def request(**fields: Any):  # type: ignore[no-untyped-def]
    data = {**BASE, **{k: v for k, v in fields.items() if v is not None}}
    q, problems = read_request("governance/requests/2026/001.yml", data, 2026)
    assert q is not None and not problems, [p.format_text() for p in problems]
    return q


def clock(today: str, **fields: Any):  # type: ignore[no-untyped-def]
    return compute(request(**fields), CAL, D(today))


# -- due dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("received", "due"), [
    ("2026-01-05", "2026-02-02"),  # an ordinary month
    # 春节: 02-11,12,13 (3), Sat 02-14 make-up (4), 02-15…23 off, 24-27 (8), Sat 02-28 (9), 03-02…06 (14),
    # 03-09…13 (19), 03-16 (20)
    ("2026-02-10", "2026-03-16"),
    # 中秋/国庆: 09-15…18 (4), Sun 09-20 (5), 21-24 (9), 25-27 off, 28-30 (12), 10-01…07 off, 10-08,09 (14),
    # Sat 10-10 (15), 10-12…16 (20)
    ("2026-09-14", "2026-10-16"),
    # Received on the make-up Saturday 02-14 (not counted, as any first day): 02-24…27 (4), Sat 02-28 (5),
    # 03-02…06 (10), 09-13 (15), 16-20 (20)
    ("2026-02-14", "2026-03-20"),
    ("2026-02-15", "2026-03-20"),  # received on the first day of 春节: the same count
])
def test_due_is_twenty_working_days_after_receipt(received: str, due: str) -> None:
    c = clock("2026-01-05" if received < "2026-01-05" else received, received=received)
    assert (c.start, c.due, c.state) == (D(received), D(due), RequestState.IN_PROGRESS)


def test_correction_restarts_the_clock_from_the_corrected_request() -> None:
    # 03-02 corrected request: 03-03…06 (4), 09-13 (9), 16-20 (14), 23-27 (19), 03-30 (20)
    c = clock("2026-03-03", received="2026-02-10",
              correction={"notified": "2026-02-26", "received": "2026-03-02"})
    assert (c.start, c.due) == (D("2026-03-02"), D("2026-03-30"))


def test_awaiting_correction_has_no_start_and_no_due() -> None:
    c = clock("2026-03-01", received="2026-02-10", correction={"notified": "2026-02-26"})
    assert (c.start, c.due, c.state, c.late_workdays) == (None, None, RequestState.AWAITING_CORRECTION, 0)
    assert c.to_json()["due"] is None


def test_consultation_days_are_not_counted() -> None:
    # Sent 09-18, answered 09-30: 09-20 (make-up), 21-24, 28-30 = 8 working days excluded.
    # 10-16 + 8: 10-19…23 (5), 10-26…28 (8) → 10-28
    c = clock("2026-10-20", received="2026-09-14", consultations=[{"sent": "2026-09-18", "answered": "2026-09-30"}])
    assert (c.excluded, c.due) == (8, D("2026-10-28"))


def test_parallel_consultations_exclude_each_day_once() -> None:
    both = [{"sent": "2026-09-18", "answered": "2026-09-30"}, {"sent": "2026-09-21", "answered": "2026-09-29"}]
    assert clock("2026-10-20", received="2026-09-14", consultations=both).excluded == 8


def test_unanswered_consultation_is_capped_at_fifteen_working_days() -> None:
    # 03-02 + 20 + 15 = 35: 03-03…06 (4), 09-13 (9), 16-20 (14), 23-27 (19), 30-31 (21), 04-01…03 (24),
    # 04-04…06 清明, 07-10 (28), 13-17 (33), 20-21 (35) → 04-21
    c = clock("2026-06-30", received="2026-03-02", consultations=[{"sent": "2026-03-03"}])
    assert (c.excluded, c.due) == (15, D("2026-04-21"))
    # While it runs, only the days so far are excluded (the clock is stopped, not pushed 15 days ahead).
    assert clock("2026-03-05", received="2026-03-02", consultations=[{"sent": "2026-03-03"}]).excluded == 2


def test_extension_adds_twenty_working_days_when_approved_and_notified() -> None:
    # 10-16 + 20: 10-19…23 (5), 26-30 (10), 11-02…06 (15), 09-13 (20) → 11-13
    c = clock("2026-10-20", received="2026-09-14", extension={"approved": "2026-10-15", "notified": "2026-10-15"})
    assert (c.extension, c.due) == (20, D("2026-11-13"))


@pytest.mark.parametrize("extension", [
    {"approved": "2026-10-15"},  # never notified to the applicant
    {"approved": "2026-10-19", "notified": "2026-10-19"},  # after the period it would extend
])
def test_extension_that_does_not_count(extension: dict[str, str]) -> None:
    c = clock("2026-10-20", received="2026-09-14", extension=extension)
    assert (c.extension, c.due, c.state) == (0, D("2026-10-16"), RequestState.OVERDUE)


# -- states and late_workdays ---------------------------------------------------------------------


@pytest.mark.parametrize(("replied", "today", "state", "late"), [
    ("2026-10-16", "2026-11-30", RequestState.REPLIED, 0),  # on the due date: on time
    ("2026-10-19", "2026-11-30", RequestState.REPLIED_LATE, 1),  # the Monday after: one working day late
    ("2026-10-10", "2026-11-30", RequestState.REPLIED, 0),  # on the make-up Saturday
    (None, "2026-10-16", RequestState.IN_PROGRESS, 0),
    (None, "2026-10-19", RequestState.OVERDUE, 1),  # up to and including today
    (None, "2026-10-23", RequestState.OVERDUE, 5),
    ("2026-10-19", "2026-10-15", RequestState.IN_PROGRESS, 0),  # a reply dated after today has not happened yet
    # The Saturday after the due date: past due, but no working day late yet.
    (None, "2026-10-17", RequestState.OVERDUE, 0),
])
def test_states_across_national_day(replied: str | None, today: str, state: RequestState, late: int) -> None:
    c = clock(today, received="2026-09-14", replied=replied, outcome="三.一" if replied else None)
    assert (c.due, c.state, c.late_workdays) == (D("2026-10-16"), state, late)


def test_overdue_across_spring_festival() -> None:
    # Due 03-16; today 03-18 with no reply: 03-17, 03-18 → 2 working days late.
    c = clock("2026-03-18", received="2026-02-10")
    assert (c.state, c.late_workdays) == (RequestState.OVERDUE, 2)


def test_json_shape() -> None:
    c = clock("2026-10-23", received="2026-09-14", replied="2026-10-19", outcome="三.一")
    assert c.to_json() == {"id": "2026-001", "received": "2026-09-14", "start": "2026-09-14", "due": "2026-10-16",
                           "replied": "2026-10-19", "state": "逾期答复", "late_workdays": 1}


def test_year_without_holiday_data_is_unknown_not_a_crash(tmp_path: Path) -> None:
    c = clock("2026-12-21", received="2026-12-20")
    assert (c.due, c.unknown_year, c.state) == (None, 2027, RequestState.IN_PROGRESS)
    (tmp_path / "2027.yml").write_text(NEXT_YEAR, encoding="utf-8")
    cal, problems = WorkCalendar.load(tmp_path, tmp_path)
    assert not problems
    assert compute(request(received="2026-12-20"), cal, D("2026-12-21")).due is not None


# -- outcomes (the table-3 codes both the register and the 年报 use) -----------------------------------


@pytest.mark.parametrize(("written", "code"), [
    ("三.一", "三.一"), ("予以公开", "三.一"), ("三（三）1", "三.三.1"), ("三(四)2", "三.四.2"),
    ("保护第三方合法权益", "三.三.4"), ("不予处理：重复申请", "三.五.2"), ("危及\"三安全一稳定\"", "三.三.3"),
    ("三.六.3", "三.六.3"), ("三.三", None), ("不予公开", None), ("三.三.9", None), ("同意", None),
])
def test_outcome_spellings(written: str, code: str | None) -> None:
    assert outcomes.normalise(written) == code


def test_table_three_leaves() -> None:
    assert len(outcomes.LEAF_CODES) == 2 + 8 + 3 + 5 + 3


# -- rules in zwgk check: a fixture that must fail and one that must pass ----------------------------


def site_with(tmp_path: Path, today: str, files: dict[str, dict[str, Any] | str]) -> Site:
    for name, data in files.items():
        path = tmp_path / "governance/requests" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
    return Site(tmp_path, SiteConfig(), D(today), CAL, divisions={"政策法规处": Division("政策法规处")})


def found(tmp_path: Path, today: str, **fields: Any) -> list[tuple[str, str, str | None]]:
    data = {**BASE, **fields}
    site = site_with(tmp_path, today, {"2026/001.yml": data})
    return sorted((f.rule, f.severity, f.field) for f in requests_register(site))


DONE = {"transferred": "2026-09-15", "drafted": "2026-10-12", "leader_review": {"name": "分管副主任", "date": "2026-10-13"}}

CASES: list[tuple[str, str, dict[str, Any], dict[str, Any], tuple[str, str, str | None]]] = [
    # (name, today, failing fields, passing twin, the finding)
    ("correction_late", "2026-03-01",
     {"received": "2026-02-10", "correction": {"notified": "2026-02-27"}},
     {"received": "2026-02-10", "correction": {"notified": "2026-02-26"}},  # the 7th working day (春节 between)
     ("requests.correction_late", "warning", "correction -> notified")),
    ("reply_late", "2026-11-30",
     {"received": "2026-09-14", "replied": "2026-10-19", "outcome": "三.一", **DONE},
     {"received": "2026-09-14", "replied": "2026-10-16", "outcome": "三.一", **DONE},
     ("requests.reply_late", "warning", "replied")),
    ("overdue", "2026-10-19", {"received": "2026-09-14"}, {"received": "2026-09-15"},
     ("requests.overdue", "warning", "replied")),
    ("extension without notice", "2026-10-16",
     {"received": "2026-09-14", "extension": {"approved": "2026-10-15"}},
     {"received": "2026-09-14", "extension": {"approved": "2026-10-15", "notified": "2026-10-15"}},
     ("requests.extension", "error", "extension -> notified")),
    ("extension beyond 20 days", "2026-10-16",
     {"received": "2026-09-14", "extension": {"approved": "2026-10-15", "notified": "2026-10-15", "days": 25}},
     {"received": "2026-09-14", "extension": {"approved": "2026-10-15", "notified": "2026-10-15", "days": 20}},
     ("requests.extension", "error", "extension -> days")),
    ("extension after the period", "2026-10-20",
     {"received": "2026-09-14", "extension": {"approved": "2026-10-19", "notified": "2026-10-19"}, "replied": "2026-10-20",
      "outcome": "三.一", **DONE},
     {"received": "2026-09-14", "extension": {"approved": "2026-10-16", "notified": "2026-10-16"}, "replied": "2026-10-20",
      "outcome": "三.一", **DONE},
     ("requests.extension_late", "warning", "extension")),
    ("outcome not a leaf", "2026-11-30",
     {"received": "2026-09-14", "replied": "2026-10-16", "outcome": "三.三", "reason": "条例第十四条", **DONE},
     {"received": "2026-09-14", "replied": "2026-10-16", "outcome": "三.三.1", "reason": "条例第十四条", **DONE},
     ("requests.outcome", "error", "outcome")),
    ("reason missing", "2026-11-30",
     {"received": "2026-09-14", "replied": "2026-10-16", "outcome": "本机关不掌握相关政府信息", **DONE},
     {"received": "2026-09-14", "replied": "2026-10-16", "outcome": "本机关不掌握相关政府信息",
      "reason": "条例第三十六条第（四）项", **DONE},
     ("requests.reason", "error", "reason")),
    ("会商 without conclusion", "2026-11-30",
     {"received": "2026-09-14", "replied": "2026-10-16", "outcome": "三.五.1", "reason": "条例第三十九条",
      "joint_review": True, **DONE},
     {"received": "2026-09-14", "replied": "2026-10-16", "outcome": "三.五.1", "reason": "条例第三十九条",
      "joint_review": {"date": "2026-09-20", "conclusion": "不属于依申请公开（信访类）"}, **DONE},
     ("requests.joint_review", "error", "joint_review -> conclusion")),
    ("personal data in a value", "2026-09-15",
     {"received": "2026-09-14", "subject": "申请人电话 13812345678"},
     {"received": "2026-09-14", "subject": "2026年政务服务事项目录"},
     ("requests.personal_data", "error", None)),
    ("an identity field", "2026-09-15",
     {"received": "2026-09-14", "name": "张某"}, {"received": "2026-09-14"},
     ("requests.personal_data", "error", "name")),
    ("due date needs next year's holidays", "2026-12-21", {"received": "2026-12-20"}, {"received": "2026-11-20"},
     ("requests.due_unknown", "warning", "received")),
    ("channel", "2026-09-15", {"received": "2026-09-14", "channel": "微信"}, {"received": "2026-09-14", "channel": "电子邮件"},
     ("requests.invalid", "error", "channel")),
    ("dates backwards", "2026-11-30",
     {"received": "2026-09-14", "replied": "2026-09-10", "outcome": "三.一"},
     {"received": "2026-09-14", "replied": "2026-10-16", "outcome": "三.一", **DONE},
     ("requests.dates", "error", "replied")),
]


@pytest.mark.parametrize(("today", "failing", "passing", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_fails_and_its_twin_passes(tmp_path: Path, today: str, failing: dict[str, Any], passing: dict[str, Any],
                                        expected: tuple[str, str, str | None]) -> None:
    assert expected in found(tmp_path / "bad", today, **failing)
    twin = found(tmp_path / "good", today, **passing)
    assert not [f for f in twin if f[0] == expected[0]], twin
    assert not [f for f in twin if f[1] == "error"], twin


def test_clock_rules_are_advisory_and_data_rules_are_not() -> None:
    assert {"requests.overdue", "requests.reply_late", "requests.correction_late", "requests.due_unknown"} <= ADVISORY_RULES
    assert not {"requests.personal_data", "requests.outcome", "requests.extension", "requests.invalid"} & ADVISORY_RULES


def test_duplicate_number_and_bad_yaml_are_findings_not_tracebacks(tmp_path: Path) -> None:
    site = site_with(tmp_path, "2026-09-15", {
        "2026/001.yml": {**BASE, "received": "2026-09-14"},
        "2026/002.yml": {**BASE, "received": "2026-09-14"},
        "2026/003.yml": "id: [unclosed\n",
        "2026/004.yml": "- a list\n",
        "stray.txt": "not a register file",
    })
    rules = sorted((f.rule, f.path) for f in requests_register(site))
    assert ("requests.duplicate", "governance/requests/2026/002.yml") in rules
    assert ("requests.invalid", "governance/requests/2026/003.yml") in rules
    assert ("requests.invalid", "governance/requests/2026/004.yml") in rules
    assert ("requests.invalid", "governance/requests/stray.txt") in rules
    requests, _ = load_register_at(tmp_path)
    assert [q.path for q in requests] == ["governance/requests/2026/001.yml"]


def test_personal_number_is_masked_in_the_finding(tmp_path: Path) -> None:
    site = site_with(tmp_path, "2026-09-15", {"2026/001.yml": "# 联系电话 13812345678\n" + yaml.safe_dump(
        {**BASE, "received": "2026-09-14"}, allow_unicode=True)})
    hits = [f for f in requests_register(site) if f.rule == "requests.personal_data"]
    assert [f.line for f in hits] == [1]  # comments are scanned too
    assert "13812345678" not in hits[0].format_text()
