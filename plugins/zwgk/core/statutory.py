"""法定主动公开内容 (条例第二十条): which items apply to the office, where they are published, how fresh.

The office lists them in ``governance/statutory.yml`` (never published; path configurable with
``guide: {statutory_file: …}``)::

    items:
      - clause: 第二十条第（二）项
        name: 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名
        where: content/jgzn/2026-005.md   # an item file, or a column slug such as zcwj
        match: 预算                       # optional, with a column: only items whose title contains it
        max_age: 1年                      # optional: must be updated within this period
        mentions: [负责人, 办公地址]        # optional: words the published text must contain
      - clause: 第二十条第（六）项
        name: 行政处罚、行政强制
        applies: false
        reason: 本办不实施行政处罚和行政强制（职责见“机构职能”）

A column is present when it (or a sub-column) has a public item; its age is that of its newest one.
A listed item not public, or older than ``max_age`` (calendar arithmetic, as column staleness), is
reported to 综合处 as advisory warnings and listed in the monthly 督查. A list that does not exist
is not an error (a new site has none yet): the monthly report says it is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .clocks.months import Period, add_period, period_label
from .columns import parse_period
from .findings import Finding, finding
from .guide import guide_options, normalise
from .model import Item, Site
from .suggest import did_you_mean
from .yamlio import load_yaml_file

RULE = "statutory.invalid"
KEYS = ("clause", "name", "where", "match", "max_age", "mentions", "applies", "reason")
MIN_REASON = 6  # characters: a reason 综合处 can check, not "不适用"


@dataclass(frozen=True)
class Entry:
    index: int
    clause: str
    name: str
    where: str  # "" when not applicable
    max_age: Period | None = None
    mentions: tuple[str, ...] = ()
    applies: bool = True
    reason: str = ""
    match: str = ""

    @property
    def chain(self) -> str:
        return f"items -> [{self.index}]"


@dataclass(frozen=True)
class State:
    entry: Entry
    state: str  # ok | missing | stale | incomplete | not_applicable
    newest: Item | None
    due: dt.date | None  # last day the item is still current (max_age)
    detail: str
    lacking: tuple[str, ...] = ()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def read_entries(site: Site, rel: str, data: Any) -> tuple[list[Entry], list[Finding]]:
    """Validate the list; a bad entry is reported (with its chain) and left out, never guessed."""
    def bad(where: str, message: str, hint: str) -> None:
        problems.append(finding(RULE, rel, message, hint, field=where))

    problems: list[Finding] = []
    raw = data.get("items") if isinstance(data, Mapping) else None
    if not isinstance(raw, list):
        bad("items", "法定主动公开内容清单应有 items 列表",
            "写成 items: 下每项一行“- clause: …, name: …, where: …”，见 docs/clocks.md")
        return [], problems
    out: list[Entry] = []
    for i, m in enumerate(raw):
        chain = f"items -> [{i}]"
        if not isinstance(m, Mapping):
            bad(chain, f"第 {i + 1} 项应写成映射", "写成 {clause: 第二十条第（一）项, name: 规范性文件, where: zcwj}")
            continue
        for key in sorted(str(k) for k in m if k not in KEYS):
            bad(f"{chain} -> {key}", f"第 {i + 1} 项有未知字段 {key}", did_you_mean(key, KEYS, "可用字段：" + "、".join(KEYS)))
        name, clause, where = _text(m.get("name")), _text(m.get("clause")), _text(m.get("where"))
        applies = m.get("applies", True)
        ok = True
        if not name:
            bad(f"{chain} -> name", f"第 {i + 1} 项缺少 name（事项名称）", "例如 name: 规范性文件")
            ok = False
        if not clause:
            bad(f"{chain} -> clause", f"第 {i + 1} 项缺少 clause（条例条款）", "例如 clause: 第二十条第（一）项")
            ok = False
        if not isinstance(applies, bool):
            bad(f"{chain} -> applies", f"第 {i + 1} 项的 applies 应为 true 或 false", "不适用本机关的写 applies: false 并写明 reason")
            ok = False
        elif not applies:
            reason = _text(m.get("reason"))
            if len(reason) < MIN_REASON:
                bad(f"{chain} -> reason", f"第 {i + 1} 项（{name}）不适用本机关，但没有写明理由",
                    "写明为什么本机关没有这类信息，例如 reason: 本办不实施行政处罚和行政强制")
                ok = False
            if ok:
                out.append(Entry(i, clause, name, "", applies=False, reason=reason))
            continue
        if not where:
            bad(f"{chain} -> where", f"第 {i + 1} 项（{name}）缺少 where（公开位置）",
                "写栏目文件夹名（例如 where: zcwj）或条目文件（例如 where: content/jgzn/2026-005.md）")
            ok = False
        elif where.endswith(".md") and not (site.root / where).is_file():
            bad(f"{chain} -> where", f"第 {i + 1} 项的公开位置 {where} 不存在",
                "核对文件路径（从仓库根目录写起），或改写为栏目文件夹名")
            ok = False
        elif not where.endswith(".md") and where not in site.columns:
            bad(f"{chain} -> where", f"第 {i + 1} 项的栏目 {where} 不在栏目任务分解表中",
                did_you_mean(where, site.columns, "写栏目文件夹名，或条目文件路径"))
            ok = False
        period = parse_period(m.get("max_age"))
        if isinstance(period, str):
            bad(f"{chain} -> max_age", f"第 {i + 1} 项的 max_age：{period}", "写成 2周、6个月、1年；不要求定期更新的删去此项")
            ok = False
        mentions = m.get("mentions", [])
        if not isinstance(mentions, list) or not all(isinstance(w, str) and w.strip() for w in mentions):
            bad(f"{chain} -> mentions", f"第 {i + 1} 项的 mentions 应为文字列表", "例如 mentions: [负责人, 办公地址]")
            ok = False
        if ok:
            assert not isinstance(period, str)
            out.append(Entry(i, clause, name, where, period, tuple(w.strip() for w in mentions),
                             match=_text(m.get("match"))))
    return out, problems


def load_statutory(site: Site) -> tuple[list[Entry] | None, list[Finding]]:
    """The office's list (None when the file does not exist) and every problem in it."""
    rel = guide_options(site).statutory_file
    path = site.root / rel
    if not path.is_file():
        return None, []
    data, problems = load_yaml_file(path, rel, rule=RULE)
    if problems:
        return [], problems
    entries, found = read_entries(site, rel, data)
    return entries, found


