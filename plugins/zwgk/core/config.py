"""The ``zwgk`` plugin options: one schema, used by the MkDocs build and by the CLI alike.

The options live in ``mkdocs.yml`` under ``plugins: - zwgk: {...}``; each is declared once in
:mod:`zwgk.core.options`. The CLI reads the same block (:func:`zwgk.core.project.load_project`),
so a rule can never be configured differently for the build and for ``zwgk check``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from .findings import Finding, Severity, finding
from .guide import GuideOptions, parse_guide
from .interpretation_scope import InterpretationScope, parse_scope
from .options import PAGES, PLUGIN, REVIEW, TUJIE, Option, Section, unknown_key

if TYPE_CHECKING:
    from .clocks.settings import ClockSettings
    from .scan.config import ScanConfig

# name -> Option: the plugin's own options, declared in :mod:`zwgk.core.options`.
OPTIONS: dict[str, Option] = {opt.name: opt for opt in PLUGIN.options}


# Roles of the 信息发布审查表 by the name the office uses (or the record's key) -> record key.
REVIEW_ROLES: dict[str, str] = {
    "经办人": "handler", "处室负责人": "division_head", "保密审查人": "secrecy", "分管领导": "leader",
    "handler": "handler", "division_head": "division_head", "secrecy": "secrecy", "secrecy_reviewer": "secrecy",
    "leader": "leader",
}
REVIEW_REMOVED = {
    "urgent_followup_workdays": "重要紧急信息“先发布、后补审”的做法已取消（发布前应填写信息发布审查表进行保密审查，"
                                "紧急事项当日审查、当日发布），该设置不再有效",
}


@dataclass(frozen=True)
class ReviewOptions:
    """``review:`` — how the general office reviews (``zwgk review``, the review gate, CODEOWNERS)."""

    # 综合处 may not sign off an item its own reviewer wrote (审查人与作者不能是同一人).
    forbid_self_review: bool = REVIEW.defaults["forbid_self_review"]
    # The division that reviews and merges; owns governance/, mkdocs.yml, plugins/, .github/ in CODEOWNERS.
    general_office: str = REVIEW.defaults["general_office"]
    # Roles of the 信息发布审查表 that must be signed by different people (names compared after
    # normalisation: traditional/simplified, full-width, spaces and interpuncts). Written as the office
    # names them: 经办人, 处室负责人, 保密审查人, 分管领导 (or handler, division_head, secrecy, leader).
    # Default: all four different. An office where e.g. the 处室负责人 is also the 保密审查人 lists
    # the roles that must still differ: [经办人, 处室负责人, 分管领导]; [] switches the check off.
    # Stored as record keys.
    distinct_roles: tuple[str, ...] = tuple(REVIEW_ROLES[r] for r in REVIEW.defaults["distinct_roles"])
    # Git commits before this day are the import of content that existed (with its paper review
    # records) before the repository: a signature dated before it is compared with the imported
    # version, not with the import commit's date. None: the whole history counts.
    history_start: dt.date | None = REVIEW.defaults["history_start"]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str) -> tuple[ReviewOptions, list[Finding]]:
        problems: list[Finding] = []
        values: dict[str, Any] = {}
        types = {opt.name: opt.type for opt in REVIEW.options}
        examples = {"forbid_self_review": "true", "general_office": "综合处",
                    "distinct_roles": "[经办人, 处室负责人, 保密审查人, 分管领导]", "history_start": "2026-01-01"}
        for key, value in data.items():
            chain = f"plugins -> zwgk -> review -> {key}"
            want = types.get(str(key))
            if str(key) in REVIEW_REMOVED:
                problems.append(finding("config.removed", where, f"审查设置项 review -> {key} 已废止：{REVIEW_REMOVED[str(key)]}",
                                        f"从 mkdocs.yml 中删除 {key}", field=chain))
            elif want is None:
                problems.append(unknown_key(key, types, where, chain, f"未知的审查设置项 review -> {key}"))
            elif value is None and REVIEW[str(key)].default is None:
                continue
            elif not isinstance(value, want) or (want is bool) != isinstance(value, bool):
                problems.append(finding("config.type", where, f"审查设置项 review -> {key} 的类型不对（{type(value).__name__}）",
                                        f"例如 {key}: {examples[str(key)]}", field=chain))
            elif isinstance(value, str) and not value.strip():
                problems.append(finding("config.value", where, f"review -> {key} 不能为空", f"例如 {key}: {examples[str(key)]}",
                                        field=chain))
            elif key == "distinct_roles":
                assert isinstance(value, list)
                roles = [REVIEW_ROLES.get(str(r).strip()) for r in value]
                unknown = [str(r) for r, k in zip(value, roles, strict=True) if k is None]
                if unknown:
                    problems.append(finding("config.value", where, f"review -> distinct_roles 中有未知的角色：{'、'.join(unknown)}",
                                            "可用：经办人、处室负责人、保密审查人、分管领导", field=chain))
                else:
                    values["distinct_roles"] = tuple(dict.fromkeys(k for k in roles if k))
            elif key == "history_start":
                day = value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None
                if isinstance(value, str):
                    try:
                        day = dt.date.fromisoformat(value.strip())
                    except ValueError:
                        day = None
                if day is None:
                    problems.append(finding("config.value", where, f"review -> history_start 不是有效日期：{value}",
                                            "写成 YYYY-MM-DD", field=chain))
                else:
                    values["history_start"] = day
            else:
                values[str(key)] = value.strip() if isinstance(value, str) else value
        return cls(**values), problems


def _bounded_ints(section: Section, raw: Mapping[str, Any], where: str) -> tuple[dict[str, Any], list[Finding]]:
    """Read a section of integer (and true/false) options against their declared bounds.

    A bad value keeps its default and becomes a finding; an unknown key gets the shared
    "did you mean" finding. Used for ``pages:`` and ``tujie:``, whose keys are all plain numbers
    or switches.
    """
    problems: list[Finding] = []
    values: dict[str, Any] = {}
    for key, value in raw.items():
        chain = f"plugins -> zwgk -> {section.key} -> {key}"
        if str(key) not in section:
            problems.append(unknown_key(key, section.names, where, chain, f"{section.key} 下有未知的设置项 {key}"))
            continue
        opt = section[str(key)]
        if opt.type is bool:
            if not isinstance(value, bool):
                problems.append(finding("config.value", where, f"{section.key}.{key}（{opt.doc}）应为 true 或 false",
                                        f"例如 {key}: {str(opt.default).lower()}", field=chain))
                continue
        elif (isinstance(value, bool) or not isinstance(value, int)
              or (opt.minimum is not None and value < opt.minimum)
              or (opt.maximum is not None and value > opt.maximum)):
            span = (f"{opt.minimum}～{opt.maximum} 的整数" if opt.maximum is not None
                    else f"不小于 {opt.minimum} 的整数")
            problems.append(finding("config.value", where, f"{section.key}.{key}（{opt.doc}）应为 {span}，而不是 {value!r}",
                                    f"例如 {key}: {opt.default}", field=chain))
            continue
        values[str(key)] = value
    return values, problems


@dataclass(frozen=True)
class PagesOptions:
    """``pages:`` — how the public pages are cut (list sizes, feeds, catalogue) and rendered."""

    page_size: int = PAGES.defaults["page_size"]
    home_items: int = PAGES.defaults["home_items"]
    column_preview: int = PAGES.defaults["column_preview"]
    feed_items: int = PAGES.defaults["feed_items"]
    catalogue_newest: int = PAGES.defaults["catalogue_newest"]
    catalogue_page_size: int = PAGES.defaults["catalogue_page_size"]
    workers: int = PAGES.defaults["workers"]
    search: bool = PAGES.defaults["search"]

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], where: str) -> tuple[PagesOptions, list[Finding]]:
        values, problems = _bounded_ints(PAGES, raw, where)
        return cls(**values), problems


@dataclass(frozen=True)
class TujieOptions:
    """``tujie:`` — limits for pictures in content (图解 and photographs alike)."""

    max_side: int = TUJIE.defaults["max_side"]
    max_pixels: int = TUJIE.defaults["max_pixels"]
    max_bytes: int = TUJIE.defaults["max_bytes"]

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], where: str) -> tuple[TujieOptions, list[Finding]]:
        values, problems = _bounded_ints(TUJIE, raw, where)
        return cls(**values), problems


# The dataclasses and their declarations must name the same options (a field without a
# declaration would be missing from docs/options.md; a declaration without a field could not be set).
for _cls, _section in ((PagesOptions, PAGES), (TujieOptions, TUJIE), (ReviewOptions, REVIEW)):
    assert {f.name for f in fields(_cls)} == set(_section.names), _cls


# ``clocks:`` and ``scan:`` are parsed by the packages that use them, and those packages import the
# model, which imports this module: they are imported when first needed, not when this module loads.
def _clock_settings() -> ClockSettings:
    from .clocks.settings import ClockSettings

    return ClockSettings()


def _scan_config() -> ScanConfig:
    from .scan.config import ScanConfig

    return ScanConfig()


def _parse_clocks(raw: Mapping[str, Any], where: str) -> tuple[ClockSettings, list[Finding]]:
    from .clocks.settings import parse_settings

    return parse_settings(raw, where)


def _parse_scan(raw: Mapping[str, Any], where: str) -> tuple[ScanConfig, list[Finding]]:
    from .scan.config import ScanConfig

    return ScanConfig.from_mapping(raw, where)


@dataclass(frozen=True)
class SiteConfig:
    """The plugin options, parsed once (:meth:`from_mapping`) for the build and the CLI alike.

    Defaults come from :data:`zwgk.core.options.PLUGIN`. Every nested section (``pages``, ``tujie``,
    ``review``, ``clocks``, ``scan``, ``guide``, ``interpretation_scope``) is parsed here into its own
    frozen dataclass, and all their problems are reported here, once: the rules read the parsed
    values and never re-validate them.
    """

    org_code: str = PLUGIN.defaults["org_code"]
    publisher: str = PLUGIN.defaults["publisher"]
    index_scheme: str = PLUGIN.defaults["index_scheme"]
    columns_file: str = PLUGIN.defaults["columns_file"]
    reviews_dir: str = PLUGIN.defaults["reviews_dir"]
    calendar_dir: str = PLUGIN.defaults["calendar_dir"]
    interpretations_dir: str = PLUGIN.defaults["interpretations_dir"]
    interpretation_column: str = PLUGIN.defaults["interpretation_column"]
    timeliness_workdays: int = PLUGIN.defaults["timeliness_workdays"]
    urgent_workdays: int = PLUGIN.defaults["urgent_workdays"]
    legal_workdays: int = PLUGIN.defaults["legal_workdays"]
    timeliness_severity: Severity = PLUGIN.defaults["timeliness_severity"]
    today: dt.date | None = PLUGIN.defaults["today"]
    scan: ScanConfig = field(default_factory=_scan_config)
    tujie: TujieOptions = field(default_factory=TujieOptions)
    tujie_font: str | None = PLUGIN.defaults["tujie_font"]
    clocks: ClockSettings = field(default_factory=_clock_settings)
    interpretation_scope: InterpretationScope = field(default_factory=InterpretationScope)
    pages: PagesOptions = field(default_factory=PagesOptions)
    guide: GuideOptions = field(default_factory=GuideOptions)
    inspection_divisions: list[Any] | None = PLUGIN.defaults["inspection_divisions"]
    review: ReviewOptions = field(default_factory=ReviewOptions)
    docs_dir: str = "content"  # MkDocs' own docs_dir (not a zwgk option), relative to the repository

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None, where: str = "mkdocs.yml") -> tuple[SiteConfig, list[Finding]]:
        problems: list[Finding] = []
        values: dict[str, Any] = {}
        for key, value in (data or {}).items():
            chain = f"plugins -> zwgk -> {key}"
            opt = OPTIONS.get(str(key))
            if opt is None:
                if key in ("enabled",):
                    continue
                problems.append(unknown_key(key, OPTIONS, where, chain, f"未知的设置项 {key}",
                                            fallback="删除该项；可用的设置见 docs/options.md"))
                continue
            if value is None and opt.default is None:
                continue
            if not isinstance(value, opt.type) or (isinstance(value, bool) and opt.type is int):
                problems.append(
                    finding("config.type", where, f"设置项 {key} 的类型不对（{type(value).__name__}）",
                            f"{opt.doc}；默认值为 {opt.default!r}", field=chain)
                )
                continue
            values[str(key)] = value
        parsers: dict[str, Callable[[Mapping[str, Any], str], tuple[Any, list[Finding]]]] = {
            "pages": PagesOptions.from_mapping, "tujie": TujieOptions.from_mapping,
            "clocks": _parse_clocks, "scan": _parse_scan, "guide": parse_guide,
            "interpretation_scope": parse_scope,
        }
        for key, parser in parsers.items():
            if key in values:
                values[key], more = parser(values[key], where)
                problems.extend(more)
        if "review" in values:
            values["review"], review_problems = ReviewOptions.from_mapping(values["review"], where)
            problems.extend(review_problems)
        cfg = cls(**values)
        if cfg.timeliness_severity not in ("warning", "error"):
            problems.append(finding("config.value", where, "timeliness_severity 只能是 warning 或 error",
                                    "改为 warning 或 error", field="plugins -> zwgk -> timeliness_severity"))
            cfg = _replace(cfg, timeliness_severity="warning")
        if isinstance(cfg.today, str):
            try:
                cfg = _replace(cfg, today=dt.date.fromisoformat(cfg.today))
            except ValueError:
                problems.append(finding("config.value", where, f"today 不是有效日期：{cfg.today}",
                                        "写成 YYYY-MM-DD，例如 2026-03-10", field="plugins -> zwgk -> today"))
                cfg = _replace(cfg, today=None)
        for key in ("timeliness_workdays", "urgent_workdays", "legal_workdays"):
            if getattr(cfg, key) < 0:
                problems.append(finding("config.value", where, f"{key} 不能为负数", "填写 0 或正整数",
                                        field=f"plugins -> zwgk -> {key}"))
        if not cfg.org_code:
            problems.append(finding("config.missing", where, "缺少 org_code（机构代码，索引号前缀）",
                                    "在 mkdocs.yml 的 zwgk 插件下填写，例如 org_code: \"11450100MB0000000X\"",
                                    field="plugins -> zwgk -> org_code"))
        if not cfg.publisher:
            problems.append(finding("config.missing", where, "缺少 publisher（默认发布机构）",
                                    "例如 publisher: 示例市政务服务管理办公室", field="plugins -> zwgk -> publisher"))
        return cfg, problems


def _replace(cfg: SiteConfig, **changes: Any) -> SiteConfig:
    from dataclasses import replace

    return replace(cfg, **changes)
