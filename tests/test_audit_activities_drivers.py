"""Requirements made of activities with their own grades, and populations defined as data (drivers).

Hand-worked examples: grade "a" is £20 an hour and grade "b" £40 an hour (no on-costs, 1,500 productive hours),
and the audit adds no overhead, so an occurrence of 30 minutes by "a" and 15 minutes by "b" costs
0.5 x 20 + 0.25 x 40 = £20 and takes 0.75 hours.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.burden import grade_sums
from audit.engine import run_audit
from audit.policy import Policy
from audit.uncertainty import simulate
from catalogue.models import Catalogue, DriverVolume, Requirement, RequirementActivity, VolumeDriver
from tests.audit_fixtures import CITED, GUESS, directive, grade, requirement, trust

NO_OVERHEAD = Policy(overhead_rate=0)


def step(sid: str, minutes: float | tuple[float, float, float], grade_code: str, **extra) -> RequirementActivity:
    low, central, high = minutes if isinstance(minutes, tuple) else (minutes, minutes, minutes)
    data = {"id": sid, "activity": "recording", "minutes_low": low, "minutes_central": central,
            "minutes_high": high, "grade": grade_code, "minutes_provenance": CITED}  # fmt: skip
    return RequirementActivity.model_validate(data | extra)


def catalogue(*requirements, drivers=(), volumes=()) -> Catalogue:
    return Catalogue(
        directives=[directive("PI 01/2010", "2009-01")],
        requirements=list(requirements),
        staff_grades=[grade("a", 30_000), grade("b", 60_000)],
        trusts=[trust("T1", 100, 10, 10, {"a": 5, "b": 1}), trust("T2", 300, 30, 30, {"a": 9, "b": 2})],
        drivers=list(drivers),
        driver_volumes=list(volumes),
    )


def with_steps(*steps: RequirementActivity, **extra) -> Requirement:
    """Requirement R1, once a case a year, made of ``steps``: its minutes are left blank, to be their sum."""
    leave_out = {"minutes_low", "minutes_central", "minutes_high", "minutes_provenance"}
    base = requirement("R1", "PI 01/2010", grade="a").model_dump(exclude=leave_out)
    return Requirement.model_validate(base | {"activities": list(steps)} | extra)


def test_two_activities_at_two_rates_cost_twenty_pounds_an_occurrence():
    r = with_steps(step("write", 30, "a"), step("countersign", 15, "b"))
    assert (r.minutes_low, r.minutes_central, r.minutes_high) == (45, 45, 45)
    result = run_audit(catalogue(r), NO_OVERHEAD)
    # 400 cases x 1 a year: 400 occurrences x £20 = £8,000 and 400 x 0.75 h = 300 h.
    assert result.national["cost_central"] == pytest.approx(8_000)
    assert result.national["hours_central"] == pytest.approx(300)
    # FTE: 400 x (0.5 h + 0.25 h) / 1,500 productive hours.
    assert result.national["fte_central"] == pytest.approx(400 * 0.75 / 1500)
    by_trust = result.by_trust.set_index("trust")
    assert by_trust.loc["T1", "cost_central"] == pytest.approx(2_000)
    assert by_trust.loc["T2", "cost_central"] == pytest.approx(6_000)


def test_the_overhead_applies_to_each_activity_at_its_own_rate():
    r = with_steps(step("write", 30, "a"), step("countersign", 15, "b"))
    result = run_audit(catalogue(r), Policy(overhead_rate=0.25))
    assert result.national["cost_central"] == pytest.approx(8_000 * 1.25)


def test_hours_and_fte_by_grade_split_by_the_activity_grade():
    r = with_steps(step("write", 30, "a"), step("countersign", 15, "b"))
    sums = grade_sums(run_audit(catalogue(r), NO_OVERHEAD).burden).set_index("grade")
    assert sums.loc["a", "hours_central"] == pytest.approx(200)  # 400 x 30 min
    assert sums.loc["b", "hours_central"] == pytest.approx(100)  # 400 x 15 min
    assert sums.loc["b", "cost_central"] == pytest.approx(4_000)
    assert sums.loc["a", "fte_central"] == pytest.approx(200 / 1500)


def test_each_level_sums_its_own_activity_minutes():
    r = with_steps(step("write", (20, 30, 60), "a"), step("countersign", (5, 15, 20), "b"))
    assert (r.minutes_low, r.minutes_central, r.minutes_high) == (25, 45, 80)
    national = run_audit(catalogue(r), NO_OVERHEAD).national
    # Low: 400 x (20/60 x 20 + 5/60 x 40); high: 400 x (60/60 x 20 + 20/60 x 40).
    assert national["cost_low"] == pytest.approx(400 * (20 / 60 * 20 + 5 / 60 * 40))
    assert national["cost_high"] == pytest.approx(400 * (20 + 20 / 60 * 40))


def test_business_as_usual_and_compliance_scale_every_activity():
    r = with_steps(step("write", 30, "a"), step("countersign", 15, "b"), bau_share=0.5, bau_provenance=GUESS,
                   compliance_rate=0.5, compliance_provenance=GUESS)  # fmt: skip
    national = run_audit(catalogue(r), NO_OVERHEAD).national
    assert national["cost_central"] == pytest.approx(8_000 * 0.25)
    assert national["admin_cost_cost_central"] == pytest.approx(8_000 * 0.5)


def test_a_trusts_own_minutes_replace_the_activities_at_their_central_mix_of_rates():
    from catalogue.models import LocalMeasurement

    r = with_steps(step("write", 30, "a"), step("countersign", 15, "b"))
    cat = catalogue(r).model_copy(
        update={
            "local_measurements": [LocalMeasurement(trust="T1", requirement="R1", minutes=90, recorded_on="2011-01-01")]
        }
    )
    by_trust = run_audit(cat, NO_OVERHEAD).by_trust.set_index("trust")
    # T1 measured 90 minutes, twice the 45 of the activities: its cost doubles (£20 x 2 x 100 cases).
    assert by_trust.loc["T1", "hours_central"] == pytest.approx(150)
    assert by_trust.loc["T1", "cost_central"] == pytest.approx(4_000)


def test_a_data_driver_with_volume_twelve_and_two_occurrences_a_unit_gives_twenty_four():
    places = VolumeDriver(key="ap_places", name="Approved premises places", unit="place")
    volumes = [
        DriverVolume(trust="T1", driver="ap_places", volume=12, provenance=CITED),
        DriverVolume(trust="T2", driver="ap_places", volume=0, provenance=GUESS),
    ]
    r = requirement("R1", "PI 01/2010", grade="a", driver="ap_places", occurrences_per_unit=2, minutes_low=60,
                    minutes_central=60, minutes_high=60)  # fmt: skip
    result = run_audit(catalogue(r, drivers=[places], volumes=volumes), NO_OVERHEAD)
    table = result.table().set_index("trust")
    assert table.loc["T1", "occurrences"] == 24
    assert table.loc["T1", "volume"] == 12
    assert table.loc["T2", "occurrences"] == 0
    assert result.national["hours_central"] == pytest.approx(24)
    assert result.national["cost_central"] == pytest.approx(24 * 20)


def test_a_trust_without_a_volume_of_a_data_driver_has_none_and_its_estimate_shows():
    places = VolumeDriver(key="ap_places", name="Approved premises places", unit="place")
    volumes = [DriverVolume(trust="T1", driver="ap_places", volume=12, provenance=GUESS)]
    r = requirement("R1", "PI 01/2010", grade="a", driver="ap_places", occurrences_per_unit=2)
    result = run_audit(catalogue(r, drivers=[places], volumes=volumes), NO_OVERHEAD)
    table = result.table().set_index("trust")
    assert table.loc["T2", "occurrences"] == 0
    assert bool(table.loc["T1", "is_estimate"])  # the volume is an estimate
    assert result.burden.requirements["volume"].iloc[0] == 12


def test_the_built_in_drivers_still_read_the_trust_figures():
    r = requirement("R1", "PI 01/2010", grade="a", driver="per_report", occurrences_per_unit=2)
    table = run_audit(catalogue(r), NO_OVERHEAD).table().set_index("trust")
    assert table.loc["T2", "occurrences"] == 60


def test_the_monte_carlo_draws_each_activity_on_its_own_range():
    split = with_steps(step("one", (0, 10, 20), "a"), step("two", (0, 10, 20), "a"))
    lumped = requirement("R1", "PI 01/2010", grade="a", minutes_low=0, minutes_central=20, minutes_high=40)
    a = simulate(run_audit(catalogue(split), NO_OVERHEAD).burden).national["hours"]
    b = simulate(run_audit(catalogue(lumped), NO_OVERHEAD).burden).national["hours"]
    # Two independent ranges partly cancel: the same central figure, a narrower interval.
    assert a["p50"] == pytest.approx(400 * 20 / 60, rel=0.03)
    assert a["p95"] - a["p05"] < 0.8 * (b["p95"] - b["p05"])


def test_the_monte_carlo_prices_each_activity_at_its_grade():
    r = with_steps(step("write", 30, "a"), step("countersign", 15, "b"))
    u = simulate(run_audit(catalogue(r), NO_OVERHEAD).burden)
    assert u.national["cost"]["p50"] == pytest.approx(8_000)
    assert u.national["fte"]["p50"] == pytest.approx(400 * 0.75 / 1500)


@settings(max_examples=25, deadline=None)
@given(
    parts=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=4),
    per_unit=st.sampled_from([0.5, 1.0, 4.0]),
    grade_code=st.sampled_from(["a", "b"]),
)
def test_splitting_minutes_into_activities_of_the_same_grade_changes_no_figure(parts, per_unit, grade_code):
    steps = [step(f"s{i}", (lo, lo + mid, lo + mid + hi), grade_code) for i, (lo, mid, hi) in enumerate(parts)]
    split = with_steps(*steps, grade=grade_code, occurrences_per_unit=per_unit)
    whole = requirement("R1", "PI 01/2010", grade=grade_code, occurrences_per_unit=per_unit,
                        minutes_low=split.minutes_low, minutes_central=split.minutes_central,
                        minutes_high=split.minutes_high)  # fmt: skip
    a, b = run_audit(catalogue(split)), run_audit(catalogue(whole))
    for key in ("hours_low", "hours_central", "hours_high", "fte_central", "cost_low", "cost_central", "cost_high"):
        assert a.national[key] == pytest.approx(b.national[key], rel=1e-9, abs=1e-9)
    ta, tb = a.by_trust.set_index("trust"), b.by_trust.set_index("trust")
    assert ta["cost_central"].to_numpy() == pytest.approx(tb["cost_central"].to_numpy(), rel=1e-9, abs=1e-9)
    sa, sb = grade_sums(a.burden), grade_sums(b.burden)
    assert sa["hours_central"].sum() == pytest.approx(sb["hours_central"].sum(), rel=1e-9, abs=1e-9)
    if len(parts) == 1:  # one activity is the requirement itself: even the Monte Carlo draws the same
        ua, ub = simulate(a.burden).national, simulate(b.burden).national
        for measure in ("hours", "fte", "cost"):
            assert ua[measure] == pytest.approx(ub[measure], rel=1e-9, abs=1e-9)


def test_the_grade_roll_up_splits_a_requirement_by_its_activities_grades():
    r = with_steps(step("write", 30, "a"), step("countersign", 15, "b"))
    by_grade = run_audit(catalogue(r), NO_OVERHEAD).by_dimension["grade"].set_index("grade")
    assert by_grade.loc["a", "hours_central"] == pytest.approx(200)
    assert by_grade.loc["b", "hours_central"] == pytest.approx(100)
    assert by_grade.loc["b", "fte_central"] == pytest.approx(100 / 1500)
    assert list(by_grade["requirements"]) == [1, 1]
    assert by_grade["share_of_hours"].sum() == pytest.approx(1)


def test_a_one_off_cost_of_a_data_driver_counts_its_volume():
    from audit.summary import audit_summary

    places = VolumeDriver(key="ap_places", name="Approved premises places", unit="place")
    volumes = [DriverVolume(trust="T1", driver="ap_places", volume=12, provenance=CITED)]
    r = requirement("R1", "PI 01/2010", grade="a", driver="ap_places", occurrences_per_unit=0, one_off_minutes=60,
                    one_off_provenance=GUESS)  # fmt: skip
    cat = catalogue(r, drivers=[places], volumes=volumes)
    cat.directives[0] = directive("PI 01/2010", "2010-06")
    summary = audit_summary(run_audit(cat, NO_OVERHEAD)).national
    assert summary.one_off.hours == pytest.approx(12)  # 12 places x 1 hour once
    assert summary.one_off.cost == pytest.approx(240)
