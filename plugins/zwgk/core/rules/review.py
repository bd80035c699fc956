"""Gate 1: the 信息发布审查表 — every published item and interpretation has a complete, signed
record whose digest matches exactly what is about to be published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..digest import Digest, compute, describe_changes
from ..findings import Finding, finding
from ..model import Item, Site
from ..schema import coerce_date
from . import register

SECRECY = {
    "state_secret": "国家秘密",
    "work_secret": "工作秘密",
    "commercial_secret": "商业秘密",
    "privacy": "个人隐私",
}
# (key, label, subfields) in the order the form is signed.
SIGNATURES: list[tuple[str, str, tuple[str, ...]]] = [
    ("handler", "经办人", ("name", "date")),
    ("division_head", "处室负责人审核", ("name", "date", "opinion")),
    ("secrecy", "保密审查", ("reviewer", "date")),
    ("leader", "分管领导审批", ("name", "date")),
]
RECORD_KEYS = {"title", "column", "division", "conclusion", "digest", "late_reason", "exceptions", "urgent_followup",
               *SECRECY, *(k for k, _, _ in SIGNATURES)}
REVIEW_HOW = "由综合处核对后运行 zwgk review {path} 重新审查并签署"


def review_files(site: Site, item: Item) -> dict[str, Path]:
    """Files whose bytes the review covers: attachments, and for an interpretation its plan and 图解."""
    files = {a.file: a.abs_path for a in item.attachments}
    if item.interpretation_id:
        interp = site.interpretations.get(item.interpretation_id)
        if interp is not None:
            if interp.plan_path:
                files["plan.md"] = site.root / interp.plan_path
            if interp.diagram_path:
                files["tujie.yml"] = site.root / interp.diagram_path
    return files


def item_digest(site: Site, item: Item) -> Digest:
    return compute(item.body, item.meta, review_files(site, item))


def needs_review(site: Site, item: Item) -> bool:
    # Drafts never publish; scheduled items will, so their record must exist before merge.
    return not item.draft and item.published is not None


def _date(value: Any) -> dt.date | None:
    return coerce_date(value)


def check_record(site: Site, item: Item) -> list[Finding]:
    record = site.reviews.get(item.path)
    rec_path = site.review_path_for(item.path)
    if record is None:
        return [finding("review.missing", item.path, "没有信息发布审查表，不能发布",
                        f"由综合处审查后运行 zwgk review {item.path} 生成审查表（保存在 {rec_path}）", field="review")]
    if record.broken:
        return []
    data = record.data
    out: list[Finding] = []

    def bad(rule: str, msg: str, hint: str, field: str) -> None:
        out.append(finding(rule, record.path, msg, hint, field=field))

    for key in sorted(set(data) - RECORD_KEYS):
        bad("review.unknown_field", f"审查表中有未知字段 {key}", "删除该字段或改正字段名", key)
    for key, label, want in (("title", "信息名称", item.title), ("column", "拟发布栏目", item.column),
                             ("division", "责任处室", item.division)):
        got = str(data.get(key) or "")
        if not got:
            bad("review.field_missing", f"审查表缺少 {key}（{label}）", f"填写 {key}: {want}", key)
        elif got != want:
            bad("review.mismatch", f"审查表的{label}“{got}”与信息中的“{want}”不一致",
                f"确认审查表对应的是 {item.path}；如信息已更名或调整，请重新审查", key)
    dates: dict[str, dt.date] = {}
    for key, label, subs in SIGNATURES:
        block = data.get(key)
        if not isinstance(block, Mapping):
            bad("review.field_missing", f"审查表缺少“{label}”一栏", f"填写 {key}: {{{', '.join(f'{s}: …' for s in subs)}}}", key)
            continue
        for sub in subs:
            value = block.get(sub)
            if value in (None, ""):
                bad("review.field_missing", f"“{label}”缺少 {sub}", f"补充 {key} -> {sub}", f"{key} -> {sub}")
            elif sub == "date":
                d = _date(value)
                if d is None:
                    bad("review.date", f"“{label}”的日期 {value} 无效", "写成 YYYY-MM-DD", f"{key} -> date")
                else:
                    dates[key] = d
    secrecy = data.get("secrecy") if isinstance(data.get("secrecy"), Mapping) else {}
    assert isinstance(secrecy, Mapping)
    for key, label in SECRECY.items():
        value = secrecy.get(key)
        if value in (None, ""):
            bad("review.field_missing", f"保密审查缺少“是否涉及{label}”", f"核查后填写 secrecy -> {key}: 否", f"secrecy -> {key}")
        elif value not in ("否", False):
            bad("review.secrecy", f"保密审查认定涉及{label}（{value}），不得公开",
                "删除涉及的内容或撤回发布；如认定有误，由保密审查人更正审查表", f"secrecy -> {key}")
    conclusion = data.get("conclusion")
    if conclusion != "同意公开":
        bad("review.conclusion", f"审查结论为“{conclusion or '空'}”，不是“同意公开”",
            "审查通过后结论写 同意公开；不同意公开的信息不得合并发布", "conclusion")
    order = [k for k, _, _ in SIGNATURES]
    labels = {k: lbl for k, lbl, _ in SIGNATURES}
    for a, b in (("handler", "division_head"), ("division_head", "leader"), ("handler", "secrecy"), ("secrecy", "leader")):
        if a in dates and b in dates and dates[b] < dates[a]:
            bad("review.date_order", f"“{labels[b]}”日期 {dates[b]} 早于“{labels[a]}”日期 {dates[a]}",
                "按 经办人 → 处室负责人审核 → 保密审查 → 分管领导审批 的顺序核对日期", f"{b} -> date")
    if item.published:
        for key in order:
            if key in dates and dates[key] > item.published:
                bad("review.after_publication", f"“{labels[key]}”日期 {dates[key]} 晚于发布日期 {item.published}",
                    "先审查、后发布：核对审查日期，或推迟发布日期", f"{key} -> date")
    out.extend(check_digest(site, item, record.path, data.get("digest")))
    return out


def check_digest(site: Site, item: Item, rec_path: str, recorded: Any) -> list[Finding]:
    how = REVIEW_HOW.format(path=item.path)
    if not isinstance(recorded, Mapping) or not recorded.get("sha256"):
        return [finding("review.digest_missing", rec_path, "审查表没有记录所审查内容的摘要（digest），无法证明审查的就是将要发布的内容",
                        how, field="digest")]
    current = item_digest(site, item)
    if str(recorded.get("sha256")) == current.total.removeprefix("sha256:"):
        return []
    changes = describe_changes(recorded, current) or ["内容"]
    return [finding("review.stale", item.path, f"审查后内容有改动（{'、'.join(changes)}），须重新审查后才能发布",
                    how, field="digest")]


@register
def reviews(site: Site) -> list[Finding]:
    out: list[Finding] = []
    for item in site.items:
        if needs_review(site, item):
            out.extend(check_record(site, item))
    # Records whose item is gone are kept for the archive but flagged so they don't pile up unseen.
    base = site.root / site.config.reviews_dir
    if base.is_dir():
        known = {site.review_path_for(i.path) for i in site.items}
        for p in sorted(base.rglob("*.yml")):
            rel = p.relative_to(site.root).as_posix()
            if rel not in known:
                out.append(finding("review.orphan", rel, "审查表对应的信息不存在（可能已改名或删除）",
                                   "如信息已改名，请把审查表移到对应路径；已删除的信息可把审查表移入 governance/archive/",
                                   severity="warning"))
    return out
