"""A trust's own business-as-usual shares: ``proportion trust-bau set|clear|list``, one library call each.

The roles are the Trust page's (``audit.access``): a trust manager sets and clears their own trust's shares, the
administrator any trust's; everyone but trust staff lists the shares of the trusts whose local figures they see.
"""

from __future__ import annotations

import argparse
from typing import Any

from proportion.commands._common import UserError, add_db_argument, open_db_from_args, print_json, print_table


def register(subparsers: Any) -> None:
    """Add the ``trust-bau`` commands to the ``proportion`` parser."""
    group = subparsers.add_parser("trust-bau", help="a trust's own business-as-usual shares, each with its source")
    sub = group.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True

    put = sub.add_parser("set", help="set the trust's own share of a requirement (in per cent), with its source")
    add_db_argument(put)
    put.add_argument("requirement", metavar="REQUIREMENT")
    put.add_argument("share", metavar="PERCENT", help="the share of the work the trust would do anyway, e.g. 25")
    put.add_argument("--source", default="", help="where the share comes from, or why it is estimated (needed)")
    put.add_argument("--trust", default=None, help="the trust (default: your own)")
    put.add_argument("--json", action="store_true", help="print JSON")
    put.set_defaults(handler=cmd_trust_bau_set)

    clear = sub.add_parser("clear", help="remove the trust's own share (the national share applies again)")
    add_db_argument(clear)
    clear.add_argument("requirement", metavar="REQUIREMENT")
    clear.add_argument("--reason", default="", help="why, for the history")
    clear.add_argument("--trust", default=None, help="the trust (default: your own)")
    clear.add_argument("--json", action="store_true", help="print JSON")
    clear.set_defaults(handler=cmd_trust_bau_clear)

    lst = sub.add_parser("list", help="the trusts' own shares with their sources, beside the national share")
    add_db_argument(lst)
    lst.add_argument("--trust", default=None, help="one trust only")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(handler=cmd_trust_bau_list)


def _trust(args: argparse.Namespace) -> str:
    trust = args.trust or args.acting_user.trust
    if not trust:
        raise UserError("name the trust with --trust")
    return str(trust)


def _user_error(exc: Exception) -> UserError:
    from catalogue.local_figures import FigureProblems

    if isinstance(exc, FigureProblems):
        return UserError("nothing was saved:\n  " + "\n  ".join(str(p) for p in exc.problems))
    return UserError(str(exc))


def _expected() -> tuple[type[Exception], ...]:
    from audit.access import AccessDenied
    from catalogue.errors import NotFound
    from catalogue.local_figures import FigureProblems, StaleFigures

    return (AccessDenied, NotFound, FigureProblems, StaleFigures)


def _share_json(share: Any) -> dict[str, Any]:
    return {
        "trust": share.trust,
        "requirement": share.requirement,
        "bau_share": share.bau_share,
        "source": share.source,
        "national_bau_share": share.national_bau_share,
        "recorded_by": share.recorded_by,
        "recorded_on": share.recorded_on.isoformat(),
    }


def cmd_trust_bau_set(args: argparse.Namespace) -> int:
    from audit.local_bau import set_trust_share

    db = open_db_from_args(args)
    try:
        share = set_trust_share(db, args.acting_user, _trust(args), args.requirement, args.share, args.source)
    except _expected() as exc:
        raise _user_error(exc) from exc
    if args.json:
        print_json(_share_json(share))
    else:
        print(f"{share.trust}, {share.requirement}: our business-as-usual share is {share.bau_share:.0%} "
              f"(national {share.national_bau_share:.0%}); source: {share.source}")  # fmt: skip
    return 0


def cmd_trust_bau_clear(args: argparse.Namespace) -> int:
    from audit.local_bau import clear_trust_share

    db = open_db_from_args(args)
    trust = _trust(args)
    try:
        cleared = clear_trust_share(db, args.acting_user, trust, args.requirement, reason=args.reason)
    except _expected() as exc:
        raise _user_error(exc) from exc
    if args.json:
        print_json({"trust": trust, "requirement": args.requirement, "cleared": cleared})
    elif cleared:
        print(f"{trust}, {args.requirement}: our share removed; the national share applies again.")
    else:
        print(f"{trust}, {args.requirement}: no share of our own to remove.")
    return 0


def cmd_trust_bau_list(args: argparse.Namespace) -> int:
    from audit.local_bau import trust_shares

    db = open_db_from_args(args)
    try:
        shares = trust_shares(db, args.acting_user, args.trust)
    except _expected() as exc:
        raise _user_error(exc) from exc
    if args.json:
        print_json([_share_json(s) for s in shares])
        return 0
    if not shares:
        print("No trust share of its own.")
        return 0
    print_table(
        [
            [
                s.trust,
                s.requirement,
                f"{s.bau_share:.0%}",
                f"{s.national_bau_share:.0%}",
                s.source,
                s.recorded_by,
                s.recorded_on.isoformat(),
            ]
            for s in shares
        ],
        ["Trust", "Requirement", "Our share", "National share", "Source", "Set by", "On"],
        numeric=["Our share", "National share"],
        wrap=["Source"],
    )
    return 0
