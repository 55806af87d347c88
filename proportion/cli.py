"""The ``proportion`` command line: a thin shell, one library call per command.

Each feature registers its subcommands from a module in ``proportion/commands``. User errors print
one line on stderr and exit 1; nothing the user types ends in a traceback. Output piped into a reader
that stops early (``proportion schema | head``) ends quietly with status 141, as other tools do.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
from collections.abc import Sequence

from proportion.commands._common import UserError, resolve_trust_argument

# The status a shell reports for a command stopped by a closed pipe (128 + SIGPIPE).
BROKEN_PIPE_STATUS = 141

# Set when the last command run by :func:`main` succeeded and declared (``set_defaults(quick_exit=True)``) that it
# closes everything it writes, so that ``python -m proportion`` may end without the interpreter's tear-down.
quick_exit_allowed = False

# Feature modules, each with register(subparsers); missing optional ones are skipped.
COMMAND_MODULES = (
    "proportion.commands.catalogue_cmds",
    "proportion.commands.audit_cmds",
    "proportion.commands.extract_cmds",
    "proportion.commands.report_cmds",
    "proportion.commands.admin_cmds",
    "proportion.commands.study_cmds",
    "proportion.commands.trust_cmds",
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
    parser.add_argument(
        "--as",
        dest="acting_as",
        default=None,
        metavar="USER",
        help="act as this account (default: $PROPORTION_USER, else the local administrator)",
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


def _command_words(argv: list[str], command: str) -> list[str]:
    """Return the command and its action word (e.g. ["scenario", "accept"]) as typed."""
    start = argv.index(command) if command in argv else 0
    words = [command]
    if start + 1 < len(argv) and not argv[start + 1].startswith("-"):
        words.append(argv[start + 1])
    return words


def _acting_user(args: argparse.Namespace):
    """Return who runs the command: a named account, or the local administrator when none is named."""
    import os

    from audit.access import LOCAL_ADMINISTRATOR

    username = args.acting_as or os.environ.get("PROPORTION_USER")
    if not username:
        return LOCAL_ADMINISTRATOR
    from audit.accounts import AccountError, get_user
    from proportion.commands._common import open_db_from_args

    try:
        return get_user(open_db_from_args(args), username)
    except AccountError as exc:
        raise UserError(str(exc)) from exc


def _authorise(args: argparse.Namespace, argv: list[str]) -> None:
    """Refuse a command the acting user's role does not allow (the same matrix as the app's pages)."""
    from audit.access import AccessDenied, command_action, require, require_command_scope

    user = args.acting_user
    action = command_action(_command_words(argv, args.command))
    try:
        if action is not None:
            # A trust-scoped action (a study of one's trust) is checked for the trust named, else one's own.
            require(user, action, getattr(args, "trust", None) or user.trust)
        require_command_scope(user, getattr(args, "trust", None) or None, bool(getattr(args, "all", False)))
    except AccessDenied as exc:
        raise UserError(str(exc)) from exc


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    global quick_exit_allowed
    quick_exit_allowed = False
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.acting_user = _acting_user(args)
        resolve_trust_argument(args)
        _authorise(args, argv)
        status = int(args.handler(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not as a complaint when Python exits
        quick_exit_allowed = bool(getattr(args, "quick_exit", False))
        return status
    except BrokenPipeError:
        # The reader stopped early (`| head`): say nothing, and keep Python's exit flush from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE_STATUS
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


def run() -> None:
    """Run one command (the ``proportion`` command and ``python -m proportion``) and end the process with its status."""
    status = main()
    if quick_exit_allowed:
        # The command has written and closed all it writes. The interpreter's tear-down would now free every
        # object one by one (after a PDF report, about half a second of CPU for nothing the user sees), so the
        # exit handlers run and the process ends at once. A failed command, or one that did not say so, ends the
        # usual way.
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    raise SystemExit(status)
