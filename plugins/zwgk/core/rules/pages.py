"""Public pages: moved items (``redirect_from``), withdrawn items (``withdrawn``), URL collisions.

The MkDocs adapter writes a redirect page for every old path and a notice page for every withdrawn
item; these rules make sure those pages can be written unambiguously before anything is built.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..findings import Finding, finding
from ..inventory import published_files
from ..model import Item, Site
from ..schema import coerce_date
from .integrity import scheme_regex

# Top-level paths the site generates itself (catalogue, feeds, search bundle, theme assets).
GENERATED_ROOTS = ("catalogue", "feeds", "search", "assets", "sitemap")
#: Files MkDocs itself writes at the top of every site (the output gate expects them; a redirect
#: written there would be overwritten, or fail the build half-way: "sitemap.xml/index.html").
MKDOCS_OUTPUTS = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz"})
WITHDRAWN_KEYS = {"date": "撤回日期", "reason": "撤回原因", "replacement": "现行版本（索引号或网址）"}
SITE_ID_CODE = re.compile(r"^(bm\d{8}|\d{10})$")
_PAGINATION = re.compile(r"^[^/]+(/[^/]+)*/page/\d+/$")
WITHDRAWN_EXAMPLE = "withdrawn: {date: 2026-05-01, reason: 已被新文件替代, replacement: 新文件的索引号}"


def normalize_path(value: str) -> str | None:
    """An old page path → the directory URL it had (``zcwj/old.md`` → ``zcwj/old/``); None if unusable."""
    path = value.strip().lstrip("/")
    if not path or "://" in path or path.startswith(("#", "?", "mailto:")) or "\\" in path:
        return None
    for suffix in ("index.html", "index.md", ".html", ".md"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    parts = [p for p in path.split("/") if p]
    if not parts or any(p in (".", "..") for p in parts) or any(c in path for c in '<>"\'`'):
        return None
    return "/".join(parts) + "/"


# File suffixes of the page addresses that government CMSs (TRS, 大汉 JCMS, ASP.NET, PHP, Java sites)
# publish, e.g. .../art/2018/2/28/art_46355_1634538.html or News_showGkmlNews.action. An old address
# ending in one of these was a file, and only that exact file answers it after migration.
LEGACY_SUFFIXES = (".html", ".htm", ".shtml", ".shtm", ".xhtml", ".jsp", ".jspx", ".do", ".action",
                   ".aspx", ".asp", ".php", ".cgi")


def redirect_file(value: str) -> str | None:
    """The file a ``redirect_from`` address is written as: the exact file for a legacy page address
    (``old/site/page.html``), ``<directory>/index.html`` otherwise (``zcwj/old-name/``, ``x.md``);
    None if the address is unusable (see :func:`normalize_path`)."""
    url = normalize_path(value)
    if url is None:
        return None
    path = value.strip().lstrip("/")
    name = path.rsplit("/", 1)[-1]
    if name.lower().endswith(LEGACY_SUFFIXES) and name.lower() != "index.html":
        return path
    return url + "index.html"


def redirect_paths(item: Item) -> list[str]:
    """The files of an item's ``redirect_from`` addresses (see :func:`redirect_file`)."""
    raw = item.meta.get("redirect_from")
    if not isinstance(raw, list):
        return []
    return [p for v in raw if isinstance(v, str) and (p := redirect_file(v))]


def withdrawal(item: Item) -> Mapping[str, Any] | None:
    value = item.meta.get("withdrawn")
    return value if isinstance(value, Mapping) else None


def _reserved(url: str, site: Site) -> str | None:
    """Why ``url`` belongs to a generated page, or None."""
    top = url.split("/", 1)[0]
    if url in ("", "/"):
        return "首页"
    if top in GENERATED_ROOTS:
        return f"自动生成的 {top}/ 页面"
    if url.rstrip("/") in site.columns:
        return f"栏目“{site.columns[url.rstrip('/')].name}”的首页"
    if _PAGINATION.match(url) and url.split("/", 1)[0] in site.columns:
        return "栏目列表的分页页面"
    return None


