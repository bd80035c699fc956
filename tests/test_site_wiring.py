"""Item-page blocks wired into the build: the 图解 with its text twin, consultation state,
采纳情况 table; content pictures re-encoded without metadata."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from support import copy_demo, mkdocs_build, resign


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("wiring") / "repo")
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    return root


def test_tujie_image_and_text_twin(built: Path) -> None:
    page = (built / "site/zcjd/yijianshi/index.html").read_text(encoding="utf-8")
    png = built / "site/zcjd/yijianshi/tujie.png"
    assert png.is_file() and Image.open(png).width == 1080
    assert '<img src="tujie.png" alt="一图读懂《示例市政务服务“一件事一次办”实施办法》' in page
    assert "图解文字版" in page and "一表申请" in page  # the text twin carries the same steps
    assert 'class="zwgk-tujie' in page


def test_tujie_cached_and_deterministic(built: Path) -> None:
    first = hashlib.sha256((built / "site/zcjd/yijianshi/tujie.png").read_bytes()).hexdigest()
    again = mkdocs_build(built)
    assert again.returncode == 0, again.stderr
    assert "图解：1 张，新生成 0 张" in again.stderr
    assert hashlib.sha256((built / "site/zcjd/yijianshi/tujie.png").read_bytes()).hexdigest() == first


def test_tujie_tofu_blocks_the_build(demo: Path) -> None:
    spec = demo / "interpretations/yijianshi/tujie.yml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("数说新政", "数说新政\U000e0001"), encoding="utf-8")
    resign(demo, "interpretations/yijianshi/material.md")
    proc = mkdocs_build(demo)
    assert proc.returncode == 1 and "tujie.tofu" in proc.stderr and "interpretations/yijianshi/tujie.yml" in proc.stderr


def test_consultation_state_and_outcome_table(built: Path) -> None:
    consultation = (built / "site/yjzj/2026-011/index.html").read_text(encoding="utf-8")
    assert "征集状态：</strong>结果已公布（2026-08-27）" in consultation
    assert 'href="../2026-014/"' in consultation
    outcome = (built / "site/yjzj/2026-014/index.html").read_text(encoding="utf-8")
    assert '<table class="zwgk-opinions">' in outcome and outcome.count("<tr><td>") == 6
    assert 'href="../2026-011/"' in outcome


def test_consultation_open_state_uses_today(demo: Path) -> None:
    import datetime as dt

    proc = mkdocs_build(demo, today=dt.date(2026, 7, 20), strict=False)
    assert proc.returncode == 0, proc.stderr
    page = (demo / "site/yjzj/2026-011/index.html").read_text(encoding="utf-8")
    assert "征集中（2026-07-03 至 2026-08-02）" in page and "提交方式" in page


def test_content_picture_loses_gps(demo: Path) -> None:
    img = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (22.0, 49.0, 1.5)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    (demo / "content/gzdt/2026-008").mkdir()
    (demo / "content/gzdt/2026-008/现场.jpg").write_bytes(buf.getvalue())
    item = demo / "content/gzdt/2026-008.md"
    item.write_text(item.read_text(encoding="utf-8") + "\n![部署会现场，与会人员听取工作部署](2026-008/现场.jpg)\n",
                    encoding="utf-8")
    resign(demo, "content/gzdt/2026-008.md")
    proc = mkdocs_build(demo)
    assert proc.returncode == 0, proc.stderr
    out = Image.open(demo / "site/gzdt/2026-008/现场.jpg")
    assert not out.getexif() and 0x8825 not in out.getexif()
