"""Property-based fuzzing: no front matter or review record, however malformed, yields a traceback."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import REPO, run_check
from zwgk.core.schema import FIELDS

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.sampled_from(["2026-02-30", "2026年3月2日", "有效", "policy", "否", "是", "同意公开", "../x.md", "〔2026〕"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                           max_size=3), max_leaves=8)
keys = st.one_of(st.sampled_from(sorted(FIELDS)), st.text(min_size=1, max_size=12))
front_matter = st.dictionaries(keys, values, max_size=10)
record_keys = st.sampled_from(["title", "column", "division", "handler", "division_head", "secrecy", "leader",
                               "conclusion", "digest", "late_reason", "exceptions"])
records = st.one_of(st.dictionaries(record_keys, values, max_size=9), values)


def _prepare(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    if not root.exists():
        root.mkdir(parents=True)
        for part in ("mkdocs.yml", "content", "interpretations", "governance"):
            src = REPO / part
            shutil.copytree(src, root / part) if src.is_dir() else shutil.copy(src, root / part)
    return root


def _dump(data: object) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return "{}\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meta=front_matter, body=st.text(max_size=200))
def test_random_front_matter_never_crashes(tmp_path: Path, meta: dict, body: str) -> None:  # type: ignore[type-arg]
    root = _prepare(tmp_path)
    (root / "content/gzdt/fuzz.md").write_text(f"---\n{_dump(meta)}---\n{body}", encoding="utf-8")
    result = run_check(root)
    assert result.site is not None
    for f in result.findings:
        assert f.message and f.hint and f.severity in ("error", "warning")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records)
def test_random_review_record_never_crashes(tmp_path: Path, record: object) -> None:
    root = _prepare(tmp_path)
    (root / "governance/reviews/content/gzdt/2026-008.yml").write_text(_dump(record), encoding="utf-8")
    result = run_check(root)
    assert any(f.path.startswith("governance/reviews/content/gzdt/2026-008") or f.path == "content/gzdt/2026-008.md"
               for f in result.findings)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_crash(tmp_path: Path, raw: bytes) -> None:
    root = _prepare(tmp_path)
    (root / "content/gzdt/fuzz.md").write_bytes(raw)
    result = run_check(root)
    assert any(f.path == "content/gzdt/fuzz.md" for f in result.findings)
