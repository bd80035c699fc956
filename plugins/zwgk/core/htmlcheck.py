"""Read HTML the way a browser does and say what in it could run, leave the site or is not allowed.

The gate used to look at a regex model of Markdown; what the public gets is the HTML MkDocs writes.
So the authority is the parse of that HTML by a real HTML5 parser (Lexbor, through selectolax):
comments, quoted ``>``, entity-encoded schemes and every other tokenizer subtlety are resolved
exactly as a browser resolves them, and URLs are resolved with the WHATWG parser (ada), so
``/\\host``, ``https:/\\host``, ``java&#9;script:`` and userinfo tricks land where a browser lands.

Used twice with the same code: on the body HTML of every page (``zwgk check`` renders the Markdown
with the site's own configuration; the build checks what MkDocs produced) and on every finished page
of the build (theme + templates + content), so nothing a template prints escapes the check either.

The policy is an allowlist: elements and attributes the theme, zwgk's templates and Markdown produce;
URLs only to the site itself, the allowed domains, ``mailto:`` and ``tel:``; inline scripts only when
their text (with the page-relative base path normalised) is one of the theme's own, by SHA-256.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import ada_url
import nh3
from selectolax.lexbor import LexborHTMLParser, LexborNode

UNSAFE = "html.unsafe"
EXTERNAL = "link.external"
ELEMENT = "html.element"
# Bump when the checks change: cached "verified" verdicts of older versions stop counting.
CHECKER_VERSION = "2"  # 2: the sanitizer keeps <div tabindex="0" role="region" aria-label> (年报 tables)
MAX_PAGE_BYTES = 4 * 1024 * 1024  # a page larger than this is refused: nobody writes one, parsers slow down

# Never allowed anywhere: they run script, embed other documents, change how URLs resolve, or parse
# differently in foreign content (mutation XSS). <script> is handled separately (theme scripts).
FORBIDDEN_TAGS = frozenset({
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "template", "portal", "noscript",
    "noembed", "noframes", "xmp", "plaintext", "listing", "math", "style", "foreignobject", "animate",
    "animatemotion", "animatetransform", "set", "use", "image", "handler", "audio", "video", "source",
    "track", "canvas", "dialog", "slot", "marquee", "blink", "link-import", "xml", "isindex", "keygen",
})
# The theme's search box and zwgk's catalogue filter are forms; an author's body has no business with
# controls that submit or capture what a reader types (phishing on a government domain).
CONTENT_FORBIDDEN_TAGS = frozenset({"form", "input", "button", "select", "textarea", "option", "optgroup",
                                    "output", "fieldset", "script", "meta", "link", "title", "head", "body", "html"})
# What a body may contain: the sanitizer's (Ammonia's) allowlist, the same set zwgk.core.sanitize keeps.
CONTENT_TAGS = frozenset(nh3.ALLOWED_TAGS) | {"tfoot"}
# What the theme, zwgk's templates and Markdown (with tables, attr_list, admonition, toc) produce.
ALLOWED_TAGS = frozenset({
    "html", "head", "body", "title", "meta", "link", "script", "header", "footer", "main", "nav", "article",
    "section", "aside", "div", "span", "p", "a", "img", "figure", "figcaption", "picture",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "colgroup", "col",
    "thead", "tbody", "tfoot", "tr", "th", "td", "blockquote", "pre", "code", "kbd", "samp", "var", "em", "strong",
    "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q", "dfn", "time", "data",
    "br", "hr", "wbr", "details", "summary", "form", "input", "label", "select", "option", "optgroup", "button",
    "textarea", "output", "progress", "meter", "fieldset", "legend", "address", "bdi", "bdo", "ruby", "rt", "rp",
    "center", "strike", "tt", "acronym", "hgroup", "map", "area",
    # the inline SVG icons of Material: shapes only (no script, no links, no animation)
    "svg", "path", "g", "circle", "rect", "line", "polyline", "polygon", "ellipse", "defs", "lineargradient",
    "radialgradient", "stop", "clippath", "mask", "symbol", "desc",
})
ALLOWED_ATTRS = frozenset({
    "id", "class", "title", "lang", "dir", "role", "hidden", "tabindex", "translate", "accesskey",
    "href", "src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "download", "rel", "hreflang",
    "target", "type", "name", "value", "content", "charset", "http-equiv", "property", "media", "crossorigin",
    "integrity", "referrerpolicy", "as", "colspan", "rowspan", "headers", "scope", "span", "start", "reversed",
    "align", "valign", "datetime", "cite", "open", "for", "form", "action", "method", "autocomplete",
    "autocapitalize", "autocorrect", "autofocus", "spellcheck", "placeholder", "checked", "selected", "disabled",
    "readonly", "required", "multiple", "min", "max", "step", "maxlength", "minlength", "pattern", "size", "label",
    "defer", "async", "nomodule", "nonce", "style", "border", "cellpadding", "cellspacing", "summary", "abbr",
    "coords", "shape", "usemap", "itemprop", "itemscope",
    # SVG presentation attributes used by the icons
    "xmlns", "viewbox", "d", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "x", "y",
    "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "points", "transform", "opacity", "fill-rule",
    "clip-rule", "preserveaspectratio", "focusable", "version", "offset", "stop-color",
})
# Attributes whose value a browser treats as a URL (fetched, followed or submitted to).
URL_ATTRS = frozenset({
    "href", "src", "action", "formaction", "poster", "cite", "data", "background", "ping", "longdesc", "lowsrc",
    "dynsrc", "codebase", "archive", "manifest", "icon", "profile", "xlink:href", "itemtype",
})
ALLOWED_HTTP_EQUIV = frozenset({"content-type", "x-ua-compatible", "refresh", "content-language"})
_JSON_TYPES = frozenset({"application/json", "application/ld+json"})
# Inside a style value these fetch or run something.
_STYLE_BAD = re.compile(r"url\s*\(|expression\s*\(|javascript:|@import|behavior\s*:|-moz-binding", re.I)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}\s?|.)")
# Page-relative base paths inside the theme's inline scripts ("..", "../..", ".", "/zwgk/"): normalised
# before hashing so one reviewed text covers every page depth.
_SCRIPT_BASE = re.compile(r'"(?:\.\.(?:/\.\.)*|\.|/[^"\s]*)(?=[/"])')


def script_digest(text: str) -> str:
    """SHA-256 of an inline script with its page-relative base paths normalised."""
    return hashlib.sha256(_SCRIPT_BASE.sub('"BASE', text.strip()).encode()).hexdigest()


@dataclass(frozen=True)
class Violation:
    rule: str  # html.unsafe (script, handler, scheme), link.external (host), html.element (not allowed)
    what: str  # Chinese, e.g. "<script> 元素", "事件属性 onclick", "javascript: 地址（href）"
    value: str = ""  # the offending value, shortened: used to find the front-matter field it came from


@dataclass(frozen=True)
class HtmlPolicy:
    """``site_url`` is the absolute URL of the site root; pages are resolved below it."""

    site_url: str
    allowed_domains: tuple[str, ...] = ()
    inline_scripts: frozenset[str] = frozenset()
    site_host: str = field(init=False, default="")
    # Verdicts of elements already checked under this policy (see check_tree): the theme repeats the
    # same elements on every page, so each distinct one is judged once per process.
    verdicts: dict[tuple[object, ...], tuple[Violation, ...]] = field(
        init=False, default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        try:
            host = ada_url.URL(self.site_url).hostname
        except ValueError:
            host = ""
        object.__setattr__(self, "site_host", host.rstrip(".").lower())

    def host_allowed(self, host: str) -> bool:
        host = host.rstrip(".").lower()
        if host == self.site_host:
            return True
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)


def theme_scripts() -> frozenset[str]:
    """The reviewed inline-script digests (data/inline-scripts.txt)."""
    from importlib.resources import files

    text = files("zwgk").joinpath("data/inline-scripts.txt").read_text(encoding="utf-8")
    return frozenset(line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#"))


SITE_PLACEHOLDER = "https://site.zwgk.invalid/"  # for sites without site_url: relative links stay on it


@functools.lru_cache(maxsize=65536)
def _resolve(value: str, base: str) -> tuple[str, str, bool] | None:
    """(scheme, host, has userinfo) of ``value`` resolved against ``base``; None when unparseable."""
    try:
        url = ada_url.URL(value, base)
    except ValueError:
        return None
    return url.protocol, url.hostname, bool(url.username or url.password)


def url_problem(value: str, base: str, policy: HtmlPolicy) -> tuple[str, str] | None:
    """(rule, what) when a browser following ``value`` from page ``base`` would leave the allowed set."""
    stripped = value.strip()
    if not stripped or stripped.startswith("#"):
        return None
    resolved = _resolve(stripped, base)
    if resolved is None:
        return UNSAFE, "无法解析的地址"
    scheme, host, userinfo = resolved
    if scheme in ("http:", "https:"):
        if userinfo:
            return EXTERNAL, f"带用户名的地址（实际指向 {host}）"
        if not policy.host_allowed(host):
            return EXTERNAL, f"指向未列入允许清单的域名 {host}"
        return None
    if scheme in ("mailto:", "tel:"):
        return None
    return UNSAFE, f"{scheme} 地址"


def _srcset_urls(value: str) -> Iterator[str]:
    for part in value.split(","):
        words = part.split()
        if words:
            yield words[0]


def _refresh_url(content: str) -> str | None:
    m = re.search(r"url\s*=\s*['\"]?([^'\"]*)", content, re.I)
    return m.group(1).strip() if m else None


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "…"


def check_node(node: LexborNode, base: str, policy: HtmlPolicy, *, content: bool,
               attrs: dict[str, str | None] | None = None) -> Iterator[Violation]:
    """Violations of one element. ``content``: the node is inside an author's body (stricter ids).

    Apart from a ``<script>``'s text, the verdict depends only on the tag, the attributes, ``content``
    and the base URL's origin (see :func:`_memo_scope`): check_tree relies on that to reuse it."""
    tag = node.tag or ""
    if tag.startswith("-") or tag == "_comment":
        return
    if content and tag in ("html", "head", "body"):
        pass  # made by the parser around a fragment; attributes on them still came from the author
    elif tag in FORBIDDEN_TAGS or (content and tag in CONTENT_FORBIDDEN_TAGS):
        yield Violation(UNSAFE, f"<{tag}> 元素", tag)
    elif content and tag not in CONTENT_TAGS:
        yield Violation(ELEMENT, f"正文中不允许的 HTML 元素 <{tag}>", tag)
    elif tag not in ALLOWED_TAGS:
        yield Violation(ELEMENT, f"不允许的 HTML 元素 <{tag}>", tag)
    if attrs is None:
        attrs = node.attributes
    if tag == "script":
        yield from _check_script(node, base, policy, content=content)
    for raw_name, raw_value in attrs.items():
        name = raw_name.lower()
        value = raw_value or ""
        if name.startswith("on"):
            yield Violation(UNSAFE, f"事件属性 {name}", value)
            continue
        if name not in ALLOWED_ATTRS and name not in URL_ATTRS and not name.startswith(("data-", "aria-")):
            yield Violation(ELEMENT, f"不允许的属性 {name}（<{tag}>）", value)
            continue
        if name in URL_ATTRS:
            problem = url_problem(value, base, policy)
            if problem:
                yield Violation(problem[0], f"{problem[1]}（{tag} 的 {name}）", value)
        elif name == "srcset":
            for url in _srcset_urls(value):
                problem = url_problem(url, base, policy)
                if problem:
                    yield Violation(problem[0], f"{problem[1]}（{tag} 的 srcset）", url)
        elif name == "style" and _STYLE_BAD.search(_CSS_ESCAPE.sub(lambda m: _css_unescape(m.group(1)), value)):
            yield Violation(UNSAFE, f"样式中引用外部资源或脚本（{tag} 的 style）", value)
        elif name == "http-equiv":
            kind = value.strip().lower()
            if kind not in ALLOWED_HTTP_EQUIV:
                yield Violation(UNSAFE, f"<meta http-equiv=\"{kind}\">", value)
            elif kind == "refresh":
                target = _refresh_url(attrs.get("content") or "")
                problem = url_problem(target, base, policy) if target else None
                if problem:
                    yield Violation(problem[0], f"{problem[1]}（自动跳转）", target or "")
        elif content and name == "id" and _THEME_ID.match(value):
            yield Violation(UNSAFE, f"正文元素使用了主题保留的 id=\"{_short(value)}\"（可冒充页面控件）", value)


