"""Schema migrations: a new file gets every migration; a file made by the previous release upgrades losing nothing."""

from __future__ import annotations

import gzip
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from catalogue.backup import check
from catalogue.migrations import MIGRATIONS, migrate
from catalogue.models import LocalMeasurement
from catalogue.store import connect, load_catalogue, open_db, save_local_measurement

PREVIOUS_RELEASE = Path(__file__).resolve().parent / "data" / "previous-release.db.gz"
REGISTERED = [m.name for m in MIGRATIONS.pending(Database(memory=True))]


@pytest.fixture
def previous_release_db(tmp_path: Path) -> Path:
    """A private copy of the database file made by the previous release."""
    path = tmp_path / "previous.db"
    path.write_bytes(gzip.decompress(PREVIOUS_RELEASE.read_bytes()))
    return path


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (full-text indexes and SQLite's own tables aside), in rowid order."""
    conn = sqlite3.connect(path)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE '%_fts%' AND name != '_sqlite_migrations' ORDER BY name"
            )
        ]
        return {name: conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall() for name in names}
    finally:
        conn.close()


def schema(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return {
            (name, sql)
            for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE name != '_sqlite_migrations'")
            if not name.startswith(("_sqlite_migrations", "idx__sqlite_migrations"))
        }
    finally:
        conn.close()


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_the_previous_release_file_counts_its_schema_in_user_version(previous_release_db: Path) -> None:
    conn = sqlite3.connect(previous_release_db)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert user_version(previous_release_db) == 5
    assert "_sqlite_migrations" not in tables
    assert {"history", "scenarios", "reviews", "drafts", "users", "sessions"} <= tables


def test_a_new_database_records_every_migration_in_order(tmp_path: Path) -> None:
    db = open_db(tmp_path / "new.db")
    assert [m.name for m in MIGRATIONS.applied(db)] == REGISTERED
    assert MIGRATIONS.pending(db) == []
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(REGISTERED)
    db.conn.close()


def test_previous_release_database_upgrades_without_loss(previous_release_db: Path) -> None:
    rows_before = snapshot(previous_release_db)
    schema_before = schema(previous_release_db)
    assert sum(len(rows) for rows in rows_before.values()) > 50

    db = open_db(previous_release_db)
    applied = MIGRATIONS.applied(db)
    assert [m.name for m in applied] == REGISTERED
    assert MIGRATIONS.pending(db) == []
    catalogue = load_catalogue(db)
    db.conn.close()

    rows_after = snapshot(previous_release_db)
    # Every row keeps every value it had; the requirements table only gains the columns of m006 (work kind,
    # business-as-usual share, counted-in link), which take their defaults.
    width = {name: len(rows[0]) if rows else 0 for name, rows in rows_before.items()}
    new_tables = {"studies", "study_participants", "study_entries", "study_acceptances"}  # m007, empty
    new_tables |= {"activities", "drivers", "driver_volumes"}  # m010, empty
    assert all(not rows_after[name] for name in new_tables)
    assert {
        name: [r[: width[name]] for r in rows] for name, rows in rows_after.items() if name not in new_tables
    } == rows_before
    # Columns added by later migrations hold their defaults: no kind, share, rate or cost appears from nowhere.
    defaults = {None, "administrative", 0, 1}
    for table in ("requirements", "staff_grades"):
        added = {v for r in rows_after[table] for v in r[width[table] :]}
        assert added <= defaults, (table, added)
    schema_after = schema(previous_release_db)
    changed = {name for name, _ in schema_after ^ schema_before}
    changed -= {f"sqlite_autoindex_{name}_1" for name in new_tables}  # their compound primary keys
    changed -= {"idx_activities_grade", "idx_driver_volumes_driver"}  # m010's indexes
    # Only the tables later migrations extend change (m006, m008), and new tables are new (m007): no earlier
    # migration ran a second time.
    assert changed == {"requirements", "staff_grades", "local_measurements"} | new_tables  # m011: study intervals
    assert user_version(previous_release_db) == len(REGISTERED)
    assert [r.id for r in catalogue.requirements] == ["R1", "R2", "R3"]
    assert next(r for r in catalogue.requirements if r.id == "R1").minutes_central == 95
    report = check(previous_release_db)
    assert report.ok, report.problems
    assert report.history_entries == 9


def test_an_upgraded_database_takes_new_writes_and_opens_again_unchanged(previous_release_db: Path) -> None:
    db = open_db(previous_release_db)
    measurement = LocalMeasurement(
        trust="Beta Probation Trust", requirement="R2", minutes=12, recorded_by="ann", recorded_on="2026-12-01"
    )
    save_local_measurement(db, measurement, actor="ann")
    db.conn.close()
    rows = snapshot(previous_release_db)

    db = open_db(previous_release_db)
    assert migrate(db) == len(REGISTERED)
    assert len(MIGRATIONS.applied(db)) == len(REGISTERED)
    db.conn.close()
    assert snapshot(previous_release_db) == rows
    assert len(rows["history"]) == 10
    assert check(previous_release_db).ok


def test_two_connections_opening_a_new_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "race.db"
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def open_it() -> None:
        db = connect(path)
        start.wait()
        try:
            migrate(db)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            db.conn.close()

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db = connect(path)
    assert [m.name for m in MIGRATIONS.applied(db)] == REGISTERED
    db.conn.close()


def test_a_database_made_before_activities_and_drivers_upgrades_without_loss(tmp_path: Path) -> None:
    """A file made by `proportion init` before m010 (requirements without activities) opens with every row kept."""
    from catalogue.dataset import load_default_catalogue
    from catalogue.store import save_catalogue

    path = tmp_path / "before.db"
    db = open_db(path)
    default = load_default_catalogue()
    without = default.model_copy(
        update={"requirements": [r.model_copy(update={"activities": []}) for r in default.requirements]}
    )
    save_catalogue(db, without)
    # Back to the schema as it stood before m010: its tables gone, and it not recorded as applied.
    for table in ("driver_volumes", "drivers", "activities"):
        db.table(table).drop()
    db.execute(f"DELETE FROM {MIGRATIONS.migrations_table} WHERE name = 'm010_activities_and_drivers'")
    db.conn.commit()
    assert [m.name for m in MIGRATIONS.pending(db)] == ["m010_activities_and_drivers"]
    db.conn.close()
    before = snapshot(path)

    db = open_db(path)
    assert MIGRATIONS.pending(db) == []
    assert load_catalogue(db) == without
    db.conn.close()
    after = snapshot(path)
    assert {name: rows for name, rows in after.items() if name in before} == before
    assert not after["activities"] and not after["drivers"] and not after["driver_volumes"]
