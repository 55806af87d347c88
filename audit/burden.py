"""Standard Cost Model burden of every requirement in every trust, vectorised.

For requirement r (in force on the audit date) and trust t:

- occurrences[r, t] = occurrences_per_unit[r] x volume[t, driver(r)]  (or the trust's own count a year)
- hours = occurrences x minutes / 60 x (1 - bau_share[r])             (minutes: the trust's own, else low/central/high)
- cost  = hours x hourly tariff of r's grade x (1 + overhead_rate)
- FTE   = hours / productive hours a year (of r's grade, or the policy's override)

Only administrative work is in the burden: requirements of kind ``prescribed_practice`` are costed the same way
in a burden of their own (``Burden.prescribed``), and a requirement whose work another already counts
(``counted_in``) is left out and listed in ``Burden.counted_elsewhere``. ``bau_share[r]`` is the requirement's
own business-as-usual share, unless the policy sets one for it; the sums with ``business_as_usual=False`` give
the administrative cost before that share is taken off.

Driver volumes: ``per_case`` = caseload, ``per_commencement`` = commencements, ``per_report`` = reports,
``per_staff_fte`` = the trust's total staff FTE, ``per_trust`` = 1. A one-off familiarisation burden is added
for directives issued in the ``familiarisation_window_months`` to the audit date: the staff of the grades the
directive's requirements fall on x familiarisation minutes, unless the catalogue already holds a
familiarisation requirement (activity ``familiarisation``) for that directive.

The occurrence matrix (requirements x trusts) is held once; hours, FTE and cost at three levels are row
scalings of it, so sums by trust are one matrix product and sums by requirement one row sum. The
requirement x trust table is only materialised on request (:func:`burden_table`).

Public API

- :func:`frames(catalogue) -> Frames`: the catalogue as DataFrames (directives, requirements, trusts, grades).
- :func:`compute_burden(catalogue, policy, frames=None) -> Burden`.
- :func:`trust_sums(burden, keep=None) -> DataFrame`: per trust ``hours_/fte_/cost_`` x ``low/central/high``
  with each requirement's burden scaled by ``keep[r]`` (1 = unchanged).
- :func:`requirement_sums(burden, keep=None) -> DataFrame`: the same per requirement (national).
- :func:`burden_table(burden, trusts=None, requirements=None) -> DataFrame`: one row per requirement x trust:
  ``requirement, trust, directive, grade, driver, volume, occurrences, minutes_low, minutes_central,
  minutes_high, bau_share, hours_low, hours_central, hours_high, fte_low, fte_central, fte_high, cost_low,
  cost_central, cost_high, local_minutes, local_occurrences, basis ("local" | "national estimate"),
  is_estimate``.

``Burden.requirements`` columns: ``requirement, directive, directive_title, issuer, directive_type, legal_force,
directive_start, text, modality, actor, purpose, activity, driver, occurrences_per_unit, frequency_text, minutes_low,
minutes_central, minutes_high, grade, statutory_basis, statutory, public_protection_critical, is_estimate,
bau_share, hourly_tariff, cost_per_hour, productive_hours, volume, occurrences, hours_*, fte_*, cost_*,
local_trusts`` (``*`` = low, central, high; national totals). ``Burden.trusts`` columns: ``trust, region,
caseload, commencements, reports, budget_gbp, staff_fte`` and ``*_estimate`` flags of the volumes.
``Burden.staff`` columns: ``trust, grade, fte``. ``Burden.familiarisation`` columns: ``directive, grade,
staff_fte, hours_*, fte_*, cost_*`` (national); ``Burden.familiarisation_by_trust``: ``trust, hours_*, fte_*, cost_*``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from audit.errors import AuditError
from audit.policy import Policy
from audit.stock import directive_periods, in_force_mask, months_before
from catalogue.models import Catalogue
from catalogue.types import Activity, Driver, KindOfWork, parse_partial_date

LEVELS = ("low", "central", "high")
MEASURES = ("hours", "fte", "cost")
SUM_COLUMNS = [f"{m}_{x}" for m in MEASURES for x in LEVELS]
DRIVERS = (Driver.PER_CASE, Driver.PER_COMMENCEMENT, Driver.PER_REPORT, Driver.PER_STAFF_FTE, Driver.PER_TRUST)
LOCAL = "local"
NATIONAL = "national estimate"


@dataclass(frozen=True, eq=False)
class Frames:
    """The catalogue as DataFrames, built once per audit."""

    directives: pd.DataFrame
    requirements: pd.DataFrame
    trusts: pd.DataFrame
    grades: pd.DataFrame
    staff: pd.DataFrame  # trust, grade, fte
    local: pd.DataFrame  # trust, requirement, minutes, occurrences_per_year


@dataclass(frozen=True, eq=False)
class Burden:
    """The burden of the requirements in force: inputs per requirement and trust, the occurrence matrix, sums."""

    audit_date: dt.date
    overhead_rate: float
    requirements: pd.DataFrame
    trusts: pd.DataFrame
    occurrences: np.ndarray  # (requirements, trusts), after local counts
    local: pd.DataFrame  # row, col, minutes (NaN = national), occurrences (NaN = national)
    volume_estimate: np.ndarray  # (drivers, trusts) bool: the volume figure is an estimate
    familiarisation: pd.DataFrame  # one row per (directive, grade), national
    familiarisation_by_trust: pd.DataFrame  # trust + SUM_COLUMNS
    by_trust: pd.DataFrame  # recurring burden per trust (trust + SUM_COLUMNS)
    staff: pd.DataFrame  # trust, grade, fte
    # Prescribed practice with offenders, costed the same way but kept out of the administrative burden above.
    prescribed: Burden | None = None
    # Requirements in force whose work another requirement already counts: listed, never added.
    counted_elsewhere: pd.DataFrame = field(default_factory=pd.DataFrame)


def _text(values: Any) -> pd.Series:
    """Return strings as an object column: much faster than Arrow strings for the maps and joins used here."""
    return pd.Series(values, dtype=object)


def _issued(value: str | None) -> dt.date | None:
    return parse_partial_date(value) if value else None


def frames(catalogue: Catalogue) -> Frames:
    """Return the catalogue's directives, requirements, trusts, grades, staff and local measurements as DataFrames."""
    periods = directive_periods(catalogue).set_index("reference")
    directives = pd.DataFrame(
        {
            "reference": _text([d.reference for d in catalogue.directives]),
            "title": _text([d.title for d in catalogue.directives]),
            "type": _text([str(d.type) for d in catalogue.directives]),
            "issuer": _text([d.issuer for d in catalogue.directives]),
            "legal_force": _text([str(d.legal_force) for d in catalogue.directives]),
            "status": _text([str(d.status) for d in catalogue.directives]),
            "issued": pd.to_datetime([_issued(d.issued or d.effective) for d in catalogue.directives]),
        }
    )
    if len(directives):
        directives = directives.join(periods[["start", "end", "end_known"]], on="reference")
    else:
        directives = directives.assign(start=pd.NaT, end=pd.NaT, end_known=True)
    reqs = catalogue.requirements
    requirements = pd.DataFrame(
        {
            "requirement": _text([r.id for r in reqs]),
            "directive": _text([r.directive for r in reqs]),
            "text": _text([r.text for r in reqs]),
            "modality": _text([str(r.modality) for r in reqs]),
            "actor": _text([r.actor for r in reqs]),
            "purpose": _text([str(r.purpose) for r in reqs]),
            "activity": _text([str(r.activity) for r in reqs]),
            "driver": _text([str(r.driver) for r in reqs]),
            "occurrences_per_unit": np.array([r.occurrences_per_unit for r in reqs], dtype=float),
            "frequency_text": _text([r.frequency_text for r in reqs]),
            "minutes_low": np.array([r.minutes_low for r in reqs], dtype=float),
            "minutes_central": np.array([r.minutes_central for r in reqs], dtype=float),
            "minutes_high": np.array([r.minutes_high for r in reqs], dtype=float),
            "grade": _text([r.grade for r in reqs]),
            "statutory_basis": _text([r.statutory_basis for r in reqs]),
            "statutory": np.array([bool(r.statutory_basis) for r in reqs], dtype=bool),
            "public_protection_critical": np.array([r.public_protection_critical for r in reqs], dtype=bool),
            "minutes_estimate": np.array([r.minutes_provenance.is_estimate for r in reqs], dtype=bool),
            "frequency_estimate": np.array([r.frequency_provenance.is_estimate for r in reqs], dtype=bool),
            "kind_of_work": _text([str(r.kind_of_work) for r in reqs]),
            "data_bau_share": np.array([r.bau_share for r in reqs], dtype=float),
            "bau_estimate": np.array(
                [r.bau_provenance is not None and r.bau_provenance.is_estimate for r in reqs], dtype=bool
            ),
            "counted_in": _text([r.counted_in for r in reqs]),
            "counted_in_reason": _text([r.counted_in_reason for r in reqs]),
            "compliance_rate": np.array([r.compliance_rate for r in reqs], dtype=float),
            "out_of_pocket_gbp": np.array([r.out_of_pocket_gbp for r in reqs], dtype=float),
            "one_off_minutes": np.array([r.one_off_minutes for r in reqs], dtype=float),
            "one_off_out_of_pocket_gbp": np.array([r.one_off_out_of_pocket_gbp for r in reqs], dtype=float),
        }
    )
    ts = catalogue.trusts
    trusts = pd.DataFrame(
        {
            "trust": _text([t.name for t in ts]),
            "region": _text([t.region for t in ts]),
            "caseload": np.array([t.caseload.value for t in ts], dtype=float),
            "commencements": np.array([t.commencements.value for t in ts], dtype=float),
            "reports": np.array([t.reports.value for t in ts], dtype=float),
            "budget_gbp": np.array([t.budget_gbp.value for t in ts], dtype=float),
            "staff_fte": np.array([t.total_fte for t in ts], dtype=float),
            "caseload_estimate": np.array([t.caseload.provenance.is_estimate for t in ts], dtype=bool),
            "commencements_estimate": np.array([t.commencements.provenance.is_estimate for t in ts], dtype=bool),
            "reports_estimate": np.array([t.reports.provenance.is_estimate for t in ts], dtype=bool),
            "staff_estimate": np.array([t.staff_provenance.is_estimate for t in ts], dtype=bool),
        }
    )
    grades = pd.DataFrame(
        {
            "grade": _text([g.code for g in catalogue.staff_grades]),
            "name": _text([g.name for g in catalogue.staff_grades]),
            "hourly_tariff": np.array([g.hourly_tariff for g in catalogue.staff_grades], dtype=float),
            "productive_hours": np.array([g.productive_hours_per_year for g in catalogue.staff_grades], dtype=float),
            "includes_overheads": np.array([g.tariff_includes_overheads for g in catalogue.staff_grades], dtype=bool),
        }
    )
    staff = pd.DataFrame(
        {
            "trust": _text([t.name for t in ts for _ in t.staff_fte]),
            "grade": _text([g for t in ts for g in t.staff_fte]),
            "fte": np.array([float(v) for t in ts for v in t.staff_fte.values()], dtype=float),
        }
    )
    lm = catalogue.local_measurements
    local = pd.DataFrame(
        {
            "trust": _text([m.trust for m in lm]),
            "requirement": _text([m.requirement for m in lm]),
            "minutes": np.array([np.nan if m.minutes is None else m.minutes for m in lm], dtype=float),
            "occurrences_per_year": np.array(
                [np.nan if m.occurrences_per_year is None else m.occurrences_per_year for m in lm], dtype=float
            ),
            # A study's 95% interval of the measured minutes (NaN: none), which the Monte Carlo draws over.
            "minutes_low": np.array([np.nan if m.minutes_low is None else m.minutes_low for m in lm], dtype=float),
            "minutes_high": np.array([np.nan if m.minutes_high is None else m.minutes_high for m in lm], dtype=float),
        }
    )
    return Frames(directives, requirements, trusts, grades, staff, local)


