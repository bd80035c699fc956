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
    """Every module in this package that defines ``command`` is a subcommand (one module per command)."""
    import importlib
    import pkgutil

    from .. import cli as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name in ("main", "__main__"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        cmd = getattr(module, "command", None)
        if isinstance(cmd, click.Command):
            cli.add_command(cmd)


def _chinese_safe_output() -> None:
    """An output that cannot carry Chinese (a pipe or file on an English Windows, e.g. a CI runner:
    cp1252) would crash the first finding with UnicodeEncodeError; write UTF-8 there instead.
    A Chinese Windows console (cp936, or the console's own UTF-16) is left alone."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "中".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")


def main() -> None:
    _chinese_safe_output()
    _register()
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
