"""公开属性: every item's 主动公开 / 依申请公开 / 不予公开, decided by the drafting division.

国办发〔2016〕80号 has the drafting division decide the 公开属性 while drafting, and 条例第十三至十六条
say what may be withheld and why. ``disclosure`` defaults to 主动公开 (``zwgk new`` writes it out);
the other two values keep the item out of the site (:attr:`zwgk.core.model.Item.will_publish`, the
one place that decides it) and need ``reason`` naming the legal basis, so the decision can be
checked by 综合处 and counted in the monthly report (zwgk.core.reports.disclosure).
"""

from __future__ import annotations

import re

from ..findings import Finding, finding
from ..model import Item, Site
from ..schema import WITHHELD

# An article reference: 第十六条, 第16条, 第十六条第二款. Chinese or Arabic numerals.
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇两\d]+条")
# 不予公开 rests on 条例第十四条（国家秘密、三安全一稳定）、第十五条（商业秘密、个人隐私）、第十六条
# （内部事务、过程性、行政执法案卷）, or on another law named in 《》 (e.g. 《保守国家秘密法》).
WITHHOLD_ARTICLE = re.compile(r"第(?:十[四五六]|1[456])条|《[^》]+》第")
MIN_REASON = 6  # characters: "第十六条" alone says which article, not why it applies

EXAMPLES = {
    "依申请公开": "reason: 不属于条例第二十条规定的主动公开范围，公众可依条例第二十七条申请获取",
    "不予公开": "reason: 条例第十六条第二款：讨论记录属于过程性信息",
}


def check_item(item: Item) -> list[Finding]:
    """The 公开属性 of one item: a withheld item names its legal basis; published is not set on it."""
    out: list[Finding] = []
    reason = item.meta.get("reason")
    text = str(reason).strip() if isinstance(reason, str | int | float) and not isinstance(reason, bool) else ""
    if item.disclosure in WITHHELD:
        what = item.disclosure
        if not text:
            out.append(finding("disclosure.reason_missing", item.path,
                               f"公开属性为{what}，但没有填写理由 reason（法定依据）",
                               f"写明依据条例哪一条，例如 {EXAMPLES[what]}；应当主动公开的改为 disclosure: 主动公开",
                               field="reason"))
        elif len(text) < MIN_REASON or not ARTICLE.search(text):
            out.append(finding("disclosure.reason_citation", item.path,
                               f"公开属性为{what}，但理由“{text[:40]}”没有写明法定依据（第几条）和适用情形",
                               f"例如 {EXAMPLES[what]}", field="reason"))
        elif what == "不予公开" and not WITHHOLD_ARTICLE.search(text):
            out.append(finding("disclosure.reason_citation", item.path,
                               f"不予公开的理由“{text[:40]}”没有引用条例第十四、十五或十六条（或其他法律的具体条款）",
                               f"不予公开只能依据条例第十四至十六条或其他法律法规，例如 {EXAMPLES['不予公开']}；"
                               "不属于这些情形的，应改为 主动公开 或 依申请公开", field="reason"))
        if item.published is not None:
            out.append(finding("disclosure.published", item.path,
                               f"公开属性为{what}的信息不会在网站发布，但填写了发布日期 published: {item.published}",
                               "删除 published；确需在网站发布的，改为 disclosure: 主动公开 并重新审查",
                               field="published", severity="warning"))
    elif text and item.meta.get("interpretation") != "not_required":
        out.append(finding("disclosure.reason_unused", item.path,
                           "填写了理由 reason，但本条信息为主动公开，也没有写 interpretation: not_required，理由不会被使用",
                           "删除 reason；如果是不主动公开，写 disclosure: 依申请公开 或 不予公开",
                           field="reason", severity="warning"))
    return out


def disclosure(site: Site) -> list[Finding]:
    out: list[Finding] = []
    for item in site.items:
        if not item.draft:
            out.extend(check_item(item))
    return out
