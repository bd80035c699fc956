"""``zwgk preview``: one item (with its interpretation) built or served from a mini-project.

Drafts and scheduled items are previewed locally; the public build is untouched. The serve test
runs the real server on a free loopback port and edits the original file to see the live reload.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from support import DEMO_TODAY, edit_front_matter, mkdocs_build, zwgk

POLICY = "content/zcwj/2026-010.md"  # 好差评管理办法, interpreted in interpretations/haochaping/


def build(root: Path, key: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    proc = zwgk(root, "preview", key, "--build-only", str(out), *extra)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_draft_policy_preview_has_item_interpretation_and_banner(demo: Path, tmp_path: Path) -> None:
    edit_front_matter(demo / POLICY, lambda m: m.update(draft=True))
    out = tmp_path / "out"
    proc = build(demo, POLICY, out, "--no-check")
    assert proc.returncode == 0, proc.stderr
    page = (out / "zcwj/2026-010/index.html").read_text(encoding="utf-8")
    assert "示例市政务服务“好差评”管理办法" in page
    assert "本地预览，尚未公开" in page and "草稿（draft: true）" in page
    assert "11459900MB0012345X/2026-00010" in page  # the real item header
    assert "相关解读" in page  # 双向关联 to the interpretation, which is in the preview too
    material = (out / "zcjd/haochaping/index.html").read_text(encoding="utf-8")
    assert "原文件" in material and "背景依据" in material
    # Only what this item needs: other items are not built, governance data never is.
    assert not (out / "gzdt/2026-008").exists()
    assert not list(out.rglob("*governance*")) and not list(out.rglob("*.yml"))
    # The public build still leaves the draft out (the preview changed nothing in the real plugin). Its
    # interpretation is held back with it: 三同步 forbids publishing a 解读 before its policy.
    edit_front_matter(demo / "interpretations/haochaping/material.md", lambda m: m.update(draft=True))
    public = mkdocs_build(demo)
    assert public.returncode == 0, public.stderr
    assert not (demo / "site/zcwj/2026-010").exists()


def test_scheduled_item_is_previewed_as_it_will_look(demo: Path, tmp_path: Path) -> None:
    item = "content/gzdt/2026-021.md"
    edit_front_matter(demo / item, lambda m: m.update(published=dt.date(2026, 12, 8)))
    out = tmp_path / "out"
    assert build(demo, item, out, "--no-check").returncode == 0
    page = (out / "gzdt/2026-021/index.html").read_text(encoding="utf-8")
    assert "定时发布（2026-12-08 起公开）" in page and "2026-12-08" in page


def test_interpretation_material_previews_with_its_policy(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = build(demo, "interpretations/haochaping/plan.md", out, "--no-check")
    assert proc.returncode == 0, proc.stderr
    assert "zcjd/haochaping/index.html" in proc.stderr
    assert (out / "zcjd/haochaping/index.html").is_file() and (out / "zcwj/2026-010/index.html").is_file()


def test_index_number_works_as_key(demo: Path, tmp_path: Path) -> None:
    proc = build(demo, "11459900MB0012345X/2026-00007", tmp_path / "out", "--no-check")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out/ysqgk/2026-007/index.html").is_file()
    assert (tmp_path / "out/ysqgk/2026-007/政府信息公开申请表.docx").is_file()  # attachments come along


def test_findings_for_the_item_are_printed(demo: Path, tmp_path: Path) -> None:
    edit_front_matter(demo / POLICY, lambda m: m.pop("summary"))
    proc = build(demo, POLICY, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr  # a preview is never blocked by findings
    assert "全库检查" in proc.stderr
    assert f"{POLICY}: [错误] schema.missing 字段 summary" in proc.stderr
    assert "content/gzdt/" not in proc.stderr  # only this item's findings


@pytest.mark.parametrize(("key", "message"), [
    ("content/zcwj/none.md", "找不到"),
    ("content/index.md", "不是一条信息"),
    ("mkdocs.yml", "不是一条信息"),
])
def test_bad_keys(demo: Path, tmp_path: Path, key: str, message: str) -> None:
    proc = build(demo, key, tmp_path / "out", "--no-check")
    assert proc.returncode == 2 and message in proc.stderr


def test_plan_reads_only_what_the_item_needs(demo: Path) -> None:
    from zwgk.core.preview import plan
    from zwgk.core.project import load_project

    project, _ = load_project(demo)
    assert project is not None
    pl = plan(project, POLICY)
    assert pl.url == "zcwj/2026-010/" and pl.interpretation == "interpretations/haochaping"
    assert {"interpretations/haochaping/plan.md", "interpretations/haochaping/material.md",
            "governance/reviews/interpretations/haochaping/material.yml", "governance/columns.yml"} <= set(pl.copies)
    assert not any(p.startswith("content/gzdt/") and not p.endswith("index.md") for p in pl.copies)
    assert demo / "interpretations/haochaping" in pl.watch
    assert "overrides" in pl.links  # theme overrides resolve through a link, not a copy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return str(resp.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_until(pred, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.1)
    return False


def test_serve_and_live_reload(demo: Path) -> None:
    edit_front_matter(demo / POLICY, lambda m: m.update(draft=True))
    port = free_port()
    url = f"http://127.0.0.1:{port}/zcwj/2026-010/"
    env = {**os.environ, "ZWGK_TODAY": DEMO_TODAY.isoformat()}
    proc = subprocess.Popen([sys.executable, "-m", "zwgk.cli.main", "preview", POLICY, "--port", str(port), "--no-check"],
                            cwd=demo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_until(lambda: fetch(url) is not None or proc.poll() is not None, 60), "preview did not start"
        page = fetch(url)
        assert page is not None and "本地预览，尚未公开" in page
        assert fetch(f"http://127.0.0.1:{port}/zcjd/haochaping/") is not None
        # Edit the original (not the copy): the served page follows.
        item = demo / POLICY
        item.write_text(item.read_text(encoding="utf-8") + "\n**第六条** 本办法由市政务服务管理办公室负责解释。\n",
                        encoding="utf-8")
        assert wait_until(lambda: "负责解释" in (fetch(url) or ""), 30), "live reload did not pick up the change"
        interp = demo / "interpretations/haochaping/material.md"
        interp.write_text(interp.read_text(encoding="utf-8") + "\n咨询电话：0000-12345678。\n", encoding="utf-8")
        assert wait_until(lambda: "0000-12345678" in (fetch(f"http://127.0.0.1:{port}/zcjd/haochaping/") or ""), 30)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert "预览已就绪" in out and "Traceback" not in out


def test_changed_items_of_a_pull_request_get_previews(demo: Path, tmp_path: Path) -> None:
    """What the PR workflow runs: one preview per changed item (drafts included), never deployed."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(demo), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=综合处", "-c", "user.email=zhc@example.gov.cn", "commit", "-q", "-m", "base")
    git("checkout", "-q", "-b", "tzgg-2026-1127")
    draft = demo / "content/tzgg/2026-00022.md"
    draft.write_text("---\ntitle: 草稿通知\nindex_no: 11459900MB0012345X/2026-00022\ndivision: 综合处\n"
                     "summary: 草稿。\nformed: 2026-11-27\npublished: 2026-11-27\ndraft: true\n---\n\n草稿正文。\n",
                     encoding="utf-8")
    (demo / "content/ysqgk/2026-007/政府信息公开申请表.docx").write_bytes(b"changed")  # attachment → its item
    plan = demo / "interpretations/haochaping/plan.md"  # any interpretation file → its material
    plan.write_text(plan.read_text(encoding="utf-8") + "\n补充。\n", encoding="utf-8")
    git("add", "-A")
    git("-c", "user.name=李明", "-c", "user.email=liming@example.gov.cn", "commit", "-q", "-m", "clerk")

    out = tmp_path / "preview"
    proc = zwgk(demo, "preview", "--changed", "main", "--build-only", str(out))
    assert proc.returncode == 0, proc.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    for item in ("content/tzgg/2026-00022.md", "content/ysqgk/2026-007.md", "interpretations/haochaping/material.md"):
        assert item in index
    page = (out / "content_tzgg_2026-00022/tzgg/2026-00022/index.html").read_text(encoding="utf-8")
    assert "草稿正文" in page and "本地预览，尚未公开" in page
    assert (out / "interpretations_haochaping_material/zcjd/haochaping/index.html").is_file()
    bad = zwgk(demo, "preview", "--changed", "no-such-branch", "--build-only", str(out))
    assert bad.returncode == 2 and "无法比较" in bad.stderr
