"""Reviewed exceptions: matched, unmatched, invalid."""

from __future__ import annotations

from zwgk.core.scan import ScanConfig, ScanException, apply_exceptions, fingerprint, fingerprint_of, scan_markdown

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")
RECORD = "governance/reviews/2024-001.yml"
TEXT = "监督电话 13812345678\n举报电话 13912345678\n"
FP = fingerprint("privacy.mobile", "13812345678")


def findings():  # type: ignore[no-untyped-def]
    return scan_markdown(TEXT, "content/a.md", CONFIG)


def test_fingerprint_is_read_back_from_the_hint() -> None:
    assert [fingerprint_of(f) for f in findings()] == [FP, fingerprint("privacy.mobile", "13912345678")]


def test_matched_exception_removes_only_that_value() -> None:
    entry = {"rule": "privacy.mobile", "fingerprint": FP, "reason": "依法公开的监督电话", "reviewer": "王审查"}
    kept = apply_exceptions(findings(), [entry], RECORD)
    assert [(f.rule, f.line) for f in kept] == [("privacy.mobile", 2)]


def test_dataclass_exceptions_are_accepted() -> None:
    kept = apply_exceptions(findings(), [ScanException("privacy.mobile", FP, "公开监督电话", "王审查")], RECORD)
    assert len(kept) == 1


def test_same_fingerprint_other_rule_does_not_match() -> None:
    entry = {"rule": "privacy.id_number", "fingerprint": FP, "reason": "x", "reviewer": "y"}
    kept = apply_exceptions(findings(), [entry], RECORD)
    assert [f.rule for f in kept] == ["privacy.mobile", "privacy.mobile", "scan.exception_unused"]


def test_unmatched_exception_is_reported() -> None:
    entry = {"rule": "privacy.mobile", "fingerprint": "0123456789ab", "reason": "x", "reviewer": "y"}
    kept = apply_exceptions(findings(), [entry], RECORD)
    unused = kept[-1]
    assert (unused.rule, unused.path, unused.field) == ("scan.exception_unused", RECORD, "exceptions[0]")
    assert len(kept) == 3


def test_missing_reason_or_reviewer_is_invalid_and_does_not_apply() -> None:
    entries = [
        {"rule": "privacy.mobile", "fingerprint": FP, "reason": "", "reviewer": "王审查"},
        {"rule": "privacy.mobile", "fingerprint": FP, "reason": "公开"},
        {"rule": "privacy.mobile", "fingerprint": "not-hex", "reason": "公开", "reviewer": "王"},
        "just a string",
    ]
    kept = apply_exceptions(findings(), entries, RECORD)
    invalid = [f for f in kept if f.rule == "scan.exception_invalid"]
    assert [f.field for f in invalid] == ["exceptions[0]", "exceptions[1]", "exceptions[2]", "exceptions[3]"]
    assert "reason" in invalid[0].message and "reviewer" in invalid[1].message
    assert "fingerprint" in invalid[2].message
    assert all(f.severity == "error" and f.path == RECORD for f in invalid)
    assert sum(f.rule == "privacy.mobile" for f in kept) == 2  # nothing was allowed


def test_numeric_fingerprint_from_yaml_is_accepted() -> None:
    kept = apply_exceptions([], [{"rule": "r", "fingerprint": 123456789012, "reason": "x", "reviewer": "y"}], RECORD)
    assert [f.rule for f in kept] == ["scan.exception_unused"]


def test_no_exceptions_keeps_everything() -> None:
    assert apply_exceptions(findings(), [], RECORD) == findings()
