"""Gate 1: the 信息发布审查表 — every published item and interpretation has a complete, signed
record whose digest matches exactly what is about to be published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..calendar import CalendarYearMissing
from ..digest import Digest, compute, describe_changes
from ..findings import Finding, finding
from ..model import Item, ReviewRecord, Site
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
        followup = followup_due(site, item)[0] if item.urgent else None
        for key in order:
            if key not in dates or dates[key] <= item.published:
                continue
            if not item.urgent:
                bad("review.after_publication", f"“{labels[key]}”日期 {dates[key]} 晚于发布日期 {item.published}",
                    "先审查、后发布：核对审查日期，或推迟发布日期", f"{key} -> date")
            elif followup is not None and dates[key] > followup and not str(data.get("urgent_followup") or "").strip():
                # Signed after publication is the urgent path itself; signed after the follow-up window
                # is a lapse that 综合处 must explain (like late_reason for late publication).
                bad("review.urgent_overdue", f"重要紧急信息的“{labels[key]}”日期 {dates[key]} 晚于补办审查期限 {followup}",
                    "在审查表中填写 urgent_followup: 逾期补审的原因（月度督查将计入）", f"{key} -> date")
    out.extend(check_digest(site, item, record.path, data.get("digest")))
    return out


# -- 重要紧急: publish first, review within N working days --------------------------------------


@dataclass(frozen=True)
class UrgentPending:
    """An urgent item published (or scheduled) before its 信息发布审查表 was signed."""

    path: str
    record: str  # where the record belongs
    index_no: str
    title: str
    division: str
    published: dt.date
    due: dt.date | None  # last working day for the follow-up review; None when the calendar lacks that year
    overdue: bool
    error: str | None = None  # the calendar problem when ``due`` is None


def followup_due(site: Site, item: Item) -> tuple[dt.date | None, str | None]:
    """(last working day for the follow-up review, calendar problem if it cannot be computed)."""
    if item.published is None:
        return None, None
    try:
        return site.calendar.add_workdays(item.published, site.config.review.urgent_followup_workdays), None
    except CalendarYearMissing as exc:
        return None, str(exc)


def is_signed(record: ReviewRecord | None) -> bool:
    """A record counts once ``zwgk review`` (or a person) wrote its digest; a blank form does not."""
    if record is None or record.broken:
        return False
    digest = record.data.get("digest")
    return isinstance(digest, Mapping) and bool(digest.get("sha256"))


def urgent_pending(site: Site) -> list[UrgentPending]:
    """Urgent items waiting for their follow-up review (for the rule below and for reports)."""
    out: list[UrgentPending] = []
    for item in site.items:
        if not (item.urgent and needs_review(site, item)) or is_signed(site.reviews.get(item.path)):
            continue
        assert item.published is not None
        due, error = followup_due(site, item)
        out.append(UrgentPending(
            path=item.path, record=site.review_path_for(item.path), index_no=item.index_no, title=item.title,
            division=item.division, published=item.published, due=due,
            overdue=due is not None and site.today > due, error=error))
    return out


def _urgent_findings(site: Site) -> list[Finding]:
    out: list[Finding] = []
    n = site.config.review.urgent_followup_workdays
    for p in urgent_pending(site):
        how = f"由综合处审查后运行 zwgk review {p.path} 补签审查表（{p.record}）"
        if p.due is None:
            out.append(finding("calendar.year_missing", p.path, p.error or "缺少节假日安排，无法计算补办审查期限",
                               "节假日安排录入后重新检查", field="review"))
        elif p.overdue:
            out.append(finding("review.urgent_overdue", p.path,
                               f"重要紧急信息（发布日期 {p.published}）的信息发布审查表仍未签署，补办审查期限 {p.due} 已过",
                               how + "，并在审查表中填写 urgent_followup: 逾期补审的原因", field="review"))
        else:
            out.append(finding("review.urgent_pending", p.path,
                               f"重要紧急信息先行发布（发布日期 {p.published}），须在 {p.due} 前（发布后 {n} 个工作日内）补办审查",
                               how, field="review", severity="warning"))
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
    out: list[Finding] = _urgent_findings(site)
    for item in site.items:
        if needs_review(site, item) and not (item.urgent and not is_signed(site.reviews.get(item.path))):
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
