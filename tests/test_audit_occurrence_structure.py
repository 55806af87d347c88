"""The sums go through the occurrence matrix's structure (rate x driver volume, plus trusts' own counts).

Each structured sum must equal the same sum over the whole matrix, with trusts that counted some occurrences
themselves, with a driver defined as data, and whichever order the figures are read in.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.burden import (
    compute_burden,
    occurrence_cells,
    occurrence_product,
    occurrence_row_sums,
    trust_sums,
)
from audit.engine import run_audit
from audit.policy import Policy
from bench.bench_audit import synthetic_catalogue
from catalogue.models import Catalogue, LocalMeasurement


def _with_own_counts(seed: int, share: float) -> Catalogue:
    """A synthetic catalogue in which trusts counted the occurrences of some requirements themselves."""
    catalogue = synthetic_catalogue(200, 6, seed=seed, activities=True)
    rng = np.random.default_rng(seed)
    counted = {}
    for r in catalogue.requirements:
        for t in catalogue.trusts:
            if rng.random() < share:
                counted[(t.name, r.id)] = LocalMeasurement(
                    trust=t.name,
                    requirement=r.id,
                    occurrences_per_year=float(rng.integers(0, 500)),
                    minutes=float(rng.integers(1, 90)) if rng.random() < 0.5 else None,
                    recorded_on=dt.date(2012, 4, 1),
                )
    return catalogue.model_copy(update={"local_measurements": list(counted.values())})


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), share=st.sampled_from([0.0, 0.05, 0.3, 1.0]))
def test_structured_sums_equal_the_sums_over_the_whole_matrix(seed: int, share: float) -> None:
    b = compute_burden(_with_own_counts(seed, share), Policy())
    matrix = b.occurrences
    counted = b.local[b.local["occurrences"].notna()]
    # The matrix itself holds the trusts' own counts where they gave them.
    assert np.array_equal(matrix[counted["row"], counted["col"]], counted["occurrences"].to_numpy())
    weights = np.random.default_rng(seed).random((9, len(b.requirements)))
    np.testing.assert_allclose(occurrence_product(b, weights), weights @ matrix, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(occurrence_row_sums(b), matrix.sum(axis=1), rtol=1e-12, atol=1e-9)
    rows = np.random.default_rng(seed + 1).integers(0, len(b.requirements), 300)
    cols = np.random.default_rng(seed + 2).integers(0, len(b.trusts), 300)
    assert np.array_equal(occurrence_cells(b, rows, cols), matrix[rows, cols])


def test_a_trust_counting_a_requirement_itself_moves_only_its_own_figure() -> None:
    catalogue = synthetic_catalogue(50, 3, seed=3)
    req = catalogue.requirements[0]
    trust = catalogue.trusts[1].name
    before = compute_burden(catalogue.model_copy(update={"local_measurements": []}), Policy())
    own = LocalMeasurement(trust=trust, requirement=req.id, occurrences_per_year=0.0, recorded_on=dt.date(2012, 4, 1))
    after = compute_burden(catalogue.model_copy(update={"local_measurements": [own]}), Policy())
    row = int(np.flatnonzero(before.requirements["requirement"] == req.id)[0])
    national = before.occurrences[row, 1]
    assert national > 0
    change = before.by_trust["hours_central"].to_numpy() - after.by_trust["hours_central"].to_numpy()
    req = before.requirements.iloc[row]
    hours = national * req["minutes_central"] / 60 * (1 - req["bau_share"])
    np.testing.assert_allclose(change, [0.0, hours, 0.0], atol=1e-9)
    assert after.requirements["occurrences"].iloc[row] == before.requirements["occurrences"].iloc[row] - national


def test_no_figure_depends_on_whether_the_matrix_was_built_first() -> None:
    catalogue = _with_own_counts(7, 0.1)
    cold = run_audit(catalogue).complete()
    warm = run_audit(catalogue)
    assert warm.burden.occurrences.shape == (len(warm.burden.requirements), len(warm.burden.trusts))  # built first
    warm.complete()
    assert cold.national == warm.national
    assert trust_sums(cold.burden).equals(trust_sums(warm.burden))
    assert cold.table().equals(warm.table())
