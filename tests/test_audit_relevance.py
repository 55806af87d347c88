"""Outcome relevance composite, outcome shares and the purpose view."""

from __future__ import annotations

import math

import pytest

from audit.burden import compute_burden
from audit.policy import Policy
from audit.relevance import NATIONAL, outcome_shares, purpose_view, relevance
from tests.audit_fixtures import two_trust_catalogue


def test_composite_combines_peak_and_weighted_mean():
    """Five outcomes of weight 1. R1: protect 3, reoffending 2 -> peak 1, breadth 5/15 -> 0.7 + 0.1 = 0.8.
    R2: value for money 1 -> 0.7 x 1/3 + 0.3 x 1/15 = 0.25333. R4: sentence 2 -> 0.7 x 2/3 + 0.3 x 2/15."""
    rel = relevance(two_trust_catalogue(), Policy()).set_index("requirement")
    assert rel.loc["R1", "composite"] == pytest.approx(0.8)
    assert rel.loc["R2", "composite"] == pytest.approx(0.7 / 3 + 0.3 / 15)
    assert rel.loc["R4", "composite"] == pytest.approx(0.7 * 2 / 3 + 0.3 * 2 / 15)
    assert rel.loc["R1", "best_outcome"] == "protect_public"
    assert rel.loc["R1", "max_score"] == 3


def test_unscored_requirements_have_no_composite():
    rel = relevance(two_trust_catalogue(), Policy()).set_index("requirement")
    assert not rel.loc["R3", "scored"] and math.isnan(rel.loc["R3", "composite"])


def test_policy_weights_override_the_catalogue():
    """Weight protect_public 4, others 1: R1 peak = 12/12 = 1, breadth = (12 + 2) / (3 x 8) -> 0.7 + 0.3 x 14/24."""
    policy = Policy(outcome_weights={"protect_public": 4.0})
    rel = relevance(two_trust_catalogue(), policy).set_index("requirement")
    assert rel.loc["R1", "composite"] == pytest.approx(0.7 + 0.3 * 14 / 24)
    # R2 (value for money 1): peak = 1 / 12, breadth = 1 / 24.
    assert rel.loc["R2", "composite"] == pytest.approx(0.7 / 12 + 0.3 / 24)


def test_outcome_shares_sum_to_one_and_unscored_go_to_none():
    shares = outcome_shares(two_trust_catalogue(), Policy(), ["R1", "R2", "R3"])
    sums = shares.groupby("requirement")["share"].sum()
    assert sums.to_dict() == pytest.approx({"R1": 1.0, "R2": 1.0, "R3": 1.0})
    assert shares[shares["requirement"] == "R3"]["outcome"].tolist() == ["none"]
    r1 = shares[shares["requirement"] == "R1"].set_index("outcome")["share"]
    assert r1["protect_public"] == pytest.approx(0.6)


def test_purpose_view_splits_input_process_from_output_outcome():
    """A: input R4 30 h; output R2 24 h; outcome R1 500 h -> input/process share 30 / 554."""
    view = purpose_view(compute_burden(two_trust_catalogue(), Policy())).set_index("trust")
    assert view.loc["A", "hours_input_process"] == pytest.approx(30)
    assert view.loc["A", "share_input_process"] == pytest.approx(30 / 554)
    assert view.loc[NATIONAL, "hours_output_outcome"] == pytest.approx(48 + 1300)
    assert (view["share_input_process"] + view["share_output_outcome"]).to_numpy() == pytest.approx(1.0)
