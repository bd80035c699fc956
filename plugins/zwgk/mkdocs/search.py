"""Chinese full-text search with Pagefind, indexed *while* MkDocs renders.

Pagefind's extended binary (PyPI ``pagefind[extended]``, shipped inside the wheel — nothing is
downloaded) segments Chinese. We talk to it in its ``--service`` mode over stdin/stdout: each item
page is sent as soon as its Markdown is converted, so the binary parses and indexes on the second
core while Python keeps converting; the index is written while MkDocs renders templates. The
pagefind Python package's own client polls for every reply with a 0.1 s sleep, far too slow for
10,000 pages, so this module speaks the same small protocol itself (base64 JSON messages, each
followed by a comma) from two threads.
"""

from __future__ import annotations

import base64
import io
import json
import os
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

INSTALL_HINT = ("站内搜索需要 Pagefind 搜索组件（含中文分词的扩展版）。请在构建环境中运行："
                "pip install \"pagefind[extended]\"（内网可从 PyPI 镜像安装；构建时不会联网下载）；"
                "如确实不需要站内搜索，可在 mkdocs.yml 的 zwgk 插件下设置 pages: {search: false}。")
# Bundle files the header search does not use (Pagefind's own UIs and the playground).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchUnavailable(Exception):
    """Pagefind is not installed (the message is the Chinese install hint)."""


def find_binary() -> Path:
    """The extended binary from the ``pagefind_bin_extended`` wheel (or an explicit PAGEFIND_BINARY_PATH)."""
    env = os.environ.get("PAGEFIND_BINARY_PATH")
    if env:
        if Path(env).is_file():
            return Path(env)
        raise SearchUnavailable(f"PAGEFIND_BINARY_PATH 指向的文件不存在：{env}。" + INSTALL_HINT)
    try:
        import pagefind_bin_extended

        path = Path(pagefind_bin_extended.get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise SearchUnavailable(INSTALL_HINT) from exc
    if not os.access(path, os.X_OK):
        raise SearchUnavailable(f"Pagefind 程序 {path} 不可执行。" + INSTALL_HINT)
    return path


def _lower_priority() -> None:
    os.nice(10)


class PagefindService:
    """One index in one ``pagefind --service`` process. ``add`` never blocks the build thread."""

    def __init__(self, binary: Path, language: str = "zh") -> None:
        # Lower priority: the indexer should use the spare core, not slow down the page rendering it overlaps.
        self._proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, preexec_fn=_lower_priority if os.name == "posix" else None)
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._replies: dict[int, dict[str, Any]] = {}
        self._cond = threading.Condition()
        self._next_id = 0
        self._closed = False
        self.errors: list[str] = []
        self.pages = 0
        self._writer = threading.Thread(target=self._write_loop, name="pagefind-writer", daemon=True)
        self._reader = threading.Thread(target=self._read_loop, name="pagefind-reader", daemon=True)
        self._writer.start()
        self._reader.start()
        reply = self._wait(self._send({"type": "NewIndex", "config": {"force_language": language}}))
        self._index = int(reply.get("index_id", 0))

    # -- protocol ----------------------------------------------------------------------
    def _send(self, payload: dict[str, Any]) -> int:
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False)
        self._outbox.put(base64.b64encode(message.encode("utf-8")) + b",")
        return self._next_id

    def _write_loop(self) -> None:
        stdin = self._proc.stdin
        assert stdin is not None
        try:
            while (chunk := self._outbox.get()) is not None:
                stdin.write(chunk)
                if self._outbox.empty():
                    stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            self._fail(f"Pagefind 进程意外退出（{exc}）")

    def _read_loop(self) -> None:
        stdout = self._proc.stdout
        assert isinstance(stdout, io.BufferedReader)
        buf = b""
        while chunk := stdout.read1(1 << 20):
            buf += chunk
            *messages, buf = buf.split(b",")
            for raw in messages:
                try:
                    reply = json.loads(base64.b64decode(raw))
                except ValueError:
                    continue
                payload = reply.get("payload") or {}
                with self._cond:
                    if payload.get("type") == "Error":
                        self.errors.append(str(payload.get("message")))
                    if isinstance(reply.get("message_id"), int) and payload.get("type") != "IndexedFile":
                        self._replies[reply["message_id"]] = payload  # per-page replies are not awaited
                    self._cond.notify_all()
        self._fail("Pagefind 进程已退出")

    def _fail(self, why: str) -> None:
        with self._cond:
            if not self._closed:
                self.errors.append(why)
            self._closed = True
            self._cond.notify_all()

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._cond:
            while message_id not in self._replies and not self._closed:
                self._cond.wait()
            return self._replies.pop(message_id, {})

    # -- API ---------------------------------------------------------------------------
    def add(self, url: str, html: str) -> None:
        """Queue one page (``url`` site-root relative with a leading "/"). Replies are only checked at the end."""
        self.pages += 1
        self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_contents": html,
                    "file_path": None})

    def start_writing(self, output: Path) -> int:
        """Ask the service to write the bundle (it runs while the build goes on); returns the message id."""
        return self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(output)})

    def finish(self, message_id: int, output: Path) -> None:
        """Wait for the bundle, then stop the service; raises RuntimeError with a Chinese message on failure."""
        reply = self._wait(message_id)
        self.close()
        if reply.get("type") != "WriteFiles" or self.errors:
            detail = "；".join(dict.fromkeys(self.errors))[:500] or "没有生成索引"
            raise RuntimeError(f"站内搜索索引生成失败：{detail}")
        for name in UNUSED:
            (output / name).unlink(missing_ok=True)
        shutil.rmtree(output / "playground", ignore_errors=True)

    def close(self) -> None:
        with self._cond:
            self._closed = True  # from now on the reader's end-of-file is expected, not an error
            self._cond.notify_all()
        if self._proc.poll() is None:
            self._outbox.put(None)
            self._writer.join(timeout=5)
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
