"""Load and validate ``tujie.yml``: the structured source of a 图解 (一图读懂).

Design choices (why):

* We walk PyYAML's *node* tree instead of ``safe_load``'s Python objects.  Every scalar is
  kept as the exact text the clerk typed, so YAML 1.1 surprises never reach the picture
  (``yes`` → True, ``12:30`` → 750, ``1.10`` → 1.1, unquoted dates → ``datetime.date`` that
  *raise* on 2026-02-30).  Nodes also carry line numbers for the findings.
* ``_convert`` is a second node walker next to ``core/yamlio._Walker``, on purpose: that one
  constructs typed values and refuses anchors/aliases, tags and merge keys (hardening for every
  repository YAML); this one keeps text and lines, accepts aliases within ``_MAX_NODES`` nodes
  and depth ``_MAX_DEPTH``, and compares duplicate keys by their text.  The yamlio docstring
  lists the differences and why one generic walker was not worth it.
* Every problem becomes a :class:`Finding` naming the place (a field chain such as
  ``blocks[2] -> rows[0] -> new``) and the fix, in Chinese.  Bad input never raises.
* Validation keeps going after the first error so a clerk sees all problems in one build.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Literal

import yaml

from zwgk.core.findings import Finding, finding
from zwgk.core.suggest import closest
from zwgk.core.yamlio import bad_character

# ---------------------------------------------------------------------------------------------
# The model

ThemeName = Literal["red", "blue"]


@dataclass(frozen=True)
class Figure:
    value: str
    unit: str
    label: str


@dataclass(frozen=True)
class Step:
    title: str
    text: str


@dataclass(frozen=True)
class CompareRow:
    aspect: str
    old: str
    new: str


@dataclass(frozen=True)
class QAItem:
    q: str
    a: str


@dataclass(frozen=True)
class FiguresBlock:
    heading: str
    items: tuple[Figure, ...]
    type: Literal["figures"] = "figures"


@dataclass(frozen=True)
class StepsBlock:
    heading: str
    steps: tuple[Step, ...]
    type: Literal["steps"] = "steps"


@dataclass(frozen=True)
class CompareBlock:
    heading: str
    rows: tuple[CompareRow, ...]
    type: Literal["compare"] = "compare"


@dataclass(frozen=True)
class MeasuresBlock:
    heading: str
    items: tuple[str, ...]
    type: Literal["measures"] = "measures"


@dataclass(frozen=True)
class QABlock:
    heading: str
    items: tuple[QAItem, ...]
    type: Literal["qa"] = "qa"


@dataclass(frozen=True)
class TextBlock:
    heading: str
    text: str
    type: Literal["text"] = "text"


Block = FiguresBlock | StepsBlock | CompareBlock | MeasuresBlock | QABlock | TextBlock


@dataclass(frozen=True)
class Footer:
    office: str
    date: dt.date

    @property
    def date_text(self) -> str:
        """The date as printed on the image: 2026年3月10日 (no zero padding, as in official documents)."""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"


@dataclass(frozen=True)
class TujieSpec:
    title: str
    subtitle: str | None
    theme: ThemeName
    blocks: tuple[Block, ...]
    footer: Footer

    def to_canonical_json(self) -> str:
        """Stable serialisation (sorted keys, no whitespace) used for the render cache key."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          default=_json_default)

    def iter_texts(self) -> Iterator[tuple[str, str]]:
        """Every piece of text drawn on the image, with the field chain it came from."""
        yield "title", self.title
        if self.subtitle:
            yield "subtitle", self.subtitle
        for i, block in enumerate(self.blocks):
            base = f"blocks[{i}]"
            yield f"{base} -> heading", block.heading
            if isinstance(block, FiguresBlock):
                for j, fig in enumerate(block.items):
                    yield f"{base} -> items[{j}] -> value", fig.value
                    if fig.unit:
                        yield f"{base} -> items[{j}] -> unit", fig.unit
                    yield f"{base} -> items[{j}] -> label", fig.label
            elif isinstance(block, StepsBlock):
                for j, step in enumerate(block.steps):
                    yield f"{base} -> steps[{j}] -> title", step.title
                    if step.text:
                        yield f"{base} -> steps[{j}] -> text", step.text
            elif isinstance(block, CompareBlock):
                for j, row in enumerate(block.rows):
                    yield f"{base} -> rows[{j}] -> aspect", row.aspect
                    yield f"{base} -> rows[{j}] -> old", row.old
                    yield f"{base} -> rows[{j}] -> new", row.new
            elif isinstance(block, MeasuresBlock):
                for j, item in enumerate(block.items):
                    yield f"{base} -> items[{j}]", item
            elif isinstance(block, QABlock):
                for j, qa in enumerate(block.items):
                    yield f"{base} -> items[{j}] -> q", qa.q
                    yield f"{base} -> items[{j}] -> a", qa.a
            else:
                yield f"{base} -> text", block.text
        yield "footer -> office", self.footer.office
        yield "footer -> date", self.footer.date_text


