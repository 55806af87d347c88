"""Small hand-made catalogues for tests that should not depend on the default dataset."""

from __future__ import annotations

import datetime as dt

from catalogue.models import (
    DEFAULT_OUTCOMES,
    Catalogue,
    Directive,
    Figure,
    LocalMeasurement,
    Provenance,
    RelevanceScore,
    Requirement,
    StaffGrade,
    Trust,
)

EST = Provenance.estimate("test figure")


def figure(value: float) -> Figure:
    return Figure(value=value, provenance=Provenance.cite("Test source", "para 1", note="apportioned"))


def requirement(req_id: str = "R1", directive: str = "PI 15/2010", **overrides) -> Requirement:
    data = dict(
        id=req_id,
        directive=directive,
        paragraph="2.1",
        text="Offender managers must complete an OASys review every four months.",
        modality="must",
        actor="Offender manager",
        purpose="process",
        activity="assessment",
        driver="per_case",
        occurrences_per_unit=3,
        frequency_text="every 4 months",
        frequency_provenance=Provenance.cite("NS 2007", "Std 2e.5"),
        minutes_low=60,
        minutes_central=90,
        minutes_high=120,
        minutes_provenance=EST,
        grade="po",
    )
    data.update(overrides)
    return Requirement(**data)


def small_catalogue() -> Catalogue:
    """Two directives (one cancelled by the other), two grades, two trusts, three requirements, full scores."""
    directives = [
        Directive(
            reference="PC 24/2004",
            title="National Standards monitoring",
            type="Probation Circular",
            issuer="Home Office NPD",
            issued="2004-04-30",
            status="cancelled",
            cancelled_by="PI 15/2010",
            source_address="https://example.org/pc24",
        ),
        Directive(
            reference="PI 15/2010",
            title="Manage the sentence",
            type="Probation Instruction",
            issuer="NOMS",
            issued="2010-10-01",
            supersedes=["PC 24/2004"],
            source_address="https://example.org/pi15",
            summary="Service specification",
        ),
    ]
    grades = [
        StaffGrade(
            code="po",
            name="Probation officer",
            annual_salary_gbp=33000,
            on_cost_pct=25,
            productive_hours_per_year=1650,
            provenance=EST,
        ),
        StaffGrade(
            code="admin",
            name="Administrator",
            annual_salary_gbp=18000,
            on_cost_pct=25,
            productive_hours_per_year=1650,
            provenance=EST,
        ),
    ]
    requirements = [
        requirement("R1"),
        requirement(
            "R2",
            text="Areas must send the monthly NSMART return by the 15th of the month.",
            activity="reporting",
            driver="per_trust",
            occurrences_per_unit=12,
            purpose="output",
            grade="admin",
            minutes_low=120,
            minutes_central=240,
            minutes_high=480,
        ),
        requirement(
            "R3",
            directive="PC 24/2004",
            text="Staff should record each contact on the case record.",
            modality="should",
            activity="recording",
            occurrences_per_unit=20,
            minutes_low=5,
            minutes_central=10,
            minutes_high=15,
            public_protection_critical=True,
        ),
    ]
    trusts = [
        Trust(
            name="Alpha Probation Trust",
            region="North West",
            caseload=figure(1000),
            commencements=figure(800),
            reports=figure(900),
            budget_gbp=figure(5_000_000),
            staff_fte={"po": 40, "admin": 10},
            staff_provenance=EST,
        ),
        Trust(
            name="Beta Probation Trust",
            region="Wales",
            caseload=figure(2000),
            commencements=figure(1500),
            reports=figure(1700),
            budget_gbp=figure(9_000_000),
            staff_fte={"po": 80, "admin": 20},
            staff_provenance=EST,
        ),
    ]
    scores = [
        RelevanceScore(
            requirement=r.id,
            outcome=o.key,
            score=(i + j) % 4,
            rationale=f"Scores for {r.id}",
            scored_on=dt.date(2026, 11, 24),
        )
        for i, r in enumerate(requirements)
        for j, o in enumerate(DEFAULT_OUTCOMES)
    ]
    measurements = [
        LocalMeasurement(
            trust="Alpha Probation Trust",
            requirement="R1",
            minutes=75,
            comment="timed in March",
            recorded_on=dt.date(2026, 11, 1),
        )
    ]
    return Catalogue(
        directives=directives,
        staff_grades=grades,
        requirements=requirements,
        trusts=trusts,
        outcomes=list(DEFAULT_OUTCOMES),
        relevance_scores=scores,
        local_measurements=measurements,
    )
