"""SQLite persistence through sqlite-utils: models in, models out, every multi-row write in one transaction.

>>> db = open_db(":memory:")
>>> load_catalogue(db).requirements
[]

Connections are cheap: open one per script run or command. Every connection has foreign keys on,
a busy timeout, and (for files) WAL, so readers never block the writer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlite_utils import Database

from catalogue.errors import AlreadyExists, NotFound, StaleWrite
from catalogue.history import record_change, record_changes
from catalogue.local_figures import (
    FigureEdit,
    FigureProblem,
    FigureProblems,
    FigureRow,
    StaleEdit,
    StaleFigures,
    read_edits,
)
from catalogue.migrations import migrate
from catalogue.models import (
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
from catalogue.rows import unflatten
from catalogue.tables import TABLES, activity_rows, flat_row

# Catalogue tables in an order that satisfies foreign keys when inserting (reverse it for deleting).
WRITE_ORDER = (
    "outcomes",
    "staff_grades",
    "drivers",
    "directives",
    "directive_supersessions",
    "requirements",
    "activities",
    "trusts",
    "trust_staff",
    "driver_volumes",
    "relevance_scores",
    "local_measurements",
)
# A requirement's activities are rows of their own table, written and read with it.
REQUIREMENT_ONLY = frozenset({"activities"})
SYSTEM_ACTOR = "system"


@contextlib.contextmanager
def writing(db: Database) -> Iterator[Database]:
    """A write transaction that takes the write lock at once (BEGIN IMMEDIATE), nested as a savepoint.

    Taking the lock before reading means a version check and the write it guards see the same data:
    two writers queue on the busy timeout instead of one failing to upgrade a stale read.
    """
    if db.conn.in_transaction:
        with db.atomic():  # a savepoint inside the caller's transaction
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            db.conn.rollback()
            raise


def connect(path: str | Path) -> Database:
    """Open a connection with foreign keys, a busy timeout and WAL, without migrating."""
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 30000")
    if str(path) != ":memory:":
        db.enable_wal()
    return db


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) a Proportion database with its schema up to date."""
    db = connect(path)
    migrate(db)
    return db


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --- rows <-> models -------------------------------------------------------------------------


def _row(model: BaseModel, exclude: frozenset[str] | set[str] | None = None) -> dict[str, Any]:
    return flat_row(model, frozenset(exclude or ()))


_NOT_FIELDS = frozenset({"version", "rowid", "rank"})


def _model(cls: type[BaseModel], row: dict[str, Any], **extra: Any) -> Any:
    data = unflatten({k: v for k, v in row.items() if k not in _NOT_FIELDS})
    data.update(extra)
    return cls.model_validate(data)


