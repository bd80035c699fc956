"""A body Python-Markdown cannot convert (RecursionError deep in its tree walks) is a finding naming
the file, in `zwgk check` and in the build — never a traceback (issue 12, class 4); a deeply nested
body that does convert is published as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import DEMO_TODAY, copy_demo, mkdocs_build, resign, run_check, zwgk
from zwgk.core.mdrender import TOO_DEEP, Renderer, TooDeep

ITEM = "content/gzdt/2026-008.md"
TOO_DEEP_BODY = "*" * 5000 + "a" + "*" * 5000 + "\n"  # emphasis inside emphasis, 5,000 levels
DEEP_BUT_FINE = ">" * 3000 + " 引用\n\n" + "".join("  " * i + "- 项\n" for i in range(300))


def test_the_renderer_refuses_what_python_markdown_cannot_convert() -> None:
    renderer = Renderer([])
    with pytest.raises(TooDeep):
        renderer.html(TOO_DEEP_BODY)
    assert "<em>" in renderer.html("***很重要***")  # the converter is still usable afterwards
    assert "<blockquote>" in renderer.html(DEEP_BUT_FINE)


def _demo_with(tmp_path: Path, body: str) -> Path:
    root = copy_demo(tmp_path / "repo")
    item = root / ITEM
    item.write_text(item.read_text(encoding="utf-8") + "\n" + body, encoding="utf-8")
    resign(root, ITEM)
    return root


def test_an_unconvertible_body_is_a_finding_and_the_build_stops_cleanly(tmp_path: Path) -> None:
    root = _demo_with(tmp_path, TOO_DEEP_BODY)
    found = [f for f in run_check(root).findings if f.rule == TOO_DEEP]
    assert [(f.path, f.severity) for f in found] == [(ITEM, "error")]
    cli = zwgk(root, "check")
    assert cli.returncode == 1 and "Traceback" not in cli.stdout + cli.stderr
    assert f"[错误] {TOO_DEEP}" in cli.stdout
    built = mkdocs_build(root, today=DEMO_TODAY)
    assert built.returncode == 1
    assert "Traceback" not in built.stderr and TOO_DEEP in built.stderr


def test_a_deep_body_that_converts_is_published(tmp_path: Path) -> None:
    root = _demo_with(tmp_path, DEEP_BUT_FINE)
    assert TOO_DEEP not in {f.rule for f in run_check(root).findings}
    built = mkdocs_build(root, today=DEMO_TODAY)
    assert built.returncode == 0, built.stderr[-2000:]
