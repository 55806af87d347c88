"""A proposal's whole story (audit.proposal_story), its saving interval (audit.uncertainty.saving_interval), the review
summary the proposal tables show, and the one-in-two-out check explained in words."""

from __future__ import annotations

import dataclasses
import math

import pytest

from audit.engine import run_audit
from audit.policy import Policy, setting_label
from audit.proposal_story import proposal_story, proposal_title, requirement_texts, resolve_proposal
from audit.review import Decision, review_summary
from audit.scenarios import NOTHING_TO_COMPARE, Scenario, evaluate_scenario
from audit.uncertainty import saving_interval
from catalogue.dataset import load_default_catalogue
from catalogue.models import Catalogue
from catalogue.names import UnknownName
from tests.audit_fixtures import GUESS, directive, grade, requirement, trust, two_trust_catalogue

DEFAULT = run_audit(load_default_catalogue(), Policy())
DEVOLVE = "devolve:NS07-CONTACT-REC"


def _one_requirement(low: float, central: float, high: float) -> Catalogue:
    """One trust of 6,000 cases, one requirement done once a year per case: hours = 100 x minutes."""
    return Catalogue(
        directives=[directive("PI 01/2010", "2010-01")],
        requirements=[
            requirement(
                "R1",
                "PI 01/2010",
                minutes_low=low,
                minutes_central=central,
                minutes_high=high,
                minutes_provenance=GUESS,
            )
        ],
        staff_grades=[grade("po", 30_000)],
        trusts=[trust("A", 6000, 0, 0, {"po": 10})],
    )


def decision(pid: str, what: str, comment: str, at: str, scenario: str | None = None) -> Decision:
    return Decision(0, pid, scenario, what, comment, "Rita Reviewer", at)


# --- the saving interval ----------------------------------------------------------------------------------


def test_the_saving_interval_is_the_triangular_quantiles_of_the_cut_hand_checked():
    """Minutes triangular on 10, 20, 30: F(x) = (x - 10)^2 / 200 below 20, so p05 = 10 + sqrt(10) = 13.16 and
    p95 = 30 - sqrt(10) = 26.84 minutes. 100 hours a minute, a quarter cut: 329, 500 and 671 hours."""
    result = run_audit(_one_requirement(10, 20, 30))
    hours = saving_interval(result.burden, "R1", 0.25, draws=20_000)["hours"]
    assert hours["p05"] == pytest.approx(25 * (10 + math.sqrt(10)), rel=0.01)
    assert hours["p50"] == pytest.approx(25 * 20, rel=0.01)
    assert hours["p95"] == pytest.approx(25 * (30 - math.sqrt(10)), rel=0.01)
    cost = saving_interval(result.burden, "R1", 0.25, draws=20_000)["cost"]
    per_hour = float(result.burden.requirements["cost_per_hour"].iloc[0])
    assert cost["p50"] == pytest.approx(hours["p50"] * per_hour)


def test_the_saving_interval_is_seeded():
    burden = run_audit(_one_requirement(10, 20, 30)).burden
    assert saving_interval(burden, "R1", 1.0) == saving_interval(burden, "R1", 1.0)
    assert saving_interval(burden, "R1", 1.0, seed=1) != saving_interval(burden, "R1", 1.0, seed=2)


def test_with_every_range_closed_the_interval_is_each_requirements_own_central_figure():
    """Trusts' own minutes, out-of-pocket costs and the share done anyway all enter as they do in the burden."""
    req = DEFAULT.burden.requirements.copy()
    req["minutes_low"] = req["minutes_high"] = req["minutes_central"]
    closed = dataclasses.replace(DEFAULT.burden, requirements=req)
    for row in req.itertuples():
        got = saving_interval(closed, row.requirement, 1.0, draws=5)
        for m in ("hours", "fte", "cost"):
            assert got[m]["p05"] == pytest.approx(getattr(row, f"{m}_central")), (row.requirement, m)


def test_an_unknown_requirement_has_no_interval():
    with pytest.raises(KeyError):
        saving_interval(DEFAULT.burden, "NO-SUCH", 1.0)


# --- the story --------------------------------------------------------------------------------------------


def test_the_story_names_the_requirement_the_rule_its_savings_its_reviews_and_its_scenarios():
    cat = load_default_catalogue()
    text = next(r.text for r in cat.requirements if r.id == "NS07-CONTACT-REC")
    reviews = [
        decision(DEVOLVE, "defer", "wait for the inspection", "2011-01-02T10:00:00+00:00"),
        decision("remove:OTHER", "reject", "not this one", "2011-01-03T10:00:00+00:00"),
        decision(DEVOLVE, "accept", "", "2011-01-04T10:00:00+00:00", scenario="Lean"),
    ]
    scenarios = [
        Scenario("Lean", "", "ann", "", {DEVOLVE: "accepted"}),
        Scenario("Cautious", "", "ann", "", {DEVOLVE: "rejected"}),
        Scenario("Other", "", "ann", "", {}),
    ]
    story = proposal_story(DEFAULT, DEVOLVE, decisions=reviews, scenarios=scenarios)
    row = DEFAULT.proposals.set_index("id").loc[DEVOLVE]
    assert story.target == "NS07-CONTACT-REC" and story.requirements[0].text == text
    assert story.requirements[0].directive == row["directive"] and story.requirements[0].directive_title
    assert text in story.title and story.rank == row["rank"] and story.action_label == "Devolve to trusts"
    relevance = next(c for c in story.checks if c.setting == setting_label("devolve_min_relevance"))
    assert relevance.value == f"{row['relevance']:.2f}" and relevance.rule == "at least 0.3" and relevance.met
    assert any(c.setting == setting_label("devolve_saving_share") and c.value == "25%" for c in story.checks)
    cost = next(s for s in story.savings if s.measure == "cost")
    assert cost.central == pytest.approx(row["saving_cost_central"])
    assert cost.low <= cost.p05 < cost.central < cost.p95 <= cost.high
    assert story.status == "accept" and [r.decision for r in story.reviews] == ["defer", "accept"]
    assert story.comments == 1 and story.last_comment == "wait for the inspection"
    assert story.accepted_in == ["Lean"] and story.rejected_in == ["Cautious"]


