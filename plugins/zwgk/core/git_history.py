"""When did the content last change? Git history, read once per check.

The review gate uses this to refuse a signature dated before the content it claims to approve
existed (``zwgk review --date`` back-dating, or a hand-edited record). Two Git calls per check,
whatever the repository size: one ``git log --name-only`` over the repository's history and one
``git status``; per-file Git calls happen only for a file that changed after a signature date, to
see whether the change touched what the digest covers (a whitespace-only commit does not).

Dates are commit dates (``%ct``) in Beijing time (UTC+8). They are what the committer's machine
claims — Git cannot prove them — so this catches honest mistakes and casual back-dating; the host's
branch protection and CODEOWNERS remain the real control.

No Git (not installed, or the folder is not a Git checkout — e.g. the tests' copies of the demo,
or a downloaded archive) means there is no history to compare with: :func:`load` returns None and
the check is skipped for that reason only.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
GIT_TIMEOUT = 60  # seconds; the log of a 10,000-item history takes well under one


def run_git(root: Path, *args: str) -> bytes | None:
    """Output of a git command in ``root``; None when git is missing, fails, or ``root`` is no repository."""
    try:
        proc = subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", *args], capture_output=True,
                              timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


def beijing_date(timestamp: int) -> dt.date:
    return dt.datetime.fromtimestamp(timestamp, BEIJING).date()


@dataclass(frozen=True)
class Change:
    """The last change of one file: a commit (``commit`` set) or the uncommitted working tree."""

    path: str
    date: dt.date
    commit: str = ""  # "" = uncommitted (modified, added or untracked)

    def describe(self) -> str:
        how = f"Git 提交 {self.commit[:10]}" if self.commit else "尚未提交的修改"
        return f"{self.date}（{how}，{self.path}）"


@dataclass
class History:
    """Last commit date of every file under ``root``, and the files with uncommitted changes."""

    root: Path
    today: dt.date
    start: dt.date | None  # commits before this day are the import of pre-existing content
    last_commit: dict[str, tuple[dt.date, str]] = field(default_factory=dict)  # path -> (date, sha)
    dirty: set[str] = field(default_factory=set)

    def last_change(self, paths: Iterable[str]) -> Change | None:
        """The newest change among ``paths`` (repo-relative, POSIX); None when none is known."""
        best: Change | None = None
        for path in paths:
            if path in self.dirty:
                change = Change(path, self.today)
            elif path in self.last_commit:
                day, sha = self.last_commit[path]
                if self.start is not None and day < self.start:
                    continue
                change = Change(path, day, sha)
            else:
                continue
            if best is None or change.date > best.date:
                best = change
        return best

    def version_at(self, path: str, day: dt.date) -> bytes | None:
        """The file as committed at the end of ``day`` (Beijing); None when it did not exist then.

        With ``start`` set, a day before it reads the imported version (the state at ``start``).
        """
        if self.start is not None and day < self.start:
            day = self.start - dt.timedelta(days=1)
            # The import itself: the newest commit before ``start``.
        until = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), BEIJING)
        sha = (run_git(self.root, "rev-list", "-1", f"--before={int(until.timestamp())}", "HEAD", "--", path)
               or b"").decode().strip()
        if not sha:
            return None
        return run_git(self.root, "show", f"{sha}:./{path}")


def load(root: Path, today: dt.date, start: dt.date | None = None) -> History | None:
    """Read the history of ``root``; None when there is no Git to read it from."""
    prefix = run_git(root, "rev-parse", "--show-prefix")
    if prefix is None:  # git missing, or not a Git checkout: nothing to compare with (see module doc)
        return None
    strip = prefix.decode("utf-8", "replace").strip()
    hist = History(root, today, start)
    boundary = _shallow_commits(root)
    # A repository without commits yet makes `git log` fail: then every file is uncommitted.
    log = run_git(root, "log", "--no-renames", "--format=%x01%H %ct", "--name-only", "-z", "--relative", "--", ".")
    for chunk in (log or b"").decode("utf-8", "replace").split("\x01"):
        head, _, rest = chunk.partition("\0")
        sha, _, stamp = head.partition(" ")
        if not sha or not stamp.strip().isdigit() or sha in boundary:
            # A shallow clone's boundary commit lists every file as added: not evidence of a change.
            continue
        day = beijing_date(int(stamp))
        for name in rest.lstrip("\n").split("\0"):
            if name and (name not in hist.last_commit or day > hist.last_commit[name][0]):
                hist.last_commit[name] = (day, sha)
    status = run_git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", ".")
    for entry in (status or b"").decode("utf-8", "replace").split("\0"):
        if len(entry) > 3:
            name = entry[3:]
            hist.dirty.add(name[len(strip):] if strip and name.startswith(strip) else name)
    return hist


def _shallow_commits(root: Path) -> set[str]:
    where = run_git(root, "rev-parse", "--git-path", "shallow")
    if not where:
        return set()
    path = Path(where.decode().strip())
    path = path if path.is_absolute() else root / path
    try:
        return set(path.read_text(encoding="ascii").split())
    except OSError:
        return set()