def _published_in(site: Site, entry: Entry) -> list[Item]:
    if entry.where.endswith(".md"):
        return [i for i in site.public_items() if i.path == entry.where]
    slugs = {entry.where} | {c.slug for c in site.columns.values() if c.parent == entry.where}
    return [i for i in site.public_items() if i.column in slugs and entry.match in i.title]


def evaluate(site: Site, entry: Entry) -> State:
    """The entry's state as of ``site.today``."""
    if not entry.applies:
        return State(entry, "not_applicable", None, None, f"不适用：{entry.reason}")
    items = _published_in(site, entry)
    if not items:
        what = f"标题含“{entry.match}”的" if entry.match else ""
        return State(entry, "missing", None, None, f"{entry.where} 没有{what}已公开的信息")
    newest = max(items, key=lambda i: (i.published or dt.date.min, i.path))
    assert newest.published is not None  # public items have a publication date
    due = add_period(newest.published, entry.max_age) if entry.max_age else None
    lacking = tuple(w for w in entry.mentions if normalise(w) not in normalise(newest.body))
    if due is not None and site.today > due:
        return State(entry, "stale", newest, due,
                     f"最近更新 {newest.published}（{newest.path}），应每 {period_label(entry.max_age)} 更新，"
                     f"{due} 后已过期 {(site.today - due).days} 天", lacking)
    if lacking:
        return State(entry, "incomplete", newest, due, f"{newest.path} 未写明：{'、'.join(lacking)}", lacking)
    return State(entry, "ok", newest, due, f"最近更新 {newest.published}（{newest.path}）")
