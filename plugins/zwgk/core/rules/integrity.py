"""Integrity: 索引号, 文号 (GB/T 9704), column responsibility, attachments, links, validity."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections import defaultdict
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from ..findings import Finding, finding
from ..model import Item, Site
from ..schema import coerce_date
from ..suggest import closest

DOC_NO = re.compile(r"^[\u4e00-\u9fa5A-Za-z]+〔\d{4}〕[1-9]\d*号$")
_DOC_NO_LOOSE = re.compile(r"^([\u4e00-\u9fa5A-Za-z]+)\s*[〔\[（(【［]\s*(\d{4})\s*[〕\]）)】］]\s*第?\s*0*([1-9]\d*)\s*号$")
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def scheme_regex(scheme: str, org_code: str) -> re.Pattern[str]:
    """Turn ``{org_code}/{yyyy}-{nnnnn}`` into a regex; ``{nnn…}`` means that many digits."""
    out = ""
    for part in re.split(r"(\{[a-z_]+\})", scheme):
        if part == "{org_code}":
            out += re.escape(org_code)
        elif part == "{yyyy}":
            out += r"(?P<yyyy>\d{4})"
        elif re.fullmatch(r"\{n+\}", part):
            out += rf"(?P<n>\d{{{len(part) - 2}}})"
        else:
            out += re.escape(part)
    return re.compile(f"^{out}$")


def example_index(scheme: str, org_code: str, year: int, n: int) -> str:
    out = scheme.replace("{org_code}", org_code).replace("{yyyy}", str(year))
    return re.sub(r"\{(n+)\}", lambda m: str(n).zfill(len(m[1])), out)


def next_free_number(site: Site, year: int) -> int:
    rx = scheme_regex(site.config.index_scheme, site.config.org_code)
    used = [int(m["n"]) for i in site.items if (m := rx.match(i.index_no)) and m.groupdict().get("yyyy") in (None, str(year))]
    return max(used, default=0) + 1


def fix_doc_no(value: str) -> str | None:
    m = _DOC_NO_LOOSE.match(value.strip())
    return f"{m[1]}〔{m[2]}〕{m[3]}号" if m else None


def index_numbers(site: Site) -> list[Finding]:
    out: list[Finding] = []
    rx = scheme_regex(site.config.index_scheme, site.config.org_code)
    seen: dict[str, list[Item]] = defaultdict(list)
    for item in site.items:
        if not item.index_no:
            continue
        seen[item.index_no].append(item)
        m = rx.match(item.index_no)
        year = (item.formed or item.published or site.today).year
        if not m:
            example = example_index(site.config.index_scheme, site.config.org_code, year, next_free_number(site, year))
            out.append(finding("index.format", item.path, f"索引号 {item.index_no} 不符合编制规则 {site.config.index_scheme}",
                               f"改为 {example}（可用 zwgk new 自动取号）", field="index_no"))
        elif m.groupdict().get("yyyy") and item.formed and int(m["yyyy"]) not in {item.formed.year, year}:
            out.append(finding("index.year", item.path, f"索引号中的年份 {m['yyyy']} 与信息形成日期 {item.formed} 不一致",
                               f"年份应为 {item.formed.year}", field="index_no"))
    for index_no, items in seen.items():
        if len(items) > 1:
            others = "、".join(i.path for i in items)
            for item in items:
                year = (item.formed or site.today).year
                out.append(finding("index.duplicate", item.path, f"索引号 {index_no} 重复（{others}）",
                                   "每条信息的索引号必须唯一；新信息请改用 "
                                   + example_index(site.config.index_scheme, site.config.org_code, year,
                                                   next_free_number(site, year)), field="index_no"))
    return out


def doc_numbers(site: Site) -> list[Finding]:
    out: list[Finding] = []
    for item in site.items:
        if not item.doc_no or DOC_NO.match(item.doc_no):
            continue
        fix = fix_doc_no(item.doc_no)
        hint = (f"按 GB/T 9704 改为 {fix}（年份用六角括号〔〕，序号不加“第”、不编虚位）" if fix
                else "按 GB/T 9704 写成“机关代字〔年份〕序号号”，例如 示政务办发〔2026〕3号")
        out.append(finding("docno.format", item.path, f"文号 {item.doc_no} 格式不规范", hint, field="doc_no"))
    return out


def responsibility(site: Site) -> list[Finding]:
    out: list[Finding] = []
    for item in site.items:
        if not item.division:
            continue
        if item.division not in site.divisions:
            close = closest(item.division, site.divisions, cutoff=0.5)
            hint = f"是否应为 {close}？" if close else f"使用 {site.config.columns_file} 中登记的处室名称"
            out.append(finding("division.unknown", item.path, f"责任处室 {item.division} 未登记", hint, field="division"))
            continue
        col = site.columns.get(item.column)
        if col and item.division not in col.divisions:
            out.append(finding(
                "column.division", item.path,
                f"{item.division} 不负责栏目“{col.name}”（责任处室：{'、'.join(col.divisions)}）",
                f"请由{'、'.join(col.divisions)}发布，或把信息移到 {item.division} 负责的栏目；"
                f"如分工有变，请综合处修改 {site.config.columns_file}", field="division"))
    return out


def dates_and_validity(site: Site) -> list[Finding]:
    out: list[Finding] = []
    index = site.by_index()
    for item in site.items:
        if item.formed and item.published and item.published < item.formed:
            out.append(finding("dates.order", item.path, f"发布日期 {item.published} 早于信息形成日期 {item.formed}",
                               "核对两个日期：发布不能早于信息形成", field="published"))
        if item.signed and item.published and item.published < item.signed:
            out.append(finding("dates.order", item.path, f"发布日期 {item.published} 早于成文日期 {item.signed}",
                               "核对成文日期与发布日期", field="signed"))
        if item.validity == "已修订" and not item.superseded_by:
            out.append(finding("validity.successor", item.path, "有效性为“已修订”，但没有填写修订后文件的索引号",
                               "填写 superseded_by: 修订后文件的索引号", field="superseded_by"))
        if item.superseded_by:
            out.extend(_successor(site, item, index.get(item.superseded_by)))
    return out


def _withdrawal_date(item: Item) -> dt.date | None:
    raw = item.meta.get("withdrawn")
    return coerce_date(raw.get("date")) if isinstance(raw, Mapping) else None


def _successor(site: Site, item: Item, target: Item | None) -> list[Finding]:
    """``superseded_by`` names an item that exists and is public when the old one points to it.

    The old page shows "已修订" with a link to its successor from the day it is public (or, for a
    withdrawn item, from its withdrawal date): a draft or a later-scheduled successor would be a
    link to nothing, and reveals an unpublished item's number.
    """
    ref = item.superseded_by
    if target is None:
        return [finding("validity.successor", item.path, f"superseded_by 指向的索引号 {ref} 不存在",
                        "填写已发布的替代文件的索引号", field="superseded_by")]
    if target is item:
        return [finding("validity.successor", item.path, "superseded_by 指向本文件自己",
                        "填写替代本文件的新文件的索引号", field="superseded_by")]
    if item.draft:
        return []  # the old item is not public either: nothing links to the successor yet
    withdrawn = _withdrawal_date(item)
    needed = withdrawn or max(site.today, item.published or site.today)
    since = f"撤回日期 {withdrawn}" if withdrawn else f"{needed}（本文件公开期间）"
    if not target.will_publish or target.published is None:
        why = ("仍是草稿（draft: true）" if target.draft else f"公开属性为{target.disclosure}，不会发布"
               if target.withheld else "没有填写发布日期 published")
        return [finding("validity.successor", item.path,
                        f"superseded_by 指向的替代文件 {target.path} {why}，公众无法查看",
                        "待替代文件发布后再填写 superseded_by（同时修改 validity）；"
                        f"或先发布替代文件（published 不晚于 {needed}）", field="superseded_by")]
    if target.published > needed:
        return [finding("validity.successor", item.path,
                        f"superseded_by 指向的替代文件 {target.path} 定于 {target.published} 发布，"
                        f"晚于 {since}：在此之前本页将链接到未公开的信息",
                        f"把替代文件的 published 提前到 {needed} 或更早；或在替代文件发布当日再填写 superseded_by",
                        field="superseded_by")]
    return []


def attachments(site: Site) -> list[Finding]:
    out: list[Finding] = []
    docs_root = (site.root / site.config.docs_dir).resolve()
    for item in site.items:
        base_root = docs_root if not item.interpretation_id else (site.root / site.config.interpretations_dir).resolve()
        for i, att in enumerate(item.attachments):
            chain = f"attachments -> [{i}] -> file"
            try:
                inside = att.abs_path.resolve().is_relative_to(base_root)
            except OSError:
                inside = False
            if not inside:
                out.append(finding("attachment.outside", item.path, f"附件 {att.file} 不在内容目录中",
                                   "把附件放在条目旁边的文件夹里，路径写相对路径", field=chain))
            elif not att.abs_path.is_file():
                out.append(finding("attachment.missing", item.path, f"找不到附件 {att.file}",
                                   f"把文件放到 {att.rel_path}，或改正文件名（注意大小写和扩展名）", field=chain))
    return out


def iter_links(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, target) of Markdown links and images, outside fenced code."""
    out: list[tuple[int, str]] = []
    if "](" not in body:
        return out  # _LINK needs "](" within a line: most bodies have no link, and the line loop was 0.25 s at 10,000 items
    fenced = False
    for n, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        for m in _LINK.finditer(line):
            out.append((first_line + n, m[1]))
    return out


