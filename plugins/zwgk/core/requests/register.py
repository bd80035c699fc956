"""Reading the 依申请公开 register: ``governance/requests/<year>/<no>.yml``, one file per request.

Every field is validated here, with a Chinese finding naming the file, the field and the fix;
the statutory clocks (``requests.clock``) and the cross-field rules (``rules.requests``) work on
the :class:`~.model.Request` values this module returns. A file whose ``id``, ``received``,
``channel`` or ``applicant_type`` is unusable is left out of the list (its findings say why): the
年报 counts requests by those four. A bad optional field is reported and read as absent.

The register holds no applicant identity. Fields that would (name, phone, ID number, address…)
are refused by name, and every register file's text — comments included — goes through the
保密审查 detectors (personal numbers, secrecy marks) that guard the published site.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import registerfiles, repofiles
from ..findings import Finding, finding
from ..model import Site
from ..schema import coerce_date
from ..suggest import did_you_mean
from . import outcomes
from .model import (
    APPEAL_KINDS,
    APPEAL_RESULTS,
    APPLICANT_TYPES,
    CHANNELS,
    Appeal,
    Consultation,
    Correction,
    Extension,
    JointReview,
    Request,
    Step,
)

REQUESTS_DIR = "governance/requests"
RULE = "requests.invalid"
MAX_EXTENSION = 20  # Art. 33: at most 20 more working days

# Field -> Chinese label, in the order of the rulebook's steps (used in findings and scaffolds).
FIELDS: dict[str, str] = {
    "id": "申请编号",
    "received": "收到申请之日",
    "channel": "申请渠道",
    "applicant_type": "申请人类型",
    "registrar": "登记人",
    "subject": "申请内容摘要",
    "division": "承办处室",
    "transferred": "转办日期",
    "correction": "补正",
    "consultations": "征求意见（第三方、其他机关）",
    "joint_review": "会商",
    "extension": "延期答复",
    "drafted": "起草答复意见日期",
    "leader_review": "分管领导审核",
    "replied": "答复日期",
    "outcome": "办理结果（年报表三行号）",
    "reason": "不予公开等的法律依据",
    "archived": "归档日期",
    "appeal": "行政复议、行政诉讼",
}
# Names a clerk might reach for to record who asked. The register must not hold them.
IDENTITY_KEYS = frozenset({
    "applicant", "applicant_name", "name", "姓名", "申请人", "id_number", "id_card", "idcard", "身份证",
    "身份证号", "phone", "mobile", "tel", "telephone", "电话", "手机", "address", "地址", "email", "邮箱",
    "contact", "联系方式", "company", "单位名称", "organization",
})
IDENTITY_HINT = ("登记簿不记录申请人身份信息（姓名、证件号码、电话、地址、邮箱）：删除该内容。"
                 "身份信息只留在档案室的案卷中，以申请编号 id 关联")
TEXT_EXAMPLES = {"registrar": "综合处 王某", "subject": "2025年度政务服务事项目录", "division": "政策法规处",
                 "reason": "《政府信息公开条例》第十四条"}


_text = registerfiles.text_value


class _Reader:
    """Validates one file's mapping; collects findings instead of stopping at the first."""

    def __init__(self, rel: str, data: Mapping[str, Any]) -> None:
        self.rel, self.data = rel, data
        self.problems: list[Finding] = []

    def bad(self, field: str, message: str, hint: str, rule: str = RULE) -> None:
        self.problems.append(finding(rule, self.rel, message, hint, field=field))

    def date(self, value: Any, field: str, label: str, *, required: bool = False) -> Any:
        """A date, or None (absent, or bad and reported)."""
        if value is None or value == "":
            if required:
                self.bad(field, f"缺少 {field}（{label}）", f"写成 YYYY-MM-DD，例如 {field.split(' -> ')[-1]}: 2026-03-02")
            return None
        day = coerce_date(value)
        if day is None:
            self.bad(field, f"{field}（{label}）的值 {value!r} 不是有效日期",
                     f"写成 YYYY-MM-DD，例如 {field.split(' -> ')[-1]}: 2026-03-02")
        return day

    def mapping(self, value: Any, field: str, label: str, example: str) -> Mapping[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.bad(field, f"{field}（{label}）应写成映射", f"格式示例：{field}: {example}")
            return None
        return value

    def keys(self, raw: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in sorted(str(k) for k in raw if k not in allowed):
            field = f"{where} -> {key}" if where else key
            if key.lower() in IDENTITY_KEYS:
                self.bad(field, f"登记簿中出现申请人身份信息字段 {key}", IDENTITY_HINT, "requests.personal_data")
                continue
            self.bad(field, f"未知字段 {key}", did_you_mean(key, allowed, "可用字段：" + "、".join(allowed)))

    def choice(self, key: str, options: tuple[str, ...]) -> str | None:
        value = _text(self.data.get(key))
        if value in options:
            return value
        got = f"缺少 {key}（{FIELDS[key]}）" if value is None else f"{key}（{FIELDS[key]}）的值 {value} 无效"
        self.bad(key, got, "可选：" + "、".join(options))
        return None


def _correction(r: _Reader) -> Correction | None:
    raw = r.mapping(r.data.get("correction"), "correction", FIELDS["correction"],
                    "{notified: 2026-03-05, received: 2026-03-16}")
    if raw is None:
        return None
    r.keys(raw, ("notified", "received"), "correction")
    notified = r.date(raw.get("notified"), "correction -> notified", "补正告知日期", required=True)
    received = r.date(raw.get("received"), "correction -> received", "收到补正后申请之日")
    return Correction(notified, received) if notified is not None else None


def _consultations(r: _Reader) -> tuple[Consultation, ...]:
    raw = r.data.get("consultations")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        r.bad("consultations", "consultations（征求意见）应写成列表",
              "格式示例：consultations: [{sent: 2026-03-20, answered: 2026-03-27}]")
        return ()
    out: list[Consultation] = []
    for i, entry in enumerate(raw):
        where = f"consultations -> [{i}]"
        m = r.mapping(entry, where, "一次征求意见", "{sent: 2026-03-20, answered: 2026-03-27}")
        if m is None:
            if entry is None:
                r.bad(where, f"第 {i + 1} 次征求意见是空的", "删除空行，或写成 {sent: …, answered: …}")
            continue
        r.keys(m, ("sent", "answered"), where)
        sent = r.date(m.get("sent"), f"{where} -> sent", "发出征求意见之日", required=True)
        answered = r.date(m.get("answered"), f"{where} -> answered", "收到意见之日")
        if sent is not None:
            out.append(Consultation(sent, answered))
    return tuple(out)


def _extension(r: _Reader) -> Extension | None:
    raw = r.mapping(r.data.get("extension"), "extension", FIELDS["extension"],
                    "{approved: 2026-03-30, notified: 2026-03-30}")
    if raw is None:
        return None
    r.keys(raw, ("approved", "notified", "days"), "extension")
    approved = r.date(raw.get("approved"), "extension -> approved", "信息公开工作机构负责人同意延期之日")
    notified = r.date(raw.get("notified"), "extension -> notified", "告知申请人延期之日")
    days = raw.get("days", MAX_EXTENSION)
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        r.bad("extension -> days", f"extension -> days（延长的工作日数）的值 {days!r} 无效",
              f"写 1 到 {MAX_EXTENSION} 之间的整数；不写即按 {MAX_EXTENSION} 个工作日")
        days = MAX_EXTENSION
    # days > 20 is kept as written: rules.requests reports it (the clock counts at most 20).
    return Extension(approved, notified, days)


def _leader_review(r: _Reader) -> Step | None:
    raw = r.mapping(r.data.get("leader_review"), "leader_review", FIELDS["leader_review"],
                    "{name: 分管副主任, date: 2026-03-25}")
    if raw is None:
        return None
    r.keys(raw, ("name", "date"), "leader_review")
    name = _text(raw.get("name"))
    if name is None:
        r.bad("leader_review -> name", "缺少 leader_review -> name（审核的分管领导）", "例如 name: 分管副主任")
    day = r.date(raw.get("date"), "leader_review -> date", "分管领导审核日期", required=True)
    return Step(name, day) if name is not None and day is not None else None


def _joint_review(r: _Reader) -> JointReview | None:
    raw = r.data.get("joint_review")
    if raw is None or raw is False:
        return None
    if raw is True:  # marked for 会商, conclusion still to come (rules.requests reports it)
        return JointReview()
    m = r.mapping(raw, "joint_review", FIELDS["joint_review"], "{date: 2026-03-10, conclusion: 不属于依申请公开}")
    if m is None:
        return None
    r.keys(m, ("date", "conclusion"), "joint_review")
    day = r.date(m.get("date"), "joint_review -> date", "会商日期")
    return JointReview(day, _text(m.get("conclusion")))


def _appeals(r: _Reader) -> tuple[Appeal, ...]:
    raw = r.data.get("appeal")
    if raw is None:
        return ()
    entries = raw if isinstance(raw, list) else [raw]
    out: list[Appeal] = []
    for i, entry in enumerate(entries):
        where = f"appeal -> [{i}]" if isinstance(raw, list) else "appeal"
        m = r.mapping(entry, where, FIELDS["appeal"], "{kind: 复议, filed: 2026-05-10, result: 维持}")
        if m is None:
            continue
        r.keys(m, ("kind", "filed", "result"), where)
        kind = _text(m.get("kind"))
        if kind not in APPEAL_KINDS:
            r.bad(f"{where} -> kind", f"{where} -> kind（复议或诉讼）的值 {kind} 无效", "可选：" + "、".join(APPEAL_KINDS))
        filed = r.date(m.get("filed"), f"{where} -> filed", "申请复议或起诉之日", required=True)
        result = _text(m.get("result")) or "未审结"
        if result not in APPEAL_RESULTS:
            r.bad(f"{where} -> result", f"{where} -> result（结果）的值 {result} 无效",
                  "可选：" + "、".join(APPEAL_RESULTS) + "；尚未审结的写 未审结")
        if kind in APPEAL_KINDS and filed is not None and result in APPEAL_RESULTS:
            out.append(Appeal(kind, filed, result))
    return tuple(out)


def _outcome(r: _Reader) -> str | None:
    value = _text(r.data.get("outcome"))
    if value is None:
        return None
    code = outcomes.normalise(value)
    if code is not None:
        return code
    group = outcomes.group_of(value)
    if group is not None:
        leaves = "、".join(f"{row.code}（{row.label}）" for row in outcomes.leaves_of(group))
        r.bad("outcome", f"outcome（办理结果）{value} 是年报表三的分类，不是具体的行", f"写明具体一行：{leaves}",
              "requests.outcome")
    else:
        r.bad("outcome", f"outcome（办理结果）{value} 不是年报表三“本年度办理结果”中的一行",
              "写行号或该行名称，例如 三.一（予以公开）、三.三.4（保护第三方合法权益）、三.四.1（本机关不掌握相关政府信息）；"
              "完整列表见 docs/requests.md", "requests.outcome")
    return None


def read_request(rel: str, data: Any, folder_year: int | None = None) -> tuple[Request | None, list[Finding]]:
    """One register file's parsed YAML → a Request (or None) and the problems found in it."""
    if not isinstance(data, Mapping):
        return None, [finding(RULE, rel, "登记文件应为“字段: 值”的映射",
                              "参照 docs/requests.md 的模板，或用 zwgk requests new 生成")]
    r = _Reader(rel, data)
    r.keys(data, tuple(FIELDS), "")
    rid = _text(data.get("id"))
    if rid is None:
        r.bad("id", "缺少 id（申请编号）", "写成 年份-序号，例如 id: 2026-017；编号与档案室案卷号一致")
    received = r.date(data.get("received"), "received", FIELDS["received"], required=True)
    if received is not None and folder_year is not None and received.year != folder_year:
        r.bad("received", f"收到申请之日 {received} 与所在年份目录 {folder_year} 不一致",
              f"把文件移到 {REQUESTS_DIR}/{received.year}/，或核对 received")
    channel = r.choice("channel", tuple(CHANNELS))
    applicant_type = r.choice("applicant_type", tuple(APPLICANT_TYPES))
    text_fields = {k: _text(data.get(k)) for k in TEXT_EXAMPLES}
    for key, example in TEXT_EXAMPLES.items():
        if data.get(key) not in (None, "") and text_fields[key] is None:
            r.bad(key, f"{key}（{FIELDS[key]}）应为文字", f"例如 {key}: {example}")
    dates = {k: r.date(data.get(k), k, FIELDS[k]) for k in ("transferred", "drafted", "replied", "archived")}
    request = None
    correction, consultations, extension = _correction(r), _consultations(r), _extension(r)
    leader, joint, appeals, outcome = _leader_review(r), _joint_review(r), _appeals(r), _outcome(r)
    if rid is not None and received is not None and channel is not None and applicant_type is not None:
        request = Request(
            path=rel, id=rid, received=received, channel=channel, applicant_type=applicant_type,
            division=text_fields["division"], correction=correction, consultations=consultations,
            extension=extension, replied=dates["replied"], outcome=outcome, reason=text_fields["reason"],
            appeals=appeals, registrar=text_fields["registrar"], subject=text_fields["subject"],
            transferred=dates["transferred"], drafted=dates["drafted"], leader_review=leader,
            archived=dates["archived"], joint_review=joint,
        )
    return request, r.problems


def scan_text(text: str, rel: str) -> list[Finding]:
    """The 保密审查 detectors over a register file's whole text (comments included)."""
    return registerfiles.scan_text(text, rel, "requests", "登记簿", IDENTITY_HINT,
                                   "涉密申请不在本登记簿办理：删除该内容，按保密规定另行登记")


def register_files(root: Path) -> tuple[list[tuple[Path, str, int | None]], list[Finding]]:
    """(absolute path, repo-relative path, folder year) of every register file, sorted."""
    files, problems = registerfiles.record_files(
        root, REQUESTS_DIR, lambda name: bool(registerfiles.YEAR.match(name)),
        lambda rel: finding(RULE, rel, "登记簿中不认识的文件（不会被读取）",
                            f"每件申请一个文件：{REQUESTS_DIR}/<年份>/<序号>.yml，例如 {REQUESTS_DIR}/2026/017.yml"),
        lambda rel, path: finding(RULE, rel, "登记文件的扩展名应为 .yml", f"改名为 {path.stem}.yml"))
    return [(path, rel, int(year)) for path, rel, year in files], problems


def load_register(site: Site) -> tuple[list[Request], list[Finding]]:
    """Every request of the register (sorted by id) and every problem in it."""
    return load_register_at(site.root)


# The rules, the monthly report and the 年报 each read the register, and the year-end test replays
# the rules on 400 days: the parse is kept per root while every register file has the same bytes
# (compared whole, not by modification time, whose granularity can hide a quick rewrite).
_MEMO: dict[Path, tuple[tuple[tuple[str, bytes], ...], list[Request], list[Finding]]] = {}


def load_register_at(root: Path) -> tuple[list[Request], list[Finding]]:
    files, listing_problems = register_files(root)
    signature = []
    for path, rel, _year in files:
        try:
            signature.append((rel, repofiles.read_bytes(path)))
        except OSError:
            signature.append((rel, b"\0unreadable"))  # read_text reports it
    key = root.resolve()
    memo = _MEMO.get(key)
    if memo is not None and memo[0] == tuple(signature):
        return list(memo[1]), listing_problems + memo[2]
    requests, problems = _read_all(files)
    _MEMO[key] = (tuple(signature), requests, problems)
    return list(requests), listing_problems + problems


def _read_all(files: list[tuple[Path, str, int | None]]) -> tuple[list[Request], list[Finding]]:
    requests, problems = registerfiles.read_records(
        files, RULE, scan_text, read_request,
        lambda request, rel, earlier: finding(
            "requests.duplicate", rel, f"申请编号 {request.id} 与 {earlier} 重复",
            "每件申请一个编号：用 zwgk requests new 取下一个空号，改正其中一个", field="id"))
    return sorted(requests, key=lambda q: (q.received.year, q.id)), problems

