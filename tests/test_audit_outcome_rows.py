"""The outcome roll-up that the audit takes from the shares' own rows equals the one found by requirement id."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings

from audit.engine import run_audit
from audit.relevance import outcome_share_rows, outcome_shares
from tests import rollups_reference
from tests.test_audit_reference_equality import CATALOGUES, POLICIES


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=CATALOGUES, policy=POLICIES)
def test_the_audits_outcome_roll_up_equals_the_reference(catalogue, policy):
    """Unscored requirements, scores of requirements not in force, all-zero scores: the same rows, to the bit."""
    result = run_audit(catalogue, policy)
    ids = list(result.burden.requirements["requirement"])
    shares, rows = outcome_share_rows(catalogue, policy, ids)
    assert [ids[i] for i in rows] == shares["requirement"].tolist()
    pd.testing.assert_frame_equal(shares, outcome_shares(catalogue, policy, ids), check_exact=True)
    pd.testing.assert_frame_equal(
        result.by_dimension["outcome"],
        rollups_reference.by_outcome(result.burden, result.outcome_shares),
        check_exact=True,
    )
