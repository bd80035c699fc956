"""Positive and negative samples for every text detector, and the no-raw-value guarantee."""

from __future__ import annotations

import re

import pytest
from zwgk.core.findings import Finding
from zwgk.core.scan import ScanConfig, fingerprint, mask, scan_markdown
from zwgk.core.scan.config import default_errata

CONFIG, _ = ScanConfig.from_mapping(None, "mkdocs.yml")

# Independent of the implementation: GB 11643 check character and Luhn, written out here.
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(first17: str) -> str:
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _W, strict=True)) % 11]


def luhn_complete(body: str) -> str:
    for check in "0123456789":
        digits = [int(c) for c in body + check][::-1]
        total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
        if total % 10 == 0:
            return body + check
    raise AssertionError


VALID_IDS = ["11010519491231002X", "53010219200508011X", "360426199101010071"]
ID_WITH_PHONE_INSIDE = make_id("41138119880808123")  # contains 13811988080…, a phone-like run
CARD16 = "4111111111111111"
CARD19 = luhn_complete("622202123456789012")
CARD_GROUPED = " ".join(re.findall(".{1,4}", luhn_complete("622848001234567")))


def rules(text: str, config: ScanConfig = CONFIG) -> list[str]:
    return [f.rule for f in scan_markdown(text, "content/a.md", config)]


def only(text: str, rule: str) -> list[Finding]:
    return [f for f in scan_markdown(text, "content/a.md", CONFIG) if f.rule == rule]


def test_sample_builders_agree_with_the_published_samples() -> None:
    assert [make_id(v[:17]) for v in VALID_IDS] == VALID_IDS
    assert ID_WITH_PHONE_INSIDE.startswith("41138119880808123")


# --- privacy.id_number ---------------------------------------------------------------------

ID_POSITIVE = [
    *(f"申请人身份证号：{v}。" for v in VALID_IDS),
    "身份证号码11010519491231002x（小写x）",
    "| 张三 | 360426199101010071 | 已审核 |",
    "旧证号 110105491231002 仍在使用",
    "分组书写：110105 19491231 002X",
    "全角：１１０１０５１９４９１２３１００２Ｘ",
    ID_WITH_PHONE_INSIDE,
]


@pytest.mark.parametrize("text", ID_POSITIVE)
def test_id_number_positive(text: str) -> None:
    assert rules(text) == ["privacy.id_number"]


@pytest.mark.parametrize(
    "text",
    [
        "110105194912310021",  # wrong check digit: not an ID
        "110105194902300020",  # 2月30日 does not exist
        "110105180001010029",  # year 1800
        "910105194912310024",  # first digit 9: no such area
        "A11010519491231002X",  # part of a longer token
        "11010519491231002X7",
        "1101051949123100251",
    ],
)
def test_id_number_negative(text: str) -> None:
    assert "privacy.id_number" not in rules(text)


def test_id_number_with_wrong_check_digit_never_crashes_and_is_not_an_id() -> None:
    for last in "0123456789X":
        value = "11010519491231002" + last
        found = rules(value)
        assert ("privacy.id_number" in found) == (last == "X")


# --- privacy.mobile ------------------------------------------------------------------------

MOBILE_POSITIVE = [
    "联系电话：13812345678",
    "手机19912345678。",
    "+8613812345678",
    "+86 138 1234 5678",
    "8613812345678",
    "138-1234-5678",
    "138 1234 5678",
    "138 1234-5678",  # mixed separators: the public still reads one number
    "（联系人：李四，１３７１２３４５６７８）",
    "<td>15012345678</td>",
]


@pytest.mark.parametrize("text", MOBILE_POSITIVE)
def test_mobile_positive(text: str) -> None:
    assert rules(text) == ["privacy.mobile"]


@pytest.mark.parametrize(
    "text",
    [
        "12812345678",  # 12x is not a mobile prefix
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "0138123456789",
        "138-1234-567",
        "电话 010-12345678、0755-88886666",
        "Tel13812345678x",
    ],
)
def test_mobile_negative(text: str) -> None:
    assert "privacy.mobile" not in rules(text)


# --- privacy.bank_card ---------------------------------------------------------------------

