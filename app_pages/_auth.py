"""Who is using the app: local mode, a password login or single sign-on, session expiry and signing out.

The rules (who may log in, lock-out, expiry, how a single sign-on identity maps to a role, when local
mode is safe) live in ``audit.accounts`` and ``audit.access``; this module only asks and renders.
"""

from __future__ import annotations

import streamlit as st

from app_pages import _cache, _session_routes, _state
from audit.access import LOCAL_ADMINISTRATOR, ROLE_LABELS, UnsafeDeployment, User, check_deployment
from audit.accounts import (
    LoginRefused,
    authenticate,
    end_session,
    has_accounts,
    resume_session,
    start_session,
    user_from_claims,
)
from catalogue.store import open_db

TOKEN = "auth_token"
NOTE = "auth_note"
LOCAL_MODE = "auth_local_mode"
COOKIE_TODO = "auth_cookie_todo"
COOKIE = _session_routes.COOKIE


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


def _forget(note: str = "") -> None:
    for key in (_state.USER, TOKEN):
        st.session_state.pop(key, None)
    st.session_state[COOKIE_TODO] = "clear"
    if note:
        st.session_state[NOTE] = note


def _cookie() -> str | None:
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser behind this run (tests, bare mode)
        return None
    return value if isinstance(value, str) and value else None


def _cookie_script() -> None:
    """Ask the browser to set or remove the login cookie through the server's cookie route.

    The cookie is HttpOnly, so it is set by an HTTP answer, never by script: the page posts a one-time ticket
    (``app_pages/_session_routes.py``) and the answer carries the cookie. The token never reaches the page.
    """
    todo = st.session_state.pop(COOKIE_TODO, None)
    if todo is None or not _session_routes.served:
        return  # without the route (a bare `streamlit run streamlit_app.py`) the login lasts for this tab only
    path = _session_routes.route_path(st.get_option("server.baseUrlPath") or "")
    if todo == "set" and st.session_state.get(TOKEN):
        ticket = _session_routes.issue_ticket(st.session_state[TOKEN])  # random, ours: never user text
        request = f"{{method: 'POST', body: JSON.stringify({{ticket: '{ticket}'}}), credentials: 'same-origin'}}"
    elif todo == "clear":
        request = "{method: 'DELETE', credentials: 'same-origin'}"
    else:
        return
    st.html(f"<script>fetch('{path}', {request});</script>", unsafe_allow_javascript=True, width="content")


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
        token = st.session_state.get(TOKEN) or _cookie()
        if not token:
            return None
        user = resume_session(db, token)  # expiry, logout and disabled accounts are checked here, every run
        if user is None:
            _forget(
                "Your session has ended (it expired, you logged out elsewhere, or the account changed). "
                "Please log in again."
                if st.session_state.get(TOKEN) or st.session_state.get(_state.USER)
                else ""
            )
            return None
        st.session_state[TOKEN] = token
        return user
    finally:
        db.conn.close()


def login_page() -> None:
    """The login form (and the single sign-on button when it is configured)."""
    _cookie_script()
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
        if not _session_routes.served:
            st.caption(
                "This server keeps a login for the open tab only, so a reload asks for it again: "
                "`proportion serve` (or `streamlit run proportion_server.py`) keeps it across reloads."
            )
        if submitted:
            db = open_db(_cache.db_path())
            try:
                user = authenticate(db, username.strip(), password)
                st.session_state[TOKEN] = start_session(db, user)
            except LoginRefused as exc:
                st.error(str(exc), icon=":material/lock:")
                return
            finally:
                db.conn.close()
            st.session_state[_state.USER] = user
            st.session_state[COOKIE_TODO] = "set"  # written on the next run, which survives this rerun
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
        _cookie_script()
        if st.button("Log out", key="logout", icon=":material/logout:"):
            if _sso_user() is not None:
                st.logout()
            token = st.session_state.get(TOKEN)
            if token:
                db = open_db(_cache.db_path())
                try:
                    end_session(db, token)
                finally:
                    db.conn.close()
            _forget("You have logged out.")
            st.rerun()
