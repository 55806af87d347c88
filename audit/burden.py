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

The occurrence matrix (requirements x trusts) is a requirement's rate times its driver's volume in each trust,
except the cells a trust counted itself. Hours, FTE and cost at three levels are row scalings of it, so every sum
is taken through that structure: the weights summed by driver, times the drivers' volumes, plus the difference the
trusts' own counts make. The matrix itself is built only when something reads ``Burden.occurrences`` (the
Monte Carlo does); the sums and :func:`burden_table` never read it, so no figure depends on whether it was built.

Public API

- :func:`frames(catalogue) -> Frames`: the catalogue as DataFrames (directives, requirements, trusts, grades).
- :func:`compute_burden(catalogue, policy, frames=None) -> Burden`.
- :func:`trust_sums(burden, keep=None) -> DataFrame`: per trust ``hours_/fte_/cost_`` x ``low/central/high``
  with each requirement's burden scaled by ``keep[r]`` (1 = unchanged).
- :func:`requirement_sums(burden, keep=None) -> DataFrame`: the same per requirement (national).
- :func:`trust_central_hours(burden, keeps) -> ndarray`: central hours per trust for several ``keep`` rows at once.
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
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np
import pandas as pd

from audit.errors import AuditError
from audit.policy import Policy
from audit.stock import directive_periods, in_force_mask, months_before
from catalogue.models import Catalogue, Requirement
from catalogue.types import Activity, Driver, KindOfWork, ProvenanceKind, parse_partial_date

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
    # requirement, activity_id, activity, grade, minutes_low/central/high, minutes_estimate (empty: none has any)
    activities: pd.DataFrame = field(default_factory=pd.DataFrame)
    drivers: tuple[str, ...] = ()  # keys of the drivers the catalogue defines as data
    volumes: pd.DataFrame = field(default_factory=pd.DataFrame)  # trust, driver, volume, estimate


@dataclass(frozen=True, eq=False)
class Burden:
    """The burden of the requirements in force: inputs per requirement and trust, the occurrence matrix, sums."""

    audit_date: dt.date
    overhead_rate: float
    requirements: pd.DataFrame
    trusts: pd.DataFrame
    # Occurrences of requirement r in trust t: occurrence_rate[r] x volumes[driver_row[r], t], unless the trust
    # counted them itself (``local``).
    occurrence_rate: np.ndarray  # (requirements,): occurrences per unit of the driver x compliance rate
    driver_row: np.ndarray  # (requirements,): the row of ``volumes`` each requirement scales with
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
    driver_keys: tuple[str, ...] = tuple(str(d) for d in DRIVERS)  # the rows of ``volume_estimate`` and ``volumes``
    volumes: np.ndarray = field(default_factory=lambda: np.zeros((len(DRIVERS), 0)))  # (drivers, trusts)
    # One row per activity of a requirement in ``requirements`` (row = its position there): what the Monte Carlo
    # draws and the grade roll-up splits. Requirements without activities have none.
    activities: pd.DataFrame = field(default_factory=pd.DataFrame)

    @cached_property
    def occurrences(self) -> np.ndarray:
        """The (requirements, trusts) occurrences a year after the trusts' own counts, built when first read."""
        occ = self.volumes[self.driver_row] if len(self.driver_row) else np.zeros((0, len(self.trusts)))
        occ *= self.occurrence_rate[:, None]  # volumes[driver_row] is a fresh array: scale it in place
        rows, cols, counted = _counted_cells(self)
        occ[rows, cols] = counted
        return occ


def _counted_cells(b: Burden) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (rows, cols, occurrences) of the cells whose trust counted its occurrences itself."""
    given = b.local["occurrences"].notna().to_numpy() if len(b.local) else np.zeros(0, dtype=bool)
    loc = b.local[given]
    return loc["row"].to_numpy(dtype=np.intp), loc["col"].to_numpy(dtype=np.intp), loc["occurrences"].to_numpy()


def _national_cells(b: Burden, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Return the occurrences the national figures give in the cells (rows, cols): rate x the driver's volume."""
    return b.occurrence_rate[rows] * b.volumes[b.driver_row[rows], cols]


