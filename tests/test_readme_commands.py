"""The README's commands run as written (issue #18): every ``zwgk …`` line of its ``bash`` blocks and its
inline ``zwgk new …`` examples, through ``scripts/zwgk``, in a private copy of the demo."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from support import DEMO_TODAY, REPO

README = REPO / "README.md"
WRAPPER = REPO / "scripts/zwgk"


def bash_commands() -> list[str]:
    """``zwgk``/``scripts/zwgk`` lines of the README's ```bash blocks (comments stripped)."""
    blocks = re.findall(r"^```bash\n(.*?)^```", README.read_text(encoding="utf-8"), re.S | re.M)
    lines = [ln.strip() for block in blocks for ln in block.splitlines()]
    return [ln for ln in lines if re.match(r"(scripts/)?zwgk\s", ln)]


def inline_new_examples() -> list[str]:
    """Inline `zwgk new … --title "…"` examples: the "…" stands for any title."""
    spans = re.findall(r"`(zwgk new [^`]*--title[^`]*)`", README.read_text(encoding="utf-8"))
    return [s.replace("…", "测试用的信息名称") for s in spans if "<" not in s]  # `<slug>` is a syntax summary


def run(root: Path, line: str) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(line, comments=True)
    assert argv[0] in ("zwgk", "scripts/zwgk"), line
    env = {**os.environ, "ZWGK_TODAY": DEMO_TODAY.isoformat()}  # never the wall clock
    return subprocess.run([str(WRAPPER), *argv[1:]], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)


def test_readme_has_runnable_examples() -> None:
    assert len(bash_commands()) >= 5  # the block this test exists for has not been dropped
    assert inline_new_examples()


@pytest.mark.skipif(os.name == "nt", reason="scripts/zwgk is a bash script; Windows uses .venv\\Scripts\\zwgk.exe")
def test_readme_commands_run_as_written(demo: Path) -> None:
    for line in [*bash_commands(), *inline_new_examples()]:
        proc = run(demo, line)
        assert proc.returncode == 0, (line, proc.stdout[-2000:], proc.stderr[-2000:])
        assert "Traceback" not in proc.stderr, line


def test_shared_column_without_division_is_refused_with_the_fix(demo: Path) -> None:
    """The README once showed this; the refusal says exactly which option to add."""
    proc = run(demo, "zwgk new plain --column tzgg --title 测试")
    assert proc.returncode == 2 and "--division" in proc.stderr and "综合处" in proc.stderr