BANK_POSITIVE = [
    f"请汇至 {CARD16}",
    f"{CARD19}",
    f"卡：{CARD_GROUPED}",
    "4111-1111-1111-1111",
    "账号：1234567890123",  # fails Luhn but introduced as an account number
    "开户行：工商银行，银行账户 1234 5678 9012 34",
    "帐号 123456789012",
]


@pytest.mark.parametrize("text", BANK_POSITIVE)
def test_bank_card_positive(text: str) -> None:
    found = rules(text)
    assert found.count("privacy.bank_card") == 1
    assert set(found) <= {"privacy.bank_card", "wording.errata"}  # 帐号 is also an errata entry


@pytest.mark.parametrize(
    "text",
    [
        "订单编号 1234567890123456",  # 16 digits failing Luhn, no account context
        "1234567890123",
        "金额 12,345,678.90 元",
        "12345678901234567890123",  # too long for a card
        "6222 **** **** 1234",
        "6222********1234",
        "编号 1234 5678 9012",
    ],
)
def test_bank_card_negative(text: str) -> None:
    assert "privacy.bank_card" not in rules(text)


def test_id_number_is_not_reported_again_as_a_card() -> None:
    luhn_ids = [v for v in (make_id(f"11010519900101{i:03d}") for i in range(1, 400)) if v[-1] != "X"]
    ids_passing_luhn = [v for v in luhn_ids if luhn_complete(v[:-1]) == v]
    assert ids_passing_luhn, "need an ID that also passes Luhn"
    assert rules(f"卡号 {ids_passing_luhn[0]}") == ["privacy.id_number"]


# --- masked values, 统一社会信用代码, ordinary numbers -----------------------------------------

def _uscc(first17: str) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(chars.index(c) * w for c, w in zip(first17, weights, strict=True))
    return first17 + chars[(31 - total % 31) % 31]


