"""The 信息发布审查表 (review record): what it must say, validated in one place; and writing it.

The record lives under ``governance/reviews/`` (never under ``content/``) and is never published.

:func:`check_record` is **the** validation: the gate (``zwgk check``, the MkDocs build) and
``zwgk review`` (which refuses to sign what the gate would reject) both call it, so a hand-written
record gets exactly the scrutiny of one written by the command. It checks

- identity: title (and, for an item, column and division) as in the item;
- signatures: every role signed with a name and a date; the roles the office configures as
  distinct (``review: {distinct_roles: …}``) held by different people, comparing normalised names
  (traditional → simplified, full-width → half-width, spaces, interpuncts and invisible characters
  removed, case-folded) so ``陳靜`` / ``陈　静`` / ``陈·静`` are the same person as ``陈静``;
- dates: in signing order (经办人 → 处室负责人 → 保密审查 → 分管领导), none before the item was
  formed, none after it is published (when signing: none after today), and — in a Git checkout — none before the
  content last changed (:mod:`zwgk.core.git_history`);
- 保密审查: every answer exactly ``否``; conclusion exactly ``同意公开``;
- the digest: of the body, every field, the reviewed files and the public address (path, column,
  URL), so an edit, a move or a rename needs a new signature.

The subject may be an item, an interpretation's 解读材料, or a top-level page (``Item`` with
``kind="page"`` and empty column/division): checks of empty values are skipped, nothing else.

Only this module writes records, so the CLI (``zwgk new``, ``zwgk review``), the demo and the
benchmark corpus all produce the shape that is checked here.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import json
import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import frontmatter, repofiles
from ..cachestore import CacheStore
from ..findings import Finding, finding
from ..git_history import History
from ..git_history import load as load_history
from ..inventory import item_assets
from ..model import Item, ReviewRecord, Site
from ..schema import coerce_date
from ..yamlio import load_yaml_file
from .digest import TEXT_SUFFIXES, Digest, compute, describe_changes, file_bytes

SECRECY = {
    "state_secret": "国家秘密",
    "work_secret": "工作秘密",
    "commercial_secret": "商业秘密",
    "privacy": "个人隐私",
}
# (key, label, subfields) in the order the form is signed.
SIGNATURES: list[tuple[str, str, tuple[str, ...]]] = [
    ("handler", "经办人", ("name", "date")),
    ("division_head", "处室负责人审核", ("name", "date", "opinion")),
    ("secrecy", "保密审查", ("reviewer", "date")),
    ("leader", "分管领导审批", ("name", "date")),
]
# The signing person of each block: (block key, name field, role as the office names it).
ROLES: dict[str, tuple[str, str]] = {
    "handler": ("name", "经办人"),
    "division_head": ("name", "处室负责人"),
    "secrecy": ("reviewer", "保密审查人"),
    "leader": ("name", "分管领导"),
}
RECORD_KEYS = {"title", "column", "division", "conclusion", "digest", "late_reason", "exceptions",
               *SECRECY, *(k for k, _, _ in SIGNATURES)}
# ``isinstance(x, Mapping)`` costs an ABC lookup; records are dicts (YAML, the cache), so testing dict first
# answers at once, with the same result for any other Mapping (100,000 tests at 10,000 records).
_MAP = (dict, Mapping)
REMOVED_KEYS = {"urgent_followup"}  # the urgent follow-up allowance is gone: a clear error, not "unknown"
REVIEW_HOW = "由综合处核对后运行 zwgk review {path} 重新审查并签署"
AFFIRMATIVE = {"是", "有", "涉及", "涉密", "yes", "y", "true"}


# -- names -------------------------------------------------------------------------------------


def _import_zhconv() -> Any:
    """zhconv 1.4 imports ``pkg_resources`` only to find its dictionary file (0.15 s of CPU, a
    tenth of a warm ``zwgk check`` at 10,000 items) and falls back to opening the file beside its
    own module when that import fails. Hide ``pkg_resources`` for that one import unless something
    already loaded it; the dictionary read is the same file either way."""
    if "pkg_resources" in sys.modules:
        import zhconv
        return zhconv
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # None makes the import raise ImportError
    try:
        import zhconv
    finally:
        del sys.modules["pkg_resources"]
    return zhconv


zhconv = _import_zhconv()

# Separators people put inside names (middle dots of transliterated names, bullets, hyphens).
_SEPARATORS = re.compile(r"[·•・‧･∙⋅ㆍ᛫\-‐‑‒–—―_.。]")


@functools.lru_cache(maxsize=4096)  # an office has few signers; 10,000 records name the same people
def normalise_name(name: str) -> str:
    """The comparison key of a person's name: one person, one key, however it was typed.

    NFKC folds full-width letters and compatibility ideographs; zhconv maps traditional to
    simplified characters; every space, format character (zero-width space, joiners, BOM),
    control character and separator is dropped; case-folded last. Memoised: an office has a few
    dozen signers, and every record of 10,000 names the same few (zhconv walks each name).
    """
    text = unicodedata.normalize("NFKC", name)
    text = zhconv.convert(text, "zh-hans")
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "ZC")
    text = _SEPARATORS.sub("", text)
    return unicodedata.normalize("NFKC", text).casefold()


# -- what the review covers ----------------------------------------------------------------------


def review_files(site: Site, item: Item) -> dict[str, Path]:
    """Files whose bytes the review covers: attachments, the images in the item's own folder (shown in
    its page: core/inventory.py), and for an interpretation its plan and 图解."""
    files = {a.file: a.abs_path for a in item.attachments}
    files.update(item_assets(site, item))
    if item.interpretation_id:
        interp = site.interpretations.get(item.interpretation_id)
        if interp is not None:
            if interp.plan_path:
                files["plan.md"] = site.root / interp.plan_path
            if interp.diagram_path:
                files["tujie.yml"] = site.root / interp.diagram_path
    return files


def public_address(item: Item) -> dict[str, str]:
    """Where the approved text appears: repository path, column, page URL (relative to the site)."""
    return {"path": item.path, "column": item.column, "url": item.url}


DIGEST_CACHE_VERSION = "1"  # bump with any change to digest.compute or review_files
# The gate only compares totals: a store of "sha256:…" strings is a fifth of the full records' size
# and decodes without building 50,000 dicts (0.15 s of a warm check at 10,000 items).
TOTAL_CACHE_VERSION = "1"  # bump with DIGEST_CACHE_VERSION
_DIGEST_STORES: dict[tuple[Path, str], CacheStore] = {}
_TOTAL = re.compile(r"sha256:[0-9a-f]{64}")
# json.dumps(…, ensure_ascii=False) builds a new encoder per call (half its cost, 10,000 calls); same output.
_KEY_JSON = json.JSONEncoder(ensure_ascii=False)


def _digest_store(site: Site, name: str = "digest") -> CacheStore:
    store = _DIGEST_STORES.get((site.root, name))
    if store is None:
        version = DIGEST_CACHE_VERSION if name == "digest" else TOTAL_CACHE_VERSION
        store = _DIGEST_STORES[(site.root, name)] = CacheStore.for_repo(site.root, name, version)
    return store


def save_digest_cache(site: Site) -> None:
    """Write the digests computed in this run (the review rule calls this once, at its end)."""
    for name in ("digest", "digest-total"):
        store = _DIGEST_STORES.pop((site.root, name), None)
        if store is not None:
            store.save()


def _digest_inputs(site: Site, item: Item) -> tuple[dict[str, Path], dict[str, str], str | None]:
    """What ``item``'s digest is computed from — the reviewed files and the public address — and its
    cache key, which covers all of it: the file's text as read, the address, the kind and every
    reviewed file's bytes (None: the text was not read, nothing is cached)."""
    files = review_files(site, item)
    address = public_address(item)
    text = site.sources.get(item.path)
    if text is None:
        return files, address, None
    h = hashlib.sha256(_KEY_JSON.encode([address, item.kind, sorted(files)]).encode())
    h.update(text.encode())
    for _, path in sorted(files.items()):
        try:
            h.update(hashlib.sha256(repofiles.read_bytes(path)).digest())
        except OSError:
            h.update(b"missing")
    return files, address, h.hexdigest()


