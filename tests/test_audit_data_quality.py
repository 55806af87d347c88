"""The data-quality statement: inputs by kind, shares by weight, reference years, and when trusts may be ranked."""

from __future__ import annotations

import pytest

from audit.engine import run_audit
from audit.evidence import comparison_basis, data_quality
from audit.summary import audit_summary
from catalogue.models import Figure, Provenance
from tests.audit_fixtures import trust, two_trust_catalogue


def test_inputs_are_counted_by_kind_staff_grades_included():
    cat = two_trust_catalogue()
    quality = data_quality(run_audit(cat).burden, cat)
    # Requirements: 5 frequencies cited, 4 minutes cited and R1's estimated; trusts: 2 x (caseload, commencements,
    # budget, staff) cited and 2 report counts estimated; 2 staff grades cited.
    assert quality["inputs_by_kind"] == {"citation": 19, "derived": 0, "estimate": 3}
    assert quality["hours_share_resting_on_estimates"] + quality["hours_share_all_cited_or_derived"] == 1


def test_reference_dates_come_from_the_sources_and_mixed_ones_say_so():
    cat = two_trust_catalogue()
    a, b = cat.trusts
    cat.trusts = [
        a.model_copy(
            update={"caseload": Figure(value=1000, provenance=Provenance.cite("x", "table 1; reference 2009"))}
        ),
        b.model_copy(
            update={"caseload": Figure(value=2000, provenance=Provenance.cite("x", "table 1; reference 2010"))}
        ),
    ]
    quality = data_quality(run_audit(cat).burden, cat)
    assert quality["reference_year"] == {"caseload": "mixed: 2009, 2010"}


def test_trusts_that_differ_only_by_size_are_not_ranked():
    cat = two_trust_catalogue()
    cat.local_measurements = []
    cat.trusts = [trust("A", 1000, 400, 300, {"po": 40, "pso": 20}), trust("B", 2000, 800, 600, {"po": 80, "pso": 40})]
    result = run_audit(cat)
    assert comparison_basis(result.burden) == "size only"
    summary = audit_summary(result)
    assert {t.comparison_basis for t in summary.trusts} == {"size only"}
    assert [t.benchmark.rank for t in summary.trusts] == [None, None]
    assert "differ only by size" in summary.national.data_quality.statement


def test_a_trusts_own_measurement_is_evidence_to_compare_on():
    result = run_audit(two_trust_catalogue())
    summary = audit_summary(result)
    assert summary.national.data_quality.comparison_basis == "evidence"
    assert sorted(t.benchmark.rank for t in summary.trusts) == [1, 2]
    assert summary.national.data_quality.hours_share_resting_on_estimates == pytest.approx((500 + 30 + 50) / 1428)
