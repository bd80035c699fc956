"""Monthly 督查: the 法定主动公开内容 list (zwgk.core.statutory) and the 指南 (zwgk.core.guide) as of the month.

Evaluated on the report's ``as_of`` view, so a past month shows what was missing or stale then.
"""

from __future__ import annotations

from ..guide import guide_items, guide_options
from ..model import Site
from ..statutory import evaluate, load_statutory
from .common import Entry, Metric

METRICS: tuple[Metric, ...] = (
    Metric("statutory_missing", "法定主动公开事项缺失", "项"),
    Metric("statutory_stale", "法定主动公开事项未及时更新", "项", "超期天数"),
)
OFFICE = ("综合处",)  # 条例第四条: the 政府信息公开工作机构 answers for the list and the 指南


def entries(view: Site) -> list[Entry]:
    out: list[Entry] = []
    rel = guide_options(view).statutory_file
    listed, _problems = load_statutory(view)  # problems are zwgk check's (statutory.invalid)
    if listed is None:
        out.append(Entry("statutory_missing", rel, "法定主动公开内容清单", OFFICE,
                         detail="尚未建立清单：列出适用本机关的条例第二十条事项及其公开位置（格式见 docs/clocks.md）"))
    if not guide_items(view):
        out.append(Entry("statutory_missing", rel, "政府信息公开指南", OFFICE,
                         detail="没有已公开且有效的政府信息公开指南（条例第十二条）"))
    for entry in listed or []:
        st = evaluate(view, entry)
        location = f"{entry.chain}（{entry.clause}）"
        if st.state == "missing":
            out.append(Entry("statutory_missing", rel, entry.name, OFFICE, detail=st.detail, location=location))
        elif st.state == "stale" and st.due is not None and st.newest is not None:
            owner = (st.newest.division,) if st.newest.division else OFFICE
            out.append(Entry("statutory_stale", st.newest.path, entry.name, owner, st.newest.column, st.newest.index_no, st.newest.published, st.detail,
                             float((view.today - st.due).days), location))
    return out
