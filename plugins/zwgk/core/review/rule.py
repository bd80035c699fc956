"""Gate 1: the 信息发布审查表 — every published item and interpretation has a complete, signed
record whose digest matches exactly what is about to be published.

The validation itself is :func:`zwgk.core.review.record.check_record` (shared with ``zwgk review``);
this rule applies it to every item that will be published, reading the Git history once.

重要紧急 (``urgent: true``) changes the deadline, never the review: the rulebook's "5个工作日内
（重要、紧急事项当日）…发布，发布前应填写信息发布审查表进行保密审查" shortens publication to the
same working day (:mod:`zwgk.core.clocks.deadline`) and the record is required before publication
like any other. An urgent item still awaiting its signature also gets the advisory
``review.urgent`` so CI can label the pull request and 综合处 sees it first.
"""

from __future__ import annotations

from .. import git_history
from ..findings import Finding, finding
from ..inventory import tree
from ..model import Site
from .record import check_record, needs_review, save_digest_cache


def reviews(site: Site) -> list[Finding]:
    out: list[Finding] = []
    history = git_history.load(site.root, site.today, site.config.review.history_start)
    for item in site.items:
        if not needs_review(site, item):
            continue
        found = check_record(site, item, history=history)
        out.extend(found)
        blocking = [f for f in found if f.is_error]
        if item.urgent and blocking:
            what = "、".join(dict.fromkeys(f.rule for f in blocking))
            out.append(finding("review.urgent", item.path,
                               f"重要紧急信息：须当日完成审查后发布（发布日期 {item.published}），审查表尚未就绪（{what}）",
                               f"综合处优先处理：运行 zwgk review {item.path} 查看需要签署的内容和一条签署命令",
                               field="urgent", severity="warning"))
    # Records whose item is gone are kept for the archive but flagged so they don't pile up unseen.
    base = site.root / site.config.reviews_dir
    if base.is_dir():
        known = {site.review_path_for(p) for p in [*(i.path for i in site.items), *site.pages]}
        # Same files and order as sorted(base.rglob("*.yml")), as strings (core/inventory.py: tree).
        for rel in tree(base, base.relative_to(site.root).as_posix()):
            if rel.endswith(".yml") and rel not in known:
                out.append(finding("review.orphan", rel, "审查表对应的信息不存在（可能已改名或删除）",
                                   "如信息已改名，请把审查表移到对应路径并重新审查（发布地址已变）；已删除的信息可把审查表移入 governance/archive/",
                                   severity="warning"))
    save_digest_cache(site)
    return out
