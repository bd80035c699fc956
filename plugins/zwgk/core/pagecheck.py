"""What the public reads, checked as it is published: one module for ``zwgk check`` and the build.

- :func:`check_body` — the HTML of a page body (MkDocs' own output in the build, the same Markdown
  rendered with the site's configuration in ``zwgk check``): active content, links leaving the
  allowed domains, what the sanitizer would remove, and personal data / secrecy marks in the text a
  browser shows (entities decoded, markup removed).
- :func:`check_page` — a finished page (theme, templates and content together), in the build; it
  also returns the page's readable text for the build's scan of new lines.
- :func:`meta_findings` — the parsed front-matter values (YAML escapes such as ``"\\x3c"`` or
  ``"\\u0031"`` are decoded by then), with the field they came from.

Findings point at the source file: the line where the offending value stands in it when it can be
found there, the body's first line otherwise; never the full value (masked, with a fingerprint for
a reviewed exception).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from .cachestore import repo_folder
from .findings import Finding, finding
from .htmlcheck import (
    CHECKER_VERSION,
    EXTERNAL,
    UNSAFE,
    HtmlPolicy,
    Violation,
    check_html,
    check_tree,
    parse,
    visible_text,
)
from .model import Item, Site
from .sanitize import clean
from .scan.cache import SCANNER_VERSION
from .scan.config import ScanConfig
from .scan.detectors import detect_text
from .scan.fingerprint import exception_hint, fingerprint
from .yamlio import ParseCache

CLEANED = "html.cleaned"
_UNSAFE_HINT = (
    "政务公开页面不得含有脚本、事件属性、javascript: 等可执行内容，也不得嵌入其他网页或表单。请删除该 HTML，"
    "正文用 Markdown 书写；确需展示代码时放入代码块（```）中"
)
_EXTERNAL_HINT = "政务公开页面只应链接本站和允许的政府网站：请改用允许域名上的对应页面，或由管理员在 zwgk 配置 scan.allowed_domains 中加入该域名"


@dataclass(frozen=True)
class Source:
    """The file a page was made from, as the loader read it."""

    path: str  # repo-relative
    text: str  # the whole file (front matter included), for line numbers
    body_line: int = 1
    meta: Mapping[str, Any] | None = None

    @classmethod
    def of(cls, site: Site, item: Item) -> Source:
        return cls(item.path, site.sources.get(item.path, ""), item.body_line, item.meta)


def _line_of(source: Source, needle: str) -> int | None:
    """1-based line of ``needle`` in the source, searching the body first."""
    if not needle or not source.text:
        return None
    lines = source.text.split("\n")
    head = "\n".join(lines[: source.body_line - 1])
    pos = source.text.find(needle, len(head))
    if pos == -1:
        pos = source.text.find(needle)
    return source.text.count("\n", 0, pos) + 1 if pos != -1 else None


def _field_of(meta: Mapping[str, Any] | None, needle: str) -> str | None:
    """The front-matter field whose (parsed) value contains ``needle``: templates print these."""
    if not meta or not needle:
        return None
    for key, value in meta.items():
        for text in _strings(value):
            if needle in text:
                return str(key)
    return None


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def violation_finding(v: Violation, source: Source, where: str) -> Finding:
    """``where``: 正文 (the body) or 页面 (the finished page)."""
    rule = EXTERNAL if v.rule == EXTERNAL else UNSAFE
    key = v.what if rule == UNSAFE else v.what.split("（")[0]
    fp = fingerprint(rule, key)
    field = _field_of(source.meta, v.value) if v.value else None
    line = None if field else _line_of(source, v.value)
    if rule == EXTERNAL:
        message, hint = f"{where}中的链接{v.what}", _EXTERNAL_HINT
        when = "如仅本条目确需保留该链接"
    else:
        message, hint = f"{where}含有不允许公开的 HTML（{v.what}）", _UNSAFE_HINT
        when = "如确需保留并已经安全评估"
    if field:
        hint = f"该内容来自信息字段 {field}：请改为纯文字。{hint}"
    return finding(rule, source.path, message, f"{hint}；{exception_hint(rule, fp, when)}", field=field,
                   line=line or (source.body_line if where == "正文" else None))


def _digits_pattern(raw: str) -> re.Pattern[str] | None:
    digits = re.sub(r"[^0-9Xx]", "", raw)
    if len(digits) < 4:
        return None
    return re.compile(r"[^0-9\n]{0,12}".join(re.escape(c) for c in digits))


def text_findings(text: str, source: Source, config: ScanConfig, where: str, *, errata: bool = True) -> list[Finding]:
    """Personal data, secrecy marks and (``errata``) 错敏词 in text the public reads, placed in the source."""
    hits = detect_text(text, config, errata=errata)
    out: list[Finding] = []
    for hit in hits:
        raw = text[hit.start:hit.end]
        line = _line_of(source, raw)
        if line is None:
            pattern = _digits_pattern(raw)
            m = pattern.search(source.text) if pattern else None
            line = source.text.count("\n", 0, m.start()) + 1 if m else None
        field = _field_of(source.meta, raw)
        label = f"{where}（字段 {field}）" if field else where
        out.append(finding(hit.rule, source.path, f"{label}：{hit.message}", hit.hint, field=field,
                           line=line or source.body_line))
    return out


def check_body(html: str, source: Source, base: str, policy: HtmlPolicy, config: ScanConfig) -> tuple[str, list[Finding]]:
    """(HTML to publish, findings) for one page body. The published HTML is the sanitizer's output."""
    found = [violation_finding(v, source, "正文") for v in check_html(html, base, policy, content=True)]
    cleaned, removed = clean(html)
    reported = " ".join(f.message for f in found)
    leftover = [r for r in removed if r.strip("<>").split()[-1] not in reported]
    if leftover:
        found.append(finding(CLEANED, source.path, f"正文中的 HTML 将在发布时被清理：{'、'.join(leftover[:5])}",
                             "这些标签或属性不能出现在政务公开页面上，读者看不到它们。请从正文中删除，或改用 Markdown 写法",
                             severity="warning", line=source.body_line))
    # A browser shows any run of white space (newlines included) as one space, so a number broken over
    # source lines or paragraphs (Python-Markdown closes a paragraph at an unbalanced comment) still
    # reads as one number: detect on the text as displayed.
    found += text_findings(" ".join(visible_text(parse(cleaned)).split()), source, config, "正文")
    return cleaned, found


