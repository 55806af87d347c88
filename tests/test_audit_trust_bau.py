"""A trust's own business-as-usual share has its source, as the national share does: typed in the grid or set
from the command line (``proportion trust-bau set|clear|list``) under the same roles, shown wherever it is."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from catalogue.history import history_for
from catalogue.local_figures import BAU_COLUMN, BAU_SOURCE_COLUMN, FigureRow, read_edits
from catalogue.store import load_catalogue, open_db
from proportion.cli import main

TRUST = "Avon and Somerset Probation Trust"
OTHER = "Bedfordshire Probation Trust"
RID = "PC66-UPW-3M"
SOURCE = "our 2010 review of unpaid work placements: half the checks are done for the placement providers"


def own(db_path: Path, trust: str = TRUST, rid: str = RID):
    stored = load_catalogue(open_db(db_path)).local_measurements
    found = [m for m in stored if m.trust == trust and m.requirement == rid]
    return found[0] if found else None


def test_a_share_typed_in_the_grid_needs_its_source_in_its_own_column() -> None:
    _, problems = read_edits([FigureRow(RID, RID, "", "", "measured", 0, "50")])
    [problem] = problems
    assert problem.column == BAU_SOURCE_COLUMN and "source" in problem.message
    [edit], problems = read_edits([FigureRow(RID, RID, "", "", "", 0, "50", bau_source=SOURCE)])
    assert not problems and (edit.bau_share, edit.bau_source) == (0.5, SOURCE)
    assert BAU_SOURCE_COLUMN != BAU_COLUMN


def test_the_model_refuses_a_trust_share_without_a_source() -> None:
    import datetime as dt

    from pydantic import ValidationError

    from catalogue.models import LocalMeasurement

    with pytest.raises(ValidationError, match="source"):
        LocalMeasurement(trust=TRUST, requirement=RID, recorded_on=dt.date(2011, 1, 1), bau_share=0.5)


@pytest.fixture
def cli(default_db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("PROPORTION_DB", str(default_db_path))
    monkeypatch.setenv("PROPORTION_PASSWORD", "correct horse battery")
    for name, role, trust in (("kim", "trust_manager", TRUST), ("olu", "trust_manager", OTHER),
                              ("ana", "association_analyst", None), ("sam", "trust_staff", TRUST)):  # fmt: skip
        assert main(["users", "add", name, "--role", role, *(["--trust", trust] if trust else [])]) == 0
    capsys.readouterr()

    def run(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return run


def test_a_trust_manager_sets_lists_and_clears_their_share_from_the_command_line(cli, default_db_path: Path):
    status, out, err = cli("--as", "kim", "trust-bau", "set", RID, "50", "--source", SOURCE, "--json")
    assert status == 0, err
    done = json.loads(out)
    assert (done["trust"], done["requirement"], done["bau_share"], done["source"]) == (TRUST, RID, 0.5, SOURCE)
    saved = own(default_db_path)
    assert (saved.bau_share, saved.bau_source, saved.recorded_by) == (0.5, SOURCE, "kim")
    entry = history_for(open_db(default_db_path), "local_measurement", f"{TRUST} / {RID}")[-1]
    assert entry["actor"] == "kim" and SOURCE in entry["reason"]

    status, out, _ = cli("--as", "kim", "trust-bau", "list", "--json")
    [row] = json.loads(out)
    assert (row["trust"], row["requirement"], row["bau_share"], row["source"]) == (TRUST, RID, 0.5, SOURCE)
    assert row["national_bau_share"] == 0 and row["recorded_by"] == "kim"

    status, out, _ = cli("--as", "kim", "trust-bau", "list")
    assert status == 0 and RID in out and "50%" in out and SOURCE[:20] in out

    status, out, err = cli("--as", "kim", "trust-bau", "clear", RID, "--reason", "the review was wrong")
    assert status == 0, err
    assert own(default_db_path) is None  # nothing else was measured: the national figures apply again
    assert history_for(open_db(default_db_path), "local_measurement", f"{TRUST} / {RID}")[-1]["action"] == "delete"


def test_a_share_without_a_source_or_out_of_range_is_refused_in_words_and_nothing_saved(cli, default_db_path):
    status, _, err = cli("--as", "kim", "trust-bau", "set", RID, "50")
    assert status == 1 and "source" in err and "Traceback" not in err
    status, _, err = cli("--as", "kim", "trust-bau", "set", RID, "150", "--source", SOURCE)
    assert status == 1 and "150" in err and "percentage" in err
    status, _, err = cli("--as", "kim", "trust-bau", "set", "NO-SUCH", "50", "--source", SOURCE)
    assert status == 1 and "NO-SUCH" in err
    assert own(default_db_path) is None


def test_setting_a_share_keeps_the_trusts_own_minutes_and_their_interval(cli, default_db_path: Path):
    db = open_db(default_db_path)
    import datetime as dt

    from catalogue.models import LocalMeasurement
    from catalogue.store import save_local_measurement

    studied = LocalMeasurement(trust=TRUST, requirement=RID, minutes=20, minutes_low=15, minutes_high=26,
                               comment="study 3", recorded_on=dt.date(2011, 5, 9))  # fmt: skip
    save_local_measurement(db, studied)
    assert cli("--as", "kim", "trust-bau", "set", RID, "25", "--source", SOURCE)[0] == 0
    saved = own(default_db_path)
    assert (saved.minutes, saved.minutes_low, saved.minutes_high, saved.comment) == (20, 15, 26, "study 3")
    assert cli("--as", "kim", "trust-bau", "clear", RID)[0] == 0
    saved = own(default_db_path)
    assert (saved.minutes, saved.bau_share, saved.bau_source) == (20, None, None)


def test_the_roles_are_those_of_the_trust_page(cli, default_db_path: Path):
    # Another trust's manager, an analyst and trust staff may not set a trust's share.
    for who, extra in (("olu", ["--trust", TRUST]), ("ana", ["--trust", TRUST]), ("sam", [])):
        status, _, err = cli("--as", who, "trust-bau", "set", RID, "50", "--source", SOURCE, *extra)
        assert status == 1 and "may" in err and "Traceback" not in err, who
    assert own(default_db_path) is None
    # The administrator may, for any trust named.
    assert cli("trust-bau", "set", RID, "50", "--source", SOURCE, "--trust", OTHER)[0] == 0
    # The analyst reads every trust's shares; a trust manager only their own; trust staff none.
    assert [r["trust"] for r in json.loads(cli("--as", "ana", "trust-bau", "list", "--json")[1])] == [OTHER]
    assert json.loads(cli("--as", "kim", "trust-bau", "list", "--json")[1]) == []
    assert cli("--as", "kim", "trust-bau", "list", "--trust", OTHER)[0] == 1
    assert cli("--as", "sam", "trust-bau", "list")[0] == 1


def test_the_trust_report_shows_the_source_beside_our_share(default_db_path: Path):
    import datetime as dt

    from audit.engine import run_audit
    from catalogue.models import LocalMeasurement
    from catalogue.store import save_local_measurement
    from reports.tables import local_measurements

    db = open_db(default_db_path)
    rid = run_audit(load_catalogue(db)).table(trusts=[TRUST]).iloc[0]["requirement"]  # one the audit counts
    save_local_measurement(db, LocalMeasurement(trust=TRUST, requirement=rid, bau_share=0.5, bau_source=SOURCE,
                                                recorded_on=dt.date(2011, 5, 9)))  # fmt: skip
    catalogue = load_catalogue(db)
    table = local_measurements(run_audit(catalogue), run_audit(catalogue.model_copy(update={"local_measurements": []})),
                               TRUST)  # fmt: skip
    row = table.frame.set_index("requirement").loc[rid]
    assert row["own_bau_source"] == SOURCE
    assert "Source of our business-as-usual share" in [c.label for c in table.columns]


def test_a_database_with_shares_saved_before_sources_says_so(tmp_path: Path):
    """A share saved before a source was asked for is kept, its source saying that none was recorded."""
    from sqlite_utils import Database

    from catalogue.dataset import load_default_catalogue
    from catalogue.migrations import MIGRATIONS, migrate
    from catalogue.store import save_catalogue

    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(path))
    MIGRATIONS.apply(db, stop_before="m013_local_business_as_usual_source")
    assert "bau_source" not in db.table("local_measurements").columns_dict
    db.conn.close()
    db = open_db(tmp_path / "full.db")  # the default data, written into the old schema below
    save_catalogue(db, load_default_catalogue())
    old = Database(sqlite3.connect(path))
    for table in ("outcomes", "staff_grades", "directives", "requirements", "activities", "trusts", "trust_staff"):
        old.table(table).insert_all(db.table(table).rows)
    old.table("local_measurements").insert({"trust": TRUST, "requirement": RID, "comment": "", "recorded_by": "kim",
                                            "recorded_on": "2011-05-09", "bau_share": 0.5, "version": 1})  # fmt: skip
    old.conn.commit()
    migrate(old)
    [saved] = [m for m in load_catalogue(old).local_measurements if m.trust == TRUST]
    assert saved.bau_share == 0.5 and "no source was recorded" in (saved.bau_source or "")


def test_the_trust_report_document_states_each_share_with_its_source(default_db_path: Path):
    import datetime as dt

    from audit.engine import run_audit
    from catalogue.models import LocalMeasurement
    from catalogue.store import save_local_measurement
    from reports.context import prepare
    from reports.trust import trust_report

    db = open_db(default_db_path)
    rid = run_audit(load_catalogue(db)).table(trusts=[TRUST]).iloc[0]["requirement"]
    save_local_measurement(db, LocalMeasurement(trust=TRUST, requirement=rid, bau_share=0.5, bau_source=SOURCE,
                                                recorded_on=dt.date(2011, 5, 9)))  # fmt: skip
    report = trust_report(prepare(load_catalogue(db), today=dt.date(2011, 6, 1)), TRUST)
    text = " ".join(getattr(block, "text", "") for section in report.sections for block in section.blocks)
    assert f"{rid} 50% ({SOURCE})" in text
