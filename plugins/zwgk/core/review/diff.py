"""What changed since the last review: the reviewed version of an item, and a readable diff.

The review record's digest proves *that* something changed, not *what*. So ``zwgk review`` keeps
a copy of exactly what was approved — a snapshot — and diffs against it next time.

Where the reviewed version comes from, in order:

1. **Snapshot** ``<reviews_dir>/.snapshots/<item path>.json`` written by ``zwgk review``: body text,
   front-matter fields, and for every reviewed file its size and SHA-256 (plus the text of small text
   files such as ``plan.md`` and ``tujie.yml`` so they can be diffed too). JSON, not YAML, so the
   orphan-record rule (``*.yml``) never mistakes it for a record.
2. **Git history** of the item file, for records written before snapshots existed: the newest
   commit whose body and fields hash to the record's digest.

Either way the candidate is *verified against the record's digest* before it is used: a snapshot
edited by hand or a history rewritten is ignored, and the diff falls back to naming the changed
parts from the digest alone (正文, 字段 title, 附件 …). A diff shown to a reviewer is therefore
always against the version the record actually approved.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .. import frontmatter, repofiles
from ..git_history import run_git
from ..model import Item, Site
from ..schema import FIELDS
from .digest import ADDRESS_LABELS, SHORT, compute, describe_changes
from .record import item_digest, normalise_name, review_files

SNAPSHOT_DIR = ".snapshots"
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".txt", ".csv", ".json", ".html"}
MAX_TEXT = 256 * 1024  # larger text files are compared by size and hash only
MAX_GIT_COMMITS = 200


@dataclass(frozen=True)
class FileState:
    size: int | None  # None: the file is missing
    sha256: str | None
    text: str | None = None  # kept for small UTF-8 text files


@dataclass(frozen=True)
class Snapshot:
    body: str
    fields: dict[str, Any]  # JSON-safe (dates as ISO strings)
    files: dict[str, FileState]
    source: str  # "快照 <path>" / "Git 提交 <sha>" / "当前内容"

    def to_json(self, item_path: str, reviewed_on: dt.date | None) -> str:
        data = {
            "item": item_path,
            "reviewed_on": reviewed_on.isoformat() if reviewed_on else None,
            "body": self.body,
            "fields": self.fields,
            "files": {k: {"size": v.size, "sha256": v.sha256, "text": v.text} for k, v in sorted(self.files.items())},
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _json_safe(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    return value


def _file_state(name: str, data: bytes | None) -> FileState:
    if data is None:
        return FileState(None, None)
    text = None
    if PurePosixPath(name).suffix.lower() in TEXT_SUFFIXES and len(data) <= MAX_TEXT:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
    return FileState(len(data), hashlib.sha256(data).hexdigest(), text)


def current(site: Site, item: Item) -> Snapshot:
    files: dict[str, FileState] = {}
    for name, path in review_files(site, item).items():
        try:
            data: bytes | None = repofiles.read_bytes(path)
        except OSError:
            data = None
        files[name] = _file_state(name, data)
    return Snapshot(item.body, _json_safe(dict(item.meta)), files, "当前内容")


def matches(snap: Snapshot, recorded: Mapping[str, Any]) -> bool:
    """True when ``snap`` is exactly the content whose digest the record holds."""
    d = compute(snap.body, snap.fields, {})
    rec_files = recorded.get("files") if isinstance(recorded.get("files"), Mapping) else {}
    assert isinstance(rec_files, Mapping)
    files = {k: (v.sha256[:SHORT] if v.sha256 else "missing") for k, v in snap.files.items()}
    return (recorded.get("body") == d.body and dict(recorded.get("fields") or {}) == d.fields
            and {str(k): str(v) for k, v in rec_files.items()} == files)


def snapshot_path(site: Site, item: Item) -> str:
    return f"{site.config.reviews_dir}/{SNAPSHOT_DIR}/{item.path}.json"


def save(site: Site, item: Item, snap: Snapshot, reviewed_on: dt.date) -> str:
    rel = snapshot_path(site, item)
    target = site.root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(snap.to_json(item.path, reviewed_on), encoding="utf-8")
    return rel


def _from_snapshot_file(site: Site, item: Item) -> Snapshot | None:
    rel = snapshot_path(site, item)
    try:
        data = json.loads((site.root / rel).read_text(encoding="utf-8"))
        files = {str(k): FileState(v.get("size"), v.get("sha256"), v.get("text")) for k, v in data["files"].items()}
        return Snapshot(str(data["body"]), dict(data["fields"]), files, f"快照 {rel}")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _from_git(site: Site, item: Item, recorded: Mapping[str, Any]) -> Snapshot | None:
    log = run_git(site.root, "log", f"-{MAX_GIT_COMMITS}", "--format=%H", "--", item.path)
    if not log:
        return None
    base = PurePosixPath(item.path).parent
    names = recorded.get("files") if isinstance(recorded.get("files"), Mapping) else {}
    assert isinstance(names, Mapping)
    for sha in log.decode().split():
        raw = run_git(site.root, "show", f"{sha}:./{item.path}")
        if raw is None:
            continue
        meta, body, _, problems = frontmatter.split(raw.decode("utf-8-sig", "replace").replace("\r\n", "\n"), item.path)
        if problems:
            continue
        d = compute(body, meta, {})
        if d.body != recorded.get("body") or d.fields != dict(recorded.get("fields") or {}):
            continue
        files = {str(n): _file_state(str(n), run_git(site.root, "show", f"{sha}:./{base / str(n)}")) for n in names}
        return Snapshot(body, _json_safe(meta), files, f"Git 提交 {sha[:10]}")
    return None


def last_reviewed(site: Site, item: Item) -> tuple[Snapshot | None, Mapping[str, Any] | None]:
    """(the reviewed version if it can be recovered, the record's digest block if there is one)."""
    record = site.reviews.get(item.path)
    recorded = record.data.get("digest") if record and not record.broken else None
    if not isinstance(recorded, Mapping) or not recorded.get("sha256"):
        return None, None
    for candidate in (_from_snapshot_file(site, item), _from_git(site, item, recorded)):
        if candidate is not None and matches(candidate, recorded):
            return candidate, recorded
    return None, recorded


# -- the diff ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    key: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        spec = FIELDS.get(self.key)
        return f"{self.key}（{spec.label}）" if spec else self.key


@dataclass(frozen=True)
class FileChange:
    name: str
    status: str  # 新增 | 删除 | 修改
    old: FileState | None
    new: FileState | None
    text_diff: tuple[str, ...] = ()


@dataclass
class ReviewDiff:
    first: bool  # never reviewed (no digest recorded)
    unchanged: bool
    reviewed: Snapshot | None
    moved: list[str] = field(default_factory=list)  # 发布地址 parts that changed: "栏目 tzgg → gzdt"
    body_diff: list[str] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    files: list[FileChange] = field(default_factory=list)
    parts_only: list[str] = field(default_factory=list)  # when the reviewed text could not be recovered


def _lines(text: str) -> list[str]:
    return [ln.rstrip() for ln in text.replace("\r\n", "\n").strip("\n").split("\n")] if text.strip() else []


def _udiff(old: str, new: str, a: str, b: str) -> list[str]:
    return list(difflib.unified_diff(_lines(old), _lines(new), a, b, n=2, lineterm=""))


def diff(site: Site, item: Item) -> ReviewDiff:
    now = current(site, item)
    old, recorded = last_reviewed(site, item)
    if recorded is None:
        return ReviewDiff(first=True, unchanged=False, reviewed=None)
    digest_now = item_digest(site, item)
    unchanged = str(recorded.get("sha256")) == digest_now.total.removeprefix("sha256:")
    out = ReviewDiff(first=False, unchanged=unchanged, reviewed=old)
    if unchanged:
        return out
    old_address = recorded.get("address") if isinstance(recorded.get("address"), Mapping) else {}
    assert isinstance(old_address, Mapping)
    out.moved = [f"{label} {old_address.get(k) or '（未记录）'} → {digest_now.address.get(k) or '（空）'}"
                 for k, label in ADDRESS_LABELS.items() if str(old_address.get(k) or "") != digest_now.address.get(k, "")]
    if old is None:
        out.parts_only = describe_changes(recorded, digest_now) or ["内容"]
        return out
    out.body_diff = _udiff(old.body, now.body, "上次审查的正文", "现在的正文")
    for key in sorted(set(old.fields) | set(now.fields)):
        a, b = old.fields.get(key), now.fields.get(key)
        if json.dumps(a, sort_keys=True, ensure_ascii=False) != json.dumps(b, sort_keys=True, ensure_ascii=False):
            out.fields.append(FieldChange(key, a, b))
    for name in sorted(set(old.files) | set(now.files)):
        fa, fb = old.files.get(name), now.files.get(name)
        if fa is None or fa.size is None:
            if fb is not None and fb.size is not None:
                out.files.append(FileChange(name, "新增", None, fb))
        elif fb is None or fb.size is None:
            out.files.append(FileChange(name, "删除", fa, None))
        elif fa.sha256 != fb.sha256:
            text = tuple(_udiff(fa.text, fb.text, f"上次审查的 {name}", f"现在的 {name}")) \
                if fa.text is not None and fb.text is not None else ()
            out.files.append(FileChange(name, "修改", fa, fb, text))
    return out


def human_size(n: int | None) -> str:
    if n is None:
        return "缺失"
    if n < 1024:
        return f"{n} 字节"
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _show(value: Any) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def format_diff(d: ReviewDiff, item: Item) -> list[str]:
    """Plain lines for the terminal (the CLI adds colour)."""
    if d.first:
        return [f"首次审查：{item.path} 还没有签署过的审查表，请通读全文和全部附件。"]
    if d.unchanged:
        return ["审查后没有改动：内容与审查表记录的摘要一致。"]
    if d.reviewed is None:
        return ["找不到上次审查时的版本（没有快照，Git 历史中也没有对应版本），只能列出改动的部分：",
                *(f"  {p}" for p in d.parts_only),
                "请通读全文；本次签署后会保存快照，下次可以显示逐行差异。"]
    out = [f"与上次审查的版本（{d.reviewed.source}）相比："]
    if d.moved:
        out += ["", "发布地址：", *(f"  {m}" for m in d.moved)]
    if d.body_diff:
        out += ["", "正文：", *d.body_diff]
    if d.fields:
        out += ["", "信息字段："]
        out += [f"  {c.label}：{_show(c.old)} → {_show(c.new)}" for c in d.fields]
    if d.files:
        out += ["", "附件和相关文件："]
        for f in d.files:
            if f.status == "新增":
                out.append(f"  新增 {f.name}（{human_size(f.new.size if f.new else None)}）")
            elif f.status == "删除":
                out.append(f"  删除 {f.name}（原 {human_size(f.old.size if f.old else None)}）")
            else:
                sizes = f"{human_size(f.old.size if f.old else None)} → {human_size(f.new.size if f.new else None)}"
                out.append(f"  修改 {f.name}（{sizes}，内容不同）")
                out += [f"    {ln}" for ln in f.text_diff]
    if not (d.moved or d.body_diff or d.fields or d.files):
        out.append("  只有空白或换行等不影响内容的变化。")
    return out


# -- who wrote it: for forbid_self_review -------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    email: str = ""
    source: str = ""  # where we learned it, for the refusal message

    def same_as(self, other: Person) -> bool:
        if self.email and other.email and self.email.strip().casefold() == other.email.strip().casefold():
            return True
        # Names as the review gate compares them: 陳靜 / 陈　静 / 陈·静 are all 陈静.
        mine = normalise_name(self.name)
        return bool(mine) and mine == normalise_name(other.name)


def item_author(site: Site, item: Item) -> Person | None:
    """The person who first committed the item file (``git log --follow --diff-filter=A``).

    Git is the record a clerk cannot edit in the file itself, so it wins; a file not yet committed
    falls back to the 经办人 named in the review form. None when neither is known.
    """
    out = run_git(site.root, "log", "--follow", "--diff-filter=A", "--format=%an%x00%ae", "--", item.path)
    lines = [ln for ln in (out or b"").decode("utf-8", "replace").splitlines() if "\0" in ln]
    if lines:
        name, email = lines[-1].split("\0", 1)
        return Person(name, email, f"Git 中首次提交 {item.path} 的作者")
    record = site.reviews.get(item.path)
    handler = record.data.get("handler") if record else None
    if isinstance(handler, Mapping) and str(handler.get("name") or "").strip():
        return Person(str(handler["name"]).strip(), "", f"审查表 {record.path if record else ''} 中的经办人")
    return None


def git_identity(root: Path) -> Person | None:
    """The reviewer as Git knows them here (``git config user.name`` / ``user.email``)."""
    name = (run_git(root, "config", "user.name") or b"").decode().strip()
    email = (run_git(root, "config", "user.email") or b"").decode().strip()
    return Person(name, email, "git config user.name") if name or email else None
