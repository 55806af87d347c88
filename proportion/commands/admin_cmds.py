"""Administration commands: accounts, history verification, backup, restore and integrity check."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from proportion.commands._common import (
    UserError,
    add_db_argument,
    db_path_from_args,
    open_db_from_args,
    print_json,
    print_table,
)


def role_name(text: str) -> str:
    """Read a role as typed: "trust-staff", "trust staff" and "trust_staff" name the same role."""
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def register(subparsers: Any) -> None:
    """Add the administration commands to the ``proportion`` parser."""
    users = subparsers.add_parser("users", help="manage accounts for the shared app")
    usub = users.add_subparsers(dest="action", metavar="ACTION")
    usub.required = True
    add = usub.add_parser("add", help="create an account")
    add_db_argument(add)
    add.add_argument("username")
    add.add_argument(
        "--role",
        required=True,
        type=role_name,
        choices=[r.value for r in _roles()],
        help="the account's role; trust-staff and trust_staff are the same",
    )
    add.add_argument("--trust", default=None, help="the trust of a trust manager")
    add.add_argument("--name", default="")
    add.add_argument("--email", default="", help="email for single sign-on")
    add.add_argument("--sso-only", action="store_true", help="no password: log in through single sign-on only")
    add.set_defaults(handler=cmd_users_add)
    lst = usub.add_parser("list", help="list accounts")
    add_db_argument(lst)
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(handler=cmd_users_list)
    dis = usub.add_parser("disable", help="disable an account")
    add_db_argument(dis)
    dis.add_argument("username")
    dis.add_argument("--enable", action="store_true", help="re-enable instead")
    dis.set_defaults(handler=cmd_users_disable)
    pw = usub.add_parser("set-password", help="set an account's password (clears a lock-out)")
    add_db_argument(pw)
    pw.add_argument("username")
    pw.set_defaults(handler=cmd_users_set_password)

    history = subparsers.add_parser("history", help="the change history")
    hsub = history.add_subparsers(dest="action", metavar="ACTION")
    hsub.required = True
    verify = hsub.add_parser("verify", help="check the hash chain and name the first tampered entry")
    add_db_argument(verify)
    verify.set_defaults(handler=cmd_history_verify)

    bk = subparsers.add_parser("backup", help="copy the database consistently, even while the app runs")
    add_db_argument(bk)
    bk.add_argument("--out", required=True, metavar="PATH")
    bk.set_defaults(handler=cmd_backup)
    rs = subparsers.add_parser("restore", help="check a backup and restore it over the database")
    add_db_argument(rs)
    rs.add_argument("path", metavar="PATH")
    rs.set_defaults(handler=cmd_restore)
    ck = subparsers.add_parser(
        "check", help="integrity check (SQLite, foreign keys, the history chain) and likely double counts to resolve"
    )
    add_db_argument(ck)
    ck.add_argument("--on", default=None, metavar="YYYY-MM-DD", help="double counts on this date only (default: any)")
    ck.add_argument("--json", action="store_true", help="print JSON")
    ck.set_defaults(handler=cmd_check)

    serve = subparsers.add_parser("serve", help="serve the web app (refuses a non-loopback address with no accounts)")
    add_db_argument(serve)
    serve.add_argument("--address", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(handler=cmd_serve)


def _roles():
    from audit.access import Role

    return list(Role)


def _read_password(prompt: str = "Password: ") -> str:
    """Read a password from $PROPORTION_PASSWORD, a pipe, or the terminal (never from the command line)."""
    if os.environ.get("PROPORTION_PASSWORD"):
        return os.environ["PROPORTION_PASSWORD"]
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("Again: ") != first:
        raise UserError("the two passwords differ")
    return first


def cmd_users_add(args: argparse.Namespace) -> int:
    from audit.accounts import AccountError, add_user

    db = open_db_from_args(args)
    password = None if args.sso_only else _read_password()
    try:
        user = add_user(
            db,
            args.username,
            password,
            args.role,
            trust=args.trust,
            name=args.name,
            email=args.email,
            actor=args.acting_user.username,
        )
    except AccountError as exc:
        raise UserError(str(exc)) from exc
    print(f"Created {user.label}")
    return 0


def _account_state(user: dict) -> str:
    """Return "disabled", "locked" or "active": what a listing says of an account."""
    return "disabled" if user["disabled"] else ("locked" if user["locked_until"] else "active")


def cmd_users_list(args: argparse.Namespace) -> int:
    from audit.accounts import list_users

    users = list_users(open_db_from_args(args))
    if args.json:
        print_json(users)
        return 0
    if users:
        print_table(
            [[u["username"], u["role"], u["trust"] or "", _account_state(u)] for u in users],
            ["account", "role", "trust", "state"],
        )
    print(f"\n{len(users)} accounts")
    return 0


def cmd_users_disable(args: argparse.Namespace) -> int:
    from audit.accounts import AccountError, set_disabled

    try:
        set_disabled(open_db_from_args(args), args.username, not args.enable, actor=args.acting_user.username)
    except AccountError as exc:
        raise UserError(str(exc)) from exc
    print(f"{'Enabled' if args.enable else 'Disabled'} {args.username}")
    return 0


def cmd_users_set_password(args: argparse.Namespace) -> int:
    from audit.accounts import AccountError, set_password

    db = open_db_from_args(args)
    try:
        set_password(db, args.username, _read_password("New password: "), actor=args.acting_user.username)
    except AccountError as exc:
        raise UserError(str(exc)) from exc
    print(f"Password set for {args.username}")
    return 0


def cmd_history_verify(args: argparse.Namespace) -> int:
    from catalogue.history import verify_history

    result = verify_history(open_db_from_args(args))
    if result.ok:
        print(f"History intact: {result.entries} entries, every hash and link holds")
        return 0
    sys.stderr.write(f"proportion: history entry {result.first_bad_id} fails: {result.problem}\n")
    return 1


def cmd_backup(args: argparse.Namespace) -> int:
    from catalogue.backup import backup

    out = backup(db_path_from_args(args), args.out)
    print(f"Backed up {db_path_from_args(args)} to {out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from catalogue.backup import restore

    report = restore(args.path, db_path_from_args(args))
    print(
        f"Restored {args.path} into {db_path_from_args(args)}; integrity ok, {report.history_entries} history entries"
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check the database's integrity and list likely double counts; exit 1 when anything needs resolving."""
    import datetime as dt

    from audit.double_counts import likely_double_counts
    from catalogue.backup import check
    from catalogue.store import load_catalogue

    try:
        on = dt.date.fromisoformat(args.on) if args.on else None
    except ValueError as exc:
        raise UserError(f"--on {args.on!r} is not a date: write it YYYY-MM-DD, e.g. 2011-03-31") from exc
    report = check(db_path_from_args(args))
    pairs = likely_double_counts(load_catalogue(open_db_from_args(args)), on=on) if report.ok else []
    if args.json:
        print_json(
            {
                "integrity": {"ok": report.ok, "problems": report.problems, "history_entries": report.history_entries},
                "likely_double_counts": [p.as_dict() for p in pairs],
            }
        )
        return 0 if report.ok and not pairs else 1
    if not report.ok:
        for problem in report.problems:
            sys.stderr.write(f"proportion: {problem}\n")
        return 1
    print(f"Integrity ok: SQLite, foreign keys and {report.history_entries} history entries")
    when = f" on {on.isoformat()}" if on else ""
    if not pairs:
        print(f"No likely double count{when}: no two requirements in force together seem to cost the same work.")
        return 0
    print(f"\n{len(pairs)} likely double count(s){when} to resolve (mark one as counted in the other, with why):")
    for pair in pairs:
        print(f"\n{pair.a} ({pair.directive_a}) and {pair.b} ({pair.directive_b}): {pair.reason}")
        print(f"  {pair.a}: {pair.text_a}")
        print(f"  {pair.b}: {pair.text_b}")
    return 1


