"""One typed configuration: every option declared once (zwgk.core.options), parsed once at load,
the same findings from ``zwgk check`` and ``mkdocs build``, and a published reference page."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from support import REPO, mkdocs_build, zwgk
from test_site_pages import set_plugin_option
from zwgk.core.clocks.settings import ClockSettings
from zwgk.core.config import PagesOptions, ReviewOptions, SiteConfig, TujieOptions
from zwgk.core.options import CLOCKS, PAGES, PLUGIN, REVIEW, SCAN, SECTIONS, TUJIE
from zwgk.core.scan.config import ScanConfig

BASE = {"org_code": "X", "publisher": "P"}


def test_options_page_is_up_to_date() -> None:
    proc = subprocess.run([sys.executable, "scripts/options_doc.py", "--check"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    page = (REPO / "docs/options.md").read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f"## {section.title}" in page
        for opt in section.options:
            assert f"| `{opt.name}` |" in page and opt.doc in page


def test_dataclass_defaults_are_the_declared_ones() -> None:
    cfg = SiteConfig()
    for opt in PLUGIN.options:
        if opt.type is not dict:  # nested sections are checked below
            assert getattr(cfg, opt.name) == opt.default, opt.name
    for cls, section in ((PagesOptions, PAGES), (TujieOptions, TUJIE)):
        assert {f.name: getattr(cls(), f.name) for f in fields(cls)} == section.defaults
    clocks = ClockSettings()
    assert all(getattr(clocks, o.name) == o.default for o in CLOCKS.options if o.name != "severity")
    scan = ScanConfig()
    assert list(scan.allowed_domains) == SCAN.defaults["allowed_domains"]
    assert scan.max_attachment_bytes == SCAN.defaults["max_attachment_bytes"]
    assert ReviewOptions().general_office == REVIEW.defaults["general_office"]
    assert len(ReviewOptions().distinct_roles) == len(REVIEW.defaults["distinct_roles"])


def test_a_full_clean_configuration_passes() -> None:
    cfg, problems = SiteConfig.from_mapping({
        **BASE, "pages": {"page_size": 30, "search": False}, "tujie": {"max_side": 1600, "max_bytes": 1_000_000},
        "review": {"general_office": "办公室", "history_start": "2026-01-01"},
    })
    assert problems == []
    assert cfg.pages == PagesOptions(page_size=30, search=False)
    assert cfg.tujie == TujieOptions(max_side=1600, max_bytes=1_000_000)


@pytest.mark.parametrize(("section", "raw", "rule", "field", "hint_part"), [
    ("pages", {"page_sise": 20}, "config.unknown", "plugins -> zwgk -> pages -> page_sise", "是否想写 page_size？"),
    ("pages", {"page_size": 0}, "config.value", "plugins -> zwgk -> pages -> page_size", "page_size: 20"),
    ("pages", {"search": "是"}, "config.value", "plugins -> zwgk -> pages -> search", "search: true"),
    ("tujie", {"max_sid": 1600}, "config.unknown", "plugins -> zwgk -> tujie -> max_sid", "是否想写 max_side？"),
    ("tujie", {"max_bytes": "2MB"}, "config.value", "plugins -> zwgk -> tujie -> max_bytes", "max_bytes: 2000000"),
    ("tujie", {"max_side": True}, "config.value", "plugins -> zwgk -> tujie -> max_side", "max_side: 2560"),
])
def test_nested_option_errors_are_findings(section: str, raw: dict[str, Any], rule: str, field: str,
                                           hint_part: str) -> None:
    cfg, problems = SiteConfig.from_mapping({**BASE, section: raw})
    assert [(p.rule, p.field, p.path, p.severity) for p in problems] == [(rule, field, "mkdocs.yml", "error")]
    assert hint_part in problems[0].hint
    assert getattr(cfg, section) == type(getattr(cfg, section))()  # a bad value keeps its default


def test_unknown_keys_share_one_suggestion() -> None:
    """Every section's typo is told the same way: 是否想写 <the closest declared key>？"""
    _, problems = SiteConfig.from_mapping({**BASE, "publishr": "P", "review": {"general_ofice": "综合处"}})
    assert [p.hint for p in problems] == ["是否想写 publisher？", "是否想写 general_office？"]
    _, scan_problems = ScanConfig.from_mapping({"allowed_domain": ["a.gov.cn"]}, "mkdocs.yml")
    assert [(p.rule, p.hint) for p in scan_problems] == [("scan.config_invalid", "是否想写 allowed_domains？")]


