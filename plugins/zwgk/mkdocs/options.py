"""The ``pages:`` option of the zwgk plugin (public page settings), validated key by key.

``SiteConfig.pages`` only checks that the option is a mapping; its keys belong to the public site
and are checked here, with the same kind of finding as every other configuration problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from ..core.findings import Finding, finding

# key -> (default, minimum, maximum, Chinese description)
_INT_OPTIONS: dict[str, tuple[int, int, int, str]] = {
    "page_size": (20, 1, 500, "栏目列表每页条数"),
    "home_items": (10, 1, 100, "首页“最新信息”条数"),
    "column_preview": (5, 0, 50, "栏目首页中每个子栏目显示的最新条数"),
    "feed_items": (50, 1, 500, "每个订阅源（Atom）的条数"),
    "catalogue_newest": (50, 1, 1000, "目录页面不用脚本时显示的最新条数"),
    "catalogue_page_size": (100, 10, 2000, "按年目录页面每页条数"),
    "workers": (0, 0, 16, "渲染进程数（0 = 自动：条目页面 300 个以上时每个处理器核心一个进程，最多 4 个；1 = 单进程）"),
}
_BOOL_OPTIONS: dict[str, tuple[bool, str]] = {
    "search": (True, "站内搜索；关闭后不生成搜索索引、页头不显示搜索框"),
}


@dataclass(frozen=True)
class PagesOptions:
    page_size: int = 20
    home_items: int = 10
    column_preview: int = 5
    feed_items: int = 50
    catalogue_newest: int = 50
    catalogue_page_size: int = 100
    workers: int = 0
    search: bool = True


assert {f.name for f in fields(PagesOptions)} == set(_INT_OPTIONS) | set(_BOOL_OPTIONS)


def parse_pages(raw: Mapping[str, Any] | None, where: str = "mkdocs.yml") -> tuple[PagesOptions, list[Finding]]:
    problems: list[Finding] = []
    values: dict[str, Any] = {}
    known = [*_INT_OPTIONS, *_BOOL_OPTIONS]
    for key, value in (raw or {}).items():
        chain = f"plugins -> zwgk -> pages -> {key}"
        if key in _INT_OPTIONS:
            default, low, high, doc = _INT_OPTIONS[key]
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                problems.append(finding("config.value", where, f"pages.{key}（{doc}）应为 {low}～{high} 的整数，而不是 {value!r}",
                                        f"例如 {key}: {default}", field=chain))
                continue
        elif key in _BOOL_OPTIONS:
            default_b, doc = _BOOL_OPTIONS[key]
            if not isinstance(value, bool):
                problems.append(finding("config.value", where, f"pages.{key}（{doc}）应为 true 或 false",
                                        f"例如 {key}: {str(default_b).lower()}", field=chain))
                continue
        else:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"是否想写 {close[0]}？" if close else "可用的设置：" + "、".join(known)
            problems.append(finding("config.unknown", where, f"pages 下有未知的设置项 {key}", hint, field=chain))
            continue
        values[str(key)] = value
    return PagesOptions(**values), problems