def redirects(site: Site) -> list[Finding]:
    out: list[Finding] = []
    owners: dict[str, str] = {}  # url -> path of the item that has it (its own page or a redirect)
    for item in site.items:
        owners.setdefault(item.url, item.path)
        why = _reserved(item.url, site)
        if why and item.interpretation_id is None:
            out.append(finding("pages.collision", item.path, f"信息页面网址 {item.url} 与{why}冲突",
                               "改用其他文件名（例如按年份和序号命名）", field="url"))
    for page in site.pages:
        rel = page.removeprefix(site.config.docs_dir + "/")
        stem = rel[:-3] if rel.endswith(".md") else rel
        url = "" if stem == "index" else (stem[:-5] if stem.endswith("/index") else stem + "/")
        owners.setdefault(url, page)
        if url.split("/", 1)[0] in GENERATED_ROOTS:
            out.append(finding("pages.collision", page, f"页面网址 {url} 与自动生成的 {url.split('/', 1)[0]}/ 页面冲突",
                               "把文件移到其他文件夹", field="url"))
    files: set[str] | None = None
    for item in site.items:
        raw = item.meta.get("redirect_from")
        if raw is None:
            continue
        if not isinstance(raw, list):
            continue  # the schema already reports the wrong type
        if files is None:
            files = _published_files(site)  # only when some item has redirects
        for i, value in enumerate(raw):
            chain = f"redirect_from -> [{i}]"
            old = normalize_path(value) if isinstance(value, str) else None
            if old is None:
                out.append(finding("pages.redirect", item.path, f"原网址 {value!r} 不是本站的页面路径",
                                   "写迁移前的相对路径，例如 redirect_from: [zcwj/old-name/]（不写域名，不用 ..）",
                                   field=chain))
                continue
            if old == item.url:
                out.append(finding("pages.redirect", item.path, f"原网址 {old} 就是本页现在的网址",
                                   "删除这一项", field=chain))
                continue
            why = _reserved(old, site)
            if why:
                out.append(finding("pages.redirect", item.path, f"原网址 {old} 与{why}冲突",
                                   "删除这一项：该网址已由网站自动生成的页面使用", field=chain))
                continue
            owner = owners.get(old)
            if owner is not None:
                out.append(finding("pages.redirect", item.path, f"原网址 {old} 已被 {owner} 使用",
                                   "同一网址只能对应一个页面：删除重复的 redirect_from，或改正路径", field=chain))
                continue
            taken = _file_taken(redirect_file(value), files)
            if taken:
                out.append(finding("pages.redirect", item.path, f"原网址 {value.strip()} 要写成的文件与网站发布的“{taken}”冲突",
                                   "删除这一项：该地址已是网站的文件（站点地图、404 页面或某条信息的附件）", field=chain))
                continue
            owners[old] = item.path
    return out


def _published_files(site: Site) -> set[str]:
    """Site paths of files the build writes besides pages: MkDocs' own, and every attachment and
    image an item publishes (interpretation materials publish theirs beside the material's page)."""
    out = set(MKDOCS_OUTPUTS)
    for item in site.items:
        out.update(published_files(site, item))
    return out


def _file_taken(path: str | None, files: set[str]) -> str | None:
    """The published file ``path`` would overwrite, or that stands where one of its folders must be."""
    if path is None:
        return None
    if path in files:
        return path
    parts = path.split("/")
    return next((p for k in range(1, len(parts)) if (p := "/".join(parts[:k])) in files), None)


