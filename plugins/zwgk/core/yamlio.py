"""YAML reading that never raises on bad input: problems become findings with a line number.

Every YAML file zwgk reads from a repository (front matter, review records, columns.yml,
calendars, registers) goes through :func:`parse_yaml`, which is *hardened* (issue 13 §2): the
text is written by anyone who can open a pull request, so it is refused — with a Chinese finding
naming file, line and field — when it uses

* anchors/aliases (``&a`` … ``*a``): a 430-byte "billion laughs" expands to gigabytes, and a
  self-referencing alias loops forever. An alias makes the composer hand back the *same* node
  again, so "a node visited twice" catches every alias whatever its shape;
* merge keys ``<<`` and explicit tags other than YAML's core scalars (``!!binary``, ``!!set``,
  ``!!python/…``, ``!foo``): nothing we read needs them, and each is another way to build
  values the schema never sees;
* a key twice in one mapping — also when two spellings mean the same key (``1``/``0x1``,
  ``true``/``True``): YAML silently keeps the last, so the reviewer sees one value, the site another;
* control characters (C0 except tab and newline, DEL, C1), bidirectional overrides, lone
  surrogates and non-characters in any *parsed* string, including ones produced by escapes
  such as ``"\\x1b"`` inside double quotes: they end up in HTML, CSV and the search index;
* strings over :data:`MAX_STRING`, documents over ``max_bytes``, nesting deeper than
  :data:`MAX_DEPTH`, or anything that exhausts the recursion limit.

The work is bounded by the input: each node is visited once (a second visit is refused), and the
walk stops at depth :data:`MAX_DEPTH`, so the bomb costs as much as its 430 bytes.
libyaml (C) does the parsing because it is ~10x faster than pure Python at 10,000 items.

``core/tujie/spec.py`` walks composed nodes too (``_convert``), under a different policy, and the
two are kept apart on purpose (issue 19 item 3 asked for one walker; sharing one was weighed):

* output: this walker *constructs* values (``1`` → int, ``2026-03-10`` → date, ``yes`` → True)
  for the schema, and lines matter only for a refusal; the 图解 keeps every scalar as the text
  typed (``yes``, ``1.10`` and ``12:30`` must reach the picture as written) and needs the line of
  every node and key afterwards, because its findings are made by the validator, after the walk;
* duplicate keys: here two spellings of one *value* (``1``/``0x1``, ``true``/``True``) collide and
  both lines are named; there the raw text is the key (the field names are fixed words);
* aliases, tags, merge keys: refused here (node seen twice); there an alias is allowed within a
  node budget (``_MAX_NODES``, depth ``_MAX_DEPTH``) and tags other than null are ignored (the
  text is kept, a ``<<`` is just an unknown key), each with the 图解's own Chinese messages and rule ids;
* cost: this is the hot path (~800,000 nodes at 10,000 items, inline fast path, ``type is``);
  a walker generic over output, key equality and alias policy would add a call per node here
  and change messages there, for ~25 shared lines of recursion.

Shared between the two: the refused characters (:func:`bad_character`), so a control or bidi
character typed through an escape (``"\\x1b"``) reaches neither a page nor a 图解.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from . import repofiles
from .cachestore import CacheStore
from .findings import Finding, finding

# libyaml is ~10x faster than the pure-Python loader; it matters at 10,000 items.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits. A front matter of 64 KiB is ~300 times a real one (the longest in the demo is ~1 KiB);
# no value we read is anywhere near 20,000 characters (summaries are capped at 100 by the schema,
# titles at 200); no file nests deeper than 4 (attachments, opinions tables, calendar entries).
MAX_FRONT_MATTER = 64 * 1024  # bytes (UTF-8)
MAX_DOCUMENT = 8 * 1024 * 1024  # bytes: any other YAML file (registers grow by a few KiB a year)
MAX_STRING = 20_000  # characters in one value
MAX_DEPTH = 20  # nested mappings/sequences
# Bump when a check changes: the parse cache then stops returning values that passed the old ones.
HARDENING_VERSION = "1"

# Nodes visited per parse, for tests that bound the work done on pathological input.
YAML_STATS: Counter[str] = Counter()

_T = "tag:yaml.org,2002:"
_BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_SCALAR_TAGS = frozenset(_T + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
# C0 except tab/newline, DEL, C1, bidi embeddings/overrides/isolates, lone surrogates, U+FFFE/FFFF.
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_CHAR_NAMES = {"\x00": "空字符", "\x1b": "ESC 转义符", "\r": "回车符（CR）", "\x7f": "DEL 删除符"}


class _Refused(Exception):
    def __init__(self, message: str, hint: str, node: yaml.Node | None, field: str | None) -> None:
        super().__init__(message)
        self.message, self.hint, self.field = message, hint, field
        self.line = node.start_mark.line + 1 if node is not None and node.start_mark is not None else None


def _describe(ch: str) -> str:
    name = _CHAR_NAMES.get(ch)
    if name is None:
        cp = ord(ch)
        name = ("控制字符" if cp < 0xA0 else "双向文字控制符" if 0x202A <= cp <= 0x2069
                else "代理码元" if 0xD800 <= cp <= 0xDFFF else "非字符")
    return f"{name} U+{ord(ch):04X}"


def bad_character(text: str) -> tuple[int, str] | None:
    """The first character no published text may hold (control, bidi override, lone surrogate,
    noncharacter): ``(1-based position, Chinese name)``, or None. Shared with the 图解 reader."""
    bad = _BAD_CHAR.search(text)
    return None if bad is None else (bad.start() + 1, _describe(bad.group()))


def _check_string(text: str, node: yaml.Node, chain: str) -> None:
    if len(text) > MAX_STRING:
        raise _Refused(f"值过长（{len(text)} 字，上限 {MAX_STRING} 字）",
                       "信息字段只写简短的值，长文字写在正文里", node, chain or None)
    bad = _BAD_CHAR.search(text)
    if bad is not None:
        raise _Refused(f"值中含有不可见的{_describe(bad.group())}（第 {bad.start() + 1} 个字符）",
                       "删除该字符后重新输入这段文字（常见于从网页、PDF 或 Word 复制粘贴），"
                       "不要使用 \\x、\\u 等转义写法", node, chain or None)


_STR, _MAP, _SEQ, _MERGE = _T + "str", _T + "map", _T + "seq", _T + "merge"


class _Walker:
    """Node graph → Python values, refusing what the module docstring lists.

    Written for speed (it runs on ~20,000 documents at 10,000 items): plain strings — most
    values — take the inline path; the character check runs on every string only when the
    document contains a suspicious character at all, and otherwise only on double-quoted
    strings, the only place an escape can create one (libyaml itself refuses raw C0, DEL, C1)."""

    def __init__(self, text: str, line_offset: int = 0) -> None:
        self.line_offset = line_offset  # for line numbers inside messages (front matter starts on line 2)
        self.seen: set[int] = set()
        self.check_all = _BAD_CHAR.search(text) is not None
        self.fallback = yaml.constructor.SafeConstructor()

    def value(self, node: yaml.Node, depth: int, chain: str, at: yaml.Node | None = None) -> Any:
        """``at``: the key or sequence that holds ``node`` — an alias hands back the anchored node,
        whose own position is the anchor's, so the finding names where the alias was used."""
        seen = self.seen
        if id(node) in seen:
            raise _Refused("使用了锚点/别名（& 和 *）", "删除 & 和 * 标记，把内容逐项写出", at or node, chain or None)
        seen.add(id(node))
        if type(node) is yaml.ScalarNode:  # `type is`, not isinstance: this runs ~800,000 times at 10,000 items
            value = node.value
            if node.tag == _STR and len(value) <= MAX_STRING and not (self.check_all or node.style == '"'):
                return value
            return self.scalar(node, chain)
        if depth >= MAX_DEPTH:
            raise _Refused(f"嵌套层次超过 {MAX_DEPTH} 层", "按模板逐项写出字段，不要层层嵌套", node, chain or None)
        if type(node) is yaml.MappingNode and node.tag == _MAP:
            return self.mapping(node, depth, chain)
        if type(node) is yaml.SequenceNode and node.tag == _SEQ:
            return [self.value(x, depth + 1, f"{chain}[{i}]", node) for i, x in enumerate(node.value)]
        raise self.tag_refused(node, chain)

    @staticmethod
    def tag_refused(node: yaml.Node, chain: str) -> _Refused:
        if node.tag == _MERGE:
            return _Refused("使用了合并键 <<", "删除 << 这一行，把要合并的字段逐项写出", node, chain or None)
        return _Refused(f"使用了不支持的类型标记 {str(node.tag)[:40]}",
                        "删除以 ! 开头的类型标记；需要文字时用引号括起来", node, chain or None)

    def scalar(self, node: yaml.ScalarNode, chain: str) -> Any:
        tag, value = node.tag, node.value
        if tag not in _SCALAR_TAGS:
            raise self.tag_refused(node, chain)
        _check_string(value, node, chain)  # the parsed text: also bounds the work below
        try:
            if tag == _STR:
                return value
            if tag == _T + "int" and value.isdigit():
                return int(value)
            if tag == _T + "timestamp" and len(value) == 10:
                return dt.date.fromisoformat(value)
            if tag == _T + "null":
                return None
            if tag == _T + "bool":
                return _BOOLS[value.lower()]
            return self.fallback.construct_object(node, deep=True)
        except Exception:  # e.g. 2026-02-30 or `!!int abc`: keep the text, the schema reports it
            return value

    def mapping(self, node: yaml.MappingNode, depth: int, chain: str) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, yaml.Node] = {}  # key → its first key node (line and spelling for a duplicate)
        for k, v in node.value:
            if type(k) is not yaml.ScalarNode:
                raise _Refused("字段名不是简单文字（使用了 ? 复杂键）", "字段名写成“字段名: 值”", k, chain or None)
            key = self.value(k, depth + 1, chain)
            field = f"{chain}.{key}" if chain else str(key)
            if key in out:
                self.duplicate(first[key], k, field)
            first[key] = k
            out[key] = self.value(v, depth + 1, field, k)
        return out

    def duplicate(self, a: yaml.Node, b: yaml.Node, field: str) -> None:
        la, lb = a.start_mark.line + 1 + self.line_offset, b.start_mark.line + 1 + self.line_offset
        same = a.value[:50] if a.value == b.value else f"{a.value[:50]}”和“{b.value[:50]}"
        raise _Refused(f"字段“{same}”重复（第 {la} 行和第 {lb} 行，YAML 只会保留后一个）",
                       "删除其中一个；注意 1 与 0x1、true 与 True 等不同写法表示同一个字段名", b, field)


