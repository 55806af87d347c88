"""Small hand-built catalogues for the audit tests, with their totals worked out by hand.

The "two-trust" catalogue (:func:`two_trust_catalogue`):

Grades: ``po`` £30,000, no on-costs, 1,500 productive hours -> £20/h; ``pso`` £15,000 -> £10/h.
Trusts: A caseload 1,000, commencements 400, reports 300, staff po 40 + pso 20;
        B caseload 2,000, commencements 800, reports 500, staff po 70 + pso 50.
Directives: PI 01/2010 (issued 2010-01), PC 02/2009 (2009-03), PC 03/2008 (2008, superseded by PI 04/2010,
which takes effect 2010-06-01), PI 05/2011 (issued 2011-06, after the audit date).
Requirements in force on 2011-03-31:
  R1 (PI 01/2010) per case, 2 a year, 10/15/30 min, po.  A: 2,000 occ -> 500 h central;
     B has its own measurement of 12 minutes -> 4,000 x 12 / 60 = 800 h at every level.
  R2 (PC 02/2009) per trust, 12 a year, 60/120/240 min, pso -> 24 h central in each trust.
  R4 (PI 04/2010) per report, once, 6/6/6 min, po -> A 30 h, B 50 h.
  R3 (PC 03/2008) and R5 (PI 05/2011) are not in force.
Central hours: A 554, B 874, national 1,428. Cost at 25% overhead: A 13,550, B 21,550, national 35,100.
Low hours: A 375.333..., B 862. High hours: A 1,078, B 898.
Familiarisation (PI 04/2010 issued in the 12 months to 2011-03-31, grade po): A 40 x 35/60, B 70 x 35/60 hours.
Relevance (equal weights): R1 0.8, R2 0.25333..., R4 0.50666...
"""

from __future__ import annotations

import datetime as dt
from typing import Any

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

CITED = Provenance.cite("test source", "para 1")
GUESS = Provenance.estimate("test estimate")
SCORED_ON = dt.date(2011, 1, 1)


def grade(code: str, salary: float, productive: float = 1500.0, on_cost: float = 0.0) -> StaffGrade:
    return StaffGrade(
        code=code,
        name=code.upper(),
        annual_salary_gbp=salary,
        on_cost_pct=on_cost,
        productive_hours_per_year=productive,
        provenance=CITED,
    )


def trust(name: str, caseload: float, commencements: float, reports: float, staff: dict[str, float]) -> Trust:
    return Trust(
        name=name,
        region="Test region",
        caseload=Figure(value=caseload, provenance=CITED),
        commencements=Figure(value=commencements, provenance=CITED),
        reports=Figure(value=reports, provenance=GUESS),
        budget_gbp=Figure(value=1_000_000, provenance=CITED),
        staff_fte=staff,
        staff_provenance=CITED,
    )


def directive(reference: str, issued: str, **extra: Any) -> Directive:
    data: dict[str, Any] = {
        "reference": reference,
        "title": f"Title of {reference}",
        "type": "Probation Instruction",
        "issuer": "NOMS",
        "issued": issued,
    }
    return Directive.model_validate(data | extra)


def requirement(rid: str, directive_ref: str, **extra: Any) -> Requirement:
    data: dict[str, Any] = {
        "id": rid,
        "directive": directive_ref,
        "text": f"Offender managers must complete task {rid}.",
        "modality": "must",
        "actor": "offender manager",
        "purpose": "process",
        "activity": "recording",
        "driver": "per_case",
        "occurrences_per_unit": 1.0,
        "frequency_provenance": CITED,
        "minutes_low": 10.0,
        "minutes_central": 10.0,
        "minutes_high": 10.0,
        "minutes_provenance": CITED,
        "grade": "po",
    }
    return Requirement.model_validate(data | extra)


def score(rid: str, outcome: str, value: int) -> RelevanceScore:
    return RelevanceScore(requirement=rid, outcome=outcome, score=value, rationale="test", scored_on=SCORED_ON)


def two_trust_catalogue() -> Catalogue:
    """Return the catalogue whose totals are worked out in this module's docstring."""
    return Catalogue(
        directives=[
            directive("PI 01/2010", "2010-01"),
            directive("PC 02/2009", "2009-03", type="Probation Circular"),
            directive("PC 03/2008", "2008", status="superseded", cancelled_by="PI 04/2010"),
            directive("PI 04/2010", "2010-06-01"),
            directive("PI 05/2011", "2011-06"),
        ],
        requirements=[
            requirement(
                "R1",
                "PI 01/2010",
                driver="per_case",
                occurrences_per_unit=2,
                minutes_low=10,
                minutes_central=15,
                minutes_high=30,
                purpose="outcome",
                activity="assessment",
                minutes_provenance=GUESS,
            ),
            requirement(
                "R2",
                "PC 02/2009",
                driver="per_trust",
                occurrences_per_unit=12,
                minutes_low=60,
                minutes_central=120,
                minutes_high=240,
                grade="pso",
                activity="reporting",
                purpose="output",
            ),
            requirement("R3", "PC 03/2008", driver="per_case", occurrences_per_unit=5),
            requirement(
                "R4",
                "PI 04/2010",
                driver="per_report",
                occurrences_per_unit=1,
                minutes_low=6,
                minutes_central=6,
                minutes_high=6,
                purpose="input",
            ),
            requirement("R5", "PI 05/2011", driver="per_case", occurrences_per_unit=5),
        ],
        staff_grades=[grade("po", 30_000), grade("pso", 15_000)],
        trusts=[
            trust("A", 1000, 400, 300, {"po": 40, "pso": 20}),
            trust("B", 2000, 800, 500, {"po": 70, "pso": 50}),
        ],
        outcomes=list(DEFAULT_OUTCOMES),
        relevance_scores=[
            score("R1", "protect_public", 3),
            score("R1", "reduce_reoffending", 2),
            score("R2", "value_for_money", 1),
            score("R4", "deliver_sentence", 2),
        ],
        local_measurements=[
            LocalMeasurement(trust="B", requirement="R1", minutes=12, recorded_on=dt.date(2011, 2, 1)),
        ],
    )
