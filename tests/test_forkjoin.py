"""The review gate in a forked process (core/forkjoin.py): the same findings as one process, whatever
happens to the child."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from support import DEMO_TODAY, copy_demo, zwgk
from zwgk.core import forkjoin, loader, rules
from zwgk.core.findings import Finding, finding
from zwgk.core.project import load_project

can_fork = pytest.mark.skipif(forkjoin.refusal(threads=False) is not None,
                              reason=f"no fork here: {forkjoin.refusal(threads=False)}")


@pytest.fixture
def no_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser tests leave their server's thread running for the whole session, and refusal()
    rightly refuses to fork beside a thread; these tests fork code that takes no lock another
    thread could hold, so they count this thread only (the command test runs in a process of its own)."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # the module forkjoin asks


def _findings(tag: str) -> list[Finding]:
    return [finding("review.missing", f"content/{tag}.md", "待综合处审查：身份证号 110101199003071234 不应出现",
                    "运行 zwgk review", field="review", line=3, location="第1页"),
            finding("review.orphan", f"governance/{tag}.yml", "审查表对应的信息不存在", "移入 archive", severity="warning")]


@can_fork
def test_the_child_runs_aside_and_its_findings_come_back_exactly(no_other_threads: None) -> None:
    parent = os.getpid()
    pids: list[int] = []

    def aside() -> list[Finding]:
        assert os.getpid() != parent  # raising here would make the parent run it: the result says where
        return _findings("child")

    def here() -> list[Finding]:
        pids.append(os.getpid())
        return _findings("parent")

    theirs, mine = forkjoin.split_run(aside, here)
    assert pids == [parent]
    assert theirs == _findings("child") and mine == _findings("parent")
    # Masked in the child; rebuilt in the parent through the same masking, which changes nothing.
    assert [f.__dict__ for f in theirs] == [f.__dict__ for f in _findings("child")]
    assert "110101199003071234" not in theirs[0].message


@can_fork
def test_a_child_that_fails_is_replaced_by_running_aside_here(no_other_threads: None) -> None:
    parent = os.getpid()
    calls: list[int] = []

    def aside() -> list[Finding]:
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        calls.append(os.getpid())
        return _findings("again")

    theirs, mine = forkjoin.split_run(aside, lambda: [])
    assert calls == [parent] and theirs == _findings("again") and mine == []


@can_fork
def test_a_child_killed_midway_is_replaced_too(no_other_threads: None) -> None:
    parent = os.getpid()

    def aside() -> list[Finding]:
        if os.getpid() != parent:
            os.kill(os.getpid(), 9)
        return _findings("here")

    theirs, _ = forkjoin.split_run(aside, lambda: [])
    assert theirs == _findings("here")


def test_no_fork_when_turned_off_or_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_FORK", "0")
    assert forkjoin.refusal() == "ZWGK_FORK=0"
    pids: list[int] = []

    def aside() -> list[Finding]:
        pids.append(os.getpid())
        return []

    forkjoin.split_run(aside, lambda: [])
    assert pids == [os.getpid()]
    monkeypatch.delenv("ZWGK_FORK")
    assert forkjoin.refusal(platform="darwin") == "macOS 上不使用 fork"
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        if hasattr(os, "fork"):
            assert forkjoin.refusal() == "进程中有其他线程"
            assert forkjoin.refusal(threads=False) is None
    finally:
        stop.set()
        worker.join()


def test_an_exception_here_stops_the_child_and_propagates() -> None:
    def here() -> list[Finding]:
        raise ValueError("here breaks")

    with pytest.raises(ValueError, match="here breaks"):
        forkjoin.split_run(lambda: [], here)


def _broken_demo(tmp_path: Path) -> Path:
    """The demo with review-gate findings (a missing, a stale and an orphaned record) and others."""
    root = copy_demo(tmp_path / "repo")
    records = sorted((root / "governance" / "reviews").rglob("*.yml"))
    records[0].unlink()
    shutil.copy(records[1], records[1].with_name("gone.yml"))
    reviews = root / "governance" / "reviews"
    item = root / records[-1].relative_to(reviews).with_suffix(".md")  # its record stays: now stale
    item.write_text(item.read_text(encoding="utf-8") + "\n审查后新增的一段。\n", encoding="utf-8")
    return root


@can_fork
@pytest.mark.parametrize("broken", [False, True], ids=["demo", "broken"])
def test_rules_in_two_processes_find_exactly_what_one_process_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: bool, no_other_threads: None) -> None:
    root = _broken_demo(tmp_path) if broken else copy_demo(tmp_path / "repo")
    project, problems = load_project(root)
    assert project is not None and not problems
    monkeypatch.setenv("ZWGK_TODAY", DEMO_TODAY.isoformat())
    site, _ = loader.load_site(project)
    monkeypatch.setattr(forkjoin, "MIN_ITEMS", 1)
    forked: list[bool] = []
    real = forkjoin.split_run

    def spy(aside, here):  # type: ignore[no-untyped-def]
        forked.append(True)
        return real(aside, here)

    monkeypatch.setattr(forkjoin, "split_run", spy)
    two = sorted(rules.run_rules(site, fork=True))
    one = sorted(rules.run_rules(site))
    assert forked == [True]
    assert two == one
    if broken:
        assert {"review.missing", "review.stale", "review.orphan"} <= {f.rule for f in two}


@can_fork
def test_zwgk_check_output_is_the_same_with_and_without_the_fork(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command itself (a site too small to fork by default, so the threshold is lowered through
    the module the command imports, in a process of its own via sitecustomize)."""
    root = _broken_demo(tmp_path)
    hook = tmp_path / "hook"
    hook.mkdir()
    marker = tmp_path / "forked"
    (hook / "sitecustomize.py").write_text(
        "import os\nfrom zwgk.core import forkjoin\nforkjoin.MIN_ITEMS = 1\nreal = forkjoin.split_run\n"
        "def spy(aside, here):\n"
        f"    open({str(marker)!r}, 'a').write(str(forkjoin.refusal()) + '\\n')\n"
        "    return real(aside, here)\n"
        "forkjoin.split_run = spy\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")]))
    forked = zwgk(root, "check", "--format", "json")
    monkeypatch.setenv("ZWGK_FORK", "0")
    single = zwgk(root, "check", "--format", "json")
    assert marker.read_text() == "None\nZWGK_FORK=0\n"  # forked the first time, not the second
    assert forked.returncode == single.returncode == 1
    assert forked.stdout == single.stdout and "review.stale" in forked.stdout
