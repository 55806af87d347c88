"""Who is using the app: local mode, a password login or single sign-on, session expiry and signing out.

The rules (who may log in, lock-out, expiry, how a single sign-on identity maps to a role, when local
mode is safe) live in ``audit.accounts`` and ``audit.access``; this module only asks and renders.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import _cache, _state
from audit.access import LOCAL_ADMINISTRATOR, ROLE_LABELS, UnsafeDeployment, User, check_deployment
from audit.accounts import LoginRefused, authenticate, get_user, has_accounts, session_expired, user_from_claims
from catalogue.store import open_db

LOGIN_AT = "auth_login_at"
LAST_SEEN = "auth_last_seen"
NOTE = "auth_note"
LOCAL_MODE = "auth_local_mode"


def sso_configured() -> bool:
    """True when single sign-on (OIDC through st.login) is set up in .streamlit/secrets.toml."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own not-found error
        return False


def _sso_user() -> dict | None:
    try:
        if st.user.get("is_logged_in"):
            return dict(st.user.to_dict())
    except (AttributeError, KeyError):
        pass
    return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _forget(note: str = "") -> None:
    for key in (_state.USER, LOGIN_AT, LAST_SEEN):
        st.session_state.pop(key, None)
    if note:
        st.session_state[NOTE] = note


def resolve_user() -> User | None:
    """Return who is using the app, or None when they must log in first (stops the run if serving is unsafe)."""
    db = open_db(_cache.db_path())
    try:
        accounts = has_accounts(db)
        try:
            local = check_deployment(st.get_option("server.address"), accounts)
        except UnsafeDeployment as exc:
            st.error(str(exc), icon=":material/gpp_bad:")
            st.stop()
        st.session_state[LOCAL_MODE] = local
        if local:
            return LOCAL_ADMINISTRATOR
        claims = _sso_user() if sso_configured() else None
        if claims is not None:
            return user_from_claims(db, claims)  # None: known to the provider, not to this deployment
        user = st.session_state.get(_state.USER)
        if not isinstance(user, User):
            return None
        now = _now()
        if session_expired(st.session_state.get(LOGIN_AT, now), st.session_state.get(LAST_SEEN, now), now):
            _forget("Your session expired. Please log in again.")
            return None
        try:
            fresh = get_user(db, user.username)  # a disabled or changed account takes effect at once
        except Exception:
            _forget("Your account no longer exists.")
            return None
        if db.execute("SELECT disabled FROM users WHERE username = ?", [user.username]).fetchone()[0]:
            _forget("Your account has been disabled.")
            return None
        st.session_state[LAST_SEEN] = now
        st.session_state[_state.USER] = fresh
        return fresh
    finally:
        db.conn.close()


def login_page() -> None:
    """The login form (and the single sign-on button when it is configured)."""
    st.title("Proportion")
    st.caption("Regulatory burden audit for probation trusts")
    note = st.session_state.pop(NOTE, None)
    if note:
        st.info(note, icon=":material/schedule:")
    claims = _sso_user() if sso_configured() else None
    if claims is not None:
        st.error(
            f"{claims.get('email') or claims.get('sub')} is signed in with single sign-on but has no role here. "
            "Ask an administrator to add your email with `proportion users add`.",
            icon=":material/block:",
        )
        if st.button("Log out", key="sso-logout"):
            st.logout()
        return
    left, _ = st.columns([2, 3])
    with left:
        if sso_configured() and st.button("Log in with single sign-on", type="primary", key="sso-login"):
            st.login()
        with st.form("login-form"):
            username = st.text_input("Username", key="login-username")
            password = st.text_input("Password", type="password", key="login-password")
            submitted = st.form_submit_button("Log in", type="primary")
        if submitted:
            db = open_db(_cache.db_path())
            try:
                user = authenticate(db, username.strip(), password)
            except LoginRefused as exc:
                st.error(str(exc), icon=":material/lock:")
                return
            finally:
                db.conn.close()
            now = _now()
            st.session_state[_state.USER] = user
            st.session_state[LOGIN_AT] = now
            st.session_state[LAST_SEEN] = now
            st.rerun()


def sidebar(user: User) -> None:
    """Show who is signed in (or the local-mode banner) and the log-out button."""
    with st.sidebar:
        if st.session_state.get(LOCAL_MODE):
            st.warning(
                "Local mode: no accounts exist, so this app serves 127.0.0.1 only and everyone using it acts as "
                "the local administrator. Create accounts with `proportion users add` to require a login.",
                icon=":material/lan:",
            )
            return
        trust = f" · {user.trust}" if user.trust else ""
        st.caption(f"Signed in as **{user.name or user.username}** ({ROLE_LABELS[user.role]}{trust})")
        if st.button("Log out", key="logout", icon=":material/logout:"):
            if _sso_user() is not None:
                st.logout()
            _forget("You have logged out.")
            st.rerun()
