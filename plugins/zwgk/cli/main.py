"""Entry point: ``zwgk``. Commands live in sibling modules (one module per command)."""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import sys

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


class _Commands(click.Group):
    """Imports only the module of the command being run (``zwgk check`` must not pay for importing
    ``report``, ``preview`` and the rest: about half a second). Every module of this package that
    defines ``command`` is a subcommand; ``check`` lives in ``check.py`` or ``check_cmd.py``. Help and
    unknown names import them all."""

    def _module(self, name: str) -> click.Command | None:
        try:
            module = importlib.import_module(f"{__package__}.{name}")
        except ImportError:
            return None
        cmd = getattr(module, "command", None)
        return cmd if isinstance(cmd, click.Command) else None

    def _load_all(self) -> None:
        from .. import cli as package

        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            if info.name not in ("main", "__main__") and (cmd := self._module(info.name)) is not None:
                self.add_command(cmd)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            for candidate in (cmd_name, f"{cmd_name}_cmd"):
                cmd = self._module(candidate) if candidate.isidentifier() else None
                if cmd is not None and cmd.name == cmd_name:
                    self.add_command(cmd)
                    break
            else:
                self._load_all()
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_all()
        return sorted(self.commands)


@click.group(cls=_Commands, help="zwgk：政务公开专栏的检查、审查与报表工具。在仓库根目录运行。")
@click.version_option(package_name="zwgk")
def cli() -> None:
    pass


def _register() -> None:
    """Every command, imported (tests and tools that walk ``cli.commands``)."""
    assert isinstance(cli, _Commands)
    cli._load_all()


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
