"""Scanner settings: the ``scan:`` block of the zwgk plugin options, validated into findings."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..findings import Finding, finding
from ..options import SCAN, unknown_key

RULE = "scan.config_invalid"
# Declared (with their docs) in zwgk.core.options.SCAN.
DEFAULT_ALLOWED_DOMAINS: tuple[str, ...] = tuple(SCAN.defaults["allowed_domains"])
DEFAULT_MAX_ATTACHMENT_BYTES: int = SCAN.defaults["max_attachment_bytes"]
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN = re.compile(rf"^(?=.{{1,253}}$)(?:{_LABEL}\.)*{_LABEL}$")
KNOWN_KEYS = SCAN.names

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Erratum:
    wrong: str
    right: str
    note: str = ""


def parse_errata(data: Any, where: str, field_name: str) -> tuple[list[Erratum], list[Finding]]:
    """Validate a YAML list of ``{wrong, right, note}``; bad entries become findings."""
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [_bad(where, field_name, "应为列表，每项写成 {wrong: 错误写法, right: 正确写法}")]
    entries: list[Erratum] = []
    problems: list[Finding] = []
    for i, item in enumerate(data):
        name = f"{field_name}[{i}]"
        if not isinstance(item, Mapping):
            problems.append(_bad(where, name, "每项应写成 {wrong: 错误写法, right: 正确写法}"))
            continue
        wrong, right, note = item.get("wrong"), item.get("right"), item.get("note", "")
        unknown = sorted(set(map(str, item)) - {"wrong", "right", "note"})
        if unknown:
            problems.append(_bad(where, name, f"不认识的字段 {', '.join(unknown)}，可用 wrong、right、note"))
        if not (isinstance(wrong, str) and wrong.strip() and isinstance(right, str) and right.strip()):
            problems.append(_bad(where, name, "wrong 和 right 都必须是非空文字"))
            continue
        if wrong in right:
            # Otherwise the rule would fire on the correct form itself.
            problems.append(_bad(where, name, f"正确写法“{right}”包含错误写法“{wrong}”，会误报正确文字"))
            continue
        entries.append(Erratum(wrong.strip(), right.strip(), str(note or "").strip()))
    return entries, problems


@lru_cache(maxsize=1)
def default_errata() -> tuple[Erratum, ...]:
    text = (resources.files("zwgk") / "data" / "scan" / "errata.yml").read_text(encoding="utf-8")
    entries, problems = parse_errata(yaml.load(text, Loader=_Loader), "zwgk/data/scan/errata.yml", "errata")
    if problems:  # a packaging bug, not a user error: fail loudly in tests
        raise ValueError("; ".join(p.message for p in problems))
    return tuple(entries)


def _default_pairs() -> tuple[tuple[str, str], ...]:
    return tuple((e.wrong, e.right) for e in default_errata())


def _default_notes() -> tuple[tuple[str, str], ...]:
    return tuple((e.wrong, e.note) for e in default_errata() if e.note)


def _bad(where: str, field_name: str, message: str) -> Finding:
    name = f"scan.{field_name}" if field_name else "scan"
    return finding(
        RULE, where, f"保密审查配置 {name} 有误：{message}",
        "请按 docs/scan.md 修改 zwgk 插件配置中的 scan 设置", field=name,
    )


@dataclass(frozen=True)
class ScanConfig:
    allowed_domains: tuple[str, ...] = DEFAULT_ALLOWED_DOMAINS
    errata: tuple[tuple[str, str], ...] = field(default_factory=_default_pairs)
    errata_notes: tuple[tuple[str, str], ...] = field(default_factory=_default_notes)
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None, where: str) -> tuple[ScanConfig, list[Finding]]:
        """Build from the ``scan:`` options; each invalid key keeps its default and yields a finding.

        ``allowed_domains`` adds to the defaults (gov.cn is always allowed); ``errata_extra``
        adds to the shipped 错敏词 list.
        """
        if data is None:
            return cls(), []
        if not isinstance(data, Mapping):
            return cls(), [_bad(where, "", "scan 应为键值表（例如 allowed_domains: [...]）")]
        problems: list[Finding] = []
        for key in sorted(set(map(str, data)) - set(KNOWN_KEYS)):
            bad = _bad(where, key, f"不认识的设置项，可用的有：{'、'.join(KNOWN_KEYS)}")
            guess = unknown_key(key, KNOWN_KEYS, where, bad.field or "", bad.message, rule=RULE, fallback=bad.hint)
            problems.append(guess)

        domains = list(DEFAULT_ALLOWED_DOMAINS)
        raw_domains = data.get("allowed_domains")
        if raw_domains is not None:
            if not isinstance(raw_domains, list):
                problems.append(_bad(where, "allowed_domains", "应为域名列表，例如 [www.example.org.cn]"))
            else:
                for i, item in enumerate(raw_domains):
                    domain = item.strip().lower().strip(".") if isinstance(item, str) else ""
                    domain = domain.removeprefix("http://").removeprefix("https://").rstrip("/")
                    if not _DOMAIN.match(domain):
                        problems.append(_bad(where, f"allowed_domains[{i}]", f"“{item}”不是有效的域名"))
                    elif domain not in domains:
                        domains.append(domain)

        extra, extra_problems = parse_errata(data.get("errata_extra"), where, "errata_extra")
        problems.extend(extra_problems)
        errata = dict(_default_pairs())
        notes = dict(_default_notes())
        for e in extra:
            errata[e.wrong] = e.right
            if e.note:
                notes[e.wrong] = e.note

        max_bytes = data.get("max_attachment_bytes", DEFAULT_MAX_ATTACHMENT_BYTES)
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
            problems.append(_bad(where, "max_attachment_bytes", "应为正整数（字节数），如 52428800 即 50 MB"))
            max_bytes = DEFAULT_MAX_ATTACHMENT_BYTES

        config = cls(
            allowed_domains=tuple(domains),
            errata=tuple(errata.items()),
            errata_notes=tuple(notes.items()),
            max_attachment_bytes=max_bytes,
        )
        return config, problems

    def digest(self) -> str:
        """Stable hash of everything that changes scan results (part of the cache key)."""
        payload = json.dumps(
            [self.allowed_domains, self.errata, self.errata_notes, self.max_attachment_bytes],
            ensure_ascii=False, separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]
