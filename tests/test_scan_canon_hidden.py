"""Personal data and secrecy marks in every form the public still reads — and their clean twins.

Each hidden form must be found, at the right line, without echoing the value; each clean twin
(dates, amounts, 索引号, landlines, organisation codes, URLs) must stay clean. The detectors must
stay linear on adversarial input: measured as the ratio of CPU time between an input and one four
times longer (no wall-clock deadline).
"""

from __future__ import annotations

import re
import time

import pytest
from zwgk.core.scan import ScanConfig, scan_markdown
from zwgk.core.scan.canon import canonical
from zwgk.core.scan.detectors import detect_text
from zwgk.core.scan.privacy import detect_privacy
from zwgk.core.scan.secrecy import detect_secrecy

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")

MOBILE = "13812345678"
ID18 = "11010519491231002X"
ID18_DIGITS = "360426199101010071"
CARD = "4111111111111111"  # passes Luhn

# Every separator the public reads between digit groups (as typed, before canonicalisation).
SEPARATORS = [
    " ", "  ", " - ", "-", ".", "·", "—", "–", "－", "_", "/", "、", "・", "•", "‐", "‑", "−", "﹣", "．", "／",
    "＿", "\u3000", "\u00a0", "\u2009", "\u202f", "\t",
]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e", "\u202e", "\u2066",
             "\ufe0f", "\U000e0100", "\u115f", "\u3164", "\U000e0031", "\x07"]


def _spread(number: str, sep: str, cuts: tuple[int, ...]) -> str:
    out, prev = [], 0
    for cut in cuts:
        out.append(number[prev:cut])
        prev = cut
    out.append(number[prev:])
    return sep.join(out)


HIDDEN_MOBILES = [
    *(_spread(MOBILE, sep, (3, 7)) for sep in SEPARATORS),  # 138 1234 5678
    *(_spread(MOBILE, sep, (1, 4, 6, 9)) for sep in SEPARATORS),  # anywhere in the number
    *(_spread(MOBILE, inv, (2, 5, 9)) for inv in INVISIBLE),
    "1 3 8 1 2 3 4 5 6 7 8",
    "１３８１２３４５６７８", "①③⑧①②③④⑤⑥⑦⑧", "⑴⑶⑻⑴⑵⑶⑷⑸⑹⑺⑻", "⒈⒊⒏⒈⒉⒊⒋⒌⒍⒎⒏", "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖",
    "١٣٨١٢٣٤٥٦٧٨", "¹³⁸¹²³⁴⁵⁶⁷⁸", "１３８\u00ad１２３４\u00a0５６７８", "+86 138-1234-5678", "0086 138 1234 5678",
    "**13812345678**",  # Markdown bold is not a mask
]
HIDDEN_IDS = [
    *(_spread(ID18, sep, (6, 14)) for sep in SEPARATORS),
    *(_spread(ID18_DIGITS, sep, (3, 9, 11, 16)) for sep in SEPARATORS),
    *(_spread(ID18, inv, (4, 10, 17)) for inv in INVISIBLE),
    "110105-1949-12-31-002X",  # a birth date written as a date is still inside the number
    "110105 1949 1231 002 X", "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002\u200bx",
    "2024 11010519491231002X",  # a number glued in front by a space does not hide it
]
HIDDEN_CARDS = [
    *(_spread(CARD, sep, (4, 8, 12)) for sep in SEPARATORS),
    *(_spread(CARD, sep, (2, 7, 9, 13)) for sep in SEPARATORS),
    *(_spread(CARD, inv, (4, 8, 12)) for inv in INVISIBLE),
    "账号：1234\u00a05678\u200b9012 3",  # account context: no Luhn needed
]
HIDDEN_MARKS = [
    *(f"机密{star}10年" for star in "★☆⭐✭✱✲✳✶✹✻❋∗⋆⁎※×✕🌟＊﹡"),
    "秘密☆", "绝密✱长期", "机密\u200b★", "机\u00ad密★", "机密\ufe0f★", "机密\u3000★", "机密\u00a0\u2b50 5年",
    "机密\n★10年", "机 密 ★", "绝密\u2060⭐", "密级：机密＊", "内\u200b部资料", "内 部 资 料", "注\u200b意保密",
    "不得\u00ad外传", "仅供\u200d内部使用",
]


def _rules(text: str) -> list[str]:
    return [f.rule for f in scan_markdown(text, "content/a.md", CONFIG)]


@pytest.mark.parametrize("hidden", HIDDEN_MOBILES)
def test_hidden_mobile_is_found(hidden: str) -> None:
    assert _rules(f"联系人：{hidden}。") == ["privacy.mobile"]


@pytest.mark.parametrize("hidden", HIDDEN_IDS)
def test_hidden_id_number_is_found(hidden: str) -> None:
    assert _rules(f"身份证号 {hidden} 。") == ["privacy.id_number"]


@pytest.mark.parametrize("hidden", HIDDEN_CARDS)
def test_hidden_card_is_found(hidden: str) -> None:
    assert _rules(f"请汇至 {hidden} 。") == ["privacy.bank_card"]


@pytest.mark.parametrize("hidden", HIDDEN_MARKS)
def test_hidden_secrecy_mark_is_found(hidden: str) -> None:
    found = _rules(f"标题\n{hidden}\n正文")
    assert found and set(found) == {"secrecy.mark"}


def test_errata_with_an_invisible_character_inside_is_found() -> None:
    assert _rules("已完成布\u200b署。") == ["wording.errata"]