def _directive_rows(directives: Iterable[Directive]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    rows: list[dict[str, Any]] = []
    links: list[dict[str, str]] = []
    for d in directives:
        rows.append(_row(d, {"supersedes"}))
        links.extend({"directive": d.reference, "supersedes": ref} for ref in d.supersedes)
    return rows, links


def _trust_rows(trusts: Iterable[Trust]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    staff: list[dict[str, Any]] = []
    for t in trusts:
        rows.append(_row(t, {"staff_fte"}))
        staff.extend({"trust": t.name, "grade": g, "fte": fte} for g, fte in t.staff_fte.items())
    return rows, staff


def _supersessions(db: Database) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for row in db.query("SELECT directive, supersedes FROM directive_supersessions ORDER BY directive, supersedes"):
        links.setdefault(row["directive"], []).append(row["supersedes"])
    return links


def _staff(db: Database) -> dict[str, dict[str, float]]:
    staff: dict[str, dict[str, float]] = {}
    for row in db.query("SELECT trust, grade, fte FROM trust_staff ORDER BY trust, grade"):
        staff.setdefault(row["trust"], {})[row["grade"]] = row["fte"]
    return staff


def _activities(db: Database, requirement: str | None = None) -> dict[str, list[RequirementActivity]]:
    """Return the activities of every requirement (or of one), by requirement id, sorted by activity id."""
    where, args = ("WHERE requirement = ?", [requirement]) if requirement is not None else ("", [])
    steps: dict[str, list[RequirementActivity]] = {}
    for row in db.query(f"SELECT * FROM activities {where} ORDER BY requirement, id", args):
        owner = row.pop("requirement")
        steps.setdefault(owner, []).append(_model(RequirementActivity, row))
    return steps


def _requirement(row: dict[str, Any], steps: dict[str, list[RequirementActivity]]) -> Requirement:
    return _model(Requirement, row, activities=steps.get(row["id"], []))


def load_catalogue(db: Database) -> Catalogue:
    """Read the whole catalogue into memory, every list sorted by primary key."""
    links = _supersessions(db)
    staff = _staff(db)
    steps = _activities(db)

    def rows(table: str) -> list[dict[str, Any]]:
        pk = ", ".join(f'"{c}"' for c in TABLES[table][1])
        return list(db.query(f"SELECT * FROM {table} ORDER BY {pk}"))

    return Catalogue(
        directives=[_model(Directive, r, supersedes=links.get(r["reference"], [])) for r in rows("directives")],
        staff_grades=[_model(StaffGrade, r) for r in rows("staff_grades")],
        requirements=[_requirement(r, steps) for r in rows("requirements")],
        trusts=[_model(Trust, r, staff_fte=staff.get(r["name"], {})) for r in rows("trusts")],
        outcomes=[_model(Outcome, r) for r in rows("outcomes")],
        relevance_scores=[_model(RelevanceScore, r) for r in rows("relevance_scores")],
        local_measurements=[_model(LocalMeasurement, r) for r in rows("local_measurements")],
        drivers=[_model(VolumeDriver, r) for r in rows("drivers")],
        driver_volumes=[_model(DriverVolume, r) for r in rows("driver_volumes")],
    )


def catalogue_counts(db: Database) -> dict[str, int]:
    """Return the number of rows in each catalogue table."""
    return {table: db.table(table).count for table in WRITE_ORDER}


def save_catalogue(
    db: Database, catalogue: Catalogue, *, replace: bool = False, actor: str = SYSTEM_ACTOR, reason: str = ""
) -> dict[str, int]:
    """Write a whole catalogue in one transaction: upsert its rows, or with ``replace`` make the tables equal to it.

    Returns the number of rows written per table. Foreign keys are checked when the transaction commits,
    so rows may refer to each other in any order.
    """
    directives, links = _directive_rows(catalogue.directives)
    trusts, staff = _trust_rows(catalogue.trusts)
    tables: dict[str, list[dict[str, Any]]] = {
        "outcomes": [_row(o) for o in catalogue.outcomes],
        "staff_grades": [_row(g) for g in catalogue.staff_grades],
        "directives": directives,
        "directive_supersessions": links,
        "requirements": [_row(r, REQUIREMENT_ONLY) for r in catalogue.requirements],
        "activities": activity_rows(catalogue.requirements),
        "trusts": trusts,
        "trust_staff": staff,
        "drivers": [_row(d) for d in catalogue.drivers],
        "driver_volumes": [_row(v) for v in catalogue.driver_volumes],
        "relevance_scores": [_row(s) for s in catalogue.relevance_scores],
        "local_measurements": [_row(m) for m in catalogue.local_measurements],
    }
    pks = {name: TABLES[name][1] for name in TABLES}
    pks["directive_supersessions"] = ("directive", "supersedes")
    with writing(db):
        db.execute("PRAGMA defer_foreign_keys = ON")
        before = _parts_before(db, catalogue, replace)
        if replace:
            for table in reversed(WRITE_ORDER):
                db.execute(f"DELETE FROM {table}")
        else:
            # A directive's supersession links and a trust's staff are replaced as a whole.
            for d in catalogue.directives:
                db.execute("DELETE FROM directive_supersessions WHERE directive = ?", [d.reference])
            for t in catalogue.trusts:
                db.execute("DELETE FROM trust_staff WHERE trust = ?", [t.name])
            for r in catalogue.requirements:
                db.execute("DELETE FROM activities WHERE requirement = ?", [r.id])
        for table in WRITE_ORDER:
            if tables[table]:
                pk = pks[table]
                db.table(table).upsert_all(tables[table], pk=pk[0] if len(pk) == 1 else pk, batch_size=500)
        counts = {table: len(rows) for table, rows in tables.items()}
        record_change(
            db,
            actor=actor,
            entity="catalogue",
            entity_id="*",
            action="replace" if replace else "import",
            new=counts,
            reason=reason,
        )
        for entity, old in before.items():
            new = _parts_after(catalogue, entity, old, replace)
            record_changes(db, actor=actor, entity=entity, old=old.records, new=new, reason=reason)
    return counts


@dataclass(frozen=True)
class _Parts:
    """Records an import writes as parts, as stored before it: by history id, with the owners they were read for."""

    records: dict[str, Any]
    owners: frozenset[str] = frozenset()


def _parts_before(db: Database, catalogue: Catalogue, replace: bool) -> dict[str, _Parts]:
    """What an import may change of the records it writes as parts: activities, drivers, driver volumes.

    Activities are kept for the requirements stored before the import that it rewrites (a new requirement is
    covered by the import's own entry); drivers and their volumes are few, and kept whole.
    """
    stored = {str(row[0]) for row in db.execute("SELECT id FROM requirements").fetchall()}
    owners = frozenset(stored if replace else stored & {r.id for r in catalogue.requirements})
    steps = {owner: owned for owner, owned in _activities(db).items() if owner in owners}
    return {
        "activity": _Parts(_activities_by_id(steps), owners),
        "driver": _Parts({r["key"]: _model(VolumeDriver, r) for r in db.query("SELECT * FROM drivers")}),
        "driver_volume": _Parts(
            {f"{r['trust']} / {r['driver']}": _model(DriverVolume, r) for r in db.query("SELECT * FROM driver_volumes")}
        ),
    }


def _parts_after(catalogue: Catalogue, entity: str, before: _Parts, replace: bool) -> dict[str, Any]:
    """The records of :func:`_parts_before` once ``catalogue`` is written (an upsert keeps what it does not name)."""
    if entity == "activity":
        return _activities_by_id({r.id: r.activities for r in catalogue.requirements if r.id in before.owners})
    records = (
        {d.key: d for d in catalogue.drivers}
        if entity == "driver"
        else {f"{v.trust} / {v.driver}": v for v in catalogue.driver_volumes}
    )
    return records if replace else {**before.records, **records}


# --- single records --------------------------------------------------------------------------


def _check_version(db: Database, table: str, key: dict[str, Any], expected: int | None) -> dict[str, Any] | None:
    where = " AND ".join(f'"{k}" = ?' for k in key)
    rows = list(db.query(f"SELECT * FROM {table} WHERE {where}", list(key.values())))
    current = rows[0] if rows else None
    if expected is not None and current is not None and current.get("version", 1) != expected:
        raise StaleWrite(table, " / ".join(map(str, key.values())), expected, current["version"], current)
    if expected is not None and current is None and expected != 0:
        raise StaleWrite(table, " / ".join(map(str, key.values())), expected, 0, {})
    return current


def _put(
    db: Database,
    table: str,
    key: dict[str, Any],
    row: dict[str, Any],
    *,
    actor: str,
    reason: str,
    expected_version: int | None,
    entity: str,
) -> int:
    current = _check_version(db, table, key, expected_version)
    version = (current or {}).get("version", 0) + 1
    old = {k: v for k, v in (current or {}).items() if k != "version"} or None
    row = {**row, "version": version}
    pk = tuple(key)
    db.table(table).upsert(row, pk=pk[0] if len(pk) == 1 else pk)
    record_change(
        db,
        actor=actor,
        entity=entity,
        entity_id=" / ".join(map(str, key.values())),
        action="update" if current else "create",
        old=old,
        new={k: v for k, v in row.items() if k != "version"},
        reason=reason,
    )
    return int(version)


def upsert_directive(
    db: Database,
    directive: Directive,
    *,
    actor: str = SYSTEM_ACTOR,
    reason: str = "",
    expected_version: int | None = None,
) -> int:
    """Create or update a directive (with its supersession links) and record the change; return its new version.

    ``expected_version=0`` means the directive is new: a reference that exists is refused (AlreadyExists).
    """
    rows, links = _directive_rows([directive])
    with writing(db):
        if expected_version == 0:
            _refuse_taken(db, "directives", directive.reference, "directive", "reference")
        db.execute("PRAGMA defer_foreign_keys = ON")
        version = _put(
            db,
            "directives",
            {"reference": directive.reference},
            rows[0],
            actor=actor,
            reason=reason,
            expected_version=expected_version,
            entity="directive",
        )
        db.execute("DELETE FROM directive_supersessions WHERE directive = ?", [directive.reference])
        if links:
            db.table("directive_supersessions").insert_all(links)
    return version


def upsert_requirement(
    db: Database,
    requirement: Requirement,
    *,
    actor: str = SYSTEM_ACTOR,
    reason: str = "",
    expected_version: int | None = None,
) -> int:
    """Create or update a requirement and record the change; return its new version.

    ``expected_version=0`` means the requirement is new: an id that exists is refused (AlreadyExists).
    """
    with writing(db):
        if expected_version == 0:
            _refuse_taken(db, "requirements", requirement.id, "requirement", "id")
        requirement = _with_activities(db, requirement)
        stored = _activities(db, requirement.id).get(requirement.id, [])
        version = _put(
            db,
            "requirements",
            {"id": requirement.id},
            _row(requirement, REQUIREMENT_ONLY),
            actor=actor,
            reason=reason,
            expected_version=expected_version,
            entity="requirement",
        )
        db.execute("DELETE FROM activities WHERE requirement = ?", [requirement.id])
        if requirement.activities:
            db.table("activities").insert_all(activity_rows([requirement]))
        record_changes(
            db,
            actor=actor,
            entity="activity",
            old=_activities_by_id({requirement.id: stored}),
            new=_activities_by_id({requirement.id: requirement.activities}),
            reason=reason,
        )
        return version


def _activities_by_id(steps: dict[str, list[RequirementActivity]]) -> dict[str, RequirementActivity]:
    """The activities of some requirements keyed as their history names them: "requirement / activity"."""
    return {f"{owner} / {step.id}": step for owner, owned in steps.items() for step in owned}


def _with_activities(db: Database, requirement: Requirement) -> Requirement:
    """The requirement checked whole, with its activities; built without them (a form), it keeps the stored ones.

    Raises ValidationError when its minutes are not the sum of its activities' minutes.
    """
    data = requirement.model_dump()
    if "activities" not in requirement.model_fields_set:
        data["activities"] = _activities(db, requirement.id).get(requirement.id, [])
    return Requirement.model_validate(data)


def same_id(key: str) -> str:
    """Return the form of an id or reference under which two spellings name the same record.

    Capitals and runs of spaces do not make a new record: "pi 15/2010" and "PI  15/2010" are PI 15/2010.
    """
    return " ".join(key.split()).casefold()


def existing_id(db: Database, table: str, key: str) -> str | None:
    """Return the stored id of the ``table`` row that ``key`` names (see :func:`same_id`), or None."""
    column = TABLES[table][1][0]
    wanted = same_id(key)
    for (stored,) in db.execute(f'SELECT "{column}" FROM {table}').fetchall():
        if same_id(stored) == wanted:
            return str(stored)
    return None


def _refuse_taken(db: Database, table: str, key: str, entity: str, id_name: str) -> None:
    found = existing_id(db, table, key)
    if found is not None:
        raise AlreadyExists(entity, key, found, id_name)


def create_directive(db: Database, directive: Directive, *, actor: str = SYSTEM_ACTOR, reason: str = "") -> int:
    """Add a new directive and record it; return its version (1).

    Refuses (AlreadyExists, nothing written) when a directive with the same reference exists, even one that differs
    only in capitals or spacing: a new record never replaces an old one. Edit existing ones with upsert_directive.
    """
    return upsert_directive(db, directive, actor=actor, reason=reason, expected_version=0)


def create_requirement(db: Database, requirement: Requirement, *, actor: str = SYSTEM_ACTOR, reason: str = "") -> int:
    """Add a new requirement and record it; return its version (1).

    Refuses (AlreadyExists, nothing written) when a requirement with the same id exists, even one that differs only
    in capitals: a new record never replaces an old one. Edit existing ones with upsert_requirement.
    """
    return upsert_requirement(db, requirement, actor=actor, reason=reason, expected_version=0)


def upsert_staff_grade(db: Database, grade: StaffGrade, *, actor: str = SYSTEM_ACTOR, reason: str = "") -> int:
    """Create or update a staff grade and record the change."""
    with writing(db):
        return _put(
            db,
            "staff_grades",
            {"code": grade.code},
            _row(grade),
            actor=actor,
            reason=reason,
            expected_version=None,
            entity="staff_grade",
        )


def save_relevance_score(db: Database, score: RelevanceScore, *, actor: str = SYSTEM_ACTOR) -> None:
    """Create or replace one requirement x outcome score, recording the change with its rationale as the reason."""
    key = {"requirement": score.requirement, "outcome": score.outcome}
    with writing(db):
        current = _check_version(db, "relevance_scores", key, None)
        db.table("relevance_scores").upsert(_row(score), pk=("requirement", "outcome"))
        record_change(
            db,
            actor=actor,
            entity="relevance_score",
            entity_id=f"{score.requirement} / {score.outcome}",
            action="update" if current else "create",
            old=current,
            new=_row(score),
            reason=score.rationale,
        )


def save_local_measurement(
    db: Database, measurement: LocalMeasurement, *, actor: str = SYSTEM_ACTOR, expected_version: int | None = None
) -> int:
    """Record a trust's own measurement for a requirement; return its new version."""
    key = {"trust": measurement.trust, "requirement": measurement.requirement}
    with writing(db):
        return _put(
            db,
            "local_measurements",
            key,
            _row(measurement),
            actor=actor,
            reason=measurement.comment,
            expected_version=expected_version,
            entity="local_measurement",
        )


def delete_local_measurement(
    db: Database, trust: str, requirement: str, *, actor: str = SYSTEM_ACTOR, expected_version: int | None = None
) -> bool:
    """Remove a trust's measurement (the national estimate applies again); return whether one existed.

    With ``expected_version``, a measurement someone else changed since that version is not removed (StaleWrite).
    """
    with writing(db):
        _check_version(db, "local_measurements", {"trust": trust, "requirement": requirement}, expected_version)
        rows = list(db.table("local_measurements").rows_where("trust = ? AND requirement = ?", [trust, requirement]))
        if not rows:
            return False
        db.execute("DELETE FROM local_measurements WHERE trust = ? AND requirement = ?", [trust, requirement])
        record_change(
            db,
            actor=actor,
            entity="local_measurement",
            entity_id=f"{trust} / {requirement}",
            action="delete",
            old=rows[0],
        )
    return True


def record_local_figures(
    db: Database,
    trust: str,
    requirement: str,
    minutes: float | None,
    occurrences_per_year: float | None,
    comment: str = "",
    *,
    actor: str = SYSTEM_ACTOR,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> LocalMeasurement | None:
    """Record what a trust measured for a requirement; with neither figure, go back to the national estimate.

    Validates like any measurement (ValidationError) and refuses a save based on a stale version (StaleWrite).
    Returns the measurement saved, or None when it was removed.
    """
    if minutes is None and occurrences_per_year is None:
        delete_local_measurement(db, trust, requirement, actor=actor, expected_version=expected_version)
        return None
    measurement = LocalMeasurement(
        trust=trust,
        requirement=requirement,
        minutes=minutes,
        occurrences_per_year=occurrences_per_year,
        comment=comment,
        recorded_by=actor,
        recorded_on=today or dt.date.today(),
    )
    save_local_measurement(db, measurement, actor=actor, expected_version=expected_version)
    return measurement


def local_figure_versions(db: Database, trust: str) -> dict[str, int]:
    """Return the stored version of each of a trust's measurements, by requirement (edits are based on these)."""
    rows = db.execute("SELECT requirement, version FROM local_measurements WHERE trust = ?", [trust]).fetchall()
    return {str(requirement): int(version) for requirement, version in rows}


def _stored_figures(db: Database, trust: str, requirements: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = list(dict.fromkeys(requirements))
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = db.query(f"SELECT * FROM local_measurements WHERE trust = ? AND requirement IN ({marks})", [trust, *wanted])
    return {row["requirement"]: row for row in rows}


def _same_figures(edit: FigureEdit, row: dict[str, Any] | None) -> bool:
    """True when saving ``edit`` would change nothing (the stored measurement already says the same)."""
    if row is None:
        return edit.clears
    if edit.sets_bau and (row.get("bau_share"), row.get("bau_source") or "") != (edit.bau_share, edit.bau_source):
        return False
    return (row["minutes"], row["occurrences_per_year"], row["comment"] or "") == edit.values


def stale_edits(db: Database, trust: str, rows: Iterable[FigureRow]) -> list[StaleEdit]:
    """Sort out rows edited against a table that has changed since: return the ones to set aside and offer back.

    A row whose figures the store already holds (saved by this user or, identically, by someone else) is
    done and left out; every other row comes back with the stored measurement beside it, so the user can
    compare and reapply it (:meth:`StaleEdit.rebased`) or discard it. A row that cannot be read is never
    "already saved". ``changed_meanwhile`` says whether someone saved that requirement's figures after the
    row's table was drawn.
    """
    rows = list(rows)
    stored = _stored_figures(db, trust, [r.requirement for r in rows])
    out = []
    for row in rows:
        current = stored.get(row.requirement)
        [edit], problems = read_edits([row])
        if not problems and _same_figures(edit, current):
            continue
        out.append(StaleEdit(row, current, int(current["version"]) if current else 0))
    return out


def record_local_figure_edits(
    db: Database,
    trust: str,
    edits: Iterable[FigureEdit],
    *,
    actor: str = SYSTEM_ACTOR,
    today: dt.date | None = None,
) -> int:
    """Save a trust's figures for several requirements in one transaction: all of them, or none.

    Each edit is checked against the version it was based on: when someone saved any of the same figures
    first, :class:`StaleFigures` lists every such edit and nothing is saved. A requirement that does not
    exist is a :class:`FigureProblems`. An edit that changes nothing writes nothing (no new version, no
    history entry). An edit with neither figure removes the trust's measurement (the national estimate applies
    again). Returns the number of measurements changed.
    """
    edits = list(edits)
    with writing(db):
        stored = _stored_figures(db, trust, [e.requirement for e in edits])
        versions = {requirement: int(row["version"]) for requirement, row in stored.items()}
        changing = [e for e in edits if not _same_figures(e, stored.get(e.requirement))]
        stale = [
            StaleEdit(e.as_row(), stored.get(e.requirement), versions.get(e.requirement, 0))
            for e in changing
            if versions.get(e.requirement, 0) != e.expected_version
        ]
        if stale:
            raise StaleFigures(stale)
        wanted = [e.requirement for e in changing]
        known = {
            str(row[0])
            for row in db.execute(
                f"SELECT id FROM requirements WHERE id IN ({', '.join('?' for _ in wanted)})", wanted
            ).fetchall()
        }
        unknown = [e for e in changing if e.requirement not in known]
        if unknown:
            raise FigureProblems([FigureProblem(e.row, "Id", "no such requirement in the catalogue.") for e in unknown])
        for edit in changing:
            key = {"trust": trust, "requirement": edit.requirement}
            share_source = f"Source of our business-as-usual share: {edit.bau_source}" if edit.bau_source else ""
            reason = " ".join(part for part in (edit.comment, edit.note, share_source) if part)
            # An edit that does not say the business-as-usual share (a study's minutes) keeps the one stored.
            before = stored.get(edit.requirement) or {}
            bau_share = edit.bau_share if edit.sets_bau else before.get("bau_share")
            bau_source = (edit.bau_source or None) if edit.sets_bau else before.get("bau_source")
            if edit.minutes is None and edit.occurrences_per_year is None and bau_share is None:
                db.execute("DELETE FROM local_measurements WHERE trust = ? AND requirement = ?", list(key.values()))
                record_change(
                    db,
                    actor=actor,
                    entity="local_measurement",
                    entity_id=f"{trust} / {edit.requirement}",
                    action="delete",
                    old=stored[edit.requirement],
                    reason=reason,
                )
                continue
            measurement = LocalMeasurement(
                trust=trust,
                requirement=edit.requirement,
                minutes=edit.minutes,
                occurrences_per_year=edit.occurrences_per_year,
                comment=edit.comment,
                recorded_by=actor,
                recorded_on=today or dt.date.today(),
                bau_share=bau_share,
                bau_source=bau_source if bau_share is not None else None,
                **_interval_kept(edit, before),
            )
            _put(
                db,
                "local_measurements",
                key,
                _row(measurement),
                actor=actor,
                reason=reason,
                expected_version=edit.expected_version,
                entity="local_measurement",
            )
    return len(changing)


def _interval_kept(edit: FigureEdit, before: dict[str, Any]) -> dict[str, Any]:
    """A study's 95% interval of a figure the edit leaves as it was (a figure typed anew has none)."""
    kept: dict[str, Any] = {}
    for figure, value in (("minutes", edit.minutes), ("occurrences_per_year", edit.occurrences_per_year)):
        if value is not None and before.get(figure) == value:
            kept |= {f"{figure}_low": before.get(f"{figure}_low"), f"{figure}_high": before.get(f"{figure}_high")}
    return kept


# --- queries ---------------------------------------------------------------------------------


def get_directive(db: Database, reference: str) -> Directive:
    """Return one directive or raise NotFound."""
    rows = list(db.table("directives").rows_where("reference = ?", [reference]))
    if not rows:
        raise NotFound(f"no directive {reference!r}")
    return _model(Directive, rows[0], supersedes=_supersessions(db).get(reference, []))


def get_requirement(db: Database, requirement_id: str) -> Requirement:
    """Return one requirement or raise NotFound."""
    rows = list(db.table("requirements").rows_where("id = ?", [requirement_id]))
    if not rows:
        raise NotFound(f"no requirement {requirement_id!r}")
    return _requirement(rows[0], _activities(db, requirement_id))


def row_version(db: Database, table: str, **key: Any) -> int:
    """Return the stored version of a row (0 when it does not exist), for optimistic locking."""
    where = " AND ".join(f'"{k}" = ?' for k in key)
    found = db.execute(f"SELECT version FROM {table} WHERE {where}", list(key.values())).fetchone()
    return int(found[0]) if found else 0


def list_directives(db: Database, status: str | None = None) -> list[Directive]:
    """Return directives (optionally of one status) sorted by reference."""
    links = _supersessions(db)
    where, args = ("status = ?", [status]) if status else (None, [])
    return [
        _model(Directive, r, supersedes=links.get(r["reference"], []))
        for r in db.table("directives").rows_where(where, args, order_by="reference")
    ]


def list_trusts(db: Database) -> list[Trust]:
    """Return the trusts sorted by name."""
    staff = _staff(db)
    return [
        _model(Trust, r, staff_fte=staff.get(r["name"], {})) for r in db.table("trusts").rows_where(order_by="name")
    ]


def search_requirements(db: Database, query: str, limit: int | None = None) -> list[Requirement]:
    """Full-text search over requirement text, actor, frequency and paragraph; best matches first."""
    query = query.strip()
    if not query:
        return []
    rows = list(db.table("requirements").search(query, limit=limit, quote=True))
    steps = _activities(db) if rows else {}
    return [_requirement(r, steps) for r in rows]


def search_directives(db: Database, query: str, limit: int | None = None) -> list[Directive]:
    """Full-text search over directive reference, title and summary; best matches first."""
    query = query.strip()
    if not query:
        return []
    links = _supersessions(db)
    rows = db.table("directives").search(query, limit=limit, quote=True)
    return [_model(Directive, r, supersedes=links.get(r["reference"], [])) for r in rows]


# --- settings --------------------------------------------------------------------------------


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    """Return a stored setting (decoded from JSON) or ``default``."""
    found = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(found[0]) if found else default


def set_setting(db: Database, key: str, value: Any, *, actor: str = SYSTEM_ACTOR, reason: str = "") -> None:
    """Store a setting as JSON (``None`` deletes it) and record the change."""
    with writing(db):
        old = get_setting(db, key)
        if value is None:
            db.execute("DELETE FROM settings WHERE key = ?", [key])
        else:
            db.table("settings").upsert(
                {"key": key, "value": json.dumps(value, sort_keys=True), "updated_by": actor, "updated_at": _now()},
                pk="key",
            )
        record_change(
            db,
            actor=actor,
            entity="setting",
            entity_id=key,
            action="update" if value is not None else "delete",
            old=old,
            new=value,
            reason=reason,
        )
