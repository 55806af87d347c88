"""A proposal's story across the Proposals, Review, Scenarios and Catalogue pages (AppTest): an address opens the
proposal or requirement it names (or says it names none, with suggestions), each page links to the others, every
proposal id comes with its requirement's text, the review status is shown, and one-in-two-out is explained."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from audit.access import Role
from audit.accounts import add_user
from audit.review import record_decision
from audit.scenarios import accept, create_scenario
from catalogue.store import open_db
from tests.test_app_addresses import login

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
DEVOLVE = "devolve:NS07-CONTACT-REC"
REQUIREMENT = "NS07-CONTACT-REC"
PASSWORD = "correct horse battery"


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.query_params.clear()
    at.query_params.update(query)
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    return at


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [s.value for s in at.success]
    return "\n".join(parts)


def links(at: AppTest) -> list[tuple[str, dict[str, str]]]:
    """Return each page link's target page and query as (page, {name: value})."""
    out = []
    for el in at.main.get("page_link") + at.sidebar.get("page_link"):
        query = {k: v[0] for k, v in parse_qs(el.proto.query_string).items()}
        out.append((el.proto.page, query))
    return out


def linked(at: AppTest, page: str, **query: str) -> bool:
    return any(p.endswith(page) and q == query for p, q in links(at))


def requirement_text(db_path: Path, rid: str) -> str:
    from catalogue.store import load_catalogue

    return next(r.text for r in load_catalogue(open_db(db_path)).requirements if r.id == rid)


@pytest.fixture
def reviewed(app_db: Path) -> Path:
    """A rejection with a reason and an acceptance in a scenario, recorded on the devolve proposal."""
    db = open_db(app_db)
    create_scenario(db, "Lean", actor="test")
    accept(db, "Lean", [DEVOLVE], actor="test")
    record_decision(db, DEVOLVE, "reject", reviewer="Rita", comment="keeps contact records consistent")
    record_decision(db, DEVOLVE, "defer", reviewer="Rita", comment="wait for the inspection report")
    db.conn.close()
    return app_db


# --- fault: no page opened a proposal by its address, and none linked to another ------------------------------


def test_the_proposals_page_opens_the_proposal_its_address_names_with_its_whole_story(reviewed: Path) -> None:
    at = open_page("proposals_page.py", proposal=DEVOLVE)
    assert at.selectbox(key="prop_open").value == DEVOLVE
    shown = text_of(at)
    assert requirement_text(reviewed, REQUIREMENT) in shown
    assert "Lowest relevance at which devolving is proposed" in shown  # the rule's threshold, by its name
    assert "wait for the inspection report" in shown and "keeps contact records consistent" in shown
    assert "Lean" in shown  # the scenario that accepts it
    assert "90% interval" in shown
    assert linked(at, "catalogue", requirement=REQUIREMENT)
    assert linked(at, "review", proposal=DEVOLVE)
    assert linked(at, "scenarios", scenario="Lean")


def test_the_proposals_page_opens_a_retained_proposal_its_address_names(app_db: Path) -> None:
    at = open_page("proposals_page.py", proposal="retain:NS07-ALLOC-T4")
    assert at.selectbox(key="prop_open").value == "retain:NS07-ALLOC-T4"
    assert not linked(at, "review", proposal="retain:NS07-ALLOC-T4")  # nothing to decide on a retention


def test_an_unknown_proposal_in_the_address_is_named_with_suggestions(app_db: Path) -> None:
    at = open_page("proposals_page.py", proposal="devolve:NS07-CONTACT-LEVELS")
    warning = "\n".join(w.value for w in at.warning)
    assert "No proposal called 'devolve:NS07-CONTACT-LEVELS'. Did you mean" in warning and DEVOLVE in warning
    assert at.selectbox(key="prop_open").value is None


