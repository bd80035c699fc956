"""canonical() and canonical_with_map(): the text the detectors read, and the way back to the original."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from zwgk.core.scan import canon
from zwgk.core.scan.canon import canonical, canonical_with_map


def _ranges(code_points: list[int]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for cp in sorted(set(code_points)):
        if out and out[-1][1] == cp - 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return tuple(out)


@pytest.fixture(scope="module")
def derived() -> dict[str, list[int]]:
    return canon.derive_tables()  # ~1.5 s: every code point of this Python's Unicode database


@pytest.mark.parametrize("name", ["invisible", "stars", "dashes", "enclosed", "spaces", "changed"])
def test_literal_tables_match_this_pythons_unicode_database(derived: dict[str, list[int]], name: str) -> None:
    # When this fails after a Python upgrade: paste canon.derive_tables() output into canon.py.
    literal = getattr(canon, f"_{name.upper()}_RANGES")
    assert literal == _ranges(derived[name]), f"regenerate canon._{name.upper()}_RANGES ({unicodedata.unidata_version})"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),  # full width
        ("①③⑧", "138"),  # circled
        ("⑴⑶⑻⑽", "13810"),  # parenthesized: NFKC would give "(1)(3)(8)(10)"
        ("⒈⒊⒏", "138"),  # digit full stop: NFKC would give "1.3.8."
        ("🄂🄄🄉", "138"),  # digit comma
        ("𝟏𝟑𝟖", "138"),  # mathematical bold
        ("١٣٨", "138"),  # Arabic-Indic: NFKC keeps them
        ("१३८", "138"),  # Devanagari
        ("¹³⁸", "138"),  # superscripts
        ("1\u200b3\u200c8\u200d1\u2060\ufeff2", "13812"),  # zero-width family
        ("1\u00ad3\u034f8", "138"),  # soft hyphen, combining grapheme joiner
        ("1\u202e3\u2066\u20698\u061c", "138"),  # bidi controls
        ("1\ufe0f3\U000e01008", "138"),  # variation selectors (BMP and supplement)
        ("1\u115f3\u31648\uffa0", "138"),  # Hangul fillers
        ("1\u180e3\U000e00318", "138"),  # Mongolian vowel separator, tag digit
        ("1\x003\x078\x7f", "138"),  # control characters
        ("1\u00a03\u30008\u20095\u1680\u2800", "1 3 8 5  "),  # every space is U+0020
        ("ＭＢ－．／＿＊", "MB-./_*"),
        ("機密", "機密"),  # traditional characters are not compatibility characters: kept
        ("\uf900", unicodedata.normalize("NFKC", "\uf900")),  # CJK compatibility ideograph
        ("，：（）", "，：（）"),  # punctuation detectors do not read is left alone (no slow path)
        ("★⭐✭", "★⭐✭"),
        ("a\tb\nc\r\n", "a\tb\nc\r\n"),
    ],
)
def test_canonical(raw: str, expected: str) -> None:
    assert canonical(raw) == expected
    mapped, src = canonical_with_map(raw)
    assert mapped == expected and len(src) == len(mapped)


def test_unchanged_text_is_returned_as_is() -> None:
    for text in ("plain ascii 123", "关于调整政务服务大厅窗口办公时间的公告，自2026年4月1日起施行。"):
        assert canonical(text) is text


def test_map_points_at_the_original_characters() -> None:
    raw = "电话：１３８\u00a00013\u200b8000，⑽号"
    mapped, src = canonical_with_map(raw)
    start = mapped.index("138")
    end = mapped.index("8000") + 4
    assert raw[src[start] : src[end - 1] + 1] == "１３８\u00a00013\u200b8000"
    ten = mapped.index("10")
    assert raw[src[ten]] == "⑽" and src[ten + 1] == src[ten]  # both digits come from ⑽


def test_star_classes() -> None:
    strong = re.compile(f"[{canon.STRONG_STARS}]")
    stars = re.compile(f"[{canon.STARS}]")
    for star in "★☆⭐✭✱✲✳✶✷✸✹✺✻✼✽❉❊❋∗⋆⁎⁑※×✕✖🌟":
        assert strong.fullmatch(star), star
    assert not strong.fullmatch("*") and stars.fullmatch("*")
    for other in "·•。、-Xx":
        assert not stars.fullmatch(other), other


text_pieces = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["\u200b", "\u00ad", "\u00a0", "\u3000", "⑴", "⒈", "１", "𝟏", "١", "Ｘ", "e\u0301", "\ufe0f",
                     "\U000e0031", "ﬁ", "㍱", "\uf900", "\r\n"]),
)
texts = st.lists(text_pieces, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_map_agrees_with_canonical_and_is_monotonic(text: str) -> None:
    mapped, src = canonical_with_map(text)
    assert mapped == canonical(text)
    assert len(src) == len(mapped)
    assert all(0 <= i < len(text) for i in src)
    assert src == sorted(src)
    # Every canonical character comes from its original character alone (per-character mapping).
    for k, i in enumerate(src):
        assert mapped[k] in canon.canonical(text[i])


@settings(max_examples=300, deadline=None)
@given(texts)
def test_canonical_is_idempotent(text: str) -> None:
    once = canonical(text)
    assert canonical(once) == once
