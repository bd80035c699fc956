"""依申请公开 rules: the register's data (errors) and its statutory clocks (advisories for 综合处).

The register is internal; its clock findings (a late 补正 notice, a late reply, a request past
its due date) are history or work in progress, not defects of what the public site shows, so
they are advisory (``ADVISORY_RULES``): the build shows them and never blocks on them; the
monthly 督查 lists the overdue ones as errors for 综合处. Malformed data and personal data in
the register are errors: they fail the pull request that introduced them.
"""

from __future__ import annotations

import datetime as dt

from ..findings import Finding, finding
from ..model import Site
from ..requests import outcomes
from ..requests.clock import CORRECTION_DAYS, EXTENSION_MAX, REPLY_DAYS, RequestState, compute, extension_counts
from ..requests.model import Request
from ..requests.register import load_register


def _order(q: Request) -> list[tuple[str, dt.date | None, str, dt.date | None, str]]:
    """(later field, its date, earlier field, its date, what) pairs that must not run backwards."""
    c, e, lr = q.correction, q.extension, q.leader_review
    pairs = [
        ("correction -> notified", c.notified if c else None, "received", q.received, "收到申请"),
        ("correction -> received", c.received if c else None, "correction -> notified", c.notified if c else None,
         "补正告知"),
        ("transferred", q.transferred, "received", q.received, "收到申请"),
        ("drafted", q.drafted, "transferred", q.transferred, "转办"),
        ("leader_review -> date", lr.date if lr else None, "drafted", q.drafted, "起草答复意见"),
        ("replied", q.replied, "leader_review -> date", lr.date if lr else None, "分管领导审核"),
        ("replied", q.replied, "received", q.received, "收到申请"),
        ("archived", q.archived, "replied", q.replied, "答复"),
        ("extension -> approved", e.approved if e else None, "received", q.received, "收到申请"),
        ("extension -> notified", e.notified if e else None, "extension -> approved", e.approved if e else None,
         "负责人同意延期"),
    ]
    for i, k in enumerate(q.consultations):
        pairs.append((f"consultations -> [{i}] -> sent", k.sent, "received", q.received, "收到申请"))
        pairs.append((f"consultations -> [{i}] -> answered", k.answered, f"consultations -> [{i}] -> sent", k.sent,
                      "发出征求意见"))
    for i, a in enumerate(q.appeals):
        pairs.append((f"appeal -> [{i}] -> filed", a.filed, "replied", q.replied, "答复"))
    return pairs


def data_findings(q: Request, site: Site) -> list[Finding]:
    """Problems in one record that do not depend on the day: they are errors whatever ``today``."""
    out: list[Finding] = []
    for later, late_day, earlier, early_day, what in _order(q):
        if late_day is not None and early_day is not None and late_day < early_day:
            out.append(finding("requests.dates", q.path, f"{later} 的日期 {late_day} 早于{what}日期 {early_day}（{earlier}）",
                               "核对两处日期，按实际办理时间填写", field=later))
    if q.replied is not None and q.outcome is None:
        out.append(finding("requests.outcome", q.path, "已答复（replied）但没有办理结果 outcome",
                           "写年报表三的行号或名称，例如 outcome: 三.一（予以公开）", field="outcome"))
    if q.outcome is not None and q.replied is None:
        out.append(finding("requests.outcome", q.path, f"已有办理结果 {q.outcome} 但没有答复日期 replied",
                           "补上统一答复申请人的日期，例如 replied: 2026-04-20；尚未答复的删除 outcome", field="replied"))
    if q.outcome is not None and q.outcome not in outcomes.DISCLOSED and not q.reason:
        out.append(finding("requests.reason", q.path,
                           f"办理结果为 {q.outcome}（{outcomes.label(q.outcome)}），缺少 reason（法律依据）",
                           "写明答复所依据的条款，例如 reason: 《政府信息公开条例》第十五条", field="reason"))
    if q.joint_review is not None and q.joint_review.conclusion is None and q.replied is not None:
        out.append(finding("requests.joint_review", q.path, "该申请经会商，已答复，但没有记录会商结论",
                           "补写 joint_review -> conclusion，例如 conclusion: 不属于依申请公开（咨询类，已按咨询答复）",
                           field="joint_review -> conclusion"))
    e = q.extension
    if e is not None:
        if e.approved is None:
            out.append(finding("requests.extension", q.path, "延期答复没有信息公开工作机构负责人同意的日期",
                               "填写 extension -> approved；未经同意不得延期（条例第三十三条）",
                               field="extension -> approved"))
        if e.notified is None:
            out.append(finding("requests.extension", q.path, "延期答复没有告知申请人的日期",
                               "填写 extension -> notified；未告知申请人的延期不计入答复期限（条例第三十三条）",
                               field="extension -> notified"))
        if e.days > EXTENSION_MAX:
            out.append(finding("requests.extension", q.path, f"延长 {e.days} 个工作日，超过条例第三十三条的 {EXTENSION_MAX} 个工作日",
                               f"把 extension -> days 改为不超过 {EXTENSION_MAX}（期限只按 {EXTENSION_MAX} 计算）",
                               field="extension -> days"))
    if q.division and site.divisions and q.division not in site.divisions:
        out.append(finding("requests.division", q.path, f"承办处室 {q.division} 未在栏目任务分解表中登记",
                           f"使用 {site.config.columns_file} 中的处室名称", field="division", severity="warning"))
    return out


