"""The 政府信息公开指南 (条例第十二条): which item it is, and whether it says what the law requires.

条例第十二条: the 指南 contains 政府信息的分类、编排体系、获取方式, and the 政府信息公开工作机构's
名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式; the office's 指南 also tells the public
how to seek 监督和救济 (条例第五十一条: 投诉、举报, 行政复议, 行政诉讼). The contact details are
compared with the site identity in ``mkdocs.yml`` (``extra.gov``), so the 指南 and the footer cannot
give two different telephone numbers. Configured in the plugin options::

    plugins:
      - zwgk:
          guide:
            genres: [指南]                               # 体裁为“指南”的条目就是指南（默认）
            paths: [content/zfxxgkzn/2026-001.md]       # 或者直接指定文件
            statutory_file: governance/statutory.yml    # 法定主动公开内容清单（zwgk.core.statutory）

``extra.gov`` keys read here: ``gio`` (信息公开工作机构名称; default ``host``), ``address``,
``office_hours``, ``phone`` (default: the number in ``contact``), ``fax``, ``email``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .findings import Finding, finding
from .options import GUIDE, unknown_key

if TYPE_CHECKING:  # the model imports the configuration, which parses ``guide:`` here at load
    from .model import Item, Site

CHAIN = "plugins -> zwgk -> guide"
PHONE = re.compile(r"\d{3,4}-\d{7,8}")


@dataclass(frozen=True)
class GuideOptions:
    """``guide:``, declared (defaults, docs) in :data:`zwgk.core.options.GUIDE`."""

    genres: tuple[str, ...] = tuple(GUIDE.defaults["genres"])
    paths: tuple[str, ...] = tuple(GUIDE.defaults["paths"])
    statutory_file: str = GUIDE.defaults["statutory_file"]


_EXAMPLES = {"genres": "[指南]", "paths": "[content/zfxxgkzn/2026-001.md]",
             "statutory_file": "governance/statutory.yml"}


def parse_guide(raw: Mapping[str, Any] | None, where: str = "mkdocs.yml") -> tuple[GuideOptions, list[Finding]]:
    """The ``guide`` option key by key; a bad value is reported and its default kept."""
    problems: list[Finding] = []
    values: dict[str, Any] = {}
    for key, value in (raw or {}).items():
        chain = f"{CHAIN} -> {key}"
        if key not in GUIDE:
            problems.append(unknown_key(key, GUIDE.names, where, chain, f"指南设置中有未知的设置项 {key}",
                                        fallback="可用：" + "、".join(GUIDE.names)))
        elif key == "statutory_file":
            if not isinstance(value, str) or not value.strip():
                problems.append(finding("config.type", where, "guide 的 statutory_file 应为文件路径",
                                        f"例如 statutory_file: {_EXAMPLES[key]}", field=chain))
            else:
                values[key] = value.strip()
        elif not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(finding("config.type", where, f"指南设置 {key} 应为文字列表，而不是 {value!r}",
                                    f"例如 {key}: {_EXAMPLES[str(key)]}", field=chain))
        else:
            values[str(key)] = tuple(dict.fromkeys(v.strip() for v in value))
    return GuideOptions(**values), problems


def guide_options(site: Site) -> GuideOptions:
    """The site's options, parsed once at load (:class:`zwgk.core.config.SiteConfig`), which reports their problems."""
    return site.config.guide


def guide_items(site: Site, options: GuideOptions | None = None) -> list[Item]:
    """The current 指南 (public, 有效): by configured path, else by genre."""
    opts = options or guide_options(site)
    found = [i for i in site.public_items() if i.validity == "有效"
             and (i.path in opts.paths or (not opts.paths and i.genre in opts.genres))]
    return sorted(found, key=lambda i: i.path)


def normalise(text: str) -> str:
    """Full-width digits and dashes as ASCII, no spaces or Markdown emphasis: what a reader sees."""
    return re.sub(r"[\s*_`]", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Element:
    key: str  # extra.gov key holding the expected value ("" when only the topic is checked)
    label: str
    words: tuple[str, ...]  # any of these shows the topic is covered
    example: str


# 条例第十二条 in the order of the article, then 监督和救济.
ELEMENTS: tuple[Element, ...] = (
    Element("", "政府信息的分类", ("分类",), "## 一、政府信息的分类与编排体系"),
    Element("", "编排体系", ("编排体系",), "写明信息按栏目、主题分类和索引号编排"),
    Element("", "获取方式", ("获取方式",), "## 获取方式：本网站、查阅点、依申请公开"),
    Element("gio", "信息公开工作机构名称", ("工作机构", "受理机构"), "| 工作机构 | 示例市政务服务管理办公室综合处 |"),
    Element("address", "办公地址", ("办公地址",), "| 办公地址 | 示例市人民路 1 号 |"),
    Element("office_hours", "办公时间", ("办公时间",), "| 办公时间 | 工作日 9:00—12:00，13:30—17:00 |"),
    Element("phone", "联系电话", ("联系电话", "电话"), "| 联系电话 | （与 mkdocs.yml extra.gov.phone 相同） |"),
    Element("fax", "传真号码", ("传真",), "| 传真号码 | （与 mkdocs.yml extra.gov.fax 相同） |"),
    Element("email", "互联网联系方式（电子邮箱）", ("电子邮箱", "邮箱", "互联网联系方式"),
            "| 电子邮箱 | zwgk@example.gov.cn |"),
    Element("", "监督和救济渠道", ("行政复议", "行政诉讼", "投诉", "举报"),
            "## 监督和救济：可向……投诉、举报，也可依法申请行政复议或提起行政诉讼"),
)


def identity_value(gov: Mapping[str, Any], key: str) -> str:
    """The expected text for ``key`` from ``extra.gov`` ("" when the office has not set it)."""
    value = gov.get(key)
    if key == "gio" and not value:
        value = gov.get("host")
    if key == "phone" and not value:
        match = PHONE.search(unicodedata.normalize("NFKC", str(gov.get("contact") or "")))
        value = match.group(0) if match else ""
    return str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""


def check_guide(site: Site, item: Item) -> list[Finding]:
    """Each 第十二条 element the 指南 lacks, and each contact detail that differs from ``extra.gov``."""
    text = normalise(item.body)
    out: list[Finding] = []
    for el in ELEMENTS:
        expected = identity_value(site.gov, el.key) if el.key else ""
        if not any(w in text for w in el.words):
            register = f"，并在 mkdocs.yml 的 extra.gov.{el.key} 登记同一内容" if el.key and not expected else ""
            out.append(finding("guide.content", item.path, f"政府信息公开指南缺少{el.label}（条例第十二条）",
                               f"在正文中补充{el.label}，例如：{el.example}{register}",
                               field="正文", severity="warning"))
        elif expected and normalise(expected) not in text:
            out.append(finding("guide.identity", item.path,
                               f"指南中的{el.label}与网站标识（mkdocs.yml extra.gov.{el.key}：{expected}）不一致",
                               f"把指南中的{el.label}改为“{expected}”；如果是网站标识写错了，改正 mkdocs.yml",
                               field="正文", severity="warning"))
    return out
