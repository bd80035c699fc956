"""Every option of the zwgk plugin, declared once: name, type, default, Chinese doc.

The sections below are the single source for the parsers (:mod:`zwgk.core.config`,
:mod:`zwgk.core.clocks.settings`, :mod:`zwgk.core.scan.config`, :mod:`zwgk.core.guide`,
:mod:`zwgk.core.interpretation_scope`), for the frozen dataclasses they
fill, and for the published options reference (``docs/options.md``, written by
``scripts/options_doc.py`` and checked up to date by ``tests/test_options_doc.py``). A default
written anywhere else would drift from the page an office reads, so the dataclasses take theirs
from here.

:func:`unknown_key` is the one "unknown key, did you mean" finding every configuration
validator uses, so a typo reads the same wherever it is made; it suggests through
:mod:`zwgk.core.suggest`, which the data-file readers share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .findings import Finding, finding

# Re-exported: the suggestion itself lives in a module with no zwgk imports, for readers outside the options.
from .suggest import closest as closest
from .suggest import did_you_mean as did_you_mean


@dataclass(frozen=True)
class Option:
    """One option. ``minimum``/``maximum`` bound integers (``None``: unbounded)."""

    name: str
    type: type | tuple[type, ...]
    default: Any
    doc: str
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Section:
    """A group of options: the plugin's own (``key == ""``) or a nested mapping such as ``pages:``."""

    key: str
    title: str
    intro: str
    options: tuple[Option, ...]

    def __getitem__(self, name: str) -> Option:
        for opt in self.options:
            if opt.name == name:
                return opt
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        return any(opt.name == name for opt in self.options)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(opt.name for opt in self.options)

    @property
    def defaults(self) -> dict[str, Any]:
        """name -> default (a mapping, so dataclass fields can take their defaults from it)."""
        return {opt.name: opt.default for opt in self.options}


def unknown_key(key: object, known: Iterable[str], where: str, chain: str, message: str, *,
                rule: str = "config.unknown", fallback: str | None = None, cutoff: float = 0.6) -> Finding:
    """The finding for a key nobody declared: the closest known key, else the list of known keys."""
    names = list(known)
    hint = did_you_mean(key, names, fallback or "可用的设置：" + "、".join(names), cutoff)
    return finding(rule, where, message, hint, field=chain)


NONE = type(None)

PLUGIN = Section("", "插件设置", "写在 mkdocs.yml 的 `plugins: - zwgk:` 下。", (
    Option("org_code", str, "", "机构代码：索引号的前缀，例如统一社会信用代码中的组织机构代码（必填）"),
    Option("publisher", str, "", "默认发布机构名称，条目未填写 publisher 时使用（必填）"),
    Option("index_scheme", str, "{org_code}/{yyyy}-{nnnnn}", "索引号编制规则，可用 {org_code} {yyyy} {nnnnn}"),
    Option("columns_file", str, "governance/columns.yml", "栏目任务分解表（不发布）"),
    Option("reviews_dir", str, "governance/reviews", "信息发布审查表所在目录（不发布）"),
    Option("calendar_dir", str, "governance/calendar", "本单位补充的节假日安排（每年 11 月录入次年）"),
    Option("interpretations_dir", str, "interpretations", "政策解读（解读方案、解读材料、图解）所在目录"),
    Option("interpretation_column", str, "zcjd", "发布解读材料的栏目（政策解读）"),
    Option("timeliness_workdays", int, 5, "主动公开时限：信息形成或变更后多少个工作日内发布", 0),
    Option("urgent_workdays", int, 0, "重要紧急事项的时限（0 = 当日）", 0),
    Option("legal_workdays", int, 20, "《政府信息公开条例》第二十六条的法定上限（工作日）", 0),
    Option("timeliness_severity", str, "warning", "逾期发布的严重程度：warning（默认，照常发布）或 error（阻止构建）"),
    Option("today", (dt.date, str, NONE), None, "固定“今天”（测试与补建用，写成 YYYY-MM-DD）；也可用环境变量 ZWGK_TODAY"),
    Option("scan", dict, {}, "自动保密审查的设置（见下文 scan）"),
    Option("tujie", dict, {}, "图解与图片设置（见下文 tujie）"),
    Option("tujie_font", (str, NONE), None,
           "图解使用的中文字体文件（.ttf/.otf/.ttc，相对仓库根目录）；留空则自动查找系统字体"),
    Option("clocks", dict, {}, "意见征集、舆情回应、栏目更新等时钟的设置（见下文 clocks）"),
    Option("interpretation_scope", dict, {}, "需要政策解读的范围（见下文 interpretation_scope）"),
    Option("pages", dict, {}, "公开页面设置（见下文 pages）"),
    Option("guide", dict, {}, "政府信息公开指南的识别与法定主动公开内容清单（见下文 guide）"),
    Option("inspection_divisions", (list, NONE), None,
           "每月 29 日前向综合处报送督查情况的处室（默认见 zwgk.core.inspections）"),
    Option("review", dict, {}, "审查流程设置（见下文 review）"),
))

