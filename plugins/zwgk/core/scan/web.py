"""Markdown/HTML rules: raw HTML that can run script (html.unsafe) and links that leave the
allowed domains (link.external).

Both rules look at the text with code blanked out: ``<script>`` shown inside a fenced code
block or `inline code` is displayed, not executed, and a URL in code is not a link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from .fingerprint import exception_hint, fingerprint
from .hits import Hit

UNSAFE_RULE = "html.unsafe"
LINK_RULE = "link.external"

_FENCE_OPEN = re.compile(r"^(?P<quote>(?: {0,3}>)*)(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_QUOTE = re.compile(r"^(?: {0,3}>)*")
_HTML_BLOCK_START = re.compile(r"^(?: {0,3}>)* {0,3}<[A-Za-z/!?]")
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)([^\n]*?[^`\n])\1(?!`)")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def _spaces(m: re.Match[str], group: int) -> str:
    """The match with ``group`` replaced by spaces (newlines kept, so lines do not move)."""
    whole, inner = m.group(0), m.group(group)
    blank = "".join("\n" if c == "\n" else " " for c in inner)
    offset = m.start(group) - m.start(0)
    return whole[:offset] + blank + whole[offset + len(inner) :]


def blank_code(text: str) -> str:
    """Same text, same length, with code and HTML comments replaced by spaces.

    This decides what the html/link rules may ignore, so it errs towards scanning: a fence
    only hides lines that really belong to it. An indented fence (inside a list item) ends at
    the first less-indented line, a fence in a block quote at the first line without ``>``,
    and in a raw HTML block (which Markdown passes through untouched) neither fences nor
    backticks hide anything: ``<div>`<script>…`</div>`` runs the script.
    """
    if "`" not in text and "~~~" not in text and "<!--" not in text:
        return text
    lines = text.split("\n")
    fence: tuple[str, int, int] | None = None  # (fence string, indent, quote depth)
    in_html = False
    for i, line in enumerate(lines):
        if fence is not None:
            marker, indent, depth = fence
            quote = _QUOTE.match(line)
            body = line[quote.end() :] if quote else line
            depth_here = line[: quote.end()].count(">") if quote else 0
            inside = depth_here >= depth and (
                indent < 4 or not body.strip() or len(body) - len(body.lstrip(" ")) >= 4
            )
            if inside:
                stripped = body.strip()
                if stripped.startswith(marker) and not stripped.strip(marker[0]):
                    fence = None  # closing fence: keep it, it is harmless
                else:
                    lines[i] = " " * len(line)
                continue
            fence = None  # the container ended, so did the fence: scan this line normally
        if not line.strip():
            in_html = False
            continue
        if in_html or _HTML_BLOCK_START.match(line):
            in_html = True
            continue
        m = _FENCE_OPEN.match(line)
        if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
            fence = (m.group("fence"), len(m.group("indent")), m.group("quote").count(">"))
            continue
        if "`" in line:
            lines[i] = _INLINE_CODE.sub(lambda c: _spaces(c, 2), line)
    blanked = "\n".join(lines)
    return _COMMENT.sub(lambda c: _spaces(c, 1), blanked) if "<!--" in blanked else blanked


# --- html.unsafe -------------------------------------------------------------------------

_DANGEROUS_TAGS = "script|iframe|frame|frameset|object|embed|applet|form|input|style|base|meta"
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)([^<>]{0,4000})>?")
_ATTR = re.compile(r"""([^\s"'<>/=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>`]+)""")
_MD_DEST = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]+)")
_REF_DEF = re.compile(r"^[ \t>]*\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")

_UNSAFE_HINT = (
    "政务公开页面不得嵌入脚本、表单、内联框架等可执行内容（可被用于挂马、钓鱼）。请删除该 HTML，"
    "正文用 Markdown 书写；确需展示代码时放入代码块（```）中"
)


def _bad_scheme(url: str) -> str | None:
    # Browsers decode entities in attributes and ignore whitespace/control characters inside
    # the scheme, so "jav&#x61;script:" and "java\tscript:" must count as javascript:.
    value = _CONTROL_AND_SPACE.sub("", html.unescape(url.strip("<>\"'"))).lower()
    return next((s for s in _BAD_SCHEMES if value.startswith(s)), None)


