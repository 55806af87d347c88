# ruff: noqa: E501
"""Build the embedded default dataset and write it as the catalogue's CSV export.

Run from the repository root::

    .venv/bin/python -m catalogue.data.build_default          # rewrites catalogue/data/*.csv

Every object is built as a ``catalogue.models`` model, so validation runs before anything is written;
the files are then written by ``catalogue.io.export_catalogue(..., fmt="csv")``, the same code that
``proportion export --format csv`` uses. Sources are in ``/work/shared/reference`` (trusts.csv,
directives.csv, domain-facts.md, methods.md); the tables below restate what this dataset uses of them.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from pathlib import Path

from catalogue.data.directives_table import build_directives
from catalogue.data.requirements_table import ROWS, SCORED_OUTCOMES
from catalogue.models import (
    DEFAULT_OUTCOMES,
    Catalogue,
    Figure,
    Provenance,
    RelevanceScore,
    Requirement,
    StaffGrade,
    Trust,
)

DATA_DIR = Path(__file__).resolve().parent
SCORER = "Proportion default dataset"
SCORED_ON = dt.date(2026, 11, 24)

# --- National totals -------------------------------------------------------------------------------

JC_PARA_1 = (
    "Justice Committee, The role of the Probation Service, HC 519-I (27 Jul 2011)",
    "para 1",
    "https://publications.parliament.uk/pa/cm201012/cmselect/cmjust/519/51904.htm",
)
HANSARD_BUDGET = (
    "Hansard HC, Probation Service (ministerial statement), 29 Oct 2009",
    "confirmed 2010-11 allocation of £870m",
    "https://hansard.parliament.uk/Commons/2009-10-29/debates/09102931000019/ProbationService",
)
HANSARD_STAFF = (
    "Hansard HL, Probation Service: staff in post at 31 Dec 2007 (FTE) by grade, 5 Oct 2009",
    "written answer, table of staff in post by grade",
    "https://hansard.parliament.uk/Lords/2009-10-05/debates/0909023001235/ProbationService",
)
APPORTIONED = "apportioned from the national total by 2003-04 budget share (trusts.csv, DERIVED area->trust mapping)"

NATIONAL_CASELOAD = 241_500  # offenders under supervision, 31 Dec 2009 (JC HC 519 para 1)
NATIONAL_REPORTS = 218_000  # pre-sentence reports in 2009 (JC HC 519 para 1)
NATIONAL_BUDGET_GBP = 870_000_000  # confirmed 2010-11 allocation (Hansard 29 Oct 2009)
NATIONAL_COMMENCEMENTS = 190_000  # ESTIMATE: no national count in the sources (see COMMENCEMENTS_RATIONALE)
COMMENCEMENTS_RATIONALE = (
    "national 190,000 starts a year assumed: about 0.8 per offender in the 241,500 caseload, as most orders and "
    "licences last about a year (no national count of commencements in the sources); " + APPORTIONED
)

# Staff in post at 31 Dec 2007 (FTE), Hansard HL 5 Oct 2009, grouped into the grade codes used here.
STAFF_2007_BY_GRADE: dict[str, dict[str, float]] = {
    "chief_officer": {"Chief Officer": 42.00, "Deputy Chief Officer": 72.17},
    "aco": {"Assistant Chief Officer": 300.68, "Area/District Manager": 185.60},
    "spo": {"Middle Manager": 1596.22},
    "po": {"Probation Officer": 5368.16, "Senior Practitioner": 258.05, "Practice Development Assessor": 171.89},
    "tpo": {"Trainee PO": 1138.00},
    "treatment_manager": {"Treatment Manager": 161.47, "Psychologist": 17.20},
    "pso": {"PSO": 6060.30, "Other operational": 615.76},
    "admin": {"Admin support": 4494.75, "Other support": 297.54, "Other": 114.57},
}
NATIONAL_FTE_TOTAL = 20_894.34  # the table's own total; the grades sum to 20,894.36 (rounding in the source)


def national_fte() -> dict[str, float]:
    """Return national FTE per grade code (sum of the 2007 grades grouped into it)."""
    return {code: round(sum(parts.values()), 2) for code, parts in STAFF_2007_BY_GRADE.items()}


# --- Staff grades ----------------------------------------------------------------------------------

PAY_NOTE = (
    "2010 pay points NOT FOUND; illustrative current NPS bands (PSO £26,474-30,724, PO £35,130-39,379, "
    "SPO £40,000-46,000) bound 2010 rates from above (pay points rose ~1% 2010-2022, 2018 deal raised band maxima >=3%)"
)
ON_COST_NOTE = "on-costs assumed 24%: employer National Insurance (~10%) plus Local Government Pension Scheme employer contribution (~14%); 2010 rates not in the sources"
HOURS_NOTE = (
    "productive hours assumed 1,650 a year: 37-hour week (1,929 h) less ~33 days leave and bank holidays (244 h) and "
    "~5 days other absence; a sickness level at the Weighted Scorecard target (11.8 days) would give ~1,600; "
    "police comparator ~2,000 h/FTE (methods.md §0 item 5, DERIVED) is an upper bound"
)

# code -> (name, annual salary 2010 GBP, reason for the salary)
GRADES: dict[str, tuple[str, float, str]] = {
    "chief_officer": (
        "Chief Officer / Deputy Chief Officer",
        85_000,
        "assumed for the chief executive tier of a trust",
    ),
    "aco": ("Senior manager (ACO, area/district manager)", 58_000, "assumed between SPO and chief officer"),
    "spo": ("Middle manager (SPO)", 38_500, "assumed just below the illustrative current SPO band"),
    "po": (
        "Probation Officer (incl. senior practitioner, PDA)",
        33_000,
        "assumed a little below the illustrative current PO band",
    ),
    "tpo": ("Trainee Probation Officer", 21_500, "assumed below the PSO rate"),
    "treatment_manager": ("Treatment manager / psychologist", 34_000, "assumed near the PO rate"),
    "pso": (
        "Probation Services Officer (incl. other operational)",
        24_000,
        "assumed a little below the illustrative current PSO band",
    ),
    "admin": ("Administrative and support staff", 18_500, "assumed for administrative grades; no source"),
}
ON_COST_PCT = 24.0
PRODUCTIVE_HOURS = 1650.0


def build_grades() -> list[StaffGrade]:
    """Return the staff grades, every figure an estimate with its rationale."""
    grades = []
    for code, (name, salary, why) in GRADES.items():
        groups = ", ".join(STAFF_2007_BY_GRADE[code])
        rationale = f"salary {why}; {PAY_NOTE}; {ON_COST_NOTE}; {HOURS_NOTE}; groups the 2007 grades: {groups}"
        grades.append(
            StaffGrade(
                code=code,
                name=name,
                annual_salary_gbp=salary,
                on_cost_pct=ON_COST_PCT,
                productive_hours_per_year=PRODUCTIVE_HOURS,
                provenance=Provenance.estimate(rationale),
            )
        )
    return sorted(grades, key=lambda g: g.code)


# --- Trusts ----------------------------------------------------------------------------------------

# name (exactly as trusts.csv) -> (NOMS region, share_of_2003_04_total_pct from trusts.csv)
TRUSTS: dict[str, tuple[str, float]] = {
    "Avon and Somerset Probation Trust": ("South West", 2.37),
    "Bedfordshire Probation Trust": ("East of England", 0.95),
    "Cambridgeshire and Peterborough Probation Trust": ("East of England", 1.0),
    "Cheshire Probation Trust": ("North West", 1.81),
    "Cumbria Probation Trust": ("North West", 0.92),
    "Derbyshire Probation Trust": ("East Midlands", 1.59),
    "Devon and Cornwall Probation Trust": ("South West", 2.38),
    "Dorset Probation Trust": ("South West", 0.98),
    "Durham Tees Valley Probation Trust": ("North East", 2.77),
    "Essex Probation": ("East of England", 2.33),
    "Gloucestershire Probation Trust": ("South West", 0.88),
    "Greater Manchester Probation Trust": ("North West", 5.92),
    "Hampshire Probation Trust": ("South East", 2.71),
    "Hertfordshire Probation Trust": ("East of England", 1.36),
    "Humberside Probation Trust": ("Yorkshire and the Humber", 1.85),
    "Kent Probation": ("South East", 2.55),
    "Lancashire Probation Trust": ("North West", 2.86),
    "Leicestershire and Rutland Probation Trust": ("East Midlands", 1.63),
    "Lincolnshire Probation Trust": ("East Midlands", 1.08),
    "London Probation Trust": ("London", 16.84),
    "Merseyside Probation Trust": ("North West", 3.53),
    "Norfolk and Suffolk Probation Trust": ("East of England", 2.29),
    "Northamptonshire Probation Trust": ("East Midlands", 1.01),
    "Northumbria Probation Trust": ("North East", 3.48),
    "Nottinghamshire Probation Trust": ("East Midlands", 2.11),
    "South Yorkshire Probation Trust": ("Yorkshire and the Humber", 2.95),
    "Staffordshire and West Midlands Probation Trust": ("West Midlands", 7.78),
    "Surrey and Sussex Probation Trust": ("South East", 3.22),
    "Thames Valley Probation": ("South East", 2.95),
    "Wales Probation Trust": ("Wales", 6.61),
    "Warwickshire Probation Trust": ("West Midlands", 0.74),
    "West Mercia Probation Trust": ("West Midlands", 1.72),
    "West Yorkshire Probation Trust": ("Yorkshire and the Humber", 4.75),
    "Wiltshire Probation Trust": ("South West", 0.92),
    "York and North Yorkshire Probation Trust": ("Yorkshire and the Humber", 1.15),
}


def budget_shares() -> dict[str, float]:
    """Return each trust's 2003-04 budget share, renormalised to sum to exactly 1."""
    total = sum(pct for _region, pct in TRUSTS.values())
    return {name: pct / total for name, (_region, pct) in TRUSTS.items()}


