"""Read the project's ``mkdocs.yml`` without MkDocs, so the CLI sees the build's configuration."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from . import repofiles
from .config import SiteConfig
from .findings import Finding, finding


class _TolerantLoader(yaml.SafeLoader):
    """A SafeLoader that maps ``!!python/name:...`` and ``!ENV`` tags to None instead of failing."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)


@dataclass(frozen=True)
class Project:
    root: Path
    config_file: Path
    config: SiteConfig
    site_name: str
    extra: dict[str, Any]
    # mkdocs.yml's markdown_extensions and site_url: `zwgk check` renders item bodies exactly as the
    # build does (zwgk.core.mdrender) and resolves their links against the real site address.
    markdown_extensions: tuple[Any, ...] = ()
    site_url: str = ""

    @property
    def docs_dir(self) -> Path:
        return self.root / self.config.docs_dir


def plugin_options(raw: dict[str, Any]) -> dict[str, Any] | None:
    """The ``zwgk`` entry of ``plugins:`` (list or mapping form); None if the plugin is not enabled."""
    plugins = raw.get("plugins")
    if isinstance(plugins, dict):
        opts = plugins.get("zwgk")
        return dict(opts or {}) if "zwgk" in plugins else None
    for entry in plugins or []:
        if entry == "zwgk":
            return {}
        if isinstance(entry, dict) and "zwgk" in entry:
            return dict(entry["zwgk"] or {})
    return None


def load_project(root: Path, config_file: str = "mkdocs.yml") -> tuple[Project | None, list[Finding]]:
    path = root / config_file
    try:
        text = repofiles.read_bytes(path).decode("utf-8-sig")
    except OSError:
        return None, [finding("config.missing", config_file, "找不到 mkdocs.yml", "在仓库根目录运行，或用 --root 指定仓库目录")]
    try:
        raw = yaml.load(text, Loader=_TolerantLoader) or {}
    except ValueError as exc:  # an impossible date such as 2026-13-01 fails in PyYAML's constructor
        return None, [finding("yaml.invalid", config_file, f"mkdocs.yml 中有无效的值（{exc}）",
                              "检查日期是否真实存在（写成 YYYY-MM-DD）")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [finding("yaml.invalid", config_file, f"mkdocs.yml 格式错误（{getattr(exc, 'problem', exc)}）",
                              "检查缩进与冒号", line=(mark.line + 1) if mark else None)]
    if not isinstance(raw, dict):
        return None, [finding("config.invalid", config_file, "mkdocs.yml 应为映射", "参考仓库自带的 mkdocs.yml")]
    opts = plugin_options(raw)
    if opts is None:
        return None, [finding("config.missing", config_file, "mkdocs.yml 没有启用 zwgk 插件",
                              "在 plugins: 下加入 - zwgk: 并填写 org_code、publisher")]
    cfg, problems = SiteConfig.from_mapping(opts, config_file)
    cfg = replace(cfg, docs_dir=str(raw.get("docs_dir") or "docs"))
    cfg = apply_env_today(cfg)
    exts = raw.get("markdown_extensions")
    return Project(root, path, cfg, str(raw.get("site_name") or ""), dict(raw.get("extra") or {}),
                   tuple(exts) if isinstance(exts, list) else (), str(raw.get("site_url") or "")), problems


def apply_env_today(cfg: SiteConfig) -> SiteConfig:
    """``ZWGK_TODAY`` fixes "today" for builds, reports and tests (never the wall clock in tests)."""
    import datetime as dt

    env = os.environ.get("ZWGK_TODAY")
    if env:
        try:
            return replace(cfg, today=dt.date.fromisoformat(env))
        except ValueError:
            pass  # reported by the caller through today_or_now
    return cfg
