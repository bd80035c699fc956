"""``zwgk report monthly|assessment``: files written, --today / ZWGK_TODAY, bad input without tracebacks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_reports_support import golden_repo, xlsx_text
from zwgk.cli.main import _register, cli
from zwgk.core.pipeline import check_repo
from zwgk.core.reports.html import monthly_html
from zwgk.core.reports.monthly import build_monthly
from zwgk.core.reports.xlsx import monthly_workbook

_register()


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    return golden_repo(tmp_path / "repo")


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_monthly_writes_html_and_xlsx(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = invoke("report", "monthly", "2026-10", "--root", str(root), "--today", "2026-11-05",
                             "--out", str(out))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["monthly-2026-10.html", "monthly-2026-10.xlsx"]
    assert "monthly-2026-10.html" in stdout
    result = check_repo(root, today=dt.date(2026, 11, 5))
    assert result.site is not None
    report = build_monthly(result.site, 2026, 10)
    assert (out / "monthly-2026-10.html").read_text(encoding="utf-8") == monthly_html(report)
    assert (out / "monthly-2026-10.xlsx").read_bytes() == monthly_workbook(report)


def test_default_out_is_reports_under_root(root: Path) -> None:
    code, _, _ = invoke("report", "monthly", "2026-11", "--root", str(root), "--today", "2026-11-29", "--format", "html")
    assert code == 0
    assert [p.name for p in (root / "reports").iterdir()] == ["monthly-2026-11.html"]
    assert not list((root / "content").rglob("*.html"))


def test_zwgk_today_env(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, _ = invoke("report", "monthly", "2026-10", "--root", str(root), "--out", str(out), "--format", "xlsx",
                        env={"ZWGK_TODAY": "2026-11-05"})
    assert code == 0
    text = xlsx_text((out / "monthly-2026-10.xlsx").read_bytes())
    assert "生成日期 | 2026-11-05" in text and "created=2026-11-05" in text


def test_today_option_wins_over_env(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, _ = invoke("report", "monthly", "2026-11", "--root", str(root), "--out", str(out), "--format", "html",
                        "--today", "2026-11-29", env={"ZWGK_TODAY": "2026-11-05"})
    assert code == 0
    assert "<dt>生成日期</dt><dd>2026-11-29</dd>" in (out / "monthly-2026-11.html").read_text(encoding="utf-8")


def test_bad_zwgk_today_env_is_refused(root: Path, tmp_path: Path) -> None:
    code, _, stderr = invoke("report", "monthly", "2026-10", "--root", str(root), "--out", str(tmp_path / "out"),
                             env={"ZWGK_TODAY": "2026-13-01"})
    assert code == 2 and "ZWGK_TODAY" in stderr
    assert not (tmp_path / "out").exists()


def test_assessment_writes_files(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, stderr = invoke("report", "assessment", "2026", "--root", str(root), "--today", "2026-11-29",
                             "--out", str(out))
    assert code == 0 and stderr == ""
    assert sorted(p.name for p in out.iterdir()) == ["assessment-2026.html", "assessment-2026.xlsx"]
    assert "评先评优" in (out / "assessment-2026.html").read_text(encoding="utf-8")


def test_assessment_refuses_bad_registers(root: Path, tmp_path: Path) -> None:
    (root / "governance" / "notices.yml").write_text(
        "notices:\n  - {date: 2026-05-12, level: 区级, issuer: x, division: 综合处, finding: y}\n", encoding="utf-8")
    code, _, stderr = invoke("report", "assessment", "2026", "--root", str(root), "--today", "2026-11-29",
                             "--out", str(tmp_path / "out"))
    assert code == 1
    assert "notices -> [0] -> level" in stderr and "修正后再生成" in stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("args", "message"), [
    (("report", "monthly", "2026-13"), "月份 2026-13 无效"),
    (("report", "monthly", "2026/11"), "YYYY-MM"),
    (("report", "monthly", "2026-12", "--today", "2026-11-29"), "尚未开始"),
    (("report", "assessment", "26"), "四位年份"),
    (("report", "assessment", "2027", "--today", "2026-11-29"), "尚未开始"),
    (("report", "monthly", "2026-11", "--today", "2026-11-31"), "不是有效日期"),
])
def test_bad_input_exits_2(root: Path, args: tuple[str, ...], message: str) -> None:
    code, stdout, stderr = invoke(*args, "--root", str(root))
    assert code == 2
    assert message in stderr + stdout


def test_refuses_to_write_into_content(root: Path) -> None:
    code, _, stderr = invoke("report", "monthly", "2026-11", "--root", str(root), "--today", "2026-11-29",
                             "--out", str(root / "content" / "reports"))
    assert code == 2 and "不能写入内容目录" in stderr
    assert not (root / "content" / "reports").exists()
