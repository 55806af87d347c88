"""Ranked row orders equal what pandas' stable sort by a figure (descending) and text labels gives."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.burden import compute_burden, frames
from audit.ordering import ranked_or_none
from audit.rollups import DIMENSIONS, by_dimension, concentration
from tests import rollups_reference
from tests.test_audit_reference_equality import CATALOGUES, POLICIES

FIGURES = st.sampled_from([0.0, -0.0, 1.0, 2.5, float("nan"), float("inf"), -float("inf"), 3.0])
TEXTS = st.sampled_from(["a", "b", "B", "", "ab", "é", "a b", "z"])


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(FIGURES, TEXTS, TEXTS), max_size=25))
def test_ranked_is_the_stable_sort_by_figure_then_labels(rows):
    frame = pd.DataFrame(rows, columns=["v", "a", "b"]).astype({"v": float, "a": object, "b": object})
    expected = frame.sort_values(["v", "a", "b"], ascending=[False, True, True], kind="mergesort").index
    labels = list(zip(frame["a"], frame["b"], strict=True))
    assert ranked_or_none(frame["v"].to_numpy(), labels).tolist() == expected.tolist()


def test_labels_that_are_not_text_are_left_to_pandas():
    assert ranked_or_none(pd.Series([1.0, 1.0]).to_numpy(), ["a", None]) is None
    assert ranked_or_none(pd.Series([1.0, 1.0]).to_numpy(), [("a", 1), ("a", 2)]) is None
    assert ranked_or_none(pd.Series([2.0, 1.0]).to_numpy(), ["a", None]).tolist() == [0, 1]  # no tie: no compare


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=CATALOGUES, policy=POLICIES)
def test_roll_ups_by_dimension_and_the_pareto_curve_equal_the_reference(catalogue, policy):
    """Ties in hours (zero-hour requirements), missing dimension values and a single row, as before."""
    burden = compute_burden(catalogue, policy, frames(catalogue))
    for dimension in DIMENSIONS:
        pd.testing.assert_frame_equal(
            by_dimension(burden, dimension), rollups_reference.by_dimension(burden, dimension), check_exact=True
        )
    got, expected = concentration(burden), rollups_reference.concentration(burden)
    assert got.top_share == expected.top_share
    pd.testing.assert_frame_equal(got.pareto, expected.pareto, check_exact=True)
