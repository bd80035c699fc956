"""What a clerk's Windows or macOS machine differs in, exercised on Linux with real builds and
checks: no fork (the single-process renderer), CRLF line endings (git's autocrlf on Windows),
Chinese file names.  These run in the Windows/macOS CI jobs too (.github/workflows/portability.yml)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from support import copy_demo, mkdocs_build, rules_of, run_check
from test_site_pages import set_plugin_option
from zwgk.mkdocs import parallel


def _config(tmp: Path) -> MkDocsConfig:
    (tmp / "docs").mkdir(exist_ok=True)
    cfg = MkDocsConfig(config_file_path=str(tmp / "mkdocs.yml"))
    # The site's theme, named: MkDocs' default theme ("mkdocs") is not bundled with ProperDocs.
    cfg.load_dict({"site_name": "t", "docs_dir": str(tmp / "docs"), "site_dir": str(tmp / "site"), "plugins": [],
                   "theme": "material"})
    assert not cfg.validate()[0]
    cfg.plugins["zwgk"] = object()  # type: ignore[assignment]
    return cfg


def _tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


# --- no fork -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("platform", "env", "why"), [
    ("linux", None, None),
    ("linux", "0", "ZWGK_FORK=0"),
    ("linux", "off", "ZWGK_FORK=0"),
    ("linux", "1", None),
    ("darwin", None, "macOS"),
])
def test_when_the_build_renders_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               platform: str, env: str | None, why: str | None) -> None:
    if env is None:
        monkeypatch.delenv("ZWGK_FORK", raising=False)
    else:
        monkeypatch.setenv("ZWGK_FORK", env)
    got = parallel.why_single(_config(tmp_path), "build", platform=platform)
    if why is None:
        assert got is None or got == "此系统不支持 fork"  # Windows runners have no fork at all
    else:
        assert got is not None and why in got


def test_no_fork_build_is_the_forked_build_byte_for_byte(tmp_path: Path) -> None:
    """ZWGK_FORK=0 takes the path Windows and macOS take: MkDocs' own loop in one process."""
    forked_root = copy_demo(tmp_path / "forked")
    single_root = copy_demo(tmp_path / "single")
    for root in (forked_root, single_root):
        set_plugin_option(root, "pages", {"workers": 3})
    forked = mkdocs_build(forked_root, extra_env={"ZWGK_FORK": "1"})
    single = mkdocs_build(single_root, extra_env={"ZWGK_FORK": "0"})
    assert forked.returncode == 0, forked.stderr
    assert single.returncode == 0, single.stderr
    (tmp_path / "cfg").mkdir()
    if parallel.why_single(_config(tmp_path / "cfg"), "build") is None:  # this OS can fork: it did
        assert "3 个进程并行渲染" in forked.stderr
    assert "并行渲染" not in single.stderr
    assert _tree(single_root / "site") == _tree(forked_root / "site")
    assert not list(single_root.glob(".zwgk-build-*"))


# --- CRLF ----------------------------------------------------------------------------------------


def _to_crlf(root: Path) -> int:
    n = 0
    for path in sorted(root.rglob("*")):
        if path.suffix in (".md", ".yml", ".yaml") and path.is_file():
            data = path.read_bytes().replace(b"\r\n", b"\n")
            path.write_bytes(data.replace(b"\n", b"\r\n"))
            n += 1
    return n


def test_crlf_checkout_checks_the_same_as_lf(tmp_path: Path) -> None:
    """git on Windows (core.autocrlf=true) checks text out with CRLF: same findings, same review
    digests (no review.stale), same lines."""
    lf = copy_demo(tmp_path / "lf")
    crlf = copy_demo(tmp_path / "crlf")
    assert _to_crlf(crlf) > 20
    assert b"\r\n" in (crlf / "mkdocs.yml").read_bytes()
    a, b = run_check(lf), run_check(crlf)
    assert "review.stale" not in rules_of(b)
    assert [(f.rule, f.path, f.line, f.field, f.message) for f in b.findings] == \
           [(f.rule, f.path, f.line, f.field, f.message) for f in a.findings]


def test_a_real_error_in_a_crlf_file_is_still_found_at_its_line(tmp_path: Path) -> None:
    lf = copy_demo(tmp_path / "lf")
    crlf = copy_demo(tmp_path / "crlf")
    for root in (lf, crlf):
        item = root / "content/zcwj/2026-003.md"
        item.write_text(item.read_text(encoding="utf-8").replace("title:", "title：", 1), encoding="utf-8")
    _to_crlf(crlf)
    bad_lf = [(f.rule, f.line) for f in run_check(lf).findings if f.path == "content/zcwj/2026-003.md"]
    bad_crlf = [(f.rule, f.line) for f in run_check(crlf).findings if f.path == "content/zcwj/2026-003.md"]
    assert bad_lf and bad_crlf == bad_lf


# --- Chinese file names ---------------------------------------------------------------------------


def test_chinese_file_names_are_repo_relative_posix_paths(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "repo")
    assert (root / "content/ysqgk/2026-007/政府信息公开申请表.docx").is_file()
    result = run_check(root)
    paths = {f.path for f in result.findings}
    assert all("\\" not in p and not Path(p).is_absolute() for p in paths)
    assert "governance/inspections/2026-10/政务服务中心.yml" not in {
        f.path for f in result.findings if f.severity == "error"}


# --- output encoding -----------------------------------------------------------------------------


def test_zwgk_check_output_on_a_cp1252_pipe(tmp_path: Path) -> None:
    """An English Windows runner pipes output as cp1252, which has no Chinese: the CLI writes UTF-8
    there instead of dying on the first finding with UnicodeEncodeError."""
    import os
    import subprocess
    import sys

    root = copy_demo(tmp_path / "repo")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "ZWGK_TODAY": "2026-11-29"}
    env.pop("PYTHONUTF8", None)
    proc = subprocess.run([sys.executable, "-m", "zwgk.cli.main", "check"], capture_output=True, env=env,
                          cwd=root, timeout=300)
    out = (proc.stdout + proc.stderr).decode("utf-8")
    assert proc.returncode == 0, out
    assert "检查了" in out and "条信息" in out
