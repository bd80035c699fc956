"""Real ``mkdocs build --strict`` runs on copies of the demo: gates, messages, what reaches site/."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import yaml
from support import edit_front_matter, mkdocs_build, resign, search_urls

NEWS = "content/gzdt/2026-008.md"


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from support import copy_demo

    root = copy_demo(tmp_path_factory.mktemp("built") / "repo")
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr
    return root


def test_demo_builds_strict(built: Path) -> None:
    site = built / "site"
    assert (site / "zcwj/2026-003/index.html").is_file()
    assert (site / "zcjd/yijianshi/index.html").is_file()
    assert (site / "ysqgk/2026-007/政府信息公开申请表.docx").is_file()


def test_policy_and_interpretation_link_both_ways(built: Path) -> None:
    policy = (built / "site/zcwj/2026-003/index.html").read_text(encoding="utf-8")
    material = (built / "site/zcjd/yijianshi/index.html").read_text(encoding="utf-8")
    assert 'href="../../zcjd/yijianshi/"' in policy and "相关解读" in policy
    assert 'href="../../zcwj/2026-003/"' in material and "原文件" in material


def test_governance_data_never_published(built: Path) -> None:
    """No review record, digest or reviewer signature reaches site/ (the office's data is sacred)."""
    records = list((built / "governance/reviews").rglob("*.yml"))
    assert records
    secrets: set[str] = set()
    for rec in records:
        data = yaml.safe_load(rec.read_text(encoding="utf-8"))
        secrets.add(data["digest"]["sha256"])
        secrets.add(data["secrecy"]["reviewer"])
        secrets.add(data["leader"]["name"])
    # A signer who is also a public official (the 机构职能 page names the office's leaders, as 条例
    # Art. 20 requires) is public through that page: only what governance alone holds is secret.
    public = " ".join(p.read_text(encoding="utf-8") for p in (built / "content").rglob("*.md"))
    secrets = {s for s in secrets if s not in public}
    assert any(len(s) == 64 for s in secrets)  # the digests stay in the set
    secrets.add("信息发布审查表（内部材料")
    site_files = [p for p in (built / "site").rglob("*") if p.is_file()]
    for p in site_files:
        assert "governance" not in p.relative_to(built / "site").parts
        if p.suffix in (".html", ".xml", ".json", ".js", ".txt", ".csv", ".atom", ".yml", ".md"):
            text = p.read_text(encoding="utf-8", errors="ignore")
            leaked = [s for s in secrets if s in text]
            assert not leaked, f"{p} leaks {leaked}"


def test_items_never_in_nav(built: Path) -> None:
    home = (built / "site/index.html").read_text(encoding="utf-8")
    nav = home[home.find('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.find("</nav>")]
    assert "法定主动公开内容" in nav
    column = (built / "site/zcwj/index.html").read_text(encoding="utf-8")
    column_nav = column[column.find('<nav class="md-nav md-nav--primary"'):]
    column_nav = column_nav[: column_nav.find("</nav>")]
    assert "政策文件" in column_nav and "2026-003" not in column_nav
    assert "2026-003" not in nav and "一件事一次办" not in nav


def test_blocked_build_leaves_last_good_site_untouched(built: Path) -> None:
    before = tree_digest(built / "site")
    text = (built / NEWS).read_text(encoding="utf-8")
    (built / NEWS).write_text(text.replace("会议强调", "会议还强调"), encoding="utf-8")
    try:
        proc = mkdocs_build(built)
        assert proc.returncode == 1
        out = proc.stdout + proc.stderr
        assert "zwgk 检查发现 1 个问题，已停止构建（网站未更新）" in out
        assert ("content/gzdt/2026-008.md: [错误] review.stale 字段 digest：审查后内容有改动（正文），须重新审查后才能发布 "
                "处理：由综合处核对后运行 zwgk review content/gzdt/2026-008.md 重新审查并签署") in out
        assert "Traceback" not in out
        assert tree_digest(built / "site") == before
    finally:
        (built / NEWS).write_text(text, encoding="utf-8")


def test_all_errors_reported_at_once(demo: Path) -> None:
    for path in ("content/gzdt/2026-008.md", "content/tzgg/2026-004.md"):
        edit_front_matter(demo / path, lambda m: m.pop("title"))
    proc = mkdocs_build(demo)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "content/gzdt/2026-008.md: [错误] schema.missing 字段 title：缺少字段 title（名称）" in out
    assert "content/tzgg/2026-004.md: [错误] schema.missing 字段 title：缺少字段 title（名称）" in out


def test_strict_warning_fails_before_cleaning(demo: Path) -> None:
    assert mkdocs_build(demo).returncode == 0
    before = tree_digest(demo / "site")
    # A review record whose item is gone: a warning that is not a clock, so --strict stops.
    (demo / "governance/reviews/content/gzdt/1999-001.yml").write_text("title: 旧信息\n", encoding="utf-8")
    strict = mkdocs_build(demo)
    assert strict.returncode == 1
    assert "review.orphan" in strict.stderr and "严格模式（--strict）下有 1 个警告，已停止构建（网站未更新）" in strict.stderr
    assert tree_digest(demo / "site") == before
    relaxed = mkdocs_build(demo, strict=False)
    assert relaxed.returncode == 0, relaxed.stderr


def test_late_item_still_goes_out_under_strict(demo: Path) -> None:
    """Rulebook: a late item is published and counted, not held back (an advisory, not a block)."""
    edit_front_matter(demo / NEWS, lambda m: m.update(published=dt.date(2026, 4, 20)))
    resign(demo, NEWS)
    proc = mkdocs_build(demo)
    assert proc.returncode == 0, proc.stderr
    assert "提示：content/gzdt/2026-008.md: [警告] timeliness.late" in proc.stderr
    assert (demo / "site/gzdt/2026-008/index.html").is_file()


def test_drafts_and_scheduled_items_are_not_built(demo: Path) -> None:
    edit_front_matter(demo / "content/tzgg/2026-004.md", lambda m: m.update(draft=True))
    edit_front_matter(demo / "content/ysqgk/2026-007.md",
                      lambda m: m.update(formed=dt.date(2026, 12, 1), published=dt.date(2026, 12, 2)))
    resign(demo, "content/ysqgk/2026-007.md")
    # Not strict: holding back the only 依申请公开 item makes that column blank (a warning).
    proc = mkdocs_build(demo, strict=False)
    assert proc.returncode == 0, proc.stderr
    assert "column.blank" in proc.stderr
    site = demo / "site"
    assert not (site / "tzgg/2026-004").exists()
    assert not (site / "ysqgk/2026-007").exists()  # scheduled: page and attachment both held back
    listing = (site / "tzgg/index.html").read_text(encoding="utf-8")
    assert "窗口办公时间" not in listing
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "tzgg/2026-004" not in sitemap and "ysqgk/2026-007" not in sitemap
    fragments = "".join(p.read_text(encoding="utf-8") for p in (site / "search/d").glob("*.json"))
    assert "窗口办公时间" not in fragments  # nor in the search index
    assert not {"tzgg/2026-004/", "ysqgk/2026-007/"} & set(search_urls(site / "search", "政府信息公开"))
    later = mkdocs_build(demo, today=dt.date(2026, 12, 2), strict=False)
    assert later.returncode == 0, later.stderr
    assert (site / "ysqgk/2026-007/政府信息公开申请表.docx").is_file()
    assert "ysqgk/2026-007/" in search_urls(site / "search", "政府信息公开申请")  # published: now searchable


def test_bad_plugin_option_is_a_config_error(demo: Path) -> None:
    cfg = demo / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("interpretation_column: zcjd",
                                                           "interpretation_column: zcjd\n      timeliness_workday: 3"),
                   encoding="utf-8")
    proc = mkdocs_build(demo)
    assert proc.returncode == 1
    assert "未知的设置项 timeliness_workday" in proc.stderr and "是否想写 timeliness_workdays？" in proc.stderr
