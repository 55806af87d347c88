"""Local accounts: bcrypt-hashed passwords, roles, lock-out with back-off after repeated failures.

>>> add_user(db, "ann", "a long passphrase", Role.TRUST_MANAGER, trust="Kent Probation Trust")   # doctest: +SKIP
>>> authenticate(db, "ann", "a long passphrase").role                                            # doctest: +SKIP
<Role.TRUST_MANAGER: 'trust_manager'>
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

import bcrypt
from sqlite_utils import Database

from audit.access import TRUST_ROLES, Role, User
from catalogue.history import record_change
from catalogue.store import writing

MIN_PASSWORD_LENGTH = 10
FREE_ATTEMPTS = 5  # failures allowed before the account locks
FIRST_LOCK = dt.timedelta(seconds=30)  # doubled for each further failure
MAX_LOCK = dt.timedelta(hours=1)
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")
# Checked against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = bcrypt.hashpw(b"not a real password", bcrypt.gensalt(rounds=12))


class AccountError(Exception):
    """A problem with an account request the user can fix (bad name, weak password, unknown user)."""


@dataclass(frozen=True)
class LoginRefused(Exception):
    """A login failed; ``retry_after`` is set while the account is locked."""

    message: str
    retry_after: dt.datetime | None = None

    def __str__(self) -> str:
        return self.message


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def hash_password(password: str) -> str:
    """Return a bcrypt hash of ``password`` (refusing passwords that are too short)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password.encode("utf-8")) > 72:
        raise AccountError("a password may have at most 72 bytes (bcrypt's limit)")
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12)).decode("ascii")


ROLE_WORDS = {Role.TRUST_MANAGER: "trust manager", Role.TRUST_STAFF: "member of trust staff"}


def _user(row: dict) -> User:
    return User(username=row["username"], role=Role(row["role"]), trust=row["trust"], name=row["name"] or "")


def add_user(
    db: Database,
    username: str,
    password: str | None,
    role: Role | str,
    *,
    trust: str | None = None,
    name: str = "",
    email: str = "",
    actor: str = "local",
) -> User:
    """Create an account; trust managers and trust staff must name an existing trust. ``password`` None: single
    sign-on only."""
    role = Role(role)
    if not USERNAME.match(username):
        raise AccountError("a username is 2-64 letters, digits, '.', '_', '@' or '-'")
    if role in TRUST_ROLES and not trust:
        raise AccountError(f"a {ROLE_WORDS[role]} needs --trust")
    if role not in TRUST_ROLES and trust:
        raise AccountError("only trust managers and trust staff belong to a trust")
    if trust and not db.execute("SELECT 1 FROM trusts WHERE name = ?", [trust]).fetchone():
        raise AccountError(f"no trust called {trust!r}")
    if db.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchone():
        raise AccountError(f"an account {username!r} already exists")
    row = {
        "username": username,
        "name": name,
        "email": email.lower(),
        "role": role.value,
        "trust": trust,
        "password_hash": hash_password(password) if password else None,
        "disabled": 0,
        "failed_attempts": 0,
        "locked_until": None,
        "created_at": _now().isoformat(timespec="seconds"),
    }
    with db.atomic():
        db.table("users").insert(row)
        public = {k: v for k, v in row.items() if k != "password_hash"}
        record_change(db, actor=actor, entity="user", entity_id=username, action="create", new=public)
    return _user(row)


def list_users(db: Database) -> list[dict]:
    """Return every account without its password hash, sorted by username."""
    return [
        {k: v for k, v in row.items() if k != "password_hash"}
        for row in db.table("users").rows_where(order_by="username")
    ]


def _get(db: Database, username: str) -> dict:
    rows = list(db.table("users").rows_where("username = ?", [username]))
    if not rows:
        raise AccountError(f"no account {username!r}")
    return rows[0]


def set_disabled(db: Database, username: str, disabled: bool = True, *, actor: str = "local") -> None:
    """Disable (or re-enable) an account; a disabled account cannot log in."""
    _get(db, username)
    with db.atomic():
        db.table("users").update(username, {"disabled": int(disabled)})
        record_change(db, actor=actor, entity="user", entity_id=username, action="disable" if disabled else "enable")


def set_password(db: Database, username: str, password: str, *, actor: str = "local") -> None:
    """Set a new password and clear any lock-out."""
    _get(db, username)
    hashed = hash_password(password)
    with db.atomic():
        db.table("users").update(username, {"password_hash": hashed, "failed_attempts": 0, "locked_until": None})
        record_change(db, actor=actor, entity="user", entity_id=username, action="set password")


def lock_duration(failures: int) -> dt.timedelta:
    """Return how long an account stays locked after ``failures`` consecutive failures (0 while under the limit)."""
    if failures < FREE_ATTEMPTS:
        return dt.timedelta(0)
    return min(MAX_LOCK, FIRST_LOCK * 2 ** (failures - FREE_ATTEMPTS))


