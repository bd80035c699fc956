"""Hardened YAML: every class of hostile input fails fast with a Chinese finding; a clean twin passes.

Work is bounded by counting, never by the wall clock: ``YAML_STATS["nodes"]`` counts nodes the
walk visited (each at most once), and the bomb also runs in a subprocess under memory and CPU
resource limits that an expanding parser would blow through.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from support import copy_demo, run_check
from zwgk.core import yamlio
from zwgk.core.frontmatter import split
from zwgk.core.yamlio import MAX_DEPTH, MAX_FRONT_MATTER, MAX_STRING, YAML_STATS, parse_yaml

LOL = '"lol","lol","lol","lol","lol","lol","lol","lol","lol"'
# The classic "billion laughs": 9 levels of 9 aliases, 430 bytes with the keys, ~387 million strings.
BOMB = "a: &a [" + LOL + "]\n" + "".join(
    f"{k}: &{k} [{','.join([f'*{p}'] * 9)}]\n" for p, k in zip("abcdefgh", "bcdefghi", strict=True))
BOMB = BOMB + "title: " + "x" * (430 - len(BOMB) - 8) + "\n"


def parse(text: str) -> tuple[object, list[yamlio.Finding]]:
    return parse_yaml(text, "content/tzgg/x.md", rule="schema.yaml", line_offset=1)


def only(text: str) -> yamlio.Finding:
    value, found = parse(text)
    assert value is None and len(found) == 1, found
    f = found[0]
    assert f.rule == "schema.yaml" and f.path == "content/tzgg/x.md" and f.hint
    assert "Traceback" not in f.message and "\n" not in f.message
    return f


def test_the_430_byte_bomb_is_refused_after_a_handful_of_nodes() -> None:
    assert len(BOMB.encode()) == 430
    YAML_STATS.clear()
    f = only(BOMB)
    assert "锚点/别名" in f.message and f.line == 3 and f.field == "b[0]"
    assert YAML_STATS["nodes"] <= len(BOMB)  # the walk stops at the first repeat: no expansion


def test_the_bomb_under_resource_limits(tmp_path: Path) -> None:
    """A bigger bomb (12 levels ≈ 10^11 strings if expanded) in a process capped at 512 MB and 60 CPU-s."""
    levels = "".join(f"l{i + 1}: &l{i + 1} [{','.join([f'*l{i}'] * 9)}]\n" for i in range(12))
    text = "l0: &l0 [" + LOL + "]\n" + levels
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
        from zwgk.core.frontmatter import split
        meta, _, _, found = split("---\\n" + {text!r} + "---\\nbody\\n", "content/x.md")
        print(meta, [f.rule for f in found])
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "{} ['schema.yaml']"


@pytest.mark.parametrize("text", [
    "a: &a [*a]\n",                     # self-referencing sequence
    "a: &a {b: *a}\n",                  # self-referencing mapping
    "a: &x 甲\nb: *x\n",                # a scalar alias (repeats a 20,000-character value for free)
    "- &x [1]\n- *x\n",
])
def test_every_alias_is_refused(text: str) -> None:
    f = only(text)
    assert "锚点/别名" in f.message and f.line is not None


def test_plain_anchor_without_alias_twin_passes() -> None:
    assert parse("a: &x [1]\nb: [1]\n") == ({"a": [1], "b": [1]}, [])


@pytest.mark.parametrize(("text", "first", "second"), [
    ("title: 甲\nsummary: 乙\ntitle: 丙\n", 2, 4),
    ("attachments:\n  - file: a.pdf\n    file: b.pdf\n", 3, 4),
    ("1: a\n0x1: b\n", 2, 3),
    ("true: a\nTrue: b\n", 2, 3),
    ("2026-01-01: a\n2026-01-01: b\n", 2, 3),
])
def test_duplicate_keys_name_both_lines(text: str, first: int, second: int) -> None:
    f = only(text)
    assert "重复" in f.message and f"第 {first} 行和第 {second} 行" in f.message and f.line == second


def test_distinct_keys_twin_passes() -> None:
    assert parse("title: 甲\nsummary: 乙\n1: a\n2: b\n")[1] == []


@pytest.mark.parametrize("text", [
    'title: "a\\x00b"\n',        # C0 via escape
    'title: "\\e[31m红色"\n',    # ESC via escape
    'title: "a\\rb"\n',          # CR via escape
    'title: "a\\x7fb"\n',        # DEL
    'title: "a\\x9bb"\n',        # C1 (CSI)
    'title: "a\\u0085b"\n',      # C1 NEL
    "title: 通知\u202e文件\n",   # bidi override, raw
    "title: a\u2066b\n",         # bidi isolate, raw
    'title: "\\uFFFE"\n',        # non-character
    'tags: ["ok", "a\\x01"]\n',  # nested in a list
    '"a\\x1b": 1\n',             # in a key
])
def test_control_characters_in_parsed_values_are_refused(text: str) -> None:
    f = only(text)
    assert "U+" in f.message and f.line == 2


@pytest.mark.parametrize("text", ["title: \"a\tb\"\n", "summary: |\n  第一行\n  第二行\n", "title: \"\\u4e2d\"\n"])
def test_tab_newline_and_ordinary_escapes_twin_passes(text: str) -> None:
    assert parse(text)[1] == []


def test_raw_control_characters_are_refused_by_the_parser() -> None:
    for ch in ("\x00", "\x1b", "\x7f", "\x9b"):
        f = only(f"title: a{ch}b\n")
        assert f.line is not None or "YAML" in f.message


def test_merge_keys_and_foreign_tags_are_refused() -> None:
    assert "合并键" in only("base: {a: 1}\n<<: {a: 2}\n").message
    for text in ("a: !!binary aGk=\n", "a: !!set {x}\n", "a: !!omap [{x: 1}]\n",
                 "a: !!python/object:os.system x\n", "a: !foo 1\n", "a: !!str {b: 1}\n"):
        assert "类型标记" in only(text).message, text


def test_core_tags_twin_passes() -> None:
    assert parse("a: !!str 1\nb: !!int '2'\nc: !!float 1.5\nd: !!null ''\n") == ({"a": "1", "b": 2, "c": 1.5, "d": None},
                                                                              [])


def test_complex_keys_are_refused() -> None:
    assert "复杂键" in only("? [a, b]\n: 1\n").message


def test_string_cap() -> None:
    assert "值过长" in only("title: " + "长" * (MAX_STRING + 1) + "\n").message
    assert parse("title: " + "长" * MAX_STRING + "\n")[1] == []


def test_depth_cap() -> None:
    def nested(n: int) -> str:
        return "a: " + "[" * n + "]" * n + "\n"

    assert parse(nested(MAX_DEPTH - 1))[1] == []  # the mapping is level 1
    assert "嵌套层次" in only(nested(MAX_DEPTH)).message
    assert len(parse("[" * 5000 + "]" * 5000)[1]) == 1  # libyaml's own limit: a finding, not a crash


def test_recursion_error_becomes_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)  # the pure-Python parser recurses per level
    f = only("[" * 3000 + "]" * 3000)
    assert "嵌套" in f.message


def test_front_matter_cap_is_checked_before_parsing() -> None:
    big = "---\n" + "".join(f"k{i}: {'值' * 40}\n" for i in range(MAX_FRONT_MATTER // 120 + 10)) + "---\n正文\n"
    YAML_STATS.clear()
    meta, _, _, found = split(big, "content/tzgg/x.md")
    assert meta == {} and len(found) == 1 and "过大" in found[0].message
    assert YAML_STATS["nodes"] == 0
    small = "---\ntitle: 标题\n---\n正文\n"
    assert split(small, "content/tzgg/x.md")[3] == []


def test_refused_values_are_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ZWGK_CACHE_KEY", "k")
    root = tmp_path / "repo"
    root.mkdir()
    for _ in range(2):
        with yamlio.parse_cache(root):
            assert len(parse("a: 1\na: 2\n")[1]) == 1


# --- through the real gate ------------------------------------------------------------------


def _set_front_matter(root: Path, rel: str, extra: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", "\n" + extra + "---\n", 1), encoding="utf-8")


@pytest.mark.parametrize(("extra", "needle"), [
    ("title: 第二个标题\n", "重复"),
    ('keywords: ["\\x1b[2J"]\n', "U+001B"),
    ("keywords: &k [a]\ntags: *k\n", "锚点"),
])
def test_the_gate_reports_file_line_and_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              extra: str, needle: str) -> None:
    monkeypatch.setenv("ZWGK_CACHE", "0")
    root = copy_demo(tmp_path / "repo")
    rel = "content/tzgg/2026-004.md"
    _set_front_matter(root, rel, extra)
    found = [f for f in run_check(root).findings if f.path == rel and f.rule == "schema.yaml"]
    assert len(found) == 1 and needle in found[0].message and found[0].line is not None and found[0].line > 1
    assert found[0].is_error


def test_the_gate_caps_titles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZWGK_CACHE", "0")
    root = copy_demo(tmp_path / "repo")
    rel = "content/tzgg/2026-004.md"
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: 关于调整政务服务大厅窗口办公时间的公告", "title: " + "公告" * 101), encoding="utf-8")
    found = [f for f in run_check(root).findings if f.path == rel and f.field == "title"]
    assert found and "超过 200 字" in found[0].message


def test_resource_module_available() -> None:
    assert resource.RLIMIT_AS  # the subprocess test above relies on it (POSIX)
