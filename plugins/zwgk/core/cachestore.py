"""One cache for the whole package: HMAC-signed JSON kept outside the repository.

Why this shape (issue 13 §1): a cache is only an optimisation, so a cache file that somebody else
wrote must never change a finding, and loading one must never run code.

* **Never code.** Entries are JSON (never a format whose loading can run code): reading one builds data only.
* **Never from the checkout.** Files live under ``platformdirs.user_cache_dir("zwgk")`` (or
  ``$ZWGK_CACHE_DIR``) in a folder named by a hash of the resolved repository root. A folder
  that resolves inside the repository is never read or written: anything there could have been
  committed (``git add -f`` beats ``.gitignore``).
* **Never trusted unless we wrote it.** Every file carries an HMAC-SHA256 over its bytes with a
  machine-local key (``$ZWGK_CACHE_KEY``, else 32 random bytes created once under
  ``platformdirs.user_state_dir("zwgk")``, mode 0600). A forged, damaged, truncated, older-format
  or other-machine file is a miss: the run is slower, never different, never an error.
* ``ZWGK_CACHE=0`` switches caching off (nothing is read or written).

Two layouts behind one API (``get`` / ``put`` / ``save``):

* *bulk* (default): one file per store, read once, written on ``save()`` with the entries used in
  this run (stale ones are dropped). For ~20,000 small values (parsed YAML, Markdown scans) where a
  file each would cost more than the work saved.
* *per entry*: one file per key, written at ``put()``. For few, expensive values (attachment scans).

Values are JSON plus ``datetime.date``, ``datetime.datetime`` (offset kept), ``Finding`` and dicts
with non-string keys — each tagged (``{"$date": "2026-03-02"}``) so they round-trip exactly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .findings import SEVERITIES, Finding

ENV_DIR = "ZWGK_CACHE_DIR"
ENV_KEY = "ZWGK_CACHE_KEY"
ENV_SWITCH = "ZWGK_CACHE"
KEY_FILE = "cache-key"
_FORMAT = "zwgk-cache/1"  # bump when the file layout or the value encoding changes
_MAC_LEN = 64  # hex digits of HMAC-SHA256


# ---------------------------------------------------------------------------------------------
# Where, and with which key


def caching_enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "").strip().lower() not in ("0", "false", "no", "off")


def cache_root() -> Path:
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # imported late: only runs that cache need it

    return Path(platformdirs.user_cache_dir("zwgk"))


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # unresolvable (loop, permission): treat as unsafe
        return True


def machine_key(repo_root: Path | None = None) -> bytes | None:
    """The HMAC key, or None when none can be had safely (then nothing is cached).

    ``$ZWGK_CACHE_KEY`` wins (CI: a secret given only to trusted branch runs). Otherwise a key
    file is created once: written to a temporary file, then hard-linked into place, so a second
    process either sees no key file or the whole key, never a half-written one. A key file inside
    ``repo_root`` is refused: whoever can commit it could sign entries."""
    env = os.environ.get(ENV_KEY)
    if env:
        return hashlib.sha256(b"zwgk-cache-key\0" + env.encode("utf-8")).digest()
    import platformdirs

    folder = Path(platformdirs.user_state_dir("zwgk"))
    path = folder / KEY_FILE
    if repo_root is not None and _inside(path, repo_root):
        return None
    data: bytes | None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = _create_key(folder, path)
    except OSError:
        return None
    return data if data is not None and len(data) >= 32 else None


def _create_key(folder: Path, path: Path) -> bytes | None:
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".key-", dir=folder)  # O_EXCL, mode 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):  # another process won the race: use its key
            os.link(tmp, path)
        return path.read_bytes()
    except OSError:
        return None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def repo_folder(root: Path) -> Path | None:
    """This repository's cache folder, or None when caching is off or the folder would be inside it."""
    if not caching_enabled():
        return None
    resolved = root.resolve()
    folder = cache_root() / hashlib.sha256(os.fsencode(resolved)).hexdigest()[:24]
    return None if _inside(folder, resolved) else folder


# ---------------------------------------------------------------------------------------------
# Values ↔ JSON


