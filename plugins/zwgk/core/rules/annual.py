"""The 年报 clock in ``zwgk check`` and the build (条例 第四十九条; see zwgk.core.clocks.annual).

Before the deadline it is an advisory to 综合处 (listed in ADVISORY_RULES: it never blocks); after
it, ``annual.report_late`` is a warning, which a ``--strict`` build reports as blocking. An office
that wants it advisory or an error sets ``clocks: {severity: {annual.report_late: …}}``.
"""

from __future__ import annotations

from ..clocks.annual import pending_report
from ..clocks.settings import emit, settings_for
from ..findings import Finding, finding
from ..model import Site


def annual_report_clock(site: Site) -> list[Finding]:
    clock = pending_report(site)
    if clock is None:
        return []
    col = clock.column
    where = f"{site.config.docs_dir}/{col.slug}" if col else site.config.columns_file
    name = f"“{col.name}”栏目" if col else "政府信息公开年报栏目"
    hint = (f"综合处用 zwgk report annual {clock.year} 生成年报（数据来自依申请公开登记簿和 governance/annual/{clock.year}.yml，"
            f"见 docs/annual.md），经审查后发布在{name}")
    if col is None:
        hint += f"；本站还没有年报栏目：在 {site.config.columns_file} 中增设栏目类别为“信息公开年报”的栏目"
    if not clock.late:
        return [finding("annual.report_due", where,
                        f"致综合处：{clock.year} 年政府信息公开工作年度报告尚未公开，应于 {clock.due_text} 前在{name}公开"
                        "（《政府信息公开条例》第四十九条）", hint, field="column", severity="warning")]
    late = (site.today - clock.due).days
    return emit(settings_for(site), finding(
        "annual.report_late", where,
        f"{clock.year} 年政府信息公开工作年度报告应于 {clock.due_text} 前公开，已逾期 {late} 天仍未在{name}公开"
        "（《政府信息公开条例》第四十九条）", hint, field="column", severity="warning"))
