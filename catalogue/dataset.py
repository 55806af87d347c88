"""The embedded default dataset: England & Wales probation trusts, 2010-11, every figure with its provenance.

The dataset is the CSV files in ``catalogue/data``, one per catalogue table, in the format that
``proportion export --format csv`` writes; ``proportion init`` reads them with the importer users use.

No public table gives every trust's own caseload, reports, budget and staff for one year, so each
trust's figures are worked out from national totals and from what the public sources give for each
of the 42 probation areas the trusts were formed from (``catalogue/data/apportionment``):

- budget and staff: the national figure x the trust's share of the 2009-10 probation budget (the
  areas' planned 2009-10 budgets where published; elsewhere their 2003-04 budgets, scaled to the
  rest of the 2009-10 total);
- caseload: the national caseload x the trust's share of (budget share x offenders per offender
  manager at 31 Dec 2007), so that a trust whose officers carry more cases has more offenders;
- commencements: the national estimate x the trust's share of terminations of orders and licences
  (April-July 2009);
- reports: the national estimate x the trust's budget share.

A trust figure worked out from cited inputs is ``derived`` and its rationale is the formula with the
trust's own numbers; one that rests on an estimated national figure stays an ``estimate``. After
changing the inputs, ``python -m catalogue.dataset`` writes the figures into ``trusts.csv`` and
``trust_staff.csv`` (a test fails while the two disagree).

>>> apportion(10, {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
{'a': 4.0, 'b': 3.0, 'c': 3.0}
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from catalogue.errors import ImportProblems, Problem
from catalogue.models import Catalogue, Figure, Provenance, Trust
from catalogue.types import ProvenanceKind

DEFAULT_DATA = Path(__file__).resolve().parent / "data"
APPORTIONMENT = DEFAULT_DATA / "apportionment"
SHARED_VOLUMES = ("caseload", "commencements", "reports", "budget_gbp")
NATIONAL_FIGURES = (*SHARED_VOLUMES, "budget_2009_10_gbp")
AREA_COLUMNS = (
    "budget_2003_04_gbp000",
    "planned_budget_2009_10_gbp000",
    "offenders_per_offender_manager_2007",
    "terminations_apr_jul_2009",
)
PROVENANCE_FIELDS = ("kind", "document", "location", "address", "rationale")


def load_default_catalogue() -> Catalogue:
    """Read and validate the default dataset shipped in ``catalogue/data``."""
    from catalogue.io import read_catalogue

    return read_catalogue(DEFAULT_DATA)


# --- the inputs: national totals, national staff, and the figures of the 42 probation areas --------


class NationalFigure(BaseModel):
    """A national total to share out: its value, the step it is rounded to, its reference year and source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float = Field(ge=0, allow_inf_nan=False)
    rounded_to: float = Field(gt=0, allow_inf_nan=False)
    reference_year: str = Field(min_length=1)
    provenance: Provenance


class Area(BaseModel):
    """One of the 42 probation areas of 2003-09: the trust it became part of and its published figures."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    area: str = Field(min_length=1)
    trust: str = Field(min_length=1)
    budget_2003_04_gbp000: float = Field(gt=0, allow_inf_nan=False)
    planned_budget_2009_10_gbp000: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    offenders_per_offender_manager_2007: float = Field(gt=0, allow_inf_nan=False)
    terminations_apr_jul_2009: float = Field(ge=0, allow_inf_nan=False)


class AreaSource(BaseModel):
    """Where one column of the area figures comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    column: str
    reference_year: str = Field(min_length=1)
    document: str = Field(min_length=1)
    location: str = Field(min_length=1)
    address: str = Field(min_length=1)

    def short(self) -> str:
        """The source named in a sentence: document, place in it."""
        return f"{self.document}, {self.location.split(':')[0]}"


