"""Scaffold text is never publishable: a placeholder ``zwgk new`` wrote and nobody replaced blocks.

The placeholders are :data:`zwgk.core.placeholders.MARKERS` (the list the scaffold writes from).
Looked for in what is published from each source: an item's fields and body, a 解读方案's fields
and body, and every text drawn on a 图解. Drafts are skipped: they never publish, and the gate
sees them again when the draft flag goes.
"""

from __future__ import annotations

from ..findings import Finding, finding
from ..model import Site
from ..placeholders import Placeholder, contains_any, found_in, iter_values, line_of
from ..tujie import load_spec
from ..yamlio import read_text


def _finding(path: str, field: str, placeholder: Placeholder, source: str, start: int = 1) -> Finding:
    return finding("scaffold.placeholder", path, f"{placeholder.part}“{placeholder.text}”还没有改，不能发布",
                   placeholder.fix, field=field, line=line_of(source, placeholder, start=start))


def _in_document(path: str, source: str, meta: object, body: str, body_line: int) -> list[Finding]:
    out: list[Finding] = []
    for chain, text in iter_values(meta):
        out += [_finding(path, chain, p, source) for p in found_in(text)]
    out += [_finding(path, "正文", p, body, body_line) for p in found_in(body)]
    return out


def placeholders(site: Site) -> list[Finding]:
    out: list[Finding] = []
    for item in site.items:
        source = site.sources.get(item.path)
        if item.draft or (source is not None and not contains_any(source)):
            continue
        out += _in_document(item.path, source or "", item.meta, item.body, item.body_line)
    for interp in site.interpretations.values():
        if interp.material is not None and interp.material.draft:
            continue
        if interp.plan_path:
            source = site.sources.get(interp.plan_path, "")
            out += _in_document(interp.plan_path, source, interp.plan_meta, interp.plan_body, interp.plan_body_line)
        if interp.diagram_path:
            text, _ = read_text(site.root / interp.diagram_path, interp.diagram_path)  # unreadable: rules.diagram
            if text is None or not contains_any(text):
                continue
            spec, _ = load_spec(text, interp.diagram_path)  # invalid: reported by rules.diagram
            if spec is not None:
                out += [_finding(interp.diagram_path, chain, p, text)
                        for chain, value in spec.iter_texts() for p in found_in(value)]
    return out
