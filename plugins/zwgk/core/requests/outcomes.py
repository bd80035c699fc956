"""Table 3 (收到和处理政府信息公开申请情况) of the 年报, row codes and labels: the ONE place they live.

The register's ``outcome`` and the 年报 generator both use these codes. A code names a row by
its numbering in the official format (国办公开办函〔2021〕30号): ``三.三.1`` is row 三、（三）1.
Only *leaves* are outcomes a request can have; ``三.三`` and the totals are sums the 年报 adds up.

Accepted spellings of an outcome (:func:`normalise`): the code (``三.三.1``), the official
numbering (``三（三）1``, ``三(三)1``, ``（三）1``), or the label (``属于国家秘密``, also with its
group: ``不予公开-属于国家秘密``). Everything else is refused with a finding by the register.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    code: str  # "三.三.1"
    label: str  # the row's wording in the official format
    group: str | None = None  # parent code for a sub-row ("三.三"), None for a top-level result row

    @property
    def numbering(self) -> str:
        """As printed in the table: ``（三）1`` for a sub-row, ``（一）`` for a result row."""
        parts = self.code.split(".")
        return f"（{parts[1]}）" + (parts[2] if len(parts) > 2 else "")


# The result groups (三、本年度办理结果). 三.一/三.二 are leaves themselves; the others have sub-rows.
GROUPS: dict[str, str] = {
    "三.一": "予以公开",
    "三.二": "部分公开",
    "三.三": "不予公开",
    "三.四": "无法提供",
    "三.五": "不予处理",
    "三.六": "其他处理",
}
TOTAL = Row("三.七", "总计")

LEAVES: tuple[Row, ...] = (
    Row("三.一", "予以公开"),
    Row("三.二", "部分公开"),
    Row("三.三.1", "属于国家秘密", "三.三"),
    Row("三.三.2", "其他法律行政法规禁止公开", "三.三"),
    Row("三.三.3", "危及“三安全一稳定”", "三.三"),
    Row("三.三.4", "保护第三方合法权益", "三.三"),
    Row("三.三.5", "属于三类内部事务信息", "三.三"),
    Row("三.三.6", "属于四类过程性信息", "三.三"),
    Row("三.三.7", "属于行政执法案卷", "三.三"),
    Row("三.三.8", "属于行政查询事项", "三.三"),
    Row("三.四.1", "本机关不掌握相关政府信息", "三.四"),
    Row("三.四.2", "没有现成信息需要另行制作", "三.四"),
    Row("三.四.3", "补正后申请内容仍不明确", "三.四"),
    Row("三.五.1", "信访举报投诉类申请", "三.五"),
    Row("三.五.2", "重复申请", "三.五"),
    Row("三.五.3", "要求提供公开出版物", "三.五"),
    Row("三.五.4", "无正当理由大量反复申请", "三.五"),
    Row("三.五.5", "要求行政机关确认或重新出具已获取信息", "三.五"),
    Row("三.六.1", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "三.六"),
    Row("三.六.2", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "三.六"),
    Row("三.六.3", "其他", "三.六"),
)
BY_CODE: dict[str, Row] = {r.code: r for r in LEAVES}
LEAF_CODES: tuple[str, ...] = tuple(r.code for r in LEAVES)
# Outcomes that disclose (in whole or part): every other outcome needs its legal basis (``reason``).
DISCLOSED = frozenset({"三.一", "三.二"})
# Art. 30: no correction arrived → treated as withdrawn.
NOT_CORRECTED = "三.六.1"

# 三（三）1, 三(三)1, （三）1, 三.三.1, 三、（三）1 … → parts ("三", "1")
_NUMBERING = re.compile(r"^(?:三[、.．]?)?[（(]?([一二三四五六七])[）)]?[.．、]?([1-8])?$")


def _fold(text: str) -> str:
    """Ignore spacing and quote style: clerks type labels with ASCII or Chinese quotes."""
    return re.sub(r"[\s\"“”'‘’「」]", "", text)


_BY_LABEL: dict[str, str] = {}
for _row in LEAVES:
    _BY_LABEL.setdefault(_fold(_row.label), _row.code)
    if _row.group:
        for sep in ("-", "—", "：", ":", "/", "·", ""):
            _BY_LABEL[_fold(f"{GROUPS[_row.group]}{sep}{_row.label}")] = _row.code


def normalise(value: str) -> str | None:
    """The leaf code for any accepted spelling of an outcome; None when it is not a leaf."""
    text = _fold(value)
    if text in BY_CODE:
        return text
    match = _NUMBERING.match(text)
    if match:
        code = "三." + match.group(1) + (f".{match.group(2)}" if match.group(2) else "")
        return code if code in BY_CODE else None
    return _BY_LABEL.get(text)


def group_of(value: str) -> str | None:
    """The result group a non-leaf outcome names (``三.三`` or ``不予公开``), for a precise finding."""
    text = _fold(value)
    for code, label in GROUPS.items():
        if text in (code, label) or text == f"三（{code[-1]}）" or text == f"（{code[-1]}）":
            return code
    return None


def label(code: str) -> str:
    """``三.三.1 不予公开：属于国家秘密`` style label for reports and findings."""
    row = BY_CODE[code]
    return f"{GROUPS[row.group]}：{row.label}" if row.group else row.label


def leaves_of(group: str) -> tuple[Row, ...]:
    return tuple(r for r in LEAVES if r.group == group or r.code == group)

