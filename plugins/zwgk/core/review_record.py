"""Writing 信息发布审查表 records: the blank form a division fills and the signed record.

The record lives under ``governance/reviews/`` (never under ``content/``) and is never published.
Only this module writes records, so the CLI (``zwgk new``, ``zwgk review``), the demo and the
benchmark corpus all produce the same shape that :mod:`zwgk.core.rules.review` checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .model import Item, Site
from .rules.review import item_digest


class _NoAliasDumper(yaml.SafeDumper):
    """Repeated dates must be written out, not as YAML anchors a clerk cannot read."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


HEADER = "# 信息发布审查表（内部材料，不公开）。由经办人填写，处室负责人、保密审查人、分管领导逐项签署。\n"


@dataclass(frozen=True)
class Signers:
    handler: str
    division_head: str
    secrecy_reviewer: str
    leader: str
    opinion: str = "同意发布"


def dump(data: Mapping[str, Any]) -> str:
    return HEADER + yaml.dump(dict(data), Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=120)


def blank(item: Item) -> dict[str, Any]:
    """The form before anyone signs: identity filled in, every signature empty."""
    return {
        "title": item.title, "column": item.column, "division": item.division,
        "handler": {"name": "", "date": None},
        "division_head": {"name": "", "date": None, "opinion": ""},
        "secrecy": {"state_secret": "", "work_secret": "", "commercial_secret": "", "privacy": "",
                    "reviewer": "", "date": None},
        "leader": {"name": "", "date": None},
        "conclusion": "",
    }


def signed(site: Site, item: Item, who: Signers, *, reviewed_on: dt.date, approved_on: dt.date,
           base: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A complete record for ``item`` as it stands now (the digest pins exactly this content)."""
    data = dict(base or blank(item))
    data.update({
        "title": item.title, "column": item.column, "division": item.division,
        "handler": {"name": who.handler, "date": reviewed_on},
        "division_head": {"name": who.division_head, "date": reviewed_on, "opinion": who.opinion},
        "secrecy": {"state_secret": "否", "work_secret": "否", "commercial_secret": "否", "privacy": "否",
                    "reviewer": who.secrecy_reviewer, "date": reviewed_on},
        "leader": {"name": who.leader, "date": approved_on},
        "conclusion": "同意公开",
    })
    data["digest"] = item_digest(site, item).to_record()
    return data
