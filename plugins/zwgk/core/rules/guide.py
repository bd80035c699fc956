"""指南 (条例第十二条) and 法定主动公开内容 (条例第二十条) rules.

The 指南's missing elements and contact details that differ from ``extra.gov`` are warnings on a
published page (they fail a ``--strict`` build: the public would read a wrong telephone number).
A listed Art. 20 item that is missing, stale or incomplete is advisory for 综合处: the fix is to
publish more, never to stop publishing (``ADVISORY_RULES``); the monthly 督查 lists them.
"""

from __future__ import annotations

from ..findings import Finding, finding
from ..guide import check_guide, guide_items, guide_options
from ..model import Site
from ..statutory import evaluate, load_statutory

DIVISION = "综合处"  # 条例第四条: the 政府信息公开工作机构 keeps the list; the monthly 督查 is its job


def guide(site: Site) -> list[Finding]:
    return [f for item in guide_items(site) for f in check_guide(site, item)]


def statutory(site: Site) -> list[Finding]:
    entries, out = load_statutory(site)
    rel = guide_options(site).statutory_file
    for entry in entries or []:
        st = evaluate(site, entry)
        where = f"{entry.chain} -> where"
        if st.state == "missing":
            out.append(finding("statutory.missing", rel, f"{DIVISION}：法定主动公开事项“{entry.name}”（{entry.clause}）"
                                                              f"没有已公开的信息：{st.detail}",
                               f"在 {entry.where} 发布该信息；如公开位置已改变，修改清单的 where", field=where,
                               severity="warning"))
        elif st.state == "stale":
            out.append(finding("statutory.stale", rel, f"{DIVISION}：法定主动公开事项“{entry.name}”（{entry.clause}）"
                                                            f"未及时更新：{st.detail}",
                               "由负责处室核实并发布更新后的信息（内容未变也应重新核对后更新日期）",
                               field=f"{entry.chain} -> max_age", severity="warning"))
        if st.lacking:
            assert st.newest is not None
            out.append(finding("statutory.incomplete", st.newest.path,
                               f"法定主动公开事项“{entry.name}”（{entry.clause}）未写明：{'、'.join(st.lacking)}",
                               f"在正文中补充{'、'.join(st.lacking)}（清单 {rel} 的 {entry.chain} -> mentions 要求）",
                               field="正文", severity="warning"))
    return out
