"""CacheStore: signed JSON outside the repository; anything it did not write itself is a miss."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from zwgk.core import cachestore
from zwgk.core.cachestore import CacheStore, folder_for, machine_key, repo_folder
from zwgk.core.findings import finding

VALUES = {
    "date": dt.date(2026, 3, 2),
    "naive": dt.datetime(2026, 9, 7, 20, 30),
    "offset": dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-10))),
    "utc": dt.datetime(2026, 1, 1, 0, 0, 0, 123456, tzinfo=dt.UTC),
    "odd keys": {1: "a", False: "b", None: "c", dt.date(2026, 1, 1): "元旦", 2.5: "x"},
    "looks tagged": {"$date": "2026-01-01", "$map": [], "$finding": 1},
    "nested": {"attachments": [{"file": "附件1.pdf", "title": None}], "n": [1, 2.5, -0.0, False, ""]},
    "finding": [finding("privacy.mobile", "content/a.md", "手机号码", "删除", field="title", line=3)],
    "unicode": "政务公开\u3000“引号”\t换行\n",
}


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ZWGK_CACHE_KEY", "test-key")
    monkeypatch.delenv("ZWGK_CACHE", raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    return repo


def _bulk_file(repo: Path, name: str) -> Path:
    folder = repo_folder(repo)
    assert folder is not None
    return folder / f"{name}.json"


def test_values_round_trip_exactly(env: Path) -> None:
    store = CacheStore.for_repo(env, "t", "1")
    for k, v in VALUES.items():
        store.put(k, v)
    store.save()
    again = CacheStore.for_repo(env, "t", "1")
    for k, v in VALUES.items():
        got = again.get(k)
        assert got == v and type(got) is type(v), k
    assert again.get("offset").utcoffset() == dt.timedelta(hours=-10)
    assert type(again.get("odd keys")[dt.date(2026, 1, 1)]) is str
    assert again.stats.hits == len(VALUES) + 2 and again.stats.rejected == 0


def test_per_entry_round_trip_and_no_temp_files(env: Path) -> None:
    store = CacheStore.for_repo(env, "e", "1", per_entry=True)
    for k, v in VALUES.items():
        store.put(k, v)
    again = CacheStore.for_repo(env, "e", "1", per_entry=True)
    assert {k: again.get(k) for k in VALUES} == VALUES
    files = [p for p in again.folder.rglob("*") if p.is_file()] if again.folder else []
    assert len(files) == len(VALUES) and not [p for p in files if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "other key", "other version", "other name"])
def test_anything_not_written_here_is_a_miss(env: Path, damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = CacheStore.for_repo(env, "t", "1")
    store.put("k", {"a": 1})
    store.save()
    path = _bulk_file(env, "t")
    raw = bytearray(path.read_bytes())
    name, version = "t", "1"
    if damage == "flip":
        raw[len(raw) // 2] ^= 0x01
        path.write_bytes(bytes(raw))
    elif damage == "truncate":
        path.write_bytes(bytes(raw[:-3]))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other key":  # another machine's cache, or one forged without our key
        monkeypatch.setenv("ZWGK_CACHE_KEY", "another machine")
    elif damage == "other version":
        version = "2"
    else:
        path.rename(path.with_name("u.json"))
        name = "u"
    again = CacheStore(repo_folder(env), name, version, machine_key(env))
    assert again.get("k") is None
    assert again.stats.rejected == 1


def test_entry_moved_to_another_key_is_a_miss(env: Path) -> None:
    store = CacheStore.for_repo(env, "e", "1", per_entry=True)
    store.put("clean", [])
    store.put("dirty", ["finding"])
    clean, dirty = store._entry_path("clean"), store._entry_path("dirty")
    dirty.write_bytes(clean.read_bytes())  # a valid signature, but for another key
    assert store.get("dirty") is None and store.stats.rejected == 1
    assert store.get("clean") == []


def test_switched_off_reads_and_writes_nothing(env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_CACHE", "0")
    store = CacheStore.for_repo(env, "t", "1")
    store.put("k", 1)
    store.save()
    assert store.get("k") is None and not (tmp_path / "cache").exists()
    assert folder_for(env, "tujie").exists() and not folder_for(env, "tujie").is_relative_to(env)


def test_a_cache_folder_inside_the_repository_is_never_used(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for inside in (env / ".cache" / "zwgk", env, env / "content" / ".." / "x"):
        monkeypatch.setenv("ZWGK_CACHE_DIR", str(inside))
        assert repo_folder(env) is None
        store = CacheStore.for_repo(env, "t", "1")
        store.put("k", 1)
        store.save()
        assert not store.enabled and not list(env.rglob("*.json"))
    link = env.parent / "link-into-repo"
    link.symlink_to(env, target_is_directory=True)
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(link / "cache"))
    assert repo_folder(env) is None  # resolved, so a symlink does not sneak it in


def test_machine_key_is_created_once_private_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZWGK_CACHE_KEY", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    key = machine_key()
    path = tmp_path / "state" / "zwgk" / cachestore.KEY_FILE
    assert key is not None and len(key) == 32 and path.read_bytes() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert machine_key() == key
    assert [p.name for p in path.parent.iterdir()] == [cachestore.KEY_FILE]  # no temporary files left


def test_a_key_file_inside_the_repository_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZWGK_CACHE_KEY", raising=False)
    repo = tmp_path / "repo"
    monkeypatch.setenv("XDG_STATE_HOME", str(repo / ".state"))  # a committed key would sign forgeries
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "cache"))
    assert machine_key(repo) is None
    store = CacheStore.for_repo(repo, "t", "1")
    assert not store.enabled


def test_unwritable_cache_folder_costs_time_only(env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(blocker))
    store = CacheStore.for_repo(env, "t", "1")
    store.put("k", 1)
    store.save()
    assert store.stats.write_errors == 1 and store.get("k") == 1  # still answers from memory


def test_values_that_would_not_round_trip_are_not_cached(env: Path) -> None:
    store = CacheStore.for_repo(env, "t", "1")
    store.put("tuple", (1, 2))
    store.put("set", {1})
    store.put("ok", [1])
    store.save()
    again = CacheStore.for_repo(env, "t", "1")
    assert (again.get("tuple"), again.get("set"), again.get("ok")) == (None, None, [1])


def test_file_is_json_with_a_signature_line(env: Path) -> None:
    store = CacheStore.for_repo(env, "t", "1")
    store.put("k", dt.date(2026, 1, 2))
    store.save()
    mac, body = _bulk_file(env, "t").read_bytes().split(b"\n", 1)
    assert len(mac) == 64 and json.loads(body)["entries"] == {"k": {"$date": "2026-01-02"}}
    assert os.access(_bulk_file(env, "t"), os.R_OK)
