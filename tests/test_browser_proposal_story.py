"""A ministry reviewer follows a proposal's story by links only (real browser): from the proposal to its requirement
in the Catalogue, and from there to the proposal's decision history on the Review page."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from audit.access import Role
from audit.accounts import add_user
from audit.proposal_story import proposal_name
from audit.review import record_decision
from catalogue.store import open_db
from tests.conftest import serve_app

pytestmark = pytest.mark.browser
WAIT = 45_000
PASSWORD = "correct horse battery"
DEVOLVE = "devolve:NS07-CONTACT-REC"
REQUIREMENT = "NS07-CONTACT-REC"


@pytest.fixture(scope="module")
def reviewer_app(default_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with a ministry reviewer's account and a deferral on the devolve proposal."""
    home = tmp_path_factory.mktemp("proposal-story")
    db_path = home / "proportion.db"
    shutil.copy(default_db_template, db_path)
    db = open_db(db_path)
    add_user(db, "rita", PASSWORD, Role.MINISTRY_REVIEWER, name="Rita Reviewer")
    record_decision(db, DEVOLVE, "defer", reviewer="Rita Reviewer", comment="wait for the inspection report")
    db.conn.close()
    with serve_app(db_path, home) as url:
        yield url


def test_a_reviewer_goes_from_a_proposal_to_its_requirement_and_back_to_its_decisions(
    page: Page, reviewer_app: str
) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{reviewer_app}/proposals?proposal={DEVOLVE}")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", name="Proposals")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Why the rule proposed it")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("wait for the inspection report")).to_be_visible(timeout=WAIT)

    page.get_by_role("link", name=f"Requirement {REQUIREMENT} in the Catalogue").click()
    expect(page.get_by_role("heading", name=f"Requirement {REQUIREMENT}")).to_be_visible(timeout=WAIT)
    assert f"requirement={REQUIREMENT}" in page.url

    page.get_by_role("link", name=f"Decisions on {proposal_name(DEVOLVE)} (Review)").click()
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Current decision: defer")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Decisions on this proposal")).to_be_visible(timeout=WAIT)
    assert "proposal=devolve" in page.url
