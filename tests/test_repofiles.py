"""Reading repository files (core/repofiles.py): regular files only, bounded — and the whole check and
build finish with a finding when an author commits a link to a device, instead of reading forever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import DEMO_TODAY, mkdocs_build, rules_of, run_check
from zwgk.core import repofiles

needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero") or sys.platform == "win32",
                                    reason="needs /dev/zero and resource limits")


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


@pytest.fixture
def alarm() -> Iterator[None]:
    """A read that blocks or never ends fails the test after 10 s instead of hanging the suite."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("read did not return")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    data = os.urandom(200_000)  # several read chunks
    (tmp_path / "a.bin").write_bytes(data)
    assert repofiles.read_bytes(tmp_path / "a.bin") == data
    assert repofiles.read_bytes(str(tmp_path / "a.bin")) == data
    assert repofiles.problem(tmp_path / "a.bin") is None
    (tmp_path / "empty").write_bytes(b"")
    assert repofiles.read_bytes(tmp_path / "empty") == b""


def test_a_link_to_a_regular_file_is_read_like_the_file(tmp_path: Path) -> None:
    # Links are refused by the publication inventory with their own finding; reading stays as before.
    (tmp_path / "a.md").write_text("正文", encoding="utf-8")
    os.symlink(tmp_path / "a.md", tmp_path / "b.md")
    assert repofiles.read_bytes(tmp_path / "b.md") == "正文".encode()


@needs_dev_zero
def test_a_link_to_a_device_is_refused_at_once(tmp_path: Path, alarm: None) -> None:
    os.symlink("/dev/zero", tmp_path / "evil.md")
    with pytest.raises(repofiles.NotReadable) as caught:
        repofiles.read_bytes(tmp_path / "evil.md")
    assert "不是普通文件" in (caught.value.strerror or "")
    assert isinstance(repofiles.problem(tmp_path / "evil.md"), repofiles.NotReadable)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path, alarm: None) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    with pytest.raises(repofiles.NotReadable):
        repofiles.read_bytes(tmp_path / "pipe.md")


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(OSError):
        repofiles.read_bytes(tmp_path / "dir.md")
    assert repofiles.problem(tmp_path / "dir.md") is not None


def test_a_file_over_the_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repofiles, "MAX_BYTES", 1000)
    (tmp_path / "ok").write_bytes(b"x" * 1000)
    (tmp_path / "big").write_bytes(b"x" * 1001)
    assert len(repofiles.read_bytes(tmp_path / "ok")) == 1000
    with pytest.raises(repofiles.NotReadable):
        repofiles.read_bytes(tmp_path / "big")
    assert isinstance(repofiles.problem(tmp_path / "big"), repofiles.NotReadable)


@needs_dev_zero
def test_check_and_build_finish_with_findings_when_content_links_to_a_device(demo: Path) -> None:
    """An item, an attachment behind a linked folder and a review record, each a link to /dev/zero:
    every one is reported, and neither `zwgk check` nor the build reads forever (the timeouts)."""
    column = next(p for p in sorted((demo / "content").iterdir()) if p.is_dir() and any(p.glob("*.md")))
    item = next(p for p in sorted(column.glob("*.md")) if p.name != "index.md")
    os.symlink("/dev/zero", column / "evil.md")
    folder = item.with_suffix("")
    folder.mkdir(exist_ok=True)
    os.symlink("/dev", folder / "lnk")
    text = item.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    item.write_text(f"{head}\nattachments:\n  - file: {folder.name}/lnk/zero\n    title: 附件{sep}{body}", encoding="utf-8")
    record = demo / "governance" / "reviews" / item.relative_to(demo).with_suffix(".yml")
    record.unlink()
    os.symlink("/dev/zero", record)

    rel = (column / "evil.md").relative_to(demo).as_posix()
    # First in a process of its own, bounded in time and memory: a regression reads /dev/zero until
    # it is stopped, and must fail this test, not exhaust the machine running the suite.
    cli = subprocess.run([sys.executable, "-m", "zwgk.cli.main", "check"], cwd=demo, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "ZWGK_TODAY": DEMO_TODAY.isoformat()},
                         preexec_fn=_limit_memory)
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    assert f"{rel}: [错误] file.unreadable" in cli.stdout

    result = run_check(demo)
    unreadable = [f for f in result.findings if f.rule == "file.unreadable" and f.path == rel]
    assert unreadable and "不是普通文件" in unreadable[0].message
    assert {"publish.symlink", "review.missing"} <= rules_of(result)

    built = mkdocs_build(demo)
    assert built.returncode == 1
    assert "Traceback" not in built.stderr and "publish.symlink" in built.stderr


def test_a_picture_that_cannot_be_read_is_a_finding_of_the_image_rule(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """rules/diagram.images reads every picture in content/ through read_bytes: a refusal (here a
    picture over the bound) is image.unreadable naming the file, not a traceback; the twin passes."""
    from PIL import Image
    from zwgk.core import loader
    from zwgk.core.project import load_project
    from zwgk.core.rules import diagram

    folder = demo / "content/gzdt/2026-008"
    folder.mkdir()
    Image.new("RGB", (8, 8), "white").save(folder / "map.png")
    project, _ = load_project(demo)
    assert project is not None
    site, _ = loader.load_site(project)
    assert "image.unreadable" not in {f.rule for f in diagram.images(site)}
    real = repofiles.read_bytes

    def refuse_pictures(path: str | Path) -> bytes:
        if str(path).endswith(".png"):
            raise repofiles.NotReadable(27, "文件超过 512 MB")
        return real(path)

    monkeypatch.setattr(repofiles, "read_bytes", refuse_pictures)
    found = [f for f in diagram.images(site) if f.rule == "image.unreadable"]
    assert [f.path for f in found] == ["content/gzdt/2026-008/map.png"] and "512 MB" in found[0].message
