"""Line breaking and 禁则 for 图解 text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from zwgk.core.tujie.fonts import FontSet, find_font
from zwgk.core.tujie.layout import NO_END, NO_START, break_balanced, break_lines, tokenize


class Mono:
    """Every CJK/full-width character is 2 units, ASCII 1: predictable widths for tables."""

    def getlength(self, text: str) -> float:
        return float(sum(1 if ord(c) < 0x2E80 and c not in "“”‘’…—" else 2 for c in text))


M = Mono()


def _joined(lines: list[str]) -> str:
    return "".join(lines).replace(" ", "")


# (text, width, expected lines) — hand-checked against the rules.
TABLE = [
    # closing punctuation would start line 2 → "请" moves down with it (推出); "请。" alone
    # would then be a widow, so "申" follows too
    ("办理事项申请。", 12, ["办理事项", "申请。"]),
    ("办理事项申请。", 13, ["办理事项", "申请。"]),
    # opening bracket would end line 1 → it moves to line 2
    ("登录网站《示例市》", 10, ["登录网站", "《示例市》"]),
    # both in one: bracket before a comma
    ("共计五（5）项，全部", 10, ["共计五", "（5）项，", "全部"]),
    # Latin words and numbers are not split
    ("访问www.gov.cn办理", 12, ["访问", "www.gov.cn", "办理"]),
    ("比例达到98.5%以上", 10, ["比例达到", "98.5%以上"]),
    # a word wider than the box is split per character as a last resort
    ("ABCDEFGHIJKL", 5, ["ABCDE", "FGHIJ", "KL"]),
    # explicit newlines are kept; empty paragraphs become empty lines
    ("第一段\n\n第二段", 20, ["第一段", "", "第二段"]),
    # ellipsis and dash pairs stay together and never start a line
    ("他说这样……可以", 10, ["他说这", "样……可以"]),
    # spaces at a break are dropped
    ("hello world again", 11, ["hello world", "again"]),
]


@pytest.mark.parametrize(("text", "width", "expected"), TABLE)
def test_break_table(text: str, width: int, expected: list[str]) -> None:
    lines = break_lines(text, M, width)
    assert lines == expected
    for line in lines:
        assert M.getlength(line) <= width


PUNCT_CASES = [
    "各区政务服务中心设立“企业开办服务专窗”，提供帮办代办服务。",
    "办理时限：5个工作日；材料齐全的，当场办结！咨询电话：12345。",
    "依据《中华人民共和国政府信息公开条例》（国务院令第711号）第二十条。",
    "「一网通办」『最多跑一次』“零跑动”‘秒批’，全部实现……真的吗？是的！",
    "补贴标准为每人每年400元（含个人缴费部分），财政补助670元、报销比例70%。",
]


@pytest.mark.parametrize("text", PUNCT_CASES)
@pytest.mark.parametrize("width", range(6, 41, 1))
def test_kinsoku_never_violated(text: str, width: int) -> None:
    lines = break_lines(text, M, width)
    assert _joined(lines) == text.replace(" ", "")
    for i, line in enumerate(lines):
        assert M.getlength(line) <= width, (line, width)
        if i > 0:
            assert line[0] not in NO_START, f"line starts with {line[0]!r}: {lines}"
        if i < len(lines) - 1:
            assert line[-1] not in NO_END, f"line ends with {line[-1]!r}: {lines}"


def test_tokens_keep_words_and_numbers() -> None:
    assert tokenize("访问www.gov.cn，达98.5%。")[2] == "www.gov.cn"
    assert "98.5%" in tokenize("达98.5%。")
    assert "——" in tokenize("规定——如下")


def test_widow_is_avoided() -> None:
    # greedy would leave "料。" alone on the last line
    lines = break_lines("不需要重复提交材料。", M, 16)
    assert lines[-1] != "料。"
    assert all(M.getlength(line) <= 16 for line in lines)


def test_balanced_keeps_line_count_and_evens_lines() -> None:
    text = "一图读懂《示例市企业开办一网通办实施办法》"
    greedy = break_lines(text, M, 30)
    balanced = break_balanced(text, M, 30)
    assert len(balanced) == len(greedy)
    assert "".join(balanced) == text
    spread = [M.getlength(x) for x in balanced]
    assert max(spread) - min(spread) <= max(M.getlength(x) for x in greedy) - min(
        M.getlength(x) for x in greedy)


CJK = st.sampled_from(list("政务公开办理流程新旧对比惠民举措一图读懂示例市企业"))
PUNCT = st.sampled_from(sorted(NO_START | NO_END))
LATIN = st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(CJK, CJK, CJK, PUNCT, LATIN), min_size=1, max_size=60),
       width=st.integers(min_value=14, max_value=60))
def test_random_text_fits_box(parts: list[str], width: int) -> None:
    text = "".join(parts)
    lines = break_lines(text, M, width)
    assert _joined(lines) == text.replace(" ", "")
    for line in lines:
        # Only a single over-wide character may exceed the box; none is that wide here.
        assert M.getlength(line) <= width


@pytest.fixture(scope="module")
def font() -> FontSet:
    fs, _ = find_font(None)
    if fs is None:
        pytest.skip("no Chinese font installed (apt-get install fonts-noto-cjk)")
    return fs


@pytest.mark.parametrize("text", PUNCT_CASES)
@pytest.mark.parametrize("width", [120, 200, 333, 480, 888])
def test_real_font_widths_and_kinsoku(font: FontSet, text: str, width: int) -> None:
    f = font.get(30)
    lines = break_lines(text, f, width)
    assert _joined(lines) == text.replace(" ", "")
    for i, line in enumerate(lines):
        assert f.getlength(line) <= width
        if i:
            assert line[0] not in NO_START
        if i < len(lines) - 1:
            assert line[-1] not in NO_END