def item_digest(site: Site, item: Item) -> Digest:
    """The digest of ``item`` as it stands. Hashing every field of 10,000 items was most of a warm
    ``zwgk check``; the result is remembered in the signed cache under a key that covers everything
    it is computed from (:func:`_digest_inputs`)."""
    files, address, key = _digest_inputs(site, item)
    if key is None:
        return compute(item.body, item.meta, files, address)
    store = _digest_store(site)
    hit = store.get(key)
    if isinstance(hit, dict) and isinstance(hit.get("sha256"), str):
        return Digest(total="sha256:" + hit["sha256"], body=hit["body"], fields=dict(hit["fields"]),
                      files=dict(hit["files"]), address=dict(hit["address"]))
    digest = compute(item.body, item.meta, files, address)
    store.put(key, digest.to_record())
    return digest


def digest_total(site: Site, item: Item) -> str:
    """``item_digest(site, item).total``, cached on its own under the same key (what the gate compares)."""
    files, address, key = _digest_inputs(site, item)
    if key is None:
        return compute(item.body, item.meta, files, address).total
    store = _digest_store(site, "digest-total")
    hit = store.get(key)
    if isinstance(hit, str) and _TOTAL.fullmatch(hit):
        return hit
    total = compute(item.body, item.meta, files, address).total
    store.put(key, total)
    return total


