"""The digest of exactly what a reviewer approved: body, every front-matter field, file bytes,
and the public address (repository path, column, page URL).

A review record stores the digest; if anything changes afterwards the build is blocked until
the general office reviews again. Parts are hashed separately so the message can say *what*
changed (正文, a named field, a named attachment, 发布地址) instead of only "something changed".

The address is stored in clear (it is not secret and a reviewer reads it): moving or renaming an
item — within a column or across columns — publishes the same text at another address, under
another column's responsibility, so it needs a new signature.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import repofiles

SHORT = 12  # hex chars kept per part: enough to name a change, short enough to read


def _h(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def _field_hash(value: Any) -> str:
    return _h(json.dumps(_canonical(value), ensure_ascii=False, sort_keys=True).encode())


def _normalise_body(body: str) -> bytes:
    # Trailing whitespace and line endings are not content; editors change them silently.
    lines = [ln.rstrip() for ln in body.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n").encode()


#: Text sources a clerk edits (解读方案 plan.md, 图解 tujie.yml): git on Windows checks them out with
#: CRLF (core.autocrlf), so their line endings are not content, as for the body.  Other files
#: (PDF, DOCX, XLSX, CSV…) are published byte for byte and hashed as they are.
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".yml", ".yaml"})


def file_bytes(path: Path) -> bytes:
    """What the digest covers of an attached file: its bytes, with CRLF read as LF for text sources."""
    data = repofiles.read_bytes(path)  # regular files only (core/repofiles.py)
    return data.replace(b"\r\n", b"\n") if path.suffix.lower() in TEXT_SUFFIXES else data


@dataclass(frozen=True)
class Digest:
    total: str  # "sha256:<64 hex>"
    body: str
    fields: dict[str, str]
    files: dict[str, str]  # name -> short hash; missing file -> "missing"
    address: dict[str, str] = field(default_factory=dict)  # path, column, url (clear text)

    def to_record(self) -> dict[str, Any]:
        return {"sha256": self.total.removeprefix("sha256:"), "address": dict(self.address), "body": self.body,
                "fields": dict(self.fields), "files": dict(self.files)}


ADDRESS_LABELS = {"path": "文件路径", "column": "栏目", "url": "网址"}


def compute(body: str, meta: Mapping[str, Any], files: Mapping[str, Path],
            address: Mapping[str, str] | None = None) -> Digest:
    body_full = _h(_normalise_body(body))
    fields_full = {k: _field_hash(v) for k, v in sorted(meta.items())}
    files_full: dict[str, str] = {}
    for name, path in sorted(files.items()):
        try:
            files_full[name] = _h(file_bytes(path))
        except OSError:
            files_full[name] = "missing"
    addr = {str(k): str(v) for k, v in sorted((address or {}).items())}
    parts: dict[str, Any] = {"body": body_full, "fields": fields_full, "files": files_full}
    if addr:  # an address-less digest (parts compared by review/diff.py) keeps the old shape
        parts["address"] = addr
    total = _h(json.dumps(parts, sort_keys=True).encode())
    return Digest(
        total="sha256:" + total,
        body=body_full[:SHORT],
        fields={k: v[:SHORT] for k, v in fields_full.items()},
        files={k: (v[:SHORT] if v != "missing" else v) for k, v in files_full.items()},
        address=addr,
    )


def describe_changes(recorded: Mapping[str, Any], current: Digest) -> list[str]:
    """Human-readable list of what differs between a stored digest and the current content."""
    changes: list[str] = []
    old_address = recorded.get("address") if isinstance(recorded.get("address"), Mapping) else {}
    assert isinstance(old_address, Mapping)
    moved = [f"{label} {old_address.get(k) or '（未记录）'} → {current.address.get(k) or '（空）'}"
             for k, label in ADDRESS_LABELS.items()
             if str(old_address.get(k) or "") != current.address.get(k, "")]
    if moved:
        changes.append("发布地址（" + "，".join(moved) + "）")
    if recorded.get("body") != current.body:
        changes.append("正文")
    changes += _changed_entries("字段", recorded.get("fields"), current.fields)
    changes += _changed_entries("附件", recorded.get("files"), current.files)
    return changes


def _changed_entries(label: str, recorded: Any, current: Mapping[str, Any]) -> list[str]:
    """``字段 title``, ``附件 a.pdf（新增）``…: the entries of one digest part that differ, by name."""
    old: Mapping[str, Any] = recorded if isinstance(recorded, Mapping) else {}
    out: list[str] = []
    for name in sorted(set(old) | set(current)):
        if name not in current:
            out.append(f"{label} {name}（已删除）")
        elif name not in old:
            out.append(f"{label} {name}（新增）")
        elif old[name] != current[name]:
            out.append(f"{label} {name}")
    return out
