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
    "tujie": Option(dict, {}, "图解设置（字体路径等）"),
    "clocks": Option(dict, {}, "意见征集、舆情回应、栏目更新等时钟的设置"),
    "pages": Option(dict, {}, "公开页面设置（每页条数、订阅等）"),
}


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
    clocks: Mapping[str, Any] = field(default_factory=dict)
    pages: Mapping[str, Any] = field(default_factory=dict)
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
