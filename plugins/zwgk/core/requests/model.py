"""The 依申请公开 register's record: one request, as ``governance/requests/<year>/<no>.yml`` holds it.

The YAML field names are a contract (outside tests write register files with them). The record
holds no applicant identity: the case file in the office's archive holds it, linked by ``id``.
This module is the shared shape only; loading and validation live in ``requests.register``, the
statutory clocks in ``requests.clock``, the 年报's tables in ``reports.annual``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CHANNELS = ("当面", "信函", "网络", "传真", "电子邮件", "其他")
APPLICANT_TYPES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
APPEAL_KINDS = ("复议", "诉讼", "复议后诉讼")
APPEAL_RESULTS = ("维持", "纠正", "其他", "未审结")


@dataclass(frozen=True)
class Correction:
    """补正 (Art. 30): one notice; ``received`` is None while the corrected request has not arrived."""

    notified: dt.date
    received: dt.date | None = None


@dataclass(frozen=True)
class Consultation:
    """A third party (Art. 32) or co-producing agency (Art. 34) consulted; its time is not counted."""

    sent: dt.date
    answered: dt.date | None = None


@dataclass(frozen=True)
class Extension:
    """Art. 33 extension: approved by the GIO head and notified to the applicant; at most 20 days."""

    approved: dt.date | None
    notified: dt.date | None
    days: int = 20


@dataclass(frozen=True)
class Appeal:
    kind: str  # one of APPEAL_KINDS
    filed: dt.date
    result: str  # one of APPEAL_RESULTS


@dataclass(frozen=True)
class Step:
    """A dated step done by a named person (分管领导审核: who approved the reply, and when)."""

    name: str
    date: dt.date


@dataclass(frozen=True)
class JointReview:
    """会商 (rulebook): a complex request, or a 信访/咨询 sent in as one, goes to the 会商工作小组;
    ``conclusion`` None means it is marked for 会商 and the conclusion is not recorded yet."""

    date: dt.date | None = None
    conclusion: str | None = None


@dataclass(frozen=True)
class Request:
    path: str  # repo-relative POSIX path of the register file (for findings)
    id: str
    received: dt.date
    channel: str
    applicant_type: str
    division: str | None = None
    correction: Correction | None = None
    consultations: tuple[Consultation, ...] = ()
    extension: Extension | None = None
    replied: dt.date | None = None
    outcome: str | None = None  # normalised table-3 leaf code, e.g. "三.三.1"
    reason: str | None = None
    appeals: tuple[Appeal, ...] = ()
    # The rulebook's steps besides 登记 (received/channel) and 统一答复 (replied).
    registrar: str | None = None  # 登记人 (综合处 staff), never the applicant
    subject: str | None = None  # 申请内容摘要: what was asked for, without who asked
    transferred: dt.date | None = None  # 转办 to ``division``
    drafted: dt.date | None = None  # 责任处室起草答复意见
    leader_review: Step | None = None  # 分管领导审核
    archived: dt.date | None = None  # 归档
    joint_review: JointReview | None = None  # 会商

    @property
    def year(self) -> int:
        return self.received.year
