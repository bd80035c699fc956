"""What MkDocs will publish from the repository, and whether each piece has been reviewed.

MkDocs copies *every* file under ``docs_dir`` to the site (following symlinks), renders five page
extensions, and lets a docs file replace a theme file. So the gate starts from the files, not from
the items: every file under ``content/`` must be one of

- a page: an item (``<column>/<name>.md``) or a governed page (``index.md``, ``<column>/index.md``,
  another top-level ``.md``), each with its own review record;
- a file listed in an item's ``attachments`` (its bytes are in that item's review digest);
- an image in an item's own folder (``<column>/<name>/…``): shown in its body, in its digest too,
  scanned like an attachment and re-encoded without metadata when published.

Anything else is refused by name, with the fix. Symlinks are refused in ``content/``,
``interpretations/`` and ``overrides/`` (a link publishes what it points to: the review register, a
host file). Dot-files are skipped as MkDocs skips them. The same walk serves ``zwgk check`` and the
build; the build additionally checks the finished ``site/`` against the list (mkdocs/verify.py).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from pathlib import Path

from .findings import Finding, finding
from .images import WEB_IMAGE_SUFFIXES
from .model import Item, Site
from .scan.config import ScanConfig
from .scan.detectors import scan_segments
from .scan.hits import Segment
from .schema import UNSAFE_PATH_CHARS

PAGE_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")  # mkdocs/utils/__init__.py
# The formats a page shows and the publisher re-encodes without metadata (core/images.py): one list.
IMAGE_EXTENSIONS = WEB_IMAGE_SUFFIXES
UNLISTED = "publish.unlisted"
SYMLINK = "publish.symlink"
PAGE_EXT = "publish.page_extension"
ATTACHMENT_PATH = "publish.attachment_path"
UNSAFE_NAME = "publish.unsafe_name"
_UNLISTED_HINT = "列入某条信息的 attachments 并重新审查，或移出 content/"


def walk(root: Path, rel: str, *, hidden: bool = False) -> Iterator[tuple[str, bool, bool]]:
    """(repo-relative path, is a symlink, is a directory) of everything below ``root``, symlinks
    reported and never followed. Dot-entries are skipped (MkDocs leaves them out), or with ``hidden``
    listed but not entered (the inventory reports them)."""
    stack = [(root, rel)]
    while stack:
        folder, folder_rel = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                if hidden:
                    yield f"{folder_rel}/{entry.name}", entry.is_symlink(), False
                continue
            path = f"{folder_rel}/{entry.name}"
            link = entry.is_symlink()
            is_dir = not link and entry.is_dir(follow_symlinks=False)
            yield path, link, is_dir
            if is_dir:
                stack.append((Path(entry.path), path))


def tree(root: Path, rel: str) -> list[str]:
    """``rel``-prefixed POSIX paths of every entry below ``root``, exactly what ``sorted(root.rglob("*"))``
    lists (dot-entries included, symlinked folders listed but not entered) and in the same order
    (component by component), as strings: at 10,000 items the Path objects and their sorting were a
    tenth of a warm ``zwgk check``."""
    out: list[str] = []
    top = os.fspath(root)
    for dirpath, dirnames, filenames in os.walk(top):
        sub = dirpath[len(top):].lstrip(os.sep).replace(os.sep, "/")
        prefix = f"{rel}/{sub}/" if sub else f"{rel}/"
        out += [prefix + name for name in (*dirnames, *filenames)]
    out.sort(key=lambda p: p.split("/"))  # Path order: by parts ("a/b" before "a-b"), not by string
    return out


def path_suffix(name: str) -> str:
    """``PurePath(name).suffix`` without building a Path (``..png`` → ``.png``, ``.png`` → ``""``)."""
    start = name.rfind("/") + 1
    i = name.rfind(".", start)
    return name[i:] if start < i < len(name) - 1 else ""


def attachment_path_problem(file: str) -> str | None:
    """Why an ``attachments: - file:`` value may not be used, or None. It must name a file in the
    item's own folder tree: ``..``, absolute paths and backslashes could reach governance/."""
    if not file or file != file.strip():
        return "文件名为空或首尾有空格"
    if any(ord(c) < 32 or ord(c) == 127 for c in file):
        return "文件名含控制字符"
    if "\\" in file or file.startswith("/") or ":" in file.split("/")[0]:
        return "应写相对于信息所在文件夹的路径（如 2026-007/附件.pdf），不能是绝对路径或含反斜杠"
    parts = file.split("/")
    if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return "路径中不能有 ..、. 、以点开头的名称或连续的 /"
    return None


