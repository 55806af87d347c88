"""The ``proportion`` command line: a thin shell, one library call per command.

Each feature registers its subcommands from a module in ``proportion/commands``. User errors print
one line on stderr and exit 1; nothing the user types ends in a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from proportion.commands._common import UserError

# Feature modules, each with register(subparsers); missing optional ones are skipped.
COMMAND_MODULES = (
    "proportion.commands.catalogue_cmds",
    "proportion.commands.audit_cmds",
    "proportion.commands.extract_cmds",
    "proportion.commands.report_cmds",
    "proportion.commands.admin_cmds",
)


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors exit 1 with one line, like every other user error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(1)


def build_parser() -> argparse.ArgumentParser:
    """Return the full argument parser with every feature's subcommands."""
    parser = _Parser(
        prog="proportion",
        description="Proportion: audit the burden of central directives on probation trusts.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        sys.stderr.write(f"proportion: {exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("proportion: interrupted\n")
        return 130
    except Exception as exc:  # a library error that is the user's to fix
        from catalogue.errors import CatalogueError, ImportProblems

        if isinstance(exc, ImportProblems):
            sys.stderr.write(exc.report() + "\n")
            return 1
        if isinstance(exc, CatalogueError):
            sys.stderr.write(f"proportion: {exc}\n")
            return 1
        raise