def occurrence_cells(b: Burden, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Return ``b.occurrences[rows, cols]`` without building the matrix."""
    out = _national_cells(b, rows, cols)
    c_rows, c_cols, counted = _counted_cells(b)
    if len(c_rows) and len(rows):
        n_trusts = max(len(b.trusts), 1)
        keys = c_rows.astype(np.int64) * n_trusts + c_cols
        order = np.argsort(keys, kind="stable")
        wanted = rows.astype(np.int64) * n_trusts + cols
        at = np.minimum(np.searchsorted(keys[order], wanted), len(keys) - 1)
        hit = keys[order][at] == wanted
        out[hit] = counted[order][at[hit]]
    return out


def occurrence_product(b: Burden, weights: np.ndarray) -> np.ndarray:
    """Return ``weights @ b.occurrences`` (weights: k x requirements) through the matrix's structure.

    Each weight row is summed by driver and multiplied by the drivers' volumes; the cells a trust counted itself
    add the difference from the national count. Far less work than the product with the whole matrix.
    """
    n_drivers, n_trusts = b.volumes.shape
    scaled = np.atleast_2d(weights) * b.occurrence_rate
    by_driver = np.vstack([np.bincount(b.driver_row, weights=w, minlength=n_drivers) for w in scaled])
    totals = by_driver @ b.volumes if len(b.driver_row) else np.zeros((len(scaled), n_trusts))
    rows, cols, counted = _counted_cells(b)
    if len(rows):
        extra = counted - _national_cells(b, rows, cols)
        for i, w in enumerate(np.atleast_2d(weights)):
            totals[i] += np.bincount(cols, weights=w[rows] * extra, minlength=n_trusts)
    return totals


def occurrence_row_sums(b: Burden) -> np.ndarray:
    """Return ``b.occurrences.sum(axis=1)``, each requirement's national occurrences, without building the matrix."""
    totals = b.occurrence_rate * b.volumes.sum(axis=1)[b.driver_row]
    rows, cols, counted = _counted_cells(b)
    if len(rows):
        totals = totals + np.bincount(rows, weights=counted - _national_cells(b, rows, cols), minlength=len(totals))
    return totals


def _text(values: Any) -> pd.Series:
    """Return strings as an object column: much faster than Arrow strings for the maps and joins used here."""
    return pd.Series(values, dtype=object)


# The requirement fields the audit reads, and the order of the columns of ``Frames.requirements``.
_TEXT_FIELDS = ("id", "directive", "text", "modality", "actor", "purpose", "activity", "driver", "frequency_text",
                "grade", "statutory_basis", "kind_of_work", "counted_in", "counted_in_reason")  # fmt: skip
_ENUM_FIELDS = frozenset({"modality", "purpose", "activity", "driver", "kind_of_work"})
# Read in the same pass: the sources whose kind says whether a figure is an estimate, and the activities.
_SOURCE_FIELDS = ("statutory_basis", "frequency_provenance", "minutes_provenance", "bau_provenance", "activities")
MINUTE_FIELDS = ("minutes_low", "minutes_central", "minutes_high")
_NUMBER_FIELDS = ("occurrences_per_unit", "minutes_low", "minutes_central", "minutes_high",
                  "public_protection_critical", "bau_share", "compliance_rate", "out_of_pocket_gbp",
                  "one_off_minutes", "one_off_out_of_pocket_gbp")  # fmt: skip
_REQUIREMENT_COLUMNS = (
    "requirement", "directive", "text", "modality", "actor", "purpose", "activity", "driver", "occurrences_per_unit",
    "frequency_text", "minutes_low", "minutes_central", "minutes_high", "grade", "statutory_basis", "statutory",
    "public_protection_critical", "minutes_estimate", "frequency_estimate", "kind_of_work", "data_bau_share",
    "bau_estimate", "counted_in", "counted_in_reason", "compliance_rate", "out_of_pocket_gbp", "one_off_minutes",
    "one_off_out_of_pocket_gbp",
)  # fmt: skip
# Every field read is a declared field of the model, so each model's ``__dict__`` holds it.
assert set(_TEXT_FIELDS + _NUMBER_FIELDS + _SOURCE_FIELDS) <= set(Requirement.model_fields)
_fields_of = attrgetter("__dict__")


def _estimates(sources: Any) -> np.ndarray:
    """Return, for each provenance in ``sources``, whether it is an estimate (``Provenance.is_estimate``)."""
    kinds = np.array(list(map(attrgetter("kind"), sources)), dtype=object)
    return np.asarray(kinds == ProvenanceKind.ESTIMATE, dtype=bool).reshape(len(kinds))


def _issued(value: str | None) -> dt.date | None:
    return parse_partial_date(value) if value else None


def _issued_dates(values: list[str | None]) -> list[dt.date | None]:
    """Return :func:`_issued` of each value, each distinct value read once (directives share few dates)."""
    dates: dict[str | None, dt.date | None] = {}
    for value in values:  # in order, so a value that cannot be read is met where it was before
        if value not in dates:
            dates[value] = _issued(value)
    return [dates[value] for value in values]


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that builds many acyclic containers (tuples, lists).

    Each young collection traverses every container made since the last one, here tuples of 50,000 values, and
    that cost about a third of building the frames of a large catalogue. Reference counting still frees everything
    (no cycles are made); the collector is turned back on only if it was on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def frames(catalogue: Catalogue) -> Frames:
    """Return the catalogue's directives, requirements, trusts, grades, staff and local measurements as DataFrames."""
    with without_cyclic_gc():
        return _frames(catalogue)


def _frames(catalogue: Catalogue) -> Frames:
    periods = directive_periods(catalogue).set_index("reference")
    directives = pd.DataFrame(
        {
            "reference": _text([d.reference for d in catalogue.directives]),
            "title": _text([d.title for d in catalogue.directives]),
            "type": _text([str(d.type) for d in catalogue.directives]),
            "issuer": _text([d.issuer for d in catalogue.directives]),
            "legal_force": _text([str(d.legal_force) for d in catalogue.directives]),
            "status": _text([str(d.status) for d in catalogue.directives]),
            "issued": pd.to_datetime(_issued_dates([d.issued or d.effective for d in catalogue.directives])),
        }
    )
    if len(directives):
        directives = directives.join(periods[["start", "end", "end_known"]], on="reference")
    else:
        directives = directives.assign(start=pd.NaT, end=pd.NaT, end_known=True)
    reqs = catalogue.requirements
    n = len(reqs)
    # One pass over the models (itemgetter builds each row's tuple in C from the model's own dict of fields,
    # a third faster than attribute access), transposed into one tuple per field.
    fields = (*_TEXT_FIELDS, *_NUMBER_FIELDS, *_SOURCE_FIELDS)
    values = (
        dict(zip(fields, zip(*map(itemgetter(*fields), map(_fields_of, reqs)), strict=True), strict=True))
        if n
        else dict.fromkeys(fields, ())
    )
    columns: dict[str, Any] = {}
    for name in _TEXT_FIELDS:
        column = "requirement" if name == "id" else name
        columns[column] = _text(list(map(str, values[name])) if name in _ENUM_FIELDS else values[name])
    for name in _NUMBER_FIELDS:
        columns["data_bau_share" if name == "bau_share" else name] = np.array(values[name], dtype=float)
    columns["public_protection_critical"] = columns["public_protection_critical"].astype(bool)
    columns["statutory"] = np.fromiter(map(bool, values["statutory_basis"]), dtype=bool, count=n)
    columns["frequency_estimate"] = _estimates(values["frequency_provenance"])
    bau_sources = values["bau_provenance"]
    has_bau_source = np.fromiter((p is not None for p in bau_sources), dtype=bool, count=n)
    columns["bau_estimate"] = np.zeros(n, dtype=bool)
    columns["bau_estimate"][has_bau_source] = _estimates([p for p in bau_sources if p is not None])
    # Requirement.minutes_are_estimates: with activities, whether any activity's minutes are an estimate.
    steps_of = values["activities"]
    with_steps = np.fromiter(map(bool, steps_of), dtype=bool, count=n)
    minutes_estimate = np.zeros(n, dtype=bool)
    minutes_estimate[~with_steps] = _estimates(
        [p for p, s in zip(values["minutes_provenance"], steps_of, strict=True) if not s]
    )
    owners = np.flatnonzero(with_steps)
    steps = [a for i in owners.tolist() for a in steps_of[i]]
    step_owner = np.repeat(owners, [len(steps_of[i]) for i in owners.tolist()])
    step_estimate = _estimates([a.minutes_provenance for a in steps])
    if len(steps):
        minutes_estimate[owners] = np.logical_or.reduceat(step_estimate, np.searchsorted(step_owner, owners))
    columns["minutes_estimate"] = minutes_estimate
    requirements = pd.DataFrame({name: columns[name] for name in _REQUIREMENT_COLUMNS})
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
            # The trust's own business-as-usual share (NaN: the requirement's applies).
            "bau_share": np.array([np.nan if m.bau_share is None else m.bau_share for m in lm], dtype=float),
        }
    )
    step_fields = ("id", "activity", "grade", "minutes_low", "minutes_central", "minutes_high")
    step_values = (
        dict(zip(step_fields, zip(*map(attrgetter(*step_fields), steps), strict=True), strict=True)) if steps else {}
    )
    ids = values["id"]
    activities = pd.DataFrame(
        {
            "requirement": _text([ids[i] for i in step_owner.tolist()]),
            "activity_id": _text(step_values.get("id", ())),
            "activity": _text(list(map(str, step_values.get("activity", ())))),
            "grade": _text(step_values.get("grade", ())),
            **{level: np.array(step_values.get(level, ()), dtype=float) for level in MINUTE_FIELDS},
            "minutes_estimate": step_estimate,
        }
    )
    dv = catalogue.driver_volumes
    volumes = pd.DataFrame(
        {
            "trust": _text([v.trust for v in dv]),
            "driver": _text([v.driver for v in dv]),
            "volume": np.array([v.volume for v in dv], dtype=float),
            "estimate": np.array([v.provenance.is_estimate for v in dv], dtype=bool),
        }
    )
    drivers = tuple(sorted(d.key for d in catalogue.drivers))
    return Frames(directives, requirements, trusts, grades, staff, local, activities, drivers, volumes)