CLEAN = [
    # dates and date ranges
    "2024-01-02", "成文日期 2024.01.01-2024.12.31", "2024/1/2—2024/12/31", "20240101-20241231",
    "2024-01 至 2024-12", "2019、2020、2021、2022年", "2021 2022 2023 2024 年度", "2024-01-02 10:30:00",
    "有效期 2024.1.1 — 2028.12.31", "2024-01-02 2024-01-03 2024-01-04",
    # amounts and counts
    "1234.56 7890.12 3456.78 9012.34", "金额 12,345,678.90 元", "共计 1,234,567,890 元", "12345.00 元",
    "增长 12.5% 至 1234.5 万元", "192.168.100.200",
    # 索引号, 文号
    "11459900MB0012345X/2026-00004", "索引号：000014349/2024-00123", "１１４５９９００ＭＢ００１２３４５Ｘ／２０２６－００００４",
    "国办发〔2024〕12号",
    # landlines and hotlines
    "0000-12345678", "电话 010-12345678、0755-88886666", "0755-88886666-123", "咨询电话：66668888、88886666",
    "010 12345678", "（0755）8888 6666", "政务服务便民热线12345",
    # organisation codes
    "统一社会信用代码：91110000600037341L", "统一社会信用代码：９１１１００００６０００３７３４１Ｌ",
    # URLs
    "https://www.gov.cn/zhengce/content/2019-12/31/content_5465430.htm",
    "http://www.example.gov.cn/art/2024/1/2/art_1234_5678901.html",
    # masked values
    "138****1234", "138 **** 1234", "110105********002X", "6222 **** **** 1234", "1381234****",
    # secrecy look-alikes
    "*商业秘密*", "保密审查", "**机密**", "**秘密**资料", "不得涉及国家秘密\n\n★ 重点任务", "信息的机密性", "评分：★★★",
    "秘密地进行", "本机关没有内部事务信息",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_twin_stays_clean(text: str) -> None:
    assert _rules(text) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f"前文\n\n联系人：{HIDDEN_MOBILES[5]}\n后文", 3),
        (f"第一行\u200b\n第二行\u00ad\n{HIDDEN_IDS[3]}", 3),
        (f"a\u3000\n\n\n\u200b{HIDDEN_MARKS[6]}\n", 4),
    ],
)
def test_finding_names_the_line_of_the_original_text(text: str, line: int) -> None:
    (item,) = scan_markdown(text, "content/a.md", CONFIG)
    assert item.line == line


def test_hit_span_covers_the_whole_hidden_value_in_the_original() -> None:
    raw = "电话：１３８\u00a01234\u200b5678，身份证 110105\u00ad19491231·002X，机\u200b密⭐10年"
    spans = {h.rule: raw[h.start : h.end] for h in detect_text(raw, CONFIG)}
    assert spans == {
        "privacy.mobile": "１３８\u00a01234\u200b5678",
        "privacy.id_number": "110105\u00ad19491231·002X",
        "secrecy.mark": "机\u200b密⭐10年",
    }
    assert [raw[h.start : h.end] for h in detect_privacy(raw)] == ["１３８\u00a01234\u200b5678", "110105\u00ad19491231·002X"]
    assert [raw[h.start : h.end] for h in detect_secrecy(raw)] == ["机\u200b密⭐10年"]


@pytest.mark.parametrize("hidden", [*HIDDEN_MOBILES[::5], *HIDDEN_IDS[::5], *HIDDEN_CARDS[::5]])
def test_messages_never_echo_the_full_value(hidden: str) -> None:
    digits = re.sub(r"[^0-9]", "", canonical(hidden))
    assert len(digits) >= 11
    found = scan_markdown(f"号码 {hidden}", "content/a.md", CONFIG)
    assert found
    for item in found:
        for field in (item.message, item.hint, item.location or "", item.field or ""):
            assert digits[-11:] not in re.sub(r"\D", "", field.split("fingerprint:")[0])


# --- linear time -----------------------------------------------------------------------------

ADVERSARIAL = {
    "spaced digits": "1 ",
    "hyphenated digits": "1-",
    "list of digits": "1、",
    "one long digit run": "1",
    "zero-width between digits": "1\u200b",
    "nbsp between digits": "1\u00a0",
    "ideographic-space digits": "１\u3000",
    "separator runs too long to join": "1     ",
    "digits and letters": "1 1 1 1 1 1 1 1 1 1a",
    "four-character separators": "1 -  ",
    "dates": "2024-01-02 ",
    "decimals": "1.5 ",
    "level words": "机密",
    "level words and spaces": "机密        ",
    "levels with asterisks": "机密*",
    "stars": "★",
    "markings split by zero-width": "内\u200b部",
    "id-shaped groups": "110105 19491231 002X ",
    "mobiles": "13812345678 ",
    "cards": "4111 1111 1111 1111 ",
}


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        detect_text(text, CONFIG)
        best = min(best, time.process_time() - start)
    return best


def _ratio(unit: str) -> tuple[float, float]:
    small = unit * (30_000 // len(unit))
    large = unit * (120_000 // len(unit))
    return _cpu(small), _cpu(large)


@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_detectors_are_linear_on_adversarial_input(unit: str) -> None:
    # Linear work gives ~4; quadratic would give ~16. Times below 5 ms are mostly noise: floored.
    # A shared CI machine can stall one measurement, so a failing ratio is measured once more.
    for _ in range(2):
        t_small, t_large = _ratio(unit)
        if t_large / max(t_small, 0.005) < 6:
            return
    pytest.fail(f"CPU time grew from {t_small:.3f} s to {t_large:.3f} s for 4x the input")
