"""A new register file: the next free number of the year and the rulebook's steps left blank."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .register import REQUESTS_DIR

_ID = re.compile(r"^id:\s*[\"']?(\d{4})-(\d+)", re.MULTILINE)


def next_number(root: Path, year: int) -> int:
    """One more than the highest number used in ``<year>/`` — by file name or by ``id`` (a file
    may have been renamed by hand; a number is never handed out twice)."""
    folder = root / REQUESTS_DIR / str(year)
    used = [0]
    for path in folder.glob("*.y*ml") if folder.is_dir() else []:
        if path.stem.isdigit():
            used.append(int(path.stem))
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        used += [int(m.group(2)) for m in _ID.finditer(text) if int(m.group(1)) == year]
    return max(used) + 1


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (the summary may hold a colon or a #)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaffold(received: dt.date, number: int, channel: str, applicant_type: str, subject: str = "",
             registrar: str = "") -> tuple[str, str]:
    """(repo-relative path, text) of a new register file; every later step is present and blank."""
    rid = f"{received.year}-{number:03d}"
    rel = f"{REQUESTS_DIR}/{received.year}/{number:03d}.yml"
    lines = [
        "# 依申请公开登记（内部材料，不发布）。不记录申请人的姓名、证件号码、电话、地址：",
        "# 这些信息只留在档案室的案卷中，以申请编号 id 关联。填写说明见 docs/requests.md。",
        f"id: {rid}",
        f"received: {received.isoformat()}          # 收到申请之日（条例第三十一条）",
        f"channel: {channel}",
        f"applicant_type: {applicant_type}",
        f"registrar: {_quoted(registrar) if registrar else ''}",
        f"subject: {_quoted(subject) if subject else ''}",
        "# —— 以下各步办理时填写 ——",
        "division:             # 承办处室",
        "transferred:          # 转办日期",
        "correction:           # 补正：{notified: 告知日期, received: 收到补正后申请之日}",
        "consultations:        # 征求第三方或其他机关意见：[{sent: 发出日期, answered: 收到意见日期}]",
        "joint_review:         # 会商：{date: 会商日期, conclusion: 会商结论}",
        "extension:            # 延期：{approved: 负责人同意日期, notified: 告知申请人日期}",
        "drafted:              # 责任处室起草答复意见日期",
        "leader_review:        # 分管领导审核：{name: 分管副主任, date: 审核日期}",
        "replied:              # 综合处统一答复日期",
        "outcome:              # 办理结果：年报表三的行号或名称，例如 三.一（予以公开）",
        "reason:               # 法律依据（予以公开、部分公开以外必填）",
        "archived:             # 归档日期",
        "appeal:               # 复议、诉讼：{kind: 复议, filed: 日期, result: 未审结}",
    ]
    return rel, "\n".join(lines) + "\n"
