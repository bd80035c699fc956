"""Placeholder text the scaffolds write (``zwgk new``): the one list, and how to find it again.

Why a list of exact texts: ``zwgk new`` leaves most fields empty, so the schema rules already name
them; but a few parts need a visible example to be understandable (the 图解's figure labels, the
内容概述 example in the field comment). Those examples look like content, so a clerk can leave them
in place and every other gate passes — the placeholder picture would be published. The scaffold
writes these constants and :mod:`zwgk.core.rules.placeholder` looks for them in what is published,
so the two cannot drift apart. Only texts no real item would contain belong here: each is an
instruction to the clerk, not a plausible sentence of a government document.

The blank 信息发布审查表 is the other scaffold: its empty signatures are recognised by
:func:`zwgk.core.review.record.is_blank` (one ``review.pending`` finding), not by this list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Placeholder:
    text: str  # exactly as the scaffold writes it
    part: str  # the part of the scaffold it stands in (Chinese, for the finding)
    fix: str  # what the clerk writes instead (Chinese)


TUJIE_FIGURE = Placeholder("请改为文件中的关键数字", "图解模板的示例数字",
                           "改为文件中的一个关键数字（value、unit）和它的说明（label）；不做图解的，删除 tujie.yml")
TUJIE_NOTE = Placeholder("每个数字配一句说明", "图解模板的示例数字",
                         "改为文件中的一个关键数字和一句说明；用不到的数字条目整条删除")
SUMMARY_EXAMPLE = Placeholder("用一两句话说明这条信息的主要内容", "内容概述（summary）的填写示例",
                              "用自己的话写一两句这条信息的主要内容（不超过 100 字）")

MARKERS: tuple[Placeholder, ...] = (TUJIE_FIGURE, TUJIE_NOTE, SUMMARY_EXAMPLE)
_ANY = re.compile("|".join(re.escape(m.text) for m in MARKERS))
_BY_TEXT = {m.text: m for m in MARKERS}


def contains_any(text: str) -> bool:
    """Quick test on a whole file's text (most files have none: the rule skips them unparsed)."""
    return _ANY.search(text) is not None


def found_in(text: str) -> list[Placeholder]:
    """The placeholders in one value, each once, in the order they first appear."""
    return list(dict.fromkeys(_BY_TEXT[m.group()] for m in _ANY.finditer(text)))


def iter_values(value: Any, chain: str = "") -> Iterator[tuple[str, str]]:
    """Every text in parsed YAML with its field chain (``blocks -> items[0] -> label``)."""
    if isinstance(value, str):
        yield chain, value
    elif isinstance(value, Mapping):
        for key, sub in value.items():
            yield from iter_values(sub, f"{chain} -> {key}" if chain else str(key))
    elif isinstance(value, list | tuple):
        for i, sub in enumerate(value):
            yield from iter_values(sub, f"{chain}[{i}]")


def line_of(source: str, placeholder: Placeholder, *, start: int = 1) -> int | None:
    """The first line (1-based, counted from ``start``) that carries the placeholder outside a
    comment: the field comments of a scaffold quote examples, and those are never published."""
    for n, line in enumerate(source.splitlines(), start):
        if placeholder.text in line and not line.lstrip().startswith("#"):
            return n
    return None
