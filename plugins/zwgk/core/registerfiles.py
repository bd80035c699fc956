"""What the office's internal registers under ``governance/`` share: one YAML file per record in a
dated folder (``requests/<年份>/``, ``sentiment/<年份>/``, ``inspections/<年-月>/``), read as text,
scanned for personal data and secrecy marks before anything else, never published.

The 依申请公开 register, the 舆情 register and the monthly 督查 inputs differ in their fields; the
walk of their folders, the text scan and the plain-text reading of a value are this one module.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .findings import Finding, finding
from .scan.canon import detect_mapped
from .scan.hits import Hit, line_starts
from .scan.privacy import find_privacy
from .scan.secrecy import find_secrecy
from .yamlio import parse_yaml, read_text


def text_value(value: Any) -> str | None:
    """A field written as text (a bare number, e.g. an id ``017`` YAML reads as 17, counts as text)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _detect(canon: str) -> list[Hit]:
    return [*find_privacy(canon), *find_secrecy(canon)]


def scan_text(text: str, rel: str, group: str, what: str, identity_hint: str, secrecy_hint: str) -> list[Finding]:
    """The 保密审查 detectors over a register file's whole text (comments included): rules
    ``<group>.personal_data`` and ``<group>.secrecy``, each at its line."""
    out: list[Finding] = []
    starts = line_starts(text)
    for hit in sorted(detect_mapped(text, _detect), key=lambda h: (h.start, h.rule)):
        line = sum(1 for s in starts if s <= hit.start)
        if hit.rule.startswith("privacy."):
            out.append(finding(f"{group}.personal_data", rel, f"{what}中有个人信息：{hit.message}", identity_hint,
                               line=line))
        else:
            out.append(finding(f"{group}.secrecy", rel, f"{what}中有密级标志：{hit.message}", secrecy_hint, line=line))
    return list(dict.fromkeys(out))


def record_files(root: Path, folder: str, dated: Callable[[str], bool], unknown: Callable[[str], Finding],
                 misnamed: Callable[[str, Path], Finding] | None = None,
                 ) -> tuple[list[tuple[Path, str, str]], list[Finding]]:
    """(absolute path, repo-relative path, dated folder name) of every ``<folder>/<dated>/<name>.yml``,
    sorted; any other file (hidden files and READMEs aside) is reported by ``unknown(rel)``. With
    ``misnamed``, a ``.yaml``/``.YML`` file in a dated folder is read too and reported by it."""
    base = root / folder
    files: list[tuple[Path, str, str]] = []
    problems: list[Finding] = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        parts = here.relative_to(base).parts
        for name in sorted(filenames):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if name.startswith(".") or path.suffix.lower() == ".md":
                continue
            in_dated = len(parts) == 1 and dated(parts[0])
            if in_dated and path.suffix == ".yml":
                files.append((path, rel, parts[0]))
            elif in_dated and misnamed is not None and path.suffix.lower() in (".yml", ".yaml"):
                problems.append(misnamed(rel, path))
                files.append((path, rel, parts[0]))
            else:
                problems.append(unknown(rel))
    return files, problems


YEAR = re.compile(r"^\d{4}$")


class _Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Record)


def read_records(files: Iterable[tuple[Path, str, int | None]], rule: str, scan: Callable[[str, str], list[Finding]],
                 build: Callable[[str, Any, int | None], tuple[R | None, list[Finding]]],
                 duplicate: Callable[[R, str, str], Finding]) -> tuple[list[R], list[Finding]]:
    """Each register file read as text, scanned before anything else (``scan``), parsed and turned
    into a record (``build(rel, data, folder_year)``). A record whose id an earlier file already
    holds is reported by ``duplicate(record, rel, earlier_rel)`` and left out. Records in file order."""
    problems: list[Finding] = []
    records: list[R] = []
    seen: dict[str, str] = {}
    for path, rel, year in files:
        text, errs = read_text(path, rel)
        problems += errs
        if text is None:
            continue
        problems += scan(text, rel)
        data, errs = parse_yaml(text, rel, rule=rule)
        problems += errs
        if errs:
            continue
        record, errs = build(rel, data, year)
        problems += errs
        if record is None:
            continue
        if record.id in seen:
            problems.append(duplicate(record, rel, seen[record.id]))
            continue
        seen[record.id] = rel
        records.append(record)
    return records, problems
