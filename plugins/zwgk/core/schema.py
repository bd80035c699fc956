"""Front-matter fields of an item: one table used by validation, scaffolds and the docs.

Keys are English; every message uses the Chinese label so a clerk recognises the field.
:data:`FIELDS` is built here from four explicit groups (common, disclosure, public pages, clocks), so
the table is complete as soon as this module is imported — nothing depends on which rule modules have
been imported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .findings import Finding, finding
from .placeholders import SUMMARY_EXAMPLE
from .suggest import closest

KINDS: dict[str, str] = {
    "plain": "一般信息",
    "policy": "规范性文件",
    "consultation": "意见征集",
    "outcome": "征集结果（采纳情况）",
    "response": "回应关切",
    "interpretation": "政策解读材料",
}
VALIDITY = ("有效", "已修订", "失效", "废止")


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: str  # str | text | date | datetime | bool | int | list | attachments | enum | mapping
    example: str
    required: bool = False
    kinds: tuple[str, ...] = ()  # empty = every kind
    required_kinds: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    max_len: int | None = None


_COMMON_FIELDS = (
    # Length caps (issue 13 §2): a title is the page <title>, the catalogue row and the search entry.
    # Real titles run 20–80 characters (the longest in make_corpus and the demo: 35); 200 leaves room
    # for a long "关于印发……的通知" while stopping pasted body text. Codes and names are shorter still.
    FieldSpec("title", "名称", "str", "示例市政务服务管理办公室关于……的通知", required=True, max_len=200),
    FieldSpec("index_no", "索引号", "str", "11450100MB0000000X/2026-00001", required=True, max_len=60),
    FieldSpec("division", "责任处室", "str", "综合处", required=True, max_len=50),
    FieldSpec("publisher", "发布机构", "str", "示例市政务服务管理办公室", max_len=100),
    FieldSpec("doc_no", "文号", "str", "示政务办发〔2026〕3号", max_len=60),
    FieldSpec("genre", "体裁/文种", "str", "通知", max_len=20),
    FieldSpec("topic", "主题分类", "str", "综合政务\\政务公开", max_len=60),
    FieldSpec("summary", "内容概述", "text", SUMMARY_EXAMPLE.text, required=True, max_len=100),
    # Date fields may carry a time, with an offset or without (Beijing time): see to_beijing.
    FieldSpec("formed", "信息形成或变更日期", "date", "2026-03-02", required=True),
    FieldSpec("signed", "成文/审签日期", "date", "2026-03-02", required_kinds=("policy", "interpretation")),
    FieldSpec("published", "发布日期", "date", "2026-03-05", required=True),
    FieldSpec("urgent", "重要紧急", "bool", "false"),
    FieldSpec("validity", "有效性", "enum", "有效", choices=VALIDITY),
    FieldSpec("superseded_by", "替代文件索引号", "str", "11450100MB0000000X/2026-00009"),
    FieldSpec("kind", "信息类型", "enum", "plain", choices=tuple(KINDS)),
    FieldSpec("attachments", "附件", "attachments", "- {file: 2026-001/附件1.pdf, title: 附件1 申请表}"),
    FieldSpec("keywords", "关键词", "list", "[营商环境, 政务服务]"),
    FieldSpec("draft", "草稿（不发布）", "bool", "true"),
    FieldSpec("interprets", "所解读文件的索引号", "str", "11450100MB0000000X/2026-00001", kinds=("interpretation",),
              required_kinds=("interpretation",)),
)

# 公开属性 (国办发〔2016〕80号; 条例第十三至十六条): decided by the drafting division when the item is
# drafted. Only 主动公开 items are built (Item.is_public); the other two are kept in the repository,
# counted in the monthly report and the catalogue statistics, and need ``reason`` citing the article
# (zwgk.core.rules.disclosure). ``reason`` is the one "why this item departs from the default" field:
# for a 主动公开 item it explains ``interpretation: not_required`` instead.
DISCLOSURE = ("主动公开", "依申请公开", "不予公开")
DISCLOSURE_DEFAULT = DISCLOSURE[0]
WITHHELD = DISCLOSURE[1:]  # never built into the site
_CONTENT_KINDS = tuple(k for k in KINDS if k != "interpretation")  # a 解读材料 is always 主动公开, never interpreted
_DISCLOSURE_FIELDS = (
    FieldSpec("disclosure", "公开属性", "enum", "主动公开", choices=DISCLOSURE, kinds=_CONTENT_KINDS),
    FieldSpec("reason", "理由（不主动公开的法定依据，或不需要解读的理由）", "text",
              "条例第十六条第二款：过程性信息", max_len=300, kinds=_CONTENT_KINDS),
    FieldSpec("interpretation", "政策解读要求", "enum", "not_required", choices=("required", "not_required"),
              kinds=_CONTENT_KINDS),
    # 决策文件出台后及时向社会公布 (rulebook 二(一)2): the outcome links the decision it led to.
    FieldSpec("decision", "决策文件的索引号", "str", "11450100MB0000000X/2026-00015", kinds=("outcome",)),
)

# Public pages (docs/site.md, zwgk.core.rules.pages): moved items keep their old URLs working, and a
# withdrawn item leaves a notice page instead of a silent 404.
_PAGE_FIELDS = (
    FieldSpec("redirect_from", "原网址（迁移前的页面路径）", "list", "[zcwj/old-name/]"),
    FieldSpec("withdrawn", "撤回说明", "mapping",
              "withdrawn: {date: 2026-05-01, reason: 已被新文件替代, replacement: 11450100MB0000000X/2026-00009}"),
)

# Clocks (docs/clocks.md, zwgk.core.clocks): 意见征集, 采纳情况, 舆情回应. ``opinions`` has its own
# type ``table`` (a list of rows); its rows are checked by zwgk.core.rules.clocks with location chains.
RESPONSE_LEVELS = ("一般", "重大", "特别重大")  # 一般舆情 / 重大突发事件 / 特别重大突发事件
_CLOCK_FIELDS = (
    FieldSpec("opens", "征集开始日期", "date", "2026-07-03", kinds=("consultation",), required_kinds=("consultation",)),
    FieldSpec("closes", "征集截止日期", "date", "2026-08-02", kinds=("consultation",), required_kinds=("consultation",)),
    FieldSpec("how_to_submit", "意见提交方式", "text", "电子邮件发送至 zwfwc@example.gov.cn", kinds=("consultation",),
              required_kinds=("consultation",)),
    FieldSpec("consultation", "所属意见征集的索引号", "str", "11450100MB0000000X/2026-00011", kinds=("outcome",),
              required_kinds=("outcome",)),
    FieldSpec("opinions", "意见采纳情况", "table", "[{summary: 增加午间服务, adopted: 采纳, reason: 已写入第八条}]",
              kinds=("outcome",)),
    FieldSpec("surfaced_at", "舆情出现时间", "datetime", "2026-09-07 20:30", kinds=("response",),
              required_kinds=("response",)),
    FieldSpec("level", "舆情级别", "enum", "一般", kinds=("response",), required_kinds=("response",),
              choices=RESPONSE_LEVELS),
    FieldSpec("responded_at", "回应时间", "datetime", "2026-09-09 10:00", kinds=("response",),
              required_kinds=("response",)),
    FieldSpec("authoritative_at", "权威信息发布时间", "datetime", "2026-09-07 23:00", kinds=("response",)),
    FieldSpec("press_conference", "新闻发布会", "mapping",
              "press_conference: {at: \"2026-09-08 15:00\", url: https://www.example.gov.cn/xwfbh/1.html}",
              kinds=("response",)),
)

# Every field, in the order scaffolds and the 贡献指南 list them.
FIELDS: Mapping[str, FieldSpec] = {
    spec.key: spec for spec in (*_COMMON_FIELDS, *_DISCLOSURE_FIELDS, *_PAGE_FIELDS, *_CLOCK_FIELDS)}

# Keys MkDocs/Material understand; allowed so authors can still use them.
PASSTHROUGH_KEYS = frozenset({"hide", "template", "search", "description", "icon", "status", "tags", "comments"})

DATE_HINT = ("日期写成 YYYY-MM-DD，例如 {example}（不要写成“2026年3月2日”或“2026/3/2”）；"
             "需要时间的写成 \"YYYY-MM-DD HH:MM\"（北京时间）")
_LOOSE_DATE = re.compile(r"^\s*(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?\s*$")


# Beijing time has had no daylight saving since 1991: a fixed +08:00 offset is exact and needs
# no tzdata (absent on Windows and slim containers). Same value as zwgk.core.clocks.SHANGHAI.
BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
# Strict ISO date or date-time with an optional offset, as text (a quoted value, or one YAML does
# not read as a timestamp such as ``2026-12-07 23:30`` without seconds). Loose spellings
# (``2026年3月2日``) are not guessed: the schema suggests the ISO form instead.
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def _parse_iso(value: str) -> dt.date | dt.datetime | None:
    text = value.strip()
    if not _ISO.match(text):
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def to_beijing(value: Any) -> dt.datetime | None:
    """The Beijing wall time of a front-matter date-time; None for a date alone or an invalid value.

    Everything is compared in Beijing time (UTC+8): ``2026-12-07T23:30:00-10:00`` is
    2026-12-08 17:30 in Beijing. A value without an offset is Beijing time already (what a clerk
    writes). The result is aware (tzinfo = :data:`BEIJING`).
    """
    parsed = _parse_iso(value) if isinstance(value, str) else value
    if not isinstance(parsed, dt.datetime):
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=BEIJING)
    return parsed.astimezone(BEIJING)


def coerce_date(value: Any) -> dt.date | None:
    """The Beijing calendar date of a date or date-time value (YAML or a strict ISO string).

    The date is the one deadlines, ``is_public`` and the catalogue use, so a value with an offset
    must be converted first: its own wall date can be a day off.
    """
    if type(value) is dt.date:
        return value  # the common case (YAML dates, 90,000 calls a check), answered as below
    moment = to_beijing(value)
    if moment is not None:
        return moment.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        parsed = _parse_iso(value)
        return parsed if isinstance(parsed, dt.date) and not isinstance(parsed, dt.datetime) else None
    return None


def suggest_date(value: Any) -> str | None:
    """A corrected ISO form of a loosely written date, if it is a real date."""
    m = _LOOSE_DATE.match(str(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def parse_datetime(value: Any) -> dt.datetime | None:
    """Accept YAML timestamps and ISO 'YYYY-MM-DD HH:MM[:SS][±HH:MM]' strings, as Beijing time.

    A quoted date alone (``"2026-09-07"``) is midnight, as the clocks read it (to_shanghai).
    """
    moment = to_beijing(value)
    if moment is None and isinstance(value, str) and isinstance(day := _parse_iso(value), dt.date):
        return dt.datetime(day.year, day.month, day.day, tzinfo=BEIJING)
    return moment


_TEXT_TYPES = ("str", "text")
_REQUIRED: dict[str, tuple[FieldSpec, ...]] = {}


def _required(kind: str) -> tuple[FieldSpec, ...]:
    """The fields an item of ``kind`` must have, in :data:`FIELDS` order (computed once per kind)."""
    specs = _REQUIRED.get(kind)
    if specs is None:
        specs = _REQUIRED[kind] = tuple(
            spec for spec in FIELDS.values()
            if (spec.required or kind in spec.required_kinds) and not (spec.kinds and kind not in spec.kinds))
    return specs


def validate_meta(meta: Mapping[str, Any], path: str, kind: str) -> list[Finding]:
    """Types, required fields and unknown keys; every finding names the field and an example."""
    out: list[Finding] = []
    for key, value in meta.items():
        spec = FIELDS.get(str(key))
        if spec is None:
            if key in PASSTHROUGH_KEYS:
                out.extend(check_page_field(str(key), value, path))
                continue
            close = closest(key, FIELDS)
            hint = (f"是否拼错了 {close}（{FIELDS[close].label}）？请改正字段名" if close
                    else "删除该字段；可用字段见《贡献指南》或运行 zwgk new --list")
            out.append(finding("schema.unknown_field", path, f"未知字段 {key}", hint, field=str(key)))
            continue
        if spec.kinds and kind not in spec.kinds:
            out.append(finding("schema.unknown_field", path, f"字段 {key}（{spec.label}）不适用于 {KINDS.get(kind, kind)}",
                               "删除该字段，或检查 kind 是否填写正确", field=str(key)))
            continue
        t = type(value)
        if (t is str and spec.type in _TEXT_TYPES and (spec.max_len is None or len(value) <= spec.max_len)) or (
                t is dt.date and spec.type == "date"):
            continue  # what _check_type accepts, answered without calling it (84,000 values at 10,000 items)
        out.extend(_check_type(spec, value, path))
        if key == "redirect_from" and isinstance(value, list):
            out.extend(check_redirect_names(value, path))
    for spec in _required(kind):
        if spec.key == "published" and meta.get("disclosure") in WITHHELD:
            continue  # 依申请公开 / 不予公开: never published, so no publication date to require
        if spec.key not in meta or meta[spec.key] in (None, "", []):
            out.append(
                finding("schema.missing", path, f"缺少字段 {spec.key}（{spec.label}）",
                        f"请在文件头部补充，例如 {spec.key}: {spec.example}", field=spec.key)
            )
    return out


def _check_type(spec: FieldSpec, value: Any, path: str) -> list[Finding]:
    def bad(msg: str, hint: str) -> list[Finding]:
        # The label only when needed: 84,000 calls at 10,000 items, almost all without a finding.
        return [finding("schema.type", path, f"{spec.key}（{spec.label}）{msg}", hint, field=spec.key)]

    if value is None:
        return []
    t = spec.type
    if t in ("str", "text"):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return bad("应为文字", f"例如 {spec.key}: {spec.example}")
        if spec.max_len is not None and len(str(value)) > spec.max_len:
            return bad(f"共 {len(str(value))} 字，超过 {spec.max_len} 字",
                       f"精简到 {spec.max_len} 字以内，详细内容写在正文里")
    elif t == "date":
        if coerce_date(value) is None:
            fix = suggest_date(value)
            hint = (f"改为 {spec.key}: {fix}" if fix else DATE_HINT.format(example=spec.example))
            return bad(f"不是有效日期：{value}", hint)
    elif t == "datetime":
        if parse_datetime(value) is None:
            return bad(f"不是有效的日期时间：{value}", f"写成 YYYY-MM-DD HH:MM，例如 {spec.key}: \"{spec.example}\"")
    elif t == "bool":
        if not isinstance(value, bool):
            return bad(f"应为 true 或 false，而不是 {value!r}", f"例如 {spec.key}: {spec.example}")
    elif t == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return bad("应为整数", f"例如 {spec.key}: {spec.example}")
    elif t == "enum":
        if value not in spec.choices:
            return bad(f"的值 {value!r} 不在可选范围内", "可选：" + "、".join(spec.choices))
    elif t == "list":
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            return bad("应为列表", f"例如 {spec.key}: {spec.example}")
    elif t == "mapping":
        if not isinstance(value, dict):
            return bad("应为映射", f"例如 {spec.example}")
    elif t == "attachments":
        if not isinstance(value, list):
            return bad("应为列表，每项包含 file 和 title", f"例如\nattachments:\n  {spec.example}")
        out: list[Finding] = []
        for i, att in enumerate(value):
            if not (isinstance(att, dict) and isinstance(att.get("file"), str) and att.get("file")):
                out.append(finding("schema.type", path, f"附件第 {i + 1} 项缺少 file（附件文件名）",
                                   f"写成 {spec.example}", field=f"attachments -> [{i}] -> file"))
            elif set(att) - {"file", "title"}:
                extra = "、".join(sorted(str(k) for k in set(att) - {"file", "title"}))
                out.append(finding("schema.unknown_field", path, f"附件第 {i + 1} 项有未知字段 {extra}",
                                   "附件只需 file 和 title 两项", field=f"attachments -> [{i}]"))
        return out
    return []


# -- fields that steer the page template (Task F, docs/site.md "Front matter the templates read") -----
# An item's page is rendered by the template zwgk chooses for its kind (item, withdrawn notice):
# that template prints the 信息公开 metadata table and the withdrawal notice, so an item choosing
# another one (``404.html``, ``zwgk/redirect.html``, a file that does not exist) could publish its
# text without them, or stop the build. ``template`` is therefore refused on items; the other
# MkDocs/Material keys are accepted only in the shapes Material reads, so no value reaches a
# template as a type it does not expect (``hide: 5`` raised a TypeError while rendering).
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
_ICON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+$")
_STATUS = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
# A redirect becomes a folder and an index.html in the site: what a file system accepts everywhere
# (Linux, Windows checkouts, web servers). NAME_MAX is 255 bytes per path segment.
SEGMENT_MAX_BYTES = 255
REDIRECT_MAX_BYTES = 1024
UNSAFE_PATH_CHARS = re.compile(r'[\x00-\x1f\x7f-\x9f<>"\'`|?*:\\#%\u2028\u2029\ufeff]')


def check_page_field(key: str, value: Any, path: str) -> list[Finding]:
    """The MkDocs/Material keys an item may carry (:data:`PASSTHROUGH_KEYS`), in the shapes allowed."""

    def bad(msg: str, hint: str) -> list[Finding]:
        return [finding("schema.type", path, f"{key} {msg}", hint, field=key)]

    if key == "template":
        return bad("字段：条目页面的模板由 zwgk 按信息类型决定，不能在文件头部指定",
                   "删除 template 字段；需要不同的版式请联系网站管理员修改 overrides/ 中的模板")
    if key == "hide":
        if not isinstance(value, list) or not all(isinstance(v, str) and v in HIDE_VALUES for v in value):
            return bad("应为列表，可选值：" + "、".join(HIDE_VALUES), "例如 hide: [toc]，不需要时删除该字段")
    elif key == "description":
        if not isinstance(value, str) or len(value) > 300:
            return bad("（页面描述）应为 300 字以内的文字", "例如 description: 本文件规定了…；通常不必填写，默认使用 summary")
    elif key == "icon":
        if not isinstance(value, str) or not _ICON.match(value):
            return bad("应为图标名称，例如 material/file-document", "删除该字段，或改为 Material 的图标名称")
    elif key == "status":
        if not isinstance(value, str) or not _STATUS.match(value):
            return bad("应为小写字母、数字或连字符组成的状态名", "例如 status: new，不需要时删除该字段")
    elif key == "tags":
        if not isinstance(value, list) or not all(isinstance(v, str) and 0 < len(v) <= 50 for v in value):
            return bad("应为文字列表（每项 50 字以内）", "例如 tags: [营商环境]")
    elif key == "comments":
        if not isinstance(value, bool):
            return bad("应为 true 或 false", "例如 comments: false")
    elif key == "search":
        ok = isinstance(value, dict) and set(value) <= {"exclude", "boost"} and (
            isinstance(value.get("exclude", False), bool)
            and isinstance(value.get("boost", 1), int | float) and not isinstance(value.get("boost", 1), bool))
        if not ok:
            return bad("应为 {exclude: true} 或 {boost: 2} 这样的映射", "例如 search: {exclude: true}")
    return []


def check_redirect_names(values: list[Any], path: str) -> list[Finding]:
    """Each ``redirect_from`` path must be writable as a folder on any file system: no control or
    reserved characters, no dot-folders (MkDocs and web servers skip them), segments ≤ 255 bytes."""
    out: list[Finding] = []
    for i, raw in enumerate(values):
        chain = f"redirect_from -> [{i}]"
        text = str(raw)
        shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text[:60]) + ("…" if len(text) > 60 else "")
        problem = ""
        if (m := UNSAFE_PATH_CHARS.search(text)) is not None:
            char = m.group()
            problem = f"含有不能用于网址路径的字符 {char!r}" if char.isprintable() else f"含有控制字符 \\x{ord(char):02x}"
        elif len(text.encode("utf-8")) > REDIRECT_MAX_BYTES:
            problem = f"过长（{len(text.encode('utf-8'))} 字节，上限 {REDIRECT_MAX_BYTES}）"
        elif any(len(seg.encode("utf-8")) > SEGMENT_MAX_BYTES for seg in text.split("/")):
            problem = f"有一段超过 {SEGMENT_MAX_BYTES} 字节（文件系统不能建立这样的文件夹）"
        elif any(seg.startswith(".") and seg not in (".", "..") for seg in text.strip("/").split("/")):
            problem = "有以 . 开头的文件夹（不会发布）"
        if problem:
            out.append(finding("schema.type", path, f"原网址 {shown} {problem}",
                               "写迁移前的相对路径，只用字母、数字、汉字、- _ 和 /，例如 redirect_from: [zcwj/old-name/]",
                               field=chain))
    return out