def _distinct(values: pd.Series) -> set[Any]:
    """Return the distinct values of a column (hashed in C, not one Python step per row)."""
    return set(pd.unique(values.to_numpy()))


def _check_references(f: Frames) -> None:
    problems = []
    unknown_directives = sorted(_distinct(f.requirements["directive"]) - set(f.directives["reference"]))
    if unknown_directives:
        problems.append(f"requirements name unknown directives: {', '.join(unknown_directives[:10])}")
    unknown_grades = sorted(_distinct(f.requirements["grade"]) - set(f.grades["grade"]))
    if unknown_grades:
        problems.append(f"requirements name unknown staff grades: {', '.join(unknown_grades[:10])}")
    known_drivers = {str(d) for d in DRIVERS} | set(f.drivers)
    unknown_drivers = sorted(_distinct(f.requirements["driver"]) - known_drivers)
    if unknown_drivers:
        problems.append(f"requirements name drivers the catalogue does not define: {', '.join(unknown_drivers[:10])}")
    if len(f.activities):
        unknown_activity_grades = sorted(_distinct(f.activities["grade"]) - set(f.grades["grade"]))
        if unknown_activity_grades:
            problems.append(f"activities name unknown staff grades: {', '.join(unknown_activity_grades[:10])}")
    if pd.Index(f.requirements["requirement"]).has_duplicates:
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
    req = f.requirements
    # Positions in force, then each part taken from the catalogue's frame once (no copy of a copy).
    in_force = np.flatnonzero(req["directive"].isin(set(live)).to_numpy())
    elsewhere, practice = split_in_force(req[["requirement", "counted_in", "kind_of_work"]].take(in_force))
    counted_columns = ["requirement", "directive", "text", "counted_in", "counted_in_reason"]
    counted_elsewhere = req[counted_columns].take(in_force[elsewhere]).reset_index(drop=True)
    administrative = _requirement_burden(f, req.take(in_force[~elsewhere & ~practice]).reset_index(drop=True), policy)
    if practice.any() or not len(administrative.requirements):
        prescribed = _requirement_burden(f, req.take(in_force[practice]).reset_index(drop=True), policy)
    else:  # no prescribed practice in force: its burden is that of no requirement, shaped as the other
        prescribed = _nothing_like(administrative)
    costed = req[["directive", "grade", "activity"]].take(in_force[~elsewhere])
    fam, fam_by_trust = _familiarisation(f, costed, administrative.trusts, policy)
    return replace(
        administrative,
        familiarisation=fam,
        familiarisation_by_trust=fam_by_trust,
        prescribed=prescribed,
        counted_elsewhere=counted_elsewhere,
    )


