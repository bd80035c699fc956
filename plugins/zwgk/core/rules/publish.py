"""Gate 0: everything MkDocs would publish is a reviewed page, attachment or image (core/inventory.py)."""

from __future__ import annotations

from ..findings import Finding
from ..inventory import inventory_findings
from ..model import Site
from . import register


@register
def publication_inventory(site: Site) -> list[Finding]:
    return inventory_findings(site)