def test_a_merge_story_names_both_requirements_and_its_similarity():
    merge = DEFAULT.proposals[DEFAULT.proposals["action"] == "merge"].iloc[0]
    story = proposal_story(DEFAULT, merge["id"])
    assert {r.id for r in story.requirements} == set(merge["requirements"])
    assert story.requirements[0].id == merge["target"]  # the one absorbed comes first
    similarity = next(c for c in story.checks if c.test == "Similarity of the wording")
    assert similarity.value == f"{merge['similarity']:.0%}" and similarity.met


def test_an_unknown_proposal_is_refused_with_the_ones_it_may_have_meant():
    with pytest.raises(UnknownName) as caught:
        proposal_story(DEFAULT, "devolve:NS07-CONTACT-LEVELS")
    assert DEVOLVE in caught.value.suggestions
    assert "No proposal called 'devolve:NS07-CONTACT-LEVELS'." in caught.value.sentence()
    assert resolve_proposal("  DEVOLVE:ns07-contact-rec ", list(DEFAULT.proposals["id"])) == DEVOLVE


def test_every_proposal_has_its_requirement_text_and_a_title_that_fits():
    props = DEFAULT.proposals
    texts = requirement_texts(props, DEFAULT.burden.requirements)
    assert all(texts)
    merge = props.index[props["action"] == "merge"][0]
    other = next(r for r in props.loc[merge, "requirements"] if r != props.loc[merge, "target"])
    assert f"{other}: " in texts[merge]
    title = proposal_title(DEVOLVE, texts[props.index[props["id"] == DEVOLVE][0]], width=60)
    assert title.startswith(f"Devolve to trusts: {DEVOLVE.split(':')[1]} — ") and title.endswith("…")
    assert len(title) <= 60 and "devolve:" not in title  # the action in words, never its code


def test_the_review_summary_gives_each_proposals_status_and_latest_comment():
    reviews = [
        decision("a", "reject", "first", "2011-01-01"),
        decision("a", "amend", "second", "2011-01-02"),
        decision("b", "accept", "", "2011-01-03"),
    ]
    summary = review_summary(["b", "a", "c"], reviews)
    assert summary.to_dict("list") == {
        "id": ["b", "a", "c"],
        "review_status": ["accept", "amend", "undecided"],
        "comments": [0, 2, 0],
        "last_comment": ["", "second", ""],
    }


# --- one-in-two-out explained ---------------------------------------------------------------------------------


def test_an_empty_scenario_has_nothing_to_compare_and_says_what_new_burden_counts():
    """Two-trust catalogue: R4 (PI 04/2010, in force from June 2010) is the only requirement added in the year."""
    result = run_audit(two_trust_catalogue())
    explained = evaluate_scenario(result, []).one_in_two_out_explained
    assert explained is not None
    assert explained.verdict == NOTHING_TO_COMPARE
    assert "fails" not in explained.headline and "nothing to compare" in explained.headline
    assert "£2,000 a year" in explained.headline
    assert "the 1 requirement of the 1 directive" in explained.ins and "12 months" in explained.ins
    assert "31 March 2011" in explained.ins and "none yet" in explained.outs
    assert explained.new_requirements["requirement"].tolist() == ["R4"]


def test_a_failing_scenario_says_how_much_more_it_needs():
    """Removing R2 saves £600 against £2,000 of new burden: 2 x £2,000 - £600 = £3,400 short."""
    explained = evaluate_scenario(run_audit(two_trust_catalogue()), ["remove:R2"]).one_in_two_out_explained
    assert explained is not None and explained.verdict == "fails"
    assert "£600 a year against £2,000 a year of new burden" in explained.headline
    assert "£3,400 a year more" in explained.headline
    assert "the 1 proposal the scenario accepts" in explained.outs and "£4,000 a year" in explained.outs


def test_with_no_new_burden_a_scenario_passes_with_nothing_to_offset():
    relaxed = run_audit(two_trust_catalogue(), Policy(familiarisation_window_months=0))
    explained = evaluate_scenario(relaxed, ["remove:R2"]).one_in_two_out_explained
    assert explained is not None and explained.verdict == "passes"
    assert "nothing to offset" in explained.headline and "there is no new burden" in explained.ins
