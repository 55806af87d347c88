"""The embedded default dataset: England & Wales probation trusts, 2010-11, every figure with its provenance.

The dataset is the CSV files in ``catalogue/data``, one per catalogue table, in the format that
``proportion export --format csv`` writes; ``proportion init`` reads them with the importer users use.
The trusts' volumes, budgets and staff are national totals shared out by each trust's share of the
2003-04 budget. What is shared out, and the shares, are data too, in ``catalogue/data/apportionment``;
after changing them, ``python -m catalogue.dataset`` writes the shared-out figures into ``trusts.csv``
and ``trust_staff.csv`` (a test fails while the two disagree).

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

DEFAULT_DATA = Path(__file__).resolve().parent / "data"
APPORTIONMENT = DEFAULT_DATA / "apportionment"
SHARED_VOLUMES = ("caseload", "commencements", "reports", "budget_gbp")
PROVENANCE_FIELDS = ("kind", "document", "location", "address", "rationale")


def load_default_catalogue() -> Catalogue:
    """Read and validate the default dataset shipped in ``catalogue/data``."""
    from catalogue.io import read_catalogue

    return read_catalogue(DEFAULT_DATA)


# --- sharing national totals out across the trusts ----------------------------------------------


class NationalFigure(BaseModel):
    """A national total to share out: its value, the step it is rounded to, its source and how it is shared."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float = Field(ge=0, allow_inf_nan=False)
    rounded_to: float = Field(gt=0, allow_inf_nan=False)
    provenance: Provenance
    shared_out: str = Field(min_length=1)

    def trust_provenance(self) -> Provenance:
        """The provenance of each trust's part: the national source, saying how the part was worked out."""
        rationale = "; ".join(part for part in (self.provenance.rationale, self.shared_out) if part)
        return self.provenance.model_copy(update={"rationale": rationale})


class Apportionment(BaseModel):
    """The inputs of the sharing out: national volumes, national staff per grade, and each trust's share."""

    model_config = ConfigDict(frozen=True)

    volumes: dict[str, NationalFigure]
    staff: dict[str, NationalFigure]
    shares_pct: dict[str, float]

    def shares(self) -> dict[str, float]:
        """Each trust's share, rescaled so that the shares add up to exactly 1."""
        total = sum(self.shares_pct.values())
        return {name: pct / total for name, pct in self.shares_pct.items()}


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


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _figure(row: dict[str, str], value_column: str, file: str, line: int, problems: list[Problem]) -> Any:
    data = {
        "value": row.get(value_column),
        "rounded_to": row.get("rounded_to"),
        "provenance": {name: row.get(name) or None for name in PROVENANCE_FIELDS},
        "shared_out": row.get("shared_out") or "",
    }
    try:
        return NationalFigure.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(Problem(file, line, *_located(error, value_column, data)))
        return None


def _located(error: Any, value_column: str, data: dict[str, Any]) -> tuple[str | None, str]:
    """The column a user sees and a plain message for one validation error."""
    field = str(error["loc"][-1]) if error["loc"] else ""
    if field == "provenance":  # the rule that a citation names a document and an estimate gives a reason
        column = "rationale" if data["provenance"].get("kind") == "estimate" else "document"
        return column, str(error["msg"]).removeprefix("Value error, ")
    column = value_column if field == "value" else field
    messages = {
        "missing": "a value is required",
        "float_parsing": "must be a number",
        "finite_number": "must be a number",
        "greater_than_equal": "must be 0 or more",
        "greater_than": "must be above 0",
        "enum": "must be citation or estimate",
        "string_too_short": "a value is required",
    }
    return column, messages.get(error["type"], str(error["msg"]))


def read_apportionment(folder: Path = APPORTIONMENT) -> Apportionment:
    """Read the national totals, national staff and trust shares; raise ImportProblems listing every bad row."""
    problems: list[Problem] = []
    volumes = _read_volumes(folder / "national_totals.csv", problems)
    staff = _read_staff(folder / "national_staff.csv", problems)
    shares = _read_shares(folder / "trust_shares.csv", problems)
    if problems:
        raise ImportProblems(problems)
    return Apportionment(volumes=volumes, staff=staff, shares_pct=shares)


