"""The 通报登记表 and 考核责任分解表 (governance/, never published) are validated on every check,
so a mistyped level or division fails the change that introduced it, not the year-end 考核."""

from __future__ import annotations

from ..assessment_registers import load_assessment, load_notices
from ..clocks.settings import settings_for
from ..findings import Finding
from ..model import Site


def registers(site: Site) -> list[Finding]:
    settings = settings_for(site)
    return load_notices(site, settings)[1] + load_assessment(site, settings)[1]
