"""No register file reaches site/: a real ``mkdocs build --strict`` of the demo with a marked register.

The register's clock findings (the demo has an overdue request) are advisory and never block the
public site; a register file dropped into the content folder fails the build (publish.unlisted).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from support import copy_demo, mkdocs_build

MARK = "登记簿测试标记甲乙丙"
RECORD = {"id": "2026-099", "received": "2026-11-02", "channel": "网络", "applicant_type": "自然人",
          "registrar": f"{MARK}登记人", "subject": f"{MARK}申请内容", "division": "政策法规处"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("requests-build") / "repo")
    target = root / "governance/requests/2026/099.yml"
    target.write_text(yaml.safe_dump(RECORD, allow_unicode=True, sort_keys=False), encoding="utf-8")
    proc = mkdocs_build(root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root


def site_texts(site: Path) -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8", errors="ignore")) for p in site.rglob("*") if p.is_file()
            and p.suffix in (".html", ".xml", ".json", ".js", ".txt", ".csv", ".atom", ".yml", ".yaml", ".md", ".map")]


def test_no_register_file_or_text_in_site(built: Path) -> None:
    site = built / "site"
    register = sorted((built / "governance/requests").rglob("*.yml"))
    assert len(register) >= 10
    names = {p.name for p in register}
    for p in site.rglob("*"):
        rel = p.relative_to(site).parts
        assert "governance" not in rel and "requests" not in rel, p
        assert not (p.is_file() and p.suffix in (".yml", ".yaml") and p.name in names), p
    # Text that exists only in the register: the marked record and the demo's step notes.
    secrets = [MARK, "综合处收文岗", "近三年“一网通办”事项办件量"]
    for p, text in site_texts(site):
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{p} leaks {leaked}"


def test_overdue_request_does_not_block_the_strict_build(built: Path) -> None:
    # The demo's 2026-007 is overdue on the build day (advisory for 综合处), and the build passed.
    assert (built / "site/index.html").is_file()


def test_register_file_in_content_is_not_published(tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "repo")
    stray = root / "content/zcwj/2026-099.yml"
    shutil.copy(root / "governance/requests/2026/007.yml", stray)
    proc = mkdocs_build(root)
    assert proc.returncode != 0  # the publish gate refuses a file no reviewed item lists
    assert "content/zcwj/2026-099.yml" in proc.stderr and "publish.unlisted" in proc.stderr
    assert not list((root / "site").rglob("2026-099.yml")) if (root / "site").is_dir() else True
