"""Audit commands: ``audit``, ``proposals``, ``scenario create|show|accept|reject|list``, ``stock``.

Each handler opens the database, runs one library call (``audit.engine.run_audit`` and friends) and prints a
table for people or, with ``--json``, a result model of ``audit.summary`` / ``audit.scenario_summary`` as its JSON
(documented in docs/json.md; ``proportion schema`` prints its JSON Schema).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from typing import TYPE_CHECKING, Any

from proportion.commands._common import UserError, add_db_argument, open_db_from_args, print_model, print_table
from reports import formatting as fmt

if TYPE_CHECKING:  # the summaries are imported by the commands that print them, not by every command
    from audit.summary import Range


def register(subparsers: Any) -> None:
    """Add the audit subcommands to the ``proportion`` parser."""
    p = subparsers.add_parser("audit", help="burden per trust and nationally: hours, FTE, cost (low-high), shares")
    add_db_argument(p)
    p.add_argument("--trust", metavar="NAME", help="show this trust only (national totals are still given)")
    p.add_argument("--json", action="store_true", help="print JSON (keys in the README)")
    p.set_defaults(handler=audit_command)

    p = subparsers.add_parser("proposals", help="ranked proposals: remove, merge, reduce frequency, simplify ...")
    add_db_argument(p)
    p.add_argument("--action", metavar="A", help="only this action (" + ", ".join(_actions()) + ")")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="show the first N proposals only")
    p.add_argument("--json", action="store_true", help="print JSON (keys in the README)")
    p.set_defaults(handler=proposals_command)

    p = subparsers.add_parser("scenario", help="named sets of accepted and rejected proposals")
    sub = p.add_subparsers(dest="scenario_command", metavar="ACTION", parser_class=type(p))
    sub.required = True
    c = sub.add_parser("create", help="create an empty scenario")
    c.add_argument("name")
    c.add_argument("--description", default="")
    _common(c, json=False)
    c.set_defaults(handler=scenario_create)
    c = sub.add_parser("show", help="burden before and after a scenario")
    c.add_argument("name")
    _common(c)
    c.set_defaults(handler=scenario_show)
    for verb in ("accept", "reject"):
        c = sub.add_parser(verb, help=f"{verb} proposals in a scenario (ids from 'proportion proposals')")
        c.add_argument("name")
        c.add_argument("proposal_ids", nargs="+", metavar="PROPOSAL_ID")
        _common(c, json=False)
        c.set_defaults(handler=scenario_accept if verb == "accept" else scenario_reject)
    c = sub.add_parser("list", help="list scenarios")
    _common(c)
    c.set_defaults(handler=scenario_list)

    p = subparsers.add_parser("stock", help="requirements in force, added and removed per year")
    add_db_argument(p)
    p.add_argument("--on", metavar="DATE", help="count requirements in force on this date (default: audit date)")
    p.add_argument("--json", action="store_true", help="print JSON (keys in the README)")
    p.set_defaults(handler=stock_command)


def _common(parser: argparse.ArgumentParser, json: bool = True) -> None:
    add_db_argument(parser)
    if json:
        parser.add_argument("--json", action="store_true", help="print JSON (keys in the README)")


def _actions() -> tuple[str, ...]:
    from audit.proposals import ACTIONS

    return ACTIONS


def _actor(args: argparse.Namespace) -> str:
    """Return the acting account's name (set by proportion.cli from --as / $PROPORTION_USER)."""
    user = getattr(args, "acting_user", None)
    return str(getattr(user, "username", None) or getpass.getuser())


def _run(args: argparse.Namespace) -> tuple[Any, Any]:
    from audit.engine import run_audit
    from audit.errors import AuditError
    from audit.policy import load_policy
    from catalogue.store import load_catalogue

    db = open_db_from_args(args)
    try:
        catalogue = load_catalogue(db)
        policy = load_policy(db)
        return run_audit(catalogue, policy), db
    except AuditError as exc:
        db.conn.close()
        raise UserError(str(exc)) from None
    except Exception:
        db.conn.close()
        raise


def _fmt_range(figure: Range, measure: str, money: bool = False) -> str:
    """Return a range as people read it: "1,428 (1,237-1,976)"; FTE to one decimal, money in pounds."""
    unit = "£" if money else ""
    digits = 1 if measure == "fte" else 0

    def one(value: float | None) -> str:
        return "-" if value is None else f"{unit}{value:,.{digits}f}"

    return f"{one(figure.central)} ({one(figure.low)}-{one(figure.high)})"


