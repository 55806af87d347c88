"""The catalogue as named tables of flat rows: the shape of SQLite tables, CSV files and XLSX sheets.

``to_tables`` turns a :class:`Catalogue` into rows; ``from_tables`` validates rows back into a
catalogue, collecting every problem (bad value, unknown reference, duplicate key) with its location.
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Callable
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from catalogue.errors import ImportProblems, Problem, number_message
from catalogue.models import (
    ACTIVITY_SUM,
    MINUTE_LEVELS,
    Catalogue,
    Directive,
    DriverVolume,
    LocalMeasurement,
    Outcome,
    RelevanceScore,
    Requirement,
    RequirementActivity,
    StaffGrade,
    Trust,
    VolumeDriver,
)
from catalogue.rows import error_column, flatten, unflatten
from catalogue.types import BUILT_IN_DRIVERS

# Table name -> (model, primary key columns, fields of the model kept out of the flat row).
TABLES: dict[str, tuple[type[BaseModel] | None, tuple[str, ...], frozenset[str]]] = {
    "directives": (Directive, ("reference",), frozenset()),
    "staff_grades": (StaffGrade, ("code",), frozenset()),
    "requirements": (Requirement, ("id",), frozenset({"activities"})),
    # One row per activity of a requirement, keyed by the requirement and the activity's own id.
    "activities": (RequirementActivity, ("requirement", "id"), frozenset()),
    "trusts": (Trust, ("name",), frozenset({"staff_fte"})),
    "trust_staff": (None, ("trust", "grade"), frozenset()),
    "outcomes": (Outcome, ("key",), frozenset()),
    "relevance_scores": (RelevanceScore, ("requirement", "outcome"), frozenset()),
    "local_measurements": (LocalMeasurement, ("trust", "requirement"), frozenset()),
    "drivers": (VolumeDriver, ("key",), frozenset()),
    "driver_volumes": (DriverVolume, ("trust", "driver"), frozenset()),
}
TRUST_STAFF_COLUMNS = ["trust", "grade", "fte"]
# Activities are validated before the requirements that hold them, whose minutes are their sum.
READ_ORDER = ("activities", *(t for t in TABLES if t != "activities"))
LIST_SEPARATOR = "; "

Locate = Callable[[str, int], tuple[str, int | None]]


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found:
                return found
    return None


def model_columns(model: type[BaseModel], prefix: str = "", exclude: frozenset[str] = frozenset()) -> list[str]:
    """Return the flat column names of a model, nested models expanded with ``__``."""
    columns: list[str] = []
    for name, field in model.model_fields.items():
        if name in exclude:
            continue
        nested = _nested_model(field.annotation)
        if nested is not None:
            columns.extend(model_columns(nested, f"{prefix}{name}__"))
        else:
            columns.append(f"{prefix}{name}")
    return columns


def table_columns(table: str) -> list[str]:
    """Return the columns of one exported table, in file order."""
    model, _, exclude = TABLES[table]
    if model is None:
        return TRUST_STAFF_COLUMNS
    columns = model_columns(model, exclude=exclude)
    return ["requirement", *columns] if table == "activities" else columns


def activity_rows(requirements: list[Requirement]) -> list[dict[str, Any]]:
    """Return the activities of ``requirements`` as flat rows of the ``activities`` table."""
    return [{"requirement": r.id, **flat_row(step)} for r in requirements for step in r.activities]


def flat_row(model: BaseModel, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Return a model as one flat row with every column of its table, an empty optional part as empty columns.

    A requirement without a business-as-usual source dumps ``bau_provenance: None``; its table has the
    ``bau_provenance__*`` columns instead, so those are set empty and the bare name is dropped.
    """
    flat = flatten(model.model_dump(mode="json", exclude=set(exclude)))
    columns = model_columns(type(model), exclude=exclude)
    row = {column: flat.get(column) for column in columns}
    row.update({k: v for k, v in flat.items() if k not in row and v is not None})
    return row


def _row(model: BaseModel, exclude: frozenset[str]) -> dict[str, Any]:
    flat = flat_row(model, exclude)
    if isinstance(model, Directive):
        flat["supersedes"] = LIST_SEPARATOR.join(model.supersedes)
    return flat


