"""Standard Cost Model burden: hand-computed totals, local measurements, familiarisation, invariants."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.burden import (
    SUM_COLUMNS,
    burden_table,
    compute_burden,
    requirement_sums,
    trust_central_hours,
    trust_sums,
)
from audit.errors import AuditError
from audit.policy import Policy
from catalogue.models import Catalogue, LocalMeasurement
from tests.audit_fixtures import requirement, two_trust_catalogue


@pytest.fixture
def burden():
    return compute_burden(two_trust_catalogue(), Policy())


def _trust(burden, name):
    return burden.by_trust.set_index("trust").loc[name]


def test_central_hours_and_cost_per_trust_match_the_hand_computation(burden):
    """A: R1 2,000 x 15/60 = 500 + R2 12 x 120/60 = 24 + R4 300 x 6/60 = 30 -> 554 h.
    B: R1 4,000 x 12/60 (own minutes) = 800 + 24 + R4 500 x 6/60 = 50 -> 874 h.
    Cost at 25% overhead: po £20/h -> £25/h, pso £10/h -> £12.50/h.
    A: 500 x 25 + 24 x 12.5 + 30 x 25 = 13,550. B: 800 x 25 + 300 + 50 x 25 = 21,550."""
    a, b = _trust(burden, "A"), _trust(burden, "B")
    assert a["hours_central"] == pytest.approx(554)
    assert b["hours_central"] == pytest.approx(874)
    assert a["cost_central"] == pytest.approx(13_550)
    assert b["cost_central"] == pytest.approx(21_550)
    assert a["fte_central"] == pytest.approx(554 / 1500)


def test_low_and_high_use_the_minutes_range_except_where_the_trust_measured(burden):
    """A low: 2,000 x 10/60 + 12 x 60/60 + 30 = 375.33; A high: 2,000 x 30/60 + 12 x 4 + 30 = 1,078.
    B's R1 is its own 12 minutes at every level: low 800 + 12 + 50 = 862, high 800 + 48 + 50 = 898."""
    a, b = _trust(burden, "A"), _trust(burden, "B")
    assert a["hours_low"] == pytest.approx(375 + 1 / 3)
    assert a["hours_high"] == pytest.approx(1078)
    assert b["hours_low"] == pytest.approx(862)
    assert b["hours_high"] == pytest.approx(898)


def test_only_requirements_in_force_on_the_audit_date_count(burden):
    assert burden.requirements["requirement"].tolist() == ["R1", "R2", "R4"]
    earlier = compute_burden(two_trust_catalogue(), Policy(audit_date=dt.date(2010, 5, 1)))
    # Before PI 04/2010 took effect (1 June 2010) the superseded PC 03/2008 still bound trusts.
    assert earlier.requirements["requirement"].tolist() == ["R1", "R2", "R3"]


def test_requirement_x_trust_rows_flag_local_figures_and_estimates(burden):
    table = burden_table(burden).set_index(["requirement", "trust"])
    assert table.loc[("R1", "B"), "basis"] == "local"
    assert table.loc[("R1", "A"), "basis"] == "national estimate"
    assert table.loc[("R1", "B"), "minutes_central"] == 12
    # R1's national minutes are an estimate; B measured its own, so B's R1 row is no longer an estimate.
    assert bool(table.loc[("R1", "A"), "is_estimate"]) is True
    assert bool(table.loc[("R1", "B"), "is_estimate"]) is False
    # R4 is per report, and the fixture's report volumes are estimates.
    assert bool(table.loc[("R4", "A"), "is_estimate"]) is True
    assert bool(table.loc[("R2", "A"), "is_estimate"]) is False


def test_a_local_count_replaces_the_occurrences_for_that_trust_only():
    """A counts 50 R2 returns a year instead of 12: 50 x 120 / 60 = 100 h."""
    cat = two_trust_catalogue()
    cat.local_measurements.append(
        LocalMeasurement(trust="A", requirement="R2", occurrences_per_year=50, recorded_on=dt.date(2011, 1, 1))
    )
    b = compute_burden(cat, Policy())
    table = burden_table(b).set_index(["requirement", "trust"])
    assert table.loc[("R2", "A"), "hours_central"] == pytest.approx(100)
    assert table.loc[("R2", "B"), "hours_central"] == pytest.approx(24)
    assert bool(table.loc[("R2", "A"), "local_occurrences"]) is True


def test_business_as_usual_share_is_netted_off():
    """R1 with 40% BAU: A's 500 h become 300 h."""
    b = compute_burden(two_trust_catalogue(), Policy(bau_share={"R1": 0.4}))
    table = burden_table(b).set_index(["requirement", "trust"])
    assert table.loc[("R1", "A"), "hours_central"] == pytest.approx(300)
    assert table.loc[("R1", "B"), "hours_central"] == pytest.approx(480)


def test_productive_hours_override_changes_fte_not_hours():
    b = compute_burden(two_trust_catalogue(), Policy(productive_hours_override=1000))
    a = b.by_trust.set_index("trust").loc["A"]
    assert a["hours_central"] == pytest.approx(554)
    assert a["fte_central"] == pytest.approx(0.554)


