"""The catalogue models accept good data and refuse bad data with useful messages."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from catalogue.models import Directive, LocalMeasurement, Provenance, StaffGrade
from catalogue.types import parse_partial_date
from tests.factories import EST, requirement


def test_hourly_tariff_is_salary_plus_on_costs_over_productive_hours():
    # 33,000 x 1.25 / 1,650 = 25.00 per hour
    grade = StaffGrade(
        code="po", name="PO", annual_salary_gbp=33000, on_cost_pct=25, productive_hours_per_year=1650, provenance=EST
    )
    assert grade.hourly_tariff == pytest.approx(25.0)


def test_estimate_needs_a_rationale_and_citation_a_document():
    with pytest.raises(ValidationError, match="rationale"):
        Provenance(kind="estimate")
    with pytest.raises(ValidationError, match="document"):
        Provenance(kind="citation", location="para 3")
    assert Provenance.cite("PSO 2205", "para 2").describe() == "PSO 2205, para 2"


def test_requirement_minutes_must_be_ordered_and_not_negative():
    with pytest.raises(ValidationError, match="low <= central <= high"):
        requirement(minutes_low=100, minutes_central=50, minutes_high=120)
    with pytest.raises(ValidationError) as err:
        requirement(minutes_low=-5)
    assert err.value.errors()[0]["loc"] == ("minutes_low",)


def test_requirement_refuses_unknown_fields_and_vocabulary():
    with pytest.raises(ValidationError, match="Extra inputs"):
        requirement(colour="red")
    with pytest.raises(ValidationError, match="modality"):
        requirement(modality="may")


def test_estimate_flag_follows_provenance():
    assert requirement().is_estimate  # minutes are an estimate
    sourced = requirement(minutes_provenance=Provenance.cite("PSO 2205", "para 4"))
    assert not sourced.is_estimate


def test_directive_links_must_be_consistent():
    with pytest.raises(ValidationError, match="cancelled_by"):
        Directive(reference="PC 1/2005", title="t", type="Probation Circular", issuer="HO", cancelled_by="PI 1/2010")
    with pytest.raises(ValidationError, match="itself"):
        Directive(
            reference="PI 1/2010", title="t", type="Probation Instruction", issuer="NOMS", supersedes=["PI 1/2010"]
        )
    joined = Directive(
        reference="PI 1/2010", title="t", type="Probation Instruction", issuer="NOMS", supersedes="A 1; B 2"
    )
    assert joined.supersedes == ["A 1", "B 2"]


@pytest.mark.parametrize("value", ["2010", "2010-04", "2010-04-01"])
def test_partial_dates_accept_year_month_day(value):
    d = Directive(reference="X 1", title="t", type="Other", issuer="i", issued=value)
    assert parse_partial_date(d.issued).year == 2010


@pytest.mark.parametrize("value", ["c.2008", "2010-13", "2010-02-30", "10/04/2010"])
def test_partial_dates_refuse_nonsense(value):
    with pytest.raises(ValidationError):
        Directive(reference="X 1", title="t", type="Other", issuer="i", issued=value)


def test_local_measurement_must_measure_something():
    with pytest.raises(ValidationError, match="minutes or occurrences"):
        LocalMeasurement(trust="T", requirement="R1", recorded_on="2026-01-01")