def _unsafe_hit(start: int, end: int, what: str) -> Hit:
    fp = fingerprint(UNSAFE_RULE, what)
    return Hit(
        UNSAFE_RULE, start, end,
        f"页面含有可执行的 HTML 内容（{what}）",
        f"{_UNSAFE_HINT}；{exception_hint(UNSAFE_RULE, fp, '如确需保留并已经安全评估')}",
    )


def detect_unsafe_html(blanked: str) -> list[Hit]:
    hits: list[Hit] = []
    if "<" in blanked:
        for m in _TAG.finditer(blanked):
            name = m.group(1).lower()
            if re.fullmatch(_DANGEROUS_TAGS, name):
                hits.append(_unsafe_hit(m.start(), m.end(), f"<{name}>"))
            for attr in _ATTR.finditer(m.group(2)):
                key = attr.group(1).lower()
                if key.startswith("on") and len(key) > 2 and key.isalpha():
                    hits.append(_unsafe_hit(m.start(), m.end(), f"事件属性 {key}="))
                scheme = _bad_scheme(attr.group(2))
                if scheme:
                    hits.append(_unsafe_hit(m.start(), m.end(), f"{key}={scheme}"))
        for m in _AUTOLINK.finditer(blanked):
            scheme = _bad_scheme(m.group(1))
            if scheme:
                hits.append(_unsafe_hit(m.start(), m.end(), f"自动链接 {scheme}"))
    if "](" in blanked or "]:" in blanked:
        for m in (*_MD_DEST.finditer(blanked), *_REF_DEF.finditer(blanked)):
            scheme = _bad_scheme(m.group(1))
            if scheme:
                hits.append(_unsafe_hit(m.start(), m.end(), f"链接地址 {scheme}"))
    return hits


# --- link.external -----------------------------------------------------------------------

# Host characters are ASCII on purpose: Chinese text often runs straight after a bare URL
# ("登录https://www.gov.cn进行查询") and must not be read as part of the host.
_HOST = r"(?:[^\s/?#@\"'<>\\]*@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-_]+)"
# No leading lookbehind: a pattern that starts with a character class lets the regex engine
# skip ahead quickly. "xhttp://" (scheme glued to a word) is filtered in Python instead.
_ABSOLUTE = re.compile(r"[hH][tT][tT][pP][sS]?://" + _HOST)
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")
_PROTOCOL_RELATIVE = re.compile(
    r"(?i)(?:\]\(\s*<?|\]:[ \t]*<?|\b(?:href|src|action|formaction|data|poster|background|cite)\s*=\s*[\"']?)"
    r"\s*//" + _HOST
)


def host_allowed(host: str, allowed_domains: Sequence[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in allowed_domains)


def detect_external_links(blanked: str, allowed_domains: Sequence[str]) -> list[Hit]:
    if "//" not in blanked:
        return []
    hits: list[Hit] = []
    seen: set[int] = set()
    for pattern in (_ABSOLUTE, _PROTOCOL_RELATIVE):
        for m in pattern.finditer(blanked):
            host = m.group(1).lower().strip(".")
            glued = pattern is _ABSOLUTE and m.start() > 0 and blanked[m.start() - 1] in _SCHEME_CHARS
            if glued or not host or m.start(1) in seen or host_allowed(host, allowed_domains):
                continue
            seen.add(m.start(1))
            fp = fingerprint(LINK_RULE, host)
            hits.append(Hit(
                LINK_RULE, m.start(), m.end(),
                f"外部链接指向未列入允许清单的域名 {host}",
                f"政务公开页面只应链接政府网站等权威来源：请改用允许域名（{'、'.join(allowed_domains)}）"
                "上的对应页面，或由管理员在 zwgk 配置 scan.allowed_domains 中加入该域名；"
                + exception_hint(LINK_RULE, fp, "如仅本条目确需保留该链接"),
            ))
    return hits