def test_tujie_limits_reach_the_image_check(demo: Path) -> None:
    """A configured limit is applied, not merely accepted: the same picture passes by default and
    is refused under a 100-pixel limit."""
    from PIL import Image

    Image.new("RGB", (200, 200), "white").save(demo / "content/tzgg/chart.png")
    assert "image.too_large" not in zwgk(demo, "check").stdout
    set_plugin_option(demo, "tujie", {"max_pixels": 100})
    proc = zwgk(demo, "check")
    assert proc.returncode == 1 and "image.too_large" in proc.stdout and "content/tzgg/chart.png" in proc.stdout


def test_check_and_build_report_the_same_pages_typo(demo: Path) -> None:
    set_plugin_option(demo, "pages", {"page_sise": 20})
    check = zwgk(demo, "check")
    build = mkdocs_build(demo)
    message = "pages 下有未知的设置项 page_sise"
    assert check.returncode == 1 and build.returncode != 0
    assert message in check.stdout and "是否想写 page_size？" in check.stdout
    assert message in build.stderr and "是否想写 page_size？" in build.stderr
    assert not (demo / "site").exists()


def test_check_reports_a_tujie_typo(demo: Path) -> None:
    set_plugin_option(demo, "tujie", {"max_pixel": 1000})
    proc = zwgk(demo, "check")
    assert proc.returncode == 1
    assert "tujie 下有未知的设置项 max_pixel" in proc.stdout and "是否想写 max_pixels？" in proc.stdout


# -- clocks:, scan:, guide:, interpretation_scope: parsed once, at load --------------------------

# (section, typo, message, suggestion): one typo per section parsed at load.
LOAD_TYPOS = [
    ("clocks", {"outcome_month": 2}, "clocks 中有未知的设置项 outcome_month", "是否想写 outcome_months？"),
    ("scan", {"allowed_domain": ["www.example.org.cn"]},
     "保密审查配置 scan.allowed_domain 有误：不认识的设置项，可用的有：allowed_domains、errata_extra、max_attachment_bytes",
     "是否想写 allowed_domains？"),
    ("guide", {"genre": ["指南"]}, "指南设置中有未知的设置项 genre", "是否想写 genres？"),
    ("interpretation_scope", {"genre": ["制度"]}, "解读范围设置中有未知的设置项 genre", "是否想写 genres？"),
]


def test_nested_sections_are_parsed_at_load() -> None:
    """The typed values are on SiteConfig itself: no rule re-reads a raw mapping."""
    from zwgk.core.guide import GuideOptions
    from zwgk.core.interpretation_scope import InterpretationScope

    cfg, problems = SiteConfig.from_mapping({
        **BASE, "clocks": {"outcome_months": 2, "severity": {"column.blank": "off"}},
        "scan": {"allowed_domains": ["www.example.org.cn"]}, "guide": {"paths": ["content/a.md"]},
        "interpretation_scope": {"genres": ["制度"]},
    })
    assert problems == []
    assert cfg.clocks == ClockSettings(outcome_months=2, severities={"column.blank": "off"})
    assert "www.example.org.cn" in cfg.scan.allowed_domains
    assert cfg.guide == GuideOptions(paths=("content/a.md",))
    assert cfg.interpretation_scope == InterpretationScope(genres=("制度",))
    default = SiteConfig()
    assert (default.clocks, default.scan, default.guide, default.interpretation_scope) == (
        ClockSettings(), ScanConfig(), GuideOptions(), InterpretationScope())


@pytest.mark.parametrize(("section", "raw", "message", "hint"), LOAD_TYPOS, ids=[t[0] for t in LOAD_TYPOS])
def test_section_typo_is_a_load_finding_and_no_rule_repeats_it(demo: Path, section: str, raw: dict[str, Any],
                                                               message: str, hint: str) -> None:
    from zwgk.core.pipeline import check_repo
    from zwgk.core.rules import run_rules

    _, problems = SiteConfig.from_mapping({**BASE, section: raw})
    assert [(p.message, p.hint, p.path, p.severity) for p in problems] == [(message, hint, "mkdocs.yml", "error")]
    set_plugin_option(demo, section, raw)
    result = check_repo(demo)
    assert [f.message for f in result.findings].count(message) == 1
    assert result.site is not None and not [f for f in run_rules(result.site) if f.message == message]


@pytest.mark.parametrize(("section", "raw", "message", "hint"), LOAD_TYPOS[:3], ids=[t[0] for t in LOAD_TYPOS[:3]])
def test_check_and_build_report_a_section_typo_once(demo: Path, section: str, raw: dict[str, Any], message: str,
                                                    hint: str) -> None:
    set_plugin_option(demo, section, raw)
    check = zwgk(demo, "check")
    build = mkdocs_build(demo)
    assert check.returncode == 1 and build.returncode != 0
    assert check.stdout.count(message) == 1 and hint in check.stdout
    assert build.stderr.count(message) == 1 and hint in build.stderr
    assert not (demo / "site").exists()
