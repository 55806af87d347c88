"""Links between the Proposals, Review, Scenarios and Catalogue pages, and the proposal picker kept in the address.

A link opens a page with the record in its address (``/proposals?proposal=devolve:NS07-TIER``,
``/catalogue?requirement=NS07-TIER``, ``/review?proposal=...``, ``/scenarios?scenario=...``); each page reads its
parameter and opens that record, or says that the address names none, with the ones it may have meant. A link to
a page the user may not open is not shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from app_pages import _state
from audit.access import visible_pages
from audit.proposal_story import proposal_name, resolve_proposal
from audit.proposals import is_actionable
from catalogue.names import UnknownName

PARAM_PROPOSAL = "proposal"
PAGE_FILES = {
    "proposals": "app_pages/proposals_page.py",
    "review": "app_pages/review_page.py",
    "scenarios": "app_pages/scenarios_page.py",
    "catalogue": "app_pages/catalogue_page.py",
}


def may_open(page: str) -> bool:
    """Return whether the current user's navigation has ``page`` (a link to any other page would fail)."""
    return page in visible_pages(_state.current_user())


def link(page: str, label: str, *, container: Any = st, icon: str | None = None, **query: str) -> bool:
    """Show a link to ``page`` opening the record ``query`` names; return whether it was shown."""
    if not may_open(page):
        return False
    container.page_link(PAGE_FILES[page], label=label, icon=icon, query_params=query)
    return True


def requirement_link(requirement: str, *, container: Any = st) -> bool:
    """Link to a requirement in the Catalogue."""
    return link(
        "catalogue", f"Requirement {requirement} in the Catalogue", container=container, icon=":material/menu_book:",
        requirement=requirement,
    )  # fmt: skip


def proposal_link(proposal: str, *, container: Any = st, label: str | None = None) -> bool:
    """Link to a proposal's whole story on the Proposals page."""
    text = label or f"The whole story of {proposal_name(proposal)}"
    return link("proposals", text, container=container, icon=":material/content_cut:", proposal=proposal)


def review_link(proposal: str, *, container: Any = st, label: str | None = None) -> bool:
    """Link to a proposal's decisions on the Review page (shown to those who decide only)."""
    text = label or f"Decisions on {proposal_name(proposal)} (Review)"
    return link("review", text, container=container, icon=":material/gavel:", proposal=proposal)


def scenario_link(scenario: str, *, container: Any = st) -> bool:
    """Link to a scenario on the Scenarios page."""
    return link(
        "scenarios", f"Scenario {scenario!r}", container=container, icon=":material/science:", scenario=scenario
    )


def proposal_picker(
    label: str,
    options: Sequence[str],
    *,
    known: Sequence[str],
    key: str,
    format_func: Callable[[str], str],
    container: Any = st,
) -> str | None:
    """Choose a proposal: the one picked on this page, else the one the address names, else the first option.

    ``known`` are every proposal id the address may name: one the options leave out (a filtered-out action) is
    added to them while it stays chosen. An address naming no proposal gets a message with suggestions and no
    selection. When the options change (a filter) and leave out the pick, the first option is chosen.
    """
    options = list(options)
    picked = st.session_state.get(key)
    opened_key = f"{key}-opened-by-address"
    start: str | None = None
    if picked is not None and (picked in options or (picked == st.session_state.get(opened_key) and picked in known)):
        start = picked  # their own choice, or the one the address opened, stays
    elif picked is None and (typed := _state.get_param(PARAM_PROPOSAL)):
        try:
            start = resolve_proposal(typed, known)
        except UnknownName as exc:
            container.warning(f"{exc.sentence()} Choose one below.", icon=":material/search_off:")
        st.session_state[opened_key] = start
    else:
        start = options[0] if options else None
    if start is not None and start not in options:
        options = [start, *options]
    value = container.selectbox(
        label, options, index=options.index(start) if start in options else None, key=key, format_func=format_func
    )
    if value is not None:
        _state.set_param(PARAM_PROPOSAL, value)
    return value


def proposals_of_requirement(requirement: str | None, proposals: Any, *, container: Any = st) -> None:
    """Under a requirement opened by its address, link to the proposals that change it and to their decisions."""
    if not requirement:
        return
    chosen = proposals[[requirement in reqs for reqs in proposals["requirements"]]]
    for row in chosen.itertuples():
        cols = container.columns(2)
        proposal_link(row.id, container=cols[0], label=f"{proposal_name(row.id)}: its whole story")
        if is_actionable(row.action):
            review_link(row.id, container=cols[1], label=f"Decisions on {proposal_name(row.id)} (Review)")


def as_written(text: str) -> str:
    """Return ``text`` with the characters Markdown acts on escaped, so it shows as written (and stays readable)."""
    return re.sub(r"([\\`*_{}\[\]#|<>~$])", r"\\\1", " ".join(str(text).split()))