def item_folder(item: Item) -> str:
    """``content/zcwj/2026-003.md`` → ``content/zcwj/2026-003`` (its attachments and images live there)."""
    return item.path[:-3] if item.path.endswith(".md") else item.path


def has_folder(site: Site, rel: str) -> bool:
    """``os.path.isdir(site.root / rel)``, from one listing of its parent folder per load (links to
    folders count, as isdir follows them). A parent that cannot be listed is asked directly."""
    parent, _, name = rel.rpartition("/")
    names = site.folder_names.get(parent)
    if names is None:
        try:
            with os.scandir(os.path.join(site.root, parent)) as entries:
                names = frozenset(e.name for e in entries if e.is_dir())
        except OSError:
            return os.path.isdir(os.path.join(site.root, rel))
        site.folder_names[parent] = names
    return name in names


def item_assets(site: Site, item: Item) -> dict[str, Path]:
    """Images in an item's own folder that are not listed attachments: published with its page, so
    covered by its review digest. Keyed like attachments (relative to the item's folder)."""
    if item.interpretation_id is not None:
        return {}
    # Called for every item by each review-gate run: most items have no folder.
    if not has_folder(site, item_folder(item)):
        return {}
    folder = site.root / item_folder(item)
    listed = {a.rel_path for a in item.attachments}
    base = posixpath.dirname(item.path)
    out: dict[str, Path] = {}
    for path, link, is_dir in walk(folder, item_folder(item)):
        if link or is_dir or path in listed or path_suffix(path).lower() not in IMAGE_EXTENSIONS:
            continue
        out[posixpath.relpath(path, base)] = site.root / path
    return out


def published_files(site: Site, item: Item) -> list[str]:
    """Site paths (docs-relative) of the attachments and images ``item`` publishes beside its page: a
    content item's where they lie in content/ (with the images of its own folder), an interpretation
    material's beside its generated page (mkdocs/plugin.py adds them there)."""
    if item.interpretation_id is not None:
        folder = item.src_uri.rsplit("/", 1)[0]
        return [f"{folder}/{a.file}" for a in item.attachments]
    docs = site.config.docs_dir + "/"
    base = posixpath.dirname(item.path)
    return [*(a.rel_path.removeprefix(docs) for a in item.attachments),
            *(posixpath.join(base, k).removeprefix(docs) for k in item_assets(site, item))]


def inventory_findings(site: Site) -> list[Finding]:
    cfg = site.config
    out: list[Finding] = []
    docs = cfg.docs_dir
    items = {i.path: i for i in site.items if i.interpretation_id is None}
    allowed: set[str] = set()
    for item in site.items:
        for att in item.attachments:
            problem = attachment_path_problem(att.file)
            if problem:
                out.append(finding(ATTACHMENT_PATH, item.path, f"附件路径“{att.file}”无效：{problem}",
                                   "把附件放在信息同名文件夹中，写成 attachments: - file: 文件夹名/文件名", field="attachments"))
            else:
                allowed.add(att.rel_path)
    item_folders = {item_folder(i) + "/": i for i in items.values()}
    for top in (docs, cfg.interpretations_dir, "overrides"):
        base = site.root / top
        if not base.is_dir():
            continue
        if base.is_symlink():
            out.append(_symlink(top))
            continue
        for path, link, is_dir in walk(base, top, hidden=top != "overrides"):
            if top != "overrides":
                # A published name is public text (the address, the download's file name).
                out += _name_findings(path, cfg.scan)
                if (bad := _unsafe_name(path)) is not None:
                    out.append(bad)  # its address would carry the character: refused whatever the file is
                    continue
            if link:
                out.append(_symlink(path))
                continue
            if is_dir:
                continue
            if top == "overrides":
                if not _theme_file_ok(path):
                    out.append(finding(UNLISTED, path, f"“{path}”会作为主题文件原样发布，但它不是模板、样式、脚本、图标或字体",
                                       "overrides/ 只放模板（.html）和 assets/ 下的 .css/.js/图片/字体；其他文件请移出", field="file"))
                continue
            if top != docs:
                continue
            name = path.rsplit("/", 1)[-1]
            lower = name.lower()
            if lower.endswith(PAGE_EXTENSIONS) and not name.endswith(".md"):
                out.append(finding(PAGE_EXT, path, f"“{name}”的扩展名会被 MkDocs 当作页面发布，但不在审查范围内",
                                   "页面文件一律用小写扩展名 .md（改名后重新审查）；不是页面的文件请移出 content/",
                                   field="file"))
                continue
            if name.endswith(".md"):
                continue  # items and pages: the loader reads them (unknown column folders are its error)
            if path in allowed:
                continue
            owner = _owner(path, item_folders)
            if owner is not None and Path(name).suffix.lower() in IMAGE_EXTENSIONS:
                continue  # an image of that item: in its digest, scanned, re-encoded on publication
            out.append(finding(UNLISTED, path, f"“{path}”不是任何信息的附件或图片，未经审查，不能发布",
                               _UNLISTED_HINT, field="file"))
    return out


