"""Scenarios: stored decisions, burden before and after, released FTE, direct contact share, one-in-two-out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.engine import run_audit
from audit.errors import ScenarioError
from audit.policy import Policy
from audit.scenarios import (
    accept,
    create_scenario,
    decide,
    delete_scenario,
    evaluate_scenario,
    get_scenario,
    list_scenarios,
    reject,
)
from catalogue.history import history_for, verify_history
from tests.audit_fixtures import two_trust_catalogue

RESULT = run_audit(two_trust_catalogue())


def test_scenarios_are_stored_with_their_decisions(empty_db):
    create_scenario(empty_db, "lean", actor="ann", description="first cut")
    accept(empty_db, "lean", ["remove:R2", "devolve:R4"], actor="ann")
    reject(empty_db, "lean", ["devolve:R4"], actor="bob")
    s = get_scenario(empty_db, "lean")
    assert s.accepted == ["remove:R2"] and s.rejected == ["devolve:R4"]
    assert s.description == "first cut" and s.created_by == "ann"
    decide(empty_db, "lean", ["devolve:R4"], "undecided", actor="bob")
    assert get_scenario(empty_db, "lean").decisions == {"remove:R2": "accepted"}
    assert [x.name for x in list_scenarios(empty_db)] == ["lean"]
    assert len(history_for(empty_db, "scenario", "lean/devolve:R4")) == 3
    assert verify_history(empty_db).ok


def test_scenario_mistakes_are_user_errors(empty_db):
    create_scenario(empty_db, "s", actor="ann")
    with pytest.raises(ScenarioError, match="already exists"):
        create_scenario(empty_db, "s", actor="ann")
    with pytest.raises(ScenarioError, match="no scenario"):
        accept(empty_db, "nope", ["remove:R2"], actor="ann")
    with pytest.raises(ScenarioError, match="at least one"):
        accept(empty_db, "s", [" "], actor="ann")
    with pytest.raises(ScenarioError, match="decision must be"):
        decide(empty_db, "s", ["remove:R2"], "maybe", actor="ann")
    with pytest.raises(ScenarioError, match="needs a name"):
        create_scenario(empty_db, "  ", actor="ann")
    delete_scenario(empty_db, "s", actor="ann")
    assert list_scenarios(empty_db) == []


def test_before_and_after_match_the_hand_computation():
    """Remove R2 (24 h and £300 in each trust) and devolve R4 (25% of A's 30 h and B's 50 h):
    A saves 24 + 7.5 = 31.5 h, B 24 + 12.5 = 36.5 h; national 68 h, £600 + £500 = £1,100."""
    ev = evaluate_scenario(RESULT, ["remove:R2", "devolve:R4", "merge:X+Y"])
    t = ev.by_trust.set_index("trust")
    assert t.loc["A", "saving_hours_central"] == pytest.approx(31.5)
    assert t.loc["B", "saving_hours_central"] == pytest.approx(36.5)
    assert ev.national["saving_cost_central"] == pytest.approx(1100)
    assert ev.national["after_hours_central"] == pytest.approx(1428 - 68)
    assert ev.national["officer_equivalents_released"]["central"] == pytest.approx(68 / 1500)
    assert ev.missing == ["merge:X+Y"] and ev.accepted == ["devolve:R4", "remove:R2"]
    assert set(ev.by_action["action"]) == {"remove", "devolve"}


def test_direct_contact_share_starts_at_24_percent_and_rises_by_released_fte():
    """All grades in scope: 68 h / 1,500 = 0.04533 FTE released over 180 staff FTE."""
    ev = evaluate_scenario(RESULT, ["remove:R2", "devolve:R4"])
    assert ev.national["direct_contact_share_before"] == 0.24
    assert ev.national["direct_contact_share_after"] == pytest.approx(0.24 + 68 / 1500 / 180)
    # Only po in scope: R4 (po) releases 20 h / 1,500 over 110 po FTE; R2 is pso work.
    po_only = run_audit(two_trust_catalogue(), Policy(direct_contact_grades=("po",)))
    ev = evaluate_scenario(po_only, ["remove:R2", "devolve:R4"])
    assert ev.national["direct_contact_share_after"] == pytest.approx(0.24 + 20 / 1500 / 110)
    assert "24%" in ev.national["direct_contact_assumption"]


def test_one_in_two_out_compares_savings_with_the_years_new_burden():
    """Ins: R4 (PI 04/2010 took effect in the year) costs £2,000. Removing R2 saves £600: fails.
    Removing R2 and devolving R4 saves £1,100: still under 2 x £2,000."""
    ev = evaluate_scenario(RESULT, ["remove:R2"])
    assert ev.one_in_two_out.ins_cost == pytest.approx(2000)
    assert not ev.one_in_two_out.passes
    relaxed = run_audit(two_trust_catalogue(), Policy(familiarisation_window_months=0))
    assert evaluate_scenario(relaxed, ["remove:R2"]).one_in_two_out.passes


def test_an_empty_scenario_changes_nothing():
    ev = evaluate_scenario(RESULT, [])
    assert ev.national["saving_hours_central"] == 0
    assert ev.national["direct_contact_share_after"] == 0.24


@settings(max_examples=30, deadline=None)
@given(
    chosen=st.sets(st.sampled_from(RESULT.proposals["id"].tolist())),
    extra=st.sampled_from(RESULT.proposals["id"].tolist()),
)
def test_accepting_a_proposal_never_raises_the_burden(chosen, extra):
    before = evaluate_scenario(RESULT, chosen).by_trust
    after = evaluate_scenario(RESULT, chosen | {extra}).by_trust
    for level in ("low", "central", "high"):
        for measure in ("hours", "fte", "cost"):
            column = f"after_{measure}_{level}"
            assert (after[column] <= before[column] + 1e-9).all()


def test_direct_contact_grades_missing_from_the_catalogue_fall_back_to_all_staff():
    result = run_audit(two_trust_catalogue(), Policy(direct_contact_grades=("nobody",)))
    ev = evaluate_scenario(result, ["remove:R2", "devolve:R4"])
    assert ev.national["direct_contact_share_after"] == pytest.approx(0.24 + 68 / 1500 / 180)


def test_decide_refuses_ids_outside_the_current_proposals(empty_db):
    """The library, not the command line, refuses an unknown proposal id, and writes nothing."""
    create_scenario(empty_db, "checked", actor="ann")
    with pytest.raises(ScenarioError, match=r"unknown proposal id.*bogus:X"):
        decide(empty_db, "checked", ["remove:R2", "bogus:X"], "accepted", actor="ann", proposals=["remove:R2"])
    assert get_scenario(empty_db, "checked").decisions == {}
    decide(empty_db, "checked", ["remove:R2"], "accepted", actor="ann", proposals=["remove:R2"])
    # clearing a decision needs no current proposal: the audit may no longer make it
    decide(empty_db, "checked", ["remove:R2"], "undecided", actor="ann", proposals=[])
    assert get_scenario(empty_db, "checked").decisions == {}
