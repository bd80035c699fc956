"""Which items must be interpreted (附件1《政策文件解读工作制度》二(二) 解读范围), as the office configures it.

The rulebook's scope is wider than 规范性文件: every 规定、制度 (and the office's 办法) issued in the
office's own name, and documents the drafting division judges to involve major public interest or
to be strongly specialised. zwgk cannot judge the latter, so the division flags them with
``interpretation: required``; the rest is configured in ``mkdocs.yml``::

    plugins:
      - zwgk:
          interpretation_scope:
            kinds: [policy]                         # 信息类型：规范性文件总是需要解读
            genres: [规定, 制度, 办法]               # 以本机关名义印发的这些文种也需要
            doc_no_prefixes: [示政务办发, 示政务办规]  # “以本机关名义印发”：文号以这些机关代字开头

Without ``doc_no_prefixes`` an item counts as issued in the office's name when it has a 文号 and its
发布机构 is the site's ``publisher``. An item in scope may be exempted with
``interpretation: not_required`` and a ``reason`` (listed in the monthly 督查); a kind in ``kinds``
cannot be exempted (规范性文件必须解读).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .findings import Finding, finding
from .options import INTERPRETATION_SCOPE, unknown_key
from .schema import KINDS

if TYPE_CHECKING:  # the model imports the configuration, which parses ``interpretation_scope:`` here at load
    from .model import Item, Site

CHAIN = "plugins -> zwgk -> interpretation_scope"
MIN_REASON = 6  # characters: a reason a reviewer can check, not "不需要"


@dataclass(frozen=True)
class InterpretationScope:
    """``interpretation_scope:``, declared (defaults, docs) in :data:`zwgk.core.options.INTERPRETATION_SCOPE`."""

    kinds: tuple[str, ...] = tuple(INTERPRETATION_SCOPE.defaults["kinds"])
    genres: tuple[str, ...] = tuple(INTERPRETATION_SCOPE.defaults["genres"])
    doc_no_prefixes: tuple[str, ...] = tuple(INTERPRETATION_SCOPE.defaults["doc_no_prefixes"])


_EXAMPLES = {"kinds": "[policy]", "genres": "[规定, 制度, 办法]", "doc_no_prefixes": "[示政务办发, 示政务办规]"}


def parse_scope(raw: Mapping[str, Any] | None, where: str = "mkdocs.yml") -> tuple[InterpretationScope, list[Finding]]:
    """The ``interpretation_scope`` option, key by key; every problem is a finding with its chain."""
    problems: list[Finding] = []
    values: dict[str, tuple[str, ...]] = {}
    for key, value in (raw or {}).items():
        chain = f"{CHAIN} -> {key}"
        if key not in INTERPRETATION_SCOPE:
            problems.append(unknown_key(key, INTERPRETATION_SCOPE.names, where, chain,
                                        f"解读范围设置中有未知的设置项 {key}",
                                        fallback="可用：" + "、".join(INTERPRETATION_SCOPE.names)))
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(finding("config.type", where, f"解读范围设置 {key} 应为文字列表，而不是 {value!r}",
                                    f"例如 {key}: {_EXAMPLES[str(key)]}", field=chain))
            continue
        items = tuple(dict.fromkeys(v.strip() for v in value))
        unknown = [k for k in items if key == "kinds" and k not in KINDS]
        if unknown:
            problems.append(finding("config.value", where, f"解读范围设置 kinds 中有未知的信息类型：{'、'.join(unknown)}",
                                    "可选：" + "、".join(f"{k}（{v}）" for k, v in KINDS.items()), field=chain))
            continue
        values[str(key)] = items
    return InterpretationScope(**values), problems


def scope_for(site: Site) -> InterpretationScope:
    """The site's scope, parsed once at load (:class:`zwgk.core.config.SiteConfig`), which reports its problems."""
    return site.config.interpretation_scope


def own_name(site: Site, item: Item, scope: InterpretationScope) -> bool:
    """Issued in the office's own name (以本机关名义印发): its 文号 carries the office's 机关代字."""
    if not item.doc_no:
        return False
    if scope.doc_no_prefixes:
        return item.doc_no.startswith(scope.doc_no_prefixes)
    return item.publisher == site.config.publisher


def why_required(site: Site, item: Item, scope: InterpretationScope | None = None) -> str:
    """Why ``item`` must be interpreted, in Chinese; "" when it need not be. Waivers are not applied."""
    scope = scope or scope_for(site)
    if item.interpretation_id is not None:
        return ""
    if item.kind in scope.kinds:
        return f"{KINDS.get(item.kind, item.kind)}必须解读"
    if item.meta.get("interpretation") == "required":
        return "责任处室标注需要解读（interpretation: required）"
    if item.genre in scope.genres and own_name(site, item, scope):
        return f"以本机关名义印发的{item.genre}（{item.doc_no}）属于解读范围"
    return ""


def waiver(item: Item) -> str:
    """The reason of an ``interpretation: not_required`` exemption ("" when there is none)."""
    if item.meta.get("interpretation") != "not_required":
        return ""
    reason = item.meta.get("reason")
    return reason.strip() if isinstance(reason, str) else ""


def _valid_waiver(item: Item, scope: InterpretationScope) -> bool:
    """An exemption the rule accepts: a kind that may be exempted, with a reason a reviewer can check."""
    return item.kind not in scope.kinds and len(waiver(item)) >= MIN_REASON


def requires_interpretation(site: Site, item: Item, scope: InterpretationScope | None = None) -> bool:
    """In scope and not validly exempted: the item needs its 解读方案 and 解读材料."""
    scope = scope or scope_for(site)
    return bool(why_required(site, item, scope)) and not _valid_waiver(item, scope)


def exempted(site: Site, item: Item, scope: InterpretationScope | None = None) -> bool:
    """In scope and validly exempted: the 免于解读 the monthly 督查 lists. Exactly the items
    :func:`requires_interpretation` lets off, so no item is both 免于解读 and 应解读未解读."""
    scope = scope or scope_for(site)
    return bool(why_required(site, item, scope)) and _valid_waiver(item, scope)
