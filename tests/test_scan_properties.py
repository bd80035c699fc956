"""Property tests: arbitrary text never crashes the scanner and never leaks a raw number."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from zwgk.core.scan import ScanConfig, scan_markdown
from zwgk.core.scan.ahocorasick import Automaton

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")
VALID = ["11010519491231002X", "53010219200508011X", "360426199101010071", "110105491231002"]
FRAGMENTS = [
    "<script>", "</script>", "<a href=\"", "javascript:", "onclick=", "](", "[x]", "```", "`", "~~~",
    "https://", "//", "机密", "秘密", "★", "☆", "*", "＊", "内部资料", "帐号", "卡号：", "+86", "138",
    "\n", " ", "-", "X", "x", "０", "9", "---\n", "|", "&#x61;",
]
pieces = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789Xx -*★", max_size=20),
    st.sampled_from(FRAGMENTS),
    st.sampled_from(VALID),
)
documents = st.lists(pieces, max_size=40).map("".join)
_RAW18 = re.compile(r"[0-9]{17}[0-9Xx]")


@settings(max_examples=400, deadline=None)
@given(documents)
def test_scan_markdown_never_raises_nor_leaks(text: str) -> None:
    for item in scan_markdown(text, "content/a.md", CONFIG):
        assert item.line is not None and 1 <= item.line <= text.count("\n") + 1
        for field in (item.message, item.hint, item.location or ""):
            assert not _RAW18.search(field)
            for value in VALID:
                assert value not in field


@settings(max_examples=200, deadline=None)
@given(documents)
def test_every_valid_id_in_text_is_reported(text: str) -> None:
    # A valid ID surrounded by spaces is always found, whatever the noise around it.
    found = scan_markdown(f"{text} 11010519491231002X ", "a.md", CONFIG)
    assert any(f.rule == "privacy.id_number" for f in found)


@given(st.lists(st.text(alphabet="abc", min_size=1, max_size=4), min_size=1, max_size=8), st.text(alphabet="abcd"))
def test_automaton_matches_naive_search(patterns: list[str], text: str) -> None:
    automaton = Automaton(patterns)
    found = sorted((s, e, automaton.patterns[i]) for s, e, i in automaton.finditer(text))
    expected = sorted(
        (s, s + len(p), p)
        for p in set(patterns)
        for s in range(len(text) - len(p) + 1)
        if text.startswith(p, s)
    )
    assert found == expected
