"""The threat, not the mechanism: a cache an author can commit or forge changes nothing and runs nothing.

Each test runs the real gate (``check_repo``) on a copy of the demo repository and compares with a
cold run. The caches live in ``$ZWGK_CACHE_DIR`` (a tmp folder) under this machine's key.
"""

from __future__ import annotations

import json
import os
import pickle  # only to build the attacker's files: the package itself never imports it
from pathlib import Path

import pytest
from support import copy_demo, run_check
from zwgk.core.cachestore import repo_folder

ITEM = "content/tzgg/2026-004.md"


def _id_number() -> str:
    """A well-formed 18-digit ID number (GB 11643 check digit), so the scanner must report it."""
    body = "11010519491231002"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


class _Payload:
    """Unpickling this creates a file: proof that loading ran the attacker's code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (os.system, (f"touch {self.marker}",))


def _findings(root: Path) -> list[tuple[str, str, str | None, str]]:
    return sorted((f.path, f.rule, f.field, f.message) for f in run_check(root).findings)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.setenv("ZWGK_CACHE_KEY", "this machine")
    monkeypatch.delenv("ZWGK_CACHE", raising=False)
    root = copy_demo(tmp_path / "repo")
    item = root / ITEM
    item.write_text(item.read_text(encoding="utf-8").replace(
        "法定节假日另行公告。", f"联系人身份证号 {_id_number()}，法定节假日另行公告。"), encoding="utf-8")
    return root


def test_warm_cold_and_uncached_runs_agree(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _findings(repo)
    assert any(rule == "privacy.id_number" and path == ITEM for path, rule, _, _ in cold)
    folder = repo_folder(repo)
    assert folder is not None and (folder / "yaml.json").is_file() and (folder / "scan-md.json").is_file()
    assert _findings(repo) == cold
    monkeypatch.setenv("ZWGK_CACHE", "0")
    assert _findings(repo) == cold


def test_caches_committed_in_the_checkout_change_nothing_and_run_nothing(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _findings(repo)
    marker = tmp_path / "pwned"
    bomb = pickle.dumps(_Payload(marker))
    # Every name an old or guessed version might read, plus a JSON "all clear" for every item.
    clean = json.dumps({"version": "1", "findings": []}).encode()
    cache = repo / ".cache" / "zwgk"
    for rel in ("yaml.pickle", "scan-md.pickle", "yaml.json", "scan-md.json", "cache.pickle", "scan.pickle",
                "tujie/index.pickle", "scan/00/00.pickle"):
        (cache / rel).parent.mkdir(parents=True, exist_ok=True)
        (cache / rel).write_bytes(bomb)
    for sub in ("scan", "scan-attachments"):
        for i in range(3):
            (cache / sub / f"{i:02x}").mkdir(parents=True, exist_ok=True)
            (cache / sub / f"{i:02x}" / f"{i:064x}.json").write_bytes(clean)
    # Also a user who points the cache folder into the checkout by mistake: still never read.
    for env in (None, str(cache)):
        if env is not None:
            monkeypatch.setenv("ZWGK_CACHE_DIR", env)
        assert _findings(repo) == expected
    assert not marker.exists()


def test_a_forged_all_clear_in_the_real_cache_folder_is_ignored(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The attacker knows the format and the key derivation, not this machine's key."""
    expected = _findings(repo)
    assert any(rule == "privacy.id_number" for _, rule, _, _ in expected)
    folder = repo_folder(repo)
    assert folder is not None
    # Build the forgery the way an attacker would: run with *his* key, then turn every cached
    # scan result into "no findings" and re-sign with his key.
    monkeypatch.setenv("ZWGK_CACHE_KEY", "attacker")
    for f in folder.glob("*.json"):
        f.unlink()
    _findings(repo)
    from zwgk.core.cachestore import CacheStore
    from zwgk.core.yamlio import ParseCache

    forged = CacheStore(folder, "scan-md", ParseCache.VERSION, CacheStore.for_repo(repo, "x", "1").key)
    assert forged.loaded(), "the attacker's run wrote entries to forge"
    forged.keep({k: [] for k in forged.loaded()})
    forged._dirty = True
    forged.save()
    # With the attacker's key the forgery would hide the ID number (so this test has teeth)…
    assert not any(rule == "privacy.id_number" for _, rule, _, _ in _findings(repo))
    # …with this machine's key it is ignored, and the finding is back.
    monkeypatch.setenv("ZWGK_CACHE_KEY", "this machine")
    forged.keep({k: [] for k in forged.loaded()})
    forged._dirty = True
    forged.save()
    assert _findings(repo) == expected


def test_a_flipped_byte_in_a_cache_file_is_a_miss(repo: Path) -> None:
    expected = _findings(repo)
    folder = repo_folder(repo)
    assert folder is not None
    for f in sorted(folder.glob("*.json")):
        raw = bytearray(f.read_bytes())
        raw[len(raw) // 3] ^= 0x20
        f.write_bytes(bytes(raw))
    assert _findings(repo) == expected
