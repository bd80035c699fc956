"""Clock rules: 意见征集 and 采纳情况, 舆情回应, 栏目更新 (docs/clocks.md lists every rule).

Severity policy. Time-driven findings (a deadline passed, a column aged) are warnings by default:
they appear without anyone changing a file, and must not stop an unrelated urgent publication in
a non-strict build. The exception is ``consultation.outcome_overdue`` (error): the only fix is to
publish the missing 采纳情况, which lifts the block in the same build. Findings about malformed
data (dates out of order, a broken link to a consultation) are errors: they are raised at merge
time by the change that introduced them. Offices adjust the time-driven levels with
``clocks: {severity: {rule: error|warning|off}}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..clocks import consultation as cons
from ..clocks.deadline import late_reason
from ..clocks.months import period_label
from ..clocks.response import response_clock
from ..clocks.settings import ClockSettings, emit, format_dt, format_duration, settings_for, to_shanghai
from ..clocks.staleness import inspection
from ..findings import Finding, finding
from ..model import Item, Site
from ..suggest import closest, did_you_mean

OPINION_KEYS = ("summary", "adopted", "reason")
OPINION_EXAMPLE = "{summary: 延长周末开放时间, adopted: 部分采纳, reason: 增设周六上午综合窗口}"


def _checked(item: Item) -> bool:
    """Items the clocks apply to: everything that is or will be published (scheduled included)."""
    return item.will_publish


def _acknowledged(site: Site, item: Item) -> bool:
    """Lateness explained by 综合处 in the review record (late_reason): the build stops nagging,
    the monthly report still counts it (same contract as timeliness.late)."""
    return bool(late_reason(site, item))


# -- 意见征集 ---------------------------------------------------------------------------------


def consultations(site: Site) -> list[Finding]:
    settings = settings_for(site)
    index = cons.outcomes_by_consultation(site)
    out: list[Finding] = []
    for item in site.items:
        if item.kind != "consultation" or not _checked(item):
            continue
        opens, closes = cons.period(item)
        if opens is None or closes is None:
            continue  # schema.missing / schema.type name the field
        if closes < opens:
            out.append(finding("consultation.dates", item.path, f"征集截止日期 {closes} 早于开始日期 {opens}",
                               "核对 opens（征集开始日期）和 closes（征集截止日期）", field="closes"))
            continue
        if item.published is not None and item.published > closes:
            out.append(finding("consultation.dates", item.path,
                               f"征集公告发布日期 {item.published} 晚于征集截止日期 {closes}，公众无法参与",
                               "核对 published 和 closes；征集公告应在征集开始前或当天发布", field="published"))
            continue
        out += _too_short(settings, item, opens, closes)
        if item.is_public(site.today):
            out += _overdue(site, settings, item, index)
    return out


def _too_short(settings: ClockSettings, item: Item, opens: dt.date, closes: dt.date) -> list[Finding]:
    # The period runs from the later of the start date and the notice's publication: the public
    # cannot comment on a consultation it cannot see yet.
    start = max(opens, item.published) if item.published else opens
    days = (closes - start).days
    minimum = settings.consultation_min_days
    if days >= minimum:
        return []
    since = "开始" if start == opens else f"公告发布（{start}）"
    return emit(settings, finding(
        "consultation.too_short", item.path,
        f"征求意见期限只有 {days} 天（自{since}至 {closes}），少于 {minimum} 天",
        f"《重大行政决策程序暂行条例》第十五条：征求意见期限一般不少于 {minimum} 日。"
        f"把 closes 延至 {start + dt.timedelta(days=minimum)} 或以后；"
        "确需缩短的，在正文中说明理由", field="closes", severity="warning"))


def _overdue(site: Site, settings: ClockSettings, item: Item, index: dict[str, list[Item]]) -> list[Finding]:
    status = cons.consultation_status(site, item, outcomes=index)
    if status.state is not cons.ConsultationState.AWAITING or not status.overdue:
        return []
    planned = ""
    if status.scheduled_outcome is not None:
        planned = f"；已安排于 {status.scheduled_outcome.published} 发布的采纳情况（{status.scheduled_outcome.path}）仍晚于期限"
    return emit(settings, finding(
        "consultation.outcome_overdue", item.path,
        f"征集已于 {status.closes} 截止，采纳情况应于 {status.due} 前公布，已逾期 {status.overdue_days} 天{planned}",
        f"在意见征集栏目发布采纳情况（kind: outcome，consultation: {item.index_no}，opinions 逐条列出意见及是否采纳）；"
        "如已发布，检查其 consultation 字段是否填写了本征集的索引号", field="closes"))


def outcomes(site: Site) -> list[Finding]:
    settings = settings_for(site)
    by_index = site.by_index()
    index = cons.outcomes_by_consultation(site)
    out: list[Finding] = []
    for item in site.items:
        if item.kind != "outcome" or not _checked(item):
            continue
        out += _opinions(item)
        key = cons.linked_consultation(item)
        if not key:
            continue  # schema.missing names the field
        target = by_index.get(key)
        if target is None or target.kind != "consultation":
            known = [i.index_no for i in site.items if i.kind == "consultation" and i.index_no]
            close = closest(key, known, cutoff=0.8)
            what = "不存在" if target is None else f"不是意见征集（kind 为 {target.kind}）"
            hint = f"是否应为 {close}？" if close else "填写对应意见征集公告的索引号"
            out.append(finding("outcome.consultation", item.path, f"consultation 填写的索引号 {key} {what}", hint,
                               field="consultation"))
            continue
        siblings = index.get(key, [])
        if len(siblings) > 1 and siblings[0] is not item:
            out.append(finding("outcome.duplicate", item.path,
                               f"意见征集 {key} 已有采纳情况 {siblings[0].path}，本条为第二份",
                               "合并为一份采纳情况；如为更正，在正文说明并把原条目有效性改为“已修订”",
                               field="consultation", severity="warning"))
        _, closes = cons.period(target)
        if closes is None or item.published is None:
            continue
        if item.published <= closes:
            out.append(finding("outcome.before_close", item.path,
                               f"采纳情况发布日期 {item.published} 不晚于征集截止日期 {closes}",
                               "征集截止后汇总全部意见再公布采纳情况：核对 published 或意见征集的 closes",
                               field="published"))
            continue
        due = cons.outcome_due(closes, settings)
        if item.published > due and not _acknowledged(site, item):
            out += emit(settings, finding(
                "consultation.outcome_late", item.path,
                f"采纳情况应于 {due} 前公布（征集 {closes} 截止后 {settings.outcome_months} 个月内），"
                f"实际 {item.published}，晚了 {(item.published - due).days} 天",
                "信息仍应发布；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入逾期",
                field="published", severity="warning"))
    return out


def _opinions(item: Item) -> list[Finding]:
    rows = item.meta.get("opinions")
    if rows is None:  # absent or left empty (a scaffold's ``opinions:``): "no opinions" must be explicit
        return [finding("outcome.opinions", item.path, "缺少 opinions（意见采纳情况表）",
                        f"逐条列出收到的意见，每条一行，例如 opinions: [{OPINION_EXAMPLE}]；未收到意见的写 opinions: []",
                        field="opinions")]
    if not isinstance(rows, list):
        return [finding("outcome.opinions", item.path, "opinions 应为列表，每条意见一行",
                        f"写成 opinions: [{OPINION_EXAMPLE}]，每条意见一项", field="opinions")]
    out: list[Finding] = []
    for i, row in enumerate(rows):
        where = f"opinions -> [{i}]"
        n = i + 1
        if not isinstance(row, Mapping):
            out.append(finding("outcome.opinions", item.path, f"第 {n} 条意见应写成包含 summary、adopted、reason 的映射",
                               f"例如 {OPINION_EXAMPLE}", field=where))
            continue
        for key in sorted(str(k) for k in set(row) - set(OPINION_KEYS)):
            hint = did_you_mean(key, OPINION_KEYS, "每条意见只有 summary（意见摘要）、adopted（是否采纳）、reason（理由）")
            out.append(finding("outcome.opinions", item.path, f"第 {n} 条意见有未知字段 {key}", hint,
                               field=f"{where} -> {key}"))
        summary = row.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            out.append(finding("outcome.opinions", item.path, f"第 {n} 条意见缺少 summary（意见摘要）",
                               "用一句话概括该条意见", field=f"{where} -> summary"))
        adopted = row.get("adopted")
        if adopted not in cons.ADOPTION:
            got = "缺少" if adopted in (None, "") else f"的值 {adopted!r} 无效："
            out.append(finding("outcome.opinions", item.path, f"第 {n} 条意见{got} adopted（是否采纳）",
                               "可选：" + "、".join(cons.ADOPTION), field=f"{where} -> adopted"))
        reason = row.get("reason")
        if adopted in ("部分采纳", "未采纳") and (not isinstance(reason, str) or not reason.strip()):
            out.append(finding("outcome.opinions", item.path, f"第 {n} 条意见{adopted}，但没有说明理由",
                               "填写 reason：未采纳或部分采纳的意见应说明理由", field=f"{where} -> reason"))
    return out


# -- 舆情回应 ---------------------------------------------------------------------------------

_LATE_RULES = {"response": "response.late", "authoritative": "response.authoritative_late",
               "press_conference": "response.press_conference_late"}
_MISSING_RULES = {"authoritative": "response.authoritative_missing",
                  "press_conference": "response.press_conference_missing"}


def responses(site: Site) -> list[Finding]:
    settings = settings_for(site)
    out: list[Finding] = []
    for item in site.items:
        if item.kind != "response" or not _checked(item):
            continue
        out += _press_conference_shape(item)
        clock = response_clock(site, item, settings)
        if clock.surfaced is None:
            continue  # schema names surfaced_at
        acknowledged = _acknowledged(site, item)
        level = f"{clock.level}舆情" if clock.level == "一般" else f"{clock.level}突发事件"
        for check in clock.checks:
            if check.done is not None and check.done < clock.surfaced:
                out.append(finding("response.order", item.path,
                                   f"{check.label}时间 {format_dt(check.done)} 早于舆情出现时间 {format_dt(clock.surfaced)}",
                                   "核对 surfaced_at 与该时间（北京时间；带时区的时间会换算为北京时间）",
                                   field=check.field))
                continue
            late = check.late_by
            if late is not None and check.done is not None and not acknowledged:
                out += emit(settings, finding(
                    _LATE_RULES[check.key], item.path,
                    f"{level}：舆情出现于 {format_dt(clock.surfaced)}，应在 {check.limit_hours} 小时内（{format_dt(check.due)} 前）"
                    f"{check.label}，实际 {format_dt(check.done)}，晚了 {format_duration(late)}",
                    "如实记录时间，不得改动；请综合处在审查表中填写 late_reason（迟报说明），月度督查将计入超时",
                    field=check.field, severity="warning"))
            elif check.key in _MISSING_RULES and check.missing(site.today):
                out += emit(settings, finding(
                    _MISSING_RULES[check.key], item.path,
                    f"{level}：应在舆情出现后 {check.limit_hours} 小时内（{format_dt(check.due)} 前）{check.label}，"
                    f"但没有记录 {check.field}",
                    f"已{check.label}的，补充 {check.field}（时间）" +
                    ("和 url（发布会实录网址）" if check.key == "press_conference" else "") +
                    f"；未{check.label}的，立即组织并如实记录；如级别认定有误，修改 level",
                    field=check.field, severity="warning"))
    return out


def _press_conference_shape(item: Item) -> list[Finding]:
    raw = item.meta.get("press_conference")
    if raw is None or not isinstance(raw, Mapping):
        return []  # absent, or not a mapping (schema.type already reports it)
    out: list[Finding] = []
    example = "press_conference: {at: \"2026-09-08 15:00\", url: https://www.example.gov.cn/xwfbh/1.html}"
    for key in sorted(str(k) for k in set(raw) - {"at", "url"}):
        out.append(finding("response.press_conference", item.path, f"新闻发布会有未知字段 {key}",
                           "只需 at（举行时间）和 url（发布会实录网址）", field=f"press_conference -> {key}"))
    if raw.get("at") in (None, ""):
        out.append(finding("response.press_conference", item.path, "新闻发布会缺少 at（举行时间）", example,
                           field="press_conference -> at"))
    elif to_shanghai(raw.get("at")) is None:
        out.append(finding("response.press_conference", item.path, f"新闻发布会时间 {raw.get('at')} 无效",
                           "写成 YYYY-MM-DD HH:MM（北京时间），" + example, field="press_conference -> at"))
    url = raw.get("url")
    if not isinstance(url, str) or not url.strip():
        out.append(finding("response.press_conference", item.path, "新闻发布会缺少 url（发布会实录网址）", example,
                           field="press_conference -> url"))
    elif not url.startswith(("https://", "http://")):
        out.append(finding("response.press_conference", item.path, f"新闻发布会网址 {url} 不是完整网址",
                           "写成以 https:// 开头的完整网址", field="press_conference -> url"))
    return out


# -- 栏目更新 ---------------------------------------------------------------------------------


def column_freshness(site: Site) -> list[Finding]:
    settings = settings_for(site)
    result = inspection(site, settings)
    docs = site.config.docs_dir
    out: list[Finding] = []
    for st in result.states:
        col = st.column
        owners = "、".join(col.divisions) or "责任处室"
        where = f"{docs}/{col.slug}"
        if st.blank:
            out += emit(settings, finding(
                "column.blank", where, f"栏目“{col.name}”没有任何公开信息（空白栏目）",
                f"由{owners}发布至少一条信息；栏目已无必要的，请综合处在 {site.config.columns_file} 中撤销该栏目"
                f"（空白栏目达到 {settings.veto_blank} 个即有网站检查单项否决风险）", field="column", severity="warning"))
        elif st.stale and st.newest is not None and st.due is not None:
            long = (f"，已超过更新周期的 {settings.long_stale_factor} 倍（{st.long_due} 起），属于长期未更新"
                    if st.long_stale else "")
            out += emit(settings, finding(
                "column.stale", where,
                f"栏目“{col.name}”（更新周期 {period_label(col.update_period)}）最近一次更新是 {st.newest.published}"
                f"（{st.newest.path}），应在 {st.due} 前更新，已超过 {st.overdue_days} 天{long}",
                f"由{owners}发布新信息；如栏目确已无需定期更新，请综合处在 {site.config.columns_file} 中调整 update_period",
                field="update_period", severity="warning"))
    for risk in result.risks:
        names = "、".join(f"“{s.column.name}”" for s in risk.columns)
        out += emit(settings, finding(
            "inspection.single_veto_risk", site.config.columns_file,
            f"{risk.label}的栏目已有 {risk.count} 个（达到 {risk.threshold} 个即有单项否决风险）：{names}",
            "网站检查中此项不合格将直接判定网站不合格：请各责任处室尽快更新上述栏目，综合处在月度督查中跟踪",
            field="columns", severity="warning"))
    return out
