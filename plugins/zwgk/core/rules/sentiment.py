"""舆情 register rules: malformed data and personal data are errors; the clocks are advisories to 组宣人事处.

The clock findings are the 48 h / 5 h / 24 h of :func:`zwgk.core.clocks.response.clock_for`, with the
hour limits and the levels of ``clocks:`` (``sentiment.late`` / ``sentiment.overdue`` may be raised to
``error`` or switched ``off``). They never block the build (``ADVISORY_RULES``): the register is
internal, and what it asks for is a response, not fewer pages.
"""

from __future__ import annotations

from ..clocks.response import MAJOR
from ..clocks.settings import emit, format_dt, format_duration, settings_for
from ..findings import Finding, finding
from ..model import Site
from ..sentiment import Sentiment, load_sentiments

MONITOR = "组宣人事处"  # 附件2: 组宣人事处 monitors and follows up every 政务舆情


def data_findings(site: Site, s: Sentiment) -> list[Finding]:
    out: list[Finding] = []
    for key, name in (("division", s.division), ("transferred -> to", s.transferred_to)):
        if name is not None and name not in site.divisions:
            out.append(finding("sentiment.division", s.path, f"处室 {name} 未在栏目任务分解表中登记",
                               "可选：" + "、".join(site.divisions), field=key))
    for key, at in s.times():
        if at < s.surfaced:
            out.append(finding("sentiment.order", s.path, f"{key} 的时间 {format_dt(at)} 早于舆情出现时间 {format_dt(s.surfaced)}",
                               "核对两处时间（北京时间），按实际发生时间填写", field=key))
    if s.response_item is not None and s.response_item not in site.by_index():
        out.append(finding("sentiment.item", s.path, f"回应链接的索引号 {s.response_item} 不是已有的信息",
                           "填写“回应关切”栏目中回应信息的索引号；尚未公开发布的不填", field="response -> item"))
    return out


def clock_findings(site: Site, s: Sentiment) -> list[Finding]:
    settings = settings_for(site)
    clock = s.clock(settings)
    out: list[Finding] = []
    head = f"致{MONITOR}：舆情 {s.id}（{s.level}，{format_dt(s.surfaced)} 出现于{s.where}）"
    for check in clock.checks:
        if check.late_by is not None:
            out += emit(settings, finding("sentiment.late", s.path,
                                          f"{head}{check.label}晚于时限 {format_duration(check.late_by)}（时限 {check.limit_hours} 小时）",
                                          "在月度督查中说明原因；涉事责任处室改进处置流程", field=check.field, severity="warning"))
        elif check.missing(site.today):
            out += emit(settings, finding("sentiment.overdue", s.path,
                                          f"{head}应于 {format_dt(check.due)} 前{check.label}，至今没有记录",
                                          f"督促{s.division}立即{check.label}，并在登记簿记录时间", field=check.field,
                                          severity="warning"))
        elif check.done is None:
            out.append(finding("sentiment.due", s.path, f"{head}尚未{check.label}，时限 {format_dt(check.due)}",
                               f"跟进{s.division}的处置，{check.label}后在登记簿记录时间", field=check.field,
                               severity="warning"))
    if s.level in MAJOR and s.reported_at is None:
        out.append(finding("sentiment.report_missing", s.path, f"{head}属重大突发事件，没有记录向党组、市委市政府报告",
                           f"由{s.division}第一时间报告，并写 report: {{to: 党组, at: 报告时间}}", field="report",
                           severity="warning"))
    return out


def sentiment(site: Site) -> list[Finding]:
    records, out = load_sentiments(site)
    for s in records:
        out += data_findings(site, s) + clock_findings(site, s)
    return out
