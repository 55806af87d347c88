"""AppTest of the Review page: the comment box belongs to the proposal being decided."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit.proposal_story import proposal_name
from audit.review import decisions
from catalogue.store import open_db
from tests.test_app_pages import all_markdown, start


def decide(at: AppTest, decision: str, comment: str | None = None) -> None:
    at.radio[0].set_value(decision)
    if comment is not None:
        at.text_area[0].input(comment)
    at.button(key="record_decision").click().run()
    assert not at.exception, at.exception


def stored(path: Path) -> list[tuple[str, str, str]]:
    return [(d.proposal_id, d.decision, d.comment) for d in decisions(open_db(path))]


def test_a_comment_does_not_follow_the_reviewer_to_another_proposal(app_db: Path) -> None:
    at = start("review_page.py")
    a = at.selectbox(key="review_proposal").value
    decide(at, "reject", "keeps victims informed")
    assert at.text_area[0].value == ""  # the comment clears once recorded
    at.selectbox(key="review_proposal").set_value(at.selectbox(key="review_proposal").options[1]).run()
    b = at.selectbox(key="review_proposal").value
    assert b != a
    assert at.text_area[0].value == ""
    decide(at, "reject")  # no reason of its own: refused, not saved with the first proposal's reason
    assert any("needs one" in e.value for e in at.error)
    assert stored(app_db) == [(a, "reject", "keeps victims informed")]
    decide(at, "reject", "duplicates the national return")
    assert stored(app_db) == [(a, "reject", "keeps victims informed"), (b, "reject", "duplicates the national return")]


def test_the_picker_and_the_page_show_each_proposals_own_current_decision(app_db: Path) -> None:
    at = start("review_page.py")
    assert at.selectbox(key="review_proposal").options[0].endswith("(undecided)")
    decide(at, "defer", "wait for the inspection report")
    labels = at.selectbox(key="review_proposal").options
    assert labels[0].endswith("(defer)") and labels[1].endswith("(undecided)")
    assert "wait for the inspection report" in all_markdown(at)
    at.selectbox(key="review_proposal").set_value(at.selectbox(key="review_proposal").options[1]).run()
    assert "wait for the inspection report" not in all_markdown(at)  # not the other proposal's comment
    assert "No decision yet" in all_markdown(at)
    at.selectbox(key="review_proposal").set_value(at.selectbox(key="review_proposal").options[0]).run()
    assert "wait for the inspection report" in all_markdown(at)
    assert at.text_area[0].value == ""


def test_the_scenario_reviewed_stays_chosen_for_the_next_decision(app_db: Path) -> None:
    from audit.scenarios import create_scenario

    create_scenario(open_db(app_db), "Plan A", actor="test")
    at = start("review_page.py")
    at.selectbox[1].set_value("Plan A")  # the form's "In scenario" box (the first is the proposal picker)
    decide(at, "amend", "quarterly, not monthly")
    assert [(d.scenario, d.comment) for d in decisions(open_db(app_db))] == [("Plan A", "quarterly, not monthly")]
    assert at.selectbox[1].value == "Plan A" and at.text_area[0].value == ""


def test_the_current_comment_is_shown_as_written(app_db: Path) -> None:
    at = start("review_page.py")
    decide(at, "reject", "*only* :red[one] trust uses it")
    assert "“\\*only\\* \\:red\\[one\\] trust uses it”" in all_markdown(at)


def test_no_decision_is_preselected(app_db: Path) -> None:
    at = start("review_page.py")
    assert at.radio[0].value is None
    at.button(key="record_decision").click().run()
    assert any("choose a decision" in e.value for e in at.error)
    assert stored(app_db) == []


# --- the same flow in a real browser (Debian Chromium driven by Playwright) --------------------


@pytest.mark.browser
def test_in_a_browser_a_comment_stays_with_its_proposal(
    page, app_url: str, app_server_db: Path, output_path: str
) -> None:
    from playwright.sync_api import expect

    from audit.engine import run_audit
    from audit.policy import load_policy
    from audit.proposal_story import proposal_title, requirement_texts
    from audit.proposals import RETAIN
    from catalogue.store import load_catalogue
    from tests.test_browser_app import WAIT, open_page, settle, shot

    db = open_db(app_server_db)
    result = run_audit(load_catalogue(db), load_policy(db))
    props = result.proposals
    before = decisions(db)
    undecided = props[(props["action"] != RETAIN) & ~props["id"].isin({d.proposal_id for d in before})]
    (rank_a, a), (rank_b, b) = undecided[["rank", "id"]].head(2).itertuples(index=False)
    texts = dict(zip(props["id"], requirement_texts(props, result.burden.requirements), strict=True))
    title = {pid: proposal_title(pid, texts[pid], width=110) for pid in (a, b)}  # every id comes with its text
    open_page(page, f"{app_url}/review")
    picker = page.get_by_role("combobox", name="Proposal")
    form = page.get_by_test_id("stForm")
    box = form.get_by_role("textbox", name="Comment")

    def pick(label: str) -> None:
        picker.click()
        page.keyboard.type(label.split(" (")[0])  # the option list is virtualised: filter it by typing
        page.get_by_role("option", name=label, exact=True).click()
        expect(picker).to_have_value(label, timeout=WAIT)
        settle(page)

    def choose(decision: str) -> None:
        form.get_by_test_id("stRadio").get_by_text(decision, exact=True).click()

    expect(picker).to_be_visible(timeout=WAIT)
    pick(f"#{rank_a} {title[a]} (undecided)")
    choose("reject")
    box.fill("keeps victims informed")
    form.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text(f"Recorded: reject {proposal_name(a)} — ")).to_be_visible(timeout=WAIT)
    settle(page)
    expect(box).to_have_value("")  # the comment clears once recorded
    expect(picker).to_have_value(f"#{rank_a} {title[a]} (reject)")  # the picker shows the decision, not "(undecided)"
    expect(page.get_by_text("Current decision: reject")).to_be_visible()
    shot(page, output_path, "review-decision-recorded", top=False)

    box.fill("typed for the first proposal, never sent")
    pick(f"#{rank_b} {title[b]} (undecided)")
    expect(page.get_by_text("No decision yet on this proposal.")).to_be_visible(timeout=WAIT)
    expect(box).to_have_value("")  # the other proposal's text does not follow
    choose("reject")
    form.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("needs one")).to_be_visible(timeout=WAIT)
    added = decisions(open_db(app_server_db))[len(before) :]
    assert [(d.proposal_id, d.decision, d.comment) for d in added] == [(a, "reject", "keeps victims informed")]
