"""``zwgk new``: scaffolds that pass every gate once a person fills the fields only a person knows."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from support import DEMO_ADVISORIES, DEMO_TODAY, zwgk

ON = "2026-11-27"  # a Friday before DEMO_TODAY: formed = published = reviewed


def sign(on: str = ON) -> list[str]:
    return ["--handler", "李明", "--division-head", "王芳", "--secrecy-reviewer", "赵强", "--leader", "陈静",
            "--date", on, "--reviewer", "综合处审查员", "--yes"]

# A filled item whose form is still blank: one line per item for 综合处, nothing else.
REVIEW_SIGNATURE_RULES = {"review.pending"}


def created(proc_stdout: str) -> list[str]:
    return re.findall(r"^\s+(\S+\.(?:md|yml))\s", proc_stdout, re.M)


def fill(path: Path, **values: str) -> None:
    """Fill ``key:  # 注释`` lines the way a clerk does: the value goes after the colon, the comment stays."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(rf"^{key}:[ \t]*(#.*)?$", lambda m, k=key, v=value: f"{k}: {v}  {m[1] or ''}".rstrip(),
                          text, count=1, flags=re.M)
        assert n == 1, f"{key} not in {path}"
    path.write_text(text, encoding="utf-8")


def fill_sections(path: Path) -> None:
    text = re.sub(r"^(## .+)\n\n", r"\1\n\n按实际情况填写的内容，至少一句话。\n", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text, encoding="utf-8")


def scaffold(root: Path, kind: str, column: str, title: str, *extra: str) -> list[str]:
    proc = zwgk(root, "new", kind, "--column", column, "--title", title, *extra)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return created(proc.stdout)


def fill_tujie(path: Path) -> None:
    """Replace the 图解 template's example figures, as the clerk is told to."""
    from zwgk.core.placeholders import TUJIE_FIGURE, TUJIE_NOTE

    text = path.read_text(encoding="utf-8")
    text = text.replace(TUJIE_FIGURE.text, "帮办代办服务事项").replace(TUJIE_NOTE.text, "首批试点服务中心")
    path.write_text(text, encoding="utf-8")


def fill_item(root: Path, files: list[str], on: str = ON, **extra: str) -> None:
    for rel in files:
        path = root / rel
        if rel.endswith("tujie.yml"):
            fill_tujie(path)
        elif rel.endswith("plan.md"):
            fill(path, signed=on)
            fill_sections(path)
        elif rel.endswith(".md"):
            values = {"summary": "本市帮办代办服务的范围、方式和时限。", "formed": on, "published": on}
            if "signed:" in path.read_text(encoding="utf-8"):
                values["signed"] = on
            fill(path, **values, **(extra if rel.startswith("content/") else {}))
            if rel.startswith("interpretations/"):
                fill_sections(path)


def check(root: Path) -> list[dict[str, object]]:
    proc = zwgk(root, "check", "--format", "json")
    assert "Traceback" not in proc.stderr
    result: list[dict[str, object]] = json.loads(proc.stdout)
    return [f for f in result if (f["rule"], f["path"]) not in DEMO_ADVISORIES]  # the demo's advisories (support.py)


CASES = {
    "plain": ("gzdt", ["--division", "政务服务处"], {}),
    "policy": ("zcwj", ["--division", "政务服务处"], {}),
    "consultation": ("yjzj", ["--division", "政务服务处"],
                     {"opens": ON, "closes": "2026-12-31", "how_to_submit": "电子邮件发送至 zwfwc@example.gov.cn"}),
    "response": ("hygz", ["--division", "政务服务中心"],
                 {"surfaced_at": '"2026-11-26 20:30"', "level": "一般", "responded_at": '"2026-11-27 09:30"'}),
}


@pytest.mark.parametrize("kind", [*CASES, "outcome"])
def test_scaffold_passes_once_filled_and_reviewed(demo: Path, kind: str) -> None:
    items: list[str] = []
    if kind == "outcome":  # an outcome answers a consultation: scaffold that first, closed before ON
        files = scaffold(demo, "consultation", "yjzj", "关于帮办代办服务规范公开征求意见的公告", "--division", "政务服务处")
        fill_item(demo, files, on="2026-10-09", opens="2026-10-09", closes="2026-11-09", how_to_submit="电子邮件")
        index = re.search(r"^index_no: (\S+)", (demo / files[0]).read_text(encoding="utf-8"), re.M)
        assert index
        proc = zwgk(demo, "review", files[0], *sign("2026-10-09"))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        files = scaffold(demo, "outcome", "yjzj", "帮办代办服务规范征求意见采纳情况", "--division", "政务服务处")
        fill_item(demo, files, consultation=index[1], opinions="[]")
    else:
        column, extra_args, extra = CASES[kind]
        files = scaffold(demo, kind, column, f"测试用{kind}信息的名称", *extra_args)
        fill_item(demo, files, **extra)
    items = [f for f in files if f.endswith(".md") and not f.endswith("plan.md")]

    # Before review: only the signature part of the blank forms is missing.
    findings = check(demo)
    assert findings, "a blank review form must not pass"
    assert {f["rule"] for f in findings} <= REVIEW_SIGNATURE_RULES, findings
    assert len(findings) == len(items), findings  # one line per item, addressed to 综合处
    assert {f["path"] for f in findings} == set(items)
    assert all(str(f["message"]).startswith("待综合处审查") for f in findings)

    # zwgk review fills exactly those.
    for item in items:
        proc = zwgk(demo, "review", item, *sign())
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert check(demo) == []


