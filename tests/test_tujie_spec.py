"""tujie.yml validation: every error class has a failing and a passing fixture, and no input
ever raises."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zwgk.core.findings import Finding
from zwgk.core.tujie import TujieSpec, load_spec
from zwgk.core.tujie.spec import CompareBlock, FiguresBlock, StepsBlock

SAMPLE = Path(__file__).parent / "data" / "tujie" / "sample.yml"
PATH = "interpretations/p1/tujie.yml"

MINIMAL = """\
title: 一图读懂《示例办法》
blocks:
  - type: text
    heading: 要点
    text: 本办法自2026年4月1日起施行。
footer:
  office: 示例市政务服务管理办公室
  date: 2026-03-10
"""


def rules(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def only(findings: list[Finding], rule: str) -> Finding:
    hits = [f for f in findings if f.rule == rule]
    assert len(hits) == 1, findings
    return hits[0]


def test_sample_is_valid() -> None:
    spec, findings = load_spec(SAMPLE.read_text(encoding="utf-8"), PATH)
    assert findings == []
    assert isinstance(spec, TujieSpec)
    assert [b.type for b in spec.blocks] == ["figures", "steps", "compare", "measures", "qa", "text"]
    assert spec.footer.date == dt.date(2026, 3, 10)
    assert spec.footer.date_text == "2026年3月10日"
    figs = spec.blocks[0]
    assert isinstance(figs, FiguresBlock) and figs.items[0].value == "0.5"


def test_minimal_is_valid() -> None:
    spec, findings = load_spec(MINIMAL, PATH)
    assert spec is not None and findings == []
    assert spec.theme == "red" and spec.subtitle is None


def test_scalars_are_kept_as_typed() -> None:
    # YAML 1.1 would turn these into True / 750 / 1.1; the picture must show what was typed.
    text = MINIMAL.replace("text: 本办法自2026年4月1日起施行。", "text: yes") + ""
    spec, _ = load_spec(text, PATH)
    assert spec is not None and spec.blocks[0].text == "yes"  # type: ignore[union-attr]
    text = MINIMAL.replace("heading: 要点", "heading: 12:30")
    spec, _ = load_spec(text, PATH)
    assert spec is not None and spec.blocks[0].heading == "12:30"
    fig = MINIMAL.replace(
        "  - type: text\n    heading: 要点\n    text: 本办法自2026年4月1日起施行。",
        "  - type: figures\n    heading: 数\n    items:\n      - {value: 1.10, label: 甲}\n"
        "      - {value: 3, unit: 项, label: 乙}",
    )
    spec, findings = load_spec(fig, PATH)
    assert findings == [] and spec is not None
    block = spec.blocks[0]
    assert isinstance(block, FiguresBlock)
    assert [i.value for i in block.items] == ["1.10", "3"]


# --- error classes: (name, yaml, rule, field, line) -----------------------------------------

BAD = [
    ("malformed yaml", "title: [未闭合\nblocks: x\n", "tujie.yaml", None, None),
    ("tab indentation", "title: a\nfooter:\n\toffice: b\n", "tujie.yaml", None, 3),
    ("not a mapping", "- 一\n- 二\n", "tujie.type", None, 1),
    ("empty file", "", "tujie.required", None, 1),
    ("unknown block type", MINIMAL.replace("type: text", "type: chart"), "tujie.unknown_block",
     "blocks[0] -> type", 3),
    ("unknown top key", MINIMAL + "titel: 多余\n", "tujie.unknown_key", "titel", 9),
    ("unknown block key", MINIMAL.replace("    text: 本", "    txet: x\n    text: 本"),
     "tujie.unknown_key", "blocks[0] -> txet", 5),
    ("key of another block type", MINIMAL.replace("    text: 本", "    rows: []\n    text: 本"),
     "tujie.unknown_key", "blocks[0] -> rows", 5),
    ("blocks not a list", MINIMAL.split("blocks:")[0] + "blocks: 一段文字\nfooter: {office: a, date: 2026-03-10}\n",
     "tujie.type", "blocks", 2),
    ("heading is a list", MINIMAL.replace("heading: 要点", "heading: [a, b]"), "tujie.type",
     "blocks[0] -> heading", 4),
    ("bad date format", MINIMAL.replace("2026-03-10", "2026/03/10"), "tujie.date", "footer -> date", 8),
    ("impossible date", MINIMAL.replace("2026-03-10", "2026-02-30"), "tujie.date", "footer -> date", 8),
    ("month 13", MINIMAL.replace("2026-03-10", "2026-13-01"), "tujie.date", "footer -> date", 8),
    ("empty required field", MINIMAL.replace("heading: 要点", "heading:"), "tujie.required",
     "blocks[0] -> heading", 4),
    ("missing footer", MINIMAL.split("footer:")[0], "tujie.required", "footer", 1),
    ("whitespace-only title", MINIMAL.replace("title: 一图读懂《示例办法》", "title: '   '"),
     "tujie.required", "title", 1),
    ("duplicate key", MINIMAL.replace("    text: 本", "    heading: 再来\n    text: 本"),
     "tujie.duplicate_key", "blocks[0] -> heading", 5),
    ("unknown theme", "theme: green\n" + MINIMAL, "tujie.theme", "theme", 1),
    ("too long", MINIMAL.replace("heading: 要点", "heading: " + "长" * 31), "tujie.too_long",
     "blocks[0] -> heading", 4),
    ("alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
     + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
               f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)),
     "tujie.yaml", None, None),
    ("recursive anchor", "a: &a [*a]\n", "tujie.yaml", None, None),
]


FIGURES6 = MINIMAL.replace(
    "  - type: text\n    heading: 要点\n    text: 本办法自2026年4月1日起施行。",
    "  - type: figures\n    heading: 数\n    items:\n"
    + "\n".join(f"      - {{value: {i}, label: 项{i}}}" for i in range(6)),
)

# The passing twin of each error class: near misses that must be accepted.
GOOD = [
    ("yaml: colon inside quotes", MINIMAL.replace("heading: 要点", 'heading: "注意: 以原文为准"')),
    ("yaml: Chinese colon needs no quotes", MINIMAL.replace("heading: 要点", "heading: 注意：以原文为准")),
    ("block type: steps", MINIMAL.replace(
        "  - type: text\n    heading: 要点\n    text: 本办法自2026年4月1日起施行。",
        "  - type: steps\n    heading: 流程\n    steps:\n      - title: 申请\n      - title: 办结\n"
        "        text: 当场办结")),
    ("known keys incl. optional ones", "subtitle: 副标题\ntheme: red\n" + MINIMAL),
    ("type: number as text", MINIMAL.replace("heading: 要点", "heading: 2026")),
    ("date: leap day", MINIMAL.replace("2026-03-10", "2024-02-29")),
    ("date: quoted", MINIMAL.replace("2026-03-10", '"2026-03-10"')),
    ("required: optional unit omitted", FIGURES6),
    ("duplicate: same key in two blocks", MINIMAL.replace(
        "footer:", "  - type: text\n    heading: 要点二\n    text: 第二段。\nfooter:")),
    ("theme: Chinese name", "theme: 政务蓝\n" + MINIMAL),
    ("too long: exactly at the limit", MINIMAL.replace("heading: 要点", "heading: " + "长" * 30)),
    ("count: six figures", FIGURES6),
]


@pytest.mark.parametrize(("name", "text"), GOOD, ids=[g[0] for g in GOOD])
def test_passing_twins(name: str, text: str) -> None:
    spec, findings = load_spec(text, PATH)
    assert findings == [], [f.format_text() for f in findings]
    assert spec is not None


@pytest.mark.parametrize(("name", "text", "rule", "field", "line"), BAD, ids=[b[0] for b in BAD])
def test_error_classes(name: str, text: str, rule: str, field: str | None, line: int | None) -> None:
    spec, findings = load_spec(text, PATH)
    assert spec is None
    hit = [f for f in findings if f.rule == rule]
    assert hit, f"{name}: expected {rule}, got {findings}"
    f = hit[0]
    assert f.severity == "error" and f.path == PATH
    if field is not None:
        assert f.field == field
    if line is not None:
        assert f.line == line
    # Chinese message naming the cause, and a hint saying what to do.
    assert re.search(r"[\u4e00-\u9fff]", f.message) and re.search(r"[\u4e00-\u9fff]", f.hint)


def test_empty_cell_message_names_place_and_fix() -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("new: 全程网办，“零跑动”", "new: ''")
    spec, findings = load_spec(text, PATH)
    assert spec is None
    f = only(findings, "tujie.required")
    assert f.field == "blocks[2] -> rows[2] -> new"
    assert "第3个版块第3行" in f.message and "新政策" in f.message and "为空" in f.message
    assert f.hint == "请填写新政策的内容，或删除这一行"


def test_unknown_key_suggests_spelling() -> None:
    _, findings = load_spec(MINIMAL.replace("    text: 本", "    heding: x\n    text: 本"), PATH)
    f = only(findings, "tujie.unknown_key")
    assert "heading" in f.hint


def test_unknown_block_type_suggests_english_name_for_chinese() -> None:
    _, findings = load_spec(MINIMAL.replace("type: text", "type: 办理流程"), PATH)
    f = only(findings, "tujie.unknown_block")
    assert "type: steps" in f.hint


def test_counts() -> None:
    one_fig = MINIMAL.replace(
        "  - type: text\n    heading: 要点\n    text: 本办法自2026年4月1日起施行。",
        "  - type: figures\n    heading: 数\n    items:\n      - {value: 1, label: 甲}",
    )
    spec, findings = load_spec(one_fig, PATH)
    assert spec is None and "tujie.count" in rules(findings)
    seven = one_fig.replace("      - {value: 1, label: 甲}", "\n".join(
        f"      - {{value: {i}, label: 项{i}}}" for i in range(7)))
    spec, findings = load_spec(seven, PATH)
    assert spec is None and "tujie.count" in rules(findings)


def test_all_errors_reported_in_one_pass() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("type: measures", "type: measure").replace("2026-03-10", "2026-02-29")
    text = text.replace("aspect: 跑动次数", "aspect: ''")
    _, findings = load_spec(text, PATH)
    assert {"tujie.unknown_block", "tujie.date", "tujie.required"} <= set(rules(findings))


def test_step_text_optional_and_multiline_text_kept() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    spec, _ = load_spec(text, PATH)
    assert spec is not None
    steps = spec.blocks[1]
    assert isinstance(steps, StepsBlock) and len(steps.steps) == 3
    compare = spec.blocks[2]
    assert isinstance(compare, CompareBlock) and compare.rows[1].new.startswith("“一表填报”")
    last = spec.blocks[-1]
    assert "\n" in last.text  # type: ignore[union-attr]


def test_canonical_json_is_stable_and_sensitive() -> None:
    spec, _ = load_spec(SAMPLE.read_text(encoding="utf-8"), PATH)
    again, _ = load_spec(SAMPLE.read_text(encoding="utf-8"), "other/path.yml")
    assert spec is not None and again is not None
    assert spec.to_canonical_json() == again.to_canonical_json()
    changed, _ = load_spec(SAMPLE.read_text(encoding="utf-8").replace("数说新政", "数说新正"), PATH)
    assert changed is not None and changed.to_canonical_json() != spec.to_canonical_json()


# --- never a traceback ------------------------------------------------------------------------

KEYS = st.sampled_from(["title", "subtitle", "theme", "blocks", "footer", "type", "heading", "items",
                        "steps", "rows", "text", "value", "unit", "label", "aspect", "old", "new", "q",
                        "a", "office", "date", "figures", "compare", "qa", "measures", "x"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
                    st.dates().map(str), st.sampled_from(["figures", "steps", "compare", "measures",
                                                          "qa", "text", "2026-02-30", "red"]))
YAMLISH = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=6),
                               st.dictionaries(st.one_of(KEYS, st.text(max_size=5)), children, max_size=6)),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_random_yaml_data_never_raises(data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    spec, findings = load_spec(text, PATH)
    assert spec is None or isinstance(spec, TujieSpec)
    assert all(isinstance(f, Finding) and f.message and f.hint for f in findings)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_never_raises(text: str) -> None:
    spec, _findings = load_spec(text, PATH)
    assert spec is None or isinstance(spec, TujieSpec)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=4), value=YAMLISH)
def test_mutated_sample_never_raises(path: list[int], value: object) -> None:
    """Replace one subtree of the valid sample by random data: realistic near-miss input."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    node: object = data
    for step in path[:-1]:
        if isinstance(node, dict) and node:
            node = node[sorted(node)[step % len(node)]]
        elif isinstance(node, list) and node:
            node = node[step % len(node)]
    if isinstance(node, dict) and node:
        node[sorted(node)[path[-1] % len(node)]] = value
    elif isinstance(node, list) and node:
        node[path[-1] % len(node)] = value
    spec, findings = load_spec(yaml.safe_dump(data, allow_unicode=True), PATH)
    assert spec is None or isinstance(spec, TujieSpec)
    if spec is None:
        assert any(f.is_error for f in findings)


