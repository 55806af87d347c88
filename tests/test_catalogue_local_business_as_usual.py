"""A trust's own business-as-usual share typed in the measurement grid: read as a percentage, saved, kept."""

from __future__ import annotations

import json
from pathlib import Path

from catalogue.history import history_for
from catalogue.local_figures import BAU_COLUMN, FigureEdit, FigureRow, read_edits
from catalogue.store import load_catalogue, open_db, record_local_figure_edits

TRUST = "Avon and Somerset Probation Trust"
RID = "PC66-UPW-3M"


def test_a_share_is_typed_in_per_cent_and_a_wrong_one_is_refused_with_its_column() -> None:
    [edit], problems = read_edits([FigureRow(RID, RID, "", "", "our board reads it", 0, "50", "board paper")])
    assert not problems and edit.bau_share == 0.5 and edit.sets_bau
    _, problems = read_edits([FigureRow(RID, RID, "", "", "", 0, "150")])
    assert [(p.column, p.message) for p in problems] == [
        (BAU_COLUMN, '"150" is not a percentage: type a number from 0 to 100, e.g. 25.')
    ]


def test_a_share_alone_is_saved_with_the_history_and_a_study_s_minutes_keep_it(default_db_path: Path) -> None:
    db = open_db(default_db_path)
    [edit], _ = read_edits([FigureRow(RID, RID, "", "", "our board reads the same figures", 0, "50", "board paper")])
    assert record_local_figure_edits(db, TRUST, [edit], actor="tester") == 1
    [saved] = [m for m in load_catalogue(db).local_measurements if m.trust == TRUST and m.requirement == RID]
    assert saved.bau_share == 0.5 and saved.minutes is None
    entry = history_for(db, "local_measurement", f"{TRUST} / {RID}")[-1]
    assert json.loads(entry["new_value"])["bau_share"] == 0.5
    assert entry["reason"] == "our board reads the same figures Source of our business-as-usual share: board paper"
    # minutes accepted from a study say nothing of the share: it stays
    record_local_figure_edits(db, TRUST, [FigureEdit(RID, 90.0, None, "study", expected_version=1)], actor="tester")
    [saved] = [m for m in load_catalogue(db).local_measurements if m.trust == TRUST and m.requirement == RID]
    assert (saved.minutes, saved.bau_share) == (90.0, 0.5)
    # clearing every figure of the row goes back to the national estimate
    [clear], _ = read_edits([FigureRow(RID, RID, "", "", "", 2, "")])
    record_local_figure_edits(db, TRUST, [clear], actor="tester")
    assert not [m for m in load_catalogue(db).local_measurements if m.trust == TRUST and m.requirement == RID]
