"""Time-study commands: ``proportion study create|list|template|import|results|accept|adopt``, one library call
each.

Who may run them is the same matrix as the Time studies page (``audit.access``): a trust manager for their own
trust's studies, the administrator for any; ``adopt`` (a pooled figure as the national one) is for those who edit
the catalogue, as on the Measured across trusts page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from pathlib import Path
from typing import Any

from proportion.commands._common import UserError, add_db_argument, open_db_from_args, print_json


def register(subparsers: Any) -> None:
    """Add the ``study`` commands to the ``proportion`` parser."""
    study = subparsers.add_parser("study", help="time-recording studies of a trust")
    sub = study.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True

    create = sub.add_parser("create", help="set up a study (default requirements: the trust's measure-first list)")
    add_db_argument(create)
    create.add_argument("--trust", default=None, help="the trust (default: your own)")
    create.add_argument("--title", required=True)
    create.add_argument("--from", dest="starts", required=True, metavar="DATE", help="first day, e.g. 2011-05-02")
    create.add_argument("--to", dest="ends", required=True, metavar="DATE", help="last day, e.g. 2011-05-13")
    create.add_argument("--requirement", action="append", default=[], metavar="ID", help="repeat for several")
    create.add_argument("--grade", action="append", default=[], metavar="CODE", help="repeat for several")
    create.add_argument("--account", action="append", default=[], metavar="USER", help="a trust staff account")
    create.add_argument("--codes", type=int, default=0, metavar="N", help="participants with a code only")
    create.add_argument("--working-days", type=float, default=None, metavar="N", help="working days a year")
    create.add_argument("--json", action="store_true", help="print JSON")
    create.set_defaults(handler=cmd_study_create)

    lst = sub.add_parser("list", help="the studies you manage")
    add_db_argument(lst)
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(handler=cmd_study_list)

    tpl = sub.add_parser("template", help="write a study's XLSX recording template")
    add_db_argument(tpl)
    tpl.add_argument("study", type=int, metavar="STUDY")
    tpl.add_argument("--out", required=True, metavar="PATH")
    tpl.set_defaults(handler=cmd_study_template)

    imp = sub.add_parser("import", help="add the entries of a filled template (all or nothing)")
    add_db_argument(imp)
    imp.add_argument("study", type=int, metavar="STUDY")
    imp.add_argument("path", metavar="PATH")
    imp.add_argument("--json", action="store_true", help="print JSON")
    imp.set_defaults(handler=cmd_study_import)

    res = sub.add_parser("results", help="minutes each and times a year with 95%% intervals, beside the national")
    add_db_argument(res)
    res.add_argument("study", type=int, metavar="STUDY")
    res.add_argument("--json", action="store_true", help="print JSON")
    res.set_defaults(handler=cmd_study_results)

    acc = sub.add_parser("accept", help="accept a study's results as the trust's local measurements")
    add_db_argument(acc)
    acc.add_argument("study", type=int, metavar="STUDY")
    acc.add_argument("--requirement", action="append", default=None, metavar="ID", help="default: every one")
    acc.add_argument("--confirm", default=None, metavar="KEY", help="the key printed for figures far from national")
    acc.add_argument("--comment", default="", help="why figures far from the national ones are right")
    acc.add_argument("--json", action="store_true", help="print JSON")
    acc.set_defaults(handler=cmd_study_accept)

    adopt = sub.add_parser(
        "adopt", help="adopt the pooled minutes of a requirement as its national figure (shows old -> new first)"
    )
    add_db_argument(adopt)
    adopt.add_argument("requirement", metavar="REQUIREMENT")
    adopt.add_argument("--confirm", default=None, metavar="KEY", help="the key printed with the change")
    adopt.add_argument("--reason", default="", help="why the pooled figure should become the national one")
    adopt.add_argument("--json", action="store_true", help="print JSON")
    adopt.set_defaults(handler=cmd_study_adopt)


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{what} {text!r} is not a date: write it as 2011-05-02") from None


def _expected() -> tuple[type[Exception], ...]:
    """The errors a study command reports as a user's mistake (anything else is a fault and shows as one)."""
    from audit.access import AccessDenied
    from audit.study import StudyNotFound, StudyProblems

    return (StudyProblems, StudyNotFound, AccessDenied)