def apportion(total: float, shares: dict[str, float], unit: float = 1.0) -> dict[str, float]:
    """Split ``total`` by ``shares`` in whole ``unit`` steps so the parts add up to the total exactly.

    Largest-remainder rounding: every part is floored, then the units left over go to the largest
    remainders (ties by name), so the result is deterministic.
    """
    units = round(total / unit)
    raw = {name: units * share for name, share in shares.items()}
    floors = {name: math.floor(value) for name, value in raw.items()}
    left = units - sum(floors.values())
    order = sorted(raw, key=lambda name: (-(raw[name] - floors[name]), name))
    for name in order[:left]:
        floors[name] += 1
    return {name: round(count * unit, 6) for name, count in floors.items()}


def _cited(source: tuple[str, str, str], what: str) -> Provenance:
    document, location, address = source
    return Provenance.cite(document, location=f"{location} ({what})", address=address, note=APPORTIONED)


def build_trusts() -> list[Trust]:
    """Return the 35 trusts with volumes apportioned from the national totals by 2003-04 budget share."""
    shares = budget_shares()
    caseload = apportion(NATIONAL_CASELOAD, shares)
    reports = apportion(NATIONAL_REPORTS, shares)
    commencements = apportion(NATIONAL_COMMENCEMENTS, shares)
    budget = apportion(NATIONAL_BUDGET_GBP, shares)
    fte = {code: apportion(total, shares, unit=0.01) for code, total in national_fte().items()}
    staff_provenance = Provenance.cite(
        HANSARD_STAFF[0],
        location=HANSARD_STAFF[1],
        address=HANSARD_STAFF[2],
        note=f"2007 grades grouped into the grade codes (see staff_grades.csv); {APPORTIONED}",
    )
    trusts = []
    for name, (region, _pct) in TRUSTS.items():
        trusts.append(
            Trust(
                name=name,
                region=region,
                caseload=Figure(
                    value=caseload[name],
                    provenance=_cited(JC_PARA_1, "241,500 offenders under supervision, 31 Dec 2009"),
                ),
                commencements=Figure(
                    value=commencements[name], provenance=Provenance.estimate(COMMENCEMENTS_RATIONALE)
                ),
                reports=Figure(
                    value=reports[name], provenance=_cited(JC_PARA_1, "218,000 pre-sentence reports in 2009")
                ),
                budget_gbp=Figure(value=budget[name], provenance=_cited(HANSARD_BUDGET, "national total")),
                staff_fte={code: fte[code][name] for code in STAFF_2007_BY_GRADE},
                staff_provenance=staff_provenance,
            )
        )
    return sorted(trusts, key=lambda t: t.name)


