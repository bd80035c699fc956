"""Static Chinese full-text search: the index writer (the browser client reads it; its Python twin,
for the tests and the benchmark, is tests/search_reader.py).

Pure core (no MkDocs): the site build passes one :class:`SearchDoc` per item page to
:func:`write_index`, which writes a self-contained bundle (``site/search/``) that the dependency-free
ES module ``zwgk-search.js`` (package data, copied into the bundle) queries in the browser. The
format, the tokenisation and the query rules are documented in docs/search.md; this module is the
reference for all three, and the JS client implements the same rules line for line (the browser
tests compare the two on the same queries).

Why not a word segmenter: a segmenter used at index time and another at query time disagree on
some words, and those words are then never found. Every CJK character and every pair of adjacent
CJK characters is indexed instead, with positions, so any query is answered exactly — no missed
documents and no false positives — whatever the words are.

Layout of the bundle (``S`` shards, ``N`` documents, ids 0…N-1 in result order: newest first)::

    meta.json          format, build tag, N, S, the filter values of every document
    zwgk-search.js     the client
    i/<n>.bin          postings of the grams whose hash is n: document ids and a small weight
    p/<n>.bin          positions of the same grams, for terms that span several grams
    i/<n>-<k>.bin      (and p/…) the k-th large gram of shard n, in a file of its own
    d/<id>.json        one document's url, title, column, date and text (to show a result)

All numbers in the .bin files are unsigned LEB128 varints; docs/search.md has the byte layout.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import operator
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

FORMAT = 1
CLIENT = "zwgk-search.js"
# An alphanumeric word is also indexed under each of its prefixes of 2…MAX_PREFIX characters, so
# that the last word of a query can match while it is still being typed (索引号, years, numbers).
MAX_PREFIX = 20
PREFIX_MARK = "*"  # prefix keys end with it; it is never part of a word, so keys cannot collide
# Posting weight, one small number per (gram, document): bit 4 = the gram is in the title, bits
# 0–3 = occurrences in the text, capped. Score of a document = Σ over the query's terms of
# TITLE_WEIGHT × (in title) + text occurrences, so a title match outranks any number of text ones.
IN_TITLE = 16
TF_CAP = 15
TITLE_WEIGHT = 256
# Shards are sized by postings so that small sites get few files and 10,000 items ~1,000 (each a
# few KB): a query downloads one shard per gram it looks up.
POSTINGS_PER_SHARD = 4000
MAX_SHARDS = 2048
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"  # filter value index per document
OWN_FILE = 4096  # a gram with more bytes than this (postings or positions) gets a file of its own

# CJK and the other scripts written without spaces (kana, hangul, bopomofo): every character is a
# token of its own. Ranges are of code points *after* folding; the JS client has the same table.
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals supplement, Kangxi radicals
    (0x3005, 0x3007),  # 々 〆 〇 (〇 is the zero of 二〇二六年)
    (0x3021, 0x3029),  # Hangzhou numerals
    (0x3031, 0x3035),  # kana repeat marks
    (0x303B, 0x303C),  # 〻 〼
    (0x3041, 0x3096),  # hiragana
    (0x3099, 0x309F),  # kana voicing marks, hiragana iteration marks
    (0x30A1, 0x30FA),  # katakana (not ・ U+30FB, a separator)
    (0x30FC, 0x30FF),  # katakana prolonged sound and iteration marks
    (0x3105, 0x312F),  # bopomofo
    (0x3131, 0x318E),  # Hangul compatibility jamo
    (0x31A0, 0x31BF),  # bopomofo extended
    (0x31F0, 0x31FF),  # katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # Hangul Jamo extended A
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xD7B0, 0xD7FF),  # Hangul Jamo extended B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs (NFKC maps most, not all)
    (0x20000, 0x3FFFF),  # planes 2 and 3: extensions B–I, compatibility supplement
)
_CJK_CLASS = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in CJK_RANGES)
# A token ("atom") is one CJK character or a maximal run of [0-9a-z]; everything else separates.
_ATOM = re.compile(f"[0-9a-z]+|[{_CJK_CLASS}]")
# Query terms are split on whitespace after folding (NFKC already maps most Unicode spaces to " ");
# an explicit set, because Python's and JavaScript's notions of "whitespace" differ at the edges.
WHITESPACE = "\t\n\x0b\x0c\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SPLIT = re.compile(f"[{WHITESPACE}]+")
# All atoms that are CJK compare greater than "{" and all alphanumeric atoms less ('z' < '{' and the
# first CJK code point is U+1100): one string comparison tells them apart in the hot loops.
_WORD_END = "{"


class _Fold(dict[int, str]):
    """``str.translate`` table: NFKC then lowercase, *per code point* (computed once per character).

    Per code point rather than per string so that the client can map every token back to the
    characters it came from (for <mark> in excerpts); both sides use the same definition.
    """

    def __missing__(self, cp: int) -> str:
        folded = unicodedata.normalize("NFKC", chr(cp)).lower()
        self[cp] = folded
        return folded


_FOLD = _Fold()


def fold(text: str) -> str:
    """NFKC + lowercase per code point: full-width Ｘ２０２６ → x2026, ① → 1, ㍻ → 平成."""
    return text.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """The atoms of ``text``: CJK characters one by one, [0-9a-z] runs whole (after :func:`fold`)."""
    return _ATOM.findall(fold(text))


# -- documents -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SearchDoc:
    url: str  # site-root-relative page URL without leading slash, e.g. "zcwj/2026-003/"
    title: str
    text: str  # plain text of the page body (already stripped of HTML)
    column: str  # 栏目 name: a filter, shown in results
    year: str  # "2026" (may be ""): a filter
    date: str  # "YYYY-MM-DD" publication date (may be ""): shown; newer first on equal score


@dataclass(frozen=True)
class IndexStats:
    docs: int
    grams: int
    postings: int
    files: int
    bytes: int


# Inline elements join their text to the neighbours' ("<b>政务</b>公开", "m<sup>2</sup>"); every
# other tag (p, td, li, br …) separates words, so "<td>2024</td><td>03348</td>" stays two numbers.
_INLINE = ("a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|"
           "strong|sub|sup|time|tt|u|var|wbr")
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # a ">" inside a quoted attribute does not end the tag
_HIDDEN = re.compile(rf"<(script|style|template|noscript)\b{_ATTRS}>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE})\b{_ATTRS}>", re.I)
_TAG = re.compile(rf"</?[a-zA-Z!?]{_ATTRS}>")


def html_text(html_: str) -> str:
    """Plain text of an HTML fragment: tags stripped, <script>/<style> dropped, entities decoded,
    whitespace collapsed to single spaces. Four regex passes in C: ~50 µs for a typical item page."""
    text = _HIDDEN.sub(" ", html_)
    text = _INLINE_TAG.sub("", text)
    text = _TAG.sub(" ", text)
    return " ".join(html.unescape(text).split())


# -- writing ---------------------------------------------------------------------------------------
_VARINT = [bytes([n]) for n in range(128)] + [bytes([n & 0x7F | 0x80, n >> 7]) for n in range(128, 1 << 14)]


def _uvarint(n: int) -> bytes:
    """LEB128: 7 bits per byte, low first, high bit set on every byte but the last."""
    if n < 1 << 14:
        return _VARINT[n]
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _positions(ps: list[int]) -> bytes:
    """Ascending positions as varints: the first as is, then the gaps (mostly one byte each)."""
    head = _VARINT[ps[0]] if ps[0] < 1 << 14 else _uvarint(ps[0])
    if len(ps) == 1:
        return head
    gaps = list(map(operator.sub, ps[1:], ps))
    return head + (bytes(gaps) if max(gaps) < 0x80 else b"".join(map(_uvarint, gaps)))


def _ids(ids: list[int]) -> bytes:
    """Ascending document ids as varints of their differences (the first from 0)."""
    gaps = [ids[0], *map(operator.sub, ids[1:], ids)]
    return bytes(gaps) if max(gaps) < 0x80 else b"".join(map(_uvarint, gaps))


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over the UTF-8 bytes: the shard of a gram is ``fnv1a(gram) % shards``."""
    h = 0x811C9DC5
    for b in key.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


