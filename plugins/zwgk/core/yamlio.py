"""YAML reading that never raises on bad input: problems become findings with a line number."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding, finding

# libyaml is ~10x faster than the pure-Python loader; it matters at 10,000 items.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_T = "tag:yaml.org,2002:"
_BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _construct(node: yaml.Node, fallback: yaml.constructor.SafeConstructor) -> Any:
    """Node → Python for the tags our files use, without PyYAML's generic (slow) constructor.

    Same results as SafeLoader for these tags, except that an impossible date such as
    ``2026-02-30`` stays a string (SafeLoader raises ValueError) so the schema can report it.
    """
    if isinstance(node, yaml.ScalarNode):
        tag, value = node.tag, node.value
        try:
            if tag == _T + "str":
                return value
            if tag == _T + "int" and value.isdigit():
                return int(value)
            if tag == _T + "timestamp" and len(value) == 10:
                return dt.date.fromisoformat(value)
            if tag == _T + "null":
                return None
            if tag == _T + "bool":
                return _BOOLS[value.lower()]
            return fallback.construct_object(node, deep=True)
        except (ValueError, KeyError, TypeError, OverflowError):
            return value
    if isinstance(node, yaml.MappingNode):
        if any(k.tag == _T + "merge" for k, _ in node.value):
            return fallback.construct_object(node, deep=True)
        out: dict[Any, Any] = {}
        for k, v in node.value:
            key = _construct(k, fallback)
            try:
                out[key] = _construct(v, fallback)
            except TypeError:  # unhashable key such as a list: keep its text so nothing crashes
                out[str(key)] = _construct(v, fallback)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(x, fallback) for x in node.value]
    return None


class ParseCache:
    """Results keyed by a digest of their input, kept in one file between runs (YAML parses, scans).

    10,000 items mean ~20,000 YAML documents (front matter + review records); parsing them is
    most of ``zwgk check``. Unchanged text is looked up instead. One pickle file, written
    atomically, because thousands of small cache files cost more than they save.
    """

    VERSION = 1

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.data: dict[bytes, Any] = {}
        self.used: dict[bytes, Any] = {}
        if path is not None and path.is_file():
            try:
                with path.open("rb") as fh:
                    stored = pickle.load(fh)
                if isinstance(stored, dict) and stored.get("version") == self.VERSION:
                    self.data = stored["data"]
            except Exception:  # a damaged cache is only a slower run, never an error
                self.data = {}

    def save(self) -> None:
        if self.path is None or self.used.keys() == self.data.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            with tmp.open("wb") as fh:
                pickle.dump({"version": self.VERSION, "data": self.used}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass


_cache: ParseCache | None = None


@contextlib.contextmanager
def parse_cache(path: Path | None) -> Iterator[None]:
    """Use (and afterwards save) a persistent parse cache for the duration of a load."""
    global _cache
    previous, _cache = _cache, ParseCache(path)
    try:
        yield
        _cache.save()
    finally:
        _cache = previous


def parse_yaml(text: str, path: str, *, rule: str = "yaml.invalid", line_offset: int = 0) -> tuple[Any, list[Finding]]:
    """Parse one YAML document; return ``(None, [finding])`` when it is malformed."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest() if _cache is not None else b""
    if _cache is not None and key in _cache.data:
        # Parsed values are shared, not copied: the domain treats them as read-only.
        _cache.used[key] = value = _cache.data[key]
        return value, []
    try:
        node = yaml.compose(text, Loader=_Loader)
        value = None if node is None else _construct(node, yaml.constructor.SafeConstructor())
        if _cache is not None:
            _cache.used[key] = value
        return value, []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 1 + line_offset) if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [
            finding(
                rule, path,
                f"YAML 格式错误（{problem}）",
                "检查该行的缩进和冒号：每个字段写成“字段名: 值”，冒号后加一个空格；含冒号或#的值请用引号括起来",
                line=line,
            )
        ]


def read_text(abs_path: Path, rel_path: str) -> tuple[str | None, list[Finding]]:
    """Read a UTF-8 text file (a BOM is tolerated); other encodings become a finding, not a crash."""
    try:
        raw = abs_path.read_bytes()
    except OSError as exc:
        return None, [finding("file.unreadable", rel_path, f"无法读取文件（{exc.strerror}）", "确认文件存在且有读取权限")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [
            finding(
                "file.encoding", rel_path,
                "文件不是 UTF-8 编码（可能是 GBK/GB2312）",
                "用编辑器“另存为”UTF-8 编码后重新提交，例如在记事本中选择“编码：UTF-8”",
            )
        ]
    return text.replace("\r\n", "\n"), []


def load_yaml_file(abs_path: Path, rel_path: str, *, rule: str = "yaml.invalid") -> tuple[Any, list[Finding]]:
    text, problems = read_text(abs_path, rel_path)
    if text is None:
        return None, problems
    return parse_yaml(text, rel_path, rule=rule)