def _name_findings(path: str, config: ScanConfig) -> list[Finding]:
    """Personal data and secrecy marks in a file or folder name (``联系人13812345678.png``): the name
    is published as the address and the download's name. 错敏词 are a matter of wording, not of names."""
    return scan_segments([Segment("文件名", path.rsplit("/", 1)[-1])], path, config, errata=False)


def _unsafe_name(path: str) -> Finding | None:
    """A file or folder whose name becomes part of a page or file address must be usable there as it
    is: ``a:b.md`` gives the relative link ``a:b/`` (a scheme: ``javascript:…``), ``\\host.md`` one that
    browsers read as another host, ``%2F`` decodes into a different path. The same characters are
    refused in ``redirect_from`` (schema.UNSAFE_PATH_CHARS)."""
    name = path.rsplit("/", 1)[-1]
    if name.startswith("."):
        # MkDocs leaves such files out, web servers refuse them, redirect_from refuses them: a page
        # or file named so would be linked from listings and feeds, and answer 404.
        return finding(UNSAFE_NAME, path, f"“{name}”以 . 开头：这样的文件或文件夹不会正常发布（是隐藏文件）",
                       "改为不以 . 开头的名称；系统自动生成的隐藏文件（如 .DS_Store）请删除，不要提交", field="file")
    m = UNSAFE_PATH_CHARS.search(name)
    if m is None:
        return None
    char = m.group()
    shown = repr(char) if char.isprintable() else f"\\x{ord(char):02x}"
    return finding(UNSAFE_NAME, path, f"文件或文件夹名含有不能用在网址中的字符 {shown}，发布后的链接会指向别处",
                   "改名：只用汉字、字母、数字和 - _ . 等字符（不要用 : \\ % # ? 引号、尖括号和控制字符），改名后重新审查",
                   field="file")


# MkDocs publishes every non-template file of custom_dir as-is (theme.py): only what a theme needs.
_THEME_ASSETS = frozenset({".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".svg", ".woff",
                           ".woff2", ".ttf", ".otf", ".map"})


def _theme_file_ok(path: str) -> bool:
    """``overrides/…``: templates (never copied) or static assets under ``overrides/assets/``."""
    suffix = Path(path).suffix.lower()
    if suffix == ".html":
        return True
    return path.startswith("overrides/assets/") and suffix in _THEME_ASSETS


def _owner(path: str, item_folders: dict[str, Item]) -> Item | None:
    """The item whose folder holds ``path`` (checking each ancestor: linear in the path's depth)."""
    parts = path.split("/")
    for n in range(len(parts) - 1, 1, -1):
        hit = item_folders.get("/".join(parts[:n]) + "/")
        if hit is not None:
            return hit
    return None


def _symlink(path: str) -> Finding:
    return finding(SYMLINK, path, "这是一个符号链接：发布时会把它指向的文件（可能是审查表或服务器上的文件）一并公开",
                   "删除该链接，把要发布的文件本身放入仓库（作为某条信息的附件）", field="file")