class ParseCache:
    """Results keyed by a digest of their input, kept between runs (YAML parses, Markdown scans).

    10,000 items mean ~20,000 YAML documents (front matter + review records); parsing them is
    most of ``zwgk check``. Unchanged text is looked up instead. Backed by one bulk
    :class:`CacheStore` file (signed JSON outside the repository); ``data`` holds what was read,
    ``used`` what this run used — only those are written back.
    """

    VERSION = f"parse-1/{HARDENING_VERSION}"

    def __init__(self, store: CacheStore | None) -> None:
        self.store = store
        self.data: dict[bytes, Any] = {}
        self.used: dict[bytes, Any] = {}
        if store is not None:
            try:
                self.data = {bytes.fromhex(k): v for k, v in store.loaded().items()}
            except ValueError:  # our own files only hold hex keys; a miss regardless
                self.data = {}

    @classmethod
    def for_repo(cls, root: Path, name: str = "yaml") -> ParseCache:
        return cls(CacheStore.for_repo(root, name, cls.VERSION))

    def save(self) -> None:
        if self.store is None or self.used.keys() == self.data.keys():
            return
        self.store.keep({k.hex(): v for k, v in self.used.items()})
        self.store.save()


_cache: ParseCache | None = None


@contextlib.contextmanager
def parse_cache(root: Path | None) -> Iterator[None]:
    """Use (and afterwards save) the persistent parse cache of repository ``root`` during a load."""
    global _cache
    previous, _cache = _cache, ParseCache.for_repo(root) if root is not None else ParseCache(None)
    try:
        yield
        _cache.save()
    finally:
        _cache = previous


