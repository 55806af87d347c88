"""The audit entry point: parts computed when first read, the same as computing them all at once."""

from __future__ import annotations

import pandas as pd
import pytest

from audit import rollups
from audit.engine import run_audit
from audit.proposals import make_proposals
from audit.relevance import relevance
from catalogue.dataset import load_default_catalogue


@pytest.fixture(scope="module")
def default_catalogue():
    return load_default_catalogue()


def test_parts_are_computed_when_first_read_and_kept(default_catalogue):
    result = run_audit(default_catalogue)
    assert "proposals" not in vars(result) and "by_dimension" not in vars(result)
    first = result.proposals
    assert result.proposals is first  # kept, not recomputed
    assert "relevance" in vars(result)  # the proposals needed it


def test_lazy_parts_equal_the_parts_computed_directly(default_catalogue):
    result = run_audit(default_catalogue).complete()
    ids = list(result.burden.requirements["requirement"])
    rel = relevance(default_catalogue, result.policy, ids)
    pd.testing.assert_frame_equal(result.relevance, rel)
    pd.testing.assert_frame_equal(result.proposals, make_proposals(result.burden, rel, result.policy))
    pd.testing.assert_frame_equal(result.by_trust, rollups.by_trust(result.burden))
    assert result.national == rollups.national(result.burden)
    assert set(result.by_dimension) == {*rollups.DIMENSIONS, "outcome"}
