"""The ``zwgk`` plugin options: one schema, used by the MkDocs build and by the CLI alike.

The options live in ``mkdocs.yml`` under ``plugins: - zwgk: {...}``. The CLI reads the same
block (see :mod:`zwgk.core.mkdocs_yml`), so a rule can never be configured differently for the
build and for ``zwgk check``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding, Severity, finding


@dataclass(frozen=True)
class Option:
    type: type | tuple[type, ...]
    default: Any
    doc: str


# name -> Option. The docstring of each option is shown by `zwgk config --help`-style docs.
OPTIONS: dict[str, Option] = {
    "org_code": Option(str, "", "机构代码：索引号的前缀，例如统一社会信用代码中的组织机构代码"),
    "publisher": Option(str, "", "默认发布机构名称，条目未填写 publisher 时使用"),
    "index_scheme": Option(str, "{org_code}/{yyyy}-{nnnnn}", "索引号编制规则，可用 {org_code} {yyyy} {nnnnn}"),
    "columns_file": Option(str, "governance/columns.yml", "栏目任务分解表（不发布）"),
    "reviews_dir": Option(str, "governance/reviews", "信息发布审查表所在目录（不发布）"),
    "calendar_dir": Option(str, "governance/calendar", "本单位补充的节假日安排（每年 11 月录入次年）"),
    "interpretations_dir": Option(str, "interpretations", "政策解读（解读方案、解读材料、图解）所在目录"),
    "interpretation_column": Option(str, "zcjd", "发布解读材料的栏目（政策解读）"),
    "timeliness_workdays": Option(int, 5, "主动公开时限：信息形成或变更后多少个工作日内发布"),
    "urgent_workdays": Option(int, 0, "重要紧急事项的时限（0 = 当日）"),
    "legal_workdays": Option(int, 20, "《政府信息公开条例》第二十六条的法定上限（工作日）"),
    "timeliness_severity": Option(str, "warning", "逾期发布的严重程度：warning（默认，照常发布）或 error（阻止构建）"),
    "today": Option((dt.date, str, type(None)), None, "固定“今天”（测试与补建用）；也可用环境变量 ZWGK_TODAY"),
    "scan": Option(dict, {}, "自动保密审查的设置（允许的外链域名、错敏词补充等）"),
    "tujie": Option(dict, {}, "图解与图片设置（图片像素、大小上限等）"),
    "tujie_font": Option((str, type(None)), None, "图解使用的中文字体文件（.ttf/.otf/.ttc，相对仓库根目录）；留空则自动查找系统字体"),
    "clocks": Option(dict, {}, "意见征集、舆情回应、栏目更新等时钟的设置"),
    "interpretation_scope": Option(dict, {}, "需要政策解读的范围：kinds、genres、doc_no_prefixes（见 zwgk.core.interpretation_scope）"),
    "pages": Option(dict, {}, "公开页面设置（每页条数、订阅等）"),
    "guide": Option(dict, {}, "政府信息公开指南的识别（genres、paths）与法定主动公开内容清单（statutory_file），见 zwgk.core.guide"),
    "inspection_divisions": Option((list, type(None)), None,
                                   "每月 29 日前向综合处报送督查情况的处室（默认见 zwgk.core.inspections）"),
    "review": Option(dict, {}, "审查流程设置：forbid_self_review、general_office、distinct_roles、history_start（见 ReviewOptions）"),
}


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
    forbid_self_review: bool = True
    # The division that reviews and merges; owns governance/, mkdocs.yml, plugins/, .github/ in CODEOWNERS.
    general_office: str = "综合处"
    # Roles of the 信息发布审查表 that must be signed by different people (names compared after
    # normalisation: traditional/simplified, full-width, spaces and interpuncts). Written as the office
    # names them: 经办人, 处室负责人, 保密审查人, 分管领导 (or handler, division_head, secrecy, leader).
    # Default: all four different. An office where e.g. the 处室负责人 is also the 保密审查人 lists
    # the roles that must still differ: [经办人, 处室负责人, 分管领导]; [] switches the check off.
    # Stored as record keys.
    distinct_roles: tuple[str, ...] = ("handler", "division_head", "secrecy", "leader")
    # Git commits before this day are the import of content that existed (with its paper review
    # records) before the repository: a signature dated before it is compared with the imported
    # version, not with the import commit's date. None: the whole history counts.
    history_start: dt.date | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str) -> tuple[ReviewOptions, list[Finding]]:
        problems: list[Finding] = []
        values: dict[str, Any] = {}
        types: dict[str, type | tuple[type, ...]] = {"forbid_self_review": bool, "general_office": str,
                                                      "distinct_roles": list, "history_start": (dt.date, str)}
        examples = {"forbid_self_review": "true", "general_office": "综合处",
                    "distinct_roles": "[经办人, 处室负责人, 保密审查人, 分管领导]", "history_start": "2026-01-01"}
        for key, value in data.items():
            chain = f"plugins -> zwgk -> review -> {key}"
            want = types.get(str(key))
            if str(key) in REVIEW_REMOVED:
                problems.append(finding("config.removed", where, f"审查设置项 review -> {key} 已废止：{REVIEW_REMOVED[str(key)]}",
                                        f"从 mkdocs.yml 中删除 {key}", field=chain))
            elif want is None:
                close = difflib.get_close_matches(str(key), types, n=1)
                hint = f"是否想写 {close[0]}？" if close else "可用：" + "、".join(types)
                problems.append(finding("config.unknown", where, f"未知的审查设置项 review -> {key}", hint, field=chain))
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


@dataclass(frozen=True)
class SiteConfig:
    org_code: str = ""
    publisher: str = ""
    index_scheme: str = OPTIONS["index_scheme"].default
    columns_file: str = "governance/columns.yml"
    reviews_dir: str = "governance/reviews"
    calendar_dir: str = "governance/calendar"
    interpretations_dir: str = "interpretations"
    interpretation_column: str = "zcjd"
    timeliness_workdays: int = 5
    urgent_workdays: int = 0
    legal_workdays: int = 20
    timeliness_severity: Severity = "warning"
    today: dt.date | None = None
    scan: Mapping[str, Any] = field(default_factory=dict)
    tujie: Mapping[str, Any] = field(default_factory=dict)
    tujie_font: str | None = None
    clocks: Mapping[str, Any] = field(default_factory=dict)
    interpretation_scope: Mapping[str, Any] = field(default_factory=dict)
    pages: Mapping[str, Any] = field(default_factory=dict)
    guide: Mapping[str, Any] = field(default_factory=dict)
    inspection_divisions: list[Any] | None = None
    review: ReviewOptions = field(default_factory=ReviewOptions)
    docs_dir: str = "content"

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
                close = difflib.get_close_matches(str(key), OPTIONS, n=1)
                hint = f"是否想写 {close[0]}？" if close else "删除该项，可用的设置见 README"
                problems.append(finding("config.unknown", where, f"未知的设置项 {key}", hint, field=chain))
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