class Apportionment(BaseModel):
    """The inputs of the sharing out, and the trust weights worked out from them."""

    model_config = ConfigDict(frozen=True)

    volumes: dict[str, NationalFigure]
    staff: dict[str, NationalFigure]
    areas: list[Area]
    sources: dict[str, AreaSource]

    def trusts(self) -> list[str]:
        return sorted({a.trust for a in self.areas})

    def area_budgets_2009_10(self) -> dict[str, float]:
        """Each area's 2009-10 budget (£000): as planned where published, else its 2003-04 budget scaled.

        The areas whose planned budget is not published share what is left of the national 2009-10
        budget in proportion to their 2003-04 budgets.
        """
        national = self.volumes["budget_2009_10_gbp"].value / 1000
        published = sum(a.planned_budget_2009_10_gbp000 or 0 for a in self.areas)
        unpublished_2003 = sum(a.budget_2003_04_gbp000 for a in self.areas if a.planned_budget_2009_10_gbp000 is None)
        scale = (national - published) / unpublished_2003 if unpublished_2003 else 0.0
        return {a.area: a.planned_budget_2009_10_gbp000 or a.budget_2003_04_gbp000 * scale for a in self.areas}

    def weights(self) -> dict[str, dict[str, float]]:
        """Each trust's share (adding up to 1) of resources, of caseload and of commencements."""
        budget = self.area_budgets_2009_10()
        total_budget = sum(budget.values())
        resources = {a.area: budget[a.area] / total_budget for a in self.areas}
        capacity = {a.area: resources[a.area] * a.offenders_per_offender_manager_2007 for a in self.areas}
        flows = {a.area: a.terminations_apr_jul_2009 for a in self.areas}
        return {
            "resources": self._by_trust(resources),
            "caseload": self._by_trust(capacity),
            "commencements": self._by_trust(flows),
        }

    def _by_trust(self, per_area: dict[str, float]) -> dict[str, float]:
        total = sum(per_area.values())
        trusts: dict[str, float] = {}
        for a in self.areas:
            trusts[a.trust] = trusts.get(a.trust, 0.0) + per_area[a.area] / total
        return trusts


def apportion(total: float, shares: dict[str, float], unit: float = 1.0) -> dict[str, float]:
    """Split ``total`` by ``shares`` in whole ``unit`` steps so that the parts add up to the total exactly.

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


# --- reading the inputs, every bad row reported with its place ------------------------------------


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


MESSAGES = {
    "missing": "a value is required",
    "float_parsing": "must be a number",
    "finite_number": "must be a number",
    "greater_than_equal": "must be 0 or more",
    "greater_than": "must be above 0",
    "enum": "must be citation, derived or estimate",
    "string_too_short": "a value is required",
}


def _validated(model: type[BaseModel], data: dict[str, Any], file: str, line: int, problems: list[Problem]) -> Any:
    """The row as ``model``, or None with every problem of the row added to ``problems``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            field = str(error["loc"][0]) if error["loc"] else ""
            if field == "provenance":  # a citation names a document, an estimate or derivation gives a reason
                kind = (data.get("provenance") or {}).get("kind")
                column = "document" if kind == ProvenanceKind.CITATION else "rationale"
                if len(error["loc"]) > 1:
                    column = str(error["loc"][1])
                message = MESSAGES.get(error["type"], str(error["msg"]).removeprefix("Value error, "))
                problems.append(Problem(file, line, column, message))
            else:
                column = "value" if field == "value" else field
                problems.append(Problem(file, line, column, MESSAGES.get(error["type"], str(error["msg"]))))
        return None


def _national(row: dict[str, str], value_column: str) -> dict[str, Any]:
    return {
        "value": row.get(value_column),
        "rounded_to": row.get("rounded_to"),
        "reference_year": row.get("reference_year") or "",
        "provenance": {name: row.get(name) or None for name in PROVENANCE_FIELDS},
    }


def read_apportionment(folder: Path = APPORTIONMENT) -> Apportionment:
    """Read the national totals, national staff and area figures; raise ImportProblems listing every bad row."""
    problems: list[Problem] = []
    volumes = _read_volumes(folder / "national_totals.csv", problems)
    staff = _read_staff(folder / "national_staff.csv", problems)
    areas = _read_areas(folder / "areas.csv", problems)
    sources = _read_sources(folder / "area_sources.csv", problems)
    if problems:
        raise ImportProblems(problems)
    return Apportionment(volumes=volumes, staff=staff, areas=areas, sources=sources)


def _read_volumes(path: Path, problems: list[Problem]) -> dict[str, NationalFigure]:
    volumes: dict[str, NationalFigure] = {}
    for line, row in enumerate(_read_rows(path), start=2):
        name = (row.get("figure") or "").strip()
        if name not in NATIONAL_FIGURES:
            problems.append(Problem(path.name, line, "figure", f"must be one of {', '.join(NATIONAL_FIGURES)}"))
        found = _validated(NationalFigure, _national(row, "value"), path.name, line, problems)
        if found is not None:
            volumes[name] = found
    missing = [name for name in NATIONAL_FIGURES if name not in volumes]
    if missing and not problems:
        problems.append(Problem(path.name, None, "figure", f"no row for {', '.join(missing)}"))
    return volumes


