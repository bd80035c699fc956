"""Entry point: ``zwgk``. Commands live in sibling modules (one module per command), listed in :data:`COMMANDS`."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Mapping

import click

# Material's end-of-life banner is noise for our users' commands (it never affects --strict).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
# Where ProperDocs stands in for MkDocs (docs/site.md, "用哪个 MkDocs 部署"), `properdocs build` aliases
# `mkdocs.*` to `properdocs.*` as it starts; the commands that build in-process (zwgk preview) import
# `mkdocs.*` themselves, so without MkDocs installed the same alias is set up here. MkDocs, when
# installed, keeps answering: it is what pyproject.toml pins.
if importlib.util.find_spec("mkdocs") is None and importlib.util.find_spec("properdocs") is not None:
    importlib.import_module("properdocs.replacement")

# Every subcommand: its name -> "module:attribute" (module relative to this package). Written out so
# that which commands exist never depends on which modules are in the folder or already imported; a
# new command is added here.
COMMANDS: Mapping[str, str] = {
    "calendar": "calendar_cmd:command",
    "check": "check:command",
    "codeowners": "codeowners_cmd:command",
    "digest": "digest_cmd:command",
    "new": "new_cmd:command",
    "preview": "preview_cmd:command",
    "report": "report_cmd:command",
    "requests": "requests_cmd:command",
    "review": "review_cmd:command",
    "show": "show:command",
}


def load_command(name: str) -> click.Command:
    """Import the module of one command (from :data:`COMMANDS`) and return the command."""
    module_name, _, attr = COMMANDS[name].partition(":")
    cmd = getattr(importlib.import_module(f"{__package__}.{module_name}"), attr)
    assert isinstance(cmd, click.Command) and cmd.name == name, f"{COMMANDS[name]} is not the command {name!r}"
    return cmd


class _Commands(click.Group):
    """Imports only the module of the command being run (``zwgk check`` must not pay for importing
    ``report``, ``preview`` and the rest: about half a second). Help imports them all."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name))
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)


@click.group(cls=_Commands, help="zwgk：政务公开专栏的检查、审查与报表工具。在仓库根目录运行。")
@click.version_option(package_name="zwgk")
def cli() -> None:
    pass


def _register() -> None:
    """Every command, imported (tests and tools that walk ``cli.commands``)."""
    for name in COMMANDS:
        cli.add_command(load_command(name))


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
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