def to_tables(catalogue: Catalogue) -> dict[str, list[dict[str, Any]]]:
    """Return every table of the catalogue as flat rows in column order, sorted by primary key."""
    sources: dict[str, list[Any]] = {
        "directives": catalogue.directives,
        "staff_grades": catalogue.staff_grades,
        "requirements": catalogue.requirements,
        "trusts": catalogue.trusts,
        "outcomes": catalogue.outcomes,
        "relevance_scores": catalogue.relevance_scores,
        "local_measurements": catalogue.local_measurements,
        "drivers": catalogue.drivers,
        "driver_volumes": catalogue.driver_volumes,
    }
    tables: dict[str, list[dict[str, Any]]] = {}
    for table, (_model, pk, exclude) in TABLES.items():
        columns = table_columns(table)
        if table == "activities":
            rows = activity_rows(catalogue.requirements)
        elif table == "trust_staff":
            rows = [
                {"trust": t.name, "grade": grade, "fte": fte}
                for t in catalogue.trusts
                for grade, fte in t.staff_fte.items()
            ]
        else:
            rows = [_row(item, exclude) for item in sources[table]]
        rows = [{c: row.get(c) for c in columns} for row in rows]
        rows.sort(key=lambda r: tuple(str(r[k]) for k in pk))
        tables[table] = rows
    return tables


def _validate(model: type[BaseModel], data: dict[str, Any], source: str, row: int | None) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = [Problem(source, row, error_column(err["loc"]), _message(err)) for err in exc.errors()]
        return None, problems


def _message(err: Any) -> str:
    """Return one validation error of an imported cell in plain words: a refused figure says what to type."""
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if err["type"] == "missing":
        return "a value is required"
    plain = number_message(err.get("input"), str(err["type"]), dict(err.get("ctx") or {}))
    if plain is not None:
        return plain
    given = err.get("input")
    if err["type"] not in ("missing",) and not isinstance(given, dict) and given not in (None, ""):
        msg += f" (got {given!r})"
    return msg


def _rows_of(tables: dict[str, list[dict[str, Any]]], table: str) -> list[dict[str, Any]]:
    return tables.get(table) or []


def from_tables(
    tables: dict[str, list[dict[str, Any]]], locate: Locate, existing: Catalogue | None = None
) -> Catalogue:
    """Validate flat rows into a :class:`Catalogue`, or raise :class:`ImportProblems` listing every problem.

    ``locate(table, index)`` names the file or sheet and the row number a user sees for a row;
    references may point at records of ``existing`` (the catalogue the rows will be merged into).
    """
    problems: list[Problem] = []
    unknown = set(tables) - set(TABLES)
    for name in sorted(unknown):
        problems.append(Problem(name, None, None, f"unknown table {name!r}; expected one of {', '.join(TABLES)}"))

    seen_keys: dict[str, dict[tuple[str, ...], int]] = {}
    where: dict[tuple[str, tuple[str, ...]], tuple[str, int | None]] = {}
    parsed: dict[str, list[tuple[Any, tuple[str, int | None]]]] = {}
    staff: dict[str, dict[str, float]] = {}

    activities: dict[str, list[tuple[RequirementActivity, tuple[str, int | None]]]] = {}
    held = {r.id: r for r in existing.requirements} if existing is not None else {}
    for table in READ_ORDER:
        model, pk, _exclude = TABLES[table]
        parsed[table] = []
        seen_keys[table] = {}
        expected = set(table_columns(table))
        for index, raw in enumerate(_rows_of(tables, table)):
            source, row_no = locate(table, index)
            extra = [c for c in raw if c not in expected and c not in (None, "")]
            for column in extra:
                problems.append(Problem(source, row_no, str(column), "unknown column"))
            key = tuple(str(raw.get(k) or "").strip() for k in pk)
            if all(key):
                if key in seen_keys[table]:
                    problems.append(Problem(source, row_no, pk[-1], f"duplicate {' + '.join(pk)} {' / '.join(key)!r}"))
                    continue
                seen_keys[table][key] = index
                where[(table, key)] = (source, row_no)
            data = unflatten({k: v for k, v in raw.items() if k in expected})
            if table == "trust_staff":
                item, found = _staff_row(data, source, row_no)
                problems.extend(found)
                if item:
                    staff.setdefault(item[0], {})[item[1]] = item[2]
                    parsed[table].append((item, (source, row_no)))
                continue
            if table == "trusts":
                data["staff_fte"] = {}
            if table == "activities":
                owner = str(data.pop("requirement", "") or "").strip()
                if not owner:
                    problems.append(Problem(source, row_no, "requirement", "a value is required"))
            if table == "requirements" and "activities" in tables:
                data["activities"] = [step for step, _ in activities.get(str(data.get("id", "")).strip(), [])]
            elif table == "requirements" and str(data.get("id", "")).strip() in held:
                # Requirements imported without an activities table keep the activities they have.
                data["activities"] = list(held[str(data.get("id", "")).strip()].activities)
            assert model is not None
            obj, found = _validate(model, data, source, row_no)
            if table == "requirements":
                found = [_at_activity(p, activities.get(str(data.get("id", "")).strip(), [])) for p in found]
            problems.extend(found)
            if obj is not None:
                parsed[table].append((obj, (source, row_no)))
                if table == "activities" and owner:
                    activities.setdefault(owner, []).append((obj, (source, row_no)))

    requirements = [o for o, _ in parsed["requirements"]]
    failed = {key[0] for key in seen_keys["requirements"]}
    problems.extend(_attach_to_existing(requirements, activities, existing, failed))
    catalogue = Catalogue(
        directives=[o for o, _ in parsed["directives"]],
        staff_grades=[o for o, _ in parsed["staff_grades"]],
        requirements=requirements,
        trusts=[o.model_copy(update={"staff_fte": staff.get(o.name, {})}) for o, _ in parsed["trusts"]],
        outcomes=[o for o, _ in parsed["outcomes"]],
        relevance_scores=[o for o, _ in parsed["relevance_scores"]],
        local_measurements=[o for o, _ in parsed["local_measurements"]],
        drivers=[o for o, _ in parsed["drivers"]],
        driver_volumes=[o for o, _ in parsed["driver_volumes"]],
    )
    parsed["activities"] = [((owner, step), where) for owner, steps in activities.items() for step, where in steps]
    # A row that failed validation still exists for its neighbours: report it once, not in every row that names it.
    present = {table: {key[-1] if table != "trust_staff" else key for key in keys} for table, keys in seen_keys.items()}
    problems.extend(reference_problems(catalogue, parsed, existing, present))
    if problems:
        raise ImportProblems(problems)
    return catalogue


