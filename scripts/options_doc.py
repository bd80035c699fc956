#!/usr/bin/env python3
"""Write the options reference (docs/options.md) from the declarations in zwgk.core.options.

    python scripts/options_doc.py           # print the page
    python scripts/options_doc.py --write   # refresh docs/options.md
    python scripts/options_doc.py --check   # exit 1 if docs/options.md is out of date (tests run this)

The page is generated, never edited by hand: the declarations are what the build and ``zwgk check``
validate against, so the page an office reads cannot drift from what the plugin accepts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from zwgk.core.options import SECTIONS, Option  # noqa: E402

PAGE = REPO / "docs" / "options.md"
TYPE_NAMES: dict[type, str] = {str: "文字", int: "整数", bool: "true / false", list: "列表", dict: "映射",
                               dt.date: "日期", type(None): "留空"}


def type_name(opt: Option) -> str:
    types = opt.type if isinstance(opt.type, tuple) else (opt.type,)
    # A date may also be written as text (YYYY-MM-DD): one reader-facing type, not two.
    names = dict.fromkeys(TYPE_NAMES[t] for t in types if not (t is str and dt.date in types))
    text = " 或 ".join(names)
    if opt.minimum is not None and opt.maximum is not None:
        text += f"（{opt.minimum}～{opt.maximum}）"
    elif opt.minimum is not None:
        text += f"（≥ {opt.minimum}）"
    return text


def default_text(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return "`[" + ", ".join(map(str, value)) + "]`"
    return f"`{value}`"


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    out = [
        "# zwgk 设置参考",
        "",
        "<!-- 本页由 scripts/options_doc.py 根据 plugins/zwgk/core/options.py 生成，请勿手工修改；"
        "修改设置项后运行 python scripts/options_doc.py --write。 -->",
        "",
        "所有设置写在 mkdocs.yml 的 zwgk 插件下。`mkdocs build` 与 `zwgk check` 使用同一份设置说明核对："
        "写错的设置项、类型或取值不对都会报告（指出文件、设置项和改法），不会被悄悄忽略。",
        "",
        "```yaml",
        "plugins:",
        "  - zwgk:",
        "      org_code: \"11459900MB0012345X\"",
        "      publisher: 示例市政务服务管理办公室",
        "      pages: {page_size: 20}",
        "```",
    ]
    for section in SECTIONS:
        out += ["", f"## {section.title}", "", section.intro, "",
                "| 设置项 | 类型 | 默认值 | 说明 |", "| --- | --- | --- | --- |"]
        for opt in section.options:
            out.append(f"| `{opt.name}` | {type_name(opt)} | {cell(default_text(opt.default))} | {cell(opt.doc)} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="refresh docs/options.md")
    mode.add_argument("--check", action="store_true", help="exit 1 if docs/options.md is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.write:
        PAGE.write_text(text, encoding="utf-8")
        return 0
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
        if current != text:
            print(f"{PAGE.relative_to(REPO)} 已过期：运行 python scripts/options_doc.py --write", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
