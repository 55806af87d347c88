"""Published Standard Cost Model examples, encoded as Proportion catalogues, give the published figures.

Each test names its source and states the published figure; the catalogue is one body (or one population) with
the example's time, frequency, population and tariff.
"""

from __future__ import annotations

import pytest

from audit.engine import run_audit
from audit.one_off import annualisation_factor
from audit.policy import Policy
from audit.summary import audit_summary
from catalogue.models import Catalogue, Figure, Provenance, StaffGrade, Trust
from tests.audit_fixtures import CITED, GUESS, directive, requirement

SOURCE = Provenance.cite("published worked example", "see the test")


def _body(population: float) -> Trust:
    return Trust(
        name="Body",
        region="Example",
        caseload=Figure(value=population, provenance=CITED),
        commencements=Figure(value=0, provenance=CITED),
        reports=Figure(value=0, provenance=CITED),
        budget_gbp=Figure(value=1, provenance=CITED),
        staff_fte={"staff": 1},
        staff_provenance=CITED,
    )


def _grade(hourly: float, on_cost_pct: float = 0.0, includes_overheads: bool = False) -> StaffGrade:
    return StaffGrade(
        code="staff",
        name="Staff",
        annual_salary_gbp=hourly * 1650 / (1 + on_cost_pct / 100),
        on_cost_pct=on_cost_pct,
        productive_hours_per_year=1650,
        tariff_includes_overheads=includes_overheads,
        provenance=SOURCE,
    )


def _catalogue(grade: StaffGrade, population: float, per_year: float, minutes: float, **extra) -> Catalogue:
    return Catalogue(
        directives=[directive("PI 01/2010", "2010-01")],
        requirements=[
            requirement(
                "R1",
                "PI 01/2010",
                grade="staff",
                occurrences_per_unit=per_year,
                minutes_low=minutes,
                minutes_central=minutes,
                minutes_high=minutes,
                **extra,
            )
        ],
        staff_grades=[grade],
        trusts=[_body(population)],
    )


def test_australian_regulatory_burden_measurement_labour_example():
    # Office of Best Practice Regulation, Regulatory Burden Measurement framework (Australian Government),
    # labour cost example: 2 hours x $91.54 an hour x 24 times a year x 1,000 businesses = $4,393,920. The $91.54
    # tariff is a wage with a 1.75 on-cost multiplier that already includes overheads: nothing is added on top.
    grade = _grade(91.54, on_cost_pct=75, includes_overheads=True)
    result = run_audit(_catalogue(grade, 1000, 24, 120))
    assert result.national["cost_central"] == pytest.approx(4_393_920, abs=0.5)


def test_one_thousand_bodies_twelve_times_a_year_two_hours_at_fifty_an_hour():
    # The Standard Cost Model's price x quantity: 1,000 bodies x 12 a year x 2 h x 50 an hour = 1,200,000,
    # with no overhead on top of the tariff.
    result = run_audit(_catalogue(_grade(50.0), 1000, 12, 120), Policy(overhead_rate=0))
    assert result.national["cost_central"] == pytest.approx(1_200_000, abs=0.5)


def test_german_example_with_material_costs_per_case():
    # Statistisches Bundesamt, Leitfaden zur Ermittlung des Erfüllungsaufwands: a case costing 180 in staff
    # time plus 10 in material costs (Sachkosten) is 190 per case; for 1.8 million cases a year, 342 million.
    # 180 in staff time: 4 hours at 45 an hour.
    cat = _catalogue(_grade(45.0), 1_800_000, 1, 240, out_of_pocket_gbp=10, out_of_pocket_provenance=SOURCE)
    result = run_audit(cat, Policy(overhead_rate=0))
    assert result.national["cost_central"] == pytest.approx(342_000_000, abs=0.5)
    without_material = run_audit(_catalogue(_grade(45.0), 1_800_000, 1, 240), Policy(overhead_rate=0))
    assert without_material.national["cost_central"] == pytest.approx(324_000_000, abs=0.5)


def test_canadian_annualisation_of_a_one_off_cost_over_ten_years_at_seven_per_cent():
    # Treasury Board of Canada Secretariat, Regulatory Cost Calculator: costs over 10 years at a 7% discount
    # rate; the equal yearly amount of a one-off cost is the cost x 0.142378.
    assert annualisation_factor("annuity", 10, 0.07) == pytest.approx(0.142378, abs=5e-7)
    # 10 bodies x 1,000 hours once, at 50 an hour: 500,000.
    cat = _catalogue(_grade(50.0), 10, 0, 0, one_off_minutes=60 * 1_000, one_off_provenance=SOURCE)
    summary = audit_summary(run_audit(cat, Policy(overhead_rate=0))).national
    assert summary.one_off.cost == pytest.approx(500_000)
    assert summary.one_off.annualised_cost == pytest.approx(500_000 * 0.1423775, abs=1)
    assert summary.cost.central == 0  # a one-off is not recurring burden


def test_uk_baseline_net_of_business_as_usual():
    # National Audit Office, as reported: the UK administrative burdens baseline was "just under £20bn, not
    # including around £11bn 'business as usual' costs". Encoded as £31bn of activity with an 11/31
    # business-as-usual share, the burden is £20bn and business as usual £11bn.
    bau = Provenance.cite("National Audit Office, UK administrative burdens baseline", "business as usual £11bn")
    cat = _catalogue(_grade(50.0), 31_000_000, 1, 1200, bau_share=11 / 31, bau_provenance=bau)
    summary = audit_summary(run_audit(cat, Policy(overhead_rate=0))).national
    assert summary.administrative_cost.cost.central == pytest.approx(31e9)
    assert summary.business_as_usual.cost.central == pytest.approx(11e9)
    assert summary.cost.central == pytest.approx(20e9)


def test_a_compliance_rate_scales_the_occurrences_actually_done():
    rate = Provenance.estimate("four in five cases reach the step")
    cat = _catalogue(_grade(50.0), 1000, 1, 60, compliance_rate=0.8, compliance_provenance=rate)
    assert run_audit(cat).national["hours_central"] == pytest.approx(800)
    assert GUESS.is_estimate