def _org_check(body8: str) -> str:
    total = sum(int(c) * w for c, w in zip(body8, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _all_digit_uscc_passing_luhn() -> str:
    for n in range(10_000_000, 10_100_000):
        body = f"{n:08d}"
        org = body + _org_check(body)
        if not org[-1].isdigit():
            continue
        code = _uscc("91110000" + org)
        if code[-1].isdigit() and luhn_complete(code[:-1]) == code:
            return code
    raise AssertionError


@pytest.mark.parametrize(
    "text",
    [
        "138****1234",
        "联系电话：138****5678",
        "35**************123X",
        "110105********002X",
        "110105**********2X",
        "1101051949****002X",
        "统一社会信用代码：91110000600037341L",
        "91110000600037341L",
        "文号：国办发〔2024〕12号",
        "〔2024〕12号",
        "成文日期 20240101，发布日期 2024-01-02",
        "2024年1月1日起施行",
        "索引号 000014349/2024-00123",
        "邮编 100017，电话 010-66668888",
        "保密审查、保密工作、商业秘密、国家秘密",
    ],
)
def test_negative_samples_produce_nothing(text: str) -> None:
    assert rules(text) == []


def test_all_digit_uscc_is_not_a_card_or_id() -> None:
    code = _all_digit_uscc_passing_luhn()
    assert rules(f"统一社会信用代码 {code}") == []
    assert rules(code) == []


# --- secrecy.mark --------------------------------------------------------------------------

SECRECY_POSITIVE = [
    "机密★10年",
    "绝密★长期",
    "秘密★1年",
    "机密★会议开始前",
    "秘密★",
    "机密 ★ 5年",
    "绝密☆",
    "密级：机密*",
    "机密＊1年",
    "内部资料",
    "内部资料 注意保密",
    "内部文件，不得外传",
    "严禁外传",
]


@pytest.mark.parametrize("text", SECRECY_POSITIVE)
def test_secrecy_positive(text: str) -> None:
    found = rules(text)
    assert found and set(found) == {"secrecy.mark"}


def test_secrecy_mark_shows_period() -> None:
    (item,) = only("标题\n\n机密★10年\n", "secrecy.mark")
    assert "机密★10年" in item.message and item.line == 3


@pytest.mark.parametrize(
    "text",
    [
        "依法保护商业秘密",
        "不得涉及国家秘密、工作秘密",
        "开展保密审查工作",
        "加强保密工作",
        "*商业秘密*",
        "**秘密**",
        "**机密**资料",
        "信息的机密性",
        "秘密地进行",
        "本机关没有内部事务信息",
        "评分：★★★",
    ],
)
def test_secrecy_negative(text: str) -> None:
    assert "secrecy.mark" not in rules(text)


# html.unsafe and link.external are decided on the rendered HTML now (zwgk.core.pagecheck and its
# tests), not on the Markdown source: the regex model of Markdown was removed.


# --- wording.errata ------------------------------------------------------------------------

ERRATA = default_errata()


def test_errata_list_is_realistic_size() -> None:
    assert len(ERRATA) >= 30


@pytest.mark.parametrize("entry", ERRATA, ids=[e.wrong for e in ERRATA])
def test_errata_wrong_form_is_reported(entry) -> None:  # type: ignore[no-untyped-def]
    (item,) = only(f"根据{entry.wrong}的要求", "wording.errata")
    assert f"“{entry.wrong}”" in item.message and f"“{entry.right}”" in item.message


@pytest.mark.parametrize("entry", ERRATA, ids=[e.right for e in ERRATA])
def test_errata_correct_form_is_not_reported(entry) -> None:  # type: ignore[no-untyped-def]
    assert "wording.errata" not in rules(f"根据{entry.right}的要求")


def test_errata_extra_from_config() -> None:
    config, problems = ScanConfig.from_mapping(
        {"errata_extra": [{"wrong": "某某县人民政府办公室", "right": "某某县人民政府办公厅", "note": "本地机构名"}]},
        "mkdocs.yml",
    )
    assert not problems
    (item,) = [f for f in scan_markdown("某某县人民政府办公室发布", "a.md", config) if f.rule == "wording.errata"]
    assert "本地机构名" in item.message
    assert rules("国务院办公室", config) == ["wording.errata"]  # defaults still apply


# --- placement and the no-raw-value guarantee ----------------------------------------------

def test_line_numbers_count_front_matter() -> None:
    text = "---\ntitle: 名单\n---\n\n# 名单\n\n| 姓名 | 电话 |\n|---|---|\n| 张三 | 13812345678 |\n"
    (item,) = scan_markdown(text, "content/a.md", CONFIG)
    assert (item.path, item.line, item.rule) == ("content/a.md", 9, "privacy.mobile")


def test_hint_carries_fingerprint_and_how_to_allow() -> None:
    (item,) = scan_markdown("13812345678", "a.md", CONFIG)
    assert f"fingerprint: {fingerprint('privacy.mobile', '13812345678')}" in item.hint
    assert "exceptions" in item.hint and "138****5678" in item.message


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13800001234", "138****1234"),
        ("11010519491231002X", "110105**********2X"),
        ("11010519491231002x", "110105**********2X"),
        ("110105491231002", "110105*******02"),
        ("6222 0212 3456 7890", "6222********7890"),
        ("1234", "****"),
    ],
)
def test_mask(value: str, masked: str) -> None:
    assert mask(value) == masked


GOLDEN = [
    *(t for t in ID_POSITIVE), *MOBILE_POSITIVE, *BANK_POSITIVE,
]


def _raw_values(text: str) -> list[str]:
    compact = text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X"))
    runs = re.findall(r"[0-9][0-9 \-]{9,}[0-9Xx]", compact)
    return [r for r in runs] + [re.sub(r"[ \-]", "", r) for r in runs]


@pytest.mark.parametrize("text", GOLDEN)
def test_raw_value_never_appears_in_any_finding_field(text: str) -> None:
    found = scan_markdown(f"前文\n{text}\n后文", "content/a.md", CONFIG)
    assert found
    values = [v for v in _raw_values(text) if len(re.sub(r"\D", "", v)) >= 11]
    assert values
    for item in found:
        for field in (item.message, item.hint, item.location or "", item.field or ""):
            for value in values:
                assert value not in field and value.upper() not in field.upper()


def test_redact_keeps_fingerprints() -> None:
    from zwgk.core.scan.hits import redact

    assert redact("fingerprint: 123456789012，电话 13812345678") == "fingerprint: 123456789012，电话 138****5678"
