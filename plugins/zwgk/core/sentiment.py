"""The 舆情 register: ``governance/sentiment/<year>/<no>.yml``, one file per 政务舆情 (never published).

附件2《政务舆情工作制度》: 组宣人事处 monitors, 研判 (一般 / 重大 / 特别重大), 转办 to the responsible
division, which responds (一般 within 48 hours); for 特别重大、重大突发事件 the division reports to
党组/市委市政府 at once, authoritative information follows within 5 hours (国办发〔2016〕80号) and a
press conference within 24 hours, then further authoritative releases. A record::

    id: 2026-003
    surfaced: 2026-09-07 09:30          # 北京时间，写到分钟
    where: 市政务办微信公众号留言
    summary: 反映不动产登记窗口排队时间长
    level: 一般                          # 一般 | 重大 | 特别重大
    division: 政务服务中心               # 涉事责任处室
    transferred: {to: 政务服务中心, at: 2026-09-07 11:00}
    response: {at: 2026-09-08 10:00, how: 公众号留言回复, item: 11459900MB0012345X/2026-00016}
    report: {to: 党组, at: …}           # 重大、特别重大
    press_conference: {at: …, url: …}
    releases: [{at: …, what: 通报处置进展}]
    feedback: 已在回应关切栏目公开处置情况

The clocks are :func:`zwgk.core.clocks.response.clock_for`, the same as a public 回应关切 item's: they
run from ``surfaced`` whether or not a page exists. The register holds no one's identity: identity
fields are refused by name and the file's text goes through the 保密审查 detectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import registerfiles
from .clocks.response import LEVELS, ResponseClock, clock_for
from .clocks.settings import ClockSettings, to_shanghai
from .findings import Finding, finding
from .model import Site
from .requests.register import IDENTITY_KEYS
from .suggest import did_you_mean

SENTIMENT_DIR = "governance/sentiment"
RULE = "sentiment.invalid"
FIELDS: dict[str, str] = {
    "id": "舆情编号", "surfaced": "舆情出现时间", "where": "出现平台", "summary": "舆情概要", "level": "研判等级",
    "division": "涉事责任处室", "transferred": "转办", "response": "回应", "report": "向党组、市委市政府报告",
    "press_conference": "新闻发布会", "releases": "权威信息发布", "feedback": "处置反馈",
}
IDENTITY_HINT = "舆情登记簿不记录网民或当事人的身份信息（姓名、证件号码、电话、地址）：删除该内容，写概要即可"
FIELD_NAMES = ("response -> at", "releases -> [0] -> at", "press_conference -> at")  # where each clock is met


@dataclass(frozen=True)
class Release:
    at: dt.datetime
    what: str


@dataclass(frozen=True)
class Sentiment:
    path: str
    id: str
    surfaced: dt.datetime
    where: str
    summary: str
    level: str
    division: str
    transferred_to: str | None = None
    transferred_at: dt.datetime | None = None
    responded: dt.datetime | None = None
    response_item: str | None = None  # 索引号 of the public 回应关切 item
    reported_to: str | None = None
    reported_at: dt.datetime | None = None
    press_at: dt.datetime | None = None
    releases: tuple[Release, ...] = ()

    def clock(self, settings: ClockSettings) -> ResponseClock:
        first = min((r.at for r in self.releases), default=None)
        return clock_for(settings, self.level, self.surfaced, self.responded, first, self.press_at, fields=FIELD_NAMES)

    def times(self) -> list[tuple[str, dt.datetime]]:
        """(field, time) of every step, to check none precedes ``surfaced``."""
        pairs = [("transferred -> at", self.transferred_at), ("response -> at", self.responded),
                 ("report -> at", self.reported_at), ("press_conference -> at", self.press_at)]
        pairs += [(f"releases -> [{i}] -> at", r.at) for i, r in enumerate(self.releases)]
        return [(k, v) for k, v in pairs if v is not None]


_text = registerfiles.text_value


class _Reader:
    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.problems: list[Finding] = []

    def bad(self, field: str, message: str, hint: str, rule: str = RULE) -> None:
        self.problems.append(finding(rule, self.rel, message, hint, field=field))

    def keys(self, raw: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in sorted(str(k) for k in raw if k not in allowed):
            field = f"{where} -> {key}" if where else key
            if key.lower() in IDENTITY_KEYS:
                self.bad(field, f"舆情登记簿中出现身份信息字段 {key}", IDENTITY_HINT, "sentiment.personal_data")
                continue
            self.bad(field, f"未知字段 {key}", did_you_mean(key, allowed, "可用字段：" + "、".join(allowed)))

    def time(self, value: Any, field: str, label: str, *, required: bool = False) -> dt.datetime | None:
        if value is None or value == "":
            if required:
                self.bad(field, f"缺少 {field}（{label}）", f"写北京时间到分钟，例如 {field.split(' -> ')[-1]}: 2026-09-07 09:30")
            return None
        at = to_shanghai(value)
        if at is None:
            self.bad(field, f"{field}（{label}）的值 {value!r} 不是日期时间（要写到分钟）",
                     f"写北京时间，例如 {field.split(' -> ')[-1]}: 2026-09-07 09:30")
        return at

    def mapping(self, value: Any, field: str, example: str) -> Mapping[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.bad(field, f"{field}（{FIELDS.get(field, field)}）应写成映射", f"格式示例：{field}: {example}")
            return None
        return value


def read_sentiment(rel: str, data: Any, folder_year: int | None = None) -> tuple[Sentiment | None, list[Finding]]:
    """One register file's parsed YAML → a record (None when a field the clocks need is unusable)."""
    if not isinstance(data, Mapping):
        return None, [finding(RULE, rel, "舆情登记文件应为“字段: 值”的映射", "参照 docs/clocks.md 的模板填写")]
    r = _Reader(rel)
    r.keys(data, tuple(FIELDS), "")
    texts = {k: _text(data.get(k)) for k in ("id", "where", "summary", "division")}
    examples = {"id": "2026-003", "where": "市政务办微信公众号留言", "summary": "反映窗口排队时间长", "division": "政务服务中心"}
    for key, example in examples.items():
        if texts[key] is None:
            r.bad(key, f"缺少 {key}（{FIELDS[key]}）", f"例如 {key}: {example}")
    surfaced = r.time(data.get("surfaced"), "surfaced", FIELDS["surfaced"], required=True)
    if surfaced is not None and folder_year is not None and surfaced.year != folder_year:
        r.bad("surfaced", f"舆情出现时间 {surfaced:%Y-%m-%d} 与所在年份目录 {folder_year} 不一致",
              f"把文件移到 {SENTIMENT_DIR}/{surfaced.year}/，或核对 surfaced")
    level = _text(data.get("level"))
    if level not in LEVELS:
        r.bad("level", f"缺少 level（{FIELDS['level']}）" if level is None else f"level（研判等级）的值 {level} 无效",
              "可选：" + "、".join(LEVELS))
    tr = r.mapping(data.get("transferred"), "transferred", "{to: 政务服务中心, at: 2026-09-07 11:00}") or {}
    r.keys(tr, ("to", "at"), "transferred")
    resp = r.mapping(data.get("response"), "response", "{at: 2026-09-08 10:00, how: 公众号留言回复, item: 索引号}") or {}
    r.keys(resp, ("at", "how", "item"), "response")
    rep = r.mapping(data.get("report"), "report", "{to: 党组, at: 2026-09-07 10:30}") or {}
    r.keys(rep, ("to", "at"), "report")
    press = r.mapping(data.get("press_conference"), "press_conference", "{at: 2026-09-08 09:00, url: …}") or {}
    r.keys(press, ("at", "url"), "press_conference")
    releases: list[Release] = []
    raw_releases = data.get("releases")
    if raw_releases is not None and not isinstance(raw_releases, list):
        r.bad("releases", "releases（权威信息发布）应写成列表", "格式示例：releases: [{at: 2026-09-07 14:00, what: 通报初步核查情况}]")
    for i, rel_entry in enumerate(raw_releases if isinstance(raw_releases, list) else []):
        where = f"releases -> [{i}]"
        m = r.mapping(rel_entry, where, "{at: 2026-09-07 14:00, what: 通报初步核查情况}")
        if m is None:
            continue
        r.keys(m, ("at", "what", "item"), where)
        at = r.time(m.get("at"), f"{where} -> at", "发布时间", required=True)
        what = _text(m.get("what"))
        if what is None:
            r.bad(f"{where} -> what", f"缺少 {where} -> what（发布了什么）", "例如 what: 通报初步核查情况")
        if at is not None:
            releases.append(Release(at, what or ""))
    values = {
        "transferred_at": r.time(tr.get("at"), "transferred -> at", "转办时间"),
        "responded": r.time(resp.get("at"), "response -> at", "回应时间"),
        "reported_at": r.time(rep.get("at"), "report -> at", "报告时间"),
        "press_at": r.time(press.get("at"), "press_conference -> at", "新闻发布会时间"),
    }
    if None in texts.values() or surfaced is None or level not in LEVELS:
        return None, r.problems
    assert level is not None and texts["id"] and texts["where"] and texts["summary"] and texts["division"]
    record = Sentiment(rel, texts["id"], surfaced, texts["where"], texts["summary"], level, texts["division"],
                       transferred_to=_text(tr.get("to")), response_item=_text(resp.get("item")),
                       reported_to=_text(rep.get("to")), releases=tuple(sorted(releases, key=lambda x: x.at)),
                       **values)
    return record, r.problems