# Material's own element ids (__config, __search, __drawer, __palette_0, __tabbed_1_1…) all look like
# this; the theme's scripts look them up by id, and a body element with one would be found first.
_THEME_ID = re.compile(r"__[A-Za-z]")


def _css_unescape(seq: str) -> str:
    hexpart = seq.strip()
    if hexpart and all(c in "0123456789abcdefABCDEF" for c in hexpart):
        try:
            return chr(int(hexpart, 16))
        except (ValueError, OverflowError):
            return ""
    return seq


def _check_script(node: LexborNode, base: str, policy: HtmlPolicy, *, content: bool) -> Iterator[Violation]:
    if content:
        yield Violation(UNSAFE, "<script> 元素", "script")
        return
    attrs = node.attributes
    kind = (attrs.get("type") or "").strip().lower()
    src = attrs.get("src")
    if src is not None:
        problem = url_problem(src, base, policy)
        resolved = _resolve(src.strip(), base)
        if problem or resolved is None or resolved[1] != policy.site_host:
            yield Violation(UNSAFE, "引用站外脚本的 <script>", src or "")
        return
    if kind in _JSON_TYPES:
        return  # data, never executed (the parser ends it at the first </script>, like a browser)
    digest = script_digest(node.text(deep=True) or "")
    if digest not in policy.inline_scripts:
        yield Violation(UNSAFE, f"未登记的内联脚本 <script>（sha256 {digest}）", _short(node.text(deep=True) or ""))


