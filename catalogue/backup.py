"""Backups: consistent copies of a live database through SQLite's online backup API, restore, integrity check.

The backup API copies pages under SQLite's own locking, so a backup taken while the app is writing is a
consistent snapshot of one moment.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.errors import CatalogueError
from catalogue.history import verify_history
from catalogue.store import connect, open_db


def backup(source: str | Path, destination: str | Path) -> Path:
    """Copy the database at ``source`` to ``destination`` (which must not exist) while it stays in use."""
    destination = Path(destination)
    if destination.exists():
        raise CatalogueError(f"{destination} already exists; choose a new file for the backup")
    if not Path(source).exists():
        raise CatalogueError(f"no database at {source}")
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source), timeout=30)
    dst = sqlite3.connect(str(destination))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        dst.close()
        src.close()
    return destination


@dataclass
class IntegrityReport:
    """What an integrity check found; ``ok`` when nothing."""

    problems: list[str] = field(default_factory=list)
    history_entries: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check(path: str | Path) -> IntegrityReport:
    """Run SQLite's integrity and foreign-key checks and verify the history chain."""
    if not Path(path).exists():
        raise CatalogueError(f"no database at {path}")
    try:
        db = connect(path)
        report = IntegrityReport()
        result = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            report.problems += [f"integrity: {r}" for r in result]
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
            report.problems.append(f"foreign key: {table} row {rowid} refers to a missing {parent}")
        if "history" in db.table_names():
            verification = verify_history(db)
            report.history_entries = verification.entries
            if not verification.ok:
                report.problems.append(f"history: entry {verification.first_bad_id}: {verification.problem}")
        db.conn.close()
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(f"{path} is not a readable Proportion database ({exc})") from exc
    return report


def restore(backup_path: str | Path, target: str | Path) -> IntegrityReport:
    """Check a backup, then copy it over ``target`` page by page (connections to target see the restored data)."""
    report = check(backup_path)
    if not report.ok:
        raise CatalogueError(f"{backup_path} fails its integrity check: {report.problems[0]}")
    src = sqlite3.connect(str(backup_path))
    dst_db = open_db(target) if not Path(target).exists() else connect(target)
    try:
        src.backup(dst_db.conn)
    finally:
        src.close()
        dst_db.conn.close()
    open_db(target).conn.close()  # migrate a backup made by an older version
    return check(target)
