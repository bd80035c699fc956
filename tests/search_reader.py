"""Reads a search bundle the way the browser client (``zwgk-search.js``) does: the Python twin of
the client, for the tests and the benchmark.

The writer (:mod:`zwgk.core.searchindex`) is the reference for the format, the tokenisation and the
query rules (docs/search.md); this reader applies the query rules to a written bundle, and the
browser tests compare its answers with the JS client's on the same queries. It is not in the
package because nothing in a build or a command reads a bundle back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from zwgk.core.searchindex import (
    _ATOM,
    _SPLIT,
    _WORD_END,
    ALPHABET,
    CLIENT,
    FORMAT,
    IN_TITLE,
    MAX_PREFIX,
    PREFIX_MARK,
    TF_CAP,
    TITLE_WEIGHT,
    fnv1a,
    fold,
)


def _value(in_title: int, in_text: int) -> int:
    return (IN_TITLE if in_title else 0) | min(in_text, TF_CAP)


def _points(value: int) -> int:
    """A term's contribution to a document's score, from its posting weight."""
    return (TITLE_WEIGHT if value & IN_TITLE else 0) + (value & TF_CAP)


@dataclass(frozen=True)
class Term:
    """One whitespace-separated query term: its atoms, and whether the last one is a word prefix."""

    atoms: tuple[str, ...]
    prefix: bool

    def components(self) -> list[tuple[str, int]]:
        """(gram key, atom offset) pairs that cover every atom of the term.

        A CJK run of one character is its unigram; a longer run is covered by non-overlapping
        bigrams (offsets 0, 2, 4 …) plus the last bigram when the run is odd: 政务公开 = 政务@0 +
        公开@2, 不动产登记 = 不动@0 + 产登@2 + 登记@3. A word is its own key (or its prefix key).
        All components found at one start position ⇔ the term occurs there.
        """
        out: list[tuple[str, int]] = []
        atoms = self.atoms
        n = len(atoms)
        i = 0
        while i < n:
            if atoms[i] > _WORD_END:
                j = i
                while j < n and atoms[j] > _WORD_END:
                    j += 1
                if j - i == 1:
                    out.append((atoms[i], i))
                else:
                    offsets = list(range(i, j - 1, 2))
                    if (j - i) % 2:
                        offsets.append(j - 2)
                    out.extend((atoms[o] + atoms[o + 1], o) for o in offsets)
                i = j
            else:
                last = self.prefix and i == n - 1
                out.append((atoms[i] + PREFIX_MARK if last else atoms[i], i))
                i += 1
        return out


def parse_query(query: str) -> list[Term]:
    """Terms of a query: split on whitespace, each folded and tokenised; duplicates and empty terms dropped.

    The last term's last word matches as a prefix (search while typing) when the query ends with it
    and it is 2…MAX_PREFIX characters long.
    """
    parts = [p for p in _SPLIT.split(fold(query)) if p]
    terms: list[Term] = []
    for k, part in enumerate(parts):
        atoms = tuple(_ATOM.findall(part))
        if not atoms:
            continue
        last = atoms[-1]
        prefix = (k == len(parts) - 1 and last < _WORD_END and part.endswith(last)
                  and 2 <= len(last) <= MAX_PREFIX)
        term = Term(atoms, prefix)
        if term not in terms:
            terms.append(term)
    return terms


@dataclass(frozen=True)
class Hit:
    id: int
    score: int


@dataclass(frozen=True)
class Result:
    hits: tuple[Hit, ...]
    files: tuple[str, ...]  # bundle-relative files the client fetches for this search (meta and shards)


def _read_uvarint(buf: bytes, i: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        b = buf[i]
        i += 1
        n |= (b & 0x7F) << shift
        if b < 0x80:
            return n, i
        shift += 7


def _read_ids(buf: bytes, i: int, n: int) -> tuple[list[int], int]:
    """n ascending numbers stored as gaps (the first from 0)."""
    out: list[int] = []
    value = 0
    for _ in range(n):
        gap, i = _read_uvarint(buf, i)
        value += gap
        out.append(value)
    return out, i


def _records(buf: bytes) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    i = 0
    while i < len(buf):
        klen, i = _read_uvarint(buf, i)
        key = buf[i:i + klen].decode("utf-8")
        i += klen
        blen, i = _read_uvarint(buf, i)
        out[key] = (i, i + blen)
        i += blen
    return out


Positions = tuple[list[int], list[int]]  # (title, text) atom positions


class Bundle:
    """A written bundle read the way the browser reads it (tests and benchmarks; not used by the build)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
        if self.meta.get("format") != FORMAT:
            raise ValueError(f"站内搜索索引格式 {self.meta.get('format')} 与程序（{FORMAT}）不一致，请重新构建")
        self._files: dict[str, bytes] = {}
        self._index: dict[str, dict[str, tuple[int, int]]] = {}

    def _read(self, rel: str, fetched: list[str]) -> bytes:
        if rel not in fetched:
            fetched.append(rel)
        if rel not in self._files:
            self._files[rel] = (self.out / rel).read_bytes()
        return self._files[rel]

    def _body(self, kind: str, key: str, fetched: list[str]) -> bytes | None:
        """The record of ``key`` in the shard it hashes to (following a stub to the gram's own file)."""
        name = f"{kind}/{fnv1a(key) % self.meta['shards']}"
        buf = self._read(f"{name}.bin", fetched)
        if name not in self._index:
            self._index[name] = _records(buf)
        span = self._index[name].get(key)
        if span is None:
            return None
        body = buf[span[0]:span[1]]
        if body[0] == 0:
            k, _ = _read_uvarint(body, 1)
            return self._read(f"{name}-{k}.bin", fetched)
        return body

    def postings(self, key: str, fetched: list[str]) -> dict[int, int]:
        """Document → weight for one gram (empty when no document has it)."""
        body = self._body("i", key, fetched)
        if body is None:
            return {}
        n, i = _read_uvarint(body, 0)
        ids, i = _read_ids(body, i, n)
        return dict(zip(ids, body[i:i + n], strict=True))

    def positions(self, key: str, fetched: list[str]) -> dict[int, Positions]:
        """Document → (title positions, text positions) for one gram."""
        body = self._body("p", key, fetched)
        if body is None:
            return {}
        n, i = _read_uvarint(body, 0)
        ids, i = _read_ids(body, i, n)
        out: dict[int, Positions] = {}
        for doc in ids:
            head, i = _read_uvarint(body, i)
            nt = 0
            if head & 1:
                nt, i = _read_uvarint(body, i)
            title, i = _read_ids(body, i, nt)
            text, i = _read_ids(body, i, head >> 1)
            out[doc] = (title, text)
        return out

    def _allowed(self, filters: Mapping[str, str | Sequence[str] | None] | None) -> set[int] | None:
        """Documents passing the filters (None: no filter). An unknown filter name matches nothing."""
        allowed: set[int] | None = None
        for name, wanted in (filters or {}).items():
            if wanted is None:
                continue
            spec = self.meta["filters"].get(name)
            if spec is None:
                return set()
            wanted_set = {wanted} if isinstance(wanted, str) else set(wanted)
            ids = {spec["values"].index(v) for v in wanted_set if v in spec["values"]}
            per_doc = spec["docs"]
            if isinstance(per_doc, str):
                per_doc = [ALPHABET.index(c) for c in per_doc]
            docs = {d for d, v in enumerate(per_doc) if v in ids}
            allowed = docs if allowed is None else allowed & docs
        return allowed

    def _term(self, term: Term, fetched: list[str]) -> dict[int, int]:
        """Document → posting weight of the whole term (exact: positions decide multi-gram terms)."""
        comps = term.components()
        if len(comps) == 1:
            return self.postings(comps[0][0], fetched)
        lists = [(self.positions(key, fetched), offset) for key, offset in comps]
        base, base_offset = min(lists, key=lambda lst: len(lst[0]))
        out: dict[int, int] = {}
        for doc in base:
            if not all(doc in m for m, _ in lists):
                continue
            counts = []
            for field in (0, 1):
                sets = [(set(m[doc][field]), o) for m, o in lists]
                counts.append(sum(1 for p in base[doc][field]
                                  if all(p - base_offset + o in s for s, o in sets)))
            if counts[0] or counts[1]:
                out[doc] = _value(counts[0], counts[1])
        return out

    def search(self, query: str | None, filters: Mapping[str, str | Sequence[str] | None] | None = None) -> Result:
        """Documents containing every term of ``query`` in their title or text, best first.

        ``query=None`` lists every document passing the filters, newest first (as Pagefind does).
        """
        fetched: list[str] = ["meta.json"]
        allowed = self._allowed(filters)
        if query is None:
            ids = range(self.meta["docs"]) if allowed is None else sorted(allowed)
            return Result(tuple(Hit(d, 0) for d in ids), tuple(fetched))
        terms = parse_query(query)
        if not terms:
            return Result((), tuple(fetched))
        scores: dict[int, int] | None = None
        for term in terms:
            weights = self._term(term, fetched)
            keep = weights.keys() if scores is None else weights.keys() & scores.keys()
            if allowed is not None:
                keep = keep & allowed
            prev = scores or {}
            scores = {d: prev.get(d, 0) + _points(weights[d]) for d in keep}
        assert scores is not None
        hits = sorted((Hit(d, s) for d, s in scores.items()), key=lambda h: (-h.score, h.id))
        return Result(tuple(hits), tuple(fetched))

    def fragment(self, doc_id: int) -> dict[str, str]:
        data: dict[str, str] = json.loads((self.out / f"d/{doc_id}.json").read_text(encoding="utf-8"))
        return data


def first_search_files(result: Result, shown: int = 10) -> list[str]:
    """Everything a browser downloads for its first search: the client, meta, shards, shown fragments."""
    return [CLIENT, *result.files, *(f"d/{h.id}.json" for h in result.hits[:shown])]