PAGES = Section("pages", "pages：公开页面", "栏目列表、首页、订阅与目录页面的条数，以及渲染方式。", (
    Option("page_size", int, 20, "栏目列表每页条数", 1, 500),
    Option("home_items", int, 10, "首页“最新信息”条数", 1, 100),
    Option("column_preview", int, 5, "栏目首页中每个子栏目显示的最新条数", 0, 50),
    Option("feed_items", int, 50, "每个订阅源（Atom）的条数", 1, 500),
    Option("catalogue_newest", int, 50, "目录页面不用脚本时显示的最新条数", 1, 1000),
    Option("catalogue_page_size", int, 100, "按年目录页面每页条数", 10, 2000),
    Option("workers", int, 0, "渲染进程数（0 = 自动：条目页面 300 个以上时每个处理器核心一个进程，最多 4 个；1 = 单进程）",
           0, 16),
    Option("search", bool, True, "站内搜索；关闭后不生成搜索索引、页头不显示搜索框"),
))

TUJIE = Section("tujie", "tujie：图解与图片", "内容中的图片超过这些上限时不能发布（先压缩或缩小）。", (
    Option("max_side", int, 2560, "图片最长边的像素上限", 1),
    Option("max_pixels", int, 4096 * 4096, "图片总像素（宽 × 高）上限", 1),
    Option("max_bytes", int, 2_000_000, "图片文件大小上限（字节）", 1),
))

CLOCKS = Section("clocks", "clocks：时钟", "意见征集、舆情回应、栏目更新与督查的时限（见 docs/clocks.md）。"
                 "另有 severity：把与时间有关的规则调整为 error、warning 或 off。", (
    Option("consultation_min_days", int, 30, "意见征集最短期限（自然日）", 1),
    Option("outcome_months", int, 1, "征集截止后多少个月内公布采纳情况", 1, 12),
    Option("response_hours", int, 48, "舆情回应时限（小时）", 1),
    Option("authoritative_hours", int, 5, "重大、特别重大突发事件发布权威信息时限（小时）", 1),
    Option("press_conference_hours", int, 24, "重大、特别重大突发事件举行新闻发布会时限（小时）", 1),
    Option("long_stale_factor", int, 2, "超过更新周期多少倍算“长期未更新”", 2),
    Option("veto_stale", int, 5, "未更新栏目达到多少个提示单项否决风险", 1),
    Option("veto_long_stale", int, 10, "长期未更新栏目达到多少个提示单项否决风险", 1),
    Option("veto_blank", int, 5, "空白栏目达到多少个提示单项否决风险", 1),
    Option("report_day", int, 29, "督查月报报送日（每月几号）", 1, 31),
    Option("notices_file", str, "governance/notices.yml", "通报登记表（不发布）"),
    Option("assessment_file", str, "governance/assessment.yml", "考核责任分解表（不发布）"),
    Option("severity", dict, {}, "规则: 级别（error、warning、off），只能调整与时间有关的规则"),
))

SCAN = Section("scan", "scan：自动保密审查", "外链域名、附件大小与错敏词（见 docs/scan.md）。", (
    Option("allowed_domains", list, ["gov.cn"], "允许链接的域名（在 gov.cn 之外追加）"),
    Option("errata_extra", list, [], "补充的错敏词，每项写成 {wrong: 错误写法, right: 正确写法, note: 说明}"),
    Option("max_attachment_bytes", int, 50 * 1024 * 1024, "附件大小上限（字节）", 1),
))

REVIEW = Section("review", "review：审查流程", "综合处如何审查（zwgk review、审查关口、CODEOWNERS）。", (
    Option("forbid_self_review", bool, True, "综合处不得审查本处审查人自己撰写的信息（审查人与作者不能是同一人）"),
    Option("general_office", str, "综合处", "负责审查与合并的处室；在 CODEOWNERS 中拥有 governance/、mkdocs.yml、plugins/、.github/"),
    Option("distinct_roles", list, ["经办人", "处室负责人", "保密审查人", "分管领导"],
           "信息发布审查表中必须由不同的人签署的角色；[] 关闭此检查"),
    Option("history_start", (dt.date, str, NONE), None,
           "此日之前的 Git 提交视为导入已有内容（写成 YYYY-MM-DD）；留空则整个历史都核对"),
))

GUIDE = Section("guide", "guide：政府信息公开指南", "哪一条信息是指南（条例第十二条），以及法定主动公开内容清单"
                "（条例第二十条）放在哪里。", (
    Option("genres", list, ["指南"], "体裁（genre）为其中之一的有效信息就是指南；paths 填写后不再按体裁识别"),
    Option("paths", list, [], "直接指定指南文件，例如 [content/zfxxgkzn/2026-001.md]"),
    Option("statutory_file", str, "governance/statutory.yml", "法定主动公开内容清单（不发布）"),
))

INTERPRETATION_SCOPE = Section(
    "interpretation_scope", "interpretation_scope：政策解读范围",
    "哪些信息必须有政策解读（《政策文件解读工作制度》二(二)）；起草处室另可在条目中写 interpretation: required。", (
        Option("kinds", list, ["policy"], "这些信息类型总是需要解读且不能豁免（规范性文件）"),
        Option("genres", list, ["规定", "制度", "办法"], "以本机关名义印发的这些文种也需要解读"),
        Option("doc_no_prefixes", list, [],
               "“以本机关名义印发”：文号以这些机关代字开头；留空则有文号且发布机构为 publisher 即算"),
    ))

SECTIONS: tuple[Section, ...] = (PLUGIN, PAGES, TUJIE, CLOCKS, SCAN, REVIEW, GUIDE, INTERPRETATION_SCOPE)