def test_docs_example_is_valid() -> None:
    """The full example in docs/tujie.md must stay valid."""
    doc = (Path(__file__).parent.parent / "docs" / "tujie.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", doc, re.S)
    assert block is not None
    spec, findings = load_spec(block.group(1), "docs/tujie.md")
    assert findings == [] and spec is not None
    assert {b.type for b in spec.blocks} == {"figures", "steps", "compare", "measures", "qa", "text"}


@pytest.mark.parametrize("escape, name", [("\\x1b", "ESC"), ("\\u202e", "双向文字控制符"), ("\\x00", "空字符"),
                                          ("\\u2066", "双向文字控制符"), ("\\x85", "控制字符")])
def test_escaped_control_or_bidi_characters_are_refused(escape: str, name: str) -> None:
    # libyaml refuses these characters typed raw; a double-quoted escape creates them, and the 图解's
    # text reaches the picture, its text twin and the alt text: refused like every other YAML.
    text = MINIMAL.replace("    text: 本办法自2026年4月1日起施行。", f'    text: "本{escape}办法自2026年4月1日起施行。"')
    spec, findings = load_spec(text, PATH)
    assert spec is None
    [f] = findings
    assert f.rule == "tujie.yaml" and name in f.message and "第 2 个字符" in f.message
    assert f.field is not None and f.field.endswith("text") and f.line is not None


def test_the_same_text_without_the_escape_passes() -> None:
    text = MINIMAL.replace("    text: 本办法自2026年4月1日起施行。", '    text: "本\\u529e法自2026年4月1日起施行。"')
    assert text != MINIMAL  # an escape of an ordinary character (办) is still allowed
    spec, findings = load_spec(text, PATH)
    assert spec is not None and not [f for f in findings if f.is_error]
    assert spec.blocks[0].text == "本办法自2026年4月1日起施行。"  # type: ignore[union-attr]