def _read_volumes(path: Path, problems: list[Problem]) -> dict[str, NationalFigure]:
    volumes: dict[str, NationalFigure] = {}
    named: set[str] = set()
    for line, row in enumerate(_read_rows(path), start=2):
        name = (row.get("figure") or "").strip()
        named.add(name)
        if name not in SHARED_VOLUMES:
            problems.append(Problem(path.name, line, "figure", f"must be one of {', '.join(SHARED_VOLUMES)}"))
        found = _figure(row, "value", path.name, line, problems)
        if found is not None:
            volumes[name] = found
    missing = [name for name in SHARED_VOLUMES if name not in named]
    if missing:
        problems.append(Problem(path.name, None, "figure", f"no row for {', '.join(missing)}"))
    return volumes


def _read_staff(path: Path, problems: list[Problem]) -> dict[str, NationalFigure]:
    """National FTE per grade code: the sum of the source's staff groups filed under it."""
    parts: dict[str, list[NationalFigure]] = {}
    for line, row in enumerate(_read_rows(path), start=2):
        found = _figure(row, "fte", path.name, line, problems)
        if found is not None:
            parts.setdefault((row.get("grade") or "").strip(), []).append(found)
    staff: dict[str, NationalFigure] = {}
    for grade, groups in parts.items():
        # A trust carries one provenance for all its staff figures, so every row must share it.
        if len({(g.rounded_to, g.provenance, g.shared_out) for g in groups}) > 1:
            problems.append(Problem(path.name, None, "grade", f"the rows of grade {grade!r} differ in their source"))
            continue
        total = round(sum(g.value for g in groups), 2)  # the source gives hundredths of an FTE
        staff[grade] = groups[0].model_copy(update={"value": total})
    if len({(f.provenance, f.shared_out) for f in staff.values()}) > 1:
        problems.append(Problem(path.name, None, None, "every grade must have the same source"))
    return staff


def _read_shares(path: Path, problems: list[Problem]) -> dict[str, float]:
    shares: dict[str, float] = {}
    column = "share_of_2003_04_budget_pct"
    for line, row in enumerate(_read_rows(path), start=2):
        try:
            pct = float(row.get(column) or "")
        except ValueError:
            pct = -1.0
        if not (math.isfinite(pct) and pct > 0):
            problems.append(Problem(path.name, line, column, "must be a number above 0"))
            continue
        shares[(row.get("trust") or "").strip()] = pct
    return shares


def share_out(catalogue: Catalogue, inputs: Apportionment) -> Catalogue:
    """Return the catalogue with every trust's volumes, budget and staff shared out from the national totals."""
    names = {trust.name for trust in catalogue.trusts}
    if names != set(inputs.shares_pct):
        unknown = sorted(set(inputs.shares_pct) - names)
        unshared = sorted(names - set(inputs.shares_pct))
        raise ImportProblems(
            [Problem("trust_shares.csv", None, "trust", f"not a trust of the catalogue: {name}") for name in unknown]
            + [Problem("trust_shares.csv", None, "trust", f"no share for {name}") for name in unshared]
        )
    shares = inputs.shares()
    parts = {name: apportion(f.value, shares, f.rounded_to) for name, f in inputs.volumes.items()}
    staff = {grade: apportion(f.value, shares, f.rounded_to) for grade, f in inputs.staff.items()}
    staff_provenance = next(iter(inputs.staff.values())).trust_provenance()

    def shared(trust: Trust) -> Trust:
        figures = {
            name: Figure(value=parts[name][trust.name], provenance=inputs.volumes[name].trust_provenance())
            for name in SHARED_VOLUMES
        }
        return trust.model_copy(
            update={
                **figures,
                "staff_fte": {grade: staff[grade][trust.name] for grade in inputs.staff},
                "staff_provenance": staff_provenance,
            }
        )

    return catalogue.model_copy(update={"trusts": [shared(trust) for trust in catalogue.trusts]})


def write_shared_out(folder: Path = DEFAULT_DATA) -> Catalogue:
    """Rewrite the dataset in ``folder`` with the trusts' figures shared out from ``folder/apportionment``."""
    from catalogue.io import export_catalogue, read_catalogue

    catalogue = share_out(read_catalogue(folder), read_apportionment(folder / APPORTIONMENT.name))
    export_catalogue(catalogue, folder, fmt="csv")
    return catalogue


def main() -> int:
    """Write the shared-out trust figures into the default dataset (``python -m catalogue.dataset``)."""
    try:
        catalogue = write_shared_out()
    except ImportProblems as exc:
        print(exc.report())
        return 1
    print(f"Shared the national totals out across {len(catalogue.trusts)} trusts in {DEFAULT_DATA}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