ActivityRows = dict[str, list[tuple[RequirementActivity, tuple[str, int | None]]]]


def _at_activity(problem: Problem, steps: list[tuple[RequirementActivity, tuple[str, int | None]]]) -> Problem:
    """Put a requirement's "minutes must be the sum of its activities" problem in the minutes column it concerns."""
    for level in MINUTE_LEVELS:
        if problem.column is None and problem.message.startswith(level.replace("_", " ")) and steps:
            return Problem(problem.source, problem.row, level, problem.message)
    return problem


def _attach_to_existing(
    requirements: list[Requirement], activities: ActivityRows, existing: Catalogue | None, in_input: set[str]
) -> list[Problem]:
    """Give the activities of requirements that are not in the input to the requirement the catalogue holds.

    Its minutes become the sum of the new activities. Appends the updated requirements to ``requirements``.
    """
    problems: list[Problem] = []
    held = {r.id: r for r in existing.requirements} if existing is not None else {}
    for owner, steps in activities.items():
        if owner in in_input:
            continue
        if owner not in held:
            problems.extend(Problem(s, row, "requirement", f"unknown requirement {owner!r}") for _, (s, row) in steps)
            continue
        data = held[owner].model_dump()
        data.update({level: None for level in MINUTE_LEVELS}, activities=[step for step, _ in steps])
        if held[owner].activities or held[owner].minutes_provenance.rationale == ACTIVITY_SUM:
            data["minutes_provenance"] = None
        try:
            requirements.append(Requirement.model_validate(data))
        except ValidationError as exc:
            source, row = steps[0][1]
            problems.extend(Problem(source, row, None, _message(err)) for err in exc.errors())
    return problems


def _staff_row(
    data: dict[str, Any], source: str, row: int | None
) -> tuple[tuple[str, str, float] | None, list[Problem]]:
    problems = []
    for column in TRUST_STAFF_COLUMNS:
        if column not in data:
            problems.append(Problem(source, row, column, "a value is required"))
    if problems:
        return None, problems
    try:
        fte = float(data["fte"])
    except (TypeError, ValueError):
        return None, [Problem(source, row, "fte", str(number_message(data["fte"], "float_parsing")))]
    if not math.isfinite(fte) or fte < 0:
        # "nan" or "inf" would pass float() and be stored as nothing: refuse it here, with its row.
        kind = "finite_number" if not math.isfinite(fte) else "greater_than_equal"
        return None, [Problem(source, row, "fte", str(number_message(data["fte"], kind, {"ge": 0})))]
    return (str(data["trust"]).strip(), str(data["grade"]).strip(), fte), []


