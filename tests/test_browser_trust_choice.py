"""A trust manager works on their own trust (real browser): the login lands on it, the Reports page reached from the
sidebar starts at it and produces its report, and every trust's zip is not offered. Others keep the trust they chose.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from audit.access import Role
from audit.accounts import add_user
from catalogue.store import open_db
from tests.conftest import serve_app

pytestmark = pytest.mark.browser
WAIT = 45_000
PASSWORD = "correct horse battery"
KENT = "Kent Probation"
LONDON = "London Probation Trust"
ALL_TRUSTS = "All trusts (one report each, in a zip)"


@pytest.fixture(scope="module")
def app_with_accounts(default_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served with accounts, so everyone logs in: a Kent trust manager and an association analyst."""
    home = tmp_path_factory.mktemp("trust-choice")
    db_path = home / "proportion.db"
    shutil.copy(default_db_template, db_path)
    db = open_db(db_path)
    add_user(db, "kent", PASSWORD, Role.TRUST_MANAGER, trust=KENT, name="Kim Kent")
    add_user(db, "ana", PASSWORD, Role.ASSOCIATION_ANALYST, name="Ana Analyst")
    db.conn.close()
    with serve_app(db_path, home) as url:
        yield url


def log_in(page: Page, url: str, username: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def picker(page: Page, label: str):
    return page.get_by_role("combobox", name=label, exact=True)


def open_sidebar_page(page: Page, title: str) -> None:
    """Follow the sidebar's link, as a person does (it carries no ?trust=)."""
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()


def reports_drawn(page: Page) -> None:
    """Wait until the Reports page has run to its end (the previous page's pickers are gone by then)."""
    expect(page.get_by_role("button", name="Generate report")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT)


def test_a_trust_manager_lands_on_their_trust_and_reports_on_it(page: Page, app_with_accounts: str) -> None:
    log_in(page, app_with_accounts, "kent")
    expect(page.get_by_role("heading", name="Trust burden")).to_be_visible(timeout=WAIT)
    expect(picker(page, "Trust")).to_have_value(KENT, timeout=WAIT)
    open_sidebar_page(page, "Reports")
    reports_drawn(page)
    trust = picker(page, "Trust")
    expect(trust).to_have_value(KENT, timeout=WAIT)
    trust.click()
    page.keyboard.type("All trusts")  # the option list is virtualised: filter it by typing
    expect(page.get_by_role("option", name=ALL_TRUSTS)).to_have_count(0)
    page.keyboard.press("Escape")
    picker(page, "Format").click()
    page.get_by_role("option", name="Web page (HTML, self-contained)").click()
    page.get_by_role("button", name="Generate report").click()
    # The first click produces the manager's own trust's report, not the first trust's.
    expect(page.get_by_role("button", name="Download trust-report-kent-probation.html")).to_be_visible(timeout=WAIT)


def test_an_analyst_keeps_the_trust_they_chose_when_following_the_sidebar(page: Page, app_with_accounts: str) -> None:
    log_in(page, app_with_accounts, "ana")
    expect(page.get_by_role("heading", name="National overview")).to_be_visible(timeout=WAIT)
    open_sidebar_page(page, "Trust")
    trust = picker(page, "Trust")
    expect(trust).to_be_visible(timeout=WAIT)
    trust.click()
    page.keyboard.type(LONDON)
    page.get_by_role("option", name=LONDON, exact=True).click()
    expect(page).to_have_url(re.compile(r"trust=London"), timeout=WAIT)
    open_sidebar_page(page, "Reports")
    reports_drawn(page)
    trust = picker(page, "Trust")
    expect(trust).to_have_value(LONDON, timeout=WAIT)
    trust.click()
    page.keyboard.type("All trusts")
    expect(page.get_by_role("option", name=ALL_TRUSTS)).to_have_count(1)


def test_an_address_naming_no_trust_says_so_in_the_page(page: Page, app_with_accounts: str) -> None:
    log_in(page, f"{app_with_accounts}/trust?trust=Nonexistent", "ana")
    expect(page.get_by_text("No trust called 'Nonexistent'.")).to_be_visible(timeout=WAIT)
    assert "trust=Nonexistent" in page.url
    picker(page, "Trust").click()
    page.keyboard.type(LONDON)
    page.get_by_role("option", name=LONDON, exact=True).click()
    expect(page.get_by_text("No trust called 'Nonexistent'.")).to_have_count(0, timeout=WAIT)
    expect(page.get_by_test_id("stMetric").filter(has_text="Hours a year")).to_be_visible(timeout=WAIT)


def test_a_trust_manager_opens_the_trust_and_overview_pages_by_their_addresses(
    page: Page, app_with_accounts: str
) -> None:
    log_in(page, f"{app_with_accounts}/trust", "kent")
    expect(page.get_by_role("heading", name="Trust burden")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    # The Overview stays at the root for a manager too, and the landing does not take them away from it again.
    open_sidebar_page(page, "Overview")
    expect(page.get_by_role("heading", name="National overview")).to_be_visible(timeout=WAIT)