def needs_review(site: Site, item: Item) -> bool:
    # Drafts never publish; scheduled items will, so their record must exist before merge.
    return item.will_publish


def is_signed(record: ReviewRecord | None) -> bool:
    """A record counts once ``zwgk review`` (or a person) wrote its digest; a blank form does not."""
    if record is None or record.broken:
        return False
    digest = record.data.get("digest")
    return isinstance(digest, _MAP) and bool(digest.get("sha256"))


def _filled(value: Any) -> bool:
    return value not in (None, "") and not (isinstance(value, str) and not value.strip())


def is_blank(data: Mapping[str, Any]) -> bool:
    """Nobody has signed: no digest, no name, date, answer or conclusion. The identity fields (title,
    column, division) do not count: ``zwgk new`` fills them in the blank form."""
    digest = data.get("digest")
    if _filled(data.get("conclusion")) or (isinstance(digest, _MAP) and digest) or _filled(digest):
        return False
    for key, _, subs in SIGNATURES:
        block = data.get(key)
        if block is not None and not isinstance(block, _MAP):
            return False  # something was written there: validate it properly
        if isinstance(block, _MAP) and any(_filled(block.get(s)) for s in (*subs, *SECRECY)):
            return False
    return set(data) <= RECORD_KEYS  # unknown keys mean a hand-edited record: validate it properly


# -- validation ----------------------------------------------------------------------------------

_NO_HISTORY: Any = object()  # sentinel: "read Git yourself" (a caller checking many items passes one History)


def check_record(site: Site, item: Item, *, history: History | None = _NO_HISTORY) -> list[Finding]:
    """Every finding about ``item``'s review record: the gate's check, also used by ``zwgk review``.

    ``history``: the repository's Git history (:func:`zwgk.core.git_history.load`), read once by a
    caller that checks many items; by default read here; None skips the Git date check.
    """
    rec_path = site.review_path_for(item.path)
    record = site.reviews.get(item.path)
    if record is None and item.kind == "page":
        # The loader reads records of items only; a top-level page's record is read here, same parser.
        record, problems = load_record_file(site, rec_path)
        if problems:
            return problems
    urgent = "重要紧急信息也须先审查后发布（当日审查）；" if item.urgent else ""
    if record is None:
        return [finding("review.missing", item.path, "待综合处审查：没有信息发布审查表，不能发布",
                        f"{urgent}由综合处审查后运行 zwgk review {item.path} 生成审查表（保存在 {rec_path}）",
                        field="review")]
    if record.broken:
        return []
    if is_blank(record.data):
        # The form zwgk new wrote, untouched: one line for 综合处, not every empty signature (the clerk
        # must not fill them, so listing them only buries the clerk's own errors).
        return [finding("review.pending", item.path, "待综合处审查：信息发布审查表还是空白，不能发布",
                        f"{urgent}经办人不用填写审查表；由综合处审查后运行 zwgk review {item.path} 签署（写入 {rec_path}）",
                        field="review")]
    if history is _NO_HISTORY:
        history = load_history(site.root, site.today, site.config.review.history_start)
    return validate(site, item, record.data, record.path, history=history)


def load_record_file(site: Site, rec_path: str) -> tuple[ReviewRecord | None, list[Finding]]:
    """The record at ``rec_path`` parsed as the loader parses records (None: there is none)."""
    abs_path = site.root / rec_path
    if not abs_path.is_file():
        return None, []
    data, problems = load_yaml_file(abs_path, rec_path, rule="review.yaml")
    if problems:
        return ReviewRecord(rec_path, {}, True), problems
    if data is not None and not isinstance(data, Mapping):
        return ReviewRecord(rec_path, {}, True), [finding("review.invalid", rec_path, "审查表应为“字段名: 值”的形式",
                                                          "参考 zwgk new 生成的空白审查表")]
    return ReviewRecord(rec_path, data or {}), []