def test_the_proposals_table_shows_requirement_text_and_review_status(reviewed: Path) -> None:
    at = open_page("proposals_page.py")
    table = at.dataframe[0].value
    row = table[table["id"] == DEVOLVE].iloc[0]
    assert row["requirement_text"] == requirement_text(reviewed, REQUIREMENT)
    assert row["review_status"] == "defer" and row["comments"] == 2
    assert row["last_comment"] == "wait for the inspection report"
    options = at.selectbox(key="prop_open").options
    assert all(" — " in o for o in options)  # never a bare id


def test_the_review_page_opens_the_proposal_its_address_names_and_links_back(reviewed: Path) -> None:
    at = open_page("review_page.py", proposal=DEVOLVE)
    assert at.selectbox(key="review_proposal").value == DEVOLVE
    assert "wait for the inspection report" in text_of(at)
    assert linked(at, "proposals", proposal=DEVOLVE)
    assert linked(at, "catalogue", requirement=REQUIREMENT)
    assert requirement_text(reviewed, REQUIREMENT)[:40] in at.selectbox(key="review_proposal").format_func(DEVOLVE)


def test_the_review_page_names_an_unknown_proposal(app_db: Path) -> None:
    at = open_page("review_page.py", proposal="remove:NOTHING")
    assert "No proposal called 'remove:NOTHING'." in "\n".join(w.value for w in at.warning)
    assert at.selectbox(key="review_proposal").value is None


def test_the_catalogue_opens_the_requirement_its_address_names_and_links_to_its_proposal(app_db: Path) -> None:
    at = open_page("catalogue_page.py", requirement=REQUIREMENT)
    assert f"Requirement {REQUIREMENT}" in [s.value for s in at.subheader]
    assert linked(at, "proposals", proposal=DEVOLVE)
    assert linked(at, "review", proposal=DEVOLVE)


def test_the_scenarios_page_shows_text_status_and_a_link_for_each_decided_proposal(reviewed: Path) -> None:
    at = open_page("scenarios_page.py", scenario="Lean")
    decided = next(d.value for d in at.dataframe if "decision" in d.value.columns)
    row = decided[decided["id"] == DEVOLVE].iloc[0]
    assert row["requirement_text"] == requirement_text(reviewed, REQUIREMENT)
    assert row["review_status"] == "defer" and row["comments"] == 2
    assert linked(at, "proposals", proposal=DEVOLVE)


# --- fault: an empty scenario showed "fails … new burden £…" with no word of what new burden is ---------------


def test_an_empty_scenario_says_there_is_nothing_to_compare_and_what_new_burden_counts(app_db: Path) -> None:
    db = open_db(app_db)
    create_scenario(db, "Empty", actor="test")
    db.conn.close()
    at = open_page("scenarios_page.py", scenario="Empty")
    shown = text_of(at)
    assert "One-in-two-out: nothing to compare yet" in shown
    assert "One-in-two-out: fails" not in shown
    assert "New burden ('ins') counts the yearly cost" in shown and "requirements added after the baseline" in shown


def test_a_reviewer_who_may_not_edit_the_catalogue_still_gets_the_links(app_db: Path) -> None:
    db = open_db(app_db)
    add_user(db, "rita", PASSWORD, Role.MINISTRY_REVIEWER, name="Rita Reviewer")
    add_user(db, "ana", PASSWORD, Role.ASSOCIATION_ANALYST, name="Ana Analyst")
    db.conn.close()
    at = login("rita")
    at.query_params["proposal"] = DEVOLVE
    at.switch_page("app_pages/proposals_page.py").run()
    assert linked(at, "review", proposal=DEVOLVE) and linked(at, "catalogue", requirement=REQUIREMENT)
    at = login("ana")  # an analyst does not decide: no link to the Review page they cannot open
    at.query_params["proposal"] = DEVOLVE
    at.switch_page("app_pages/proposals_page.py").run()
    assert not at.exception
    assert not linked(at, "review", proposal=DEVOLVE) and linked(at, "catalogue", requirement=REQUIREMENT)