def clock_findings(q: Request, site: Site) -> list[Finding]:
    """The clocks as of ``site.today``: advisory warnings addressed to 综合处."""
    if q.received > site.today:
        return []
    c = compute(q, site.calendar, site.today)
    now = c.request
    out: list[Finding] = []

    def advise(rule: str, message: str, hint: str, field: str) -> None:
        out.append(finding(rule, q.path, message, hint, field=field, severity="warning"))

    if c.unknown_year is not None:
        advise("requests.due_unknown", f"缺少 {c.unknown_year} 年的节假日安排，申请 {q.id} 的答复期限暂时无法计算",
               f"在 {site.config.calendar_dir}/{c.unknown_year}.yml 录入国务院办公厅的节假日安排后重新检查", "received")
    if now.correction is not None and c.correction_due is not None and now.correction.notified > c.correction_due:
        advise("requests.correction_late",
               f"补正告知日期 {now.correction.notified} 晚于收到申请后 {CORRECTION_DAYS} 个工作日（应不晚于 {c.correction_due}）",
               "申请内容不明确的，应在收到申请之日起 7 个工作日内一次性告知补正（条例第三十条）；"
               "已发生的逾期在月度督查中说明原因", "correction -> notified")
    if c.start is not None and now.extension is not None and now.extension.approved and now.extension.notified:
        base = c.due if c.extension == 0 else None
        if base is not None and not extension_counts(now, base):
            advise("requests.extension_late", f"延期在原答复期限 {base} 届满后才同意或告知，不能延长期限",
                   "延期须在原期限内经负责人同意并告知申请人（条例第三十三条）；答复期限按未延期计算", "extension")
    if c.state is RequestState.REPLIED_LATE:
        advise("requests.reply_late", f"申请 {q.id} 于 {now.replied} 答复，晚于答复期限 {c.due}（逾期 {c.late_workdays} 个工作日）",
               f"期限为收到申请（或补正后申请）之日起 {REPLY_DAYS} 个工作日，征求意见时间不计，经同意并告知可延长 "
               f"{EXTENSION_MAX} 个工作日；在月度督查中说明原因", "replied")
    if c.state is RequestState.OVERDUE:
        advise("requests.overdue",
               f"致综合处：申请 {q.id} 的答复期限 {c.due} 已过，至 {site.today} 仍未答复（逾期 {c.late_workdays} 个工作日）",
               "立即督促承办处室起草答复、报分管领导审核后由综合处统一答复；逾期答复是行政复议、诉讼最常见的理由",
               "replied")
    if now.replied is not None:
        # Every reply is reviewed by the 分管领导 (rulebook, 会商 cases included); a request closed
        # because the correction never came was never handed to a division to draft.
        steps = (("transferred", "转办", now.transferred if c.start else True), ("drafted", "起草", now.drafted if c.start else True),
                 ("leader_review", "分管领导审核", now.leader_review))
        missing = [(key, label) for key, label, done in steps if done is None]
        if missing:
            advise("requests.steps", "已答复，但缺少" + "、".join(f"{label}（{key}）" for key, label in missing) + "记录",
                   "按制度，责任处室起草答复意见、经分管领导审核后由综合处统一答复：补登各步骤的日期", missing[0][0])
    return out


def requests_register(site: Site) -> list[Finding]:
    requests, problems = load_register(site)
    for q in requests:
        problems += data_findings(q, site) + clock_findings(q, site)
    return problems
