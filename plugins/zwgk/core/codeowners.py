"""CODEOWNERS from the 栏目任务分解表: who must approve a pull request that touches which folder.

The Git host enforces it (branch protection "require review from code owners"), so the table
that decides which division may publish in a column also decides whose approval a change needs.
Generated, never hand-edited: ``zwgk codeowners --check`` fails when the file drifts.

Order matters: the host applies the *last* matching pattern. So the general office's catch-all
comes first, the column folders next, and the general office's governance paths last (a column
team can never approve a change to review records or to the build).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .config import SiteConfig
from .model import Column, Division

PATH = ".github/CODEOWNERS"
# Paths only the general office approves: governance data (review records, the columns table,
# holiday overrides), the site configuration, the code that enforces the rules, CI.
GENERAL_OFFICE_PATHS = ("/governance/", "/mkdocs.yml", "/plugins/", "/.github/", "/.gitlab-ci.yml",
                        "/.pre-commit-config.yaml", "/pyproject.toml")
_TEAM = re.compile(r"^(@[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$")


class CodeownersError(Exception):
    """The columns table cannot produce a usable CODEOWNERS (message in Chinese)."""


def _teams(known: Mapping[str, Division], divisions: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in divisions:
        div = known.get(name)
        if div is not None and div.team and div.team not in out:
            out.append(div.team)
    return out


def _line(pattern: str, owners: list[str], width: int) -> str:
    return f"{pattern:<{width}} {' '.join(owners)}".rstrip()


def generate(config: SiteConfig, columns: Mapping[str, Column], divisions: Mapping[str, Division]) -> str:
    """The whole file, deterministic for a given columns table (so --check can compare bytes)."""
    office = config.review.general_office
    office_div = divisions.get(office)
    if office_div is None or not office_div.team:
        raise CodeownersError(
            f"{config.columns_file} 中没有登记{office}的 team（CODEOWNERS 需要它）；"
            f"在 divisions 中写成 - {{name: {office}, team: \"@组织/团队\"}}，"
            "或在 mkdocs.yml 的 zwgk 插件下设置 review: {general_office: 处室名称}")
    bad = sorted(f"{d.name}（{d.team}）" for d in divisions.values() if d.team and not _TEAM.match(d.team))
    if bad:
        raise CodeownersError(f"{config.columns_file} 中 team 格式不对：{'、'.join(bad)}；"
                              "写成 \"@组织/团队\"、\"@用户名\" 或邮箱")
    office_team = [office_div.team]
    docs = config.docs_dir.strip("/")
    rows: list[tuple[str, list[str], str]] = []  # (pattern, owners, comment)

    def owned(pattern: str, label: str, col: Column) -> None:
        missing = [d for d in col.divisions if not (divisions.get(d) and divisions[d].team)]
        note = f"{label}：{'、'.join(col.divisions)}" + (f"（{'、'.join(missing)} 未登记 team）" if missing else "")
        rows.append((pattern, _teams(divisions, col.divisions) or office_team, note))

    for col in sorted(columns.values(), key=lambda c: c.order):
        if col.slug != config.interpretation_column:  # that column is generated from interpretations/
            owned(f"/{docs}/{col.slug}/", col.name, col)
    interp_col = columns.get(config.interpretation_column)
    if interp_col is not None:
        owned(f"/{config.interpretations_dir.strip('/')}/", f"{interp_col.name}（谁起草、谁解读）", interp_col)
    width = max([len(p) for p, _, _ in rows] + [len(p) for p in GENERAL_OFFICE_PATHS] + [1])
    out = [
        "# 代码所有者（CODEOWNERS）：合并请求改动哪些文件，就需要哪些处室的团队批准。",
        f"# 由 zwgk codeowners --write 根据 {config.columns_file}（栏目任务分解表）生成，请勿手工修改；",
        "# 栏目分工调整后，修改栏目任务分解表并重新运行该命令。后出现的规则优先。",
        "",
        f"# 默认：{office}",
        _line("*", office_team, width),
        "",
        "# 栏目文件夹：由栏目的责任处室批准",
    ]
    for pattern, owners, note in rows:
        out.append(f"# {note}")
        out.append(_line(pattern, owners, width))
    out += ["", f"# 审查表、栏目任务分解表、网站配置、检查程序和持续集成：只由{office}批准"]
    out += [_line(p, office_team, width) for p in GENERAL_OFFICE_PATHS]
    return "\n".join(out) + "\n"
