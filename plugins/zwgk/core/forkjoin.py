"""Run some of the rules in a forked process while this one runs the others (``zwgk check``).

A warm ``zwgk check`` of 10,000 items is one process on a two-core machine: after loading, the
review gate (about 45 % of the rules' time) and the other rules are independent pure functions of
the loaded site, so the review gate runs in a child forked after loading and the process that
loaded runs the rest. Only the child's findings come back, as JSON through a pipe (reading them
cannot run code, unlike a pickle); the site is never copied, the fork shares it.

Nothing depends on the fork: when it is not allowed (:func:`refusal`), fails, or the child dies,
the same checks run in this process, so the findings are those of one process — or the same
exception. Tests compare both paths on the demo and on broken repositories.

The build does not use this: its search index is written by a process of its own while the rules
run (mkdocs/plugin.py), so the second core is busy already.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence

from .findings import Finding

#: ``ZWGK_FORK=0`` (or false/no/off): never fork — ``zwgk check`` and the build's renderer alike.
FORK_ENV = "ZWGK_FORK"
#: Fewer items than this are checked in one process: a fork costs more than it saves.
MIN_ITEMS = 300


def refusal(*, platform: str = sys.platform, threads: bool = True) -> str | None:
    """Why this process must not fork, or None when it may. ``threads``: refuse while another thread
    runs (the build's renderer checks its own conditions instead: mkdocs/parallel.py)."""
    if os.environ.get(FORK_ENV, "1").strip().lower() in ("0", "false", "no", "off"):
        return f"{FORK_ENV}=0"
    if not hasattr(os, "fork"):
        return "此系统不支持 fork"
    if platform == "darwin":
        # CPython itself stopped forking by default on macOS (3.8): system frameworks are not
        # fork-safe.  A clerk's Mac checks and builds a small site; one process is fast enough.
        return "macOS 上不使用 fork"
    if threads and threading.active_count() > 1:
        # A lock held by another thread at the fork stays locked in the child forever
        # (`mkdocs serve`'s server, `zwgk preview`'s checker).
        return "进程中有其他线程"
    return None


def fork(*, collect: bool = True) -> int:
    """``os.fork`` with the streams flushed (nothing buffered is written twice) and the objects made
    so far frozen (the collector never touches them, so fewer pages are copied on write).
    ``collect``: free what is garbage first (a renderer lives long; a short child need not wait)."""
    sys.stdout.flush()
    sys.stderr.flush()
    if collect:
        gc.collect()
    gc.freeze()
    pid = os.fork()
    if pid != 0:
        gc.unfreeze()
    return pid


def _encode(findings: Sequence[Finding]) -> bytes:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False).encode()


def _decode(data: bytes) -> list[Finding]:
    # As the build's render helpers hand theirs back (mkdocs/verify.py, merge): masking is idempotent.
    return [Finding(**row) for row in json.loads(data)]


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def split_run(aside: Callable[[], list[Finding]], here: Callable[[], list[Finding]]) -> tuple[list[Finding], list[Finding]]:
    """``(aside(), here())``: ``aside`` in a forked child when :func:`refusal` allows, ``here`` in this
    process meanwhile. A child that fails in any way is ignored and ``aside`` runs here afterwards."""
    if refusal() is not None:
        return aside(), here()
    read_end, write_end = os.pipe()
    try:
        pid = fork(collect=False)
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return aside(), here()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        status = 1
        try:
            payload = _encode(aside())
            with os.fdopen(write_end, "wb") as fh:
                fh.write(payload)
            status = 0
        finally:
            # Leave at once: no exit handlers, no buffered output of the parent written twice.
            os._exit(status)
    os.close(write_end)
    try:
        mine = here()
    except BaseException:
        _reap(pid, read_end)
        raise
    data = _read_all(read_end)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    theirs: list[Finding] | None = None
    if os.waitstatus_to_exitcode(status) == 0:
        try:
            theirs = _decode(data)
        except (ValueError, TypeError):  # not JSON, or not a list of findings
            theirs = None
    return (aside() if theirs is None else theirs), mine


def _reap(pid: int, read_end: int) -> None:
    """This process failed: the child's findings are moot; stop it and collect it."""
    os.close(read_end)
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass

