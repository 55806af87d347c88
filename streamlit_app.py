"""Proportion web app: page configuration, the current user and the navigation. Pages live in app_pages/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages._auth import login_page, resolve_user, sidebar
from app_pages._state import LANDED, USER
from audit.access import User, home_page, visible_pages

APP_DIR = Path(__file__).resolve().parent
PAGES = APP_DIR / "app_pages"

# (section, file, title, icon, url path); optional pages appear only when their file exists.
# Material icons ship with Streamlit; the emoji page_icon keeps the browser from fetching a favicon outside.
PAGE_SPECS: list[tuple[str, str, str, str, str]] = [
    ("Audit", "overview.py", "Overview", ":material/dashboard:", "overview"),
    ("Audit", "trust_page.py", "Trust", ":material/apartment:", "trust"),
    ("Audit", "compare_page.py", "Compare", ":material/compare_arrows:", "compare"),
    ("Audit", "proposals_page.py", "Proposals", ":material/content_cut:", "proposals"),
    ("Audit", "scenarios_page.py", "Scenarios", ":material/science:", "scenarios"),
    ("Audit", "review_page.py", "Review", ":material/gavel:", "review"),
    ("Catalogue", "catalogue_page.py", "Catalogue", ":material/menu_book:", "catalogue"),
    ("Catalogue", "relevance_page.py", "Relevance", ":material/rule:", "relevance"),
    ("Catalogue", "import_page.py", "Import", ":material/upload_file:", "import"),
    ("Outputs", "reports_page.py", "Reports", ":material/description:", "reports"),
    ("Outputs", "settings_page.py", "Settings", ":material/settings:", "settings"),
    ("Measure", "study_page.py", "Time studies", ":material/timer:", "study"),
    ("Measure", "record_page.py", "Record my time", ":material/edit_calendar:", "record"),
    ("Measure", "measured_page.py", "Measured across trusts", ":material/scatter_plot:", "measured"),
]


def page_specs(user: User) -> dict[str, list[tuple[str, str, str, str]]]:
    """Return (file, title, icon, url path) of the pages ``user`` may open (``audit.access`` decides), by section."""
    allowed = set(visible_pages(user))
    sections: dict[str, list[tuple[str, str, str, str]]] = {}
    for section, file, title, icon, url_path in PAGE_SPECS:
        if url_path in allowed and (PAGES / file).exists():
            sections.setdefault(section, []).append((file, title, icon, url_path))
    return sections


def navigation(user: User) -> dict[str, list[st.Page]]:
    """Return the st.Page objects of the pages ``user`` may open, grouped by section.

    The Overview is the root for everyone, so every other page keeps its own address (Streamlit serves its
    default page at the root only); :func:`land` takes a trust manager from the root to their trust once.
    """
    return {
        section: [
            st.Page(PAGES / file, title=title, icon=icon, url_path=url_path, default=url_path == "overview")
            for file, title, icon, url_path in specs
        ]
        for section, specs in page_specs(user).items()
    }


def land(user: User, pages: dict[str, list[st.Page]], chosen: st.Page) -> None:
    """Send a user who just arrived at the root to their home page (``audit.access.home_page``), once a session.

    A deep link (``/proposals``) is left alone: the user asked for that page.
    """
    if st.session_state.get(LANDED):
        return
    st.session_state[LANDED] = True
    home = home_page(user)
    if chosen.url_path != "" or home == "overview":
        return
    target = next((p for group in pages.values() for p in group if p.url_path == home), None)
    if target is not None:
        st.switch_page(target)


def visitor_pages() -> list[st.Page]:
    """Return the login form at the root and at each page's address, for someone not yet signed in."""
    login = st.Page(login_page, title="Log in", icon=":material/login:", url_path="login", default=True)
    # Every page's own address too: a signed-in user's home page is served at the root, but also at its address.
    return [login] + [
        st.Page(login_page, title="Log in", icon=":material/login:", url_path=url_path)
        for _, _, _, _, url_path in PAGE_SPECS
    ]


def main() -> None:
    """Route the request: the login page until someone is signed in, then the pages their role allows."""
    st.set_page_config(page_title="Proportion", page_icon="⚖️", layout="wide")
    user = resolve_user()
    if user is None:
        # A visitor gets the login form at every page's address, so a bookmarked or shared link opens that page
        # after logging in (or says it is not theirs) instead of "Page not found" over the form.
        st.navigation(visitor_pages(), position="hidden").run()
        return
    st.session_state[USER] = user
    pages = navigation(user)
    chosen = st.navigation(pages)
    # Land before the sidebar: the sidebar sends the login cookie's one-time ticket, which a page switch in the
    # same run would throw away.
    land(user, pages, chosen)
    sidebar(user)
    chosen.run()


if __name__ == "__main__":  # Streamlit runs the entry script as __main__; tests import navigation() from it
    main()