# A key typed with Chinese punctuation: ``title：…`` (full-width colon) or indented with a full-width space.
# YAML reads the first as part of a text and fails a line or more later with a parser message; a clerk
# typing with a Chinese input method needs the line and the character instead.
_FULLWIDTH_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*([：﹕︰])")
_FULLWIDTH_INDENT = re.compile(r"^[ \t]*\u3000")
_FULLWIDTH_CHARS = "：﹕︰\u3000"


def fullwidth_typo(text: str, *, top_level_only: bool = False) -> tuple[int, str, str] | None:
    """The first line (1-based) where a key is followed by a full-width colon or the line starts with a
    full-width space: ``(line, message, hint)``. ``top_level_only``: skip lines indented with ASCII
    spaces, for text that parsed (such a line may be inside a block of free text)."""
    if not any(ch in text for ch in _FULLWIDTH_CHARS):
        return None  # every front matter is checked: four substring searches spare 10,000 regex loops
    for n, line in enumerate(text.splitlines(), 1):
        if top_level_only and line[:1] in (" ", "\t"):
            continue
        m = _FULLWIDTH_KEY.match(line)
        if m:
            return (n, f"“{m[1]}{m[2]}”用了全角冒号（中文冒号），YAML 不能识别这个字段",
                    f"把全角冒号改成半角冒号再加一个空格，写成 {m[1]}: …（切换到英文输入法输入冒号）")
        if _FULLWIDTH_INDENT.match(line):
            return (n, "行首有全角空格（中文空格），YAML 不能识别",
                    "删除行首的全角空格，缩进只用半角空格（切换到英文输入法，或用空格键输入半角空格）")
    return None


