"""Report commands: ``proportion report trust|national|proposals --format F --out PATH``.

Each run audits the database once (:func:`reports.builders.prepare`), builds the report(s) and writes
them with :func:`reports.documents.write`. ``report trust --all`` writes one report per trust into the
directory ``--out``, with a progress bar on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from proportion.commands._common import UserError, add_db_argument, open_db_from_args, progress_bar


def register(subparsers: Any) -> None:
    """Add ``report`` and its three kinds to the ``proportion`` parser."""
    p = subparsers.add_parser(
        "report",
        help="write a trust, national or proposals report as PDF, DOCX, HTML, XLSX or CSV (zip)",
        description="Write a report. The format is --format, else the extension of --out, else PDF.",
    )
    sub = p.add_subparsers(dest="report_kind", metavar="KIND", parser_class=type(p))
    sub.required = True
    for kind, text in (
        ("trust", "a trust's burden report for its board (--trust NAME, or --all for every trust)"),
        ("national", "all trusts ranked and compared, for an association"),
        ("proposals", "one scenario's proposals, decisions, savings and one-in-two-out check"),
    ):
        c = sub.add_parser(kind, help=text, description=text)
        add_db_argument(c)
        c.add_argument("--format", choices=("pdf", "docx", "html", "xlsx", "csv"), default=None, help="file format")
        c.add_argument(
            "--out", required=True, metavar="PATH",
            help="file to write (with --all: a directory, one file per trust)",
        )  # fmt: skip
        c.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="date printed on the report (default today)")
        if kind == "trust":
            scope = c.add_mutually_exclusive_group(required=True)
            scope.add_argument("--trust", metavar="NAME", help="the trust ('Probation Trust' may be left off)")
            scope.add_argument("--all", action="store_true", help="one report per trust, into the directory --out")
            c.add_argument(
                "--workers", type=int, default=None, metavar="N",
                help="with --all: processes writing reports at once (default: one per core, at most 4)",
            )  # fmt: skip
        if kind == "proposals":
            c.add_argument("--scenario", metavar="NAME", help="the scenario (default: the only one there is)")
        # Every file is written atomically and closed, the database too: the process may end at once.
        c.set_defaults(handler=report_command, quick_exit=True)


_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".xlsx": "xlsx", ".zip": "csv"}


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return _SUFFIXES.get(Path(args.out).suffix.lower(), "pdf")


def _date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--date must be a date written YYYY-MM-DD (got {text!r})") from None


def report_command(args: argparse.Namespace) -> int:
    """Build the requested report(s) and write them; print each path written."""
    from audit.access import local_data_scope, restrict_catalogue
    from audit.policy import load_policy
    from audit.scenarios import list_scenarios
    from audit.study_privacy import withheld
    from catalogue.store import load_catalogue
    from reports import builders, documents

    fmt = _format(args)
    today = _date(args.date)
    db = open_db_from_args(args)
    try:
        # A trust manager's reports leave other trusts' own measurements out, as the app's do, and say so.
        scope = local_data_scope(args.acting_user) if getattr(args, "acting_user", None) else None
        catalogue = restrict_catalogue(load_catalogue(db), scope)
        policy = load_policy(db)
        if not catalogue.trusts:
            raise UserError("the catalogue has no trusts: load data first ('proportion init')")
        # A study figure of fewer than five participants is shown only within its trust, in reports as in the app.
        user = getattr(args, "acting_user", None)
        hidden = withheld(db, user, catalogue.local_measurements) if user else set()
        ctx = builders.prepare(catalogue, policy, today, local_scope=scope, withheld=frozenset(hidden))
        out = Path(args.out)
        if args.report_kind == "national":
            print(documents.write(builders.national_report(ctx), fmt, out))
        elif args.report_kind == "trust" and not args.all:
            try:
                report = builders.trust_report(ctx, args.trust)
            except builders.UnknownTrust as exc:
                raise UserError(str(exc.args[0])) from None
            print(documents.write(report, fmt, out))
        elif args.report_kind == "trust":
            from proportion.commands._common import db_path_from_args
            from reports.batch import write_trust_reports

            if out.exists() and not out.is_dir():
                raise UserError(f"--out must be a directory with --all: {out} is a file")
            with progress_bar(len(ctx.trusts), show=True) as step:
                paths = write_trust_reports(
                    db_path_from_args(args), fmt, out, today, workers=args.workers,
                    on_done=lambda trust, _path: step(trust),
                    context=ctx,
                )  # fmt: skip
            for path in paths:
                print(path)
        else:
            scenario = _scenario(db, args.scenario, list_scenarios)
            from audit.review import decisions

            reviews = builders.reviews_for(decisions(db), scenario.name)
            print(documents.write(builders.proposals_report(ctx, scenario, reviews), fmt, out))
    finally:
        db.conn.close()
    return 0


def _scenario(db: Any, name: str | None, list_scenarios: Any) -> Any:
    scenarios = list_scenarios(db)
    if name is None:
        if len(scenarios) == 1:
            return scenarios[0]
        names = ", ".join(s.name for s in scenarios) or "none yet: create one with 'proportion scenario create'"
        raise UserError(f"name the scenario with --scenario (scenarios: {names})")
    for scenario in scenarios:
        if scenario.name == name:
            return scenario
    names = ", ".join(s.name for s in scenarios) or "none"
    raise UserError(f"no scenario called {name!r} (scenarios: {names})")
