"""Entry point: ``zwgk``. Commands are registered from sibling modules."""

from __future__ import annotations

import os
import sys

import click

# Material's end-of-life banner is noise for our users' commands (it never affects --strict).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


@click.group(help="zwgk：政务公开专栏的检查、审查与报表工具。在仓库根目录运行。")
@click.version_option(package_name="zwgk")
def cli() -> None:
    pass


def _register() -> None:
    from . import calendar_cmd, check, digest_cmd, show

    for mod in (check, show, calendar_cmd, digest_cmd):
        cli.add_command(mod.command)
    try:  # optional command modules added by later work; absent ones are simply not offered
        from . import extra

        extra.register(cli)
    except ImportError:
        pass


def main() -> None:
    _register()
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