@functools.lru_cache(maxsize=16)
def _config_digest(config: ScanConfig) -> str:
    return config.digest()  # JSON of the errata lists: once per configuration, not once per page


class BodyVerdicts:
    """:func:`check_body` results remembered by a digest of everything they depend on.

    ``zwgk check`` checks every body as the site renders it (rules/scan.py); the build checks the body
    MkDocs produced (mkdocs/verify.py). When the two HTML strings are the same — they are, except where
    MkDocs rewrites links between pages — the second check would repeat the first, in the same build
    (rules run before pages render) or in the next run. The key covers the HTML itself, the source file
    (text and path, for the findings' lines and fields), the page's URL, the policy, the scan settings
    and the checker versions, so any change anywhere is a miss. The value is the published HTML (None
    when the sanitizer left it unchanged, which is the usual case) and the findings.

    Kept in a signed store outside the repository (core/cachestore.py); one instance per repository
    and process, shared by the rules and the build's gate.
    """

    _open: ClassVar[dict[str, BodyVerdicts]] = {}

    def __init__(self, cache: ParseCache) -> None:
        self.cache = cache
        self.new: dict[str, Any] = {}  # computed in this process: what a forked helper sends back
        self._fresh: dict[bytes, Any] = {}
        self._merged = False

    @classmethod
    def for_repo(cls, root: Path | None) -> BodyVerdicts:
        # Per repository and cache folder (ZWGK_CACHE_DIR may differ between runs in one process).
        name = f"{root}|{repo_folder(root)}" if root is not None else ""
        found = cls._open.get(name)
        if found is None:
            found = cls._open[name] = cls(ParseCache.for_repo(root, "gate-body") if root is not None
                                          else ParseCache(None))
        return found

    @staticmethod
    def key(html: str, source: Source, base: str, policy: HtmlPolicy, config: ScanConfig) -> bytes:
        head = (f"{CHECKER_VERSION}|{SCANNER_VERSION}|{_config_digest(config)}|{policy.site_url}|"
                f"{policy.allowed_domains}|{source.path}|{source.body_line}|{base}\0")
        h = hashlib.blake2b(head.encode(), digest_size=16)
        h.update(source.text.encode("utf-8", "surrogatepass") + b"\0")
        h.update(html.encode("utf-8", "surrogatepass"))
        return h.digest()

    def check(self, html: str, source: Source, base: str, policy: HtmlPolicy, config: ScanConfig) -> tuple[str, list[Finding]]:
        key = self.key(html, source, base, policy, config)
        hit = self.cache.data.get(key) or self._fresh.get(key)
        if hit is not None:
            try:
                cleaned = html if hit[0] is None else str(hit[0])
                found = [Finding(**f) for f in hit[1]]
            except (TypeError, IndexError, KeyError):
                hit = None  # a value of another shape (an older version): check again
        if hit is None:
            cleaned, found = check_body(html, source, base, policy, config)
            hit = [None if cleaned == html else cleaned, [f.to_dict() for f in found]]
            self._fresh[key] = hit  # not into cache.data: that is what was read (save() compares)
            self.new[key.hex()] = hit
        self.cache.used[key] = hit
        return cleaned, found

    def start(self) -> None:
        """A new run (``zwgk check``, or a rebuild under ``mkdocs serve``): only what it uses is kept."""
        self.cache.used.clear()
        self.new.clear()
        self._merged = False

    def merge(self, entries: Mapping[str, Any]) -> None:
        """Entries computed by forked render helpers (sent back as JSON), kept for the next run."""
        for hexkey, value in entries.items():
            try:
                self.cache.used[bytes.fromhex(hexkey)] = value
            except ValueError:
                continue
            self._merged = True

    _LIMIT = 50_000  # entries kept beyond this run's (old versions of edited pages); then only this run's

    def save(self) -> None:
        """Keep what was read and what this run used or computed. ``zwgk check`` skips the bodies
        whose Markdown scan it remembers, so a run's lookups are not the whole site: dropping the
        entries it did not look up would throw away the build's."""
        if not self.new and not self._merged:
            return  # nothing new: the file on disk is already right
        store = self.cache.store
        if store is None:
            return
        kept = {k.hex(): v for k, v in self.cache.used.items()}
        if len(self.cache.data) + len(kept) <= self._LIMIT:
            kept = {**{k.hex(): v for k, v in self.cache.data.items()}, **kept}
        store.keep(kept)
        store.save()