def withdrawals(site: Site) -> list[Finding]:
    out: list[Finding] = []
    by_index: dict[str, Item] | None = None
    urls: set[str] = set()
    for item in site.items:
        w = item.meta.get("withdrawn")
        if w is None or not isinstance(w, Mapping):
            continue  # absent, or reported by the schema as the wrong type
        for key in sorted(set(map(str, w)) - set(WITHDRAWN_KEYS)):
            out.append(finding("pages.withdrawn", item.path, f"撤回说明中有未知字段 {key}",
                               "只可填写 " + "、".join(f"{k}（{v}）" for k, v in WITHDRAWN_KEYS.items()),
                               field=f"withdrawn -> {key}"))
        when = coerce_date(w.get("date"))
        if when is None:
            out.append(finding("pages.withdrawn", item.path, "撤回说明缺少有效的撤回日期 date",
                               f"写成 YYYY-MM-DD，例如 {WITHDRAWN_EXAMPLE}", field="withdrawn -> date"))
        elif item.published and when < item.published:
            out.append(finding("pages.withdrawn", item.path, f"撤回日期 {when} 早于发布日期 {item.published}",
                               "核对撤回日期", field="withdrawn -> date"))
        if not isinstance(w.get("reason"), str) or not w["reason"].strip():
            out.append(finding("pages.withdrawn", item.path, "撤回说明缺少撤回原因 reason",
                               "用一句话向公众说明撤回原因，例如 reason: 已被新文件替代", field="withdrawn -> reason"))
        repl = w.get("replacement")
        if repl in (None, ""):
            continue
        if not isinstance(repl, str):
            out.append(finding("pages.withdrawn", item.path, "现行版本 replacement 应为索引号或网址",
                               WITHDRAWN_EXAMPLE, field="withdrawn -> replacement"))
            continue
        if repl.startswith(("http://", "https://")):
            continue
        repl = repl.strip()
        if by_index is None:
            by_index = site.by_index()
            urls = {i.url for i in site.items if i.is_public(site.today)}
        target = by_index.get(repl)
        if target is None:
            looks_like_index = scheme_regex(site.config.index_scheme, site.config.org_code).match(repl)
            if looks_like_index or normalize_path(repl) not in urls:
                out.append(finding("pages.withdrawn", item.path, f"现行版本 {repl} 不是已发布信息的索引号或本站页面",
                                   "填写替代信息的索引号、本站页面路径（如 zcwj/2026-009/），或以 https:// 开头的完整网址",
                                   field="withdrawn -> replacement"))
            continue
        if target is item:
            out.append(finding("pages.withdrawn", item.path, "现行版本不能是被撤回的信息本身",
                               "填写替代信息的索引号", field="withdrawn -> replacement"))
        elif not target.is_public(site.today) or target.meta.get("withdrawn"):
            out.append(finding("pages.withdrawn", item.path, f"现行版本 {repl} 尚未发布或也已撤回",
                               "填写已公开的现行版本的索引号", field="withdrawn -> replacement"))
    return out


def gov_identity_findings(extra: Mapping[str, Any], where: str = "mkdocs.yml") -> list[Finding]:
    """``extra.gov`` in mkdocs.yml: the site identity shown in meta tags and the footer.

    Unset values are allowed (the tag or footer line is omitted); a set 网站标识码 must be well formed.
    """
    gov = extra.get("gov")
    if gov is None:
        return []
    if not isinstance(gov, Mapping):
        return [finding("config.gov", where, "extra.gov 应为映射（site_name、site_id_code 等）",
                        "参考仓库自带 mkdocs.yml 的 extra.gov", field="extra -> gov")]
    out: list[Finding] = []
    for key, value in gov.items():
        if value is not None and not isinstance(value, str | int):
            out.append(finding("config.gov", where, f"extra.gov.{key} 应为文字", "用引号括起来写成一行文字",
                               field=f"extra -> gov -> {key}"))
    code = gov.get("site_id_code")
    if code not in (None, "") and not SITE_ID_CODE.match(str(code)):
        out.append(finding("config.gov", where, f"网站标识码 site_id_code {code!r} 格式不正确",
                           "网站标识码为 10 位数字（如 \"4599000001\"），部门网站为 bm 加 8 位数字（如 \"bm45000001\"）；"
                           "请按全国政府网站信息报送系统中的标识码填写，并用引号括起来",
                           field="extra -> gov -> site_id_code"))
    return out


def withdrawn_on(item: Item) -> dt.date | None:
    w = withdrawal(item)
    return coerce_date(w.get("date")) if w else None
