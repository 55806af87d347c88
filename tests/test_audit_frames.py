"""The catalogue as columns (``audit.burden.frames``): the one-pass builder gives what each model says of itself."""

from __future__ import annotations

import gc

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.burden import frames
from bench.bench_audit import synthetic_catalogue
from catalogue.models import Catalogue, Provenance

CITED = Provenance.cite("test source", "para 1")
ESTIMATED = Provenance.estimate("a guess")


def _varied(seed: int) -> Catalogue:
    """A synthetic catalogue whose sources differ row by row: cited or estimated, with or without a BAU source."""
    catalogue = synthetic_catalogue(300, 4, seed=seed, activities=True)
    rng = np.random.default_rng(seed)
    requirements = []
    for r in catalogue.requirements:
        update: dict[str, object] = {
            "frequency_provenance": CITED if rng.random() < 0.5 else ESTIMATED,
            "minutes_provenance": CITED if rng.random() < 0.5 else ESTIMATED,
            "bau_provenance": None if rng.random() < 0.4 else (CITED if rng.random() < 0.5 else ESTIMATED),
            "statutory_basis": None if rng.random() < 0.5 else ("" if rng.random() < 0.3 else "Act 2003"),
        }
        if r.activities:
            update["activities"] = [
                a.model_copy(update={"minutes_provenance": CITED if rng.random() < 0.6 else ESTIMATED})
                for a in r.activities
            ]
        requirements.append(r.model_copy(update=update))
    return catalogue.model_copy(update={"requirements": requirements})


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_each_requirement_row_says_what_its_model_says(seed: int) -> None:
    catalogue = _varied(seed)
    got = frames(catalogue).requirements
    reqs = catalogue.requirements
    assert got["requirement"].tolist() == [r.id for r in reqs]
    assert got["activity"].tolist() == [str(r.activity) for r in reqs]
    assert got["driver"].tolist() == [str(r.driver) for r in reqs]
    assert got["text"].tolist() == [r.text for r in reqs]
    assert got["minutes_central"].tolist() == [r.minutes_central for r in reqs]
    assert got["statutory"].tolist() == [r.is_statutory for r in reqs]
    assert got["minutes_estimate"].tolist() == [r.minutes_are_estimates for r in reqs]
    assert got["frequency_estimate"].tolist() == [r.frequency_provenance.is_estimate for r in reqs]
    assert got["bau_estimate"].tolist() == [r.bau_provenance is not None and r.bau_provenance.is_estimate for r in reqs]
    assert got["public_protection_critical"].tolist() == [r.public_protection_critical for r in reqs]


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_each_activity_row_belongs_to_its_requirement_in_order(seed: int) -> None:
    catalogue = _varied(seed)
    got = frames(catalogue).activities
    steps = [(r.id, a) for r in catalogue.requirements for a in r.activities]
    assert got["requirement"].tolist() == [rid for rid, _ in steps]
    assert got["activity_id"].tolist() == [a.id for _, a in steps]
    assert got["grade"].tolist() == [a.grade for _, a in steps]
    assert got["minutes_low"].tolist() == [a.minutes_low for _, a in steps]
    assert got["minutes_estimate"].tolist() == [a.minutes_provenance.is_estimate for _, a in steps]


def test_an_empty_catalogue_gives_empty_frames_with_their_columns() -> None:
    f = frames(Catalogue())
    assert f.requirements.empty and "minutes_estimate" in f.requirements
    assert f.activities.empty and "minutes_estimate" in f.activities


def test_building_the_frames_leaves_the_garbage_collector_as_it_found_it() -> None:
    catalogue = synthetic_catalogue(50, 3)
    assert gc.isenabled()
    frames(catalogue)
    assert gc.isenabled()
    gc.disable()
    try:
        frames(catalogue)
        assert not gc.isenabled()
    finally:
        gc.enable()
