"""The Monte Carlo interval, the tornado and the "measure these first" list, against hand-computed figures."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.engine import run_audit
from audit.uncertainty import measure_first, measure_first_by_trust, sensitivity, simulate, triangular_variance
from catalogue.models import Catalogue
from tests.audit_fixtures import GUESS, directive, grade, requirement, trust, two_trust_catalogue


def _one_requirement(low: float, central: float, high: float, caseload: float = 6000) -> Catalogue:
    """One trust, one requirement done once a year per case: hours = caseload x minutes / 60."""
    return Catalogue(
        directives=[directive("PI 01/2010", "2010-01")],
        requirements=[
            requirement(
                "R1",
                "PI 01/2010",
                minutes_low=low,
                minutes_central=central,
                minutes_high=high,
                minutes_provenance=GUESS,
            )
        ],
        staff_grades=[grade("po", 30_000)],
        trusts=[trust("A", caseload, 0, 0, {"po": 10})],
    )


def test_a_point_estimate_gives_a_point_interval():
    result = run_audit(_one_requirement(10, 10, 10))
    national = simulate(result.burden, draws=200).national["hours"]
    assert national == {"p05": pytest.approx(1000.0), "p50": pytest.approx(1000.0), "p95": pytest.approx(1000.0)}


def test_the_interval_follows_the_triangular_distribution_worked_out_by_hand():
    # Triangular on (0, 1, 2) minutes: F(x) = x^2 / 2 below the mode, so the 5th percentile is sqrt(0.1) = 0.3162
    # minutes and the median 1 minute; 6,000 cases x minutes / 60 gives 31.62 h and 100 h.
    result = run_audit(_one_requirement(0, 1, 2))
    hours = simulate(result.burden, draws=40_000).national["hours"]
    assert hours["p05"] == pytest.approx(100 * math.sqrt(0.1), rel=0.03)
    assert hours["p50"] == pytest.approx(100.0, rel=0.02)
    assert hours["p95"] == pytest.approx(100 * (2 - math.sqrt(0.1)), rel=0.02)


def test_the_same_seed_gives_the_same_interval_and_another_seed_another():
    burden = run_audit(two_trust_catalogue()).burden
    assert simulate(burden, seed=7).national == simulate(burden, seed=7).national
    assert simulate(burden, seed=7).national != simulate(burden, seed=8).national


def test_a_trusts_own_minutes_are_not_drawn():
    # Trust B measured R1 at 12 minutes; its other requirements are R2 (range 60-240) and R4 (a point).
    burden = run_audit(two_trust_catalogue()).burden
    by_trust = simulate(burden, draws=2000).by_trust.set_index("trust")
    b = by_trust.loc["B"]
    # R1 in B: 4,000 x 12 / 60 = 800 h, fixed; R4: 500 x 6 / 60 = 50 h; R2: 12 x minutes / 60 in [12, 48] h.
    assert 800 + 50 + 12 <= b["hours_p05"] <= b["hours_p50"] <= b["hours_p95"] <= 800 + 50 + 48


def test_the_tornado_is_the_swing_of_each_requirement_alone():
    burden = run_audit(two_trust_catalogue()).burden
    tornado = sensitivity(burden)
    # R1: only trust A uses the national minutes: 2,000 occurrences x (30 - 10) / 60 = 666.67 h.
    # R2: 12 a year in each of two trusts x (240 - 60) / 60 = 72 h. R4 has no range and is left out.
    assert list(tornado["requirement"]) == ["R1", "R2"]
    assert tornado["swing_hours"].tolist() == pytest.approx([2000 * 20 / 60, 24 * 180 / 60])
    central = burden.requirements["hours_central"].sum()
    first = tornado.iloc[0]
    assert first["hours_at_low"] == pytest.approx(central - 2000 * 5 / 60)
    assert first["hours_at_high"] == pytest.approx(central + 2000 * 15 / 60)


def test_measure_first_ranks_estimates_by_the_uncertainty_they_cost():
    burden = run_audit(two_trust_catalogue()).burden
    first = measure_first(burden)
    # Only R1 rests on an estimate (R2's minutes are cited). Its minutes' variance is
    # (10^2 + 30^2 + 15^2 - 10*30 - 10*15 - 30*15) / 18 = 325 / 18; 2,000 / 60 h per minute in trust A; £25 an hour.
    assert list(first["requirement"]) == ["R1"]
    assert first.iloc[0]["sd_cost"] == pytest.approx(math.sqrt(325 / 18) * 2000 / 60 * 25)
    assert measure_first(burden, trust="B").empty  # B measured R1 itself


def test_triangular_variance_by_hand():
    assert triangular_variance(0, 1, 2) == pytest.approx(1 / 6)
    assert triangular_variance(5, 5, 5) == 0


def test_an_empty_audit_has_a_zero_interval():
    burden = run_audit(Catalogue()).burden
    assert simulate(burden, draws=10).national["cost"] == {"p05": 0.0, "p50": 0.0, "p95": 0.0}


ranges = st.tuples(
    st.floats(0, 500, allow_nan=False), st.floats(0, 500, allow_nan=False), st.floats(0, 500, allow_nan=False)
).map(sorted)


@settings(max_examples=40, deadline=None)
@given(st.lists(ranges, min_size=1, max_size=6), st.integers(0, 2**32 - 1))
def test_the_interval_lies_inside_the_sum_of_lows_and_highs(figures, seed):
    cat = Catalogue(
        directives=[directive("PI 01/2010", "2010-01")],
        requirements=[
            requirement(f"R{i}", "PI 01/2010", minutes_low=lo, minutes_central=mid, minutes_high=hi)
            for i, (lo, mid, hi) in enumerate(figures)
        ],
        staff_grades=[grade("po", 30_000)],
        trusts=[trust("A", 1200, 0, 0, {"po": 10}), trust("B", 300, 0, 0, {"po": 5})],
    )
    result = run_audit(cat)
    mc = simulate(result.burden, draws=300, seed=seed)
    national = result.national
    for measure in ("hours", "fte", "cost"):
        q = mc.national[measure]
        tolerance = 1e-9 * max(1.0, national[f"{measure}_high"])
        assert national[f"{measure}_low"] - tolerance <= q["p05"] <= q["p50"] + tolerance
        assert q["p50"] <= q["p95"] + tolerance <= national[f"{measure}_high"] + 2 * tolerance
    trust_sum = mc.by_trust[["hours_p50"]].sum().iloc[0]
    assert np.isfinite(trust_sum)


def test_measure_first_by_trust_agrees_with_the_one_trust_list():
    cat = two_trust_catalogue()
    cat.local_measurements = []
    burden = run_audit(cat).burden
    lists = measure_first_by_trust(burden)
    for name in ("A", "B"):
        assert lists[name] == list(measure_first(burden, trust=name)["requirement"])
    assert lists["A"] == ["R1"]


def _with_bau(share: float, trust_share: float | None = None) -> Catalogue:
    """Two trusts, one estimated requirement with a business-as-usual share (and trust B's own share, if given)."""
    import datetime as dt

    from catalogue.models import LocalMeasurement

    cat = _one_requirement(0, 10, 30)
    cat.requirements = [
        cat.requirements[0].model_copy(update={"bau_share": share, "bau_provenance": GUESS}),
    ]
    cat.trusts = [trust("A", 6000, 0, 0, {"po": 10}), trust("B", 3000, 0, 0, {"po": 5})]
    if trust_share is not None:
        cat.local_measurements = [
            LocalMeasurement(
                trust="B",
                requirement="R1",
                recorded_on=dt.date(2011, 1, 1),
                bau_share=trust_share,
                bau_source="the trust's own count",
            )
        ]
    return cat


def test_administrative_cost_and_bau_intervals_come_from_the_same_draws():
    # Burden = cost x (1 - 0.25) in every draw, so the cost's quantiles are the burden's / 0.75 and BAU's x 1/3.
    result = run_audit(_with_bau(0.25))
    mc = simulate(result.burden, draws=500)
    for m in ("hours", "fte", "cost"):
        for q in ("p05", "p50", "p95"):
            burden = mc.national[m][q]
            assert mc.administrative_cost[m][q] == pytest.approx(burden / 0.75)
            assert mc.business_as_usual[m][q] == pytest.approx(burden / 0.75 * 0.25)
    by_trust = mc.by_trust.set_index("trust")
    assert by_trust.loc["A", "admin_cost_hours_p50"] == pytest.approx(by_trust.loc["A", "hours_p50"] / 0.75)
    assert by_trust.loc["A", "bau_hours_p95"] == pytest.approx(by_trust.loc["A", "hours_p95"] / 3)


def test_a_trusts_own_bau_share_is_used_in_its_intervals():
    mc = simulate(run_audit(_with_bau(0.25, trust_share=0.5)).burden, draws=500)
    b = mc.by_trust.set_index("trust").loc["B"]
    assert b["hours_p50"] == pytest.approx(b["admin_cost_hours_p50"] * 0.5)
    assert b["bau_cost_p05"] == pytest.approx(b["admin_cost_cost_p05"] * 0.5)


def test_adding_the_cost_intervals_leaves_the_burden_interval_as_it_was():
    # The burden's draws are unchanged by the extra figures: the same seed gives the figures pinned here.
    burden = run_audit(two_trust_catalogue()).burden
    mc = simulate(burden, draws=300, seed=5)
    assert mc.administrative_cost["hours"] == mc.national["hours"]  # no BAU share in this catalogue
    assert mc.business_as_usual["hours"] == {"p05": 0.0, "p50": 0.0, "p95": 0.0}


def test_the_json_gives_cost_and_bau_the_same_shape_as_the_burden_nationally_and_per_trust():
    from audit.summary import audit_summary

    summary = audit_summary(run_audit(_with_bau(0.25, trust_share=0.5)))
    shape = set(summary.national.hours.model_dump())
    assert shape == {"low", "central", "high", "p05", "p50", "p95"}
    for place in (summary.national, *summary.trusts):
        for name in ("administrative_cost", "business_as_usual", "prescribed_practice"):
            for m in ("hours", "fte", "cost"):
                assert set(getattr(getattr(place, name), m).model_dump()) == shape, (name, m)
    nat = summary.national
    assert nat.business_as_usual.hours.p50 == pytest.approx(nat.administrative_cost.hours.p50 - nat.hours.p50)
    b = next(t for t in summary.trusts if t.trust == "B")
    assert b.hours.p95 == pytest.approx(b.administrative_cost.hours.p95 * 0.5)


def test_each_trust_has_its_own_tornado():
    from audit.uncertainty import sensitivity_by_trust

    burden = run_audit(two_trust_catalogue()).burden
    tornadoes = sensitivity_by_trust(burden)
    # A: R1 on the national minutes, 2 x 1,000 cases x (30 - 10) / 60 h; R2 12 a year x (240 - 60) / 60 = 36 h.
    assert [s["requirement"] for s in tornadoes["A"]] == ["R1", "R2"]
    assert [s["swing_hours"] for s in tornadoes["A"]] == pytest.approx([2000 * 20 / 60, 36.0])
    central_a = burden.by_trust.set_index("trust").loc["A", "hours_central"]
    assert tornadoes["A"][0]["hours_at_low"] == pytest.approx(central_a - 2000 * 5 / 60)
    assert tornadoes["A"][0]["hours_at_high"] == pytest.approx(central_a + 2000 * 15 / 60)
    # B measured R1 itself, so only R2's range moves its hours.
    assert [s["requirement"] for s in tornadoes["B"]] == ["R2"]


def test_one_trusts_tornado_is_the_national_one_when_it_is_the_only_trust():
    from audit.uncertainty import sensitivity_by_trust

    cat = two_trust_catalogue()
    cat.trusts = cat.trusts[:1]
    cat.local_measurements = []
    burden = run_audit(cat).burden
    national = sensitivity(burden).to_dict(orient="records")
    own = sensitivity_by_trust(burden)["A"]
    assert [s["requirement"] for s in own] == [s["requirement"] for s in national]
    for mine, theirs in zip(own, national, strict=True):
        for key in ("hours_at_low", "hours_at_high", "swing_hours", "swing_cost"):
            assert mine[key] == pytest.approx(theirs[key]), key


def test_the_json_gives_every_trust_its_tornado_and_measure_first():
    from audit.summary import audit_summary

    summary = audit_summary(run_audit(two_trust_catalogue()))
    a = next(t for t in summary.trusts if t.trust == "A")
    assert [s.requirement for s in a.sensitivity] == ["R1", "R2"]
    assert a.measure_first == ["R1"]