def test_familiarisation_counts_staff_of_the_grades_of_directives_issued_in_the_year(burden):
    """PI 04/2010 (issued 2010-06-01) falls on po staff: A 40 x 35/60, B 70 x 35/60 hours."""
    fam = burden.familiarisation
    assert fam[["directive", "grade"]].to_numpy().tolist() == [["PI 04/2010", "po"]]
    assert fam["staff_fte"].tolist() == [110]
    assert fam["hours_central"].iloc[0] == pytest.approx(110 * 35 / 60)
    by_trust = burden.familiarisation_by_trust.set_index("trust")
    assert by_trust["hours_central"].to_dict() == pytest.approx({"A": 40 * 35 / 60, "B": 70 * 35 / 60})
    assert by_trust.loc["A", "cost_central"] == pytest.approx(40 * 35 / 60 * 25)
    assert by_trust.loc["B", "hours_high"] == pytest.approx(70 * 413 / 60)
    none = compute_burden(two_trust_catalogue(), Policy(familiarisation_window_months=0))
    assert none.familiarisation.empty and (none.familiarisation_by_trust["hours_central"] == 0).all()


def test_unknown_grade_is_reported_not_crashed():
    cat = two_trust_catalogue()
    cat.requirements.append(requirement("R9", "PI 01/2010", grade="nobody"))
    with pytest.raises(AuditError, match="unknown staff grades: nobody"):
        compute_burden(cat, Policy())


def test_an_empty_catalogue_has_zero_burden():
    b = compute_burden(Catalogue(), Policy())
    assert b.requirements.empty and b.by_trust.empty


def test_every_sum_equals_the_sum_of_the_cells(burden):
    table = burden_table(burden)
    per_trust = table.groupby("trust")[SUM_COLUMNS].sum()
    per_req = table.groupby("requirement")[SUM_COLUMNS].sum()
    np.testing.assert_allclose(burden.by_trust.set_index("trust")[SUM_COLUMNS], per_trust, rtol=1e-12)
    np.testing.assert_allclose(burden.requirements.set_index("requirement")[SUM_COLUMNS], per_req, rtol=1e-12)


# --- properties ------------------------------------------------------------------------------

positive = st.floats(min_value=0.0, max_value=500.0, allow_nan=False)


def _catalogue(m1: float, m2: float, caseload_a: float, opu: float) -> Catalogue:
    cat = two_trust_catalogue()
    reqs = []
    for r in cat.requirements:
        if r.id == "R1":
            r = r.model_copy(update={"minutes_low": m1, "minutes_central": m1, "minutes_high": m1 + m2})
        if r.id == "R2":
            r = r.model_copy(update={"occurrences_per_unit": opu})
        reqs.append(r)
    trusts = [
        t.model_copy(update={"caseload": t.caseload.model_copy(update={"value": caseload_a})}) if t.name == "A" else t
        for t in cat.trusts
    ]
    return cat.model_copy(update={"requirements": reqs, "trusts": trusts})


@settings(max_examples=40, deadline=None)
@given(m1=positive, m2=positive, extra=positive, caseload=positive, more=positive, opu=positive)
def test_more_minutes_or_volume_never_lowers_burden(m1, m2, extra, caseload, more, opu):
    base = compute_burden(_catalogue(m1, m2, caseload, opu), Policy())
    for bigger in (
        _catalogue(m1 + extra, m2, caseload, opu),
        _catalogue(m1, m2, caseload + more, opu),
        _catalogue(m1, m2, caseload, opu + extra),
    ):
        grown = compute_burden(bigger, Policy())
        for c in SUM_COLUMNS:
            assert (grown.by_trust[c].to_numpy() >= base.by_trust[c].to_numpy() - 1e-9).all()


@settings(max_examples=25, deadline=None)
@given(keep=st.lists(st.floats(min_value=0, max_value=1), min_size=3, max_size=3))
def test_scaled_sums_agree_by_trust_and_by_requirement(keep):
    b = compute_burden(two_trust_catalogue(), Policy())
    k = np.array(keep)
    by_trust = trust_sums(b, k)[SUM_COLUMNS].sum()
    by_req = requirement_sums(b, k)[SUM_COLUMNS].sum()
    np.testing.assert_allclose(by_trust.to_numpy(), by_req.to_numpy(), rtol=1e-9, atol=1e-9)


def test_central_hours_for_several_keeps_at_once_equal_each_keep_alone():
    """Local minutes and a trust's own business-as-usual share included (the synthetic catalogue has both)."""
    from bench.bench_audit import synthetic_catalogue

    cat = synthetic_catalogue(400, 12, activities=True)
    local = [m.model_copy(update={"bau_share": 0.3}) if i % 3 == 0 else m for i, m in enumerate(cat.local_measurements)]
    b = compute_burden(cat.model_copy(update={"local_measurements": local}), Policy())
    assert b.local["bau_share"].notna().any() and b.local["minutes"].notna().any()
    keeps = np.random.default_rng(5).random((3, len(b.requirements)))
    got = trust_central_hours(b, keeps)
    for k, keep in enumerate(keeps):
        np.testing.assert_allclose(got[k], trust_sums(b, keep)["hours_central"].to_numpy(), rtol=1e-12)
    assert trust_central_hours(b, np.zeros((0, len(b.requirements)))).shape == (0, len(b.trusts))


def test_identical_inputs_give_identical_results():
    first = compute_burden(two_trust_catalogue(), Policy())
    second = compute_burden(two_trust_catalogue(), Policy())
    pd.testing.assert_frame_equal(first.requirements, second.requirements)
    pd.testing.assert_frame_equal(first.by_trust, second.by_trust)
    pd.testing.assert_frame_equal(burden_table(first), burden_table(second))


def test_a_directive_with_its_own_familiarisation_requirement_is_not_counted_twice():
    cat = two_trust_catalogue()
    cat.requirements.append(requirement("F4", "PI 04/2010", activity="familiarisation", driver="per_staff_fte"))
    b = compute_burden(cat, Policy())
    assert b.familiarisation.empty
    assert (b.familiarisation_by_trust["hours_central"] == 0).all()