def cmd_serve(args: argparse.Namespace) -> int:
    from pathlib import Path

    from audit.access import UnsafeDeployment, check_deployment
    from audit.accounts import has_accounts

    db = open_db_from_args(args)
    try:
        local = check_deployment(args.address, has_accounts(db))
    except UnsafeDeployment as exc:
        raise UserError(str(exc)) from exc
    db.conn.close()
    # The app together with the route that sets the login cookie HttpOnly (proportion_server.py says why).
    app = Path(__file__).resolve().parents[2] / "proportion_server.py"
    if not app.exists():
        raise UserError(f"cannot find the app at {app}")
    mode = "local mode (no accounts)" if local else "accounts required"
    print(f"Serving {db_path_from_args(args)} at http://{args.address}:{args.port} ({mode})", flush=True)
    os.environ["PROPORTION_DB"] = str(db_path_from_args(args).resolve())
    # One BLAS thread: Streamlit already runs sessions on threads; threaded BLAS on top made audits erratic.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    settings = project_settings(app.parent / ".streamlit" / "config.toml")
    argv = [
        sys.executable, "-m", "streamlit", "run", str(app), *settings,
        "--server.address", args.address, "--server.port", str(args.port), "--server.headless", "true",
    ]  # fmt: skip
    os.execv(sys.executable, argv)
    return 0  # not reached


def project_settings(config: Any) -> list[str]:
    """Turn the project's ``.streamlit/config.toml`` into `streamlit run` flags.

    Streamlit reads that file only when started from the project folder; `proportion serve` may be run from
    anywhere, so it passes the same settings on the command line. The file stays their one source.
    """
    import tomllib
    from pathlib import Path

    path = Path(config)
    if not path.exists():
        return []
    flags: list[str] = []
    for section, options in tomllib.loads(path.read_text()).items():
        for key, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags += [f"--{section}.{key}", text]
    return flags
