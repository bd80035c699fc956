"""Times: every date and date-time is compared in Beijing time (UTC+8).

``2026-12-07T23:30:00-10:00`` is 2026-12-08 17:30 in Beijing: not public on 2026-12-07, and its
date for deadlines is 2026-12-08. A value without an offset is Beijing time. The meta ``PubDate``
carries the real time when one was given and the date alone otherwise (never an invented 00:00).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from support import edit_front_matter, mkdocs_build, resign, run_check
from zwgk.core.schema import coerce_date, to_beijing
from zwgk.core.yamlio import parse_yaml

NEWS = "content/gzdt/2026-008.md"  # formed 2026-04-08 (Wed), published 2026-04-09
POLICY = "content/zcwj/2026-003.md"
D = dt.date.fromisoformat
META = re.compile(r'<meta name="([A-Za-z]+)" content="([^"]*)">')


def yaml_value(text: str) -> Any:
    data, problems = parse_yaml(f"v: {text}\n", "t.yml", rule="schema.yaml")
    assert not problems and isinstance(data, dict)
    return data["v"]


@pytest.mark.parametrize(("written", "date", "clock"), [
    ("2026-12-07T23:30:00-10:00", "2026-12-08", "17:30"),  # west of UTC, late evening: next day
    ("2026-12-08T00:30:00+09:00", "2026-12-07", "23:30"),  # east of Beijing, just after midnight: day before
    ("2026-12-07T16:00:00Z", "2026-12-08", "00:00"),  # UTC exactly at Beijing midnight
    ("2026-12-07T15:59:59Z", "2026-12-07", "23:59"),  # one second before it
    ("2026-12-07 23:30:00", "2026-12-07", "23:30"),  # naive: Beijing already
    ('"2026-12-07 23:30"', "2026-12-07", "23:30"),  # quoted, no seconds
    ('"2026-12-07T23:30-10:00"', "2026-12-08", "17:30"),  # quoted with an offset
])
def test_offsets_either_side_of_midnight(written: str, date: str, clock: str) -> None:
    value = yaml_value(written)
    moment = to_beijing(value)
    assert moment is not None and moment.utcoffset() == dt.timedelta(hours=8)
    assert (coerce_date(value), moment.strftime("%H:%M")) == (D(date), clock)


def test_date_alone_has_no_time() -> None:
    value = yaml_value("2026-12-07")
    assert coerce_date(value) == D("2026-12-07") and to_beijing(value) is None
    assert coerce_date(yaml_value('"2026-12-07"')) == D("2026-12-07")
    for bad in ("2026-02-30", '"2026/12/07"', '"2026-12-07T25:00"', '"7 Dec 2026"'):
        assert coerce_date(yaml_value(bad)) is None, bad


def _edit(root: Path, path: str, **changes: Any) -> None:
    def change(meta: dict[str, Any]) -> None:
        meta.update(changes)
    edit_front_matter(root / path, change)


def test_scheduled_with_offset_is_not_public_the_day_before(demo: Path) -> None:
    _edit(demo, NEWS, formed="2026-12-07", published="2026-12-07T23:30:00-10:00", index_no="11459900MB0012345X/2026-00008")
    for day, public in ((D("2026-12-07"), False), (D("2026-12-08"), True)):
        result = run_check(demo, day)
        assert result.site is not None
        item = next(i for i in result.site.items if i.path == NEWS)
        assert item.published == D("2026-12-08")
        assert item.published_at is not None and item.published_at.strftime("%Y-%m-%d %H:%M") == "2026-12-08 17:30"
        assert item.is_public(day) is public
        assert not [f for f in result.findings if f.path == NEWS and f.rule.startswith("schema")]


def test_deadline_uses_the_beijing_date_of_formed(demo: Path) -> None:
    """Formed 04-08 20:00 in UTC-8 is 04-09 12:00 Beijing: due 04-16, so 04-16 is on time."""
    _edit(demo, NEWS, formed="2026-04-08T20:00:00-08:00", published=D("2026-04-16"))
    resign(demo, NEWS)
    assert not [f for f in run_check(demo).findings if f.path == NEWS and f.rule.startswith("timeliness")]
    # Twin: the same wall time in Beijing is 04-08, due 04-15: one working day late.
    _edit(demo, NEWS, formed="2026-04-08T20:00:00+08:00")
    resign(demo, NEWS)
    late = [f for f in run_check(demo).findings if f.path == NEWS and f.rule.startswith("timeliness")]
    assert [f.rule for f in late] == ["timeliness.late"]
    assert "应在 2026-04-15 前" in late[0].message


def test_pubdate_in_a_real_build(demo: Path) -> None:
    """One strict build: an item with a time given in UTC, an item with a date only."""
    _edit(demo, NEWS, published="2026-04-09T02:30:00Z")  # 10:30 Beijing
    resign(demo, NEWS)
    proc = mkdocs_build(demo)
    assert proc.returncode == 0, proc.stderr[-3000:]
    news = dict(META.findall((demo / "site/gzdt/2026-008/index.html").read_text(encoding="utf-8")))
    assert news["PubDate"] == "2026-04-09 10:30"
    policy = dict(META.findall((demo / "site/zcwj/2026-003/index.html").read_text(encoding="utf-8")))
    assert policy["PubDate"] == "2026-03-05"  # date alone: no invented 00:00