def links(site: Site) -> list[Finding]:
    """Relative links must reach a published file; MkDocs would only warn, and in English."""
    out: list[Finding] = []
    docs = site.root / site.config.docs_dir
    by_src = {i.src_uri: i for i in site.items}
    generated = {f"{site.config.interpretation_column}/{iid}/index.md" for iid in site.interpretations}
    generated |= {f"{slug}/index.md" for slug in site.columns}
    for item in site.items:
        base = posixpath.dirname(item.src_uri)
        for line, target in iter_links(item.body, item.body_line):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "/", "mailto:")) or not parts.path:
                continue
            resolved = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
            if resolved.startswith(".."):
                out.append(finding("link.broken", item.path, f"链接 {target} 指向内容目录之外", "只链接本站内容或完整网址",
                                   field="正文", line=line))
                continue
            target_item = by_src.get(resolved)
            if target_item is not None:
                if not target_item.is_public(site.today):
                    out.append(finding("link.unpublished", item.path, f"链接 {target} 指向尚未发布的信息（草稿或定时发布）",
                                       "待目标信息发布后再加链接，或删除该链接", field="正文", line=line))
                continue
            if resolved in generated or (docs / resolved).exists():
                continue
            if item.interpretation_id and (site.root / site.config.interpretations_dir / item.interpretation_id /
                                           unquote(parts.path)).exists():
                continue
            out.append(finding("link.broken", item.path, f"链接 {target} 的目标不存在",
                               "检查文件名和相对路径（../ 表示上一级栏目），链接到信息请写 ../栏目/文件名.md",
                               field="正文", line=line))
    return out
