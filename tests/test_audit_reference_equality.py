"""The faster proposals, relevance and roll-ups give exactly what their earlier implementations gave.

The earlier implementations are kept verbatim beside the tests (``proposals_reference``, ...); random synthetic
catalogues (the benchmark's generator, with some scores dropped so unscored requirements occur) and random
policies go through both, and every column must be equal, floats to the last bit and texts to the letter.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.burden import compute_burden, frames
from audit.policy import Policy
from audit.proposals import _names_a_target, _whole, make_proposals
from audit.relevance import outcome_shares, relevance
from audit.rollups import by_outcome
from bench.bench_audit import synthetic_catalogue
from catalogue.models import Catalogue
from tests import proposals_reference, relevance_reference, rollups_reference


def _catalogue(seed: int, n_requirements: int, n_trusts: int, drop: float) -> Catalogue:
    catalogue = synthetic_catalogue(n_requirements, n_trusts, seed=seed, activities=bool(seed % 2))
    rng = np.random.default_rng(seed)
    kept = [s for s in catalogue.relevance_scores if rng.random() >= drop]
    return catalogue.model_copy(update={"relevance_scores": kept})


POLICIES = st.builds(
    Policy,
    merge_min_similarity=st.sampled_from([0.3, 0.5, 0.9]),
    allow_legislative_proposals=st.booleans(),
    remove_max_relevance=st.sampled_from([0.1, 0.2, 0.4]),
    reduce_max_relevance=st.sampled_from([0.4, 0.6, 0.9]),
    simplify_min_minutes=st.sampled_from([0.0, 20.0, 45.0]),
)
CATALOGUES = st.builds(
    _catalogue,
    seed=st.integers(0, 10_000),
    n_requirements=st.integers(1, 400),
    n_trusts=st.integers(1, 4),
    drop=st.sampled_from([0.0, 0.2, 0.6]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=CATALOGUES, policy=POLICIES)
def test_proposals_equal_the_reference(catalogue, policy):
    burden = compute_burden(catalogue, policy, frames(catalogue))
    scores = relevance(catalogue, policy, list(burden.requirements["requirement"]))
    got = make_proposals(burden, scores, policy)
    expected = proposals_reference.make_proposals(burden, scores, policy)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=1, max_size=20))
def test_whole_numbers_read_as_the_float_format_writes_them(values):
    """Rounded to integers when they read the same ("{:,}" against "{:,.0f}"), else not rounded at all."""
    array = np.array(values, dtype=float)
    rounded = _whole(array)
    if rounded is not None:
        assert [f"{r:,}" for r in rounded] == [f"{v:,.0f}" for v in values]
    else:
        assert not all(np.isfinite(v) and abs(v) < 2**52 and f"{v:,.0f}" != "-0" for v in values)


def test_whole_numbers_round_half_to_even_and_keep_minus_zero_as_a_float():
    assert _whole(np.array([0.5, 1.5, 2.5, 1234567.5])) == [0, 2, 2, 1234568]
    assert _whole(np.array([1.0, -0.4])) is None  # "-0" is what the float format writes
    assert _whole(np.array([1.0, np.nan])) is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=CATALOGUES, policy=POLICIES, subset=st.booleans())
def test_relevance_and_outcome_roll_up_equal_the_reference(catalogue, policy, subset):
    """Scores of unknown requirements or outcomes are left out alike; shares of requirements not in force too."""
    burden = compute_burden(catalogue, policy, frames(catalogue))
    ids = [r.id for r in catalogue.requirements]
    ids = ids[::2] if subset else ids  # some scores then name requirements that are not asked for
    for got, expected in (
        (relevance(catalogue, policy, ids), relevance_reference.relevance(catalogue, policy, ids)),
        (outcome_shares(catalogue, policy, ids), relevance_reference.outcome_shares(catalogue, policy, ids)),
    ):
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    shares = outcome_shares(catalogue, policy, ids)
    pd.testing.assert_frame_equal(
        by_outcome(burden, shares), rollups_reference.by_outcome(burden, shares), check_exact=True
    )


TARGET_PIECES = ["target", "targets", "per cent", "percent", "per  cent", "%", "timeliness", "performance measure",
                 "performance indicators", "performance", "KPI", "kpis", "cent", "Target_", "x", " ", "\x00", "É",
                 "İ", "-", "recent", "centre"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.lists(st.sampled_from(TARGET_PIECES), max_size=6).map("".join), max_size=12))
def test_names_a_target_equals_the_reference(texts):
    """Words, non-words, case, non-ASCII letters (whose lower case is longer) and separators inside a text."""
    array = np.array(texts, dtype=object)
    assert _names_a_target(array).tolist() == proposals_reference._names_a_target(array).tolist()
