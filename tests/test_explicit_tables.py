"""Tables that used to be filled by importing modules for their side effects are explicit: the zwgk
command table (zwgk.cli.main.COMMANDS, still loaded lazily) and the front-matter fields
(zwgk.core.schema.FIELDS). The rule checks and the item-page blocks have theirs in test_ruleset.py and
test_site_blocks.py."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import click
import zwgk.cli
from support import REPO
from zwgk.cli.main import COMMANDS, load_command


def test_every_command_module_is_listed() -> None:
    """A module defining a top-level ``command`` that is not in COMMANDS would never be reachable."""
    for info in pkgutil.iter_modules(zwgk.cli.__path__):
        module = importlib.import_module(f"zwgk.cli.{info.name}")
        cmd = getattr(module, "command", None)
        if isinstance(cmd, click.Command):
            assert cmd.name in COMMANDS, f"zwgk.cli.{info.name} defines `{cmd.name}`: add it to zwgk.cli.main.COMMANDS"
            assert load_command(cmd.name) is cmd


def test_each_entry_names_its_command() -> None:
    for name in COMMANDS:
        assert load_command(name).name == name


def test_running_one_command_imports_only_its_module() -> None:
    """A fresh interpreter: `zwgk check --help` imports check.py and none of the other command modules,
    whatever was imported before (nothing registers itself by being imported)."""
    others = sorted(f"zwgk.cli.{spec.partition(':')[0]}" for name, spec in COMMANDS.items() if name != "check")
    code = ("import sys\nfrom zwgk.cli.main import cli\n"
            "try:\n    cli(['check', '--help'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {others!r} if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(REPO / "plugins"), "PATH": "/usr/bin:/bin"}, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout


def test_front_matter_fields_do_not_depend_on_what_was_imported() -> None:
    """scaffold.fields_for used to import every rule module first so that they would register their
    fields; the table is now complete on its own, in a fresh interpreter, and importing the rules adds nothing."""
    kind_specific = ["opens", "closes", "surfaced_at", "disclosure", "redirect_from", "withdrawn"]
    code = ("from zwgk.core.schema import FIELDS\nbefore = list(FIELDS)\n"
            f"print([k for k in {kind_specific!r} if k not in before])\n"
            "from zwgk.core.rules import all_rules\nall_rules()\nimport zwgk.core.scaffold\n"
            "print(before == list(FIELDS))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={"PYTHONPATH": str(REPO / "plugins"), "PATH": "/usr/bin:/bin"}, check=True)
    assert proc.stdout.split("\n")[:2] == ["[]", "True"], proc.stdout