_Field = tuple[dict[str, int], dict[str, list[int]], dict[str, list[int]]]


def _field(atoms: list[str]) -> _Field:
    """The grams of one field (title or text) of one document.

    Returns (occurrences of each CJK unigram, positions of each bigram / word / word prefix,
    positions of the unigrams that stand next to a word). Unigram positions are needed only when a
    query term has a CJK character alone between words (“3号”, “第3章”): a run of two or more CJK
    characters is checked with bigrams, and a term that is one character is a postings lookup. So
    only those few are kept, which halves the position files. The hot paths (counting, pairing)
    run in C: this is most of the indexing time.
    """
    uni: dict[str, int] = Counter(atoms)
    pairs = list(map(operator.add, atoms, atoms[1:]))
    near: dict[str, list[int]] = {}
    words: list[int] = []
    if atoms and min(atoms) < _WORD_END:  # any word at all? (rare in Chinese text: one C call to know)
        words = [i for i, a in enumerate(atoms) if a < _WORD_END]
        last = len(atoms) - 1
        beside: set[int] = set()
        for i in words:
            uni.pop(atoms[i], None)
            if i > 0:
                pairs[i - 1] = ""  # a word and its neighbour are not a bigram
                beside.add(i - 1)
            if i < last:
                pairs[i] = ""
                beside.add(i + 1)
        for i in sorted(beside):
            if atoms[i] > _WORD_END:
                near.setdefault(atoms[i], []).append(i)
    pos: dict[str, list[int]] = {}
    get = pos.get
    for i, pair in enumerate(pairs):
        lst = get(pair)
        if lst is None:
            pos[pair] = [i]
        else:
            lst.append(i)
    pos.pop("", None)
    for i in words:
        word = atoms[i]
        for key in (word, *(word[:k] + PREFIX_MARK for k in range(2, min(len(word), MAX_PREFIX) + 1))):
            pos.setdefault(key, []).append(i)
    return uni, pos, near


