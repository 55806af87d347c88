"""The proposals' ranking is the order a stable sort by saving and id gives; scores join as a merge would."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.burden import compute_burden, frames
from audit.ordering import ranked as _ranking
from audit.proposals import make_proposals
from audit.relevance import relevance
from tests import proposals_reference
from tests.test_audit_reference_equality import CATALOGUES, POLICIES

SAVINGS = st.one_of(
    st.sampled_from([0.0, -0.0, 1.0, 2.5, float("nan"), float("inf"), -float("inf"), 1e300, 5e-324]),
    st.floats(min_value=-10, max_value=10, allow_nan=False),
)
IDS = st.sampled_from(["retain:R1", "retain:R2", "remove:R1", "merge:R1+R2", "Retain:R1", "retain:R10", "", "é:x"])


@settings(max_examples=400, deadline=None)
@given(rows=st.lists(st.tuples(SAVINGS, IDS), max_size=30))
def test_ranking_is_the_stable_sort_by_saving_then_id(rows):
    """Ties, not-a-number savings, minus zero beside zero, infinities, and ids repeated or differing in case."""
    frame = pd.DataFrame({"saving_cost_central": [s for s, _ in rows], "id": [i for _, i in rows]})
    frame = frame.astype({"saving_cost_central": float, "id": object})
    expected = frame.sort_values(["saving_cost_central", "id"], ascending=[False, True], kind="mergesort").index
    got = _ranking(frame["saving_cost_central"].to_numpy(dtype=float), frame["id"].tolist())
    assert got.tolist() == expected.tolist()


def test_ranking_of_nothing_is_empty():
    assert _ranking(np.zeros(0), []).tolist() == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=CATALOGUES, policy=POLICIES, seed=st.integers(0, 1000))
def test_scores_in_the_requirements_order_give_what_scores_in_any_order_give(catalogue, policy, seed):
    """The audit's scores come in the burden's order (joined without a merge); shuffled or missing rows merge."""
    burden = compute_burden(catalogue, policy, frames(catalogue))
    scores = relevance(catalogue, policy, list(burden.requirements["requirement"]))
    shuffled = scores.sample(frac=1.0, random_state=seed)
    in_order = make_proposals(burden, scores, policy)
    pd.testing.assert_frame_equal(in_order, make_proposals(burden, shuffled, policy), check_exact=True)
    expected = proposals_reference.make_proposals(burden, scores, policy)
    pd.testing.assert_frame_equal(in_order, expected, check_exact=True)