def _problems(exc: Exception) -> UserError:
    from audit.study import StudyProblems

    if isinstance(exc, StudyProblems):
        return UserError("nothing was saved:\n  " + "\n  ".join(exc.problems))
    return UserError(str(exc))


def _audit(db: Any, user: Any) -> Any:
    from audit.access import local_data_scope, restrict_catalogue
    from audit.engine import run_audit
    from audit.policy import load_policy
    from catalogue.store import load_catalogue

    catalogue = restrict_catalogue(load_catalogue(db), local_data_scope(user))
    return run_audit(catalogue, load_policy(db))


def _study_json(study: Any) -> dict[str, Any]:
    return {
        "id": study.id,
        "trust": study.trust,
        "title": study.title,
        "starts": study.starts.isoformat(),
        "ends": study.ends.isoformat(),
        "period": study.period,
        "status": study.status,
        "requirements": list(study.requirements),
        "grades": list(study.grades),
        "working_days_per_year": study.working_days_per_year,
        "participants": [p.code for p in study.participants],  # codes only, never names
    }


def cmd_study_create(args: argparse.Namespace) -> int:
    from audit.study import WORKING_DAYS_PER_YEAR, create_study

    user = args.acting_user
    trust = args.trust or user.trust
    if not trust:
        raise UserError("name the trust with --trust")
    db = open_db_from_args(args)
    requirements = args.requirement or _audit(db, user).measure_first_by_trust.get(trust, [])
    try:
        study = create_study(
            db, user, trust=trust, title=args.title, starts=_date(args.starts, "--from"),
            ends=_date(args.ends, "--to"), requirements=requirements, grades=args.grade, accounts=args.account,
            anonymous=args.codes, working_days_per_year=args.working_days or WORKING_DAYS_PER_YEAR,
        )  # fmt: skip
    except _expected() as exc:
        raise _problems(exc) from exc
    if args.json:
        print_json(_study_json(study))
    else:
        print(f"Study {study.id}: {study.label}, {len(study.participants)} participants, "
              f"{len(study.requirements)} requirements.")  # fmt: skip
    return 0


def cmd_study_list(args: argparse.Namespace) -> int:
    from audit.study import studies_for

    found = studies_for(open_db_from_args(args), args.acting_user)
    if args.json:
        print_json([_study_json(s) for s in found])
        return 0
    for s in found:
        print(f"{s.id:>4}  {s.status:<6}  {s.trust:<40}  {s.label}")
    return 0


def cmd_study_template(args: argparse.Namespace) -> int:
    from audit.study_template import template
    from catalogue.store import load_catalogue

    db = open_db_from_args(args)
    try:
        content = template(db, args.acting_user, args.study, load_catalogue(db))
    except _expected() as exc:
        raise _problems(exc) from exc
    Path(args.out).write_bytes(content)
    print(f"Wrote the template of study {args.study} to {args.out}")
    return 0


def cmd_study_import(args: argparse.Namespace) -> int:
    from audit.study_template import import_template

    path = Path(args.path)
    if not path.exists():
        raise UserError(f"no file at {path}")
    try:
        added = import_template(open_db_from_args(args), args.acting_user, args.study, path.read_bytes())
    except _expected() as exc:
        raise _problems(exc) from exc
    if args.json:
        print_json({"study": args.study, "entries": len(added)})
    else:
        print(f"Added {len(added)} entries to study {args.study}.")
    return 0


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value.item() if hasattr(value, "item") else value


