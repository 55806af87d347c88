"""Backups while the database is in use, restore to identical data, integrity check, history verify from the CLI."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from catalogue.backup import backup, check, restore
from catalogue.errors import CatalogueError
from catalogue.io import export_catalogue
from catalogue.store import load_catalogue, open_db, upsert_requirement
from proportion.cli import main
from tests.factories import requirement


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    lines = list(conn.iterdump())
    conn.close()
    return lines


def test_restore_gives_back_identical_data(default_db_path, tmp_path):
    copy = backup(default_db_path, tmp_path / "b.db")
    before = _dump(default_db_path)
    db = open_db(default_db_path)
    first = load_catalogue(db).requirements[0]
    upsert_requirement(db, first.model_copy(update={"text": "changed after the backup"}), actor="t")
    db.conn.close()
    assert _dump(default_db_path) != before
    report = restore(copy, default_db_path)
    assert report.ok and _dump(default_db_path) == before


def test_backup_while_another_connection_writes_is_consistent(default_db_path, tmp_path):
    stop = threading.Event()

    def writer():
        db = open_db(default_db_path)
        catalogue = load_catalogue(db)
        base = requirement("BK-1", directive=catalogue.directives[0].reference, grade=catalogue.staff_grades[0].code)
        n = 0
        while not stop.is_set() and n < 200:
            upsert_requirement(db, base.model_copy(update={"text": f"edit {n}"}), actor="w")
            n += 1
        db.conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [backup(default_db_path, tmp_path / f"b{i}.db") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    for copy in copies:
        assert check(copy).ok


def test_integrity_check_names_a_tampered_history_entry(default_db_path):
    db = open_db(default_db_path)
    db.execute("DROP TRIGGER history_no_update")
    db.execute("UPDATE history SET reason = 'rewritten' WHERE id = 1")
    db.conn.commit()
    db.conn.close()
    report = check(default_db_path)
    assert not report.ok and "history: entry 1" in report.problems[0]


def test_backup_refuses_to_overwrite_and_restore_refuses_a_bad_file(default_db_path, tmp_path):
    target = tmp_path / "b.db"
    backup(default_db_path, target)
    with pytest.raises(CatalogueError, match="already exists"):
        backup(default_db_path, target)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CatalogueError, match="not a readable"):
        restore(junk, default_db_path)


def test_cli_history_verify_backup_restore_check(default_db_path, tmp_path, capsys):
    db = str(default_db_path)
    assert main(["history", "verify", "--db", db]) == 0
    assert "History intact" in capsys.readouterr().out
    assert main(["backup", "--db", db, "--out", str(tmp_path / "b.db")]) == 0
    assert main(["check", "--db", str(tmp_path / "b.db")]) == 0
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER history_no_update")
    conn.execute("UPDATE history SET actor = 'mallory' WHERE id = 1")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["history", "verify", "--db", db]) == 1
    assert "history entry 1 fails" in capsys.readouterr().err
    assert main(["restore", "--db", db, str(tmp_path / "b.db")]) == 0
    assert main(["history", "verify", "--db", db]) == 0


def test_exported_catalogue_survives_restore(default_db_path, tmp_path):
    before = export_catalogue(load_catalogue(open_db(default_db_path)), tmp_path / "a.json", "json").read_text()
    copy = backup(default_db_path, tmp_path / "b.db")
    restore(copy, default_db_path)
    after = export_catalogue(load_catalogue(open_db(default_db_path)), tmp_path / "b.json", "json").read_text()
    assert before == after
