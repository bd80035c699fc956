"""``zwgk requests new|list`` through the real command: the JSON contract, --due-within, text, xlsx."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import yaml
from openpyxl import load_workbook
from support import zwgk

D = dt.date.fromisoformat
REGISTER = {
    # Received before 国庆, replied the Monday after the due date (10-16): one working day late.
    "2026/001.yml": {"id": "2026-001", "received": "2026-09-14", "channel": "网络", "applicant_type": "自然人",
                     "replied": "2026-10-19", "outcome": "三.一"},
    # No reply; due 10-16 → overdue on 10-23 by 10-19…23 = 5 working days.
    "2026/002.yml": {"id": "2026-002", "received": "2026-09-14", "channel": "信函", "applicant_type": "商业企业"},
    # Correction asked, not yet received: no start, no due.
    "2026/003.yml": {"id": "2026-003", "received": "2026-10-12", "channel": "电子邮件", "applicant_type": "其他",
                     "correction": {"notified": "2026-10-14"}},
    # Received 10-12: due 11-09 (10-13…16, 19-23, 26-30, 11-02…06, 11-09).
    "2026/004.yml": {"id": "2026-004", "received": "2026-10-12", "channel": "当面", "applicant_type": "科研机构"},
}


def with_register(demo: Path) -> Path:
    shutil.rmtree(demo / "governance/requests", ignore_errors=True)
    for name, data in REGISTER.items():
        path = demo / "governance/requests" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return demo


def listed(root: Path, *args: str, today: str = "2026-10-23") -> list[dict[str, object]]:
    proc = zwgk(root, "requests", "list", "--format", "json", "--today", today, *args, today=None)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_json_contract(demo: Path) -> None:
    assert listed(with_register(demo)) == [
        {"id": "2026-001", "received": "2026-09-14", "start": "2026-09-14", "due": "2026-10-16",
         "replied": "2026-10-19", "state": "逾期答复", "late_workdays": 1},
        {"id": "2026-002", "received": "2026-09-14", "start": "2026-09-14", "due": "2026-10-16",
         "replied": None, "state": "逾期未答复", "late_workdays": 5},
        {"id": "2026-003", "received": "2026-10-12", "start": None, "due": None,
         "replied": None, "state": "待补正", "late_workdays": 0},
        {"id": "2026-004", "received": "2026-10-12", "start": "2026-10-12", "due": "2026-11-09",
         "replied": None, "state": "办理中", "late_workdays": 0},
    ]


def test_today_from_the_environment(demo: Path) -> None:
    proc = zwgk(with_register(demo), "requests", "list", "--format", "json", today=D("2026-10-16"))
    states = {r["id"]: r["state"] for r in json.loads(proc.stdout)}
    assert states["2026-002"] == "办理中"  # the due date itself is still on time


def test_due_within(demo: Path) -> None:
    root = with_register(demo)
    # 10-23 → 11-09 is 12 working days: outside 5, inside 12; the overdue one is always listed.
    assert [r["id"] for r in listed(root, "--due-within", "5")] == ["2026-002"]
    assert [r["id"] for r in listed(root, "--due-within", "12")] == ["2026-002", "2026-004"]


def test_text_and_xlsx(demo: Path, tmp_path: Path) -> None:
    root = with_register(demo)
    proc = zwgk(root, "requests", "list", "--today", "2026-10-23", today=None)
    assert proc.returncode == 0 and "逾期未答复" in proc.stdout and "2026-004" in proc.stdout
    out = tmp_path / "list.xlsx"
    proc = zwgk(root, "requests", "list", "--today", "2026-10-23", "--format", "xlsx", "--out", str(out), today=None)
    assert proc.returncode == 0, proc.stderr
    ws = load_workbook(out)["依申请公开"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == ["2026-001", "2026-002", "2026-003", "2026-004"]
    assert rows[1][5:7] == ["逾期未答复", 5]
    refused = zwgk(root, "requests", "list", "--format", "xlsx", "--out", str(root / "content/list.xlsx"))
    assert refused.returncode == 2 and "内容目录" in refused.stderr


def test_new_takes_the_next_free_number_and_passes_check(demo: Path) -> None:
    root = with_register(demo)
    proc = zwgk(root, "requests", "new", "--received", "2026-10-26", "--channel", "网络",
                "--applicant-type", "自然人", "--subject", "2026年政务服务事项目录：调整说明")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "governance/requests/2026/005.yml"
    data = yaml.safe_load((root / "governance/requests/2026/005.yml").read_text(encoding="utf-8"))
    assert data["id"] == "2026-005" and data["replied"] is None and data["subject"] == "2026年政务服务事项目录：调整说明"
    assert [r["id"] for r in listed(root, today="2026-10-27")][-1] == "2026-005"
    check = zwgk(root, "check", "--format", "json", today=D("2026-10-27"))
    mine = [f for f in json.loads(check.stdout) if f["path"].endswith("2026/005.yml")]
    assert not [f for f in mine if f["severity"] == "error"], mine


def test_new_refuses_personal_data(demo: Path) -> None:
    root = with_register(demo)
    proc = zwgk(root, "requests", "new", "--received", "2026-10-26", "--channel", "网络",
                "--applicant-type", "自然人", "--subject", "联系电话 13812345678")
    assert proc.returncode == 1 and "requests.personal_data" in proc.stderr
    assert "13812345678" not in proc.stderr + proc.stdout
    assert not (root / "governance/requests/2026/005.yml").exists()
