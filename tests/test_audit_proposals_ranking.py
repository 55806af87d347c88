"""The proposals' ranking gives the order a stable sort by saving (descending) and id gives, with awkward savings."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.proposals import _ranking

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