class _Gram:
    """One gram's postings (document ids, weights) and positions, filled in document id order."""

    __slots__ = ("docs", "pdocs", "positions", "weights")

    def __init__(self) -> None:
        self.docs: list[int] = []
        self.weights = bytearray()
        # Documents with positions: the same as ``docs`` except for unigrams (only those next to a word).
        self.pdocs: list[int] | None = None
        self.positions = bytearray()


def _sort_docs(docs: Iterable[SearchDoc]) -> list[SearchDoc]:
    ordered = sorted(docs, key=lambda d: d.url)
    for d in ordered:
        if d.url.startswith("/"):  # the client prefixes the site root: "/x/" would become "/zwgk//x/"
            raise ValueError(f"站内搜索索引的网址应相对于网站根目录、不以“/”开头：{d.url}")
    for a, b in itertools.pairwise(ordered):
        if a.url == b.url:
            raise ValueError(f"站内搜索索引中有两个页面的网址相同：{a.url}（“{a.title}”和“{b.title}”）")
    # Result order on equal scores is document id order: newest first, then by url.
    ordered.sort(key=lambda d: d.date, reverse=True)
    return ordered


def _shard_count(postings: int) -> int:
    return max(1, min(MAX_SHARDS, -(-postings // POSTINGS_PER_SHARD)))


def _shard_files(name: str, records: list[tuple[bytes, bytes]]) -> list[tuple[str, bytes]]:
    """The files of one shard: ``<name>.bin`` with (key length, UTF-8 key, body length, body)
    records sorted by key, and ``<name>-<k>.bin`` for each gram whose body is larger than OWN_FILE.

    A large gram (one in many documents) gets a file of its own, and a stub in the shard (body = 0,
    k): a query then downloads that gram's data and not also every other large gram that happens
    to share its shard. Costs a second request for those grams only.
    """
    shard = bytearray()
    files: list[tuple[str, bytes]] = []
    for key, body in sorted(records):
        if len(body) > OWN_FILE:
            files.append((f"{name}-{len(files)}.bin", body))
            body = b"\0" + _uvarint(len(files) - 1)  # a real body starts with its document count (≥ 1)
        shard += _uvarint(len(key)) + key + _uvarint(len(body)) + body
    return [(f"{name}.bin", bytes(shard)), *files]


def _prepare(out: Path) -> None:
    """Empty ``out``; refuse to delete a folder that is not a search bundle (a mistyped path)."""
    if out.is_file() or out.is_symlink():
        raise ValueError(f"站内搜索索引的输出位置 {out} 不是文件夹")
    if out.is_dir() and any(out.iterdir()) and not (out / "meta.json").is_file() and not (out / CLIENT).is_file():
        raise ValueError(f"站内搜索索引的输出文件夹 {out} 中已有其他文件，为避免误删，请换一个位置或先清空它")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)


def client_js() -> bytes:
    return resources.files("zwgk").joinpath("data/search", CLIENT).read_bytes()


def _compact(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_index(docs: Iterable[SearchDoc], out: Path, *, shards: int | None = None) -> IndexStats:
    """Write the search bundle for ``docs`` into ``out`` (emptied first); same docs → same bytes.

    ``shards`` overrides the shard count chosen from the number of postings (tests use it to
    spread a small index over several files). Raises ValueError (Chinese message) for two
    documents with the same url.
    """
    ordered = _sort_docs(docs)
    grams: dict[str, _Gram] = {}
    postings = 0
    var = _VARINT
    one = b"\2"  # header of one text occurrence and none in the title
    get = grams.get
    # The loop below runs once per (gram, document), ~450 times per item page: kept flat, with the
    # common cases (gram not in the title, a few occurrences) on the shortest path.
    for doc_id, doc in enumerate(ordered):
        t_uni, t_pos, t_near = _field(tokens(doc.title))
        x_uni, x_pos, x_near = _field(tokens(doc.text))
        for key in t_uni.keys() - x_uni.keys():
            x_uni[key] = 0
        for key in t_pos.keys() - x_pos.keys():
            x_pos[key] = []
        postings += len(x_uni) + len(x_pos)
        near = bool(x_near or t_near)
        for key, nx in x_uni.items():
            gram = get(key)
            if gram is None:
                gram = grams[key] = _Gram()
                gram.pdocs = []
            gram.docs.append(doc_id)
            nt = t_uni.get(key, 0)
            gram.weights.append((IN_TITLE if nt else 0) | (nx if nx < TF_CAP else TF_CAP))
            if near and (key in x_near or key in t_near):
                assert gram.pdocs is not None
                gram.pdocs.append(doc_id)
                near_t, near_x = t_near.get(key, []), x_near.get(key, [])
                head = len(near_x) * 2
                gram.positions += _uvarint(head + 1) + _uvarint(len(near_t)) if near_t else _uvarint(head)
                if near_t:
                    gram.positions += _positions(near_t)
                if near_x:
                    gram.positions += _positions(near_x)
        t_get = t_pos.get
        for key, xs in x_pos.items():
            gram = get(key)
            if gram is None:
                gram = grams[key] = _Gram()
            gram.docs.append(doc_id)
            nx = len(xs)
            ts = t_get(key)
            if ts is None:
                gram.weights.append(nx if nx < TF_CAP else TF_CAP)
                if nx == 1 and xs[0] < 1 << 14:
                    gram.positions += one + var[xs[0]]  # one occurrence in the text (the commonest case)
                else:
                    gram.positions += _uvarint(nx * 2) + _positions(xs)
            else:
                gram.weights.append(IN_TITLE | (nx if nx < TF_CAP else TF_CAP))
                gram.positions += _uvarint(nx * 2 + 1) + _uvarint(len(ts)) + _positions(ts)
                if xs:
                    gram.positions += _positions(xs)

    count = shards if shards is not None else _shard_count(postings)
    if count < 1:
        raise ValueError("站内搜索索引的分片数必须是正整数")
    post_shards: list[list[tuple[bytes, bytes]]] = [[] for _ in range(count)]
    pos_shards: list[list[tuple[bytes, bytes]]] = [[] for _ in range(count)]
    for key, gram in grams.items():
        raw = key.encode("utf-8")
        n = fnv1a(key) % count
        post_shards[n].append((raw, _uvarint(len(gram.docs)) + _ids(gram.docs) + gram.weights))
        pdocs = gram.docs if gram.pdocs is None else gram.pdocs
        if pdocs:
            pos_shards[n].append((raw, _uvarint(len(pdocs)) + _ids(pdocs) + gram.positions))
    n_grams = len(grams)
    grams.clear()  # the encoded records are all that is still needed

    _prepare(out)
    written = 0
    files = 0
    tag = hashlib.sha256()

    def put(rel: str, data: bytes) -> None:
        nonlocal written, files
        (out / rel).write_bytes(data)
        tag.update(rel.encode() + b"\0" + data)
        written += len(data)
        files += 1

    for folder in ("i", "p", "d"):
        (out / folder).mkdir()
    for doc_id, doc in enumerate(ordered):
        put(f"d/{doc_id}.json", _compact({"url": doc.url, "title": doc.title, "column": doc.column,
                                          "date": doc.date, "text": doc.text}))
    for kind, shard_records in (("i", post_shards), ("p", pos_shards)):
        for n, records in enumerate(shard_records):
            for name, data in _shard_files(f"{kind}/{n}", records):
                put(name, data)
    put(CLIENT, client_js())
    filters: dict[str, dict[str, object]] = {}
    for name in ("column", "year"):
        values = sorted({getattr(d, name) for d in ordered})
        index = {v: i for i, v in enumerate(values)}
        ids = [index[getattr(d, name)] for d in ordered]
        # One character per document while there are at most 64 values (always, for columns and years).
        per_doc: object = "".join(ALPHABET[i] for i in ids) if len(values) <= len(ALPHABET) else ids
        filters[name] = {"values": list(values), "docs": per_doc}
    meta = {"format": FORMAT, "tag": tag.hexdigest()[:16], "docs": len(ordered), "shards": count,
            "prefix": MAX_PREFIX, "filters": filters}
    put("meta.json", _compact(meta))  # last: a bundle without meta.json is never half-read
    return IndexStats(docs=len(ordered), grams=n_grams, postings=postings,
                      files=files, bytes=written)