def validate(site: Site, item: Item, data: Mapping[str, Any], rec_path: str, *,
             history: History | None, signing: bool = False) -> list[Finding]:
    """Findings about ``data`` as the review record of ``item`` (stored at ``rec_path``).

    ``signing``: the record is about to be signed now (``zwgk review``), so no date may lie after
    today. The gate does not apply that: a check run "as of" an earlier day (``--today``, the
    monthly report's month end, the demo on any day of the year) sees records signed later.
    """
    out: list[Finding] = []

    def bad(rule: str, msg: str, hint: str, field: str) -> None:
        out.append(finding(rule, rec_path, msg, hint, field=field))

    for key in () if RECORD_KEYS.issuperset(data) else sorted(set(data) - RECORD_KEYS, key=str):
        if key in REMOVED_KEYS:
            bad("review.urgent_followup_removed", "审查表中的 urgent_followup（重要紧急信息补审原因）已废止：重要紧急信息同样须在发布前签署审查表",
                "删除 urgent_followup；由综合处当日审查后运行 zwgk review 签署", str(key))
        else:
            bad("review.unknown_field", f"审查表中有未知字段 {key}", "删除该字段或改正字段名", str(key))
    for key, label, want in (("title", "信息名称", item.title), ("column", "拟发布栏目", item.column),
                             ("division", "责任处室", item.division)):
        if not want and key != "title":
            continue  # a top-level page has no column and no division
        got = data.get(key)
        got_text = got if isinstance(got, str) else ("" if got is None else str(got))
        if not got_text:
            bad("review.field_missing", f"审查表缺少 {key}（{label}）", f"填写 {key}: {want}", key)
        elif got_text != want:
            bad("review.mismatch", f"审查表的{label}“{got_text}”与信息中的“{want}”不一致",
                f"确认审查表对应的是 {item.path}；如信息已更名或调整，请重新审查", key)
    dates = _signatures(data, bad)
    _distinct(site, data, bad)
    _secrecy(data, bad)
    conclusion = data.get("conclusion")
    if conclusion != "同意公开":
        shown = conclusion if isinstance(conclusion, str) and conclusion else ("空" if conclusion in (None, "") else repr(conclusion))
        bad("review.conclusion", f"审查结论为“{shown}”，不是“同意公开”",
            "审查通过后结论写 同意公开（四个字，前后不加空格）；不同意公开的信息不得合并发布", "conclusion")
    _dates(site, item, dates, bad, signing=signing)
    if history is not None and dates:
        _history(site, item, dates, history, bad)
    out.extend(check_digest(site, item, rec_path, data.get("digest")))
    return out


_Bad = Any  # Callable[[str, str, str, str], None]; kept loose so the nested helper stays readable


def _signatures(data: Mapping[str, Any], bad: _Bad) -> dict[str, dt.date]:
    dates: dict[str, dt.date] = {}
    for key, label, subs in SIGNATURES:
        block = data.get(key)
        if not isinstance(block, _MAP):
            bad("review.field_missing", f"审查表缺少“{label}”一栏", f"填写 {key}: {{{', '.join(f'{s}: …' for s in subs)}}}", key)
            continue
        for sub in subs:
            value = block.get(sub)
            if type(value) is dt.date and sub == "date":
                dates[key] = value  # what coerce_date returns for a date: the common case, 40,000 times
                continue
            if value in (None, "") or (isinstance(value, str) and not value.strip()):
                bad("review.field_missing", f"“{label}”缺少 {sub}", f"补充 {key} -> {sub}", f"{key} -> {sub}")
            elif sub == "date":
                d = coerce_date(value)
                if d is None:
                    bad("review.date", f"“{label}”的日期 {value} 无效", "写成 YYYY-MM-DD", f"{key} -> date")
                else:
                    dates[key] = d
            elif not isinstance(value, str) or (sub != "opinion" and not normalise_name(value)):
                bad("review.field_type", f"“{label}”的 {sub} 应为文字（现为 {value!r}）", "写签署人的姓名", f"{key} -> {sub}")
    return dates