def scan_text(text: str, rel: str) -> list[Finding]:
    """The 保密审查 detectors over the whole file (comments included), as for the 依申请公开 register."""
    return registerfiles.scan_text(text, rel, "sentiment", "舆情登记簿", IDENTITY_HINT,
                                   "涉密事项不在本文件记录：删除该内容，按保密规定另行处理")


def load_sentiments(site: Site) -> tuple[list[Sentiment], list[Finding]]:
    """Every record (sorted by time surfaced) and every problem in the register."""
    files, problems = registerfiles.record_files(
        site.root, SENTIMENT_DIR, lambda name: bool(registerfiles.YEAR.match(name)),
        lambda rel: finding(RULE, rel, "舆情登记簿中不认识的文件（不会被读取）",
                            f"每条舆情一个文件：{SENTIMENT_DIR}/<年份>/<序号>.yml，例如 {SENTIMENT_DIR}/2026/003.yml"))
    records, read_problems = registerfiles.read_records(
        [(path, rel, int(year)) for path, rel, year in files], RULE, scan_text, read_sentiment,
        lambda record, rel, earlier: finding("sentiment.duplicate", rel, f"舆情编号 {record.id} 与 {earlier} 重复",
                                             "每条舆情一个编号：改正其中一个", field="id"))
    return sorted(records, key=lambda s: (s.surfaced, s.id)), problems + read_problems