def _number(value: float | None, spec: str) -> str:
    """Return ``value`` formatted by ``spec``, or "" for a figure that has no value (a trust with no caseload)."""
    return "" if value is None else format(value, spec)


def _share_of_hours(value: float | None, total: float | None) -> str:
    """Return "12.3% of hours", or "no burden" when there are no hours to take a share of."""
    text = fmt.share(value, total)
    return text if text == fmt.NO_BURDEN else f"{text} of hours"


# --- audit ------------------------------------------------------------------------------------


def audit_command(args: argparse.Namespace) -> int:
    """Print national and per-trust burden."""
    result, db = _run(args)
    db.conn.close()
    if args.trust is not None and args.trust not in set(result.by_trust["trust"]):
        raise UserError(f"no trust called {args.trust!r}; see 'proportion audit' for the names")
    from audit.summary import audit_summary

    summary = audit_summary(result, args.trust)
    if args.json:
        print_model(summary)
        return 0
    nat = summary.national
    print(f"Burden of central requirements in force on {summary.audit_date} (central, low-high)")
    print(f"  {nat.requirements} requirements in {nat.directives} directives, {nat.trusts} trusts")
    print(f"  hours a year   {_fmt_range(nat.hours, 'hours')}")
    print(f"  FTE            {_fmt_range(nat.fte, 'fte')}")
    print(f"  cost a year    {_fmt_range(nat.cost, 'cost', money=True)}")
    print(f"  one-off familiarisation: {_fmt_range(nat.familiarisation.hours, 'hours')} hours")
    top = fmt.share(nat.top10_share, nat.hours.central, 0)
    top_text = f"top 10 requirements: {top}" if top == fmt.NO_BURDEN else f"top 10 requirements {top} of hours"
    if nat.share_of_staff_time is not None:
        print(f"  share of staff time {nat.share_of_staff_time:.1%}; {top_text}")
    else:
        print(f"  {top_text}")
    print()
    print_table(
        [
            [
                t.trust,
                _fmt_range(t.hours, "hours"),
                _fmt_range(t.fte, "fte"),
                _fmt_range(t.cost, "cost", money=True),
                _number(t.hours_per_offender, ",.2f"),
                _number(t.share_of_staff_time, ".1%"),
            ]
            for t in summary.trusts
        ],
        ["trust", "hours", "FTE", "cost", "h/offender", "staff time"],
        numeric=["hours", "FTE", "cost", "h/offender", "staff time"],
    )
    return 0


# --- proposals --------------------------------------------------------------------------------


def proposals_command(args: argparse.Namespace) -> int:
    """Print the ranked proposals."""
    if args.action is not None and args.action not in _actions():
        raise UserError(f"unknown action {args.action!r}; choose from {', '.join(_actions())}")
    if args.limit is not None and args.limit < 1:
        raise UserError("--limit must be at least 1")
    result, db = _run(args)
    db.conn.close()
    from audit.summary import proposals_summary

    summary = proposals_summary(result, args.action, args.limit)
    if args.json:
        print_model(summary)
        return 0
    if not summary.proposals:
        print("no proposals")
        return 0
    print_table(
        [
            [
                str(p.rank),
                p.id,
                _number(p.savings.hours.central, ",.0f"),
                _number(p.savings.fte.central, ",.1f"),
                _number(p.savings.cost.central, ",.0f"),
                p.risk_level,
                p.confidence,
            ]
            for p in summary.proposals
        ],
        ["rank", "id", "saving hours", "saving FTE", "saving £", "risk", "confidence"],
        numeric=["rank", "saving hours", "saving FTE", "saving £"],
    )
    return 0


# --- scenarios --------------------------------------------------------------------------------


def scenario_create(args: argparse.Namespace) -> int:
    """Create a scenario."""
    from audit.errors import ScenarioError
    from audit.scenarios import create_scenario

    db = open_db_from_args(args)
    try:
        create_scenario(db, args.name, actor=_actor(args), description=args.description)
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    finally:
        db.conn.close()
    print(f"created scenario {args.name!r}")
    return 0


