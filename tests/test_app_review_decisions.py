"""AppTest of the Review page: the comment box belongs to the proposal being decided."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from audit.review import decisions
from catalogue.store import open_db
from tests.test_app_pages import all_markdown, start


def decide(at: AppTest, decision: str, comment: str | None = None) -> None:
    at.radio(key="review_decision").set_value(decision)
    if comment is not None:
        at.text_area(key="review_comment").input(comment)
    at.button(key="record_decision").click().run()
    assert not at.exception, at.exception


def stored(path: Path) -> list[tuple[str, str, str]]:
    return [(d.proposal_id, d.decision, d.comment) for d in decisions(open_db(path))]


def test_a_comment_does_not_follow_the_reviewer_to_another_proposal(app_db: Path) -> None:
    at = start("review_page.py")
    a = at.selectbox(key="review_proposal").value
    decide(at, "reject", "keeps victims informed")
    assert at.text_area(key="review_comment").value == ""  # the comment clears once recorded
    at.selectbox(key="review_proposal").set_value(at.selectbox(key="review_proposal").options[1]).run()
    b = at.selectbox(key="review_proposal").value
    assert b != a
    assert at.text_area(key="review_comment").value == ""
    decide(at, "reject")  # no reason of its own: refused, not saved with the first proposal's reason
    assert any("needs one" in e.value for e in at.error)
    assert stored(app_db) == [(a, "reject", "keeps victims informed")]
    decide(at, "reject", "duplicates the national return")
    assert stored(app_db) == [(a, "reject", "keeps victims informed"), (b, "reject", "duplicates the national return")]


def test_unsent_text_is_dropped_when_another_proposal_is_chosen(app_db: Path) -> None:
    at = start("review_page.py")
    at.text_area(key="review_comment").input("meant for the first proposal")
    at.selectbox(key="review_proposal").set_value(at.selectbox(key="review_proposal").options[1]).run()
    assert at.text_area(key="review_comment").value == ""
    decide(at, "reject")
    assert any("needs one" in e.value for e in at.error)
    assert stored(app_db) == []


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
    assert at.text_area(key="review_comment").value == ""


def test_no_decision_is_preselected(app_db: Path) -> None:
    at = start("review_page.py")
    assert at.radio(key="review_decision").value is None
    at.button(key="record_decision").click().run()
    assert any("choose a decision" in e.value for e in at.error)
    assert stored(app_db) == []
