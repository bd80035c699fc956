"""What ``mkdocs build`` says, line for line, on sites of one item.

The other build tests run the demo and look for a phrase in the log; a changed, doubled or lost
line passes them. Here, as in MkDocs' own tests, the whole log of a tiny site is the expectation:
every line the clerk or the CI log sees, in order. Only what changes from run to run (the staging
folder's random name, timings) is replaced by ``*``.

The builds run in one process (``ZWGK_FORK=0``): the search index is then written at a fixed point
of the build, so the order of the lines is fixed too. With forking the index is written by a process
of its own and its line comes whenever that process finishes; the last test checks that the lines
are the same there, in whatever order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from support import REPO, mkdocs_build, resign

TODAY = dt.date(2026, 4, 10)
ITEM = "content/gzdt/2026-001.md"
MKDOCS_YML = f"""\
site_name: 测试站点
site_url: https://example.gov.cn/
docs_dir: content
theme:
  name: material
  language: zh
  custom_dir: {(REPO / "overrides").as_posix()}
  font: false
plugins:
  - zwgk:
      org_code: "11459900MB0012345X"
      publisher: 测试办
      columns_file: governance/columns.yml
"""
COLUMNS_YML = """\
divisions:
  - {name: 综合处, team: "@t/z"}
columns:
  - slug: gzdt
    name: 工作动态
    type: 工作动态
    description: 工作动态
    keywords: [工作动态]
    divisions: [综合处]
"""
ITEM_MD = """\
---
title: 一条消息
index_no: 11459900MB0012345X/2026-00001
division: 综合处
genre: 工作动态
topic: 综合政务\\政务公开
summary: 一条消息。
formed: 2026-04-08
published: 2026-04-09
---

{body}
"""
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # no upgrade banners in the log


def tiny_site(root: Path, *, body: str = "正文。", reviewed: bool = True) -> Path:
    """mkdocs.yml, a one-column task table, a home page and one 工作动态 item; reviewed unless told."""
    (root / "content/gzdt").mkdir(parents=True)
    (root / "governance").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "governance/columns.yml").write_text(COLUMNS_YML, encoding="utf-8")
    (root / "content/index.md").write_text("# 首页\n", encoding="utf-8")
    (root / ITEM).write_text(ITEM_MD.format(body=body), encoding="utf-8")
    if reviewed:
        for path in ("content/index.md", ITEM):
            resign(root, path, TODAY)
    return root


def log_lines(root: Path, *, fork: str = "0") -> tuple[int, list[str]]:
    proc = mkdocs_build(root, today=TODAY, extra_env={**QUIET, "ZWGK_FORK": fork})
    text = proc.stderr.replace(str(root), "<root>")
    text = re.sub(r"\.zwgk-build-[A-Za-z0-9_]+", ".zwgk-build-*", text)
    text = re.sub(r"\d+\.\d+ s（", "* s（", text)
    text = re.sub(r"built in \d+\.\d+ seconds", "built in * seconds", text)
    return proc.returncode, text.splitlines()


BUILT = [
    "INFO    -  zwgk: 1 条信息通过检查",
    "INFO    -  Cleaning site directory",
    "INFO    -  Building documentation to directory: <root>/.zwgk-build-*/site",
    "INFO    -  zwgk: 站内搜索索引：1 个页面，5 个文件",
    "INFO    -  zwgk: 发布内容检查：6 个页面，处理器时间 * s（各进程合计）",
    "INFO    -  Documentation built in * seconds",
]


def test_a_reviewed_item_builds(tmp_path: Path) -> None:
    root = tiny_site(tmp_path / "site-a")
    assert log_lines(root) == (0, BUILT)
    assert (root / "site/gzdt/2026-001/index.html").is_file()


def test_an_unreviewed_item_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    root = tiny_site(tmp_path / "site-b", reviewed=False)
    assert log_lines(root) == (1, [
        "ERROR   -  zwgk 检查发现 2 个问题，已停止构建（网站未更新）：",
        "  content/gzdt/2026-001.md: [错误] review.missing 字段 review：待综合处审查：没有信息发布审查表，不能发布"
        " 处理：由综合处审查后运行 zwgk review content/gzdt/2026-001.md 生成审查表"
        "（保存在 governance/reviews/content/gzdt/2026-001.yml）",
        "  content/index.md: [错误] review.missing 字段 review：待综合处审查：没有信息发布审查表，不能发布"
        " 处理：由综合处审查后运行 zwgk review content/index.md 生成审查表（保存在 governance/reviews/content/index.yml）",
        "修正后重新构建；也可运行 zwgk check 查看全部问题。",
    ])
    assert not (root / "site").exists()


def test_a_broken_link_is_named_with_its_line(tmp_path: Path) -> None:
    root = tiny_site(tmp_path / "site-c", body="正文，见[另一条](nope.md)。")
    assert log_lines(root) == (1, [
        "ERROR   -  zwgk 检查发现 1 个问题，已停止构建（网站未更新）：",
        "  content/gzdt/2026-001.md:12: [错误] link.broken 字段 正文：链接 nope.md 的目标不存在"
        " 处理：检查文件名和相对路径（../ 表示上一级栏目），链接到信息请写 ../栏目/文件名.md",
        "修正后重新构建；也可运行 zwgk check 查看全部问题。",
    ])


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this system")
def test_forked_build_says_the_same_lines(tmp_path: Path) -> None:
    root = tiny_site(tmp_path / "site-d")
    code, lines = log_lines(root, fork="1")
    assert code == 0 and Counter(lines) == Counter(BUILT)