def test_policy_scaffold_has_interpretation_tujie_and_forms(demo: Path) -> None:
    files = scaffold(demo, "policy", "zcwj", "示例市政务服务帮办代办管理办法", "--division", "政策法规处")
    folder = next(f.rsplit("/", 1)[0] for f in files if f.endswith("material.md"))
    assert {f"{folder}/plan.md", f"{folder}/material.md", f"{folder}/tujie.yml"} <= set(files)
    policy = next(f for f in files if f.startswith("content/zcwj/"))
    assert f"governance/reviews/{policy[:-3]}.yml" in files
    assert f"governance/reviews/{folder}/material.yml" in files
    # Next free numbers: one above the demo's highest 2026 number; the material takes the one after the policy.
    taken = [int(n) for p in [*demo.glob("content/**/*.md"), *demo.glob("interpretations/**/*.md")]
             if p.as_posix() not in {(demo / policy).as_posix(), (demo / folder / "material.md").as_posix()}
             for n in re.findall(r"index_no: 11459900MB0012345X/2026-(\d{5})", p.read_text(encoding="utf-8"))]
    first = max(taken) + 1
    assert f"index_no: 11459900MB0012345X/2026-{first:05d}" in (demo / policy).read_text(encoding="utf-8")
    material = (demo / folder / "material.md").read_text(encoding="utf-8")
    assert f"index_no: 11459900MB0012345X/2026-{first + 1:05d}" in material
    assert f"interprets: 11459900MB0012345X/2026-{first:05d}" in material

    tujie = pytest.importorskip("zwgk.core.tujie")
    spec, problems = tujie.load_spec((demo / folder / "tujie.yml").read_text(encoding="utf-8"), f"{folder}/tujie.yml")
    assert spec is not None and not [p for p in problems if p.is_error], problems
    assert spec.blocks[0].type == "figures" and spec.footer.office == "示例市政务服务管理办公室"


def test_every_field_has_its_chinese_label(demo: Path) -> None:
    from zwgk.core.scaffold import fields_for

    files = scaffold(demo, "response", "hygz", "关于停车难的回应", "--division", "政务服务中心")
    text = (demo / files[0]).read_text(encoding="utf-8")
    for spec in fields_for("response"):
        line = next((ln for ln in text.splitlines() if ln.startswith(f"{spec.key}:")), None)
        assert line is not None, spec.key
        assert f"# {spec.label}（" in line, line
    assert "interprets:" not in text  # a field of interpretations only


def test_new_interpretation_for_existing_policy(demo: Path) -> None:
    import shutil

    shutil.rmtree(demo / "interpretations/haochaping")
    (demo / "governance/reviews/interpretations/haochaping/material.yml").unlink()
    proc = zwgk(demo, "new", "interpretation", "--policy", "11459900MB0012345X/2026-00010")
    assert proc.returncode == 0, proc.stderr
    material = (demo / "interpretations/2026-010/material.md").read_text(encoding="utf-8")
    # 三同步: dates copied from the policy, so only the text is left to write.
    assert "signed: 2026-06-15" in material and "published: 2026-06-18" in material
    assert "division: 政策法规处" in material
    again = zwgk(demo, "new", "interpretation", "--policy", "11459900MB0012345X/2026-00010")
    assert again.returncode == 2 and "已有政策解读" in again.stderr


def test_division_defaults_to_the_only_one_else_required(demo: Path) -> None:
    files = scaffold(demo, "plain", "jgzn", "机构职能调整说明")
    assert "division: 组宣人事处" in (demo / files[0]).read_text(encoding="utf-8")
    proc = zwgk(demo, "new", "plain", "--column", "gzdt", "--title", "某项动态")
    assert proc.returncode == 2
    assert "--division" in proc.stderr and "政务服务处" in proc.stderr
    wrong = zwgk(demo, "new", "plain", "--column", "jgzn", "--title", "x", "--division", "综合处")
    assert wrong.returncode == 2 and "不负责栏目" in wrong.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["plain", "--column", "nosuch", "--title", "x"], "栏目 nosuch 不存在"),
    (["plain", "--column", "zcjd", "--title", "x"], "zwgk new interpretation"),
    (["memo", "--column", "gzdt", "--title", "x", "--division", "综合处"], "没有信息类型 memo"),
    (["plain", "--column", "gzdt", "--title", "x", "--division", "综合处", "--name", "../x"], "文件名"),
    (["interpretation", "--policy", "11459900MB0012345X/2026-00099"], "找不到索引号"),
    (["interpretation", "--policy", "11459900MB0012345X/2026-00003"], "已有政策解读"),
])
def test_bad_requests_are_refused_in_chinese(demo: Path, args: list[str], message: str) -> None:
    proc = zwgk(demo, "new", *args)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not list((demo / "content").rglob("x.md"))


def test_existing_file_is_never_overwritten(demo: Path) -> None:
    proc = zwgk(demo, "new", "plain", "--column", "gzdt", "--title", "x", "--division", "综合处", "--name", "2026-008")
    assert proc.returncode == 2 and "已存在" in proc.stderr


def test_list_shows_kinds_and_columns_with_divisions(demo: Path) -> None:
    proc = zwgk(demo, "new", "--list")
    assert proc.returncode == 0
    assert "policy" in proc.stdout and "规范性文件" in proc.stdout
    assert re.search(r"zcwj\s+政策文件：政策法规处、政务服务处、综合处", proc.stdout)


def test_index_number_year_follows_today(demo: Path) -> None:
    proc = zwgk(demo, "new", "plain", "--column", "gzdt", "--title", "新年动态", "--division", "综合处",
                today=dt.date(2027, 1, 4))
    assert proc.returncode == 0, proc.stderr
    assert "2027-00001" in proc.stdout
    assert DEMO_TODAY.year == 2026
