"""Reviewers' decisions: validation, history, latest status, the status board and contested scores."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from audit.review import (
    UNDECIDED,
    ReviewError,
    contested_requirements,
    decisions,
    decisions_frame,
    latest_decisions,
    record_decision,
    status_board,
    status_counts,
)
from audit.scenarios import create_scenario
from catalogue.history import history_for, verify_history
from catalogue.models import RelevanceScore
from tests.factories import small_catalogue

T0 = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
KNOWN = {"remove:R1", "simplify:R2"}  # the proposals of the current audit, as a page passes them


def test_a_decision_is_stored_with_its_history_entry(empty_db) -> None:
    d = record_decision(empty_db, "remove:R1", "accept", reviewer="ann", at=T0, proposals=KNOWN)
    assert (d.proposal_id, d.decision, d.reviewer, d.comment, d.decided_at) == (
        "remove:R1",
        "accept",
        "ann",
        "",
        "2026-11-24T09:00:00+00:00",
    )
    entry = history_for(empty_db, "review", "remove:R1")[-1]
    assert (entry["actor"], entry["action"]) == ("ann", "accept")
    assert verify_history(empty_db).ok


@pytest.mark.parametrize("decision", ["reject", "defer", "amend"])
@pytest.mark.parametrize("blank", ["", "  ", "\n\t"])
def test_reject_defer_and_amend_need_a_comment(empty_db, decision: str, blank: str) -> None:
    with pytest.raises(ReviewError, match="needs one"):
        record_decision(empty_db, "remove:R1", decision, reviewer="ann", comment=blank, proposals=KNOWN)
    assert decisions(empty_db) == []


def test_every_problem_is_reported_at_once(empty_db) -> None:
    with pytest.raises(ReviewError) as info:
        record_decision(empty_db, " ", "approve", reviewer="", scenario="nope", proposals=KNOWN)
    assert len(info.value.problems) == 4


def test_a_decision_may_name_an_existing_scenario(empty_db) -> None:
    create_scenario(empty_db, "Plan A", actor="ann")
    assert record_decision(
        empty_db, "remove:R1", "defer", reviewer="bo", comment="wait", scenario="Plan A", proposals=KNOWN
    ).scenario == ("Plan A")


def test_the_latest_decision_is_the_status_and_all_are_kept(empty_db) -> None:
    record_decision(empty_db, "remove:R1", "reject", reviewer="ann", comment="needed", at=T0, proposals=KNOWN)
    record_decision(
        empty_db,
        "remove:R1",
        "amend",
        reviewer="bo",
        comment="quarterly",
        at=T0 + dt.timedelta(hours=1),
        proposals=KNOWN,
    )
    record_decision(empty_db, "simplify:R2", "accept", reviewer="bo", at=T0, proposals=KNOWN)
    assert [d.decision for d in decisions(empty_db, "remove:R1")] == ["reject", "amend"]
    latest = latest_decisions(empty_db)
    assert {k: v.decision for k, v in latest.items()} == {"remove:R1": "amend", "simplify:R2": "accept"}
    frame = decisions_frame(decisions(empty_db))
    assert frame["decision"].tolist() == ["accept", "amend", "reject"]  # newest first


def test_status_board_and_counts() -> None:
    proposals = pd.DataFrame(
        {
            "rank": [1, 2, 3],
            "id": ["a", "b", "c"],
            "action": ["remove"] * 3,
            "target": ["R1", "R2", "R3"],
            "saving_cost_central": [3.0, 2.0, 1.0],
        }
    )
    from audit.review import Decision

    latest = {"b": Decision(1, "b", None, "defer", "later", "ann", "2026-11-24")}
    board = status_board(proposals, latest)
    assert board["status"].tolist() == [UNDECIDED, "defer", UNDECIDED]
    assert status_counts(board) == {UNDECIDED: 2, "accept": 0, "reject": 0, "defer": 1, "amend": 0}


def test_requirements_scored_by_two_scorers_are_contested() -> None:
    cat = small_catalogue()
    assert contested_requirements(cat) == set()
    cat.relevance_scores.append(
        RelevanceScore(
            requirement="R1",
            outcome="protect_public",
            score=3,
            rationale="MAPPA",
            scorer="bo",
            scored_on=dt.date(2026, 11, 24),
        )
    )
    assert contested_requirements(cat) == {"R1"}


def test_a_decision_on_a_proposal_that_does_not_exist_is_refused(empty_db) -> None:
    with pytest.raises(ReviewError) as info:
        record_decision(empty_db, "remove:NOPE", "accept", reviewer="ann", proposals=KNOWN)
    assert info.value.problems == ["no proposal 'remove:NOPE' in the current audit"]
    assert decisions(empty_db) == []


def test_without_a_list_the_current_audit_of_the_database_names_the_proposals(default_db) -> None:
    from audit.engine import run_audit
    from audit.policy import load_policy
    from audit.proposals import RETAIN
    from catalogue.store import load_catalogue

    props = run_audit(load_catalogue(default_db), load_policy(default_db)).proposals
    real = props[props["action"] != RETAIN]["id"].iloc[0]
    with pytest.raises(ReviewError, match="no proposal 'remove:NOT-A-REQUIREMENT'"):
        record_decision(default_db, "remove:NOT-A-REQUIREMENT", "accept", reviewer="ann")
    assert record_decision(default_db, real, "accept", reviewer="ann").proposal_id == real
    assert [d.proposal_id for d in decisions(default_db)] == [real]


def test_a_decision_must_be_chosen(empty_db) -> None:
    with pytest.raises(ReviewError) as info:
        record_decision(empty_db, "remove:R1", "", reviewer="ann", comment="why", proposals=KNOWN)
    assert info.value.problems == ["choose a decision: accept, reject, defer or amend"]