def _read_staff(path: Path, problems: list[Problem]) -> dict[str, NationalFigure]:
    """National FTE per grade code: the sum of the source's job groups filed under it."""
    parts: dict[str, list[NationalFigure]] = {}
    for line, row in enumerate(_read_rows(path), start=2):
        data = _national(row, "fte")
        found = _validated(NationalFigure, data, path.name, line, problems)
        if found is not None:
            parts.setdefault((row.get("grade") or "").strip(), []).append(found)
    staff: dict[str, NationalFigure] = {}
    for grade, groups in parts.items():
        total = round(sum(g.value for g in groups), 2)  # the source gives hundredths of an FTE
        staff[grade] = groups[0].model_copy(update={"value": total})
    # A trust carries one provenance for all its staff figures, so every row must share it.
    if len({(f.provenance, f.rounded_to, f.reference_year) for g in parts.values() for f in g}) > 1:
        problems.append(Problem(path.name, None, None, "every row must have the same source and rounding"))
    return staff


def _read_areas(path: Path, problems: list[Problem]) -> list[Area]:
    areas: list[Area] = []
    for line, row in enumerate(_read_rows(path), start=2):
        columns = ("area", "trust", *AREA_COLUMNS)
        data: dict[str, Any] = {name: (row.get(name) or "").strip() or None for name in columns}
        found = _validated(Area, data, path.name, line, problems)
        if found is not None:
            areas.append(found)
    return areas


def _read_sources(path: Path, problems: list[Problem]) -> dict[str, AreaSource]:
    sources: dict[str, AreaSource] = {}
    for line, row in enumerate(_read_rows(path), start=2):
        found = _validated(AreaSource, {k: (v or "").strip() for k, v in row.items()}, path.name, line, problems)
        if found is not None:
            sources[found.column] = found
    for column in AREA_COLUMNS:
        if column not in sources:
            problems.append(Problem(path.name, None, "column", f"no source for {column}"))
    return sources


# --- sharing out: each trust's figures and the formula that gives them ----------------------------


def _pct(share: float) -> str:
    return f"{share:.2%}"


def _number(value: float) -> str:
    return f"{value:,.0f}"


class _Formulas:
    """The written-down formula of each trust figure, with the trust's own inputs."""

    def __init__(self, inputs: Apportionment) -> None:
        self.inputs = inputs
        self.weights = inputs.weights()
        self.budgets = inputs.area_budgets_2009_10()
        self.src = inputs.sources

    def _areas(self, trust: str) -> list[Area]:
        return [a for a in self.inputs.areas if a.trust == trust]

    def budget_share(self, trust: str) -> str:
        published, scaled = [], []
        for a in self._areas(trust):
            if a.planned_budget_2009_10_gbp000 is not None:
                published.append(f"{a.area} £{_number(a.planned_budget_2009_10_gbp000)}k planned")
            else:
                scaled.append(f"{a.area} £{_number(self.budgets[a.area])}k")
        parts = published[:]
        if scaled:
            factor = self.budgets[self._unpublished(trust).area] / self._unpublished(trust).budget_2003_04_gbp000
            parts.append(
                f"{', '.join(scaled)}: 2003-04 budget x {factor:.3f}, so that the areas whose 2009-10 budget is not "
                "published share the rest of the £894m"
            )
        return (
            f"{_pct(self.weights['resources'][trust])}, this trust's share of the 2009-10 probation budget "
            f"({'; '.join(parts)}; planned budgets from {self.src['planned_budget_2009_10_gbp000'].short()}, "
            f"2003-04 budgets from {self.src['budget_2003_04_gbp000'].short()})"
        )

    def _unpublished(self, trust: str) -> Area:
        return next(a for a in self._areas(trust) if a.planned_budget_2009_10_gbp000 is None)

    def caseload(self, trust: str, national: NationalFigure) -> str:
        ratios = ", ".join(f"{a.area} {a.offenders_per_offender_manager_2007:g}" for a in self._areas(trust))
        return (
            f"{_number(national.value)} offenders supervised nationally ({national.reference_year}) x "
            f"{_pct(self.weights['caseload'][trust])}, this trust's share of the sum over the 42 areas of "
            f"(share of the 2009-10 budget x offenders per offender manager at 31 Dec 2007: {ratios}; "
            f"{self.src['offenders_per_offender_manager_2007'].short()}); offender managers are taken to be in "
            f"proportion to budget, which is {_pct(self.weights['resources'][trust])} here"
        )

    def commencements(self, trust: str, national: NationalFigure) -> str:
        ended = sum(a.terminations_apr_jul_2009 for a in self._areas(trust))
        total = sum(a.terminations_apr_jul_2009 for a in self.inputs.areas)
        return (
            f"{national.provenance.rationale}; this trust's part is {_number(national.value)} x "
            f"{_pct(self.weights['commencements'][trust])}, its share of the terminations of orders and licences "
            f"in April-July 2009 ({_number(ended)} of {_number(total)}; "
            f"{self.src['terminations_apr_jul_2009'].short()}), taken as the share of starts"
        )

    def by_budget(self, trust: str, national: NationalFigure, what: str) -> str:
        """The national figure x the trust's budget share; an estimate keeps its national rationale in front."""
        if national.provenance.is_estimate:
            part = f"{_number(national.value)} x {self.budget_share(trust)}"
            return f"{national.provenance.rationale}; this trust's part is {part}"
        return f"{what}{_number(national.value)} ({national.reference_year}) x {self.budget_share(trust)}"


