"""Local accounts: hashed passwords, lock-out with back-off, disabling, single sign-on lookup."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.access import Role
from audit.accounts import (
    AccountError,
    LoginRefused,
    add_user,
    authenticate,
    list_users,
    lock_duration,
    set_disabled,
    set_password,
    user_for_email,
)

KENT = "Kent Probation"
T0 = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)


def test_passwords_are_stored_only_as_bcrypt_hashes(default_db):
    add_user(default_db, "ann", "correct horse battery", Role.TRUST_MANAGER, trust=KENT)
    stored = default_db.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$2b$") and "correct horse" not in stored
    assert "password_hash" not in list_users(default_db)[0]
    assert authenticate(default_db, "ann", "correct horse battery", now=T0).trust == KENT


@pytest.mark.parametrize(
    "kwargs,needle",
    [
        ({"username": "x", "password": "long enough pw", "role": "administrator"}, "username"),
        ({"username": "bob", "password": "short", "role": "administrator"}, "10 characters"),
        ({"username": "bob", "password": "long enough pw", "role": "trust_manager"}, "--trust"),
        ({"username": "bob", "password": "long enough pw", "role": "trust_manager", "trust": "Atlantis"}, "no trust"),
        ({"username": "bob", "password": "long enough pw", "role": "ministry_reviewer", "trust": KENT}, "only trust"),
    ],
)
def test_bad_account_requests_are_refused_clearly(default_db, kwargs, needle):
    with pytest.raises(AccountError, match=needle):
        add_user(default_db, kwargs.pop("username"), kwargs.pop("password"), kwargs.pop("role"), **kwargs)


def test_lock_out_doubles_after_five_failures_and_a_good_password_waits():
    assert [lock_duration(n).total_seconds() for n in (4, 5, 6, 7, 20)] == [0, 30, 60, 120, 3600]


def test_repeated_failures_lock_the_account_then_it_opens_again(default_db):
    add_user(default_db, "ann", "correct horse battery", Role.ADMINISTRATOR)
    for attempt in range(4):
        with pytest.raises(LoginRefused, match="wrong username or password"):
            authenticate(default_db, "ann", f"guess {attempt}", now=T0)
    with pytest.raises(LoginRefused, match="locked for 30 s"):
        authenticate(default_db, "ann", "guess 5", now=T0)
    with pytest.raises(LoginRefused, match="too many failed attempts") as err:
        authenticate(default_db, "ann", "correct horse battery", now=T0 + dt.timedelta(seconds=10))
    assert err.value.retry_after == T0 + dt.timedelta(seconds=30)
    assert authenticate(default_db, "ann", "correct horse battery", now=T0 + dt.timedelta(seconds=31)).username == "ann"
    # success resets the count
    with pytest.raises(LoginRefused, match="wrong"):
        authenticate(default_db, "ann", "nope", now=T0 + dt.timedelta(seconds=40))


def test_unknown_users_and_disabled_accounts_cannot_log_in(default_db):
    with pytest.raises(LoginRefused, match="wrong username or password"):
        authenticate(default_db, "nobody", "whatever it is")
    add_user(default_db, "ann", "correct horse battery", Role.ADMINISTRATOR)
    set_disabled(default_db, "ann")
    with pytest.raises(LoginRefused, match="disabled"):
        authenticate(default_db, "ann", "correct horse battery")
    set_disabled(default_db, "ann", False)
    set_password(default_db, "ann", "a brand new passphrase")
    assert authenticate(default_db, "ann", "a brand new passphrase").role == Role.ADMINISTRATOR


def test_single_sign_on_finds_the_account_by_email(default_db):
    add_user(default_db, "rev", None, Role.MINISTRY_REVIEWER, email="Rev@Example.org")
    assert user_for_email(default_db, "rev@example.org").role == Role.MINISTRY_REVIEWER
    with pytest.raises(LoginRefused):
        authenticate(default_db, "rev", "anything at all")
    assert user_for_email(default_db, "nobody@example.org") is None


def test_single_sign_on_claims_map_to_roles(default_db):
    from audit.accounts import user_from_claims

    add_user(default_db, "rev", None, Role.MINISTRY_REVIEWER, email="rev@example.org")
    assert user_from_claims(default_db, {"sub": "x", "email": "REV@example.org"}).role == Role.MINISTRY_REVIEWER
    by_claim = user_from_claims(default_db, {"sub": "a", "email": "a@x.org", "roles": ["association_analyst"]})
    assert by_claim.role == Role.ASSOCIATION_ANALYST and by_claim.username == "a@x.org"
    tm = user_from_claims(default_db, {"sub": "k", "roles": "trust_manager", "trust": KENT})
    assert tm.trust == KENT
    assert user_from_claims(default_db, {"sub": "k", "roles": "trust_manager", "trust": "Atlantis"}) is None
    assert user_from_claims(default_db, {"sub": "z", "email": "z@x.org", "roles": ["emperor"]}) is None
    set_disabled(default_db, "rev")
    assert user_from_claims(default_db, {"sub": "x", "email": "rev@example.org", "roles": ["administrator"]}) is None


def test_sessions_expire_when_idle_or_after_a_working_day():
    from audit.accounts import session_expired

    minute = dt.timedelta(minutes=1)
    assert not session_expired(T0, T0 + 29 * minute, now=T0 + 30 * minute)
    assert session_expired(T0, T0, now=T0 + 31 * minute)
    assert not session_expired(T0, T0 + 479 * minute, now=T0 + 479 * minute)
    assert session_expired(T0, T0 + 481 * minute, now=T0 + 481 * minute)


def test_sessions_survive_a_reload_until_logout_expiry_or_disabling(default_db):
    from audit.accounts import end_session, resume_session, start_session

    user = add_user(default_db, "ann", "correct horse battery", Role.ADMINISTRATOR)
    token = start_session(default_db, user, now=T0)
    assert token not in str(list(default_db.query("SELECT * FROM sessions")))  # only its hash is stored
    assert resume_session(default_db, token, now=T0 + dt.timedelta(minutes=20)).username == "ann"
    assert resume_session(default_db, token, now=T0 + dt.timedelta(minutes=45)).username == "ann"  # seen at 20
    assert resume_session(default_db, "forged-token") is None
    end_session(default_db, token)
    assert resume_session(default_db, token, now=T0 + dt.timedelta(minutes=46)) is None
    idle = start_session(default_db, user, now=T0)
    assert resume_session(default_db, idle, now=T0 + dt.timedelta(minutes=31)) is None
    other = start_session(default_db, user, now=T0)
    set_disabled(default_db, "ann")
    assert resume_session(default_db, other, now=T0 + dt.timedelta(minutes=1)) is None


def test_a_session_is_marked_seen_at_most_once_a_minute(default_db):
    """Every page run resumes the session; only a minute's change is written, so a burst of saves is not queued."""
    from audit.accounts import resume_session, start_session

    user = add_user(default_db, "ann", "correct horse battery", Role.ADMINISTRATOR)
    token = start_session(default_db, user, now=T0)

    def seen() -> str:
        return next(iter(default_db.query("SELECT last_seen FROM sessions")))["last_seen"]

    changes = default_db.conn.total_changes
    assert resume_session(default_db, token, now=T0 + dt.timedelta(seconds=30)).username == "ann"
    assert default_db.conn.total_changes == changes and seen() == T0.isoformat()  # nothing written
    assert resume_session(default_db, token, now=T0 + dt.timedelta(seconds=90)).username == "ann"
    assert seen() == (T0 + dt.timedelta(seconds=90)).isoformat()
    # the idle limit still counts from the last write: 29 minutes on, the session lives
    assert resume_session(default_db, token, now=T0 + dt.timedelta(minutes=30)).username == "ann"
