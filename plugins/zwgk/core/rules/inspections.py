"""Monthly 督查 inputs (governance/inspections/): malformed files and personal data are errors, so a
division learns of a bad file when it submits it, not when 综合处 compiles the month."""

from __future__ import annotations

from ..findings import Finding
from ..inspections import load_inspections, required_divisions
from ..model import Site
from . import register

RULES: dict[str, str] = {
    "inspections.invalid": "督查情况文件（governance/inspections/）格式或字段错误",
    "inspections.division": "督查情况文件的处室与文件名不一致，或未在栏目任务分解表中登记",
    "inspections.personal_data": "督查情况中有个人信息",
    "inspections.secrecy": "督查情况中有密级标志",
}


@register
def inspections(site: Site) -> list[Finding]:
    return required_divisions(site)[1] + load_inspections(site)[1]
