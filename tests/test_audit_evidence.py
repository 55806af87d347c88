"""The share of hours resting on estimates and the quadrant cut, worked out by hand on the two-trust catalogue."""

from __future__ import annotations

import pytest

from audit.engine import run_audit
from audit.evidence import estimated_hours_share
from audit.policy import Policy
from audit.relevance import quadrant_cuts
from catalogue.models import Catalogue
from tests.audit_fixtures import two_trust_catalogue


def test_a_trusts_share_counts_estimated_times_frequencies_and_volumes_but_not_its_own_measurements():
    burden = run_audit(two_trust_catalogue()).burden
    # R1's minutes are an estimate (A: 500 h) but B measured its own (800 h, not estimated); R4 is done per court
    # report and the trusts' report counts are estimates (A: 30 h, B: 50 h); R2 (24 h in each) is cited throughout.
    assert estimated_hours_share(burden, "A") == pytest.approx((500 + 30) / 554)
    assert estimated_hours_share(burden, "B") == pytest.approx(50 / 874)


def test_the_national_share_is_the_same_rule_over_every_trust():
    burden = run_audit(two_trust_catalogue()).burden
    assert estimated_hours_share(burden) == pytest.approx((500 + 30 + 50) / 1428)


def test_no_hours_is_no_share_rather_than_zero_percent():
    assert estimated_hours_share(run_audit(Catalogue()).burden) is None


def test_the_quadrant_is_cut_at_the_heaviest_quarter_and_the_removal_threshold():
    result = run_audit(two_trust_catalogue())
    hours, composite = quadrant_cuts(result.burden.requirements, Policy())
    assert hours == pytest.approx(result.burden.requirements["hours_central"].quantile(0.75))
    assert composite == Policy().remove_max_relevance