def _json_default(obj: object) -> str:
    if isinstance(obj, dt.date):
        return obj.isoformat()
    raise TypeError(f"not serialisable: {type(obj).__name__}")


# ---------------------------------------------------------------------------------------------
# Vocabulary shared by validation messages, docs and the HTML twin

BLOCK_TYPES: dict[str, str] = {
    "figures": "数字",
    "steps": "办理流程",
    "compare": "新旧对比",
    "measures": "惠民举措",
    "qa": "政策问答",
    "text": "段落",
}

THEMES: dict[str, ThemeName] = {"red": "red", "政务红": "red", "blue": "blue", "政务蓝": "blue"}

# Labels of every key, for messages a clerk understands.
_LABELS: dict[str, str] = {
    "title": "标题",
    "subtitle": "副标题",
    "theme": "配色",
    "blocks": "版块列表",
    "footer": "落款",
    "office": "发布单位",
    "date": "发布日期",
    "type": "版块类型",
    "heading": "版块标题",
    "items": "条目列表",
    "steps": "步骤列表",
    "rows": "对比行列表",
    "text": "文字",
    "value": "数字",
    "unit": "单位",
    "label": "说明",
    "aspect": "对比项目",
    "old": "原政策",
    "new": "新政策",
    "q": "问题",
    "a": "回答",
}

# Limits keep the picture readable on a phone; the numbers are generous on purpose.
_MAX_LEN: dict[str, int] = {
    "title": 60, "subtitle": 80, "heading": 30, "office": 40,
    "value": 8, "unit": 4, "label": 40,
    "step.title": 30, "step.text": 200,
    "aspect": 20, "old": 200, "new": 200,
    "measure": 150, "q": 100, "a": 400, "text": 1000,
}

_TOP_KEYS = ("title", "subtitle", "theme", "blocks", "footer")
_FOOTER_KEYS = ("office", "date")
_BLOCK_KEYS: dict[str, tuple[str, ...]] = {
    "figures": ("type", "heading", "items"),
    "steps": ("type", "heading", "steps"),
    "compare": ("type", "heading", "rows"),
    "measures": ("type", "heading", "items"),
    "qa": ("type", "heading", "items"),
    "text": ("type", "heading", "text"),
}
_COUNTS: dict[str, tuple[int, int]] = {
    "blocks": (1, 12), "figures": (2, 6), "steps": (2, 10), "compare": (1, 12),
    "measures": (1, 12), "qa": (1, 12),
}
# What one entry of each list is called, for "或删除这一行".
_UNIT_OF_LIST = {"blocks": "版块", "rows": "行", "steps": "步", "items": "项"}

# Guards against YAML alias bombs and self-referencing anchors (a clerk would never write
# these, but a build must not hang or overflow the stack on them).
_MAX_NODES = 20_000
_MAX_DEPTH = 40


# ---------------------------------------------------------------------------------------------
# YAML → nodes with line numbers


