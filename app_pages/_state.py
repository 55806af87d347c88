"""Session-state keys and the current user: one place that names everything a page keeps between reruns.

Pages initialise their keys with ``st.session_state.setdefault`` through :func:`init`; selections
that a reviewer may share (trust, directive, scenario) live in ``st.query_params`` instead, read and
written through :func:`get_param` / :func:`set_param`.
"""

from __future__ import annotations

import streamlit as st

from audit.access import LOCAL_ADMINISTRATOR, Action, User, can

# Query parameters kept in the URL so a link shows the same selection.
PARAM_TRUST = "trust"
PARAM_DIRECTIVE = "directive"
PARAM_REQUIREMENT = "requirement"
PARAM_SCENARIO = "scenario"

# Session keys (widget keys are named where the widget is made; these are the ones shared between pages).
FLASH = "flash_message"
USER = "current_user"
LANDED = "landed_on_home_page"  # set once a session has been taken to its home page
# The trust and scenario chosen last, on any page: the sidebar's links carry no query parameters.
LAST_CHOICE = {PARAM_TRUST: "last_trust", PARAM_SCENARIO: "last_scenario"}


def current_user() -> User:
    """Return the current user: the one set by the login, else (local mode) the local administrator."""
    user = st.session_state.get(USER)
    return user if isinstance(user, User) else LOCAL_ADMINISTRATOR


def actor() -> str:
    """Return the name written into the change history for the current user's saves."""
    user = current_user()
    return user.name or user.username


def allowed(action: Action, trust: str | None = None) -> bool:
    """Return whether the current user may do ``action`` (the rule lives in ``audit.access``)."""
    return can(current_user(), action, trust)


def get_param(name: str) -> str | None:
    """Return a selection kept in the URL, or None."""
    value = st.query_params.get(name)
    return value or None


def set_param(name: str, value: str | None) -> None:
    """Keep a selection in the URL (remove it when ``value`` is empty)."""
    if value:
        if st.query_params.get(name) != value:
            st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


def flash(message: str) -> None:
    """Show ``message`` as a success toast after the next rerun (a save reruns the script)."""
    st.session_state[FLASH] = message


def show_flash() -> None:
    """Show and forget the pending flash message, if any."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")