def check_page(html: str | bytes, source: Source, base: str, policy: HtmlPolicy) -> tuple[list[Finding], str]:
    """(active content and foreign links, the text people read) of a finished page or part of one,
    theme and templates included, from one parse.

    Navigation (column names from the 栏目任务分解表, page numbers) is left out of the text: page
    numbers side by side ("118 119 120 121 122") would read as a number. Everything else is returned."""
    tree = parse(html)
    found = [violation_finding(v, source, "页面") for v in check_tree(tree, base, policy, content=False)]
    for nav in tree.css("nav"):
        nav.decompose()
    return found, visible_text(tree)


def meta_findings(meta: Mapping[str, Any], source: Source, config: ScanConfig, *,
                  label: str = "信息字段") -> list[Finding]:
    """Personal data etc. in the parsed front-matter values, each named by its field. ``label`` names
    what the values are (the 栏目任务分解表 passes its own, with ``columns -> zcwj -> description`` keys)."""
    out: list[Finding] = []
    for key, value in meta.items():
        for text in _strings(value):
            for hit in detect_text(text, config):
                line = _line_of(source, text[hit.start:hit.end])
                out.append(finding(hit.rule, source.path, f"{label} {key}：{hit.message}", hit.hint,
                                   field=str(key), line=line))
    return out


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (file, rule, value): the same number found in the source and in the rendered
    text is one problem. The first (the source scan, with its exact line) wins."""
    seen: set[tuple[str, str, str]] = set()
    out: list[Finding] = []
    for f in findings:
        m = re.search(r"fingerprint: ([0-9a-f]{12})", f.hint)
        key = (f.path, f.rule, m.group(1) if m else f.message + str(f.line))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