class _Loader(yaml.SafeLoader):
    """SafeLoader that does not turn ``2026-03-10`` into a date (we parse dates ourselves,
    so that 2026-02-30 is a finding rather than a ValueError deep inside PyYAML)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class _Node:
    kind: Literal["map", "seq", "scalar", "null"]
    line: int
    mapping: dict[str, tuple[_Node, int]]  # key → (value node, line of the key)
    items: list[_Node]
    text: str


class _TooComplex(Exception):
    pass


class _BadCharacter(Exception):
    def __init__(self, chain: str, line: int, position: int, name: str) -> None:
        super().__init__(name)
        self.chain, self.line, self.position, self.name = chain, line, position, name


class _DuplicateKey(Exception):
    def __init__(self, chain: str, key: str, line: int) -> None:
        super().__init__(key)
        self.chain = chain
        self.key = key
        self.line = line


def _convert(node: yaml.Node, depth: int, budget: list[int], chain: tuple[str, ...] = ()) -> _Node:
    budget[0] -= 1
    if budget[0] < 0 or depth > _MAX_DEPTH:
        raise _TooComplex
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, tuple[_Node, int]] = {}
        for key_node, value_node in node.value:
            # A list or mapping used as a key: name it recognisably for the typo report.
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "<复杂键>"
            if key in out:
                raise _DuplicateKey(_chain(*chain, key), key, key_node.start_mark.line + 1)
            out[key] = (_convert(value_node, depth + 1, budget, (*chain, key)), key_node.start_mark.line + 1)
        return _Node("map", line, out, [], "")
    if isinstance(node, yaml.SequenceNode):
        base = chain[-1] if chain else ""
        return _Node("seq", line, {}, [_convert(n, depth + 1, budget, (*chain[:-1], f"{base}[{i}]"))
                                       for i, n in enumerate(node.value)], "")
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null":
            return _Node("null", line, {}, [], "")
        text = str(node.value)
        bad = bad_character(text)
        if bad is not None:
            # An escape ("\\x1b", "\\u202e") creates what libyaml refuses raw: the same refusal
            # as every other YAML the site publishes from (core/yamlio.py).
            raise _BadCharacter(_chain(*chain), line, *bad)
        return _Node("scalar", line, {}, [], text)
    raise _TooComplex  # pragma: no cover - PyYAML has only the three node kinds


# ---------------------------------------------------------------------------------------------
# Validation


def _chain(*parts: str) -> str:
    return " -> ".join(p for p in parts if p)


_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")


def _label(chain: str) -> str:
    """The Chinese name of the field at the end of ``chain`` (context-aware: a step's
    ``title`` is its 步骤名称, a text block's ``text`` its 段落内容)."""
    parts = chain.split(" -> ")
    leaf = parts[-1]
    if _INDEXED.match(leaf):
        return "这一条"
    parent = parts[-2] if len(parts) > 1 else ""
    if parent.startswith("steps["):
        return {"title": "步骤名称", "text": "步骤说明"}.get(leaf, _LABELS.get(leaf, leaf))
    if leaf == "text" and parent.startswith("blocks["):
        return "段落内容"
    return _LABELS.get(leaf, leaf)


def _place(chain: str) -> str:
    """``blocks[2] -> rows[0] -> new`` → ``第3个版块第1行的“新政策”（new）``."""
    words: list[str] = []
    leaf = ""
    for part in chain.split(" -> "):
        m = _INDEXED.match(part)
        if m:
            name, idx = m.group(1), int(m.group(2)) + 1
            if name == "blocks":
                words.append(f"第{idx}个版块")
            elif name == "rows":
                words.append(f"第{idx}行")
            elif name == "steps":
                words.append(f"第{idx}步")
            else:
                words.append(f"第{idx}项")
        elif part in ("footer",):
            words.append("落款")
        else:
            leaf = part
    place = "".join(words)
    if leaf:
        label = _label(chain)
        place = f"{place}的“{label}”（{leaf}）" if place else f"“{label}”（{leaf}）"
    return place or "文件"


def _describe(node: _Node) -> str:
    if node.kind == "map":
        return "键值对（形如 名称: 内容）"
    if node.kind == "seq":
        return "列表（以“- ”开头的多行）"
    if node.kind == "null":
        return "空值"
    shown = node.text if len(node.text) <= 20 else node.text[:20] + "…"
    return f"文字“{shown}”"


_HINT_FOR: dict[str, str] = {
    "text": "请直接写文字，例如 heading: 办理流程；文字里有冒号、# 号等符号时，用英文引号把整段括起来",
    "seq": "请另起一行、缩进后用“- ”开头逐条列出",
    "map": "请写成“名称: 内容”的形式，并注意缩进对齐",
}
_EXPECTED_NAME = {"text": "一段文字", "seq": "列表", "map": "键值对"}


class _Validator:
    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def err(self, rule: str, chain: str, message: str, hint: str, line: int | None) -> None:
        self.findings.append(
            finding(rule, self.path, message, hint, field=chain or None, line=line)
        )

    # -- structural helpers ------------------------------------------------------------------

    def expect(self, node: _Node, kind: Literal["map", "seq"], chain: str) -> bool:
        if node.kind == kind:
            return True
        self.err("tujie.type", chain,
                 f"{_place(chain)}应为{_EXPECTED_NAME[kind]}，实际写成了{_describe(node)}。",
                 _HINT_FOR[kind], node.line)
        return False

    def keys(self, node: _Node, chain: str, allowed: tuple[str, ...], context: str,
             elsewhere: dict[str, str] | None = None) -> None:
        for key, (_, key_line) in node.mapping.items():
            if key in allowed:
                continue
            close = closest(key, allowed)
            hint_parts: list[str] = []
            if elsewhere and key in elsewhere:
                hint_parts.append(elsewhere[key])
            elif close:
                hint_parts.append(f"是不是想写“{close}”？")
            hint_parts.append(f"{context}可用的字段：{'、'.join(allowed)}。拼写无误的多余字段请删除")
            where = _place(chain) if chain else "文件顶层"
            self.err("tujie.unknown_key", _chain(chain, key), f"{where}中有不认识的字段“{key}”。",
                     "".join(hint_parts), key_line)

    def required(self, node: _Node, key: str, chain: str) -> _Node | None:
        got = node.mapping.get(key)
        if got is None:
            label = _label(_chain(chain, key))
            where = _place(chain) if chain else "文件"
            self.err("tujie.required", _chain(chain, key), f"{where}缺少“{label}”（{key}）。",
                     f"请添加一行 {key}: 并填写{label}", node.line)
            return None
        return got[0]

    def text(self, node: _Node | None, chain: str, limit_key: str, *, required: bool = True,
             parent_line: int | None = None) -> str | None:
        """A text field: a scalar, stripped; None when absent/empty (reported when required)."""
        label = _label(chain)
        if node is None or node.kind == "null" or (node.kind == "scalar" and not node.text.strip()):
            if required:
                if node is None and " -> " in chain:
                    parent, leaf = chain.rsplit(" -> ", 1)
                    message = f"{_place(parent)}缺少“{label}”（{leaf}）。"
                else:
                    message = f"{_place(chain)}内容为空。"
                self.err("tujie.required", chain, message, _fill_hint(chain, label),
                         node.line if node else parent_line)
            return None
        if node.kind != "scalar":
            self.err("tujie.type", chain, f"{_place(chain)}应为一段文字，实际写成了{_describe(node)}。",
                     _HINT_FOR["text"], node.line)
            return None
        value = _normalise(node.text)
        limit = _MAX_LEN[limit_key]
        if len(value) > limit:
            self.err("tujie.too_long", chain,
                     f"{_place(chain)}有 {len(value)} 个字，超过上限 {limit} 个字，图上放不下。",
                     "请精简文字，把细节留给正文或“政策问答”版块", node.line)
            return None
        return value

    def seq(self, node: _Node | None, chain: str, count_key: str, what: str) -> list[_Node] | None:
        if node is None:
            return None
        if not self.expect(node, "seq", chain):
            return None
        lo, hi = _COUNTS[count_key]
        n = len(node.items)
        if n < lo or n > hi:
            if n < lo:
                hint = f"请至少写 {lo} 条{what}"
                if count_key == "figures":
                    hint += "；只有一个数字时，可改用 text（段落）版块"
                elif count_key == "steps":
                    hint += "；只有一步时，可改用 text（段落）版块"
            else:
                hint = f"条目太多在手机上看不清，请保留最关键的 {hi} 条以内，或拆成两个版块"
            self.err("tujie.count", chain, f"{_place(chain)}有 {n} 条{what}，需要 {lo}–{hi} 条。", hint,
                     node.line)
            if n == 0:
                return None
        return node.items[:hi] if n > hi else node.items


def _fill_hint(chain: str, label: str) -> str:
    hint = f"请填写{label}的内容"
    for part in reversed(chain.split(" -> ")):
        m = _INDEXED.match(part)
        if m:
            hint += f"，或删除这一{_UNIT_OF_LIST.get(m.group(1), '项')}"
            break
    return hint


def _normalise(text: str) -> str:
    """Normalise line endings and tabs; keep the clerk's intended line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    lines = [ln.strip() for ln in text.strip().split("\n")]
    # Collapse runs of blank lines into one paragraph break.
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out)


_DATE_RX = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _parse_date(v: _Validator, node: _Node | None, chain: str, parent_line: int) -> dt.date | None:
    raw = v.text(node, chain, "office", parent_line=parent_line)
    if raw is None:
        return None
    line = node.line if node else parent_line
    m = _DATE_RX.match(raw)
    if not m:
        v.err("tujie.date", chain, f"发布日期“{raw}”格式不对。",
              "请按“年-月-日”写成数字，例如 date: 2026-03-10", line)
        return None
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        v.err("tujie.date", chain, f"发布日期“{raw}”不是真实存在的日期：没有{month}月。",
              "请核对月份，例如 date: 2026-03-10", line)
        return None
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= last or year < 1:
        v.err("tujie.date", chain, f"发布日期“{raw}”不是真实存在的日期：{year}年{month}月只有{last}天。",
              "请核对日期，例如 date: 2026-03-10", line)
        return None
    return dt.date(year, month, day)


_ELSEWHERE: dict[str, str] = {
    "items": "“items”用于 figures（数字）、measures（惠民举措）、qa（政策问答）版块。",
    "steps": "“steps”用于 steps（办理流程）版块。",
    "rows": "“rows”用于 compare（新旧对比）版块。",
    "text": "“text”用于 text（段落）版块。",
}


def _block(v: _Validator, node: _Node, i: int) -> Block | None:
    chain = f"blocks[{i}]"
    if not v.expect(node, "map", chain):
        return None
    type_node = v.required(node, "type", chain)
    if type_node is None:
        return None
    btype = v.text(type_node, _chain(chain, "type"), "heading")
    if btype is None:
        return None
    if btype not in BLOCK_TYPES:
        catalogue = "、".join(f"{k}（{name}）" for k, name in BLOCK_TYPES.items())
        by_name = {name: k for k, name in BLOCK_TYPES.items()}
        if btype in by_name:
            suggestion = f"“{btype}”版块请写成 type: {by_name[btype]}。"
        elif btype.lower().strip() in BLOCK_TYPES:
            suggestion = f"类型名要用小写：type: {btype.lower().strip()}。"
        else:
            close = closest(btype, BLOCK_TYPES)
            suggestion = f"是不是想写“{close}”？" if close else ""
        v.err("tujie.unknown_block", _chain(chain, "type"), f"第{i + 1}个版块的类型“{btype}”不存在。",
              f"{suggestion}可用的类型：{catalogue}", type_node.line)
        return None
    allowed = _BLOCK_KEYS[btype]
    v.keys(node, chain, allowed, f"{btype}（{BLOCK_TYPES[btype]}）版块",
           {k: msg for k, msg in _ELSEWHERE.items() if k not in allowed})
    heading = v.text(v.required(node, "heading", chain), _chain(chain, "heading"), "heading",
                     parent_line=node.line)

    if btype == "figures":
        figs: list[Figure] = []
        ok = True
        for j, item in enumerate(v.seq(v.required(node, "items", chain), _chain(chain, "items"),
                                       "figures", "数字") or []):
            c = _chain(chain, f"items[{j}]")
            if not v.expect(item, "map", c):
                ok = False
                continue
            v.keys(item, c, ("value", "unit", "label"), "数字条目")
            value = v.text(item.mapping.get("value", (None, 0))[0], _chain(c, "value"), "value",
                           parent_line=item.line)
            unit = v.text(item.mapping.get("unit", (None, 0))[0], _chain(c, "unit"), "unit",
                          required=False, parent_line=item.line)
            label = v.text(item.mapping.get("label", (None, 0))[0], _chain(c, "label"), "label",
                           parent_line=item.line)
            if value is None or label is None:
                ok = False
                continue
            figs.append(Figure(value=value.replace("\n", ""), unit=(unit or "").replace("\n", ""),
                               label=label))
        if heading is None or not ok or not figs:
            return None
        return FiguresBlock(heading=heading, items=tuple(figs))

    if btype == "steps":
        steps: list[Step] = []
        ok = True
        for j, item in enumerate(v.seq(v.required(node, "steps", chain), _chain(chain, "steps"),
                                       "steps", "步骤") or []):
            c = _chain(chain, f"steps[{j}]")
            if not v.expect(item, "map", c):
                ok = False
                continue
            v.keys(item, c, ("title", "text"), "步骤")
            title = v.text(item.mapping.get("title", (None, 0))[0], _chain(c, "title"), "step.title",
                           parent_line=item.line)
            text = v.text(item.mapping.get("text", (None, 0))[0], _chain(c, "text"), "step.text",
                          required=False, parent_line=item.line)
            if title is None:
                ok = False
                continue
            steps.append(Step(title=title, text=text or ""))
        if heading is None or not ok or not steps:
            return None
        return StepsBlock(heading=heading, steps=tuple(steps))

    if btype == "compare":
        rows: list[CompareRow] = []
        ok = True
        for j, item in enumerate(v.seq(v.required(node, "rows", chain), _chain(chain, "rows"),
                                       "compare", "对比") or []):
            c = _chain(chain, f"rows[{j}]")
            if not v.expect(item, "map", c):
                ok = False
                continue
            v.keys(item, c, ("aspect", "old", "new"), "对比行")
            got = [v.text(item.mapping.get(k, (None, 0))[0], _chain(c, k), k, parent_line=item.line)
                   for k in ("aspect", "old", "new")]
            if got[0] is None or got[1] is None or got[2] is None:
                ok = False
                continue
            rows.append(CompareRow(aspect=got[0], old=got[1], new=got[2]))
        if heading is None or not ok or not rows:
            return None
        return CompareBlock(heading=heading, rows=tuple(rows))

    if btype == "measures":
        measures: list[str] = []
        ok = True
        for j, item in enumerate(v.seq(v.required(node, "items", chain), _chain(chain, "items"),
                                       "measures", "举措") or []):
            text = v.text(item, _chain(chain, f"items[{j}]"), "measure", parent_line=node.line)
            if text is None:
                ok = False
                continue
            measures.append(text)
        if heading is None or not ok or not measures:
            return None
        return MeasuresBlock(heading=heading, items=tuple(measures))

    if btype == "qa":
        qas: list[QAItem] = []
        ok = True
        for j, item in enumerate(v.seq(v.required(node, "items", chain), _chain(chain, "items"),
                                       "qa", "问答") or []):
            c = _chain(chain, f"items[{j}]")
            if not v.expect(item, "map", c):
                ok = False
                continue
            v.keys(item, c, ("q", "a"), "问答条目")
            q = v.text(item.mapping.get("q", (None, 0))[0], _chain(c, "q"), "q", parent_line=item.line)
            a = v.text(item.mapping.get("a", (None, 0))[0], _chain(c, "a"), "a", parent_line=item.line)
            if q is None or a is None:
                ok = False
                continue
            qas.append(QAItem(q=q, a=a))
        if heading is None or not ok or not qas:
            return None
        return QABlock(heading=heading, items=tuple(qas))

    # text
    body = v.text(v.required(node, "text", chain), _chain(chain, "text"), "text", parent_line=node.line)
    if heading is None or body is None:
        return None
    return TextBlock(heading=heading, text=body)


def load_spec(text: str, path: str) -> tuple[TujieSpec | None, list[Finding]]:
    """Parse and validate a tujie.yml.  Returns ``(spec, findings)``; ``spec`` is None when any
    finding is an error.  Never raises on bad input."""
    v = _Validator(path)
    try:
        raw = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        where = f"第{line}行第{mark.column + 1}列附近" if mark is not None and line else ""
        problem = exc.problem or exc.context or "无法解析"
        v.err("tujie.yaml", "", f"tujie.yml 不是合法的 YAML：{where}{_yaml_problem(problem)}。",
              "请检查这一行及上一行：缩进只能用空格（不能用 Tab），冒号后要有空格，引号要成对；"
              "含冒号或 # 的文字请用英文引号括起来", line)
        return None, v.findings
    except (yaml.YAMLError, RecursionError):
        v.err("tujie.yaml", "", "tujie.yml 不是合法的 YAML，或嵌套层次过深。",
              "请对照 docs/tujie.md 中的示例检查格式", None)
        return None, v.findings

    if raw is None:
        v.err("tujie.required", "", "tujie.yml 是空文件。",
              "请按 docs/tujie.md 中的示例填写标题、版块和落款", 1)
        return None, v.findings
    try:
        root = _convert(raw, 0, [_MAX_NODES])
    except _DuplicateKey as dup:
        where = _place(dup.chain.rsplit(" -> ", 1)[0]) if " -> " in dup.chain else "文件顶层"
        v.err("tujie.duplicate_key", dup.chain, f"{where}的字段“{dup.key}”写了两次。",
              "请删除其中一个，或检查是否把两个版块写在了同一个“- ”下面", dup.line)
        return None, v.findings
    except _BadCharacter as bad:
        where = _place(bad.chain) if bad.chain else "文件顶层"
        v.err("tujie.yaml", bad.chain, f"{where}含有不可见的{bad.name}（第 {bad.position} 个字符）。",
              "删除该字符后重新输入这段文字（常见于从网页、PDF 或 Word 复制粘贴），不要使用 \\x、\\u 等转义写法",
              bad.line)
        return None, v.findings
    except (_TooComplex, RecursionError):
        v.err("tujie.yaml", "", "tujie.yml 结构过于复杂（层次太深或使用了大量锚点/别名）。",
              "请不要使用 & 和 * 锚点，按 docs/tujie.md 中的示例逐项写出", None)
        return None, v.findings

    if not v.expect(root, "map", ""):
        return None, v.findings
    v.keys(root, "", _TOP_KEYS, "文件顶层")

    title = v.text(v.required(root, "title", ""), "title", "title", parent_line=root.line)
    subtitle = v.text(root.mapping.get("subtitle", (None, 0))[0], "subtitle", "subtitle",
                      required=False, parent_line=root.line)

    theme: ThemeName = "red"
    theme_node = root.mapping.get("theme", (None, 0))[0]
    theme_raw = v.text(theme_node, "theme", "heading", required=False, parent_line=root.line)
    if theme_raw is not None:
        if theme_raw in THEMES:
            theme = THEMES[theme_raw]
        else:
            v.err("tujie.theme", "theme", f"配色“{theme_raw}”不存在。",
                  "可用的配色：red（政务红，默认）、blue（政务蓝）；不写 theme 即用政务红",
                  theme_node.line if theme_node else None)

    blocks: list[Block] = []
    blocks_ok = True
    block_nodes = v.seq(v.required(root, "blocks", ""), "blocks", "blocks", "版块")
    for i, bnode in enumerate(block_nodes or []):
        block = _block(v, bnode, i)
        if block is None:
            blocks_ok = False
        else:
            blocks.append(block)

    footer: Footer | None = None
    footer_node = v.required(root, "footer", "")
    if footer_node is not None and v.expect(footer_node, "map", "footer"):
        v.keys(footer_node, "footer", _FOOTER_KEYS, "落款")
        office = v.text(v.required(footer_node, "office", "footer"), "footer -> office", "office",
                        parent_line=footer_node.line)
        date = _parse_date(v, v.required(footer_node, "date", "footer"), "footer -> date", footer_node.line)
        if office is not None and date is not None:
            footer = Footer(office=office.replace("\n", ""), date=date)

    if any(f.is_error for f in v.findings):
        return None, v.findings
    if title is None or footer is None or not blocks_ok or not blocks:
        # Unreachable in practice (every gap above records an error); kept so that a future
        # edit can never turn into a traceback for the clerk.
        v.err("tujie.required", "", "tujie.yml 内容不完整。", "请对照 docs/tujie.md 中的示例补全", None)
        return None, v.findings
    spec = TujieSpec(title=title, subtitle=subtitle, theme=theme, blocks=tuple(blocks), footer=footer)
    return spec, v.findings


def _yaml_problem(problem: str) -> str:
    """Translate the PyYAML problems a clerk is likely to hit; keep the original otherwise."""
    table = {
        "found character '\\t' that cannot start any token": "出现了 Tab 制表符",
        "mapping values are not allowed here": "这里不能出现“冒号+空格”（文字中含冒号时请加引号）",
        "could not find expected ':'": "缺少冒号",
        "found undefined alias": "使用了未定义的别名（*）",
        "expected <block end>, but found '-'": "列表缩进不一致",
        "found unexpected end of stream": "引号或括号没有闭合",
        "expected a single document in the stream": "文件中只能有一个文档（不要使用 ---）",
    }
    for en, zh in table.items():
        if problem.startswith(en):
            return zh
    return f"（{problem}）"