def parse(html: str | bytes) -> LexborHTMLParser:
    return LexborHTMLParser(html)


_MEMO_LIMIT = 200_000  # distinct elements remembered per policy (a 10,000-item site has ~100,000)


@functools.lru_cache(maxsize=4096)
def _memo_scope(base: str) -> tuple[str, str, str, str] | None:
    """What of the base URL a verdict depends on, or None when verdicts must not be reused.

    An http(s) base resolves every reference to an absolute URL whose scheme, host, port and userinfo
    come either from the reference itself or from the base's origin and userinfo — never from the
    base's path (WHATWG URL parsing; a relative reference only changes the path). So two pages of one
    site share verdicts; a base that is not an http(s) URL (it cannot happen for a built page) gets none.
    """
    try:
        url = ada_url.URL(base)
    except ValueError:
        return None
    if url.protocol not in ("http:", "https:"):
        return None
    return url.protocol, url.host, url.username, url.password


def check_tree(tree: LexborHTMLParser, base: str, policy: HtmlPolicy, *, content: bool) -> list[Violation]:
    """Every violation in a parsed document or fragment, each distinct one once.

    Each element's verdict is remembered by (base origin, ``content``, tag, attributes): the theme's
    header, footer and meta tags repeat on every page and are judged once. A ``<script>`` is always
    judged (its text matters)."""
    found: dict[Violation, None] = {}
    root = tree.root
    if root is None:
        return []
    # A page below the site root has the root's origin (what follows the root URL is path): no parse.
    scope = _memo_scope(policy.site_url if base.startswith(policy.site_url) and policy.site_url.endswith("/")
                        else base)
    memo = policy.verdicts
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    for node in _elements(root):
        tag = node.tag or ""
        attrs = node.attributes
        if scope is None or tag == "script":
            verdict = tuple(check_node(node, base, policy, content=content, attrs=attrs))
        else:
            key = (scope, content, tag, *attrs.items())
            cached = memo.get(key)
            if cached is None:
                cached = memo[key] = tuple(check_node(node, base, policy, content=content, attrs=attrs))
            verdict = cached
        for v in verdict:
            found.setdefault(v)
    return list(found)


