"""Build into a staging folder; the last good site is replaced only by a whole, successful build.

MkDocs empties ``site_dir`` right after ``on_pre_build`` and writes pages one by one, so any failure
after that point — an unknown ``template:``, an exception in a template, a file name the file system
refuses, a strict-mode warning (MkDocs raises that ``Abort`` only *after* ``on_post_build``) — used to
leave the public folder half-emptied. Instead (docs/site.md, "A failed build never touches the site"):

- ``on_config`` (``mkdocs build`` and ``gh-deploy`` only): ``config.site_dir`` points at
  ``<parent>/.zwgk-build-XXXX/site``, beside the real site_dir, on the same file system. The forked
  render helpers (parallel.py) write there too, and put their own temporary files inside the stage.
- ``on_build_error``: the stage is marked failed (MkDocs calls it for every exception of the build,
  the strict ``Abort`` included).
- ``on_shutdown`` (MkDocs calls it in ``finally``): if the build was not marked failed and no exception
  is propagating (Ctrl-C is a ``BaseException`` that skips ``on_build_error``), the stage is exchanged
  with the real site_dir in one ``renameat2(RENAME_EXCHANGE)`` where the kernel offers it, else by
  rename-aside + rename-in; then the old site is deleted and ``config.site_dir`` restored (gh-deploy
  reads it after ``on_shutdown``). Otherwise the stage is deleted and the old site is untouched.

``mkdocs serve`` builds into its own temporary folder and serves that fixed root: never staged.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from . import parallel

STAGED_COMMANDS = ("build", "gh-deploy")
SITE = "site"  # the staged site inside the stage folder
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


@dataclass
class Stage:
    final: Path  # the real site_dir (symlinks resolved: the target folder is replaced, the link kept)
    root: Path  # .zwgk-build-XXXX beside it
    configured: str  # config.site_dir as the user gave it, restored at the end
    failed: bool = False

    @property
    def site(self) -> Path:
        return self.root / SITE


def is_serve_dir(site_dir: str) -> bool:
    """``mkdocs serve`` (also ``serve --clean``, which reports command ``build``) builds into
    ``mkdtemp(prefix="mkdocs_")`` in the system temporary folder."""
    path = Path(site_dir)
    return path.name.startswith("mkdocs_") and path.parent.resolve() == Path(tempfile.gettempdir()).resolve()


def begin(site_dir: str, command: str | None) -> Stage | None:
    """A stage for this build, or None: not a staged command, or no folder can be made beside
    site_dir (a read-only parent cannot take the swap either: MkDocs then writes in place, as before).

    Stages of builds that were killed are removed by :func:`parallel.make_temp_dir` (older than
    ``parallel.STALE_AFTER``), the same sweep the helpers' folders get."""
    if command not in STAGED_COMMANDS or is_serve_dir(site_dir):
        return None
    final = Path(os.path.realpath(site_dir))
    try:
        root = parallel.make_temp_dir(final.parent)
        (root / SITE).mkdir()
    except OSError:
        return None
    return Stage(final=final, root=root, configured=site_dir)


def finish(stage: Stage, *, ok: bool) -> None:
    """Swap the stage in when ``ok``; delete what is left either way."""
    try:
        if ok and not stage.failed:
            publish(stage.site, stage.final, aside=stage.root / "previous")
    finally:
        shutil.rmtree(stage.root, ignore_errors=True)


def publish(new: Path, final: Path, *, aside: Path) -> None:
    """Put the folder ``new`` at ``final``; the previous content of ``final`` ends up at ``aside``
    (or at ``new`` after an exchange) for the caller to delete. The public folder is never missing
    when the kernel can exchange the two names; otherwise only between two renames."""
    if final.is_dir():
        with contextlib.suppress(OSError):
            os.chmod(new, stat.S_IMODE(final.stat().st_mode))  # keep the web server's permissions
        if _exchange(new, final):
            _carry_dot_entries(new, final)
            return
        os.rename(final, aside)
        try:
            os.rename(new, final)
        except OSError:
            os.rename(aside, final)  # put the old site back before reporting
            raise
        _carry_dot_entries(aside, final)
        return
    if final.exists() or final.is_symlink():
        raise OSError(errno.ENOTDIR, "site_dir 不是文件夹", str(final))
    final.parent.mkdir(parents=True, exist_ok=True)
    os.rename(new, final)


def _carry_dot_entries(old: Path, new: Path) -> None:
    """MkDocs' clean keeps top-level dot entries of site_dir (a deploy checkout's ``.git``, a
    ``.htaccess``): the new site keeps them too."""
    for entry in old.iterdir():
        if entry.name.startswith(".") and not (new / entry.name).exists():
            with contextlib.suppress(OSError):
                os.rename(entry, new / entry.name)