# --- Requirements and relevance ------------------------------------------------------------------


def build_requirements() -> tuple[list[Requirement], list[RelevanceScore]]:
    """Return the requirements and their relevance scores (every requirement x every default outcome)."""
    requirements = []
    scores = []
    for row in ROWS:
        low, central, high = row.minutes
        requirements.append(
            Requirement(
                id=row.id,
                directive=row.directive,
                paragraph=row.paragraph,
                text=row.text,
                modality=row.modality,
                actor=row.actor,
                purpose=row.purpose,
                activity=row.activity,
                driver=row.driver,
                occurrences_per_unit=round(row.occurrences, 4),
                frequency_text=row.frequency_text,
                frequency_provenance=row.frequency_provenance,
                minutes_low=low,
                minutes_central=central,
                minutes_high=high,
                minutes_provenance=row.minutes_provenance,
                grade=row.grade,
                statutory_basis=row.law,
                public_protection_critical=row.critical,
            )
        )
        for outcome, score in zip(SCORED_OUTCOMES, row.scores, strict=True):
            scores.append(
                RelevanceScore(
                    requirement=row.id,
                    outcome=outcome,
                    score=score,
                    rationale=row.why,
                    scorer=SCORER,
                    scored_on=SCORED_ON,
                )
            )
    requirements.sort(key=lambda q: q.id)
    scores.sort(key=lambda s: (s.requirement, s.outcome))
    return requirements, scores