def _check_references(f: Frames) -> None:
    problems = []
    unknown_directives = sorted(set(f.requirements["directive"]) - set(f.directives["reference"]))
    if unknown_directives:
        problems.append(f"requirements name unknown directives: {', '.join(unknown_directives[:10])}")
    unknown_grades = sorted(set(f.requirements["grade"]) - set(f.grades["grade"]))
    if unknown_grades:
        problems.append(f"requirements name unknown staff grades: {', '.join(unknown_grades[:10])}")
    if f.requirements["requirement"].duplicated().any():
        problems.append("requirement ids are not unique")
    if f.trusts["trust"].duplicated().any():
        problems.append("trust names are not unique")
    if problems:
        raise AuditError("cannot audit the catalogue: " + "; ".join(problems))


def compute_burden(catalogue: Catalogue, policy: Policy, f: Frames | None = None) -> Burden:
    """Return the burden of every requirement in force on the policy's audit date, in every trust."""
    f = f if f is not None else frames(catalogue)
    _check_references(f)
    live = f.directives.loc[in_force_mask(f.directives, policy.audit_date), "reference"]
    in_force = f.requirements.loc[f.requirements["directive"].isin(set(live))].reset_index(drop=True)
    # Work counted in another requirement is never added twice; prescribed practice is costed on its own.
    # Skipped only while the requirement it is counted in is itself in force and costed: otherwise nobody counts it.
    costed = set(in_force.loc[in_force["counted_in"].isna(), "requirement"])
    elsewhere = in_force["counted_in"].isin(costed).to_numpy()
    practice = (in_force["kind_of_work"] == str(KindOfWork.PRESCRIBED_PRACTICE)).to_numpy() & ~elsewhere
    counted_elsewhere = in_force.loc[elsewhere, ["requirement", "directive", "text", "counted_in", "counted_in_reason"]]
    administrative = _requirement_burden(f, in_force.loc[~elsewhere & ~practice].reset_index(drop=True), policy)
    prescribed = _requirement_burden(f, in_force.loc[practice].reset_index(drop=True), policy)
    fam, fam_by_trust = _familiarisation(f, in_force.loc[~elsewhere], administrative.trusts, policy)
    return replace(
        administrative,
        familiarisation=fam,
        familiarisation_by_trust=fam_by_trust,
        prescribed=prescribed,
        counted_elsewhere=counted_elsewhere.reset_index(drop=True),
    )


