"""Helpers every subcommand shares: the --db option, trust names, JSON output, tables, progress, user errors."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlite_utils import Database

DEFAULT_DB = "proportion.db"


class UserError(Exception):
    """A mistake the user can fix: printed as one line on stderr, exit status 1."""


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--db PATH`` (default: $PROPORTION_DB, else ./proportion.db)."""
    parser.add_argument(
        "--db",
        default=None,
        metavar="PATH",
        help="database file (default: $PROPORTION_DB, else ./proportion.db)",
    )


def db_path_from_args(args: argparse.Namespace) -> Path:
    """Return the database path the user asked for."""
    return Path(getattr(args, "db", None) or os.environ.get("PROPORTION_DB") or DEFAULT_DB)


def open_db_from_args(args: argparse.Namespace, must_exist: bool = True) -> Database:
    """Open the user's database, refusing a missing file unless ``must_exist`` is False."""
    from catalogue.store import open_db

    path = db_path_from_args(args)
    if must_exist and not path.exists():
        raise UserError(f"no database at {path}: run 'proportion init --db {path}' first")
    return open_db(path)


def resolve_trust_argument(args: argparse.Namespace) -> None:
    """Replace ``--trust`` by the trust it names, however spelt; refuse a name that is no trust, with suggestions.

    Run once for every command, so each command that takes a trust gets its exact name.
    """
    typed = getattr(args, "trust", None)
    if not typed:
        return
    from catalogue.names import resolve_trust
    from catalogue.store import list_trusts

    db = open_db_from_args(args)
    try:
        names = [t.name for t in list_trusts(db)]
    finally:
        db.conn.close()
    args.trust = resolve_trust(typed, names)  # UnknownName: one line on stderr, exit 1


def _default(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def print_model(model: BaseModel) -> None:
    """Print a result model as its JSON contract on stdout (the keys and values ``proportion schema`` describes)."""
    sys.stdout.write(model.model_dump_json(indent=2) + "\n")


def print_json(obj: Any) -> None:
    """Print ``obj`` as JSON on stdout (models, dates and numpy scalars included)."""
    # allow_nan=False: NaN and Infinity are not JSON, so a figure that slipped through fails here, loudly.
    json.dump(obj, sys.stdout, default=_default, indent=2, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")


# A long text cell (a requirement's wording, a title) wraps at this width instead of stretching the table.
TEXT_WIDTH = 70


def print_table(
    rows: Sequence[Sequence[Any]], headers: Sequence[str], numeric: Sequence[str] = (), wrap: Sequence[str] = ()
) -> None:
    """Print rows as a plain-text table (``tabulate``): ``numeric`` columns right-aligned, ``wrap`` columns
    wrapped at :data:`TEXT_WIDTH`. Cells are printed as given (format numbers before), never re-parsed."""
    from tabulate import tabulate  # imported by the commands that print a table, not by every command

    print(
        tabulate(
            [list(r) for r in rows],
            headers=list(headers),
            tablefmt="simple",
            disable_numparse=True,
            colalign=["right" if h in numeric else "left" for h in headers],
            maxcolwidths=[TEXT_WIDTH if h in wrap else None for h in headers],
            missingval="",
        )
    )


@contextlib.contextmanager
def progress_bar(total: int, show: bool | None = None) -> Iterator[Callable[[str], None]]:
    """Yield ``step(label)``, which counts one finished item on a ``click`` progress bar on stderr.

    On a terminal the bar is redrawn in place; elsewhere (``show=True`` into a log or a pipe) each step prints
    one line, so the log keeps every step. ``show`` defaults to "stderr is a terminal".
    """
    stream = sys.stderr
    tty = stream.isatty()
    show = tty if show is None else show
    import click  # imported by the commands that show progress, not by every command

    bar = click.progressbar(
        length=total,
        file=stream,
        show_pos=True,
        show_eta=tty,
        item_show_func=lambda item: item,
        bar_template="[%(bar)s]  %(info)s",
        width=30,
        hidden=not (show and tty),
    )
    with bar:

        def step(label: str) -> None:
            bar.update(1, label)
            if show and not tty:
                stream.write(bar.format_progress_line() + "\n")
                stream.flush()

        yield step