def authenticate(db: Database, username: str, password: str, *, now: dt.datetime | None = None) -> User:
    """Check a username and password; return the user or raise LoginRefused (never saying which part was wrong)."""
    now = now or _now()
    rows = list(db.table("users").rows_where("username = ?", [username]))
    if not rows or not rows[0]["password_hash"]:
        bcrypt.checkpw(password.encode("utf-8")[:72], _DUMMY_HASH)
        raise LoginRefused("wrong username or password")
    row = rows[0]
    if row["locked_until"] and dt.datetime.fromisoformat(row["locked_until"]) > now:
        until = dt.datetime.fromisoformat(row["locked_until"])
        raise LoginRefused(f"too many failed attempts; try again after {until:%H:%M:%S} UTC", until)
    ok = bcrypt.checkpw(password.encode("utf-8")[:72], row["password_hash"].encode("ascii"))
    if ok and row["disabled"]:
        raise LoginRefused("this account is disabled")
    with db.atomic():
        if ok:
            db.table("users").update(username, {"failed_attempts": 0, "locked_until": None})
            return _user(row)
        failures = row["failed_attempts"] + 1
        pause = lock_duration(failures)
        locked_until = (now + pause).isoformat() if pause else None
        db.table("users").update(username, {"failed_attempts": failures, "locked_until": locked_until})
        record_change(db, actor=username, entity="user", entity_id=username, action="failed login")
    if pause:
        raise LoginRefused(
            f"too many failed attempts; the account is locked for {int(pause.total_seconds())} s", now + pause
        )
    raise LoginRefused("wrong username or password")


def user_for_email(db: Database, email: str) -> User | None:
    """Return the enabled account whose email matches (for single sign-on), or None."""
    rows = list(db.table("users").rows_where("email = ? AND disabled = 0", [email.lower()]))
    return _user(rows[0]) if rows else None


def get_user(db: Database, username: str) -> User:
    """Return an account as a User, or raise AccountError."""
    return _user(_get(db, username))


def has_accounts(db: Database) -> bool:
    """True once any account exists (the app then requires a login)."""
    return bool(db.execute("SELECT 1 FROM users LIMIT 1").fetchone())


def user_from_claims(db: Database, claims: dict, role_claim: str = "roles", trust_claim: str = "trust") -> User | None:
    """Map a single sign-on identity to a user: an account with the same email first, else roles from a claim.

    Returns None when neither gives a known role, so an identity the provider vouches for but this
    deployment does not know gets no access.
    """
    email = str(claims.get("email") or "").lower()
    if email:
        rows = list(db.table("users").rows_where("email = ?", [email]))
        if rows:  # an account decides, even against the provider's claims; a disabled one refuses
            return None if rows[0]["disabled"] else _user(rows[0])
    raw = claims.get(role_claim) or []
    roles = [raw] if isinstance(raw, str) else list(raw)
    for value in roles:
        try:
            role = Role(str(value))
        except ValueError:
            continue
        trust = claims.get(trust_claim) if role in TRUST_ROLES else None
        if role in TRUST_ROLES and (
            not trust or not db.execute("SELECT 1 FROM trusts WHERE name = ?", [trust]).fetchone()
        ):
            continue
        return User(
            username=email or str(claims.get("sub")), role=role, trust=trust, name=str(claims.get("name") or "")
        )
    return None


SESSION_IDLE = dt.timedelta(minutes=30)  # a session unused this long must log in again
SEEN_EVERY = dt.timedelta(minutes=1)  # how often a session's "last seen" is written
SESSION_MAX = dt.timedelta(hours=8)  # and no session outlives a working day


def session_expired(logged_in_at: dt.datetime, last_seen: dt.datetime, now: dt.datetime | None = None) -> bool:
    """True when a login session has been idle too long or has lasted longer than a working day."""
    now = now or _now()
    return now - last_seen > SESSION_IDLE or now - logged_in_at > SESSION_MAX


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(db: Database, user: User, *, now: dt.datetime | None = None) -> str:
    """Open a login session for ``user`` and return its secret token (only its hash is stored)."""
    now = now or _now()
    token = secrets.token_urlsafe(32)
    with writing(db):
        db.table("sessions").insert(
            {
                "token_hash": _token_hash(token),
                "username": user.username,
                "created_at": now.isoformat(),
                "last_seen": now.isoformat(),
                "ended": 0,
            }
        )
    return token


def resume_session(db: Database, token: str, *, now: dt.datetime | None = None) -> User | None:
    """Return the user of a live session and mark it seen; None when it is unknown, ended, expired or disabled."""
    now = now or _now()
    rows = list(db.table("sessions").rows_where("token_hash = ? AND ended = 0", [_token_hash(token)]))
    if not rows:
        return None
    session = rows[0]
    expired = session_expired(
        dt.datetime.fromisoformat(session["created_at"]), dt.datetime.fromisoformat(session["last_seen"]), now
    )
    account = list(db.table("users").rows_where("username = ?", [session["username"]]))
    if expired or not account or account[0]["disabled"]:
        with writing(db):
            db.table("sessions").update(session["token_hash"], {"ended": 1})
        return None
    # Every page run resumes the session: writing "seen" each time made a burst of saves queue on SQLite's one
    # writer. Once a minute is precise enough for a 30-minute idle limit.
    if now - dt.datetime.fromisoformat(session["last_seen"]) >= SEEN_EVERY:
        with writing(db):
            db.table("sessions").update(session["token_hash"], {"last_seen": now.isoformat()})
    return _user(account[0])


def end_session(db: Database, token: str) -> None:
    """End a login session (log out): its token no longer works, even if a copy of the cookie survives."""
    with writing(db):
        db.execute("UPDATE sessions SET ended = 1 WHERE token_hash = ?", [_token_hash(token)])