def _requirement_burden(f: Frames, req: pd.DataFrame, policy: Policy) -> Burden:
    """Return the burden of the requirements ``req`` (all in force) in every trust, without familiarisation."""
    dirs = f.directives.set_index("reference")
    req = req.join(
        dirs[["title", "issuer", "type", "legal_force", "start"]].rename(
            columns={"title": "directive_title", "type": "directive_type", "start": "directive_start"}
        ),
        on="directive",
    )
    grades = f.grades.set_index("grade")
    req["is_estimate"] = req["minutes_estimate"] | req["frequency_estimate"]
    # Each requirement's own business-as-usual share; a share set in the policy for a requirement replaces it.
    req["bau_share"] = req["data_bau_share"].astype(float)
    if policy.bau_share and len(req):
        override = req["requirement"].map(policy.bau_share)
        req["bau_share"] = override.fillna(req["bau_share"]).astype(float)
    req["hourly_tariff"] = req["grade"].map(grades["hourly_tariff"]).astype(float)
    # A tariff that already includes overheads (the Australian framework's on-cost multiplier) gets none on top.
    includes = req["grade"].map(grades["includes_overheads"]).fillna(False).astype(bool).to_numpy()
    req["cost_per_hour"] = req["hourly_tariff"] * np.where(includes, 1.0, 1 + policy.overhead_rate)
    if policy.productive_hours_override is not None:
        req["productive_hours"] = float(policy.productive_hours_override)
    else:
        req["productive_hours"] = req["grade"].map(grades["productive_hours"]).astype(float)

    trusts = f.trusts.reset_index(drop=True)
    volumes = np.vstack(
        [
            trusts["caseload"].to_numpy(),
            trusts["commencements"].to_numpy(),
            trusts["reports"].to_numpy(),
            trusts["staff_fte"].to_numpy(),
            np.ones(len(trusts)),
        ]
    )
    volume_estimate = np.vstack(
        [
            trusts["caseload_estimate"].to_numpy(),
            trusts["commencements_estimate"].to_numpy(),
            trusts["reports_estimate"].to_numpy(),
            trusts["staff_estimate"].to_numpy(),
            np.zeros(len(trusts), dtype=bool),
        ]
    )
    driver_index = {str(d): i for i, d in enumerate(DRIVERS)}
    didx = req["driver"].map(driver_index).to_numpy(dtype=np.intp)
    # Occurrences actually done: the rule's frequency times the share of cases it is complied with.
    opu = req["occurrences_per_unit"].to_numpy(dtype=float) * req["compliance_rate"].to_numpy(dtype=float)
    occ = volumes[didx] if len(req) else np.zeros((0, len(trusts)))
    occ *= opu[:, None]  # volumes[didx] is a fresh array: scale it in place to keep one R x T buffer
    req["volume"] = volumes.sum(axis=1)[didx] if len(req) else np.zeros(0)

    local = _local_cells(f.local, req, trusts)
    has_occ = local["occurrences"].notna().to_numpy()
    occ[local["row"].to_numpy()[has_occ], local["col"].to_numpy()[has_occ]] = local["occurrences"].to_numpy()[has_occ]

    burden = Burden(
        audit_date=policy.audit_date,
        overhead_rate=policy.overhead_rate,
        requirements=req,
        trusts=trusts,
        occurrences=occ,
        local=local,
        volume_estimate=volume_estimate,
        familiarisation=pd.DataFrame(),
        familiarisation_by_trust=pd.DataFrame(),
        by_trust=pd.DataFrame(),
        staff=f.staff,
    )
    # The national totals per requirement and per trust are part of the result: compute them once here.
    sums = requirement_sums(burden)
    extra = {column: sums[column].to_numpy() for column in ["occurrences", *SUM_COLUMNS]}
    extra["local_trusts"] = np.bincount(local["row"].to_numpy(), minlength=len(req))
    cost = requirement_sums(burden, business_as_usual=False)
    for column in SUM_COLUMNS:
        extra[f"admin_cost_{column}"] = cost[column].to_numpy()
    req = pd.concat([req, pd.DataFrame(extra)], axis=1)
    empty_fam = pd.DataFrame({"trust": _text(trusts["trust"].to_numpy()), **{c: 0.0 for c in SUM_COLUMNS}})
    return replace(
        burden,
        requirements=req,
        by_trust=trust_sums(burden),
        familiarisation=pd.DataFrame(columns=["directive", "grade", "staff_fte", *SUM_COLUMNS]),
        familiarisation_by_trust=empty_fam,
    )