def cmd_study_results(args: argparse.Namespace) -> int:
    from audit.study_results import method_text, study_results
    from catalogue.store import load_catalogue

    db = open_db_from_args(args)
    try:
        study, frame = study_results(db, args.acting_user, args.study, load_catalogue(db))
    except _expected() as exc:
        raise _problems(exc) from exc
    if args.json:
        rows = [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]
        print_json({"study": _study_json(study), "method": method_text(), "results": rows})
        return 0
    print(f"{study.label}: {study.trust}")
    for row in frame.itertuples():
        minutes = "no data" if math.isnan(row.minutes_per_occurrence) else f"{row.minutes_per_occurrence:,.1f}"
        interval = "" if math.isnan(row.minutes_low) else f" ({row.minutes_low:,.1f}-{row.minutes_high:,.1f})"
        print(f"  {row.requirement:<24} minutes each {minutes}{interval}, n = {row.participants_minutes}; "
              f"national {row.national_minutes:,.1f}")  # fmt: skip
    print(method_text())
    return 0


def cmd_study_accept(args: argparse.Namespace) -> int:
    from audit.study_results import accept_results, plan_accept

    db = open_db_from_args(args)
    user = args.acting_user
    try:
        result = _audit(db, user)
        plan = plan_accept(db, user, args.study, result, args.requirement)
        if plan.needs_confirmation and args.confirm != plan.key:
            far = "\n  ".join(f"{c.requirement}: {c.describe()}" for c in plan.concerns)
            raise UserError(
                f"some figures are far from the national ones:\n  {far}\n"
                f"check them, then run again with --confirm {plan.key} --comment 'why they are right'"
            )
        saved = accept_results(
            db, user, args.study, result, args.requirement, confirmed_key=args.confirm, comment=args.comment
        )
    except _expected() as exc:
        raise _problems(exc) from exc
    if args.json:
        print_json({"study": args.study, "accepted": saved})
    else:
        print(f"Accepted {len(saved)} requirement(s) as local measurements: {', '.join(saved)}")
    return 0


def _adoption_json(plan: Any, adopted: bool) -> dict[str, Any]:
    return {
        "requirement": plan.requirement,
        "adopted": adopted,
        "change": plan.describe(),
        "key": plan.key,
        "old": {"low": plan.old_low, "central": plan.old_central, "high": plan.old_high,
                "provenance": plan.old_provenance},
        "new": {"low": plan.new_low, "central": plan.new_central, "high": plan.new_high},
        "provenance": plan.provenance.model_dump(mode="json"),
        "inputs": list(plan.inputs),
        "activities": [{"activity": a.activity, "share": a.share,
                        "old": dict(zip(("low", "central", "high"), a.old, strict=True)),
                        "new": dict(zip(("low", "central", "high"), a.new, strict=True)),
                        "provenance": a.provenance.model_dump(mode="json")} for a in plan.activities],
    }  # fmt: skip


def cmd_study_adopt(args: argparse.Namespace) -> int:
    from audit.study_pooling import adopt_pooled, plan_adoption
    from catalogue.errors import StaleWrite
    from catalogue.store import load_catalogue

    db = open_db_from_args(args)
    user = args.acting_user
    try:
        catalogue = load_catalogue(db)
        if args.confirm is None:
            plan = plan_adoption(db, user, catalogue, args.requirement)
            if args.json:
                print_json(_adoption_json(plan, adopted=False))
            else:
                print(f"{plan.describe()}\n  from: {plan.old_provenance}\n  to:   {plan.provenance.describe()}")
                print(f"Nothing saved: run again with --confirm {plan.key} --reason 'why' to adopt it.")
            return 0
        plan = adopt_pooled(db, user, catalogue, args.requirement, reason=args.reason, confirmed_key=args.confirm)
    except (*_expected(), StaleWrite) as exc:
        raise _problems(exc) from exc
    if args.json:
        print_json(_adoption_json(plan, adopted=True))
    else:
        print(f"Adopted as national: {plan.describe()}")
    return 0