def parse_yaml(text: str, path: str, *, rule: str = "yaml.invalid", line_offset: int = 0,
               max_bytes: int = MAX_DOCUMENT) -> tuple[Any, list[Finding]]:
    """Parse one YAML document; return ``(None, [finding])`` when it is malformed or refused."""
    size = len(text) if len(text) * 4 <= max_bytes else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        return None, [finding(rule, path, f"YAML 内容过大（{size // 1024} KiB，上限 {max_bytes // 1024} KiB）",
                              "信息字段只写简短的值，长文字写在正文里；拆分过大的登记文件", line=1 + line_offset)]
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest() if _cache is not None else b""
    if _cache is not None and key in _cache.data:
        # Parsed values are shared, not copied: the domain treats them as read-only.
        _cache.used[key] = value = _cache.data[key]
        return value, []
    try:
        node = yaml.compose(text, Loader=_Loader)
        walker = _Walker(text, line_offset)
        try:
            value = None if node is None else walker.value(node, 0, "")
        finally:
            YAML_STATS["nodes"] += len(walker.seen)
    except _Refused as exc:
        line = exc.line + line_offset if exc.line is not None else None
        return None, [finding(rule, path, f"YAML 写法不允许：{exc.message}", exc.hint, field=exc.field, line=line)]
    except RecursionError:
        return None, [finding(rule, path, "YAML 嵌套层次过深", "按模板逐项写出字段，不要层层嵌套", line=1 + line_offset)]
    except yaml.YAMLError as exc:
        typo = fullwidth_typo(text)
        if typo is not None:  # the parser's message (and line) would point past the real mistake
            n, message, hint = typo
            return None, [finding(rule, path, message, hint, line=n + line_offset)]
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
    if _cache is not None:
        _cache.used[key] = value
    return value, []


def read_text(abs_path: str | Path, rel_path: str) -> tuple[str | None, list[Finding]]:
    """Read a UTF-8 text file (a BOM is tolerated); other encodings become a finding, not a crash.

    ``abs_path`` may be a plain string: the loader reads 20,000 files and building a Path for each
    was a tenth of its time."""
    try:
        raw = repofiles.read_bytes(abs_path)  # regular files only: a link to /dev/zero is refused
    except OSError as exc:
        return None, [finding("file.unreadable", rel_path, f"无法读取文件（{exc.strerror}）", "确认文件存在且有读取权限")]
    try:
        # What "utf-8-sig" does (one leading BOM dropped), through the C decoder: the utf-8-sig codec
        # is Python code, a cost on each of 20,000 files.
        text = (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw).decode("utf-8")
    except UnicodeDecodeError:
        # Windows Notepad's "Unicode" is UTF-16 with a byte-order mark; anything else is most likely GBK.
        guess = "UTF-16（记事本中的“Unicode”）" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "GBK/GB2312"
        return None, [
            finding(
                "file.encoding", rel_path,
                f"文件不是 UTF-8 编码（可能是 {guess}）",
                "用编辑器“另存为”UTF-8 编码后重新提交，例如在记事本中选择“编码：UTF-8”",
            )
        ]
    return text.replace("\r\n", "\n"), []


def load_yaml_file(abs_path: str | Path, rel_path: str, *, rule: str = "yaml.invalid") -> tuple[Any, list[Finding]]:
    text, problems = read_text(abs_path, rel_path)
    if text is None:
        return None, problems
    return parse_yaml(text, rel_path, rule=rule)