def encode(value: Any) -> Any:
    """A JSON-ready copy of ``value``; TypeError for anything that would not come back equal."""
    t = type(value)
    if value is None or t is str or t is int or t is float or t is bool:
        return value
    if t is list:
        return [encode(x) for x in value]
    if t is dict:
        if all(type(k) is str and not k.startswith("$") for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if t is dt.datetime:
        return {"$datetime": value.isoformat()}
    if t is dt.date:
        return {"$date": value.isoformat()}
    if t is Finding:
        return {"$finding": [value.path, value.rule, value.severity, value.field, value.message, value.hint,
                             value.line, value.location]}
    raise TypeError(f"not cacheable: {t.__name__}")


def _finding(row: Any) -> Finding:
    if not (isinstance(row, list) and len(row) == 8):
        raise ValueError("bad finding")
    path, rule, severity, field, message, hint, line, location = row
    if not (isinstance(path, str) and isinstance(rule, str) and severity in SEVERITIES
            and (field is None or isinstance(field, str)) and isinstance(message, str) and isinstance(hint, str)
            and (line is None or type(line) is int) and (location is None or isinstance(location, str))):
        raise ValueError("bad finding")
    return Finding(path, rule, severity, field, message, hint, line, location)


def _hook(obj: dict[str, Any]) -> Any:
    if len(obj) != 1:
        return obj
    (tag, v), = obj.items()
    if tag == "$date":
        return dt.date.fromisoformat(v)
    if tag == "$datetime":
        return dt.datetime.fromisoformat(v)
    if tag == "$map":
        return {k: x for k, x in v}
    if tag == "$finding":
        return _finding(v)
    return obj


def _sign(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).hexdigest().encode("ascii")


def _verified(key: bytes, raw: bytes) -> bytes | None:
    mac, sep, body = raw[:_MAC_LEN], raw[_MAC_LEN:_MAC_LEN + 1], raw[_MAC_LEN + 1:]
    if sep != b"\n" or not hmac.compare_digest(mac, _sign(key, body)):
        return None
    return body


def write_atomic(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# ---------------------------------------------------------------------------------------------
# The store


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    rejected: int = 0  # present but forged, damaged, truncated, another version or another machine's
    write_errors: int = 0


_MISSING: Any = object()


class CacheStore:
    """A named, versioned key → value cache. Construct with :meth:`for_repo` (or :meth:`at`)."""

    def __init__(self, folder: Path | None, name: str, version: str, key: bytes | None,
                 *, per_entry: bool = False) -> None:
        self.name, self.version, self.per_entry = name, version, per_entry
        self.key = key
        self.folder = folder if key is not None else None  # no key: nothing is read or written
        self.stats = CacheStats()
        self._loaded: dict[str, Any] = {}
        self._used: dict[str, Any] = {}
        self._dirty = False
        if self.folder is not None and not per_entry:
            self._loaded = self._read_bulk()

    @classmethod
    def for_repo(cls, root: Path, name: str, version: str, *, per_entry: bool = False) -> CacheStore:
        folder = repo_folder(root)
        key = machine_key(root) if folder is not None else None
        return cls(folder, name, version, key, per_entry=per_entry)

    @classmethod
    def at(cls, folder: Path, name: str, version: str, *, per_entry: bool = False,
           repo_root: Path | None = None) -> CacheStore:
        """A store in an explicit folder (benchmarks, tests); still off under ``ZWGK_CACHE=0`` or inside ``repo_root``."""
        ok = caching_enabled() and (repo_root is None or not _inside(folder, repo_root))
        return cls(folder if ok else None, name, version, machine_key(repo_root) if ok else None, per_entry=per_entry)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    # --- signing (for callers that keep bytes of their own, e.g. 图解 PNGs) --------------------

    def sign(self, *parts: bytes) -> str | None:
        """HMAC of ``parts`` (length-prefixed, so no two different tuples collide); None when off."""
        if self.key is None:
            return None
        mac = hmac.new(self.key, self.name.encode() + b"\0" + self.version.encode() + b"\0", hashlib.sha256)
        for part in parts:
            mac.update(len(part).to_bytes(8, "big") + part)
        return mac.hexdigest()

    # --- values ----------------------------------------------------------------------------

    def get(self, key: str, default: Any = None) -> Any:
        if self.folder is None:
            return default
        if self.per_entry:
            value = self._read_entry(key)
        else:
            value = self._used.get(key, _MISSING)
            if value is _MISSING:
                value = self._loaded.get(key, _MISSING)
                if value is not _MISSING:
                    self._used[key] = value
        if value is _MISSING:
            self.stats.misses += 1
            return default
        self.stats.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Remember ``value``; a value that cannot be encoded exactly is simply not cached."""
        if self.folder is None:
            return
        if self.per_entry:
            self._write_entry(key, value)
            return
        self._used[key] = value
        self._dirty = True

    def keep(self, entries: dict[str, Any]) -> None:
        """Bulk layout: replace this run's entries wholesale (what ``save`` writes)."""
        if self.folder is None:
            return
        if entries.keys() != self._loaded.keys():
            self._dirty = True
        self._used = entries

    def loaded(self) -> dict[str, Any]:
        """Bulk layout: every entry read from disk (verified)."""
        return self._loaded

    def save(self) -> None:
        """Bulk layout: write the entries used in this run if anything changed. Never raises."""
        if self.folder is None or self.per_entry or not (self._dirty or self._used.keys() != self._loaded.keys()):
            return
        entries: dict[str, Any] = {}
        for k, v in self._used.items():
            try:
                entries[k] = encode(v)
            except (TypeError, RecursionError):  # not cacheable: recomputed next time, the rest is kept
                self.stats.write_errors += 1
        try:
            body = json.dumps({"format": _FORMAT, "name": self.name, "version": self.version, "entries": entries},
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError):
            self.stats.write_errors += 1
            return
        self._write(self.folder / f"{self.name}.json", body)

    # --- files -----------------------------------------------------------------------------

    def _write(self, path: Path, body: bytes) -> None:
        assert self.key is not None
        try:
            write_atomic(path, _sign(self.key, body) + b"\n" + body)
        except OSError:
            self.stats.write_errors += 1

    def _read(self, path: Path) -> Any:
        """The verified document at ``path``, or _MISSING (counted as rejected when present but bad)."""
        assert self.key is not None
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return _MISSING
        except OSError:
            self.stats.rejected += 1
            return _MISSING
        body = _verified(self.key, raw)
        try:
            doc = None if body is None else json.loads(body, object_hook=_hook)
        except (ValueError, TypeError, RecursionError):  # cannot happen for our own writes; a miss regardless
            doc = None
        if not (isinstance(doc, dict) and doc.get("format") == _FORMAT and doc.get("name") == self.name
                and doc.get("version") == self.version):
            self.stats.rejected += 1
            return _MISSING
        return doc

    def _read_bulk(self) -> dict[str, Any]:
        assert self.folder is not None
        doc = self._read(self.folder / f"{self.name}.json")
        entries = doc.get("entries") if doc is not _MISSING else None
        return entries if isinstance(entries, dict) else {}

    def _entry_path(self, key: str) -> Path:
        assert self.folder is not None
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return self.folder / self.name / digest[:2] / f"{digest}.json"

    def _read_entry(self, key: str) -> Any:
        doc = self._read(self._entry_path(key))
        if doc is _MISSING:
            return _MISSING
        if doc.get("key") != key or "value" not in doc:  # a valid file moved to another key's name
            self.stats.rejected += 1
            return _MISSING
        return doc["value"]

    def _write_entry(self, key: str, value: Any) -> None:
        try:
            body = json.dumps({"format": _FORMAT, "name": self.name, "version": self.version, "key": key,
                               "value": encode(value)}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError):
            self.stats.write_errors += 1
            return
        self._write(self._entry_path(key), body)


def disabled(name: str = "off") -> CacheStore:
    """A store that remembers nothing (``ZWGK_CACHE=0``, tests of the cold path)."""
    return CacheStore(None, name, "0", None)


_scratch: list[tempfile.TemporaryDirectory[str]] = []  # kept alive until the process exits


def folder_for(root: Path, name: str) -> Path:
    """A folder for cached files of ``name`` (图解 PNGs): inside this repository's cache folder, or —
    caching off, or that folder inside the repository — a fresh temporary folder removed at exit."""
    folder = repo_folder(root)
    if folder is not None:
        return folder / name
    scratch = tempfile.TemporaryDirectory(prefix=f"zwgk-{name}-")
    _scratch.append(scratch)
    return Path(scratch.name)