def _decide(args: argparse.Namespace, decision: str) -> int:
    from audit.errors import ScenarioError
    from audit.scenarios import decide

    result, db = _run(args)
    try:
        decide(db, args.name, args.proposal_ids, decision, actor=_actor(args), proposals=result.proposals["id"])
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    finally:
        db.conn.close()
    print(f"{decision} {len(set(args.proposal_ids))} proposal(s) in scenario {args.name!r}")
    return 0


def scenario_accept(args: argparse.Namespace) -> int:
    """Accept proposals in a scenario."""
    return _decide(args, "accepted")


def scenario_reject(args: argparse.Namespace) -> int:
    """Reject proposals in a scenario."""
    return _decide(args, "rejected")


def scenario_show(args: argparse.Namespace) -> int:
    """Show a scenario's burden before and after."""
    from audit.errors import ScenarioError
    from audit.scenarios import evaluate_scenario, get_scenario

    result, db = _run(args)
    try:
        scenario = get_scenario(db, args.name)
    except ScenarioError as exc:
        raise UserError(str(exc)) from None
    finally:
        db.conn.close()
    from audit.scenario_summary import scenario_summary

    summary = scenario_summary(scenario, evaluate_scenario(result, scenario.accepted))
    if args.json:
        print_model(summary)
        return 0
    nat = summary.national
    print(f"Scenario {summary.name!r}: {len(summary.accepted)} accepted, {len(summary.rejected)} rejected")
    if summary.missing:
        print(f"  not in the current proposals (ignored): {', '.join(summary.missing)}")
    print(f"  hours before {_fmt_range(nat.before.hours, 'hours')}")
    print(f"  hours after  {_fmt_range(nat.after.hours, 'hours')}")
    print(
        f"  saving       {_fmt_range(nat.saving.cost, 'cost', money=True)} a year "
        f"({_share_of_hours(nat.saving_share, nat.before.hours.central)})"
    )
    print(f"  officer-equivalents released {_fmt_range(nat.officer_equivalents_released, 'fte')}")
    print(
        f"  share of staff time with offenders {_number(nat.direct_contact_share_before, '.1%')} -> "
        f"{_number(nat.direct_contact_share_after, '.1%')} (upper bound: {nat.direct_contact_assumption})"
    )
    check = summary.one_in_two_out
    print(
        f"  one-in-two-out {'passes' if check.passes else 'fails'}: outs £{check.outs_cost:,.0f} "
        f"vs ins £{check.ins_cost:,.0f} (needs {check.ratio_required:g}x)"
    )
    return 0


def scenario_list(args: argparse.Namespace) -> int:
    """List scenarios."""
    from audit.scenarios import list_scenarios

    db = open_db_from_args(args)
    try:
        scenarios = list_scenarios(db)
    finally:
        db.conn.close()
    if args.json:
        from audit.scenario_summary import scenario_records

        print_model(scenario_records(scenarios))
        return 0
    if not scenarios:
        print("no scenarios")
        return 0
    print_table(
        [[s.name, str(len(s.accepted)), str(len(s.rejected)), s.description] for s in scenarios],
        ["scenario", "accepted", "rejected", "description"],
        numeric=["accepted", "rejected"],
        wrap=["description"],
    )
    return 0


# --- stock ------------------------------------------------------------------------------------


def stock_command(args: argparse.Namespace) -> int:
    """Print the stock of requirements in force and the flow per year."""
    from audit.policy import load_policy
    from catalogue.store import load_catalogue

    db = open_db_from_args(args)
    try:
        catalogue = load_catalogue(db)
        policy = load_policy(db)
    finally:
        db.conn.close()
    try:
        on = dt.date.fromisoformat(args.on) if args.on else policy.audit_date
    except ValueError:
        raise UserError(f"--on must be a date written YYYY-MM-DD, not {args.on!r}") from None
    from audit.scenario_summary import StockYear, stock_summary

    summary = stock_summary(catalogue, on)
    if args.json:
        print_model(summary)
        return 0
    print(
        f"{summary.requirements_in_force} requirements in {summary.directives_in_force} directives "
        f"in force on {summary.on}"
    )
    if summary.years:
        print()
        columns = list(StockYear.model_fields)
        print_table(
            [[str(getattr(y, c)) for c in columns] for y in summary.years],
            columns,
            numeric=columns[1:],
        )
    if summary.undated_removals:
        print(f"\nno longer in force, end date unknown (not counted): {', '.join(summary.undated_removals)}")
    return 0
