"""The SQLite store: models round-trip, foreign keys hold, writes are atomic and versioned, FTS finds text."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.errors import StaleWrite
from catalogue.history import verify_history
from catalogue.models import Catalogue, Provenance
from catalogue.store import (
    catalogue_counts,
    delete_local_measurement,
    get_requirement,
    get_setting,
    list_directives,
    load_catalogue,
    open_db,
    save_catalogue,
    search_requirements,
    set_setting,
    upsert_requirement,
)
from tests.factories import requirement, small_catalogue


def _sorted(c: Catalogue) -> Catalogue:
    return Catalogue(
        directives=sorted(c.directives, key=lambda d: d.reference),
        staff_grades=sorted(c.staff_grades, key=lambda g: g.code),
        requirements=sorted(c.requirements, key=lambda r: r.id),
        trusts=sorted(c.trusts, key=lambda t: t.name),
        outcomes=sorted(c.outcomes, key=lambda o: o.key),
        relevance_scores=sorted(c.relevance_scores, key=lambda s: (s.requirement, s.outcome)),
        local_measurements=sorted(c.local_measurements, key=lambda m: (m.trust, m.requirement)),
    )


def test_catalogue_round_trips_through_sqlite(empty_db):
    original = small_catalogue()
    save_catalogue(empty_db, original)
    assert load_catalogue(empty_db) == _sorted(original)


def test_every_connection_enforces_foreign_keys_and_uses_wal(tmp_path):
    db = open_db(tmp_path / "p.db")
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.journal_mode == "wal"
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO requirements (id, directive, text, modality, actor, purpose, activity, driver, grade)"
            " VALUES ('X', 'NO SUCH', 't', 'must', 'a', 'input', 'recording', 'per_case', 'po')"
        )


def test_schema_declares_foreign_keys_for_datasette(empty_db):
    fks = {(fk.column, fk.other_table) for fk in empty_db["requirements"].foreign_keys}
    assert fks == {("directive", "directives"), ("grade", "staff_grades")}
    assert {fk.other_table for fk in empty_db["relevance_scores"].foreign_keys} == {"requirements", "outcomes"}
    assert empty_db["directives"].foreign_keys[0].other_column == "reference"


def test_a_failing_write_leaves_nothing_behind(empty_db):
    bad = small_catalogue()
    bad.requirements.append(requirement("R9", directive="NO SUCH DIRECTIVE"))
    with pytest.raises(sqlite3.IntegrityError):
        save_catalogue(empty_db, bad)
    assert not any(catalogue_counts(empty_db).values())


def test_replace_makes_the_tables_equal_to_the_catalogue(empty_db):
    save_catalogue(empty_db, small_catalogue())
    smaller = small_catalogue()
    smaller.local_measurements.clear()
    smaller.relevance_scores[:] = [s for s in smaller.relevance_scores if s.requirement != "R3"]
    smaller.requirements[:] = [r for r in smaller.requirements if r.id != "R3"]
    save_catalogue(empty_db, smaller, replace=True)
    assert [r.id for r in load_catalogue(empty_db).requirements] == ["R1", "R2"]
    assert catalogue_counts(empty_db)["local_measurements"] == 0


def test_full_text_search_finds_requirements_and_tolerates_syntax(empty_db):
    save_catalogue(empty_db, small_catalogue())
    assert [r.id for r in search_requirements(empty_db, "OASys")] == ["R1"]
    assert [r.id for r in search_requirements(empty_db, "nsmart return")] == ["R2"]
    assert search_requirements(empty_db, '"unbalanced -quote AND') == []
    assert search_requirements(empty_db, "   ") == []


def test_edits_bump_the_version_and_refuse_stale_saves(empty_db):
    save_catalogue(empty_db, small_catalogue())
    edited = requirement("R1", minutes_central=100, minutes_high=150)
    assert upsert_requirement(empty_db, edited, actor="ann", expected_version=1) == 2
    with pytest.raises(StaleWrite) as err:
        upsert_requirement(empty_db, requirement("R1"), actor="bob", expected_version=1)
    assert err.value.current == 2
    assert get_requirement(empty_db, "R1").minutes_central == 100


def test_every_change_is_in_the_hash_chained_history(empty_db):
    save_catalogue(empty_db, small_catalogue())
    upsert_requirement(empty_db, requirement("R1", minutes_central=100, minutes_high=150), actor="ann", reason="timed")
    assert delete_local_measurement(empty_db, "Alpha Probation Trust", "R1", actor="ann")
    set_setting(empty_db, "policy", {"overhead_rate": 0.3}, actor="ann")
    rows = list(empty_db.query("SELECT actor, entity, action, reason FROM history ORDER BY id"))
    assert [r["entity"] for r in rows] == ["catalogue", "requirement", "local_measurement", "setting"]
    assert rows[1]["reason"] == "timed"
    assert verify_history(empty_db).ok
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        empty_db.execute("UPDATE history SET actor = 'mallory' WHERE id = 2")
    # Someone with the file and a SQLite shell can still drop the guard and edit a row: the chain shows it.
    empty_db.execute("DROP TRIGGER history_no_update")
    empty_db.execute("UPDATE history SET actor = 'mallory' WHERE id = 2")
    result = verify_history(empty_db)
    assert result.first_bad_id == 2 and not result.ok
    assert get_setting(empty_db, "policy") == {"overhead_rate": 0.3}


def test_list_directives_filters_by_status(empty_db):
    save_catalogue(empty_db, small_catalogue())
    assert [d.reference for d in list_directives(empty_db, status="cancelled")] == ["PC 24/2004"]
    assert list_directives(empty_db)[1].supersedes == ["PC 24/2004"]


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(
    lambda s: s.strip() != ""
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=texts,
    actor=texts,
    low=st.floats(0, 1000, allow_nan=False),
    spread=st.floats(0, 1000, allow_nan=False),
    per_unit=st.floats(0, 1000, allow_nan=False),
    critical=st.booleans(),
    rationale=texts,
)
def test_any_valid_requirement_round_trips(tmp_path_factory, text, actor, low, spread, per_unit, critical, rationale):
    db = open_db(tmp_path_factory.mktemp("rt") / "p.db")
    save_catalogue(db, small_catalogue())
    req = requirement(
        "R1",
        text=text,
        actor=actor,
        minutes_low=low,
        minutes_central=low + spread / 2,
        minutes_high=low + spread,
        occurrences_per_unit=per_unit,
        public_protection_critical=critical,
        minutes_provenance=Provenance.estimate(rationale),
    )
    upsert_requirement(db, req)
    assert get_requirement(db, "R1") == req
    db.conn.close()


def test_history_views_gather_a_records_changes(empty_db):
    from catalogue.history import history_of
    from catalogue.models import LocalMeasurement
    from catalogue.store import save_local_measurement

    save_catalogue(empty_db, small_catalogue())
    upsert_requirement(empty_db, requirement("R1", minutes_central=100, minutes_high=150), actor="ann")
    save_local_measurement(
        empty_db,
        LocalMeasurement(trust="Beta Probation Trust", requirement="R1", minutes=50, recorded_on="2026-11-20"),
        actor="bea",
    )
    upsert_requirement(empty_db, requirement("R1_", minutes_central=100, minutes_high=150), actor="ann")
    view = history_of(empty_db, "requirement", "R1")
    assert [(h["entity"], h["actor"]) for h in view] == [("local_measurement", "bea"), ("requirement", "ann")]
    assert [h["entity_id"] for h in history_of(empty_db, "trust", "Beta Probation Trust")] == [
        "Beta Probation Trust / R1"
    ]
    scoped = history_of(empty_db, "requirement", "R1", local_scope="Alpha Probation Trust")
    assert [h["entity"] for h in scoped] == ["requirement"]
    with pytest.raises(ValueError):
        history_of(empty_db, "nonsense", "x")


def test_recording_local_figures_saves_clears_and_refuses_stale_versions(empty_db):
    from catalogue.store import record_local_figures, row_version

    save_catalogue(empty_db, small_catalogue())
    trust = "Beta Probation Trust"
    saved = record_local_figures(empty_db, trust, "R1", 45.0, None, "timed", actor="bea", expected_version=0)
    assert saved is not None and saved.recorded_by == "bea"
    assert row_version(empty_db, "local_measurements", trust=trust, requirement="R1") == 1
    with pytest.raises(StaleWrite):  # a clear based on an old version must not delete a newer figure
        record_local_figures(empty_db, trust, "R1", None, None, actor="cal", expected_version=0)
    assert record_local_figures(empty_db, trust, "R1", None, None, actor="bea", expected_version=1) is None
    assert row_version(empty_db, "local_measurements", trust=trust, requirement="R1") == 0


# --- creating a record never replaces one ------------------------------------------------------


def _history_count(db) -> int:
    return int(db.execute("SELECT count(*) FROM history").fetchone()[0])


@pytest.mark.parametrize("taken", ["R1", "r1", "  R1  "])
def test_creating_a_requirement_whose_id_is_taken_is_refused_and_changes_nothing(empty_db, taken):
    from catalogue.errors import AlreadyExists
    from catalogue.store import create_requirement

    save_catalogue(empty_db, small_catalogue())
    before, entries = get_requirement(empty_db, "R1"), _history_count(empty_db)
    attempt = requirement(taken, text="A different duty that must not replace R1.", directive="PC 24/2004")
    for _ in range(2):  # a second try is refused just the same
        with pytest.raises(AlreadyExists) as err:
            create_requirement(empty_db, attempt, actor="ann", reason="new")
        assert not isinstance(err.value, StaleWrite)
        assert (err.value.entity, err.value.existing) == ("requirement", "R1")
        assert "already exists" in str(err.value) and "changed by someone else" not in str(err.value)
    assert get_requirement(empty_db, "R1") == before
    assert _history_count(empty_db) == entries
    assert [r.id for r in load_catalogue(empty_db).requirements] == ["R1", "R2", "R3"]


def test_creating_a_requirement_with_a_free_id_saves_version_one(empty_db):
    from catalogue.store import create_requirement, row_version

    save_catalogue(empty_db, small_catalogue())
    assert create_requirement(empty_db, requirement("R9"), actor="ann", reason="new") == 1
    assert row_version(empty_db, "requirements", id="R9") == 1
    assert get_requirement(empty_db, "R9").text.startswith("Offender managers")


@pytest.mark.parametrize("taken", ["PI 15/2010", "pi 15/2010", "PI  15/2010", " PI 15/2010 "])
def test_creating_a_directive_whose_reference_is_taken_is_refused_and_changes_nothing(empty_db, taken):
    from catalogue.errors import AlreadyExists
    from catalogue.models import Directive
    from catalogue.store import create_directive, get_directive

    save_catalogue(empty_db, small_catalogue())
    before, entries = get_directive(empty_db, "PI 15/2010"), _history_count(empty_db)
    attempt = Directive(reference=taken, title="Another title", type="Guidance", issuer="NOMS")
    with pytest.raises(AlreadyExists) as err:
        create_directive(empty_db, attempt, actor="ann", reason="new")
    assert (err.value.entity, err.value.existing) == ("directive", "PI 15/2010")
    assert get_directive(empty_db, "PI 15/2010") == before
    assert _history_count(empty_db) == entries


def test_creating_a_new_directive_saves_it_with_its_links(empty_db):
    from catalogue.models import Directive
    from catalogue.store import create_directive, get_directive

    save_catalogue(empty_db, small_catalogue())
    new = Directive(reference="PI 99/2011", title="New", type="Guidance", issuer="NOMS", supersedes=["PC 24/2004"])
    assert create_directive(empty_db, new, actor="ann", reason="new") == 1
    assert get_directive(empty_db, "PI 99/2011").supersedes == ["PC 24/2004"]


# --- a trust's figures from the measurement grid: read in its words, saved all or nothing -------------------


def _grid_row(requirement_id="R1", minutes="", count="", comment="", version=0):
    from catalogue.local_figures import FigureRow, row_label

    return FigureRow(requirement_id, row_label(requirement_id, "Complete an OASys review"), minutes, count, comment,
                     version)  # fmt: skip


def _measured(db, trust):
    return [m for m in load_catalogue(db).local_measurements if m.trust == trust]


def _entries(db) -> int:
    return int(db.execute("SELECT count(*) FROM history").fetchone()[0])


@pytest.mark.parametrize(
    ("minutes", "count", "column", "shown"),
    [
        ("-5", "", "Our minutes", "-5"),
        ("abc", "", "Our minutes", '"abc"'),
        ("", "twelve", "Our times a year", '"twelve"'),
        ("", "-1", "Our times a year", "-1"),
        ("nan", "", "Our minutes", '"nan"'),
        ("200000", "", "Our minutes", "200000"),
        (-5.0, "", "Our minutes", "-5"),
    ],
)
def test_a_bad_figure_is_refused_naming_its_row_and_column_in_plain_words(minutes, count, column, shown):
    from catalogue.local_figures import read_edits

    _, problems = read_edits([_grid_row(minutes=minutes, count=count)])
    [problem] = problems
    assert (problem.row, problem.column) == ("R1 (Complete an OASys review)", column)
    assert shown in problem.message
    text = str(problem)
    assert text.startswith("R1 (Complete an OASys review), " + column + ": ")
    for jargon in ("float", "greater_than", "ValidationError", "local_minutes", "occurrences_per_year", "input"):
        assert jargon not in text


@pytest.mark.parametrize(("typed", "read"), [("12", 12.0), (" 7.5 ", 7.5), ("1,200", 1200.0), ("0", 0.0), (8, 8.0)])
def test_a_figure_is_read_exactly_as_typed(typed, read):
    from catalogue.local_figures import read_edits

    [edit], problems = read_edits([_grid_row(minutes=typed, comment=" timed ")])
    assert problems == [] and (edit.minutes, edit.occurrences_per_year, edit.comment) == (read, None, "timed")


def test_a_comment_with_no_figure_on_a_new_row_is_refused_rather_than_lost():
    from catalogue.local_figures import read_edits

    _, problems = read_edits([_grid_row(comment="we never do this")])
    assert [p.column for p in problems] == ["Our minutes"]
    _, problems = read_edits([_grid_row(comment="old note", version=2)])  # clearing a saved measurement
    assert problems == []


def test_saving_several_figures_is_all_or_nothing_when_one_was_changed_by_someone_else(empty_db):
    from catalogue.local_figures import FigureEdit, StaleFigures
    from catalogue.store import record_local_figure_edits, record_local_figures, row_version

    save_catalogue(empty_db, small_catalogue())
    trust = "Beta Probation Trust"
    record_local_figures(empty_db, trust, "R2", 30.0, None, "theirs", actor="cal", expected_version=0)
    before = _entries(empty_db)
    edits = [FigureEdit("R1", 45.0, None, "mine", 0), FigureEdit("R2", 50.0, None, "mine", 0)]  # R2 is at 1
    with pytest.raises(StaleFigures) as err:
        record_local_figure_edits(empty_db, trust, edits, actor="bea")
    [stale] = err.value.stale
    assert stale.row.requirement == "R2" and stale.current_version == 1 and stale.current["comment"] == "theirs"
    assert row_version(empty_db, "local_measurements", trust=trust, requirement="R1") == 0, "R1 not half saved"
    assert _entries(empty_db) == before
    assert record_local_figure_edits(empty_db, trust, [edits[0], FigureEdit("R2", 50.0, None, "mine", 1)]) == 2
    assert [(m.requirement, m.minutes) for m in _measured(empty_db, trust)] == [("R1", 45.0), ("R2", 50.0)]


def test_saving_figures_of_an_unknown_requirement_saves_none_of_them(empty_db):
    from catalogue.local_figures import FigureEdit, FigureProblems
    from catalogue.store import record_local_figure_edits

    save_catalogue(empty_db, small_catalogue())
    edits = [FigureEdit("R1", 45.0, None, "", 0), FigureEdit("R404", 5.0, None, "", 0, label="R404 (gone)")]
    with pytest.raises(FigureProblems) as err:
        record_local_figure_edits(empty_db, "Beta Probation Trust", edits)
    assert [str(p) for p in err.value.problems] == ["R404 (gone), Id: no such requirement in the catalogue."]
    assert _measured(empty_db, "Beta Probation Trust") == []


def test_saving_the_figures_already_stored_writes_nothing(empty_db):
    """Reapplying an edit the store already holds must not write a second, identical history entry."""
    from catalogue.local_figures import FigureEdit
    from catalogue.store import record_local_figure_edits, row_version

    save_catalogue(empty_db, small_catalogue())
    trust = "Beta Probation Trust"
    assert record_local_figure_edits(empty_db, trust, [FigureEdit("R1", 45.0, None, "timed", 0)], actor="bea") == 1
    entries = _entries(empty_db)
    assert record_local_figure_edits(empty_db, trust, [FigureEdit("R1", 45.0, None, "timed", 1)], actor="bea") == 0
    assert record_local_figure_edits(empty_db, trust, [FigureEdit("R2", None, None, "", 0)], actor="bea") == 0
    assert _entries(empty_db) == entries
    assert row_version(empty_db, "local_measurements", trust=trust, requirement="R1") == 1


def test_clearing_both_figures_goes_back_to_the_national_estimate_with_the_reason(empty_db):
    from catalogue.history import history_for
    from catalogue.local_figures import FigureEdit
    from catalogue.store import record_local_figure_edits

    save_catalogue(empty_db, small_catalogue())
    trust = "Beta Probation Trust"
    record_local_figure_edits(empty_db, trust, [FigureEdit("R1", 45.0, None, "timed", 0)], actor="bea")
    assert record_local_figure_edits(empty_db, trust, [FigureEdit("R1", None, None, "", 1, note="wrong case")]) == 1
    assert _measured(empty_db, trust) == []
    assert [(h["action"], h["reason"]) for h in history_for(empty_db, "local_measurement", f"{trust} / R1")] == [
        ("create", "timed"),
        ("delete", "wrong case"),
    ]


def test_edits_against_an_older_table_are_sorted_into_done_and_set_aside(empty_db):
    from catalogue.store import record_local_figures, stale_edits

    save_catalogue(empty_db, small_catalogue())
    trust = "Beta Probation Trust"
    record_local_figures(empty_db, trust, "R1", 45.0, None, "timed", actor="bea", expected_version=0)
    record_local_figures(empty_db, trust, "R2", 30.0, None, "theirs", actor="cal", expected_version=0)
    rows = [
        _grid_row("R1", "45", "", "timed", version=0),  # saved already (by this user): done, no conflict
        _grid_row("R2", "50", "", "mine", version=0),  # someone else saved R2 meanwhile: a real conflict
        _grid_row("R3", "12", "", "", version=0),  # nobody touched R3: offered back, not a conflict
        _grid_row("R3", "abc", "", "", version=0),  # unreadable: never "already saved"
    ]
    aside = stale_edits(empty_db, trust, rows)
    assert [(s.row.requirement, s.row.minutes, s.changed_meanwhile) for s in aside] == [
        ("R2", "50", True),
        ("R3", "12", False),
        ("R3", "abc", False),
    ]
    assert aside[0].current["recorded_by"] == "cal" and aside[0].rebased().expected_version == 1


def test_a_save_meant_as_new_on_a_taken_id_is_an_already_exists_not_a_conflict(empty_db):
    """``expected_version=0`` says "this record is new": on an id that exists it is refused as already existing."""
    from catalogue.errors import AlreadyExists
    from catalogue.models import Directive
    from catalogue.store import get_directive, upsert_directive

    save_catalogue(empty_db, small_catalogue())
    before = get_requirement(empty_db, "R1")
    with pytest.raises(AlreadyExists):
        upsert_requirement(empty_db, requirement("R1", text="Something else entirely."), expected_version=0)
    with pytest.raises(AlreadyExists):
        upsert_directive(
            empty_db, Directive(reference="pi 15/2010", title="T", type="Guidance", issuer="NOMS"), expected_version=0
        )
    assert get_requirement(empty_db, "R1") == before
    assert get_directive(empty_db, "PI 15/2010").title == "Manage the sentence"