def _distinct(site: Site, data: Mapping[str, Any], bad: _Bad) -> None:
    """The roles the office keeps apart are held by different people (compared by normalised name)."""
    people: dict[str, list[tuple[str, str]]] = {}  # normalised name -> [(role label, name as written)]
    for key in site.config.review.distinct_roles:
        block = data.get(key)
        sub, label = ROLES[key]
        name = block.get(sub) if isinstance(block, _MAP) else None
        if isinstance(name, str) and (person := normalise_name(name)):
            people.setdefault(person, []).append((label, name.strip()))
    if all(len(holders) < 2 for holders in people.values()):
        return
    for holders in people.values():
        if len(holders) < 2:
            continue
        roles = "、".join(label for label, _ in holders)
        spelled = "、".join(dict.fromkeys(f"“{n}”" for _, n in holders))
        later = next(k for k, (_, lbl) in ROLES.items() if lbl == holders[-1][0])
        bad("review.same_person", f"同一人（{spelled}）同时担任{roles}：这些角色须由不同人员签署",
            "由各自的责任人分别签署后运行 zwgk review 重新签署（哪些角色须由不同人员担任见 mkdocs.yml 的 "
            "review -> distinct_roles）", f"{later} -> {ROLES[later][0]}")


def _secrecy(data: Mapping[str, Any], bad: _Bad) -> None:
    block = data.get("secrecy")
    secrecy: Mapping[str, Any] = block if isinstance(block, _MAP) else {}
    for key, label in SECRECY.items():
        value = secrecy.get(key)
        where = f"secrecy -> {key}"
        if value == "否":
            continue
        if value in (None, ""):
            bad("review.field_missing", f"保密审查缺少“是否涉及{label}”", f"核查后填写 secrecy -> {key}: 否", where)
        elif value is True or (isinstance(value, str) and normalise_name(value) in AFFIRMATIVE):
            bad("review.secrecy", f"保密审查认定涉及{label}（{value}），不得公开",
                "删除涉及的内容或撤回发布；如认定有误，由保密审查人更正审查表", where)
        else:
            # YAML reads `no`/`false`/`off` as a boolean, and "否 " or "不涉及" are not the form's answer.
            bad("review.secrecy_value", f"保密审查“是否涉及{label}”的答复须为“否”（现为 {value!r}）",
                f"改为 {key}: 否（YAML 中的 no、false 不是“否”，前后不加空格）", where)


def _dates(site: Site, item: Item, dates: Mapping[str, dt.date], bad: _Bad, *, signing: bool) -> None:
    labels = {k: lbl for k, lbl, _ in SIGNATURES}
    signed = [k for k, _, _ in SIGNATURES if k in dates]
    for a, b in itertools.pairwise(signed):
        if dates[b] < dates[a]:
            bad("review.date_order", f"“{labels[b]}”日期 {dates[b]} 早于“{labels[a]}”日期 {dates[a]}",
                "按 经办人 → 处室负责人审核 → 保密审查 → 分管领导审批 的顺序核对日期", f"{b} -> date")
    for key in signed:
        day = dates[key]
        if item.formed is not None and day < item.formed:
            bad("review.before_formed", f"“{labels[key]}”日期 {day} 早于信息形成日期 {item.formed}：不可能审查尚未形成的信息",
                "核对审查日期；信息变更后须按实际日期重新审查", f"{key} -> date")
        if item.published is not None and day > item.published:
            bad("review.after_publication", f"“{labels[key]}”日期 {day} 晚于发布日期 {item.published}",
                "先审查、后发布（重要紧急信息同样当日先审查）：如果是修改已发布的信息，请经办人把 published "
                f"改为重新发布的日期（不早于 {day}）；如审查其实在发布前完成，写实际审查日期", f"{key} -> date")
        if signing and day > site.today:
            bad("review.date_future", f"“{labels[key]}”日期 {day} 晚于今天（{site.today}）：不能预先签署",
                "签署日期写实际签署的日期", f"{key} -> date")