def build_catalogue() -> Catalogue:
    """Return the whole default catalogue, validated."""
    requirements, scores = build_requirements()
    return Catalogue(
        directives=build_directives(),
        requirements=requirements,
        staff_grades=build_grades(),
        trusts=build_trusts(),
        outcomes=sorted(DEFAULT_OUTCOMES, key=lambda o: o.key),
        relevance_scores=scores,
        local_measurements=[],
    )


def check(catalogue: Catalogue) -> list[str]:
    """Return the cross-table problems (unknown directive or grade, duplicate ids); empty when sound."""
    problems = []
    directives = {d.reference for d in catalogue.directives}
    grades = {g.code for g in catalogue.staff_grades}
    seen: set[str] = set()
    for q in catalogue.requirements:
        if q.id in seen:
            problems.append(f"duplicate requirement id {q.id}")
        seen.add(q.id)
        if q.directive not in directives:
            problems.append(f"{q.id}: unknown directive {q.directive}")
        if q.grade not in grades:
            problems.append(f"{q.id}: unknown grade {q.grade}")
    for d in catalogue.directives:
        for ref in [d.cancelled_by, *d.supersedes]:
            if ref and ref not in directives:
                problems.append(f"{d.reference}: unknown linked directive {ref}")
    return problems


def write(catalogue: Catalogue, folder: Path = DATA_DIR) -> Path:
    """Write the catalogue as the CSV export into ``folder``."""
    from catalogue.io import export_catalogue

    return export_catalogue(catalogue, folder, fmt="csv")


def main() -> int:
    catalogue = build_catalogue()
    problems = check(catalogue)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    write(catalogue)
    print(
        f"wrote {len(catalogue.directives)} directives, {len(catalogue.requirements)} requirements, "
        f"{len(catalogue.trusts)} trusts, {len(catalogue.staff_grades)} grades, "
        f"{len(catalogue.relevance_scores)} relevance scores to {DATA_DIR}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