def reference_problems(
    catalogue: Catalogue,
    parsed: dict[str, list[tuple[Any, tuple[str, int | None]]]] | None = None,
    existing: Catalogue | None = None,
    present: dict[str, set[Any]] | None = None,
) -> list[Problem]:
    """Return a problem for every reference to a directive, grade, trust, requirement or outcome that does not exist.

    ``present`` holds the keys of rows that exist in the input even if they failed validation.
    """
    pool = [catalogue] if existing is None else [catalogue, existing]
    also = present or {}
    directives = {d.reference for c in pool for d in c.directives} | also.get("directives", set())
    grades = {g.code for c in pool for g in c.staff_grades} | also.get("staff_grades", set())
    trusts = {t.name for c in pool for t in c.trusts} | also.get("trusts", set())
    requirements = {r.id for c in pool for r in c.requirements} | also.get("requirements", set())
    outcomes = {o.key for c in pool for o in c.outcomes} | also.get("outcomes", set())
    drivers = BUILT_IN_DRIVERS | {d.key for c in pool for d in c.drivers} | also.get("drivers", set())
    problems: list[Problem] = []

    def located(table: str) -> list[tuple[Any, tuple[str, int | None]]]:
        if parsed is not None:
            return parsed[table]
        items: dict[str, list[Any]] = {
            "directives": catalogue.directives,
            "requirements": catalogue.requirements,
            "relevance_scores": catalogue.relevance_scores,
            "local_measurements": catalogue.local_measurements,
            "driver_volumes": catalogue.driver_volumes,
        }
        if table == "activities":
            steps = [(r.id, step) for r in catalogue.requirements for step in r.activities]
            return [(item, (table, i + 1)) for i, item in enumerate(steps)]
        return [(item, (table, i + 1)) for i, item in enumerate(items.get(table, []))]

    def check(table: str, column: str, value: str | None, known: set[str], what: str, loc: tuple[str, int | None]):
        if value is not None and value not in known:
            problems.append(Problem(loc[0], loc[1], column, f"unknown {what} {value!r}"))

    for d, loc in located("directives"):
        check("directives", "cancelled_by", d.cancelled_by, directives, "directive", loc)
        for ref in d.supersedes:
            check("directives", "supersedes", ref, directives, "directive", loc)
    for r, loc in located("requirements"):
        check("requirements", "directive", r.directive, directives, "directive", loc)
        check("requirements", "grade", r.grade, grades, "staff grade", loc)
        check("requirements", "counted_in", r.counted_in, requirements, "requirement", loc)
        if r.driver not in drivers:
            problems.append(
                Problem(loc[0], loc[1], "driver", f"unknown driver {r.driver!r}: not built in, nor defined in drivers")
            )
    for (_owner, step), loc in located("activities"):
        check("activities", "grade", step.grade, grades, "staff grade", loc)
    if parsed is not None:
        for (trust, grade, _fte), loc in parsed["trust_staff"]:
            check("trust_staff", "trust", trust, trusts, "trust", loc)
            check("trust_staff", "grade", grade, grades, "staff grade", loc)
    else:
        for t in catalogue.trusts:
            for grade in t.staff_fte:
                check("trusts", "staff_fte", grade, grades, "staff grade", ("trusts", None))
    for s, loc in located("relevance_scores"):
        check("relevance_scores", "requirement", s.requirement, requirements, "requirement", loc)
        check("relevance_scores", "outcome", s.outcome, outcomes, "outcome", loc)
    for m, loc in located("local_measurements"):
        check("local_measurements", "trust", m.trust, trusts, "trust", loc)
        check("local_measurements", "requirement", m.requirement, requirements, "requirement", loc)
    for v, loc in located("driver_volumes"):
        check("driver_volumes", "trust", v.trust, trusts, "trust", loc)
        if v.driver in BUILT_IN_DRIVERS:
            message = f"{v.driver} is a built-in driver: its volumes are the trusts' own figures"
            problems.append(Problem(loc[0], loc[1], "driver", message))
        elif v.driver not in drivers:
            problems.append(Problem(loc[0], loc[1], "driver", f"unknown driver {v.driver!r}: define it in drivers"))
    return problems
