"""Monthly 督查 inputs (governance/inspections/): malformed files and personal data are errors, so a
division learns of a bad file when it submits it, not when 综合处 compiles the month."""

from __future__ import annotations

from ..findings import Finding
from ..inspections import load_inspections, required_divisions
from ..model import Site


def inspections(site: Site) -> list[Finding]:
    return required_divisions(site)[1] + load_inspections(site)[1]
