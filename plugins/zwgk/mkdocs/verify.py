"""Adapter: the output-side gate in the build — what MkDocs writes is what is checked.

- ``on_files``: every file MkDocs collected must come from the publication inventory (a public page,
  an attachment or image of a public item, a zwgk-generated file, a theme/overrides file); a docs file
  may not take a theme file's place. :meth:`OutputGate.expect` records what will be written.
- ``on_page_content``: the body HTML MkDocs produced goes through the same check as ``zwgk check``
  (zwgk.core.pagecheck.check_body) and is replaced by the sanitizer's output.
- ``on_post_page``: the finished page (theme + templates + body), parsed as a browser parses it.
- ``on_post_build``: the staged site is walked with lstat: every file must be one that was expected,
  no symlink, and every HTML file not rendered as a page (404, redirects) is checked too.

Findings are collected and fail the build once, all listed, in ``on_post_build``, so the staged site
is never swapped in (staging.py). Forked render helpers send theirs back (parallel.py).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.findings import Finding
from ..core.htmlcheck import CHECKER_VERSION, SITE_PLACEHOLDER, HtmlPolicy, theme_scripts
from ..core.model import Item, Site
from ..core.pagecheck import BodyVerdicts, Source, check_page, text_findings
from ..core.rules.pages import LEGACY_SUFFIXES, MKDOCS_OUTPUTS
from ..core.scan import SCANNER_VERSION, ScanConfig
from ..core.scan.exceptions import allowed, record_exceptions
from ..core.yamlio import ParseCache

# Written by MkDocs itself outside `Files` (build.py: 404 and sitemap; static templates of the theme).
OUTPUT_UNEXPECTED = "publish.unexpected_output"


class OutputGate:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.checked: set[str] = set()  # site-relative paths of pages checked in on_post_page
        self.seconds = 0.0  # CPU time of this thread spent checking (logged: the gate's cost is measured; CPU, so
        # it does not grow when other processes compete for the machine)
        self._sources: dict[str, Source] = {}
        self._exceptions: dict[str, tuple[str, list[Any]]] = {}
        self._expected: set[str] = set()  # site-relative paths MkDocs will write from `Files`
        # Each distinct text line / template block is scanned once per build; whether it had findings
        # is remembered, so a page made only of clean parts is known to be clean (see post_page).
        self._line_dirty: dict[int, bool] = {}
        self._block_dirty: dict[int, bool] = {}
        self._dirty = False  # the page being rendered had a finding somewhere
        self._salt = ""
        self.pages = ParseCache(None)  # digests of finished pages found clean (kept between builds)
        self.clean_new: list[str] = []  # clean pages of this process, known or new (a forked helper sends them back)
        self._body = ""  # the cleaned body of the page being rendered
        self._blocks: list[str] = []  # memoised template blocks the page being rendered uses
        self._base_of = ("\0", "")  # (page.url, its absolute URL)
        self.policy = HtmlPolicy(SITE_PLACEHOLDER)
        self.scan = ScanConfig()
        self.bodies = BodyVerdicts.for_repo(None)

    # -- on_files -----------------------------------------------------------------------
    def begin(self, site: Site, config: MkDocsConfig, items: Iterable[Item], scan: ScanConfig) -> None:
        self.findings, self.checked, self._line_dirty, self._expected = [], set(), {}, set()
        self._block_dirty, self._body, self._blocks, self.seconds = {}, "", [], 0.0
        self._dirty, self.clean_new = False, []
        self.scan = scan
        self.bodies = BodyVerdicts.for_repo(site.root)  # zwgk check's verdicts on the same HTML (rules/scan.py)
        self.policy = HtmlPolicy(config.site_url or SITE_PLACEHOLDER, scan.allowed_domains, theme_scripts())
        self.pages = ParseCache.for_repo(site.root, "gate-page")
        self._salt = (f"{CHECKER_VERSION}|{SCANNER_VERSION}|{scan.digest()}|{self.policy.site_url}|"
                      f"{self.policy.allowed_domains}|{sorted(self.policy.inline_scripts)}|")
        self._sources = {}
        self._exceptions = {}
        for item in items:
            self._sources[item.src_uri] = Source.of(site, item)
            record = site.reviews.get(item.path)
            if record is not None and (entries := record_exceptions(record.data)):
                self._exceptions[item.src_uri] = (record.path, entries)
        docs = site.config.docs_dir
        for page in site.pages:
            src = page.removeprefix(docs + "/")
            self._sources.setdefault(src, Source(page, site.sources.get(page, ""), 1, None))

    def expect(self, files: Files, docs_dir: Path, allowed_docs: set[str]) -> None:
        """Every collected file must be allowed; remember where each will be written."""
        docs_real = docs_dir.resolve()
        theme: set[str] = set()
        from_docs: list[Any] = []
        for file in files:
            self._expected.add(file.dest_uri)
            origin = Path(file.abs_src_path).resolve() if file.abs_src_path else None
            if not file.generated_by and origin is not None and origin.is_relative_to(docs_real):
                from_docs.append(file)
            elif not file.generated_by:
                theme.add(file.dest_uri)
        for file in from_docs:
            path = f"{docs_dir.name}/{file.src_uri}"
            if file.src_uri not in allowed_docs:
                self.findings.append(Finding(path, OUTPUT_UNEXPECTED, "error", "file",
                                             f"MkDocs 将发布“{file.src_uri}”，但它不是已审查的公开页面、附件或图片",
                                             "列入某条信息的 attachments 并重新审查，或移出 content/"))
            elif file.dest_uri in theme:
                self.findings.append(Finding(path, OUTPUT_UNEXPECTED, "error", "file",
                                             f"“{file.src_uri}”会顶替主题文件 {file.dest_uri}", "换一个文件名或文件夹"))

    # -- pages ----------------------------------------------------------------------------
    def _source(self, page: Page) -> Source:
        src = page.file.src_uri
        found = self._sources.get(src)
        if found is None:
            # Listing, catalogue and interpretation pages zwgk generates from reviewed data.
            found = self._sources[src] = Source(f"（zwgk 生成的页面）{src}", "", 1, None)
        return found

    def _base(self, page: Page) -> str:
        # Called twice per page (body, then the finished page): joined once.
        if self._base_of[0] != page.url:
            self._base_of = (page.url, urljoin(self.policy.site_url, page.url))
        return self._base_of[1]

    def _keep(self, src_uri: str, found: list[Finding]) -> None:
        """Findings after the item's reviewed exceptions (unused/invalid ones are reported by the gate)."""
        if src_uri in self._exceptions:
            record, entries = self._exceptions[src_uri]
            found = allowed(found, entries, record)
        self.findings.extend(found)

    def page_content(self, html: str, page: Page) -> str:
        start = time.thread_time()
        cleaned, found = self.bodies.check(html, self._source(page), self._base(page), self.policy, self.scan)
        self._dirty = bool(found)
        self._keep(page.file.src_uri, found)
        self._body = cleaned
        self.seconds += time.thread_time() - start
        return cleaned

    def block(self, html: str) -> None:
        """A template block rendered once and reused on every page of a folder (the plugin's memo):
        checked with the first page that shows it, then taken out of the pages that repeat it."""
        self._blocks.append(html)

    def post_page(self, output: str, page: Page) -> None:
        """The finished page. What was already checked as a whole — the cleaned body (check_body) and
        the memoised nav/header/footer blocks (once per folder) — is taken out by exact string before
        the rest is parsed: both are complete element trees, the body serialised by the sanitizer, so
        cutting them out changes nothing in how the rest parses. A page that does not contain them
        verbatim is simply checked whole.

        A page whose every part was clean is remembered by a digest of the whole page, its source and
        the policy; the same page in a later build is not parsed again. Only clean pages are remembered,
        and a page counts as clean only when each block and line it shows was clean — also those
        reported with an earlier page — so no finding can hide behind the cache."""
        start = time.thread_time()
        source = self._source(page)
        base = self._base(page)
        self.checked.add(page.file.dest_uri)
        key = hashlib.blake2b(f"{self._salt}{source.path}|{source.body_line}|{base}\0".encode(), digest_size=16)
        key.update(source.text.encode("utf-8", "surrogatepass") + b"\0" + output.encode("utf-8", "surrogatepass"))
        digest = key.digest()
        if not self._dirty and digest in self.pages.data:
            self.pages.used[digest] = 1
            self.clean_new.append(digest.hex())
            self._body, self._blocks = "", []
            self.seconds += time.thread_time() - start
            return
        found: list[Finding] = []
        rest = output
        if self._body and self._body in rest:
            rest = rest.replace(self._body, "", 1)
        for block in self._blocks:
            if block not in rest:
                continue
            block_key = hash(block)
            if block_key not in self._block_dirty:
                block_found = self._check(block, source, base)
                self._block_dirty[block_key] = bool(block_found)
                found += block_found
            self._dirty |= self._block_dirty[block_key]
            rest = rest.replace(block, "")
        found += self._check(rest, source, base)
        self._keep(page.file.src_uri, found)
        if not found and not self._dirty:
            self.pages.used[digest] = 1
            self.clean_new.append(digest.hex())
        self._body, self._blocks, self._dirty = "", [], False
        self.seconds += time.thread_time() - start

    def _check(self, html: str | bytes, source: Source, base: str) -> list[Finding]:
        found, text = check_page(html, source, base, self.policy)
        return found + self._new_text(text, source)

    def _new_text(self, text: str, source: Source) -> list[Finding]:
        """Text lines not seen on an earlier page (the nav and footer repeat on every page)."""
        fresh: list[int] = []
        lines = text.split("\n")
        for line in lines:
            key = hash(line)
            seen = self._line_dirty.get(key)
            if seen is None:
                self._line_dirty[key] = False
                fresh.append(key)
            elif seen:
                self._dirty = True
        if not fresh:
            return []
        # Personal data and secrecy marks only: 错敏词 are a matter of the author's wording, and every
        # author-written string a template prints (front matter, other items' titles) is already scanned
        # for them at its source (rules/scan.py); the theme's own text is the maintainers'.
        wanted = set(fresh)
        found = text_findings("\n".join(line for line in lines if hash(line) in wanted), source, self.scan, "页面",
                              errata=False)
        if found:  # which of the new lines had it is not tracked: all of them count as unclean
            for key in fresh:
                self._line_dirty[key] = True
        return found

    # -- the finished site -----------------------------------------------------------------
    def walk_site(self, site_dir: Path, also_expected: Iterable[str]) -> None:
        """Every path in the staged site, by lstat: expected, a regular file or folder, HTML checked."""
        start = time.thread_time()
        expected = self._expected | set(also_expected) | MKDOCS_OUTPUTS
        for dirpath, dirnames, filenames in os.walk(site_dir):
            rel_dir = os.path.relpath(dirpath, site_dir).replace(os.sep, "/")
            prefix = "" if rel_dir == "." else rel_dir + "/"
            for name in dirnames + filenames:
                full = os.path.join(dirpath, name)
                rel = prefix + name
                if os.path.islink(full):
                    self._unexpected(rel, "是符号链接")
                    continue
                if name in filenames and rel not in expected and not _under(rel, also_expected):
                    self._unexpected(rel, "不在发布清单中")
                elif name in filenames and rel.lower().endswith(LEGACY_SUFFIXES) and rel not in self.checked:
                    # Every HTML file, whatever its suffix: redirect stubs keep an old address's .htm,
                    # .shtml, .php … and a server sends them as HTML (LEGACY_SUFFIXES includes .html).
                    html = Path(full).read_bytes()
                    base = urljoin(self.policy.site_url, posixpath.dirname(rel) + "/")
                    self.findings.extend(self._check(html, Source(f"（网站文件）{rel}", ""), base))
        self.seconds += time.thread_time() - start

    def _unexpected(self, rel: str, why: str) -> None:
        self.findings.append(Finding(f"site/{rel}", OUTPUT_UNEXPECTED, "error", None,
                                     f"构建输出中的“{rel}”{why}，来源未经审查", "删除产生该文件的来源后重新构建；如为新版主题文件，请联系维护者"))

    # -- helpers (forked render processes) ------------------------------------------------------
    def payload(self) -> dict[str, Any]:
        return {"findings": [f.to_dict() for f in self.findings], "checked": sorted(self.checked),
                "seconds": self.seconds, "bodies": self.bodies.new, "clean": self.clean_new}

    def merge(self, payloads: Iterable[Any]) -> None:
        for p in payloads:
            if isinstance(p, Mapping):
                self.findings.extend(Finding(**f) for f in p.get("findings", []))
                self.checked.update(p.get("checked", []))
                self.seconds += float(p.get("seconds", 0.0))
                bodies = p.get("bodies")
                if isinstance(bodies, Mapping):
                    self.bodies.merge(bodies)
                for hexkey in p.get("clean", []):
                    try:
                        self.pages.used[bytes.fromhex(hexkey)] = 1
                    except (TypeError, ValueError):
                        continue


def _under(rel: str, prefixes: Iterable[str]) -> bool:
    return any(p.endswith("/") and rel.startswith(p) for p in prefixes)