def _local_cells(local: pd.DataFrame, req: pd.DataFrame, trusts: pd.DataFrame) -> pd.DataFrame:
    """Locate each local measurement in the matrix; measurements of requirements not in force are ignored."""
    r = pd.Index(req["requirement"]).get_indexer(local["requirement"])
    c = pd.Index(trusts["trust"]).get_indexer(local["trust"])
    keep = (r >= 0) & (c >= 0)
    return pd.DataFrame(
        {
            "row": r[keep].astype(np.intp),
            "col": c[keep].astype(np.intp),
            "minutes": local["minutes"].to_numpy(dtype=float)[keep],
            "occurrences": local["occurrences_per_year"].to_numpy(dtype=float)[keep],
            "minutes_low": local["minutes_low"].to_numpy(dtype=float)[keep],
            "minutes_high": local["minutes_high"].to_numpy(dtype=float)[keep],
        }
    )


def _weights(
    b: Burden, keep: np.ndarray | None, business_as_usual: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return per occurrence: hours [3, R], FTE [3, R] and cost [3, R] (low/central/high), scaled by ``keep``.

    With ``business_as_usual`` (the burden) the share a trust would do anyway is taken off; without it the
    weights give the administrative cost of the whole activity. Cost is the hours at the grade's cost per hour
    plus the out-of-pocket cost of each occurrence.
    """
    req = b.requirements
    share = req["bau_share"].to_numpy() if business_as_usual else np.zeros(len(req))
    scale = 1.0 - share if keep is None else (1.0 - share) * keep
    minutes = np.vstack([req[f"minutes_{x}"].to_numpy() for x in LEVELS])
    hours = minutes * (scale / 60.0)
    fte = hours / req["productive_hours"].to_numpy()
    cost = hours * req["cost_per_hour"].to_numpy() + req["out_of_pocket_gbp"].to_numpy() * scale
    return hours, fte, cost


def _local_deltas(
    b: Burden, keep: np.ndarray | None, business_as_usual: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (rows, cols, hours change [3, n]) where a trust's own minutes replace the national ones."""
    loc = b.local[b.local["minutes"].notna()]
    rows = loc["row"].to_numpy()
    cols = loc["col"].to_numpy()
    req = b.requirements
    share = req["bau_share"].to_numpy()[rows] if business_as_usual else np.zeros(len(rows))
    k = (1.0 - share) / 60.0
    if keep is not None:
        k = k * keep[rows]
    occ = b.occurrences[rows, cols]
    national = np.vstack([req[f"minutes_{x}"].to_numpy()[rows] for x in LEVELS])
    delta = occ * (loc["minutes"].to_numpy()[None, :] - national) * k
    return rows, cols, delta


def trust_sums(b: Burden, keep: np.ndarray | None = None, business_as_usual: bool = True) -> pd.DataFrame:
    """Return recurring hours, FTE and cost (low/central/high) per trust, each requirement scaled by ``keep``.

    ``business_as_usual=False`` gives the administrative cost (before the share done anyway is taken off).
    """
    hours_w, fte_w, cost_w = _weights(b, keep, business_as_usual)
    weights = np.vstack([hours_w, fte_w, cost_w])  # 9 x R, in SUM_COLUMNS order
    totals = weights @ b.occurrences if len(b.requirements) else np.zeros((9, len(b.trusts)))
    rows, cols, delta = _local_deltas(b, keep, business_as_usual)
    if len(rows):
        inv_ph = 1.0 / b.requirements["productive_hours"].to_numpy()
        cph = b.requirements["cost_per_hour"].to_numpy()
        full = np.vstack([delta, delta * inv_ph[rows], delta * cph[rows]])
        for i in range(9):
            totals[i] += np.bincount(cols, weights=full[i], minlength=len(b.trusts))
    out = pd.DataFrame(totals.T, columns=SUM_COLUMNS)
    out.insert(0, "trust", _text(b.trusts["trust"].to_numpy()))
    return out


def requirement_sums(b: Burden, keep: np.ndarray | None = None, business_as_usual: bool = True) -> pd.DataFrame:
    """Return national occurrences, hours, FTE and cost (low/central/high) per requirement, scaled by ``keep``."""
    occ_r = b.occurrences.sum(axis=1) if b.occurrences.size else np.zeros(len(b.requirements))
    hours_w, fte_w, cost_w = _weights(b, keep, business_as_usual)
    hours, fte, cost = hours_w * occ_r, fte_w * occ_r, cost_w * occ_r
    rows, _, delta = _local_deltas(b, keep, business_as_usual)
    if len(rows):
        inv_ph = 1.0 / b.requirements["productive_hours"].to_numpy()
        cph = b.requirements["cost_per_hour"].to_numpy()
        for i in range(3):
            change = np.bincount(rows, weights=delta[i], minlength=len(b.requirements))
            hours[i] += change
            fte[i] += change * inv_ph
            cost[i] += change * cph
    data = {"requirement": b.requirements["requirement"].to_numpy(), "occurrences": occ_r}
    for i, x in enumerate(LEVELS):
        data[f"hours_{x}"] = hours[i]
    for i, x in enumerate(LEVELS):
        data[f"fte_{x}"] = fte[i]
    for i, x in enumerate(LEVELS):
        data[f"cost_{x}"] = cost[i]
    return pd.DataFrame(data)


def burden_table(b: Burden, trusts: list[str] | None = None, requirements: list[str] | None = None) -> pd.DataFrame:
    """Return one row per requirement x trust (optionally only some trusts or requirements), sorted by both."""
    req = b.requirements
    rsel = np.arange(len(req)) if requirements is None else np.flatnonzero(req["requirement"].isin(requirements))
    tsel = np.arange(len(b.trusts)) if trusts is None else np.flatnonzero(b.trusts["trust"].isin(trusts).to_numpy())
    rr = np.repeat(rsel, len(tsel))
    tt = np.tile(tsel, len(rsel))
    occ = b.occurrences[rr, tt] if len(rr) else np.zeros(0)
    local_min = np.full(len(rr), np.nan)
    local_occ = np.zeros(len(rr), dtype=bool)
    if len(b.local) and len(rr):
        key = pd.Series(np.arange(len(rr)), index=pd.MultiIndex.from_arrays([rr, tt]))
        pos = key.reindex(pd.MultiIndex.from_arrays([b.local["row"], b.local["col"]]))
        hit = pos.notna().to_numpy()
        at = pos[hit].astype(np.intp).to_numpy()
        local_min[at] = b.local["minutes"].to_numpy()[hit]
        local_occ[at] = b.local["occurrences"].notna().to_numpy()[hit]
    has_min = ~np.isnan(local_min)
    k = (1.0 - req["bau_share"].to_numpy()[rr]) / 60.0
    out = pd.DataFrame(
        {
            "requirement": req["requirement"].to_numpy()[rr],
            "trust": b.trusts["trust"].to_numpy()[tt],
            "directive": req["directive"].to_numpy()[rr],
            "grade": req["grade"].to_numpy()[rr],
            "driver": req["driver"].to_numpy()[rr],
        }
    )
    driver_index = {str(d): i for i, d in enumerate(DRIVERS)}
    didx = req["driver"].map(driver_index).to_numpy(dtype=np.intp)[rr]
    volumes = np.vstack(
        [b.trusts[c].to_numpy() for c in ("caseload", "commencements", "reports", "staff_fte")]
        + [np.ones(len(b.trusts))]
    )
    out["volume"] = volumes[didx, tt] if len(rr) else np.zeros(0)
    out["occurrences"] = occ
    for x in LEVELS:
        out[f"minutes_{x}"] = np.where(has_min, local_min, req[f"minutes_{x}"].to_numpy()[rr])
    out["bau_share"] = req["bau_share"].to_numpy()[rr]
    inv_ph = 1.0 / req["productive_hours"].to_numpy()[rr]
    cph = req["cost_per_hour"].to_numpy()[rr]
    for x in LEVELS:
        out[f"hours_{x}"] = occ * out[f"minutes_{x}"].to_numpy() * k
    for x in LEVELS:
        out[f"fte_{x}"] = out[f"hours_{x}"].to_numpy() * inv_ph
    out_of_pocket = occ * req["out_of_pocket_gbp"].to_numpy()[rr] * (1.0 - req["bau_share"].to_numpy()[rr])
    for x in LEVELS:
        out[f"cost_{x}"] = out[f"hours_{x}"].to_numpy() * cph + out_of_pocket
    out["local_minutes"] = has_min
    out["local_occurrences"] = local_occ
    out["basis"] = np.where(has_min | local_occ, LOCAL, NATIONAL)
    volume_est = b.volume_estimate[didx, tt] if len(rr) else np.zeros(0, dtype=bool)
    minutes_est = req["minutes_estimate"].to_numpy()[rr] & ~has_min
    count_est = (req["frequency_estimate"].to_numpy()[rr] | volume_est) & ~local_occ
    out["is_estimate"] = minutes_est | count_est
    return out


def _familiarisation(
    f: Frames, req: pd.DataFrame, trusts: pd.DataFrame, policy: Policy
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the one-off familiarisation burden of directives issued in the window before the audit date.

    First frame: one row per (directive, grade), national; second: one row per trust.
    """
    by_pair = pd.DataFrame(columns=["directive", "grade", "staff_fte", *SUM_COLUMNS])
    by_trust = pd.DataFrame({"trust": _text(trusts["trust"].to_numpy())})
    for c in SUM_COLUMNS:
        by_trust[c] = 0.0
    if policy.familiarisation_window_months == 0 or req.empty or trusts.empty:
        return by_pair, by_trust
    since = pd.Timestamp(months_before(policy.audit_date, policy.familiarisation_window_months))
    until = pd.Timestamp(policy.audit_date)
    issued = f.directives.set_index("reference")["issued"]
    new = issued[(issued > since) & (issued <= until)].index
    # A directive whose catalogue entry already has a familiarisation requirement is not counted twice.
    own = set(req.loc[req["activity"] == str(Activity.FAMILIARISATION), "directive"])
    pairs = req.loc[req["directive"].isin(set(new) - own), ["directive", "grade"]].drop_duplicates()
    if pairs.empty:
        return by_pair, by_trust
    pairs = pairs.sort_values(["directive", "grade"]).reset_index(drop=True)
    # Staff FTE as a grades x trusts matrix, then a (directive, grade) x trusts matrix.
    grade_index = pd.Index(pairs["grade"].unique())
    g = grade_index.get_indexer(f.staff["grade"])
    t = pd.Index(trusts["trust"]).get_indexer(f.staff["trust"])
    ok = (g >= 0) & (t >= 0)
    staff = np.zeros((len(grade_index), len(trusts)))
    np.add.at(staff, (g[ok], t[ok]), f.staff["fte"].to_numpy(dtype=float)[ok])
    fte = staff[grade_index.get_indexer(pairs["grade"])]
    grades = f.grades.set_index("grade")
    ph = (
        np.full(len(pairs), float(policy.productive_hours_override))
        if policy.productive_hours_override is not None
        else pairs["grade"].map(grades["productive_hours"]).to_numpy(dtype=float)
    )
    includes = pairs["grade"].map(grades["includes_overheads"]).fillna(False).astype(bool).to_numpy()
    cph = pairs["grade"].map(grades["hourly_tariff"]).to_numpy(dtype=float) * np.where(
        includes, 1.0, 1 + policy.overhead_rate
    )
    minutes = {
        "low": policy.familiarisation_minutes_low,
        "central": policy.familiarisation_minutes_central,
        "high": policy.familiarisation_minutes_high,
    }
    hours_per_minute = fte / 60.0
    per_measure = {
        "hours": hours_per_minute,
        "fte": hours_per_minute / ph[:, None],
        "cost": hours_per_minute * cph[:, None],
    }
    pair_cols: dict[str, Any] = {"staff_fte": fte.sum(axis=1)}
    trust_cols: dict[str, Any] = {"trust": _text(trusts["trust"].to_numpy())}
    for m in MEASURES:
        for x in LEVELS:
            pair_cols[f"{m}_{x}"] = per_measure[m].sum(axis=1) * minutes[x]
            trust_cols[f"{m}_{x}"] = per_measure[m].sum(axis=0) * minutes[x]
    by_pair = pd.concat([pairs, pd.DataFrame(pair_cols)], axis=1)
    by_trust = pd.DataFrame(trust_cols)
    return by_pair, by_trust
