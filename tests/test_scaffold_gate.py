"""Scaffold text is never publishable, and a blank review form is one line for 综合处 (issue #18).

Real ``zwgk`` processes and real strict MkDocs builds on a private copy of the demo.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from support import DEMO_ADVISORIES, mkdocs_build, run_check, zwgk
from test_workflow_new import ON, fill, fill_item, fill_tujie, scaffold, sign
from zwgk.core.placeholders import MARKERS, SUMMARY_EXAMPLE, TUJIE_FIGURE, TUJIE_NOTE
from zwgk.core.review import record as review_record

NEWS = "content/gzdt/2026-008.md"  # a reviewed demo item


def findings(root: Path) -> list[dict[str, object]]:
    proc = zwgk(root, "check", "--format", "json")
    assert "Traceback" not in proc.stderr
    return [f for f in json.loads(proc.stdout) if (f["rule"], f["path"]) not in DEMO_ADVISORIES]


def test_unedited_tujie_fails_check_and_strict_build_edited_passes(demo: Path) -> None:
    files = scaffold(demo, "policy", "zcwj", "示例市帮办代办管理办法", "--division", "政务服务处")
    tujie = next(f for f in files if f.endswith("tujie.yml"))
    # Everything a clerk is told to fill, except the 图解; 综合处 signs both items.
    fill_item(demo, [f for f in files if f != tujie])
    for item in (f for f in files if f.endswith(".md") and not f.endswith("plan.md")):
        assert zwgk(demo, "review", item, *sign()).returncode in (0, 1)

    left = findings(demo)
    assert [(f["rule"], f["path"], f["field"]) for f in left] == [
        ("scaffold.placeholder", tujie, "blocks[0] -> items[0] -> label"),
        ("scaffold.placeholder", tujie, "blocks[0] -> items[1] -> label")]
    assert TUJIE_FIGURE.text in str(left[0]["message"]) and TUJIE_NOTE.text in str(left[1]["message"])
    lines = (demo / tujie).read_text(encoding="utf-8").splitlines()
    assert TUJIE_FIGURE.text in lines[int(str(left[0]["line"])) - 1]
    build = mkdocs_build(demo)
    assert build.returncode == 1 and "scaffold.placeholder" in build.stdout + build.stderr

    fill_tujie(demo / tujie)
    material = next(f for f in files if f.endswith("material.md"))
    assert zwgk(demo, "review", material, *sign()).returncode == 0  # the 图解 is part of what was reviewed
    assert findings(demo) == []
    build = mkdocs_build(demo)
    assert build.returncode == 0, build.stderr[-3000:]


@pytest.mark.parametrize(("case", "summary", "draft", "expect"), [
    ("example copied as the summary", SUMMARY_EXAMPLE.text, False, True),
    ("example inside a longer summary", f"{SUMMARY_EXAMPLE.text}。", False, True),
    ("own words", "本市帮办代办服务的范围、方式和时限。", False, False),
    ("a draft never publishes", SUMMARY_EXAMPLE.text, True, False),
])
def test_summary_example_is_a_placeholder(demo: Path, case: str, summary: str, draft: bool, expect: bool) -> None:
    files = scaffold(demo, "plain", "gzdt", "测试动态", "--division", "综合处")
    fill(demo / files[0], summary=summary, formed=ON, published=ON, **({"draft": "true"} if draft else {}))
    hits = [f for f in run_check(demo).findings if f.rule == "scaffold.placeholder"]
    assert bool(hits) is expect, case
    if expect:
        assert hits[0].path == files[0] and hits[0].field == "summary" and hits[0].line is not None
        assert SUMMARY_EXAMPLE.text in hits[0].message


def test_placeholder_in_a_comment_or_body(demo: Path) -> None:
    item = demo / NEWS
    text = item.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    item.write_text(f"{head}\n# 例如 {TUJIE_NOTE.text}\n---\n{body}", encoding="utf-8")
    assert not [f for f in run_check(demo).findings if f.rule == "scaffold.placeholder"]  # a YAML comment: not published
    item.write_text(f"{head}\n---\n{body}\n{TUJIE_NOTE.text}\n", encoding="utf-8")
    hits = [f for f in run_check(demo).findings if f.rule == "scaffold.placeholder"]
    assert [(h.path, h.field) for h in hits] == [(NEWS, "正文")]
    assert hits[0].line == len(item.read_text(encoding="utf-8").splitlines())


def test_every_marker_is_written_by_a_scaffold(demo: Path) -> None:
    """The list holds only what the scaffolds write (the field comment carries the summary example)."""
    files = scaffold(demo, "policy", "zcwj", "示例市帮办代办管理办法", "--division", "政务服务处")
    written = "".join((demo / f).read_text(encoding="utf-8") for f in files)
    assert all(m.text in written for m in MARKERS)


# -- the blank review form ----------------------------------------------------------------------


def test_blank_form_is_one_line_for_the_general_office_in_every_format(demo: Path) -> None:
    files = scaffold(demo, "plain", "gzdt", "测试动态", "--division", "综合处")
    fill(demo / files[0], summary="测试。", formed=ON, published=ON)
    as_json = findings(demo)
    assert [(f["rule"], f["path"]) for f in as_json] == [("review.pending", files[0])]
    assert str(as_json[0]["message"]).startswith("待综合处审查")
    text = zwgk(demo, "check").stdout
    assert text.count("review.") == 1 and "待综合处审查" in text
    github = [ln for ln in zwgk(demo, "check", "--format", "github").stdout.splitlines()
              if not ln.startswith("::warning") or "review." in ln]  # the demo's advisories are warnings
    assert len(github) == 1 and github[0].startswith("::error") and "待综合处审查" in github[0]
    assert "**待审查**" in zwgk(demo, "check", "--format", "markdown").stdout


def test_blank_form_says_who_fills_it(demo: Path) -> None:
    files = scaffold(demo, "plain", "gzdt", "测试动态", "--division", "综合处")
    form = (demo / files[1]).read_text(encoding="utf-8")
    assert "经办人不用填写" in form and "由经办人填写" not in form
    for label in ("经办人", "处室负责人审核", "保密审查", "分管领导审批", "审查结论"):
        assert f"# {label}" in form, label
    assert review_record.is_blank(yaml.safe_load(form))


@pytest.mark.parametrize(("case", "change", "blank"), [
    ("as written by zwgk new", lambda d: None, True),
    ("a handler's name", lambda d: d["handler"].update(name="李明"), False),
    ("one secrecy answer", lambda d: d["secrecy"].update(privacy="否"), False),
    ("a conclusion", lambda d: d.update(conclusion="同意公开"), False),
    ("a block replaced by text", lambda d: d.update(leader="陈静"), False),
    ("an unknown key", lambda d: d.update(note="x"), False),
])
def test_partly_filled_form_is_validated_field_by_field(demo: Path, case: str, change, blank: bool) -> None:  # type: ignore[no-untyped-def]
    files = scaffold(demo, "plain", "gzdt", "测试动态", "--division", "综合处")
    fill(demo / files[0], summary="测试。", formed=ON, published=ON)
    data = yaml.safe_load((demo / files[1]).read_text(encoding="utf-8"))
    change(data)
    assert review_record.is_blank(data) is blank, case
    (demo / files[1]).write_text(review_record.dump(data), encoding="utf-8")
    rules = {f.rule for f in run_check(demo).findings if f.rule.startswith("review.")}
    assert (rules == {"review.pending"}) is blank, (case, rules)