def _nothing_like(b: Burden) -> Burden:
    """Return the burden of no requirement with the columns, trusts and volumes of ``b`` (a part without requirements).

    The same as :func:`_requirement_burden` of no requirement gives, without its fixed cost of table bookkeeping.
    """
    nothing = replace(
        b,
        requirements=b.requirements.iloc[:0].reset_index(drop=True),
        occurrence_rate=np.zeros(0),
        driver_row=np.zeros(0, dtype=np.intp),
        local=b.local.iloc[:0].reset_index(drop=True),
        activities=pd.DataFrame(columns=_STEP_COLUMNS).reset_index(drop=True),
    )
    return replace(nothing, by_trust=trust_sums(nothing))


def split_in_force(in_force: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return which of the requirements ``in_force`` are counted in another one and which are prescribed practice.

    The rest are the administrative burden.
    """
    # Work counted in another requirement is never added twice; prescribed practice is costed on its own.
    # Skipped only while the requirement it is counted in is itself in force and costed: otherwise nobody counts it.
    counted_in = in_force["counted_in"]
    marked = counted_in.notna().to_numpy()
    elsewhere = np.zeros(len(in_force), dtype=bool)
    if marked.any():  # few requirements are marked: look only those up
        costed = set(in_force.loc[~marked, "requirement"])
        elsewhere[marked] = counted_in[marked].isin(costed).to_numpy()
    practice = (in_force["kind_of_work"] == str(KindOfWork.PRESCRIBED_PRACTICE)).to_numpy() & ~elsewhere
    return elsewhere, practice


# The directive's fields each requirement carries: (column of ``Frames.directives``, column of the requirement).
_DIRECTIVE_COLUMNS = (("title", "directive_title"), ("issuer", "issuer"), ("type", "directive_type"),
                      ("legal_force", "legal_force"), ("start", "directive_start"))  # fmt: skip


def _directive_columns(directives: pd.DataFrame, req: pd.DataFrame) -> dict[str, Any]:
    """Return each requirement's directive title, issuer, type, legal force and start, by position lookup."""
    references = pd.Index(directives["reference"])
    if not references.is_unique:  # a reference given twice: the join gives a row per match, as it always did
        joined = req[["directive"]].join(
            directives.set_index("reference")[[source for source, _ in _DIRECTIVE_COLUMNS]], on="directive"
        )
        return {column: joined[source] for source, column in _DIRECTIVE_COLUMNS}
    at = references.get_indexer(req["directive"])
    return {
        column: pd.Series(directives[source].array.take(at, allow_fill=True), dtype=directives[source].dtype)
        for source, column in _DIRECTIVE_COLUMNS
    }


def _requirement_burden(f: Frames, req: pd.DataFrame, policy: Policy) -> Burden:
    """Return the burden of the requirements ``req`` (all in force) in every trust, without familiarisation."""
    n = len(req)
    # The columns added to ``req``, in this order, gathered as arrays and joined to it once.
    new = _directive_columns(f.directives, req)
    grades = f.grades.set_index("grade")
    new["is_estimate"] = req["minutes_estimate"].to_numpy() | req["frequency_estimate"].to_numpy()
    # Each requirement's own business-as-usual share; a share set in the policy for a requirement replaces it.
    share = req["data_bau_share"].to_numpy(dtype=float, copy=True)
    if policy.bau_share and n:
        override = req["requirement"].map(policy.bau_share)
        share = override.fillna(pd.Series(share)).astype(float).to_numpy()
    new["bau_share"] = share
    # Each requirement's grade looked up once; an unknown one (-1) reads the missing value appended at the end.
    grade_row = grades.index.get_indexer(req["grade"])

    def by_grade(column: str) -> np.ndarray:
        return np.append(grades[column].to_numpy(dtype=float), np.nan)[grade_row]

    includes = np.append(grades["includes_overheads"].to_numpy(dtype=bool), False)[grade_row]
    tariff = by_grade("hourly_tariff")
    new["hourly_tariff"] = tariff
    # A tariff that already includes overheads (the Australian framework's on-cost multiplier) gets none on top.
    new["cost_per_hour"] = tariff * np.where(includes, 1.0, 1 + policy.overhead_rate)
    if policy.productive_hours_override is not None:
        new["productive_hours"] = np.full(n, float(policy.productive_hours_override))
    else:
        new["productive_hours"] = by_grade("productive_hours")
    index = pd.Index(req["requirement"])  # where each requirement id is, for its activities and local figures
    steps = _per_occurrence(req, new, f.activities, grades, policy, index)

    trusts = f.trusts.reset_index(drop=True)
    driver_keys, volumes, volume_estimate = _volumes(f, trusts)
    driver_index = {key: i for i, key in enumerate(driver_keys)}
    didx = pd.Index(driver_keys).get_indexer(req["driver"])
    if (didx < 0).any():  # a driver no catalogue defines: fail as the lookup by name does
        didx = req["driver"].map(driver_index).to_numpy(dtype=np.intp)
    # Occurrences actually done: the rule's frequency times the share of cases it is complied with.
    opu = req["occurrences_per_unit"].to_numpy(dtype=float) * req["compliance_rate"].to_numpy(dtype=float)
    didx = didx.astype(np.intp) if n else np.zeros(0, dtype=np.intp)
    new["volume"] = volumes.sum(axis=1)[didx] if n else np.zeros(0)

    local = _local_cells(f.local, index, trusts)
    req = pd.concat([req, pd.DataFrame(new)], axis=1)
    burden = Burden(
        audit_date=policy.audit_date,
        overhead_rate=policy.overhead_rate,
        requirements=req,
        trusts=trusts,
        occurrence_rate=opu,
        driver_row=didx,
        local=local,
        volume_estimate=volume_estimate,
        familiarisation=pd.DataFrame(),
        familiarisation_by_trust=pd.DataFrame(),
        by_trust=pd.DataFrame(),
        staff=f.staff,
        driver_keys=driver_keys,
        volumes=volumes,
        activities=steps,
    )
    # National occurrences per requirement, read by every sum per requirement after.
    req = req.assign(occurrences=occurrence_row_sums(burden) if n else np.zeros(0))
    burden = replace(burden, requirements=req)
    # The national totals per requirement and per trust are part of the result: compute them once here.
    extra: dict[str, Any] = dict(zip(SUM_COLUMNS, _requirement_totals(burden)[1:], strict=True))
    extra["local_trusts"] = np.bincount(local["row"].to_numpy(), minlength=n)
    cost = _requirement_totals(burden, business_as_usual=False)[1:]
    for column, values in zip(SUM_COLUMNS, cost, strict=True):
        extra[f"admin_cost_{column}"] = values
    req = pd.concat([req, pd.DataFrame(extra)], axis=1)
    empty_fam = pd.DataFrame({"trust": _text(trusts["trust"].to_numpy()), **{c: 0.0 for c in SUM_COLUMNS}})
    return replace(
        burden,
        requirements=req,
        by_trust=trust_sums(burden),
        familiarisation=pd.DataFrame(columns=["directive", "grade", "staff_fte", *SUM_COLUMNS]),
        familiarisation_by_trust=empty_fam,
    )


def _volumes(f: Frames, trusts: pd.DataFrame) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Return the driver keys, each trust's volume of each (drivers x trusts) and whether that volume is an estimate.

    The five built-in drivers read the trust's own figures; a driver the catalogue defines reads its volume rows,
    and a trust without one has none of it (0).
    """
    keys = (*(str(d) for d in DRIVERS), *f.drivers)
    n = len(trusts)
    built_in = [trusts[c].to_numpy(dtype=float) for c in ("caseload", "commencements", "reports", "staff_fte")]
    volumes = np.vstack([*built_in, np.ones(n), np.zeros((len(f.drivers), n))])
    flags = [trusts[f"{c}_estimate"].to_numpy(dtype=bool) for c in ("caseload", "commencements", "reports", "staff")]
    estimate = np.vstack([*flags, np.zeros(n, dtype=bool), np.zeros((len(f.drivers), n), dtype=bool)])
    if len(f.volumes) and f.drivers:
        row = pd.Index(keys).get_indexer(f.volumes["driver"])
        col = pd.Index(trusts["trust"]).get_indexer(f.volumes["trust"])
        ok = (row >= len(DRIVERS)) & (col >= 0)
        volumes[row[ok], col[ok]] = f.volumes["volume"].to_numpy(dtype=float)[ok]
        estimate[row[ok], col[ok]] = f.volumes["estimate"].to_numpy(dtype=bool)[ok]
    return keys, volumes, estimate


# The columns of ``Burden.activities``: the activity's row in ``Burden.requirements``, its fields and its grade's rates.
_STEP_COLUMNS = ["row", "requirement", "activity_id", "activity", "grade", *MINUTE_FIELDS,
                 "hourly_tariff", "cost_per_hour", "productive_hours", "minutes_estimate"]  # fmt: skip


def _per_occurrence(
    req: pd.DataFrame,
    new: dict[str, Any],
    activities: pd.DataFrame,
    grades: pd.DataFrame,
    policy: Policy,
    index: pd.Index,
) -> pd.DataFrame:
    """Add to ``new`` each requirement's FTE-years and labour cost per occurrence at each level; return its activities.

    Without activities that is its minutes at its own grade. With activities it is the sum over them, each at
    its own grade's cost per hour and productive hours; the requirement's ``cost_per_hour``, ``hourly_tariff``
    and ``productive_hours`` become those of its central mix of grades (what a trust's own measured minutes,
    which do not say who did what, are priced at).
    """
    minutes = {x: req[f"minutes_{x}"].to_numpy(dtype=float) for x in LEVELS}
    cph = new["cost_per_hour"]
    inv_ph = 1.0 / new["productive_hours"]
    fte = {x: minutes[x] / 60.0 * inv_ph for x in LEVELS}
    cost = {x: minutes[x] / 60.0 * cph for x in LEVELS}
    steps = pd.DataFrame(columns=_STEP_COLUMNS)
    rows = index.get_indexer(activities["requirement"]) if len(activities) else np.zeros(0)
    if len(activities) and (rows >= 0).any():
        mine = activities.loc[rows >= 0].reset_index(drop=True)
        at = rows[rows >= 0].astype(np.intp)
        # Each activity's grade looked up once; an unknown one (-1) reads the missing value appended at the end.
        grade_row = grades.index.get_indexer(mine["grade"])
        includes = np.append(grades["includes_overheads"].to_numpy(dtype=bool), False)[grade_row]
        tariff = np.append(grades["hourly_tariff"].to_numpy(dtype=float), np.nan)[grade_row]
        step_cph = tariff * np.where(includes, 1.0, 1 + policy.overhead_rate)
        step_ph = (
            np.full(len(mine), float(policy.productive_hours_override))
            if policy.productive_hours_override is not None
            else np.append(grades["productive_hours"].to_numpy(dtype=float), np.nan)[grade_row]
        )
        steps = mine.assign(row=at, hourly_tariff=tariff, cost_per_hour=step_cph, productive_hours=step_ph)
        has = np.zeros(len(req), dtype=bool)
        has[at] = True
        n = len(req)
        for x in LEVELS:
            step_hours = mine[f"minutes_{x}"].to_numpy(dtype=float) / 60.0
            fte[x] = np.where(has, np.bincount(at, weights=step_hours / step_ph, minlength=n), fte[x])
            cost[x] = np.where(has, np.bincount(at, weights=step_hours * step_cph, minlength=n), cost[x])
        central_hours = np.bincount(at, weights=mine["minutes_central"].to_numpy(dtype=float) / 60.0, minlength=n)
        blend = has & (central_hours > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            mixed_tariff = np.bincount(
                at, weights=mine["minutes_central"].to_numpy(dtype=float) / 60.0 * tariff, minlength=n
            )
            new["cost_per_hour"] = np.where(blend, cost["central"] / central_hours, cph)
            new["hourly_tariff"] = np.where(blend, mixed_tariff / central_hours, new["hourly_tariff"])
            new["productive_hours"] = np.where(blend, central_hours / fte["central"], 1.0 / inv_ph)
        steps = steps[_STEP_COLUMNS]
    for x in LEVELS:
        new[f"occurrence_fte_{x}"] = fte[x]
        new[f"occurrence_labour_gbp_{x}"] = cost[x]
    return steps.reset_index(drop=True)


def _local_cells(local: pd.DataFrame, index: pd.Index, trusts: pd.DataFrame) -> pd.DataFrame:
    """Locate each local measurement in the matrix (``index``: the requirement ids); others are ignored."""
    r = index.get_indexer(local["requirement"])
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
            "bau_share": local["bau_share"].to_numpy(dtype=float)[keep],
        }
    )


def _weights(
    b: Burden, keep: np.ndarray | None, business_as_usual: bool = True, rows: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return per occurrence: hours [3, R], FTE [3, R] and cost [3, R] (low/central/high), scaled by ``keep``.

    With ``business_as_usual`` (the burden) the share a trust would do anyway is taken off; without it the
    weights give the administrative cost of the whole activity. Cost is the hours at the grade's cost per hour
    plus the out-of-pocket cost of each occurrence. With ``rows``, only those requirements' columns (in that order).
    """
    req = b.requirements

    def column(name: str) -> np.ndarray:
        values = req[name].to_numpy()
        return values if rows is None else values[rows]

    share = column("bau_share") if business_as_usual else np.zeros(len(req) if rows is None else len(rows))
    if keep is not None and rows is not None:
        keep = keep[rows]
    scale = 1.0 - share if keep is None else (1.0 - share) * keep
    minutes = np.vstack([column(f"minutes_{x}") for x in LEVELS])
    hours = minutes * (scale / 60.0)
    # FTE and labour cost per occurrence hold each activity's own grade (see _per_occurrence).
    fte = np.vstack([column(f"occurrence_fte_{x}") for x in LEVELS]) * scale
    labour = np.vstack([column(f"occurrence_labour_gbp_{x}") for x in LEVELS])
    cost = labour * scale + column("out_of_pocket_gbp") * scale
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
    occ = occurrence_cells(b, rows, cols)
    national = np.vstack([req[f"minutes_{x}"].to_numpy()[rows] for x in LEVELS])
    delta = occ * (loc["minutes"].to_numpy()[None, :] - national) * k
    return rows, cols, delta


def _local_bau_deltas(
    b: Burden, keep: np.ndarray | None, business_as_usual: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (rows, cols, change [9, n] in SUM_COLUMNS order) where a trust's own business-as-usual share applies.

    The cell's burden is its administrative cost x (1 - the trust's share) instead of x (1 - the requirement's), so
    the change is the cost x (requirement's share - trust's share); the cost holds the trust's own minutes if any.
    """
    if "bau_share" not in b.local or not business_as_usual:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp), np.zeros((9, 0))
    given = b.local["bau_share"].notna().to_numpy()
    if not given.any():  # no trust gave its own share: nothing changes (and no weights to work out)
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp), np.zeros((9, 0))
    loc = b.local[given]
    rows, cols = loc["row"].to_numpy(), loc["col"].to_numpy()
    # The weights of those cells' requirements only, the same figures as the whole rows would give.
    hours_w, fte_w, cost_w = _weights(b, keep, business_as_usual=False, rows=rows)
    occ = occurrence_cells(b, rows, cols)
    cost = np.vstack([hours_w, fte_w, cost_w]) * occ
    measured = loc["minutes"].notna().to_numpy()
    if measured.any():  # the trust's own minutes replace the national ones in the cost too
        req = b.requirements
        national = np.vstack([req[f"minutes_{x}"].to_numpy()[rows] for x in LEVELS])
        scale = np.ones(len(rows)) if keep is None else keep[rows]
        extra = occ * (loc["minutes"].to_numpy()[None, :] - national) / 60.0 * scale
        extra = np.where(measured[None, :], extra, 0.0)
        inv_ph = 1.0 / req["productive_hours"].to_numpy()[rows]
        cph = req["cost_per_hour"].to_numpy()[rows]
        cost = cost + np.vstack([extra, extra * inv_ph, extra * cph])
    change = cost * (b.requirements["bau_share"].to_numpy()[rows] - loc["bau_share"].to_numpy())
    return rows, cols, change


def trust_sums(b: Burden, keep: np.ndarray | None = None, business_as_usual: bool = True) -> pd.DataFrame:
    """Return recurring hours, FTE and cost (low/central/high) per trust, each requirement scaled by ``keep``.

    ``business_as_usual=False`` gives the administrative cost (before the share done anyway is taken off).
    """
    hours_w, fte_w, cost_w = _weights(b, keep, business_as_usual)
    weights = np.vstack([hours_w, fte_w, cost_w])  # 9 x R, in SUM_COLUMNS order
    totals = occurrence_product(b, weights) if len(b.requirements) else np.zeros((9, len(b.trusts)))
    rows, cols, delta = _local_deltas(b, keep, business_as_usual)
    if len(rows):
        inv_ph = 1.0 / b.requirements["productive_hours"].to_numpy()
        cph = b.requirements["cost_per_hour"].to_numpy()
        full = np.vstack([delta, delta * inv_ph[rows], delta * cph[rows]])
        for i in range(9):
            totals[i] += np.bincount(cols, weights=full[i], minlength=len(b.trusts))
    rows, cols, change = _local_bau_deltas(b, keep, business_as_usual)
    for i in range(9 if len(rows) else 0):
        totals[i] += np.bincount(cols, weights=change[i], minlength=len(b.trusts))
    out = pd.DataFrame(totals.T, columns=SUM_COLUMNS)
    out.insert(0, "trust", _text(b.trusts["trust"].to_numpy()))
    return out


def trust_central_hours(b: Burden, keeps: np.ndarray) -> np.ndarray:
    """Return the central recurring hours per trust for each row of ``keeps`` (K x requirements) at once.

    Row k is ``trust_sums(b, keeps[k])["hours_central"]`` (to rounding), for one pass over the occurrence matrix.
    """
    central = LEVELS.index("central")
    if not len(keeps) or not len(b.requirements):
        return np.zeros((len(keeps), len(b.trusts)))
    totals = occurrence_product(b, np.vstack([_weights(b, keep)[0][central] for keep in keeps]))
    for k, keep in enumerate(keeps):
        _, cols, delta = _local_deltas(b, keep)
        totals[k] += np.bincount(cols, weights=delta[central], minlength=len(b.trusts))
        _, cols, change = _local_bau_deltas(b, keep)
        if len(cols):
            totals[k] += np.bincount(cols, weights=change[central], minlength=len(b.trusts))
    return totals


def requirement_sums(b: Burden, keep: np.ndarray | None = None, business_as_usual: bool = True) -> pd.DataFrame:
    """Return national occurrences, hours, FTE and cost (low/central/high) per requirement, scaled by ``keep``."""
    occ_r, *sums = _requirement_totals(b, keep, business_as_usual)
    data = {"requirement": b.requirements["requirement"].to_numpy(), "occurrences": occ_r}
    return pd.DataFrame({**data, **dict(zip(SUM_COLUMNS, sums, strict=True))})


def _requirement_totals(b: Burden, keep: np.ndarray | None = None, business_as_usual: bool = True) -> list[np.ndarray]:
    """Return the arrays of :func:`requirement_sums`: occurrences, then one per ``SUM_COLUMNS`` in that order."""
    if "occurrences" in b.requirements:  # summed once when the burden was computed
        occ_r = b.requirements["occurrences"].to_numpy(dtype=float)
    else:
        occ_r = occurrence_row_sums(b) if len(b.requirements) else np.zeros(0)
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
    rows, _, bau_change = _local_bau_deltas(b, keep, business_as_usual)
    for i in range(3 if len(rows) else 0):
        hours[i] += np.bincount(rows, weights=bau_change[i], minlength=len(b.requirements))
        fte[i] += np.bincount(rows, weights=bau_change[3 + i], minlength=len(b.requirements))
        cost[i] += np.bincount(rows, weights=bau_change[6 + i], minlength=len(b.requirements))
    return [occ_r, *hours, *fte, *cost]


def burden_table(b: Burden, trusts: list[str] | None = None, requirements: list[str] | None = None) -> pd.DataFrame:
    """Return one row per requirement x trust (optionally only some trusts or requirements), sorted by both."""
    req = b.requirements
    rsel = np.arange(len(req)) if requirements is None else np.flatnonzero(req["requirement"].isin(requirements))
    tsel = np.arange(len(b.trusts)) if trusts is None else np.flatnonzero(b.trusts["trust"].isin(trusts).to_numpy())
    rr = np.repeat(rsel, len(tsel))
    tt = np.tile(tsel, len(rsel))
    occ = occurrence_cells(b, rr, tt) if len(rr) else np.zeros(0)
    local_min = np.full(len(rr), np.nan)
    local_occ = np.zeros(len(rr), dtype=bool)
    local_bau = np.full(len(rr), np.nan)
    if len(b.local) and len(rr):
        key = pd.Series(np.arange(len(rr)), index=pd.MultiIndex.from_arrays([rr, tt]))
        pos = key.reindex(pd.MultiIndex.from_arrays([b.local["row"], b.local["col"]]))
        hit = pos.notna().to_numpy()
        at = pos[hit].astype(np.intp).to_numpy()
        local_min[at] = b.local["minutes"].to_numpy()[hit]
        local_occ[at] = b.local["occurrences"].notna().to_numpy()[hit]
        if "bau_share" in b.local:
            local_bau[at] = b.local["bau_share"].to_numpy()[hit]
    has_min = ~np.isnan(local_min)
    # The share done anyway: the trust's own where it gave one, else the requirement's.
    share = np.where(np.isnan(local_bau), req["bau_share"].to_numpy()[rr], local_bau)
    k = (1.0 - share) / 60.0
    out = pd.DataFrame(
        {
            "requirement": req["requirement"].to_numpy()[rr],
            "trust": b.trusts["trust"].to_numpy()[tt],
            "directive": req["directive"].to_numpy()[rr],
            "grade": req["grade"].to_numpy()[rr],
            "driver": req["driver"].to_numpy()[rr],
        }
    )
    driver_index = {key: i for i, key in enumerate(b.driver_keys)}
    didx = req["driver"].map(driver_index).to_numpy(dtype=np.intp)[rr]
    out["volume"] = b.volumes[didx, tt] if len(rr) else np.zeros(0)
    out["occurrences"] = occ
    for x in LEVELS:
        out[f"minutes_{x}"] = np.where(has_min, local_min, req[f"minutes_{x}"].to_numpy()[rr])
    out["bau_share"] = share
    inv_ph = 1.0 / req["productive_hours"].to_numpy()[rr]
    cph = req["cost_per_hour"].to_numpy()[rr]
    for x in LEVELS:
        out[f"hours_{x}"] = occ * out[f"minutes_{x}"].to_numpy() * k
    net = occ * (1.0 - share)
    # National minutes: each activity at its own grade; a trust's own minutes: at the requirement's central mix.
    for x in LEVELS:
        national_fte = net * req[f"occurrence_fte_{x}"].to_numpy()[rr]
        out[f"fte_{x}"] = np.where(has_min, out[f"hours_{x}"].to_numpy() * inv_ph, national_fte)
    out_of_pocket = net * req["out_of_pocket_gbp"].to_numpy()[rr]
    for x in LEVELS:
        national_cost = net * req[f"occurrence_labour_gbp_{x}"].to_numpy()[rr]
        labour = np.where(has_min, out[f"hours_{x}"].to_numpy() * cph, national_cost)
        out[f"cost_{x}"] = labour + out_of_pocket
    out["local_minutes"] = has_min
    out["local_occurrences"] = local_occ
    out["local_bau_share"] = ~np.isnan(local_bau)
    out["basis"] = np.where(has_min | local_occ | ~np.isnan(local_bau), LOCAL, NATIONAL)
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
    by_trust = pd.DataFrame({"trust": _text(trusts["trust"].to_numpy()), **dict.fromkeys(SUM_COLUMNS, 0.0)})
    if policy.familiarisation_window_months == 0 or req.empty or trusts.empty:
        return by_pair, by_trust
    since = pd.Timestamp(months_before(policy.audit_date, policy.familiarisation_window_months))
    until = pd.Timestamp(policy.audit_date)
    issued = f.directives["issued"]
    new = set(f.directives.loc[(issued > since) & (issued <= until), "reference"])
    # Only the requirements of those directives matter: look the (few) of them up once.
    of_new = req.loc[req["directive"].isin(new)]
    # A directive whose catalogue entry already has a familiarisation requirement is not counted twice.
    own = set(of_new.loc[of_new["activity"] == str(Activity.FAMILIARISATION), "directive"])
    pairs = of_new.loc[of_new["directive"].isin(new - own), ["directive", "grade"]].drop_duplicates()
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


def grade_sums(b: Burden) -> pd.DataFrame:
    """Return the national recurring hours, FTE and cost by staff grade, a requirement split by its activities' grades.

    Columns ``grade, requirements, hours_*, fte_*, cost_*``; out-of-pocket costs stay with the requirement's own
    grade, and a trust's own measured minutes with its central mix of grades. The rows add up to the national sums.
    """
    req = b.requirements
    steps = b.activities
    whole = req[["grade", *SUM_COLUMNS]].copy()
    if len(steps):
        rows = steps["row"].to_numpy(dtype=np.intp)
        has = np.zeros(len(req), dtype=bool)
        has[rows] = True
        # Each activity's share of its requirement's national figure at each level (national minutes only).
        occ = req["occurrences"].to_numpy(dtype=float)[rows] * (1.0 - req["bau_share"].to_numpy()[rows])
        parts = {"grade": steps["grade"].to_numpy()}
        for x in LEVELS:
            hours = occ * steps[f"minutes_{x}"].to_numpy(dtype=float) / 60.0
            parts[f"hours_{x}"] = hours
            parts[f"fte_{x}"] = hours / steps["productive_hours"].to_numpy(dtype=float)
            parts[f"cost_{x}"] = hours * steps["cost_per_hour"].to_numpy(dtype=float)
        split = pd.DataFrame(parts)
        # What is left of the requirement (its out-of-pocket cost, trusts' own minutes) stays with its own grade.
        national = {c: np.bincount(rows, weights=split[c].to_numpy(), minlength=len(req)) for c in SUM_COLUMNS}
        for c in SUM_COLUMNS:
            whole[c] = np.where(has, req[c].to_numpy() - national[c], req[c].to_numpy())
        whole = pd.concat([whole, split], ignore_index=True)
    out = whole.groupby("grade", sort=True)[SUM_COLUMNS].sum()
    # A requirement counts once under each grade that does some of its work.
    own = req.loc[~np.isin(np.arange(len(req)), steps["row"].to_numpy() if len(steps) else []), "grade"]
    pairs = pd.concat([own, steps.drop_duplicates(["row", "grade"])["grade"] if len(steps) else own.iloc[:0]])
    out.insert(0, "requirements", pairs.value_counts().reindex(out.index, fill_value=0).astype(int))
    return out.reset_index()
