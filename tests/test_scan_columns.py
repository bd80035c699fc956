"""The 栏目任务分解表 (governance/columns.yml) is published in part: column names, descriptions,
types and keywords on the column pages, the home page, the navigation, the feeds and the Column*
meta tags, slugs in every URL. ``zwgk check`` scans that text with the front-matter detectors, and
the finding names governance/columns.yml, the field chain core/columns.py uses and the line."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import copy_demo, run_check
from zwgk.core.rules.scan import column_texts

COLUMNS = "governance/columns.yml"
DESCRIPTION = "description: 本机关政务公开工作的制度规定"  # the zfxxgkzd column of the demo


def edit(root: Path, old: str, new: str) -> int:
    path = root / COLUMNS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "rule", "field"), [
    (DESCRIPTION, DESCRIPTION + "，联系人手机 13812345678", "privacy.mobile", "columns -> zfxxgkzd -> description"),
    ("name: 政府信息公开制度", "name: 政府信息公开制度（机密★10年）", "secrecy.mark", "columns -> zfxxgkzd -> name"),
    ("keywords: [政务公开制度, 工作机制]", "keywords: [政务公开制度, 手机 13912345678]", "privacy.mobile",
     "columns -> zfxxgkzd -> keywords"),
], ids=["description", "name", "keywords"])
def test_personal_data_in_columns_yml_is_reported_there(tmp_path: Path, old: str, new: str, rule: str,
                                                       field: str) -> None:
    root = copy_demo(tmp_path / "site")
    line = edit(root, old, new)
    found = [f for f in run_check(root).findings if f.rule == rule]
    assert [(f.path, f.field, f.line, f.severity) for f in found] == [(COLUMNS, field, line, "error")], found
    assert "栏目任务分解表" in found[0].message
    assert "13812345678" not in found[0].message + found[0].hint  # masked, as everywhere


def test_clean_twin_passes(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "site")
    edit(root, DESCRIPTION, DESCRIPTION + "，咨询电话 0000-12345678（办公电话），工作日 9:00—17:00")
    result = run_check(root)
    assert not [f for f in result.findings if f.path == COLUMNS], result.findings
    assert not [f for f in result.findings if f.severity == "error"], result.findings


def test_public_fields_are_named_like_the_column_loader_names_them() -> None:
    data = {
        "divisions": [{"name": "综合处", "team": "@org/zhc"}, "办公室"],
        "columns": [{"slug": "zcwj", "name": "政策文件", "type": "政策文件", "description": "说明",
                     "keywords": ["a"], "divisions": ["综合处"], "update_period": "1年"},
                    {"name": "无标识"}],
    }
    assert column_texts(data) == {
        "divisions -> [0] -> name": "综合处", "divisions -> [1] -> name": "办公室",
        "columns -> zcwj -> slug": "zcwj", "columns -> zcwj -> name": "政策文件", "columns -> zcwj -> type": "政策文件",
        "columns -> zcwj -> description": "说明", "columns -> zcwj -> keywords": ["a"],
        "columns -> [1] -> name": "无标识",
    }
    assert column_texts(None) == {} and column_texts({"columns": "x", "divisions": 3}) == {}