def _elements(root: LexborNode) -> Iterable[LexborNode]:
    # traverse() does not enter <template> contents; <template> itself is forbidden, so nothing hides there.
    return root.traverse(include_text=False)


def check_html(html: str | bytes, base: str, policy: HtmlPolicy, *, content: bool) -> list[Violation]:
    if len(html) > MAX_PAGE_BYTES:
        return [Violation(UNSAFE, f"页面超过 {MAX_PAGE_BYTES // 1024 // 1024} MB，无法可靠检查")]
    return check_tree(parse(html), base, policy, content=content)


# --- the text the public reads -----------------------------------------------------------------

# Attribute values people see or assistive technology reads out.
TEXT_ATTRS = ("title", "alt", "aria-label", "placeholder", "content", "value", "label", "summary", "abbr")
_TEXT_ATTR_SELECTOR = ", ".join(f"[{name}]" for name in TEXT_ATTRS)


def visible_text(tree: LexborHTMLParser) -> str:
    """Text and readable attribute values of a parsed page, script/style removed, runs kept whole.

    ``separator=""`` keeps ``110101<b>1990</b>…`` as one run (a newline would split a number the
    reader sees whole); elements that start a new block are not joined to their neighbours because
    Markdown output has newlines between blocks.
    """
    parts: list[str] = []
    root = tree.root
    if root is None:
        return ""
    # Only the elements that carry one of these attributes (selected by Lexbor, in document order).
    # Lexbor lists an element once per selector it matches: keep the first.
    seen: set[int] = set()
    for node in root.css(_TEXT_ATTR_SELECTOR):
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        attrs = node.attributes
        for name in TEXT_ATTRS:
            value = attrs.get(name)
            if value and (name != "content" or node.tag == "meta"):
                parts.append(value)
    body = tree.body or root
    text = body.text(deep=True, separator="", strip=False) if body is not None else ""
    head = tree.head
    title = head.css_first("title") if head is not None else None
    if title is not None:
        parts.append(title.text(deep=True))
    # <script>/<style> bodies are not read by people; the theme's scripts are checked above.
    for script in (body.css("script") if body is not None else []):
        inner = script.text(deep=True)
        if inner:
            text = text.replace(inner, "", 1)
    parts.append(text)
    return "\n".join(parts)
