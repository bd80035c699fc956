"""Fingerprints and masks: how a finding names a sensitive value without repeating it.

A finding is printed in build logs and CI output, so the raw value must never appear in it.
Reviewers still need a stable handle to allow a value that must be published by law: that is
the fingerprint, a short hash of (rule, normalized value). It is an identifier, not a secret:
low-entropy values (a phone number with 7 of 11 digits shown) can be brute-forced from it, so
build logs stay internal like the drafts they describe.
"""

from __future__ import annotations

import hashlib
import re

from ..findings import Finding
from ..masking import mask_number

FINGERPRINT_LEN = 12
# The hint carries "fingerprint: <hex>"; apply_exceptions reads it back from there because the
# shared Finding contract has no fingerprint field.
FINGERPRINT_RE = re.compile(r"fingerprint: ([0-9a-f]{12})\b")

_SEPARATORS = re.compile(r"[\s\-]")


def fingerprint(rule: str, normalized: str) -> str:
    """First 12 hex of sha256("rule:value"): stable across runs, files and machines."""
    return hashlib.sha256(f"{rule}:{normalized}".encode()).hexdigest()[:FINGERPRINT_LEN]


def fingerprint_of(item: Finding) -> str | None:
    """The fingerprint a scanner finding carries in its hint, or None for other findings."""
    match = FINGERPRINT_RE.search(item.hint)
    return match.group(1) if match else None


def exception_hint(rule: str, fp: str, when: str = "如确属依法应公开的信息") -> str:
    """The common tail of every hint: how to allow a value that must be published."""
    return (
        f"{when}，请在审查表 exceptions 中登记：rule: {rule}, fingerprint: {fp}，"
        "并写明理由（reason）与审查人（reviewer）"
    )


def mask(value: str) -> str:
    """Masked form for messages: ``138****1234``, ``110105**********2X``, ``6222*********1234``.

    Separators are dropped first so a grouped card number masks like a plain one; what stays
    visible is decided in one place for every rule (:func:`zwgk.core.masking.mask_number`).
    """
    return mask_number(_SEPARATORS.sub("", value).upper())