def _renameat2() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None  # glibc < 2.28, musl without it
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two directory entries; False when the kernel or file system cannot."""
    fn = _renameat2()
    if fn is None:
        return False
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # e.g. an overlay or network file system without RENAME_EXCHANGE
    raise OSError(err, os.strerror(err), str(b))


# -- failures: a Chinese message naming the file, never a traceback ----------------------------

DEBUG_ENV = "ZWGK_DEBUG"  # ZWGK_DEBUG=1 keeps Python's traceback (for developers of zwgk itself)
_PATH_HINT = ("检查文件名和 redirect_from：不含控制字符（如 \\x00）、\\ 和 < > \" ' 等符号，"
              "路径每一段不超过 255 字节")


@dataclass(frozen=True)
class Failure:
    where: str  # repo-relative file (or the output path) being built, "" when unknown
    what: str
    hint: str

    def text(self, staged: bool) -> str:
        head = "zwgk 构建失败" + ("（网站未更新，仍是上一次成功构建的版本）" if staged else "（网站输出可能不完整）")
        where = f"{self.where}：" if self.where else ""
        return f"{head}：\n  {where}{self.what}\n  修正：{self.hint}"


def _frames(error: BaseException) -> list[tuple[str, int, dict[str, object]]]:
    """(code file name, line, locals) from the outermost frame to the innermost. Jinja rewrites the
    frames of a template so that they carry the template's file name and line."""
    out: list[tuple[str, int, dict[str, object]]] = []
    tb = error.__traceback__
    while tb is not None:
        out.append((str(tb.tb_frame.f_code.co_filename), tb.tb_lineno, dict(tb.tb_frame.f_locals)))
        tb = tb.tb_next
    return out


def _subject(error: BaseException, where: Callable[[str], str]) -> tuple[str, str]:
    """The page (or, failing that, the file) the failing frames were working on, and the template
    line when the error happened inside a template."""
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    page: str = ""
    file: str = ""
    template = ""
    for name, line, local in _frames(error):
        if name.endswith((".html", ".xml")):
            template = f"{Path(name).name} 第 {line} 行"  # the innermost template wins
        for value in local.values():
            if isinstance(value, Page) and not page:
                page = where(value.file.src_uri)
            elif isinstance(value, File) and not file:
                file = where(value.src_uri)
    return page or file, template


def describe(error: BaseException, where: Callable[[str], str]) -> Failure:
    """What failed, in the office's words. ``where`` maps a MkDocs ``src_uri`` to the repository
    file an editor can open (``content/zcwj/2026-003.md``)."""
    import jinja2
    from mkdocs.exceptions import Abort, BuildError

    subject, template = _subject(error, where)
    if isinstance(error, Abort) and "strict" in str(error):
        return Failure("", "严格模式（--strict）下出现警告（见上文 WARNING 行，已注明文件）",
                       "按上文的警告修正后重新构建；警告在严格模式下与错误一样阻止发布")
    if isinstance(error, jinja2.TemplateNotFound):
        return Failure(subject, f"页面模板 {error.name} 不存在（文件头部的 template 字段）",
                       "删除文件头部的 template 字段：页面的模板由 zwgk 按栏目和类型决定")
    if isinstance(error, jinja2.TemplateError):
        return Failure(subject, f"页面模板 {template or getattr(error, 'name', '')} 出错：{_short(error)}",
                       "检查 overrides/ 中的模板；如刚修改过模板，请恢复后重新构建")
    if isinstance(error, BuildError):
        return Failure(subject, _short(error), "按上文的提示修正后重新构建")
    if isinstance(error, (UnicodeError, OSError)) or (isinstance(error, ValueError) and "null" in str(error)):
        return Failure(subject, f"输出文件无法写入（{_short(error)}）", _PATH_HINT)
    in_template = f"（模板 {template}）" if template else ""
    return Failure(subject, f"生成页面时出错{in_template}：{type(error).__name__}: {_short(error)}",
                   "检查该文件头部的字段（如 hide 应为列表、不要写 template）；"
                   f"仍无法解决时设置环境变量 {DEBUG_ENV}=1 重新构建，把输出交给技术支持")


def _short(error: BaseException, limit: int = 300) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    text = "".join(c if ord(c) >= 32 and c != "\x7f" else f"\\x{ord(c):02x}" for c in text)
    return text if len(text) <= limit else text[:limit] + "…"


def quiet_traceback(error: BaseException, message: str) -> None:
    """MkDocs lets exceptions other than its own reach the interpreter, which prints a traceback:
    for ``error`` print ``message`` instead (the exit status stays 1). Kept with ZWGK_DEBUG=1."""
    if os.environ.get(DEBUG_ENV) == "1":
        return
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if value is error:
            sys.stderr.write(message + "\n")
        else:
            previous(kind, value, tb)

    sys.excepthook = hook