def _history(site: Site, item: Item, dates: Mapping[str, dt.date], history: History, bad: _Bad) -> None:
    """No signature may precede the last change of what it approves (Git where available)."""
    first_key = min(dates, key=lambda k: (dates[k], [s[0] for s in SIGNATURES].index(k)))
    first = dates[first_key]
    rel_files: list[str] = []
    for file in review_files(site, item).values():
        try:
            rel_files.append(file.resolve().relative_to(site.root.resolve()).as_posix())
        except ValueError:
            continue  # outside the repository: reported by the attachment rules
    paths = [item.path, *rel_files]
    change = history.last_change(paths)
    if change is None or change.date <= first:
        return
    # Changed after the first signature: does the change touch what the digest covers?
    for path in paths:
        one = history.last_change([path])
        if one is None or one.date <= first or _same_as_then(history, site, item, path, first):
            continue
        label = next(lbl for k, lbl, _ in SIGNATURES if k == first_key)
        bad("review.signed_before_change",
            f"“{label}”日期 {first} 早于内容最后一次修改 {one.describe()}：签署的不可能是现在的内容",
            f"{REVIEW_HOW.format(path=item.path)}（签署日期写实际审查日期，不得早于修改日期）；"
            "如果是修改已发布的信息，经办人须把 published 改为重新发布的日期", f"{first_key} -> date")
        return


def _same_as_then(history: History, site: Site, item: Item, path: str, day: dt.date) -> bool:
    """Was ``path`` on ``day`` what the digest covers now (whitespace-only edits do not count)?"""
    old = history.version_at(path, day)
    if old is None:
        return False
    if path != item.path:
        try:
            # Compared as the digest sees them: a CRLF checkout (Windows) of a text source is the
            # version committed with LF.
            then_bytes = old.replace(b"\r\n", b"\n") if Path(path).suffix.lower() in TEXT_SUFFIXES else old
            return then_bytes == file_bytes(site.root / path)
        except OSError:
            return False
    meta, body, _, problems = frontmatter.split(old.decode("utf-8-sig", "replace").replace("\r\n", "\n"), path)
    if problems:
        return False
    then, now = compute(body, meta, {}), compute(item.body, item.meta, {})
    return then.body == now.body and then.fields == now.fields


def check_digest(site: Site, item: Item, rec_path: str, recorded: Any) -> list[Finding]:
    how = REVIEW_HOW.format(path=item.path)
    if not isinstance(recorded, _MAP) or not recorded.get("sha256"):
        return [finding("review.digest_missing", rec_path, "审查表没有记录所审查内容的摘要（digest），无法证明审查的就是将要发布的内容",
                        how, field="digest")]
    if str(recorded.get("sha256")) == digest_total(site, item).removeprefix("sha256:"):
        return []
    current = item_digest(site, item)  # the parts, to say what changed
    changes = describe_changes(recorded, current) or ["内容"]
    return [finding("review.stale", item.path, f"审查后内容有改动（{'、'.join(changes)}），须重新审查后才能发布",
                    how, field="digest")]


# -- writing -------------------------------------------------------------------------------------


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


# The blank form says who fills each part: the issue was a clerk reading "由经办人填写" on a form that
# 综合处 signs, and then filling signatures that are not theirs.
BLANK_HEADER = ("# 信息发布审查表（内部材料，不公开）。空白表：经办人不用填写，也不要删除。\n"
                "# 综合处按纸质（或 OA）审查表核对后运行 zwgk review <信息文件> 签署，本表各栏由该命令填写。\n")
BLANK_NOTES = {
    "title": "信息名称、拟发布栏目、责任处室：zwgk new 按信息填写；信息更名后由 zwgk review 更新",
    "handler": "经办人：综合处签署时填写经办人姓名和日期",
    "division_head": "处室负责人审核：姓名、日期、审核意见",
    "secrecy": "保密审查：保密审查人逐项核查，国家秘密、工作秘密、商业秘密、个人隐私均为“否”才能公开",
    "leader": "分管领导审批：姓名、日期",
    "conclusion": "审查结论：同意公开（由 zwgk review 写入，同时写入所审查内容的摘要 digest）",
}


def dump(data: Mapping[str, Any]) -> str:
    text = yaml.dump(dict(data), Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=120)
    if not is_blank(data):
        return HEADER + text
    lines = []
    for line in text.splitlines(keepends=True):
        key = line.split(":", 1)[0]
        if key in BLANK_NOTES and not line.startswith(" "):
            lines.append(f"# {BLANK_NOTES[key]}\n")
        lines.append(line)
    return BLANK_HEADER + "".join(lines)


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
    data = {k: v for k, v in dict(base or blank(item)).items() if k not in REMOVED_KEYS}
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
