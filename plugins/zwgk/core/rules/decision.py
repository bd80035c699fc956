"""决策文件出台后及时向社会公布: a consultation's outcome links the decision document it led to.

``decision`` on an ``outcome`` item names the 索引号 of the decision document (rulebook 二(一)2). The
outcome page links to it (zwgk.mkdocs.context), so the link must lead somewhere the public can go:
an existing item that is, or will be, published no later than the outcome itself.
"""

from __future__ import annotations

from ..findings import Finding, finding
from ..model import Site


def decisions(site: Site) -> list[Finding]:
    out: list[Finding] = []
    index = site.by_index()
    for item in site.items:
        ref = str(item.meta.get("decision") or "").strip()
        if item.kind != "outcome" or not ref or not item.will_publish:
            continue
        target = index.get(ref)
        if target is None:
            out.append(finding("outcome.decision", item.path, f"decision 填写的决策文件索引号 {ref} 不存在",
                               "填写本次征集形成的决策文件（如正式印发的办法、规范）的索引号；文件尚未出台的，先删除 decision，"
                               "出台后补上", field="decision"))
        elif target is item or target.kind in ("consultation", "outcome"):
            out.append(finding("outcome.decision", item.path, f"decision 指向的 {target.path} 不是决策文件",
                               "decision 填写征集后正式出台的决策文件的索引号，而不是意见征集或采纳情况本身", field="decision"))
        elif not target.will_publish:
            why = "仍是草稿" if target.draft else f"公开属性为{target.disclosure}" if target.withheld else "没有发布日期"
            out.append(finding("outcome.decision", item.path, f"decision 指向的决策文件 {target.path} {why}，公众无法查看",
                               "待决策文件确定发布日期后再填写 decision；决策文件应向社会公布", field="decision"))
    return out
