"""舆情回应 clocks: hours of Beijing wall time, explicit offsets converted, holidays not pausing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from test_clocks_support import check, clock_findings, item, make_repo, rules
from zwgk.core.clocks import SHANGHAI, response_clock, to_shanghai

PATH = "content/hygz/r.md"
UTC = dt.UTC


def response(level: str = "一般", surfaced: Any = "2026-09-07 20:00", responded: Any = "2026-09-08 10:00",
             published: str = "2026-09-08", **extra: Any) -> dict[str, Any]:
    meta = item(1, published=published, division="政务服务处", kind="response", level=level, surfaced_at=surfaced)
    if responded is not None:
        meta["responded_at"] = responded
    meta.update(extra)
    return meta


def cf(result: Any) -> list[Any]:
    return clock_findings(result, ("response.",))


def run(tmp_path: Path, meta: dict[str, Any], today: str = "2026-11-29", **kw: Any) -> Any:
    return check(make_repo(tmp_path, {PATH: meta}, **kw), today)


CASES: list[tuple[str, dict[str, Any], str, set[str]]] = [
    ("general exactly 48h", {"responded": "2026-09-09 20:00"}, "2026-11-29", set()),
    ("general 1 minute late", {"responded": "2026-09-09 20:01"}, "2026-11-29", {"response.late"}),
    # +00:00 from a monitoring export: 12:00 UTC is 20:00 in Beijing, so 48h end at 09-09 20:00.
    ("utc string converted", {"surfaced": "2026-09-07T12:00:00+00:00", "responded": "2026-09-09 20:00"}, "2026-11-29",
     set()),
    ("utc yaml timestamp converted", {"surfaced": dt.datetime(2026, 9, 7, 12, 0, tzinfo=UTC),
                                      "responded": "2026-09-09 20:30"}, "2026-11-29", {"response.late"}),
    ("naive is beijing wall time", {"surfaced": "2026-09-07 12:00", "responded": "2026-09-09 20:00"}, "2026-11-29",
     {"response.late"}),
    # 国庆: 09-30 18:00 + 48h = 10-02 18:00, holidays do not stop the clock.
    ("national day no pause", {"surfaced": "2026-09-30 18:00", "responded": "2026-10-02 19:00",
                               "published": "2026-10-02"}, "2026-11-29", {"response.late"}),
    # 春节 2026 (02-15..02-23): same.
    ("spring festival no pause", {"surfaced": "2026-02-16 09:00", "responded": "2026-02-18 09:00",
                                  "published": "2026-02-18"}, "2026-11-29", set()),
    ("major all on time", {"level": "重大", "surfaced": "2026-10-01 08:00", "responded": "2026-10-01 13:00",
                           "authoritative_at": "2026-10-01 13:00",
                           "press_conference": {"at": "2026-10-02 08:00", "url": "https://www.example.gov.cn/fbh/1.html"},
                           "published": "2026-10-01"}, "2026-11-29", set()),
    ("major late", {"level": "重大", "surfaced": "2026-10-01 08:00", "responded": "2026-10-01 13:00",
                    "authoritative_at": "2026-10-01 13:01",
                    "press_conference": {"at": "2026-10-02 09:00", "url": "https://www.example.gov.cn/fbh/1.html"},
                    "published": "2026-10-01"}, "2026-11-29",
     {"response.authoritative_late", "response.press_conference_late"}),
    ("especially major missing", {"level": "特别重大", "surfaced": "2026-10-01 08:00", "responded": "2026-10-01 12:00",
                                  "published": "2026-10-01"}, "2026-10-03",
     {"response.authoritative_missing", "response.press_conference_missing"}),
    # On the deadline's own day the clock may still be met: pending, not missing.
    ("major pending same day", {"level": "重大", "surfaced": "2026-10-01 08:00", "responded": "2026-10-01 12:00",
                                "published": "2026-10-01"}, "2026-10-01", set()),
    ("press conference due next day", {"level": "重大", "surfaced": "2026-10-01 08:00", "responded": "2026-10-01 12:00",
                                       "authoritative_at": "2026-10-01 12:00", "published": "2026-10-01"},
     "2026-10-02", set()),
    ("press conference missing after due day", {"level": "重大", "surfaced": "2026-10-01 08:00",
                                                "responded": "2026-10-01 12:00", "authoritative_at": "2026-10-01 12:00",
                                                "published": "2026-10-01"}, "2026-10-03",
     {"response.press_conference_missing"}),
    ("responded before surfaced", {"responded": "2026-09-07 19:00"}, "2026-11-29", {"response.order"}),
]


@pytest.mark.parametrize(("name", "fields", "today", "expected"), CASES, ids=[c[0] for c in CASES])
def test_response_clocks(tmp_path: Path, name: str, fields: dict[str, Any], today: str, expected: set[str]) -> None:
    kw = dict(fields)
    meta = response(level=kw.pop("level", "一般"), surfaced=kw.pop("surfaced", "2026-09-07 20:00"),
                    responded=kw.pop("responded", "2026-09-08 10:00"), published=kw.pop("published", "2026-09-08"), **kw)
    assert rules(cf(run(tmp_path, meta, today))) == expected


@pytest.mark.parametrize(("responded", "text"), [
    ("2026-09-09 21:00", "晚了 1 小时"),
    ("2026-09-09 20:30", "晚了 30 分钟"),
    ("2026-09-10 22:15", "晚了 26 小时 15 分钟"),
    ("2026-09-09 20:00:01", "晚了 1 分钟"),  # rounded up: late is never "0 分钟"
])
def test_late_message_gives_hours(tmp_path: Path, responded: str, text: str) -> None:
    [f] = cf(run(tmp_path, response(surfaced="2026-09-07 20:00", responded=responded, published="2026-09-10")))
    assert f.rule == "response.late" and f.severity == "warning" and f.field == "responded_at"
    assert text in f.message and "2026-09-09 20:00 前" in f.message


def test_authoritative_late_message(tmp_path: Path) -> None:
    meta = response(level="重大", surfaced="2026-10-01 08:00", responded="2026-10-01 12:00", published="2026-10-01",
                    authoritative_at="2026-10-01 15:30",
                    press_conference={"at": "2026-10-01 20:00", "url": "https://www.example.gov.cn/fbh/1.html"})
    [f] = cf(run(tmp_path, meta))
    assert (f.rule, f.field) == ("response.authoritative_late", "authoritative_at")
    assert "5 小时内" in f.message and "晚了 2 小时 30 分钟" in f.message and "重大突发事件" in f.message


def test_missing_press_conference_names_the_field(tmp_path: Path) -> None:
    meta = response(level="特别重大", surfaced="2026-10-01 08:00", responded="2026-10-01 12:00", published="2026-10-01",
                    authoritative_at="2026-10-01 12:00")
    [f] = cf(run(tmp_path, meta, "2026-10-05"))
    assert (f.rule, f.field, f.severity) == ("response.press_conference_missing", "press_conference -> at", "warning")
    assert "url" in f.hint


@pytest.mark.parametrize(("press", "field"), [
    ({"at": "2026-10-01 20:00"}, "press_conference -> url"),
    ({"at": "2026-10-01 20:00", "url": "fbh/1.html"}, "press_conference -> url"),
    ({"at": "10月1日晚上", "url": "https://www.example.gov.cn/fbh/1.html"}, "press_conference -> at"),
    ({"url": "https://www.example.gov.cn/fbh/1.html"}, "press_conference -> at"),
    ({"at": "2026-10-01 20:00", "url": "https://www.example.gov.cn/fbh/1.html", "host": "x"}, "press_conference -> host"),
])
def test_press_conference_shape(tmp_path: Path, press: dict[str, Any], field: str) -> None:
    meta = response(level="重大", surfaced="2026-10-01 08:00", responded="2026-10-01 12:00", published="2026-10-01",
                    authoritative_at="2026-10-01 12:00", press_conference=press)
    found = [f for f in cf(run(tmp_path, meta, "2026-10-01")) if f.rule == "response.press_conference"]
    assert [(f.field, f.severity) for f in found] == [(field, "error")]


def test_lateness_acknowledged_by_late_reason(tmp_path: Path) -> None:
    meta = response(surfaced="2026-09-07 20:00", responded="2026-09-10 08:00", published="2026-09-10")
    root = make_repo(tmp_path, {PATH: meta}, files={"governance/reviews/content/hygz/r.yml": "late_reason: 需会商交通部门\n"})
    assert cf(check(root, "2026-11-29")) == []


def test_severity_override(tmp_path: Path) -> None:
    meta = response(surfaced="2026-09-07 20:00", responded="2026-09-10 08:00", published="2026-09-10")
    found = cf(run(tmp_path, meta, clocks={"severity": {"response.late": "error"}}))
    assert [(f.rule, f.severity) for f in found] == [("response.late", "error")]


@pytest.mark.parametrize(("field", "value", "rule"), [
    ("level", "较大", "schema.type"),
    ("surfaced_at", "9月7日晚上", "schema.type"),
    ("surfaced_at", dt.date(2026, 9, 7), "schema.type"),   # a date has no hour: the clock needs one
    ("surfaced_at", None, "schema.missing"),
    ("responded_at", None, "schema.missing"),
])
def test_schema_for_response_fields(tmp_path: Path, field: str, value: Any, rule: str) -> None:
    meta = response()
    if value is None:
        del meta[field]
    else:
        meta[field] = value
    result = run(tmp_path, meta)
    assert (rule, field) in {(f.rule, f.field) for f in result.findings if f.path == PATH}
    assert not [f for f in cf(result) if f.rule != "response.press_conference"]  # no traceback, no clock noise


def test_response_clock_api(tmp_path: Path) -> None:
    meta = response(level="重大", surfaced="2026-10-01T00:00:00+00:00", responded="2026-10-01 10:00",
                    published="2026-10-01", authoritative_at="2026-10-01 13:30")
    result = run(tmp_path, meta, "2026-10-01")
    assert result.site is not None
    clock = response_clock(result.site, result.site.items[0])
    assert clock.surfaced == dt.datetime(2026, 10, 1, 8, 0, tzinfo=SHANGHAI)
    assert [(c.key, c.due.strftime("%m-%d %H:%M"), c.limit_hours) for c in clock.checks] == [
        ("response", "10-03 08:00", 48), ("authoritative", "10-01 13:00", 5), ("press_conference", "10-02 08:00", 24)]
    assert [c.key for c in clock.late()] == ["authoritative"]
    assert clock.missing(dt.date(2026, 10, 1)) == []
    assert [c.key for c in clock.missing(dt.date(2026, 10, 3))] == ["press_conference"]


def test_configured_hours(tmp_path: Path) -> None:
    meta = response(surfaced="2026-09-07 20:00", responded="2026-09-08 21:00")
    assert rules(cf(run(tmp_path, meta, clocks={"response_hours": 24}))) == {"response.late"}
    assert cf(run(tmp_path, meta)) == []


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-09-07 20:00", dt.datetime(2026, 9, 7, 20, 0, tzinfo=SHANGHAI)),
    ("2026-09-07T12:00:00+00:00", dt.datetime(2026, 9, 7, 20, 0, tzinfo=SHANGHAI)),
    ("2026-09-07T12:00:00Z", dt.datetime(2026, 9, 7, 20, 0, tzinfo=SHANGHAI)),
    (dt.datetime(2026, 9, 7, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
     dt.datetime(2026, 9, 8, 12, 30, tzinfo=SHANGHAI)),
    ("2026-09-07 20:00+08:00", dt.datetime(2026, 9, 7, 20, 0, tzinfo=SHANGHAI)),
    ("昨天晚上", None),
    (dt.date(2026, 9, 7), None),
    # Read like front matter (schema.parse_datetime): Python's looser ISO forms are not a time.
    ("20260907T2000", None),
    ("2026-09-07T20", None),
])
def test_to_shanghai(value: Any, expected: dt.datetime | None) -> None:
    got = to_shanghai(value)
    assert got == expected
    if got is not None:
        assert got.utcoffset() == dt.timedelta(hours=8)