def _trust_provenance(national: NationalFigure, formula: str) -> Provenance:
    """A trust figure's provenance: an estimate if its national figure is one, otherwise derived from it."""
    if national.provenance.is_estimate:
        return Provenance.estimate(formula)
    p = national.provenance
    location = f"{p.location}; reference {national.reference_year}" if p.location else None
    return Provenance.derive(formula, document=p.document, location=location, address=p.address)


def share_out(catalogue: Catalogue, inputs: Apportionment) -> Catalogue:
    """Return the catalogue with every trust's volumes, budget and staff worked out from the inputs."""
    names = {trust.name for trust in catalogue.trusts}
    known = set(inputs.trusts())
    if names != known:
        raise ImportProblems(
            [Problem("areas.csv", None, "trust", f"not a trust of the catalogue: {n}") for n in sorted(known - names)]
            + [Problem("areas.csv", None, "trust", f"no probation area for {n}") for n in sorted(names - known)]
        )
    formulas = _Formulas(inputs)
    weights = formulas.weights
    v = inputs.volumes
    weight_of = {"caseload": "caseload", "commencements": "commencements", "reports": "resources"}
    weight_of["budget_gbp"] = "resources"
    parts = {name: apportion(v[name].value, weights[weight_of[name]], v[name].rounded_to) for name in SHARED_VOLUMES}
    staff = {g: apportion(f.value, weights["resources"], f.rounded_to) for g, f in inputs.staff.items()}
    first_staff = next(iter(inputs.staff.values()))

    def formula(name: str, trust: str) -> str:
        if name == "caseload":
            return formulas.caseload(trust, v[name])
        if name == "commencements":
            return formulas.commencements(trust, v[name])
        what = {"reports": "reports a year ", "budget_gbp": "the national allocation of £"}[name]
        return formulas.by_budget(trust, v[name], what)

    def shared(trust: Trust) -> Trust:
        figures = {
            name: Figure(
                value=parts[name][trust.name], provenance=_trust_provenance(v[name], formula(name, trust.name))
            )
            for name in SHARED_VOLUMES
        }
        staff_formula = (
            f"national staff in post by job group ({first_staff.reference_year}), "
            f"{first_staff.provenance.rationale}, x {formulas.budget_share(trust.name)}"
        )
        return trust.model_copy(
            update={
                **figures,
                "staff_fte": {grade: staff[grade][trust.name] for grade in inputs.staff},
                "staff_provenance": _trust_provenance(first_staff, staff_formula),
            }
        )

    return catalogue.model_copy(update={"trusts": [shared(trust) for trust in catalogue.trusts]})


def write_shared_out(folder: Path = DEFAULT_DATA) -> Catalogue:
    """Rewrite the dataset in ``folder`` with the trusts' figures worked out from ``folder/apportionment``."""
    from catalogue.io import export_catalogue, read_catalogue

    catalogue = share_out(read_catalogue(folder), read_apportionment(folder / APPORTIONMENT.name))
    export_catalogue(catalogue, folder, fmt="csv")
    return catalogue


def main() -> int:
    """Write the trusts' worked-out figures into the default dataset (``python -m catalogue.dataset``)."""
    try:
        catalogue = write_shared_out()
    except ImportProblems as exc:
        print(exc.report())
        return 1
    print(f"Worked out the figures of {len(catalogue.trusts)} trusts in {DEFAULT_DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
